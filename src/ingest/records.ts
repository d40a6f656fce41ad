/**
 * What an ingest run records about its inputs — rejects, warnings, one report per file and
 * sheet — and where accepted records go. Shapes only (and the error that stops a run), shared
 * by the stages so that none of them needs to import another for its types.
 */
import type { ContextSource } from '../domain/context.ts';
import type { RejectCode } from '../domain/cells.ts';
import type { SkipReason } from '../domain/layout.ts';
import type { SemesterId } from '../domain/semester.ts';
import type { TableKind } from '../domain/tables/index.ts';
import type { SetAsideCode } from './readers/types.ts';
import type { Superseded } from './versions.ts';

export interface RejectRecord {
  file: string;
  sheet: string | null;
  /** The row rejected; null for a file or sheet set aside as a whole. */
  row: number | null;
  column: string | null;
  value: string | null;
  code: RejectCode | SetAsideCode;
  message: string;
}

export interface WarningRecord {
  file: string;
  sheet: string | null;
  row: number | null;
  /** The table the rows went to; null for what concerns a whole sheet or file not read (a hidden sheet, a file superseded). */
  table: TableKind | null;
  column: string | null;
  code: string;
  message: string;
}

/** Warnings are for people: past this many of one kind in one file, the rest are counted, not listed. */
export const WARNINGS_LISTED_PER_FILE = 200;

/** How a sheet was read: a table (a header row, one row per record) or a per-person form (one record per sheet). */
export type SheetLayout = 'table' | 'quantified_form' | 'register_form' | 'weeks_as_columns';

export interface SheetReport {
  file: string;
  sheet: string | null;
  kind: TableKind | null;
  /** A second table the same rows also go to (seed 000's 考核情况汇总表: assessments, and the assistant roster). */
  also: TableKind | null;
  layout: SheetLayout | null;
  encoding: string;
  header_row: number | null;
  /** Where the semester came from: a column, a form's date line, the title lines, the folder name (null: not needed or from dates). */
  semester_source: 'column' | 'form' | 'title' | 'folder' | null;
  semester: SemesterId | null;
  /** Where the department came from: a column, a form's line, the title, the file name, the folder. */
  department_source: ContextSource | null;
  /** Where the role came from: a column, the title, the file name, the folder, or the table itself (assistants' roster). */
  role_source: ContextSource | null;
  /** Departments of the accepted rows, with their counts. */
  departments: Record<string, number>;
  read: number;
  accepted: number;
  rejected: number;
  skipped: number;
  skipped_by_reason: Partial<Record<SkipReason, number>>;
  /** Rows written to each table: the accepted rows, some of them to two tables. */
  published: Partial<Record<TableKind, number>>;
  warnings: number;
  /** Cells of merged ranges given their range's value before the rows were read (merges.ts). */
  merged_cells_filled: number;
  /** The sheet is hidden in the workbook: not read, its rows counted as skipped ('hidden', blank ones 'blank'). */
  hidden: boolean;
  /** Header cells of columns that were not published (personal ones are also listed below). */
  dropped_columns: string[];
  personal_columns_dropped: string[];
  /** The fields its header had a column for (a table's; a form's are its own): a field a metric counts that no form had is 该项未报送 (coverage). */
  columns?: string[];
  /** Set aside, not read: why (the same as its line in rejects), and the department its file name or folder names. Its rows are counted nowhere. */
  set_aside: { code: SetAsideCode; message: string; department: string | null } | null;
  /** Not read because another version of the same export is (versions.ts): which, and why. Its rows are counted nowhere. */
  superseded: Superseded | null;
  /** The 填报日期 its title or footer lines give (which version of an export is the latest). */
  filled_on: string | null;
  /** The semesters its published records fall in (training: the years), in the order met. */
  periods: string[];
  /** The day the file was last saved (YYYY-MM-DD, local time): when the department sent it, for the 报送 checklist. */
  file_date: string | null;
  /** Read as the kind a clerk's rules.json entry (file_kinds) gives: its file pattern. */
  kind_rule?: string;
}

export function emptyReport(file: string, sheet: string | null, encoding: string): SheetReport {
  return {
    file,
    sheet,
    kind: null,
    also: null,
    layout: null,
    encoding,
    header_row: null,
    semester_source: null,
    semester: null,
    department_source: null,
    role_source: null,
    departments: {},
    read: 0,
    accepted: 0,
    rejected: 0,
    skipped: 0,
    skipped_by_reason: {},
    published: {},
    warnings: 0,
    merged_cells_filled: 0,
    hidden: false,
    dropped_columns: [],
    personal_columns_dropped: [],
    set_aside: null,
    superseded: null,
    filled_on: null,
    periods: [],
    file_date: null,
  };
}

/** Counts a skipped row under its reason. */
export function skipper(report: SheetReport): (reason: SkipReason) => void {
  return (reason) => {
    report.skipped++;
    report.skipped_by_reason[reason] = (report.skipped_by_reason[reason] ?? 0) + 1;
  };
}

/** Where accepted records go (the staging tables). */
export interface RecordSink {
  append(kind: TableKind, record: Record<string, unknown>): void;
  /** Records a worker has already staged (StageWriter) in a file from stagePath, in order after those appended so far. */
  appendStaged?(kind: TableKind, path: string, rows: number): void;
  /** A fresh file for a worker's staged rows (with appendStaged). */
  stagePath?(): string;
  /** Where the tables stand now, and back to there (a sheet set aside after some of its rows were appended). */
  mark?(): unknown;
  rollback?(mark: unknown): void;
}

export interface IngestState {
  sheets: SheetReport[];
  rejects: RejectRecord[];
  warnings: WarningRecord[];
}

/** Stops the run: names the file (and sheet) and says what to do, in Chinese. */
export class IngestError extends Error {
  readonly file: string;
  constructor(file: string, message: string) {
    super(`${file}：${message}`);
    this.file = file;
  }
}
