/**
 * A Parquet file written row by row from JS, in the form DuckDB reads back as the data
 * dictionary's types (VARCHAR, INTEGER, DOUBLE, DATE): every column optional, one data page per
 * column chunk (page v1), text dictionary-encoded, numbers and dates plain, each page compressed
 * with zstd; statistics (null count, min, max) for every column chunk, so that DuckDB can answer
 * "any null here?" from the footer and skip row groups in filters.
 *
 * The ingest stages its accepted rows with it (stage-writer.ts). Staging them as text lines for
 * DuckDB to read and write out as Parquet took more CPU than the rows' reading itself: DuckDB's
 * reading of the lines and its writing of the file were 1.1 s of a million-row ingest's 3.8 s.
 *
 * Rows are held a row group at a time (ROW_GROUP_ROWS, DuckDB's own default) in typed arrays,
 * then written out: memory does not grow with the rows.
 */
import { closeSync, ftruncateSync, openSync, writeSync } from 'node:fs';
import { constants, zstdCompressSync } from 'node:zlib';
import type { SqlType } from '../domain/tables/types.ts';
import { T, Writer, type Field, type Value } from './thrift-compact.ts';

/** A column: its name and one of the data dictionary's types (an OutputColumn is one). */
export interface ParquetColumn {
  name: string;
  type: SqlType;
}

/** Rows per row group: DuckDB's default, so that a query's threads find as many groups to share. */
export const ROW_GROUP_ROWS = 122_880;

// parquet.thrift's enums.
const PHYSICAL = { INT32: 1, DOUBLE: 5, BYTE_ARRAY: 6 } as const;
const ENCODING = { PLAIN: 0, RLE: 3, RLE_DICTIONARY: 8 } as const;
const PAGE = { DATA: 0, DICTIONARY: 2 } as const;
const CONVERTED = { UTF8: 0, DATE: 6 } as const;
const OPTIONAL = 1;
const ZSTD = 6;
/** Text statistics longer than this are left out (a long remark would be kept whole in the footer of every row group). */
const MAX_STAT_BYTES = 64;
const MS_PER_DAY = 86_400_000;

// Thrift fields, as the compact writer takes them.
const i32 = (id: number, n: number): Field => ({ id, type: T.I32, value: BigInt(n) });
const i64 = (id: number, n: number): Field => ({ id, type: T.I64, value: BigInt(n) });
const binary = (id: number, bytes: Uint8Array): Field => ({ id, type: T.BINARY, value: bytes });
const text = (id: number, s: string): Field => binary(id, Buffer.from(s));
const struct = (id: number, fields: Field[]): Field => ({ id, type: T.STRUCT, value: fields });
const list = (id: number, elementType: number, items: Value[]): Field => ({ id, type: T.LIST, value: { elementType, items } });

function thrift(fields: Field[]): Buffer {
  const w = new Writer();
  w.struct(fields);
  return Buffer.from(w.bytes());
}

/** A growable byte buffer. */
class Bytes {
  buffer = Buffer.allocUnsafe(1 << 16);
  length = 0;
  reserve(n: number): void {
    if (this.length + n <= this.buffer.length) return;
    const bigger = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.length + n));
    this.buffer.copy(bigger, 0, 0, this.length);
    this.buffer = bigger;
  }
  byte(b: number): void {
    this.reserve(1);
    this.buffer[this.length++] = b;
  }
  varint(n: number): void {
    this.reserve(5);
    while (n >= 0x80) {
      this.buffer[this.length++] = (n & 0x7f) | 0x80;
      n >>>= 7;
    }
    this.buffer[this.length++] = n;
  }
  append(bytes: Uint8Array): void {
    this.reserve(bytes.length);
    this.buffer.set(bytes, this.length);
    this.length += bytes.length;
  }
  int32(n: number): void {
    this.reserve(4);
    this.buffer.writeInt32LE(n, this.length);
    this.length += 4;
  }
  view(): Buffer {
    return this.buffer.subarray(0, this.length);
  }
  clear(): void {
    this.length = 0;
  }
}

/**
 * Scratch bytes for a page being made, reused page after page (a buffer per page, a row group's
 * worth at a time, left tens of megabytes for the collector on each thread): the definition
 * levels, the encoded values, and the page's body, which zstd then compresses into a buffer of
 * its own.
 */
