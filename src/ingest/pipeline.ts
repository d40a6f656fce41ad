/**
 * The ingest pipeline: files → sheets → header → rows classified as data or not → data rows
 * parsed and validated → accepted records or rejects. Every row read is counted exactly once as
 * accepted, rejected or skipped (the conservation law the manifest records and tests assert).
 */
import { readFile } from 'node:fs/promises';
import { dirname, sep } from 'node:path';
import { z } from 'zod';
import { rejectCodeOf, type RejectCode } from '../domain/cells.ts';
import { classifyRow, findHeader, type HeaderFailure, type SkipReason } from '../domain/layout.ts';
import type { ActiveRules } from '../domain/rules.ts';
import { findSemester, type SemesterId } from '../domain/semester.ts';
import { TABLES, isPersonalColumn, type TableKind } from '../domain/tables.ts';
import { cleanCell } from '../domain/text.ts';
import { readerFor } from './readers/index.ts';
import { UnreadableFileError, type Sheet } from './readers/types.ts';

export type OutputRecord = Record<string, string | number | null>;

export interface RejectRecord {
  file: string;
  sheet: string | null;
  row: number;
  column: string | null;
  value: string | null;
  code: RejectCode;
  message: string;
}

export interface SheetReport {
  file: string;
  sheet: string | null;
  kind: TableKind | null;
  encoding: string;
  header_row: number | null;
  /** Where the semester came from: a column, the title lines, the folder name. */
  semester_source: 'column' | 'title' | 'folder' | null;
  semester: SemesterId | null;
  read: number;
  accepted: number;
  rejected: number;
  skipped: number;
  skipped_by_reason: Partial<Record<SkipReason, number>>;
  /** Header cells of columns that were not published (personal ones are also listed below). */
  dropped_columns: string[];
  personal_columns_dropped: string[];
}

export interface IngestResult {
  tables: Record<TableKind, OutputRecord[]>;
  rejects: RejectRecord[];
  sheets: SheetReport[];
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
    return `${where}的表头同时符合${failure.ambiguous.map((k) => `「${TABLES[k].label}」`).join('和')}，无法判断是哪种报表，请删去无关的列。`;
  if (failure.closest)
    return `${where}前 15 行中找不到可识别的表头。最接近「${failure.closest.label}」，但缺少列：${failure.closest.missing.join('、')}。请检查表头名称（如“系部”“在校生人数”“工号”“姓名”“专兼职”）。`;
  return `${where}中没有可识别的表头。`;
}

/** The semester written in a folder name on the file's path, nearest folder first. */
function semesterFromPath(relativePath: string): SemesterId | null {
  const folders = dirname(relativePath).split(/[\\/]/).reverse();
  for (const folder of folders) {
    const id = findSemester(folder);
    if (id) return id;
  }
  return null;
}

interface Context {
  rules: ActiveRules;
  result: IngestResult;
  /** First place each person was seen in a semester, to reject a second listing. */
  seenPeople: Map<string, string>;
}

export function createIngest(rules: ActiveRules) {
  const ctx: Context = {
    rules,
    result: { tables: { enrollment: [], counselors: [] }, rejects: [], sheets: [] },
    seenPeople: new Map(),
  };
  return {
    /** Read one file; `relativePath` (forward slashes) is how it is named in outputs and messages. */
    async addFile(absolutePath: string, relativePath: string): Promise<SheetReport[]> {
      const reader = readerFor(absolutePath);
      if (!reader) return [];
      const bytes = new Uint8Array(await readFile(absolutePath));
      let source;
      try {
        source = await reader.read(bytes);
      } catch (error) {
        if (error instanceof UnreadableFileError) throw new IngestError(relativePath, error.message);
        throw error;
      }
      const nonEmpty = source.sheets.filter((s) => s.rows.some((r) => r.some((c) => cleanCell(c) !== '')));
      if (nonEmpty.length === 0) throw new IngestError(relativePath, '文件为空，没有任何内容。请确认导出是否成功后重新报送。');
      const reports = source.sheets.map((sheet) => ingestSheet(ctx, sheet, relativePath, source.encoding));
      ctx.result.sheets.push(...reports);
      return reports;
    },
    result(): IngestResult {
      return ctx.result;
    },
  };
}

