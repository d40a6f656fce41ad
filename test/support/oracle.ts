/**
 * An independent reading of the demo exports, for checking what the pages show. It shares no
 * code with the ingest: its own CSV parser, iconv-lite for GBK, NFKC for full-width text,
 * read-excel-file for .xlsx (the ingest reads workbooks with SheetJS), and deliberately plain
 * rules fitted to how the demo exports are laid out (semester = top folder). The one library
 * both use is SheetJS for the demo's old-format .xls (read-excel-file reads no .xls); the corpus
 * checks the ingest's .xls reading against LibreOffice-made files with known contents.
 */
import * as XLSX from '@e965/xlsx';
import iconv from 'iconv-lite';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import readExcelFile from 'read-excel-file/node';

export interface Unit {
  students: number;
  fullTime: number;
  partTime: number;
}
export type Truth = Map<string, Map<string, Unit>>;

/** NFKC (full-width digits and brackets → ASCII) and every space removed, ideographic ones too. */
export const norm = (v: unknown) => String(v ?? '').normalize('NFKC').replace(/\s+/g, '');

function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') row.push(cell), (cell = '');
    else if (ch === '\n') row.push(cell.replace(/\r$/, '')), rows.push(row), (row = []), (cell = '');
    else cell += ch;
  }
  if (cell || row.length) row.push(cell), rows.push(row);
  return rows;
}

function decode(bytes: Buffer): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return bytes.subarray(3).toString('utf8');
  const utf8 = bytes.toString('utf8');
  return utf8.includes('\uFFFD') ? iconv.decode(bytes, 'gbk') : utf8;
}

/** An old-format .xls, sheet by sheet, from A1: cells as read-excel-file would give them (null, text, number, Date). */
function readXls(path: string): Array<{ sheet: string; data: unknown[][] }> {
  const wb = XLSX.read(readFileSync(path), { cellDates: true });
  return wb.SheetNames.map((name) => ({ sheet: name, data: XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets[name]!, { header: 1, raw: true, defval: null, blankrows: true }) }));
}

async function readWorkbook(path: string): Promise<Array<{ sheet: string; data: unknown[][] }>> {
  return path.endsWith('.xls') ? readXls(path) : ((await readExcelFile(readFileSync(path))) as Array<{ sheet: string; data: unknown[][] }>);
}

export async function readRows(path: string): Promise<string[][]> {
  if (path.endsWith('.csv')) return parseCsv(decode(readFileSync(path)));
  const sheets = await readWorkbook(path);
  return sheets.flatMap((s) => s.data.map((r) => r.map((c) => (c == null ? '' : String(c)))));
}

/** One sheet of a file as text cells (a CSV is one sheet named ''). */
export interface SheetCells {
  sheet: string;
  rows: string[][];
}

/**
 * Like readRows, but sheet by sheet and with xlsx date cells as ISO dates (YYYY-MM-DD, read in
 * UTC as read-excel-file returns them) rather than Date#toString, so date columns can be parsed.
 */
export async function readSheets(path: string): Promise<SheetCells[]> {
  if (path.endsWith('.csv')) return [{ sheet: '', rows: parseCsv(decode(readFileSync(path))) }];
  const sheets = await readWorkbook(path);
  const text = (c: unknown) => (c == null ? '' : c instanceof Date ? c.toISOString().slice(0, 10) : String(c));
  return sheets.map((s) => ({ sheet: s.sheet, rows: s.data.map((r) => r.map(text)) }));
}

/**
 * Rows read per `file|sheet`: every row down to the last one with a cell filled in (titles,
 * headers, blank lines between and footers included) — what 数据质量 counts as 读取行数.
 */
export async function rowsReadPerSheet(exportsDir: string): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const path of filesBelow(exportsDir)) {
    const file = relative(exportsDir, path).split(/[\\/]/).join('/');
    for (const sheet of await readSheets(path)) {
      let last = sheet.rows.length;
      while (last > 0 && !sheet.rows[last - 1]!.some((c) => c.trim() !== '')) last--;
      out.set(`${file}|${sheet.sheet}`, last);
    }
  }
  return out;
}

export function filesBelow(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.(csv|xlsx|xls)$/.test(e.name))
    .map((e) => join(e.parentPath, e.name));
}

const DEPT = /^(系部|院系|学院|部门|所在单位|单位)$/;
const STUDENTS = /^(在校生人数|学生人数|学生数|人数)$/;
const EMPLOYMENT = /^(专兼职|岗位类型|类别|类型)$/;

