/**
 * Staging lines: accepted records as tab-separated UTF-8 text, the form the staging tables are
 * loaded from (staging.ts). Kept apart from the DuckDB side so that a worker writing lines
 * (tail-worker.ts) loads no more than it needs.
 */
import { closeSync, ftruncateSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { publishName } from '../domain/names.ts';
import type { ActiveRules } from '../domain/rules.ts';
import { TABLES, TABLE_KINDS, type OutputColumn, type TableKind } from '../domain/tables/index.ts';

/**
 * The null marker of the staging lines: a control character (U+0001), which no text value can
 * hold — cell text has its control characters removed (invisible.ts) and the writer turns any
 * left into a space — so a cell holding \N, a tab, a quote or a line break is staged as text,
 * never as a null or a broken line.
 */
export const NULL = '\u0001';

/** Where a writer stands: its rows, its files closed before the one written, and that one's bytes (StageWriter.mark). */
export interface StageMark {
  rows: number;
  files: number;
  bytes: number;
}

/** A file of staged lines, and how many lines and bytes it holds. */
export interface StagedFile {
  path: string;
  rows: number;
  bytes: number;
}
const PERSON_COLUMNS = Object.fromEntries(
  TABLE_KINDS.map((k) => [k, TABLES[k].output.filter((c) => c.person).map((c) => c.name)]),
) as Record<TableKind, string[]>;
/** Bytes buffered before a write to the staging file. */
const BUFFER_BYTES = 1 << 20;
const TAB = 9;
const NULL_BYTE = NULL.charCodeAt(0);
const NEWLINE = 10;
/** Control characters: never written from text (see StageWriter). */
const CONTROL = /[\u0000-\u001f]/;
const CONTROLS = /[\u0000-\u001f]/g;

/** Person names as the rules say they are published (full, masked or pseudonym), in place. */
export function publishRecord(rules: ActiveRules, kind: TableKind, record: Record<string, unknown>): void {
  const { names, pseudonym_salt } = rules.publish;
  if (names !== 'full')
    for (const column of PERSON_COLUMNS[kind]) record[column] = publishName(record[column] as string | null, names, pseudonym_salt);
}

/**
 * A function writing a record's values in column order, reading each by its name written out
 * (a loop over the names, reading record[name], cost twice as much a line), each value's type
 * tested in place — a string or a null, the common cases, written without a call to value()
 * (which took a tenth of the row loop as one call per value). The names come from the data
 * dictionary, never from a file.
 */
const lineWriters = new Map<string, (record: Record<string, unknown>, writer: StageWriter) => void>();
function lineWriter(names: readonly string[]): (record: Record<string, unknown>, writer: StageWriter) => void {
  const id = names.join('\u0000');
  let write = lineWriters.get(id);
  if (!write) {
    const body = names
      .map((name, i) => {
        const tab = i === names.length - 1 ? '' : ' w.tab();';
        if (name === 'source_file') return `w.number(w.fileId(r.source_file));${tab}`;
        return `v = r[${JSON.stringify(name)}]; if (typeof v === 'string') w.text(v, ${i}); else if (v === null || v === undefined) w.nil(); else if (typeof v === 'number') w.number(v); else w.value(v, ${i}, true);${tab}`;
      })
      .join('\n');
    write = new Function('r', 'w', `let v;\n${body}`) as (record: Record<string, unknown>, writer: StageWriter) => void;
    lineWriters.set(id, write);
  }
  return write;
}

/**
 * One kind's records as tab-separated UTF-8 lines in a file, encoded straight into a byte buffer
 * (building a string per line and encoding it took a fifth of the ingest's time at a million
 * rows). The lines are read with no quoting and no escapes (staging.ts), so a value must never
 * hold the delimiter, a line break or the null marker: every control character in text (tab,
 * line feed, U+0001…) is written as a space — cell text has none after cleaning, so this only
 * guards — and a quote or a backslash is an ordinary character. Staging.finish() checks that
 * DuckDB read back as many rows. A null is NULL; a number is written as String(n) would write it.
 */
export class StageWriter {
  /** The first file written (a worker's only one, added on to its kind's lines: appendFile). */
  readonly path: string;
  /** The file written now. */
  private current: string;
  private fd: number;
  /** Files of lines before the one written now, in order: this writer's own, and those added on. */
  private readonly done: StagedFile[] = [];
  /** Rows in `done`. */
  private doneRows = 0;
  private readonly line: (record: Record<string, unknown>, writer: StageWriter) => void;
  private buffer = Buffer.allocUnsafe(BUFFER_BYTES);
  private pos = 0;
  private open = true;
  /**
   * Per column, the last short text written and its bytes (in a buffer of the column's own, kept:
   * a copy made per change — a week's date changes every row — cost more than encoding).
   */
  private readonly lastText: Array<string | undefined> = [];
  private readonly lastBytes: Uint8Array[] = [];
  private readonly lastLength: number[] = [];
  private readonly numbers = new Map<number, Uint8Array>();
  rows = 0;

  /**
   * `fileId` numbers the source files: source_file is written as that number (the file's path,
   * the same on every line of a file, was a fifth of the bytes DuckDB had to read).
   */
  constructor(path: string, columns: readonly OutputColumn[], fileId: (file: string) => number) {
    this.path = path;
    this.current = path;
    this.line = lineWriter(columns.map((c) => c.name));
    this.fd = openSync(path, 'w');
    this.fileIdOf = fileId;
  }

  private readonly fileIdOf: (file: string) => number;
  private lastFile: unknown = null;
  private lastFileId = 0;
  fileId(file: unknown): number {
    if (file !== this.lastFile) {
      this.lastFileId = this.fileIdOf(String(file));
      this.lastFile = file;
    }
    return this.lastFileId;
  }

  append(record: Record<string, unknown>): void {
    this.line(record, this);
    this.buffer[this.pos++] = NEWLINE;
    this.rows++;
    if (this.pos > BUFFER_BYTES - 4096) this.flush();
  }

  /** Writes one value of column `column` and, unless it is the line's last, a tab after it. */
  value(value: unknown, column: number, last: boolean): void {
    if (typeof value === 'string') this.text(value, column);
    else if (typeof value === 'number') this.number(value);
    else if (value === null || value === undefined) this.ascii(NULL);
    else this.text(String(value), column);
    if (!last) this.buffer[this.pos++] = TAB;
  }

  /** A null (NULL). */
  nil(): void {
    this.reserve(1);
    this.buffer[this.pos++] = NULL_BYTE;
  }

  /** The tab between two values (reserve leaves room for it after each value). */
  tab(): void {
    this.buffer[this.pos++] = TAB;
  }

  /** Room for `bytes` more bytes (and a tab or line end after them). */
  private reserve(bytes: number): void {
    if (this.pos + bytes + 2 <= this.buffer.length) return;
    this.flush();
    if (bytes + 2 > this.buffer.length) this.buffer = Buffer.allocUnsafe(bytes + 2 + BUFFER_BYTES);
  }

  private ascii(text: string): void {
    this.reserve(text.length);
    const buffer = this.buffer;
    let pos = this.pos;
    for (let i = 0; i < text.length; i++) buffer[pos++] = text.charCodeAt(i);
    this.pos = pos;
  }

  private bytes(bytes: Uint8Array): void {
    this.reserve(bytes.length);
    const buffer = this.buffer;
    let pos = this.pos;
    for (let i = 0; i < bytes.length; i++) buffer[pos++] = bytes[i]!;
    this.pos = pos;
  }

  /** As String(value) writes it: whole numbers digit by digit, others (few distinct: hours, scores) remembered. */
  number(value: number): void {
    if (value >= 0 && value < 1e9 && (value | 0) === value) {
      this.reserve(10);
      const buffer = this.buffer;
      if (value < 10) {
        buffer[this.pos++] = 48 + value;
        return;
      }
      let digits = 2;
      for (let v = value; v >= 100; v = (v / 10) | 0) digits++;
      let pos = this.pos + digits;
      this.pos = pos;
      let v = value;
      do {
        const next = (v / 10) | 0;
        buffer[--pos] = 48 + v - next * 10;
        v = next;
      } while (v > 0);
      return;
    }
    let bytes = this.numbers.get(value);
    if (!bytes) {
      bytes = Buffer.from(String(value), 'latin1');
      if (this.numbers.size >= 4096) this.numbers.clear();
      this.numbers.set(value, bytes);
    }
    this.bytes(bytes);
  }

  /**
   * UTF-8, as Buffer.from(text) encodes it (a lone surrogate becomes U+FFFD). A column often
   * repeats its last value (the semester, a person's department and name row after row): its
   * bytes are then copied.
   */
  text(text: string, column: number): void {
    const n = text.length;
    if (n <= 32 && text === this.lastText[column]) return this.lastTextAgain(column);
    if (n > 256) {
      this.reserve(n * 3);
      this.pos += this.buffer.write(CONTROL.test(text) ? text.replace(CONTROLS, ' ') : text, this.pos, 'utf8');
      return;
    }
    this.reserve(n * 3);
    const buffer = this.buffer;
    const start = this.pos;
    let pos = start;
    for (let i = 0; i < n; i++) {
      let c = text.charCodeAt(i);
      if (c < 0x80) buffer[pos++] = c < 0x20 ? 0x20 : c;
      else if (c < 0x800) {
        buffer[pos++] = 0xc0 | (c >> 6);
        buffer[pos++] = 0x80 | (c & 0x3f);
      } else {
        if (c >= 0xd800 && c <= 0xdfff) {
          const next = i + 1 < n ? text.charCodeAt(i + 1) : 0;
          if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
            c = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00);
            i++;
            buffer[pos++] = 0xf0 | (c >> 18);
            buffer[pos++] = 0x80 | ((c >> 12) & 0x3f);
            buffer[pos++] = 0x80 | ((c >> 6) & 0x3f);
            buffer[pos++] = 0x80 | (c & 0x3f);
            continue;
          }
          c = 0xfffd;
        }
        buffer[pos++] = 0xe0 | (c >> 12);
        buffer[pos++] = 0x80 | ((c >> 6) & 0x3f);
        buffer[pos++] = 0x80 | (c & 0x3f);
      }
    }
    this.pos = pos;
    if (n <= 32) {
      this.lastText[column] = text;
      const last = (this.lastBytes[column] ??= new Uint8Array(32 * 3));
      for (let i = start; i < pos; i++) last[i - start] = buffer[i]!;
      this.lastLength[column] = pos - start;
    }
  }

  private lastTextAgain(column: number): void {
    const bytes = this.lastBytes[column]!;
    const n = this.lastLength[column]!;
    this.reserve(n);
    const buffer = this.buffer;
    let pos = this.pos;
    for (let i = 0; i < n; i++) buffer[pos++] = bytes[i]!;
    this.pos = pos;
  }

  flush(): void {
    if (this.pos === 0) return;
    this.write(this.buffer.subarray(0, this.pos));
    this.pos = 0;
  }

  /**
   * Lines another writer of the same columns wrote to `path`, after those written so far: that
   * file becomes one of this writer's files (`files`), and its next lines go to a new file of its
   * own. Copying them into this writer's file cost a read and a write of every byte, and kept the
   * two parts from being written to Parquet each on its own thread (Staging.finish).
   */
  appendFile(path: string, rows: number): void {
    this.closeCurrent();
    this.done.push({ path, rows, bytes: statSync(path).size });
    this.rows += rows;
    this.doneRows = this.rows;
    this.current = `${this.path.replace(/\.tsv$/, '')}-${this.done.length}.tsv`;
    this.fd = openSync(this.current, 'w');
  }

  /** The file written now, flushed and closed, added to `done`. */
  private closeCurrent(): void {
    this.flush();
    closeSync(this.fd);
    this.done.push({ path: this.current, rows: this.rows - this.doneRows, bytes: this.written });
    this.doneRows = this.rows;
    this.written = 0;
  }

  /** Once closed: the files of lines, in order, those holding none left out. */
  get files(): StagedFile[] {
    if (this.open) throw new Error('StageWriter.files: still open');
    return this.done.filter((f) => f.rows > 0);
  }

  /** Bytes of lines written to the file so far (past the buffer). */
  private written = 0;

  private write(bytes: Uint8Array): void {
    try {
      for (let done = 0; done < bytes.length; ) {
        const n = writeSync(this.fd, bytes, done, bytes.length - done, this.written);
        done += n;
        this.written += n;
      }
    } catch (error) {
      // A write by descriptor names no file: name it (a full disk is said with its path, faults.ts).
      throw Object.assign(error as Error, { path: this.path });
    }
  }


  /** Where the lines stand now. */
  mark(): StageMark {
    return { rows: this.rows, files: this.done.length, bytes: this.written + this.pos };
  }

  /** Back to a mark: the lines written since are dropped (a sheet set aside after some of its rows were staged). */
  rollback(mark: StageMark): void {
    if (mark.files < this.done.length) {
      // Files were added on since: they and this writer's files since are removed, and the one written at the mark is written again.
      closeSync(this.fd);
      rmSync(this.current, { force: true });
      const [reopened, ...later] = this.done.splice(mark.files);
      for (const file of later) rmSync(file.path, { force: true });
      this.current = reopened!.path;
      this.fd = openSync(this.current, 'r+');
      this.written = reopened!.bytes;
      this.pos = 0;
      this.doneRows = this.done.reduce((n, f) => n + f.rows, 0);
    }
    if (mark.bytes >= this.written) this.pos = mark.bytes - this.written;
    else {
      ftruncateSync(this.fd, mark.bytes);
      this.written = mark.bytes;
      this.pos = 0;
    }
    this.rows = mark.rows;
  }

  close(): void {
    if (!this.open) return;
    this.closeCurrent();
    this.open = false;
  }
}
