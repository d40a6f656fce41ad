/**
 * Parquet files of one schema joined into one file, their row groups one after the other, without
 * decoding or re-encoding a page: the second file's bytes (pages, dictionaries, bloom filters,
 * page indexes) are copied after the first's, and one footer lists every row group with the
 * second file's offsets moved by where its bytes now start. The ingest writes a large table's
 * parts on two threads at once and joins them (staging.ts); a copy of the rows by DuckDB would
 * decode and encode them again.
 *
 * The footer is read into a tree that keeps every field and its order (thrift-compact.ts), so
 * that what is not changed is written back as it was.
 */
import { closeSync, copyFileSync, fstatSync, ftruncateSync, openSync, readSync, writeSync } from 'node:fs';
import { Reader, T, Writer, type Field, type ListValue, type Value } from './thrift-compact.ts';

const field = (fields: readonly Field[], id: number) => fields.find((f) => f.id === id);

/** Moves an integer field by `delta`, if the struct has it. */
function shift(fields: readonly Field[] | undefined, id: number, delta: bigint): void {
  const f = fields && field(fields, id);
  if (f) f.value = (f.value as bigint) + delta;
}

/**
 * Row groups of the footer (FileMetaData.row_groups) moved `delta` bytes further into the file:
 * every offset a reader seeks to (parquet.thrift: RowGroup.file_offset; ColumnChunk.file_offset,
 * offset_index_offset, column_index_offset; ColumnMetaData.data_page_offset, index_page_offset,
 * dictionary_page_offset, bloom_filter_offset), and their ordinals after `ordinal` groups.
 */
function moveRowGroups(groups: Value[], delta: bigint, ordinal: number): void {
  for (const [i, group] of (groups as Field[][]).entries()) {
    shift(group, 5, delta);
    const position = field(group, 7);
    if (position) position.value = BigInt(ordinal + i);
    for (const chunk of (field(group, 1)!.value as ListValue).items as Field[][]) {
      if (field(chunk, 1)) throw new Error('Parquet: a column chunk in another file cannot be joined');
      shift(chunk, 2, delta);
      shift(chunk, 4, delta);
      shift(chunk, 6, delta);
      const meta = field(chunk, 3)?.value as Field[] | undefined;
      for (const id of [9, 10, 11, 14]) shift(meta, id, delta);
    }
  }
}

const MAGIC = 'PAR1';

/** A file's bytes up to its footer, and its footer read. */
function readParquet(fd: number, path: string): { footerStart: number; footer: Field[] } {
  const size = fstatSync(fd).size;
  const tail = Buffer.alloc(8);
  if (size < 12 || readSync(fd, tail, 0, 8, size - 8) !== 8 || tail.toString('latin1', 4) !== MAGIC) throw new Error(`${path}: not a Parquet file`);
  const length = tail.readUInt32LE(0);
  const footerStart = size - 8 - length;
  const bytes = Buffer.alloc(length);
  readSync(fd, bytes, 0, length, footerStart);
  return { footerStart, footer: new Reader(bytes).struct() };
}

/** Writes `parts` (Parquet files of one schema, in order) as one file at `path`: their rows in order, each row group as it was. */
export function concatParquet(parts: readonly string[], path: string): void {
  if (parts.length === 0) throw new Error('concatParquet: no file');
  // A failed write names the file written (a full disk is said with its path, faults.ts), not the part read.
  const writing = <T>(write: () => T): T => {
    try {
      return write();
    } catch (error) {
      throw Object.assign(error as Error, { path });
    }
  };
  writing(() => copyFileSync(parts[0]!, path));
  if (parts.length === 1) return;
  const out = openSync(path, 'r+');
  try {
    const first = readParquet(out, path);
    const footer = first.footer;
    const schema = new Writer();
    schema.value(T.LIST, field(footer, 2)!.value);
    const schemaBytes = Buffer.from(schema.bytes());
    const groups = (field(footer, 4)!.value as ListValue).items;
    const rows = field(footer, 3)!;
    let end = first.footerStart;
    writing(() => ftruncateSync(out, end));
    const buffer = Buffer.allocUnsafe(1 << 20);
    for (const part of parts.slice(1)) {
      const fd = openSync(part, 'r');
      try {
        const next = readParquet(fd, part);
        const other = new Writer();
        other.value(T.LIST, field(next.footer, 2)!.value);
        if (!schemaBytes.equals(Buffer.from(other.bytes()))) throw new Error(`${part}: not the schema of ${parts[0]}`);
        // Its bytes after the leading magic, up to its footer, go where this file's footer was.
        const delta = BigInt(end - 4);
        const added = (field(next.footer, 4)!.value as ListValue).items;
        moveRowGroups(added, delta, groups.length);
        groups.push(...added);
        rows.value = (rows.value as bigint) + (field(next.footer, 3)!.value as bigint);
        for (let at = 4; at < next.footerStart; ) {
          const n = readSync(fd, buffer, 0, Math.min(buffer.length, next.footerStart - at), at);
          if (n === 0) throw new Error(`${part}: ends early`);
          for (let done = 0; done < n; ) done += writing(() => writeSync(out, buffer, done, n - done, end + done));
          at += n;
          end += n;
        }
      } finally {
        closeSync(fd);
      }
    }
    const writer = new Writer();
    writer.struct(footer);
    const footerBytes = writer.bytes();
    const trailer = Buffer.alloc(8);
    trailer.writeUInt32LE(footerBytes.length, 0);
    trailer.write(MAGIC, 4, 'latin1');
    const closing = Buffer.concat([footerBytes, trailer]);
    for (let done = 0; done < closing.length; ) done += writing(() => writeSync(out, closing, done, closing.length - done, end + done));
  } finally {
    closeSync(out);
  }
}

/** For tests: a footer read and written again, which must give the same bytes. */
export function footerRoundTrip(bytes: Uint8Array): Uint8Array {
  const w = new Writer();
  w.struct(new Reader(bytes).struct());
  return w.bytes();
}
