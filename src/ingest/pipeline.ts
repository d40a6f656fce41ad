/**
 * The ingest pipeline: files → sheets → header → rows classified as data or not → data rows
 * parsed, derived and checked → accepted records (into the staging tables) or rejects.
 * Rows stream through one at a time. Every row read is counted exactly once as accepted,
 * rejected or skipped: the conservation law the manifest records and the tests assert.
 */
import { basename, dirname } from 'node:path';
import { Failure, roleFromText, type RejectCode, type Role } from '../domain/cells.ts';
import { classifyRow, findHeader, HEADER_SCAN_ROWS, normaliseHeaderRow, type HeaderFailure, type HeaderMatch, type SkipReason } from '../domain/layout.ts';
import type { ActiveRules } from '../domain/rules.ts';
import { findSemester, semesterLabel, type SemesterId } from '../domain/semester.ts';
import { TABLES, isPersonalColumn, type TableKind, type TableSpec } from '../domain/tables/index.ts';
import { cleanCell, isBlankCell, isBlankRow } from '../domain/text.ts';
import { WARNINGS_LISTED_PER_FILE } from './checks.ts';
import type { CsvTail } from './readers/csv.ts';
import { parseCsv } from './readers/csv-parse.ts';
import { readerFor } from './readers/index.ts';
import { UnreadableFileError, type Sheet } from './readers/types.ts';
import { publishRecord, StageWriter } from './stage-lines.ts';
import { startTail } from './tail.ts';

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
  /** Records a worker has already written as staging lines (StageWriter), in order after those appended so far. */
  appendStaged?(kind: TableKind, chunks: readonly Uint8Array[], rows: number): void;
  /** The number staging lines give a source file (with appendStaged). */
  fileId?(sourceFile: string): number;
}

/** Stops the run: names the file (and sheet) and says what to do, in Chinese. */
export class IngestError extends Error {
  readonly file: string;
  constructor(file: string, message: string) {
    super(`${file}：${message}`);
    this.file = file;
  }
}

const KINDS_HINT = '本系统可识别：在校生人数、辅导员名册、工作记录、培训记录、考核结果、助理名册、班级名单';

function headerFailureMessage(failure: HeaderFailure, sheet: string | null, encoding: string): string {
  const where = sheet ? `工作表「${sheet}」` : '文件';
  if (failure.ambiguous.length > 0)
    return `${where}的表头同时符合${failure.ambiguous.map((k) => `「${TABLES[k].label}」`).join('和')}，无法判断是哪种报表。请把不同报表分开保存，或删去无关的列。`;
  if (failure.closest.length > 0)
    return `${where}前 ${HEADER_SCAN_ROWS} 行中找不到可识别的表头。最接近的是${failure.closest
      .map((c) => `「${c.label}」（缺少列：${c.missing.join('、')}）`)
      .join('，其次是')}。请补上缺少的列或改用规范的表头名称，再报送。`;
  if (encoding === 'gb18030-mixed')
    return `${where}的编码混杂（大部分是 UTF-8，夹有 GBK 字符），表头无法正确读出。请用 Excel 或 WPS 打开后“另存为”CSV UTF-8 或 .xlsx，再报送。`;
  return `${where}中没有可识别的表头。${KINDS_HINT}；请把表头放在前 ${HEADER_SCAN_ROWS} 行内${sheet ? '；若这是说明等非数据工作表，请删除该工作表' : ''}，再报送。`;
}

/** The semester written in a folder name on the file's path, nearest folder first. */
function semesterFromPath(relativePath: string): SemesterId | null {
  for (const folder of dirname(relativePath).split(/[\\/]/).reverse()) {
    const id = findSemester(folder);
    if (id) return id;
  }
  return null;
}