const LEVELS = new Bytes();
const VALUES = new Bytes();
const BODY = new Bytes();

/**
 * Parquet's RLE / bit-packing hybrid of `count` values of `width` bits: a run of eight or more
 * equal values (the semester, a department row after row) as one run, the rest bit-packed eight
 * at a time.
 */
export function encodeHybrid(values: ArrayLike<number>, count: number, width: number, out: Bytes): void {
  const valueBytes = (width + 7) >> 3;
  const packed: number[] = [];
  const flushPacked = () => {
    if (packed.length === 0) return;
    while (packed.length % 8) packed.push(0);
    out.varint(((packed.length / 8) << 1) | 1);
    out.reserve((packed.length / 8) * width);
    let acc = 0;
    let bits = 0;
    for (const v of packed) {
      acc |= v << bits;
      bits += width;
      while (bits >= 8) {
        out.buffer[out.length++] = acc & 0xff;
        acc >>>= 8;
        bits -= 8;
      }
    }
    packed.length = 0;
  };
  let i = 0;
  while (i < count) {
    const v = values[i]!;
    let run = 1;
    while (i + run < count && values[i + run] === v) run++;
    if (run >= 8 && packed.length % 8 === 0) {
      flushPacked();
      out.varint(run << 1);
      out.reserve(valueBytes);
      for (let b = 0, x = v; b < valueBytes; b++, x >>>= 8) out.buffer[out.length++] = x & 0xff;
      i += run;
    } else {
      // Bit-packed values fill groups of eight; a run starts once a group is full.
      const take = run >= 8 ? 8 - (packed.length % 8) : run;
      for (let k = 0; k < take; k++) packed.push(v);
      i += take;
    }
  }
  flushPacked();
}

/** Rows the columns have room for at first: grown as needed, up to a row group. */
const FIRST_CAPACITY = 1024;
function grown<A extends Uint8Array | Int32Array | Float64Array>(array: A, rows: number): A {
  const bigger = new (array.constructor as new (n: number) => A)(rows);
  bigger.set(array);
  return bigger;
}

/** Bits needed for values up to `max`. */
const bitWidth = (max: number) => (max <= 0 ? 0 : 32 - Math.clz32(max));

interface Chunk {
  /** The pages' bytes, headers included. */
  pages: Buffer[];
  meta: Field[];
  compressed: number;
  uncompressed: number;
}

/** One column's values of the row group being filled. */
abstract class Column {
  readonly name: string;
  /** The name as the footer writes it (path_in_schema), not in the shared buffer pool (statistics). */
  readonly path: Uint8Array;
  /** 1 where a row has a value, 0 where it is null. */
  defined = new Uint8Array(FIRST_CAPACITY);
  nulls = 0;
  constructor(name: string) {
    this.name = name;
    this.path = new Uint8Array(Buffer.from(name));
  }
  abstract put(value: unknown, row: number): void;
  /** The first `rows` rows kept, those after them dropped (ParquetWriter.truncate): the null count counted again. */
  keep(rows: number): void {
    let nulls = 0;
    for (let r = 0; r < rows; r++) if (!this.defined[r]) nulls++;
    this.nulls = nulls;
  }
  /** A row without a value. */
  protected none(row: number): void {
    this.defined[row] = 0;
    this.nulls++;
  }

  /** Room for `rows` rows (the arrays start small: most kinds have a few rows). */
  grow(rows: number): void {
    this.defined = grown(this.defined, rows);
  }
  abstract schema(): Field[];
  /** The row group's `rows` values as a column chunk starting at `offset` in the file; the column is then empty. */
  abstract chunk(rows: number, offset: number): Chunk;

  protected page(type: number, body: Buffer, header: Field): { bytes: Buffer[]; compressed: number; uncompressed: number } {
    const compressed = zstdCompressSync(body, { params: { [constants.ZSTD_c_compressionLevel]: 1 } });
    const head = thrift([i32(1, type), i32(2, body.length), i32(3, compressed.length), header]);
    return { bytes: [head, compressed], compressed: head.length + compressed.length, uncompressed: head.length + body.length };
  }

