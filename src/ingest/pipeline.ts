/**
 * The ingest pipeline: files → sheets → header → rows classified as data or not → data rows
 * parsed, derived and checked → accepted records (into the staging tables) or rejects.
 * Rows stream through one at a time. Every row read is counted exactly once as accepted,
 * rejected or skipped: the conservation law the manifest records and the tests assert.
 */
import { readFile } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { Failure, roleFromText, type RejectCode, type Role } from '../domain/cells.ts';
import { classifyRow, findHeader, HEADER_SCAN_ROWS, normaliseHeaderRow, type HeaderFailure, type HeaderMatch, type SkipReason } from '../domain/layout.ts';
import type { ActiveRules } from '../domain/rules.ts';
import { findSemester, type SemesterId } from '../domain/semester.ts';
import { TABLES, isPersonalColumn, type TableKind, type TableSpec } from '../domain/tables/index.ts';
import { cleanCell, isBlankRow } from '../domain/text.ts';
import { readerFor } from './readers/index.ts';
import { UnreadableFileError, type Sheet } from './readers/types.ts';

export interface RejectRecord {
  file: string;
  sheet: string | null;
  row: number;
  column: string | null;
  value: string | null;
  code: RejectCode;
  message: string;
}

export interface WarningRecord {
  file: string;
  sheet: string | null;
  row: number | null;
  table: TableKind;
  column: string | null;
  code: string;
  message: string;
}

export interface SheetReport {
  file: string;
  sheet: string | null;
  kind: TableKind | null;
  encoding: string;
  header_row: number | null;
  /** Where the semester came from: a column, the title lines, the folder name (null: not needed or from dates). */
  semester_source: 'column' | 'title' | 'folder' | null;
  semester: SemesterId | null;
  /** Departments of the accepted rows, with their counts. */
  departments: Record<string, number>;
  read: number;
  accepted: number;
  rejected: number;
  skipped: number;
  skipped_by_reason: Partial<Record<SkipReason, number>>;
  warnings: number;
  /** Header cells of columns that were not published (personal ones are also listed below). */
  dropped_columns: string[];
  personal_columns_dropped: string[];
}

/** Where accepted records go (the staging tables). */
export interface RecordSink {
  append(kind: TableKind, record: Record<string, unknown>): void;
}

/** Stops the run: names the file (and sheet) and says what to do, in Chinese. */
export class IngestError extends Error {
  readonly file: string;
  constructor(file: string, message: string) {
    super(`${file}：${message}`);
    this.file = file;
  }
}

function headerFailureMessage(failure: HeaderFailure, sheet: string | null): string {
  const where = sheet ? `工作表「${sheet}」` : '文件';
  if (failure.ambiguous.length > 0)
    return `${where}的表头同时符合${failure.ambiguous.map((k) => `「${TABLES[k].label}」`).join('和')}，无法判断是哪种报表。请把不同报表分开保存，或删去无关的列。`;
  if (failure.closest.length > 0)
    return `${where}前 ${HEADER_SCAN_ROWS} 行中找不到可识别的表头。最接近的是${failure.closest
      .map((c) => `「${c.label}」（缺少列：${c.missing.join('、')}）`)
      .join('，其次是')}。请检查表头名称。`;
  return `${where}中没有可识别的表头。`;
}

/** The semester written in a folder name on the file's path, nearest folder first. */
function semesterFromPath(relativePath: string): SemesterId | null {
  for (const folder of dirname(relativePath).split(/[\\/]/).reverse()) {
    const id = findSemester(folder);
    if (id) return id;
  }
  return null;
}

export interface IngestState {
  sheets: SheetReport[];
  rejects: RejectRecord[];
  warnings: WarningRecord[];
}