export async function computeTruth(exportsDir: string): Promise<Truth> {
  const truth: Truth = new Map();
  const unit = (semester: string, dept: string) => {
    if (!truth.has(semester)) truth.set(semester, new Map());
    const m = truth.get(semester)!;
    if (!m.has(dept)) m.set(dept, { students: 0, fullTime: 0, partTime: 0 });
    return m.get(dept)!;
  };
  for (const path of filesBelow(exportsDir)) {
    const semester = relative(exportsDir, path).split(/[\\/]/)[0]!;
    const rows = (await readRows(path)).map((r) => r.map(norm));
    // Only rosters (姓名 + 专兼职) and enrollment tables (系部 + 人数, no 姓名 or 班级) count here.
    const h = rows.findIndex((r) => r.some((c) => STUDENTS.test(c) || c === '姓名'));
    const header = rows[h] ?? [];
    const dept = header.findIndex((c) => DEPT.test(c));
    const emp = header.findIndex((c) => EMPLOYMENT.test(c));
    const isRoster = header.includes('姓名') && emp >= 0 && dept >= 0;
    const isEnrollment = !header.includes('姓名') && !header.some((c) => c.startsWith('班级')) && dept >= 0;
    if (isRoster) {
      const name = header.indexOf('姓名');
      for (const r of rows.slice(h + 1)) {
        if (!r[name] || !r[dept]) continue;
        if (r[emp]!.startsWith('专职')) unit(semester, r[dept]!).fullTime++;
        else if (r[emp]!.startsWith('兼职')) unit(semester, r[dept]!).partTime++;
      }
    } else if (isEnrollment) {
      const n = header.findIndex((c) => STUDENTS.test(c));
      // A department cell merged down its rows is read as blank below the first: the rows under it are its.
      let above = '';
      for (const r of rows.slice(h + 1)) {
        if (r.some((c) => c.includes('合计'))) continue;
        const department = r[dept] || above;
        above = department;
        if (!department || !/^[\d,]+$/.test(r[n] ?? '')) continue;
        unit(semester, department).students += Number(r[n]!.replace(/,/g, ''));
      }
    }
  }
  return truth;
}

/**
 * Enrollment rows per `file|sheet` (relative to the exports folder), read as computeTruth reads them:
 * rows under the header with a department (or the one above, in a merged column) and a count, 合计 rows left out.
 */
export async function enrollmentRowsPerFile(exportsDir: string): Promise<Map<string, { rows: number; departments: Set<string> }>> {
  const out = new Map<string, { rows: number; departments: Set<string> }>();
  for (const path of filesBelow(exportsDir)) {
    const file = relative(exportsDir, path).split(/[\\/]/).join('/');
    for (const sheet of await readSheets(path)) {
      const rows = sheet.rows.map((r) => r.map(norm));
      const h = rows.findIndex((r) => r.some((c) => STUDENTS.test(c) || c === '姓名'));
      const header = rows[h] ?? [];
      const dept = header.findIndex((c) => DEPT.test(c));
      if (header.includes('姓名') || header.some((c) => c.startsWith('班级')) || dept < 0) continue;
      const n = header.findIndex((c) => STUDENTS.test(c));
      let above = '';
      let count = 0;
      const departments = new Set<string>();
      for (const r of rows.slice(h + 1)) {
        if (r.some((c) => c.includes('合计'))) continue;
        const department = r[dept] || above;
        above = department;
        if (department && /^[\d,]+$/.test(r[n] ?? '')) count++, departments.add(department);
      }
      out.set(`${file}|${sheet.sheet}`, { rows: count, departments });
    }
  }
  return out;
}

/** The policy's numbers, written here again on purpose rather than read from the rules file. */
export const TARGET = 200;

/**
 * As the page must write a ratio: one decimal, more where one decimal would round an exceeded
 * target down to it (200.012 is "1:200.01", never "1:200.0").
 */
export function ratioString(students: number, counselors: number): string {
  if (counselors === 0) return '—';
  const v = students / counselors;
  let d = 1;
  while (v > TARGET && Number(v.toFixed(d)) <= TARGET && d < 6) d++;
  return `1:${v.toFixed(d)}`;
}

export function expected(u: Unit) {
  // Part-time at 1/3, in thirds so that three part-timers are exactly one counselor.
  const thirds = u.fullTime * 3 + u.partTime;
  return {
    students: u.students,
    fullTime: u.fullTime,
    partTime: u.partTime,
    ratioFullTime: ratioString(u.students, u.fullTime),
    ratioWeighted: ratioString(u.students * 3, thirds),
    compliant: u.fullTime > 0 && u.students <= TARGET * u.fullTime,
    compliantWeighted: thirds > 0 && u.students * 3 <= TARGET * thirds,
    gap: Math.max(0, Math.ceil(u.students / TARGET) - u.fullTime),
  };
}

export function institution(units: Iterable<Unit>): Unit {
  const total = { students: 0, fullTime: 0, partTime: 0 };
  for (const u of units) (total.students += u.students), (total.fullTime += u.fullTime), (total.partTime += u.partTime);
  return total;
}
