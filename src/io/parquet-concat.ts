/**
 * Parquet files of one schema joined into one file, their row groups one after the other, without
 * decoding or re-encoding a page: the second file's bytes (pages, dictionaries, bloom filters,
 * page indexes) are copied after the first's, and one footer lists every row group with the
 * second file's offsets moved by where its bytes now start. The ingest writes a large table's
 * parts on two threads at once and joins them (staging.ts); a copy of the rows by DuckDB would
 * decode and encode them again.
 *
 * The footer is Thrift's compact protocol (parquet.thrift): read into a tree that keeps every
 * field and its order, so that what is not changed is written back as it was.
 */
import { closeSync, copyFileSync, fstatSync, ftruncateSync, openSync, readSync, writeSync } from 'node:fs';

/** Compact-protocol field types. */
const T = { TRUE: 1, FALSE: 2, BYTE: 3, I16: 4, I32: 5, I64: 6, DOUBLE: 7, BINARY: 8, LIST: 9, SET: 10, MAP: 11, STRUCT: 12 } as const;

interface Field {
  id: number;
  type: number;
  value: Value;
}
type Value = boolean | bigint | Uint8Array | Field[] | ListValue;
interface ListValue {
  elementType: number;
  items: Value[];
}

class Reader {
  pos = 0;
  private readonly bytes: Uint8Array;
  constructor(bytes: Uint8Array) {
    this.bytes = bytes;
  }

  private byte(): number {
    if (this.pos >= this.bytes.length) throw new Error('Parquet footer ends early');
    return this.bytes[this.pos++]!;
  }

  varint(): bigint {
    let result = 0n;
    let shift = 0n;
    for (;;) {
      const b = this.byte();
      result |= BigInt(b & 0x7f) << shift;
      if (!(b & 0x80)) return result;
      shift += 7n;
    }
  }

  zigzag(): bigint {
    const n = this.varint();
    return (n >> 1n) ^ -(n & 1n);
  }

  value(type: number): Value {
    switch (type) {
      case T.TRUE:
        return true;
      case T.FALSE:
        return false;
      case T.BYTE:
        return BigInt(this.byte());
      case T.I16:
      case T.I32:
      case T.I64:
        return this.zigzag();
      case T.DOUBLE: {
        const bytes = this.bytes.slice(this.pos, this.pos + 8);
        this.pos += 8;
        return bytes;
      }
      case T.BINARY: {
        const n = Number(this.varint());
        const bytes = this.bytes.slice(this.pos, this.pos + n);
        this.pos += n;
        return bytes;
      }
      case T.LIST:
      case T.SET: {
        const header = this.byte();
        const elementType = header & 0x0f;
        const size = header >> 4 === 15 ? Number(this.varint()) : header >> 4;
        const items: Value[] = [];
        // A boolean in a list is a byte of its own (1: true).
        for (let i = 0; i < size; i++) items.push(elementType === T.TRUE || elementType === T.FALSE ? this.byte() === T.TRUE : this.value(elementType));
        return { elementType, items };
      }
      case T.STRUCT:
        return this.struct();
      default:
        throw new Error(`Parquet footer: field type ${type} not expected`);
    }
  }

  struct(): Field[] {
    const fields: Field[] = [];
    let last = 0;
    for (;;) {
      const header = this.byte();
      if (header === 0) return fields;
      const type = header & 0x0f;
      const id = header >> 4 ? last + (header >> 4) : Number(this.zigzag());
      fields.push({ id, type, value: this.value(type) });
      last = id;
    }
  }
}

class Writer {
  private readonly out: number[] = [];

  bytes(): Uint8Array {
    return Uint8Array.from(this.out);
  }

  private varint(n: bigint): void {
    do {
      const b = Number(n & 0x7fn);
      n >>= 7n;
      this.out.push(n ? b | 0x80 : b);
    } while (n);
  }

  private zigzag(n: bigint): void {
    this.varint(n >= 0n ? n << 1n : ((-n) << 1n) - 1n);
  }

  value(type: number, value: Value): void {
    switch (type) {
      case T.TRUE:
      case T.FALSE:
        return;
      case T.BYTE:
        this.out.push(Number(value as bigint) & 0xff);
        return;
      case T.I16:
      case T.I32:
      case T.I64:
        return this.zigzag(value as bigint);
      case T.DOUBLE:
        this.out.push(...(value as Uint8Array));
        return;
      case T.BINARY: {
        const bytes = value as Uint8Array;
        this.varint(BigInt(bytes.length));
        for (const b of bytes) this.out.push(b);
        return;
      }
      case T.LIST:
      case T.SET: {
        const { elementType, items } = value as ListValue;
        if (items.length < 15) this.out.push((items.length << 4) | elementType);
        else {
          this.out.push(0xf0 | elementType);
          this.varint(BigInt(items.length));
        }
        for (const item of items) {
          if (elementType === T.TRUE || elementType === T.FALSE) this.out.push(item ? T.TRUE : T.FALSE);
          else this.value(elementType, item);
        }
        return;
      }
      case T.STRUCT:
        return this.struct(value as Field[]);
      default:
        throw new Error(`Parquet footer: field type ${type} not expected`);
    }
  }

  struct(fields: readonly Field[]): void {
    let last = 0;
    for (const f of fields) {
      const type = f.type === T.TRUE || f.type === T.FALSE ? (f.value ? T.TRUE : T.FALSE) : f.type;
      const delta = f.id - last;
      if (delta > 0 && delta <= 15) this.out.push((delta << 4) | type);
      else {
        this.out.push(type);
        this.zigzag(BigInt(f.id));
      }
      this.value(type, f.value);
      last = f.id;
    }
    this.out.push(0);
  }
}

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
  copyFileSync(parts[0]!, path);
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
    ftruncateSync(out, end);
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
          for (let done = 0; done < n; ) done += writeSync(out, buffer, done, n - done, end + done);
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
    for (let done = 0; done < closing.length; ) done += writeSync(out, closing, done, closing.length - done, end + done);
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