  /** A data page: the definition levels, then `values` (already encoded). */
  protected dataPage(rows: number, encoding: number, values: Uint8Array, stats: Field[]) {
    LEVELS.clear();
    encodeHybrid(this.defined, rows, 1, LEVELS);
    BODY.clear();
    BODY.int32(LEVELS.length);
    BODY.append(LEVELS.view());
    BODY.append(values);
    return this.page(PAGE.DATA, BODY.view(), struct(5, [i32(1, rows), i32(2, encoding), i32(3, ENCODING.RLE), i32(4, ENCODING.RLE), struct(5, stats)]));
  }

  protected statistics(min: Uint8Array | null, max: Uint8Array | null): Field[] {
    const stats = [i64(3, this.nulls)];
    // Copied out of Node's shared buffer pool: kept in the footer until the file is closed, a pooled
    // slice of a few bytes kept its whole 8 KB slab alive (40 MB at ten million rows).
    if (min && max) stats.push(binary(5, new Uint8Array(max)), binary(6, new Uint8Array(min)));
    return stats;
  }

  protected meta(type: number, encodings: number[], rows: number, sizes: { compressed: number; uncompressed: number }, dataOffset: number, dictionaryOffset: number | null, stats: Field[]): Field[] {
    const meta = [
      i32(1, type),
      list(2, T.I32, encodings.map(BigInt)),
      list(3, T.BINARY, [this.path]),
      i32(4, ZSTD),
      i64(5, rows),
      i64(6, sizes.uncompressed),
      i64(7, sizes.compressed),
      i64(9, dataOffset),
    ];
    if (dictionaryOffset !== null) meta.push(i64(11, dictionaryOffset));
    meta.push(struct(12, stats));
    return meta;
  }
}

/** Text: each row group's distinct values in a dictionary page, the rows as their numbers in it. */
class TextColumn extends Column {
  private ids = new Int32Array(FIRST_CAPACITY);
  private readonly dictionary = new Map<string, number>();
  private readonly values: string[] = [];
  private last: string | undefined;
  private lastId = 0;

  put(value: unknown, row: number): void {
    if (value === null || value === undefined) return this.none(row);
    this.defined[row] = 1;
    const s = typeof value === 'string' ? value : String(value);
    if (s !== this.last) {
      let id = this.dictionary.get(s);
      if (id === undefined) {
        id = this.values.length;
        this.dictionary.set(s, id);
        this.values.push(s);
      }
      this.last = s;
      this.lastId = id;
    }
    this.ids[row] = this.lastId;
  }

  grow(rows: number): void {
    super.grow(rows);
    this.ids = grown(this.ids, rows);
  }

  /**
   * The dictionary made again from the kept rows' values: a dropped row's text (a sheet set aside)
   * would otherwise be written in the dictionary page and could be a bound of the statistics,
   * which the footer holds as plain text.
   */
  keep(rows: number): void {
    super.keep(rows);
    const before = this.values.slice();
    const renumbered = new Int32Array(before.length).fill(-1);
    this.dictionary.clear();
    this.values.length = 0;
    for (let r = 0; r < rows; r++) {
      if (!this.defined[r]) continue;
      const old = this.ids[r]!;
      if (renumbered[old]! < 0) {
        renumbered[old] = this.values.length;
        this.dictionary.set(before[old]!, this.values.length);
        this.values.push(before[old]!);
      }
      this.ids[r] = renumbered[old]!;
    }
    this.last = undefined;
  }

  schema(): Field[] {
    return [i32(1, PHYSICAL.BYTE_ARRAY), i32(3, OPTIONAL), text(4, this.name), i32(6, CONVERTED.UTF8), struct(10, [struct(1, [])])];
  }