export function createIngest(rules: ActiveRules, sink: RecordSink, onRows?: (file: string, rows: number) => void) {
  const state: IngestState = { sheets: [], rejects: [], warnings: [] };
  /** First place each unique key was seen, to reject a second listing. */
  const seen = new Map<string, string>();
  return {
    state,
    /** Read one file; `relativePath` (forward slashes) is how it is named in outputs and messages. */
    async addFile(absolutePath: string, relativePath: string): Promise<SheetReport[]> {
      const reader = readerFor(absolutePath);
      if (!reader) return [];
      const bytes = new Uint8Array(await readFile(absolutePath));
      try {
        const source = await reader.read(bytes);
        const reports: SheetReport[] = [];
        for (const sheet of source.sheets) reports.push(ingestSheet({ rules, sink, state, seen, onRows }, sheet, relativePath, source.encoding));
        if (reports.every((r) => r.kind === null)) throw new UnreadableFileError('文件为空，没有任何内容。请确认导出是否成功后重新报送。');
        state.sheets.push(...reports);
        return reports;
      } catch (error) {
        if (error instanceof UnreadableFileError) throw new IngestError(relativePath, error.message);
        throw error;
      }
    },
  };
}

interface Context {
  rules: ActiveRules;
  sink: RecordSink;
  state: IngestState;
  seen: Map<string, string>;
  onRows?: (file: string, rows: number) => void;
}

const PROGRESS_EVERY = 100_000;

function ingestSheet(ctx: Context, sheet: Sheet, file: string, encoding: string): SheetReport {
  const report: SheetReport = {
    file,
    sheet: sheet.name,
    kind: null,
    encoding,
    header_row: null,
    semester_source: null,
    semester: null,
    departments: {},
    read: 0,
    accepted: 0,
    rejected: 0,
    skipped: 0,
    skipped_by_reason: {},
    warnings: 0,
    dropped_columns: [],
    personal_columns_dropped: [],
  };
  const skip = (reason: SkipReason) => {
    report.skipped++;
    report.skipped_by_reason[reason] = (report.skipped_by_reason[reason] ?? 0) + 1;
  };

  // Rows from the first non-blank one are held until the header is found (at most HEADER_SCAN_ROWS).
  const top: string[][] = [];
  let topStart = 0;
  let dataRow: ((cells: string[], index: number) => void) | null = null;

  const start = () => {
    const header = findHeader(top);
    if (!header.ok) throw new UnreadableFileError(headerFailureMessage(header, sheet.name));
    dataRow = prepareTable(ctx, report, header, top, topStart, file, sheet.name, skip);
    top.forEach((cells, i) => dataRow!(cells, topStart + i));
  };

  sheet.forEachRow((cells) => {
    const index = report.read++;
    if (report.read % PROGRESS_EVERY === 0) ctx.onRows?.(file, report.read);
    if (dataRow) return dataRow(cells, index);
    if (top.length === 0 && isBlankRow(cells)) {
      topStart = index + 1;
      return skip('blank');
    }
    top.push(cells);
    if (top.length === HEADER_SCAN_ROWS) start();
  });
  // A sheet of nothing but blank rows (Excel's empty Sheet2) has no table: kind stays null.
  if (!dataRow && top.length > 0) start();
  return report;
}

/**
 * Everything decided once per sheet from its header and title lines; returns the handler for
 * each row from the top of the sheet on.
 */