/** "角色：counselor 辅导员 / …" → "角色": the label as a clerk's header would say it. */
const shortLabel = (label: string) => label.split(/[（：(]/)[0]!;

export interface IngestState {
  sheets: SheetReport[];
  rejects: RejectRecord[];
  warnings: WarningRecord[];
}

export interface IngestSettings {
  /** Called every 100,000 rows of a long sheet. */
  onRows?: (file: string, rows: number) => void;
  /** CSV files from this many bytes on are read in two halves at once (see csvSheet); Infinity: never. */
  splitBytes?: number;
}

export function createIngest(rules: ActiveRules, sink: RecordSink, settings: IngestSettings = {}) {
  const state: IngestState = { sheets: [], rejects: [], warnings: [] };
  /** First place each unique key was seen, to reject a second listing. */
  const seen = new Map<string, string>();
  return {
    state,
    /** Read one file's bytes; `relativePath` (forward slashes) is how it is named in outputs and messages. */
    async addFile(bytes: Uint8Array, relativePath: string): Promise<SheetReport[]> {
      const reader = readerFor(relativePath);
      if (!reader) return [];
      try {
        const source = await reader.read(bytes, { splitBytes: sink.appendStaged && sink.fileId ? settings.splitBytes : Infinity });
        const reports: SheetReport[] = [];
        for (const sheet of source.sheets) {
          const ctx: Context = { rules, sink, state, seen, onRows: settings.onRows };
          reports.push(await ingestSheet(ctx, sheet, relativePath, source.encoding));
        }
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

/** Sheets that hold instructions, not data: a template's 填表说明, 封面, 目录, 示例. */
const NOTES_SHEET = /说明|须知|注意事项|填表要求|封面|目录|示例|样表|模板说明/;

function emptyReport(file: string, sheet: string | null, encoding: string): SheetReport {
  return {
    file,
    sheet,
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
}

function skipper(report: SheetReport): (reason: SkipReason) => void {
  return (reason) => {
    report.skipped++;
    report.skipped_by_reason[reason] = (report.skipped_by_reason[reason] ?? 0) + 1;
  };
}

async function ingestSheet(ctx: Context, sheet: Sheet, file: string, encoding: string): Promise<SheetReport> {
  const report = emptyReport(file, sheet.name, encoding);
  const skip = skipper(report);

  if (sheet.name && NOTES_SHEET.test(sheet.name)) {
    // Counted, and listed in the manifest as skipped 'notes': nothing in it is published.
    sheet.forEachRow(() => {
      report.read++;
      skip('notes');
    });
    return report;
  }

  // Rows from the first non-blank one are held until the header is found (at most HEADER_SCAN_ROWS).
  const top: string[][] = [];
  let topStart = 0;
  let table: SheetTable | null = null;
  /** Called once the header is known, before the rows held are handled. */
  let onHeader: ((header: HeaderMatch) => void) | null = null;

  const start = () => {
    const header = findHeader(top);
    if (!header.ok) throw new UnreadableFileError(headerFailureMessage(header, sheet.name, encoding));
    table = prepareTable(ctx, report, header, top, topStart, file, sheet.name, skip);
    onHeader?.(header);
    top.forEach((cells, i) => table!.row(cells, topStart + i));
  };

  const visit = (cells: string[]) => {
    const index = report.read++;
    if (report.read % PROGRESS_EVERY === 0) ctx.onRows?.(file, report.read);
    if (table) return table.row(cells, index);
    if (top.length === 0 && isBlankRow(cells)) {
      topStart = index + 1;
      return skip('blank');
    }
    top.push(cells);
    if (top.length === HEADER_SCAN_ROWS) start();
  };

  // A large CSV in two halves: a worker reads the tail while this thread reads the head, from
  // the moment the header is known. Kinds that reject a person listed twice need every row
  // seen before, so their tail is read here after the head, as is a sheet whose header is not
  // in the head.
  const tail = sheet.split
    ? startTail({ tail: sheet.split.tail, fileId: ctx.sink.fileId!(provenanceFile(file)), rules: ctx.rules, file, sheet: sheet.name, encoding })
    : null;
  try {
    const head = sheet.split?.head() ?? null;
    if (!head) {
      tail?.cancel();
      sheet.forEachRow(visit);
    } else {
      let reading = false;
      onHeader = (header) => {
        if (TABLES[header.kind].uniqueKey) return;
        tail!.read({ delimiter: head.delimiter, records: head.records, top, topStart });
        reading = true;
      };
      const line = head.forEachRow(visit);
      if (reading) mergeTail(ctx, report, table!, await tail!.result(line, (rows) => ctx.onRows?.(file, rows)));
      else {
        tail!.cancel();
        head.forEachTailRow(visit, line);
      }
    }
  } finally {
    tail?.cancel();
  }
  // A sheet of nothing but blank rows (Excel's empty Sheet2) has no table: kind stays null.
  if (!table && top.length > 0) start();
  if (table) finishTable(ctx, report, table);
  return report;
}

/** What a worker needs to read a tail: the bytes, and the file they are part of. */
export interface TailJob {
  tail: CsvTail;
  /** What the staging lines number the file (RecordSink.fileId). */
  fileId: number;
  rules: ActiveRules;
  file: string;
  sheet: string | null;
  encoding: string;
}

/** Sent to the worker once the head's header is known: how to read the tail's rows. */
export interface TailStart {
  delimiter: string;
  /** Rows in the head: the tail's first row has this index. */
  records: number;
  /** The rows the header was found in, and the index of the first. */
  top: string[][];
  topStart: number;
}

/** A tail's rows, counted, rejected, warned about and staged, for the head's thread to add on. */
export interface TailResult {
  read: number;
  accepted: number;
  rejected: number;
  skipped: number;
  skipped_by_reason: Partial<Record<SkipReason, number>>;
  warnings: number;
  departments: Array<[string, number]>;
  /** Row warnings by code, all of them; `rowWarnings` lists the first of each code as the head would. */
  warningCounts: Record<string, number>;
  rowWarnings: WarningRecord[];
  rejects: RejectRecord[];
  /** Staging lines of the accepted rows (StageWriter), `rows` of them. */
  chunks: Uint8Array[];
  rows: number;
}

/**
 * Reads a tail (in a worker) as the rest of its sheet: the table is prepared again from the
 * rows the head found the header in, so every row is handled as it would be in one pass, with
 * its own index and row number; accepted rows are written as staging lines in memory.
 */
export function ingestTail(job: TailJob, start: TailStart, text: string, onProgress: (rows: number) => void): TailResult {
  const header = findHeader(start.top);
  if (!header.ok) throw new Error(`${job.file}: the tail's header was not found again`);
  const writer = new StageWriter(null, TABLES[header.kind].output, () => job.fileId);
  const sink: RecordSink = {
    append: (kind, record) => {
      publishRecord(job.rules, kind, record);
      writer.append(record);
    },
  };
  const ctx: Context = { rules: job.rules, sink, state: { sheets: [], rejects: [], warnings: [] }, seen: new Map() };
  const report = emptyReport(job.file, job.sheet, job.encoding);
  const table = prepareTable(ctx, report, header, start.top, start.topStart, job.file, job.sheet, skipper(report));
  // What prepareTable found about the sheet as a whole, the head has recorded.
  ctx.state.warnings.length = 0;
  report.warnings = 0;
  let index = start.records;
  parseCsv(
    text,
    (cells) => {
      report.read++;
      table.row(cells, index++);
      if (index % PROGRESS_EVERY === 0) onProgress(index);
    },
    start.delimiter,
  );
  writer.close();
  return {
    read: report.read,
    accepted: report.accepted,
    rejected: report.rejected,
    skipped: report.skipped,
    skipped_by_reason: report.skipped_by_reason,
    warnings: report.warnings,
    departments: [...table.departments].map(([name, count]) => [name, count.n]),
    warningCounts: table.warningCounts,
    rowWarnings: ctx.state.warnings,
    rejects: ctx.state.rejects,
    chunks: writer.chunks,
    rows: writer.rows,
  };
}

/** Adds a tail's result to its sheet, as if this thread had read the tail's rows after the head's. */
function mergeTail(ctx: Context, report: SheetReport, table: SheetTable, tail: TailResult): void {
  report.read += tail.read;
  report.accepted += tail.accepted;
  report.rejected += tail.rejected;
  report.skipped += tail.skipped;
  report.warnings += tail.warnings;
  for (const [reason, n] of Object.entries(tail.skipped_by_reason) as Array<[SkipReason, number]>)
    report.skipped_by_reason[reason] = (report.skipped_by_reason[reason] ?? 0) + n;
  for (const [name, n] of tail.departments) {
    const count = table.departments.get(name);
    if (count) count.n += n;
    else table.departments.set(name, { n });
  }
  for (const reject of tail.rejects) ctx.state.rejects.push(reject);
  const listed: Record<string, number> = {};
  for (const warning of tail.rowWarnings) {
    listed[warning.code] = (listed[warning.code] ?? 0) + 1;
    if ((table.warningCounts[warning.code] ?? 0) + listed[warning.code]! <= WARNINGS_LISTED_PER_FILE) ctx.state.warnings.push(warning);
  }
  for (const [code, n] of Object.entries(tail.warningCounts)) table.warningCounts[code] = (table.warningCounts[code] ?? 0) + n;
  ctx.sink.appendStaged!(table.kind, tail.chunks, tail.rows);
}

/** The file as source_file names it: published as text lines to the staging tables, which no tab or line break may split. */
const provenanceFile = (file: string) => file.replace(/[\t\r\n]/g, ' ');

/** A sheet's table once its header is known: the row handler and what it counts. */
interface SheetTable {
  kind: TableKind;
  /** Handles each row from the top of the sheet on; `index` is the row's, from 0. */
  row(cells: string[], index: number): void;
  /** Row warnings of each code in this sheet; past the listed number they are only counted. */
  warningCounts: Record<string, number>;
  /** Accepted rows per department, in the order first seen. */
  departments: Map<string, { n: number }>;
}

/** When the sheet has been read: departments into the report, and the count of warnings not listed. */
function finishTable(ctx: Context, report: SheetReport, table: SheetTable): void {
  // Built as data properties: a department called "__proto__" must be a key, not a prototype.
  report.departments = Object.fromEntries([...Object.entries(report.departments), ...[...table.departments].map(([name, count]) => [name, count.n] as const)]);
  for (const [code, n] of Object.entries(table.warningCounts))
    if (n > WARNINGS_LISTED_PER_FILE)
      ctx.state.warnings.push({ file: report.file, sheet: report.sheet, row: null, table: table.kind, column: null, code, message: `同类问题另有 ${n - WARNINGS_LISTED_PER_FILE} 处，未逐条列出；请先核对上面列出的行。` });
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
): SheetTable {
  const spec: TableSpec = TABLES[header.kind];
  report.kind = header.kind;
  const headerIndex = topStart + header.row;
  report.header_row = headerIndex + 1;
  report.dropped_columns = header.unmapped;
  report.personal_columns_dropped = header.unmapped.filter(isPersonalColumn);

  const titleText = top.slice(0, header.row).map((r) => r.join(' ')).join(' ');
  const titleSemester = findSemester(titleText);
  const folderSemester = semesterFromPath(file);
  const fileSemester = titleSemester ?? folderSemester;
  if (titleSemester && folderSemester && titleSemester !== folderSemester) {
    // A clerk reusing last term's file keeps its title: the title wins, but say so.
    report.warnings++;
    ctx.state.warnings.push({
      file, sheet: sheetName, row: topStart + 1, table: header.kind, column: null, code: 'SEMESTER_MISMATCH',
      message: `标题写的是${semesterLabel(titleSemester)}，文件却放在 ${folderSemester} 文件夹中；已按标题计入${semesterLabel(titleSemester)}。如标题有误，请改正后重新报送。`,
    });
  }
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
  /** A cell holding something under no header (or past the last one) is data no column reads. */
  const unnamed = (cells: readonly string[]) => {
    for (let i = 0; i < cells.length; i++) if (!normalisedHeader[i] && cells[i] !== '' && cleanCell(cells[i]) !== '') return i;
    return -1;
  };
  const subHeader = top[header.row + 1];
  if (subHeader && unnamed(subHeader) >= 0 && subHeader.every((c) => cleanCell(c) === '' || !/\d/.test(c)))
    throw new UnreadableFileError(
      `表头似乎有两行（第 ${topStart + header.row + 2} 行“${subHeader.filter((c) => cleanCell(c)).join('、')}”是下一级表头），或用了合并单元格。请把表头整理成一行（如“男生人数”“女生人数”各占一列）后重新报送。`,
    );
  /** The columns this sheet has, as parallel arrays (this runs once per row): key, sheet column, parser, label. */
  const columns = spec.input.filter((c) => c.key in header.columns);
  const keys = columns.map((c) => c.key);
  const at = columns.map((c) => header.columns[c.key]!);
  const parsers = columns.map((c) => c.parse);
  const labels = columns.map((c) => c.label);
  const semesterAt = keys.indexOf('semester');
  const values: unknown[] = new Array(columns.length);
  const makeFields = recordFactory(keys);
  const aliases = new Map(Object.entries(ctx.rules.department_aliases));
  const known = new Set(ctx.rules.departments);
  const deriveContext = { rules: ctx.rules, fileSemester, titleRole };
  /** Published columns that must hold a value (provenance is always set). */
  const required = spec.output.filter((c) => !c.nullable && !c.name.startsWith('source_')).map((c) => c.name);

  const sourceFile = provenanceFile(file);
  const sourceSheet = sheetName?.replace(/[\t\r\n]/g, ' ') ?? null;
  const warningCounts: Record<string, number> = {};
  const departments = new Map<string, { n: number }>();
  let lastDepartment: string | null = null;
  let lastCount: { n: number } | undefined;

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

  const row = (cells: string[], index: number): void => {
    if (index < headerIndex) return skip(isBlankRow(cells) ? 'blank' : 'title');
    if (index === headerIndex) return skip('header');
    const kind = classifyRow(cells, normalisedHeader);
    if (kind !== 'data') return skip(kind);

    const rowNumber = index + 1;
    // A template's unused rows (a pre-filled 序号 and nothing else) hold no data.
    let empty = true;
    for (let c = 0; c < at.length && empty; c++) empty = isBlankCell(cells[at[c]!]);
    if (empty) return skip('blank');
    const stray = unnamed(cells);
    if (stray >= 0)
      return rejectRow([
        problem(rowNumber, `第 ${stray + 1} 列（无表头）`, cells[stray]!, 'UNNAMED_CELL',
          `第 ${stray + 1} 列没有表头，却填了「${cleanCell(cells[stray]).slice(0, 20)}」。可能是未加引号的千分位数字（如 1,020 被拆成两格）或数据错位，请核对本行后重新报送。`),
      ]);
    let problems: RejectRecord[] | null = null;
    for (let c = 0; c < values.length; c++) {
      let raw = cells[at[c]!] ?? '';
      // A blank 学期 cell takes the semester of the title or folder.
      if (c === semesterAt && fileSemester && isBlankCell(raw)) raw = fileSemester;
      const value = parsers[c]!(raw, labels[c]!);
      if (value instanceof Failure) (problems ??= []).push(problem(rowNumber, headerCells[at[c]!] ?? labels[c]!, raw, value.reject, value.message));
      else values[c] = value;
    }
    if (problems) return rejectRow(problems);
    const fields = makeFields(values);

    fields.semester ??= fileSemester;
    fields.role ??= titleRole;
    const department = String(fields.department);
    fields.department = aliases.get(department) ?? department;
    if (known.size > 0 && !known.has(String(fields.department)))
      return rejectRow([
        problem(rowNumber, headerCells[header.columns.department!] ?? '系部', department, 'UNKNOWN_DEPARTMENT',
          `系部名称「${department}」不在本校系部名单中，请改用规范名称（${[...known].slice(0, 4).join('、')}等），或在 data/rules.json 的 department_aliases 中登记该别名。`),
      ]);

    const derived = spec.derive ? spec.derive(fields, deriveContext) : { ok: true as const, record: fields };
    if (!derived.ok) return rejectRow([problem(rowNumber, derived.column, null, derived.code, derived.message)]);
    const record = derived.record;
    record.source_file = sourceFile;
    record.source_sheet = sourceSheet;
    record.source_row = rowNumber;

    // A published column that must hold a value and has none (e.g. a blank 角色 with no role in
    // the title): the row is rejected here, naming the column, rather than failing the load.
    for (let c = 0; c < required.length; c++) {
      const name = required[c]!;
      if (record[name] === null || record[name] === undefined) {
        const label = shortLabel(spec.output.find((o) => o.name === name)!.label);
        return rejectRow([problem(rowNumber, label, '', 'MISSING_VALUE', `「${label}」为空，请补填。`)]);
      }
    }

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
      const seen = (warningCounts[w.code] = (warningCounts[w.code] ?? 0) + 1);
      if (seen <= WARNINGS_LISTED_PER_FILE)
        ctx.state.warnings.push({ file, sheet: sheetName, row: rowNumber, table: spec.kind, column: w.column ?? null, code: w.code, message: w.message });
    }
    report.accepted++;
    const name = String(record.department);
    if (name !== lastDepartment) {
      lastDepartment = name;
      lastCount = departments.get(name);
      if (!lastCount) departments.set(name, (lastCount = { n: 0 }));
    }
    lastCount!.n++;
    ctx.sink.append(spec.kind, record);
  };
  return { kind: spec.kind, row, warningCounts, departments };
}

/**
 * A function building a row's fields object from the parsed values, keys in column order — as an
 * object literal, so that every row's object has the same shape (stored key by key, a million
 * rows' objects cost a fifth of the row loop). Keys come from the table specs, never from a file.
 */
const factories = new Map<string, (values: readonly unknown[]) => Record<string, unknown>>();
function recordFactory(keys: readonly string[]): (values: readonly unknown[]) => Record<string, unknown> {
  const id = keys.join('\u0000');
  let make = factories.get(id);
  if (!make) {
    make = new Function('v', `return { ${keys.map((k, i) => `${JSON.stringify(k)}: v[${i}]`).join(', ')} };`) as (values: readonly unknown[]) => Record<string, unknown>;
    factories.set(id, make);
  }
  return make;
}