  chunk(rows: number, offset: number): Chunk {
    const defined = rows - this.nulls;
    const pages: Buffer[] = [];
    let compressed = 0;
    let uncompressed = 0;
    let stats: Field[];
    let encodings: number[];
    let dictionaryOffset: number | null = null;
    let data;
    if (defined === 0) {
      stats = this.statistics(null, null);
      data = this.dataPage(rows, ENCODING.PLAIN, new Uint8Array(0), stats);
      encodings = [ENCODING.PLAIN, ENCODING.RLE];
    } else {
      // The dictionary, PLAIN: each value's byte length, then its UTF-8 bytes (a lone surrogate as U+FFFD).
      const encoded = this.values.map((v) => Buffer.from(v));
      BODY.clear();
      let min: Buffer | null = null;
      let max: Buffer | null = null;
      for (const b of encoded) {
        BODY.int32(b.length);
        BODY.append(b);
        if (!min || Buffer.compare(b, min) < 0) min = b;
        if (!max || Buffer.compare(b, max) > 0) max = b;
      }
      const dict = this.page(PAGE.DICTIONARY, BODY.view(), struct(7, [i32(1, encoded.length), i32(2, ENCODING.PLAIN)]));
      pages.push(...dict.bytes);
      compressed += dict.compressed;
      uncompressed += dict.uncompressed;
      dictionaryOffset = offset;
      const keep = min!.length <= MAX_STAT_BYTES && max!.length <= MAX_STAT_BYTES;
      stats = this.statistics(keep ? min : null, keep ? max : null);
      // The rows' numbers in the dictionary, nulls left out: their bit width, then the hybrid.
      const ids = this.ids;
      let n = 0;
      for (let r = 0; r < rows; r++) if (this.defined[r]) ids[n++] = ids[r]!;
      const width = Math.max(1, bitWidth(encoded.length - 1));
      VALUES.clear();
      VALUES.byte(width);
      encodeHybrid(ids, n, width, VALUES);
      data = this.dataPage(rows, ENCODING.RLE_DICTIONARY, VALUES.view(), stats);
      encodings = [ENCODING.PLAIN, ENCODING.RLE, ENCODING.RLE_DICTIONARY];
    }
    const dataOffset = offset + compressed;
    pages.push(...data.bytes);
    compressed += data.compressed;
    uncompressed += data.uncompressed;
    const meta = this.meta(PHYSICAL.BYTE_ARRAY, encodings, rows, { compressed, uncompressed }, dataOffset, dictionaryOffset, stats);
    this.dictionary.clear();
    this.values.length = 0;
    this.last = undefined;
    this.nulls = 0;
    return { pages, meta, compressed, uncompressed };
  }
}

/** Whether typed arrays hold their numbers little-endian, as Parquet's PLAIN encoding does (every machine this runs on). */
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Numbers and dates, plain: four or eight bytes a value, little-endian. */
abstract class PlainColumn extends Column {
  protected abstract readonly physical: number;
  protected abstract values: Int32Array | Float64Array;

  grow(rows: number): void {
    super.grow(rows);
    this.values = grown(this.values, rows);
  }

  chunk(rows: number, offset: number): Chunk {
    const defined = rows - this.nulls;
    const v = this.values;
    // The values of the rows that have one, in order: moved to the front in place (the array is filled from its start again).
    if (this.nulls > 0) {
      const has = this.defined;
      let n = 0;
      for (let r = 0; r < rows; r++) if (has[r]) v[n++] = v[r]!;
    }
    let min = Infinity;
    let max = -Infinity;
    let nan = false;
    for (let i = 0; i < defined; i++) {
      const x = v[i]!;
      if (x < min) min = x;
      if (x > max) max = x;
      if (x !== x) nan = true;
    }
    const width = v.BYTES_PER_ELEMENT;
    let values = new Uint8Array(v.buffer, v.byteOffset, defined * width);
    if (!LITTLE_ENDIAN) {
      values = new Uint8Array(defined * width);
      const view = new DataView(values.buffer);
      for (let i = 0; i < defined; i++) width === 4 ? view.setInt32(i * 4, v[i]!, true) : view.setFloat64(i * 8, v[i]!, true);
    }
    const stats = this.statistics(defined > 0 && !nan ? this.bound(min, 'min') : null, defined > 0 && !nan ? this.bound(max, 'max') : null);
    const data = this.dataPage(rows, ENCODING.PLAIN, values, stats);
    const meta = this.meta(this.physical, [ENCODING.PLAIN, ENCODING.RLE], rows, data, offset, null, stats);
    this.nulls = 0;
    return { pages: data.bytes, meta, compressed: data.compressed, uncompressed: data.uncompressed };
  }

  /** A bound as its bytes in the statistics. */
  protected abstract bound(value: number, which: 'min' | 'max'): Buffer;
}

class IntegerColumn extends PlainColumn {
  protected readonly physical = PHYSICAL.INT32;
  protected values = new Int32Array(FIRST_CAPACITY);