function prepareTable(
  ctx: Context,
  report: SheetReport,
  header: HeaderMatch,
  top: string[][],
  topStart: number,
  file: string,
  sheetName: string | null,
  skip: (reason: SkipReason) => void,
): (cells: string[], index: number) => void {
  const spec: TableSpec = TABLES[header.kind];
  report.kind = header.kind;
  const headerIndex = topStart + header.row;
  report.header_row = headerIndex + 1;
  report.dropped_columns = header.unmapped;
  report.personal_columns_dropped = header.unmapped.filter(isPersonalColumn);

  const titleText = top.slice(0, header.row).map((r) => r.join(' ')).join(' ');
  const titleSemester = findSemester(titleText);
  const fileSemester = titleSemester ?? semesterFromPath(file);
  const hasSemesterColumn = 'semester' in header.columns;
  report.semester = fileSemester;
  report.semester_source = hasSemesterColumn ? 'column' : titleSemester ? 'title' : fileSemester ? 'folder' : null;
  if (spec.needsSemester && !hasSemesterColumn && !fileSemester)
    throw new UnreadableFileError(
      '无法确定学期：表中没有“学期”列，标题行中没有写明学年学期，所在文件夹名也不是学期（如 2025-2026-1）。请补充其一。',
    );
  // A table without a role column takes its role from the title or the file name ("辅导员工作记录").
  const titleRole: Role | null = roleFromText(titleText) ?? roleFromText(basename(file));
  if (spec.needsRole && !('role' in header.columns) && !titleRole)
    throw new UnreadableFileError('无法确定人员角色：表中没有“角色”列，标题和文件名中也没有写明“辅导员”“班主任”或“助理”。请补充其一。');

  const headerCells = top[header.row]!;
  const normalisedHeader = normaliseHeaderRow(headerCells);
  /** The columns this sheet has: [key, sheet column, parser, label]. */
  const columns = spec.input
    .filter((c) => c.key in header.columns)
    .map((c) => [c.key, header.columns[c.key]!, c.parse, c.label] as const);
  const { department_aliases: aliases, departments: known } = ctx.rules;

  const rejectRow = (problems: RejectRecord[]) => {
    report.rejected++;
    ctx.state.rejects.push(...problems);
  };
  const problem = (row: number, column: string | null, raw: string | null, code: RejectCode, message: string): RejectRecord => ({
    file,
    sheet: sheetName,
    row,
    column: column ? cleanCell(column) : null,
    value: raw === null ? null : cleanCell(raw),
    code,
    message,
  });

  return (cells, index) => {
    if (index < headerIndex) return skip(isBlankRow(cells) ? 'blank' : 'title');
    if (index === headerIndex) return skip('header');
    const kind = classifyRow(cells, normalisedHeader);
    if (kind !== 'data') return skip(kind);

    const rowNumber = index + 1;
    const fields: Record<string, unknown> = {};
    let problems: RejectRecord[] | null = null;
    for (const [key, at, parse, label] of columns) {
      let raw = cells[at] ?? '';
      // A blank 学期 cell takes the semester of the title or folder.
      if (key === 'semester' && fileSemester && cleanCell(raw) === '') raw = fileSemester;
      const value = parse(raw, label);
      if (value instanceof Failure) (problems ??= []).push(problem(rowNumber, headerCells[at] ?? label, raw, value.reject, value.message));
      else fields[key] = value;
    }
    if (problems) return rejectRow(problems);

    fields.semester ??= fileSemester;
    fields.role ??= titleRole;
    const department = String(fields.department);
    fields.department = aliases[department] ?? department;
    if (known.length > 0 && !known.includes(String(fields.department)))
      return rejectRow([
        problem(rowNumber, headerCells[header.columns.department!] ?? '系部', department, 'UNKNOWN_DEPARTMENT',
          `系部名称「${department}」不在本校系部名单中，请改用规范名称（${known.slice(0, 4).join('、')}等），或在 data/rules.json 的 department_aliases 中登记该别名。`),
      ]);

    const derived = spec.derive ? spec.derive(fields, { rules: ctx.rules, fileSemester, titleRole }) : { ok: true as const, record: fields };
    if (!derived.ok) return rejectRow([problem(rowNumber, derived.column, null, derived.code, derived.message)]);
    const record = derived.record;
    record.source_file = file;
    record.source_row = rowNumber;

    if (spec.uniqueKey) {
      const key = spec.uniqueKey.map((k) => String(record[k])).join('\u0000');
      const first = ctx.seen.get(`${spec.kind}\u0000${key}`);
      if (first)
        return rejectRow([
          problem(rowNumber, headerCells[header.columns.staff_id!] ?? '工号', String(record.staff_id), 'DUPLICATE_PERSON',
            `工号 ${record.staff_id}（${record.name}）在 ${record.semester} 学期已登记于 ${first}，同一人只能登记一次（专兼职或系部不同时，请确认后保留一行）。`),
        ]);
      ctx.seen.set(`${spec.kind}\u0000${key}`, `${file} 第 ${rowNumber} 行（${record.department}，${record.employment === 'full_time' ? '专职' : '兼职'}）`);
    }

    for (const w of derived.warnings ?? []) {
      report.warnings++;
      ctx.state.warnings.push({ file, sheet: sheetName, row: rowNumber, table: spec.kind, column: w.column ?? null, code: w.code, message: w.message });
    }
    report.accepted++;
    report.departments[String(record.department)] = (report.departments[String(record.department)] ?? 0) + 1;
    ctx.sink.append(spec.kind, record);
  };
}