function ingestSheet(ctx: Context, sheet: Sheet, file: string, encoding: string): SheetReport {
  const report: SheetReport = {
    file,
    sheet: sheet.name,
    kind: null,
    encoding,
    header_row: null,
    semester_source: null,
    semester: null,
    read: sheet.rows.length,
    accepted: 0,
    rejected: 0,
    skipped: 0,
    skipped_by_reason: {},
    dropped_columns: [],
    personal_columns_dropped: [],
  };
  const skip = (reason: SkipReason) => {
    report.skipped++;
    report.skipped_by_reason[reason] = (report.skipped_by_reason[reason] ?? 0) + 1;
  };

  // An empty extra sheet (Excel's Sheet2, Sheet3) holds nothing: its rows are blanks.
  if (sheet.rows.every((r) => r.every((c) => cleanCell(c) === ''))) {
    sheet.rows.forEach(() => skip('blank'));
    return report;
  }

  const header = findHeader(sheet.rows);
  if (!header.ok) throw new IngestError(file, headerFailureMessage(header, sheet.name));
  const spec = TABLES[header.kind];
  report.kind = header.kind;
  report.header_row = header.row + 1;
  report.dropped_columns = header.unmapped;
  report.personal_columns_dropped = header.unmapped.filter(isPersonalColumn);

  const titleText = sheet.rows
    .slice(0, header.row)
    .map((r) => r.join(' '))
    .join(' ');
  const titleSemester = findSemester(titleText);
  const fileSemester = titleSemester ?? semesterFromPath(file);
  report.semester = fileSemester;
  report.semester_source = 'semester' in header.columns ? 'column' : titleSemester ? 'title' : fileSemester ? 'folder' : null;
  if (!('semester' in header.columns) && !fileSemester)
    throw new IngestError(
      file,
      '无法确定学期：表中没有“学期”列，标题行中没有写明学年学期，所在文件夹名也不是学期（如 2025-2026-1）。请补充其一。',
    );

  const headerCells = sheet.rows[header.row]!;
  const rowSchema = z.object(
    Object.fromEntries(spec.input.filter((c) => c.key in header.columns).map((c) => [c.key, c.schema(c.label)])),
  );
  sheet.rows.forEach((cells, index) => {
    if (index < header.row) return skip(cells.every((c) => cleanCell(c) === '') ? 'blank' : 'title');
    if (index === header.row) return skip('header');
    const kind = classifyRow(cells, headerCells);
    if (kind !== 'data') return skip(kind);

    const rowNumber = index + 1;
    const raw: Record<string, string> = {};
    for (const [key, at] of Object.entries(header.columns)) raw[key] = cells[at] ?? '';
    // A blank 学期 cell takes the semester of the title or folder.
    if (raw.semester !== undefined && cleanCell(raw.semester) === '' && fileSemester) raw.semester = fileSemester;
    const parsed = rowSchema.safeParse(raw);
    const problems: RejectRecord[] = parsed.success
      ? []
      : parsed.error.issues.map((issue) => {
          const key = String(issue.path[0]);
          const at = header.columns[key]!;
          return reject(file, sheet.name, rowNumber, headerCells[at] ?? key, raw[key] ?? '', rejectCodeOf(issue), issue.message);
        });
    const fields: Record<string, unknown> = parsed.success ? { ...parsed.data } : {};
    fields.semester ??= fileSemester;

    const record = problems.length === 0 ? buildRecord(ctx, header.kind, fields, file, rowNumber) : null;
    if (record && 'duplicateOf' in record)
      problems.push(
        reject(file, sheet.name, rowNumber, '工号', String(fields.staff_id), 'DUPLICATE_PERSON',
          `工号 ${fields.staff_id}（${fields.name}）在本学期已登记于 ${record.duplicateOf}，同一人只能登记一次，请删去重复的一行。`),
      );
    if (problems.length > 0) {
      report.rejected++;
      ctx.result.rejects.push(...problems);
    } else {
      report.accepted++;
      ctx.result.tables[header.kind].push(record as OutputRecord);
    }
  });
  return report;
}

function reject(file: string, sheet: string | null, row: number, column: string | null, raw: string | null, code: RejectCode, message: string): RejectRecord {
  return { file, sheet, row, column: column ? cleanCell(column) : null, value: raw === null ? null : cleanCell(raw), code, message };
}

/** Derived columns per kind; returns the place of the first listing when a person is listed twice. */
function buildRecord(ctx: Context, kind: TableKind, fields: Record<string, unknown>, file: string, row: number): OutputRecord | { duplicateOf: string } {
  const provenance = { source_file: file, source_row: row };
  if (kind === 'counselors') {
    const key = `${fields.semester}\u0000${fields.staff_id}`;
    const first = ctx.seenPeople.get(key);
    if (first) return { duplicateOf: first };
    ctx.seenPeople.set(key, `${file} 第 ${row} 行`);
    const fte = fields.employment === 'full_time' ? 1 : ctx.rules.part_time_fte;
    return pick(kind, { ...fields, fte, ...provenance });
  }
  return pick(kind, { ...fields, ...provenance });
}

/** The published columns, in the data dictionary's order, absent optional ones as null. */
function pick(kind: TableKind, fields: Record<string, unknown>): OutputRecord {
  const record: OutputRecord = {};
  for (const column of TABLES[kind].output) record[column.name] = (fields[column.name] ?? null) as string | number | null;
  return record;
}

export function toPosix(path: string): string {
  return path.split(sep).join('/');
}