  put(value: unknown, row: number): void {
    if (typeof value === 'number' && (value | 0) === value) {
      this.defined[row] = 1;
      this.values[row] = value;
      return;
    }
    if (value === null || value === undefined) return this.none(row);
    const n = Number(value);
    if (typeof value !== 'string' || !/^-?\d+$/.test(value.trim()) || (n | 0) !== n) throw new Error(`Parquet: ${this.name} is INTEGER, not ${String(value)}`);
    this.defined[row] = 1;
    this.values[row] = n;
  }

  schema(): Field[] {
    return [i32(1, PHYSICAL.INT32), i32(3, OPTIONAL), text(4, this.name)];
  }

  protected bound(value: number): Buffer {
    const b = Buffer.allocUnsafe(4);
    b.writeInt32LE(value, 0);
    return b;
  }
}

/** Days since 1970-01-01 of an ISO date (YYYY-MM-DD), or null when the text is not such a date (2025-02-30 is not). */
export function isoDays(text: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const days = Date.UTC(year, month - 1, day) / MS_PER_DAY;
  // Date.UTC rolls a day past the month's end over into the next month: such a text is not a date.
  const back = new Date(days * MS_PER_DAY);
  return back.getUTCFullYear() === year && back.getUTCMonth() === month - 1 && back.getUTCDate() === day ? days : null;
}

/** A date as DuckDB reads one: days since 1970-01-01, from its ISO text (YYYY-MM-DD). */
class DateColumn extends IntegerColumn {
  /** Days of the texts met (a semester's weeks and days: few, met again and again). */
  private readonly days = new Map<string, number>();

  put(value: unknown, row: number): void {
    if (value === null || value === undefined) return super.put(value, row);
    const s = typeof value === 'string' ? value : String(value);
    let days = this.days.get(s);
    if (days === undefined) {
      const read = isoDays(s);
      if (read === null) throw new Error(`Parquet: ${this.name} is DATE, not ${s}`);
      if (this.days.size >= 4096) this.days.clear();
      this.days.set(s, (days = read));
    }
    this.defined[row] = 1;
    this.values[row] = days;
  }

  schema(): Field[] {
    return [i32(1, PHYSICAL.INT32), i32(3, OPTIONAL), text(4, this.name), i32(6, CONVERTED.DATE), struct(10, [struct(6, [])])];
  }
}

class DoubleColumn extends PlainColumn {
  protected readonly physical = PHYSICAL.DOUBLE;
  protected values = new Float64Array(FIRST_CAPACITY);

  put(value: unknown, row: number): void {
    if (typeof value === 'number') {
      this.defined[row] = 1;
      this.values[row] = value;
      return;
    }
    if (value === null || value === undefined) return this.none(row);
    const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
    if (Number.isNaN(n)) throw new Error(`Parquet: ${this.name} is DOUBLE, not ${String(value)}`);
    this.defined[row] = 1;
    this.values[row] = n;
  }

  schema(): Field[] {
    return [i32(1, PHYSICAL.DOUBLE), i32(3, OPTIONAL), text(4, this.name)];
  }

  /** A zero bound is written -0 as a minimum and +0 as a maximum, as Parquet asks. */
  protected bound(value: number, which: 'min' | 'max'): Buffer {
    const b = Buffer.allocUnsafe(8);
    b.writeDoubleLE(value === 0 ? (which === 'min' ? -0 : 0) : value, 0);
    return b;
  }
}

const COLUMN_OF: Record<SqlType, new (name: string) => Column> = {
  VARCHAR: TextColumn,
  INTEGER: IntegerColumn,
  DOUBLE: DoubleColumn,
  DATE: DateColumn,
};

/**
 * A function putting a record's values into the columns, each read by its name written out (a
 * loop reading record[name] cost twice as much: stage-writer.ts). The names come from the data
 * dictionary, never from a file.
 */
const putters = new Map<string, (record: Record<string, unknown>, row: number, columns: Column[]) => void>();
function putter(names: readonly string[]): (record: Record<string, unknown>, row: number, columns: Column[]) => void {
  const id = names.join('\u0000');
  let put = putters.get(id);
  if (!put) {
    const body = names.map((name, i) => `c[${i}].put(r[${JSON.stringify(name)}], row);`).join('\n');
    put = new Function('r', 'row', 'c', body) as (record: Record<string, unknown>, row: number, columns: Column[]) => void;
    putters.set(id, put);
  }
  return put;
}

const MAGIC = Buffer.from('PAR1', 'latin1');

