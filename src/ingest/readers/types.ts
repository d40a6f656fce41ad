/**
 * The uniform contract every source reader fulfils: a file in, its sheets out as rows of
 * cell text. Everything after the reader (layout, validation) sees only this shape.
 */
export interface Sheet {
  /** Sheet name for workbooks; null for CSV. */
  name: string | null;
  rows: string[][];
}

export interface SourceFile {
  /** How the bytes were decoded: utf-8, utf-8-bom, gb18030, utf-16le, or xlsx. */
  encoding: string;
  sheets: Sheet[];
}

export interface SourceReader {
  extensions: readonly string[];
  read(bytes: Uint8Array): Promise<SourceFile>;
}

/** A file the ingest cannot read at all: the run stops with this message, naming the file. */
export class UnreadableFileError extends Error {}
