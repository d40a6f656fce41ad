/**
 * The uniform contract every source reader fulfils: a file in, its sheets out, each sheet
 * handing its rows of cell text one at a time (so a million-row CSV is never held as rows).
 * Everything after the reader (layout, validation) sees only this shape.
 */
import type { CsvHead, CsvTail } from './csv.ts';

export interface Sheet {
  /** Sheet name for workbooks; null for CSV. */
  name: string | null;
  /** Calls `visit` with each row in order (synchronously). */
  forEachRow(visit: (cells: string[]) => void): void;
  /**
   * A large CSV cut in two: the tail's bytes, which a worker can read at the same time as the
   * head, and the head decoded — null when the cut is not a record boundary (a quoted cell
   * spans it: then read forEachRow).
   */
  split?: { tail: CsvTail; head(): CsvHead | null };
}

export interface SourceFile {
  /** How the bytes were decoded: utf-8, utf-8-bom, gb18030, utf-16le, or xlsx. */
  encoding: string;
  sheets: Sheet[];
}

export interface ReadOptions {
  /** CSV files from this many bytes on are cut in two (see csvSheet); Infinity: never. */
  splitBytes?: number;
}

export interface SourceReader {
  extensions: readonly string[];
  read(bytes: Uint8Array, options?: ReadOptions): Promise<SourceFile>;
}

/** A file the ingest cannot read at all: the run stops with this message, naming the file. */
export class UnreadableFileError extends Error {}

export function sheetOfRows(name: string | null, rows: string[][]): Sheet {
  return { name, forEachRow: (visit) => rows.forEach((row) => visit(row)) };
}