export class ParquetWriter {
  readonly path: string;
  private readonly columns: Column[];
  private readonly put: (record: Record<string, unknown>, row: number, columns: Column[]) => void;
  private readonly fd: number;
  /** Bytes written to the file. */
  private offset = 0;
  private readonly groups: Field[][] = [];
  /** Rows of the row group being filled. */
  private pending = 0;
  /** Rows the columns have room for. */
  private capacity = FIRST_CAPACITY;
  /** Rows in the row groups written. */
  private written = 0;
  private open = true;

  constructor(path: string, columns: readonly ParquetColumn[]) {
    this.path = path;
    this.columns = columns.map((c) => new COLUMN_OF[c.type](c.name));
    this.put = putter(columns.map((c) => c.name));
    this.fd = openSync(path, 'w');
    this.write([MAGIC]);
  }

  /** Rows appended so far. */
  get rows(): number {
    return this.written + this.pending;
  }

  append(record: Record<string, unknown>): void {
    if (this.pending === this.capacity) {
      this.capacity = Math.min(ROW_GROUP_ROWS, this.capacity * 4);
      for (const column of this.columns) column.grow(this.capacity);
    }
    this.put(record, this.pending, this.columns);
    if (++this.pending === ROW_GROUP_ROWS) this.flush();
  }

  /** Rows not yet written out (in the row group being filled): those past `rows` can still be dropped (truncate). */
  get pendingRows(): number {
    return this.pending;
  }

  /**
   * Back to `rows` rows, when those after them are not written yet (rows >= the rows written out):
   * the row group being filled is cut there, and nothing of the rows cut is written.
   */
  truncate(rows: number): void {
    if (rows < this.written || rows > this.rows) throw new Error(`ParquetWriter.truncate: ${rows} rows are not in the row group being filled`);
    this.pending = rows - this.written;
    for (const column of this.columns) column.keep(this.pending);
  }

  private flush(): void {
    if (this.pending === 0) return;
    const start = this.offset;
    const chunks: Field[][] = [];
    let compressed = 0;
    let uncompressed = 0;
    for (const column of this.columns) {
      const at = this.offset;
      const chunk = column.chunk(this.pending, at);
      this.write(chunk.pages);
      chunks.push([i64(2, at), struct(3, chunk.meta)]);
      compressed += chunk.compressed;
      uncompressed += chunk.uncompressed;
    }
    this.groups.push([
      list(1, T.STRUCT, chunks),
      i64(2, uncompressed),
      i64(3, this.pending),
      i64(5, start),
      i64(6, compressed),
      { id: 7, type: T.I16, value: BigInt(this.groups.length) },
    ]);
    this.written += this.pending;
    this.pending = 0;
  }

  private write(buffers: readonly Uint8Array[]): void {
    try {
      for (const b of buffers)
        for (let done = 0; done < b.length; ) {
          const n = writeSync(this.fd, b, done, b.length - done, this.offset);
          done += n;
          this.offset += n;
        }
    } catch (error) {
      // A write by descriptor names no file: name it (a full disk is said with its path, faults.ts).
      throw Object.assign(error as Error, { path: this.path });
    }
  }

  /** The last row group and the footer written, the file closed. */
  close(): void {
    if (!this.open) return;
    this.open = false;
    try {
      this.flush();
      const schema: Value[] = [[text(4, 'duckdb_schema'), i32(5, this.columns.length)], ...this.columns.map((c) => c.schema())];
      const footer = thrift([
        i32(1, 1),
        list(2, T.STRUCT, schema),
        i64(3, this.written),
        list(4, T.STRUCT, this.groups),
        text(6, 'ingest (counselor dashboard)'),
        // Min and max as each type orders its values (TypeDefinedOrder), so that readers trust them.
        list(7, T.STRUCT, this.columns.map(() => [struct(1, [])])),
      ]);
      const trailer = Buffer.allocUnsafe(4);
      trailer.writeUInt32LE(footer.length, 0);
      this.write([footer, trailer, MAGIC]);
    } finally {
      closeSync(this.fd);
    }
  }

  /** Closes the file without a footer (a run stopped): what was written is of no use. */
  abandon(): void {
    if (!this.open) return;
    this.open = false;
    try {
      ftruncateSync(this.fd, 0);
    } finally {
      closeSync(this.fd);
    }
  }
}
