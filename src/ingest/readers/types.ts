/**
 * The uniform contract every source reader fulfils: a file in, its sheets out, each sheet
 * handing its rows of cell text one at a time (so a million-row CSV is never held as rows),
 * with what the workbook records around the cells: merged ranges, visibility, its date system,
 * cells beyond the columns read, and where invisible characters were removed. Everything
 * after the reader (merges, layout, validation) sees only this shape.
 */
import type { InvisibleTally } from '../../domain/invisible.ts';
import type { TextRange, TextSource } from './text-source.ts';

/** A merged range, rows and columns from 0, inclusive. */
export interface MergedRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
  /** The value in its first cell is a number (not a date): it is counted once, never copied (merges.ts). */
  number: boolean;
}

/** What a workbook hides from view, as the file records it (what the ingest does about it: sheet.ts, layout.ts). */
export interface Visibility {
  /** The sheet itself is hidden (or "very hidden", which only a macro can show again). */
  hidden: boolean;
  /** Hidden rows and columns, from 0. */
  rows: readonly number[];
  columns: readonly number[];
}

/** The second part of a CSV cut in two at a record boundary: its bytes and their decoder. */
export type CsvTail = TextRange;

/** The head of a CSV cut in two, decoded. */
export interface CsvHead {
  /** The delimiter of the file's first line, for the tail as well. */
  delimiter: string;
  /** How many records (rows) the head holds. */
  records: number;
  /** Calls `visit` for each row of the head; returns the line number where the tail starts. */
  forEachRow(visit: (cells: string[]) => void): number;
  /** Calls `visit` for each row of the tail, read here; `firstLine` is what forEachRow returned. */
  forEachTailRow(visit: (cells: string[]) => void, firstLine: number): void;
}

export interface Sheet {
  /** Sheet name for workbooks; null for CSV. */
  name: string | null;
  /** Calls `visit` with each row in order (synchronously), from the sheet's first row (A1). */
  forEachRow(visit: (cells: string[]) => void): void;
  /**
   * A large CSV cut in two: the tail's bytes, which a worker can read at the same time as the
   * head, and the head decoded — null when the cut is not a record boundary (a quoted cell
   * spans it: then read forEachRow).
   */
  split?: { tail: CsvTail; head(): CsvHead | null };
  /** Merged ranges (workbooks); a merged range's value sits in its first cell only. */
  merges?: readonly MergedRange[];
  /** Hidden sheet, rows and columns (workbooks). */
  visibility?: Visibility;
  /** Day serials count from 1904 (the workbook's 1904 date system): a bare serial in a date column is read so (wide-table.ts). */
  date1904?: boolean;
  /** Non-empty cells past the last column read (MAX_COLUMNS), never materialised: how many, and the first. */
  beyond?: { cells: number; row: number; column: number; text: string };
  /** Invisible characters removed from the cells as they were read, per column (filled while the rows are read). */
  invisible?: InvisibleTally;
  /** Text: when no table could be read from it, what its encoding seems to be (Big5…), for the message; null if nothing is wrong with it. */
  encodingProblem?: () => string | null;
}

/**
 * Columns read from a sheet: a cell further right (a stray keystroke in column XFD) is counted
 * and reported, never materialised — a row is never built out to the sheet's declared width.
 */
export const MAX_COLUMNS = 1024;

export interface SourceFile {
  /** How the bytes were decoded: utf-8, utf-8-bom, gb18030, utf-16le; or the workbook format (xlsx, xls, …). */
  encoding: string;
  sheets: Sheet[];
}

export interface ReadOptions {
  /** CSV files from this many bytes on are cut in two (see csvSheet); Infinity: never. */
  splitBytes?: number;
  /** Text is read this many bytes at a time (PART_BYTES; tests make it small). */
  partBytes?: number;
  /** A workbook whose sheets unpack to more than this is refused before it is read (DEFAULT_LIMITS). */
  maxWorkbookBytes?: number;
}

/** How large an input may be before it is refused with a message rather than read (README, "Nothing is lost"). */
export const DEFAULT_LIMITS = {
  /** Any file (CSV and text are read a part at a time; this keeps a mistaken export of years of data from being read unasked). */
  maxFileBytes: 500 * 2 ** 20,
  /** A workbook, unpacked: SheetJS needs about ten times its sheets' XML in memory (a 54 MB sheet: 550 MB). */
  maxWorkbookBytes: 100 * 2 ** 20,
};

export interface SourceReader {
  extensions: readonly string[];
  /** A file in memory, or on disk (a text file is then read a part at a time). */
  read(source: TextSource, options?: ReadOptions): Promise<SourceFile>;
}

/** Why a file (or one sheet of it) is set aside: a short code for the rejects table, and a message a clerk can act on. */
export type SetAsideCode =
  | 'UNREADABLE_FILE'
  | 'PASSWORD_PROTECTED'
  | 'EMPTY_FILE'
  | 'UNBALANCED_QUOTES'
  | 'NO_HEADER'
  | 'AMBIGUOUS_HEADER'
  | 'KIND_CONTRADICTED'
  | 'KIND_UNCLEAR'
  | 'MULTI_ROW_HEADER'
  | 'NO_SEMESTER'
  | 'NO_DEPARTMENT'
  | 'NO_ROLE'
  | 'FILE_TOO_LARGE'
  | 'UNKNOWN_ENCODING'
  | 'NOT_A_TABLE'
  | 'ONLY_HIDDEN_SHEETS'
  | 'DUPLICATE_COLUMN'
  | 'HEADER_CHANGED'
  | 'NO_PERMISSION'
  | 'CONFLICTING_VERSIONS';

/**
 * A file (or sheet) the ingest cannot read or understand: it is set aside with this message
 * (quarantine.ts), or, with --strict, the run stops naming it.
 */
export class UnreadableFileError extends Error {
  readonly code: SetAsideCode;
  constructor(message: string, code: SetAsideCode = 'UNREADABLE_FILE') {
    super(message);
    this.code = code;
  }
}

export function sheetOfRows(name: string | null, rows: string[][], more: Omit<Sheet, 'name' | 'forEachRow' | 'split'> = {}): Sheet {
  return { name, forEachRow: (visit) => rows.forEach((row) => visit(row)), ...more };
}
