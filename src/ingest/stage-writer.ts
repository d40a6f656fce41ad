/**
 * Staging files: a kind's accepted records written as Parquet (parquet-writer.ts) in the staging
 * folder, joined into the kind's output file when every file is read (staging.ts). Kept apart from
 * the DuckDB side so that a worker writing a large CSV's tail (tail-worker.ts) loads no more than
 * it needs.
 */
import { publishName } from '../domain/names.ts';
import type { ActiveRules } from '../domain/rules.ts';
import { TABLES, TABLE_KINDS, type OutputColumn, type TableKind } from '../domain/tables/index.ts';
import { ParquetWriter } from '../io/parquet-writer.ts';

/** Where a writer stands (StageWriter.mark). */
export interface StageMark {
  /** Rows kept. */
  rows: number;
  /** Rows written, dropped ones included: where the next row stands in the joined file. */
  at: number;
  /** Files closed before the one written. */
  files: number;
}

/** A file of staged rows, and how many it holds (dropped ones included). */
export interface StagedFile {
  path: string;
  rows: number;
}

const PERSON_COLUMNS = Object.fromEntries(
  TABLE_KINDS.map((k) => [k, TABLES[k].output.filter((c) => c.person).map((c) => c.name)]),
) as Record<TableKind, string[]>;

/** Person names as the rules say they are published (full, masked or pseudonym), in place. */
export function publishRecord(rules: ActiveRules, kind: TableKind, record: Record<string, unknown>): void {
  const { names, pseudonym_salt } = rules.publish;
  if (names !== 'full')
    for (const column of PERSON_COLUMNS[kind]) record[column] = publishName(record[column] as string | null, names, pseudonym_salt);
}

/**
 * One kind's records, in order, in one or more Parquet files: its own, and those a worker wrote
 * (appendFile), each in its place. Taken back to a mark (a sheet set aside after some of its rows
 * were staged), the rows since are cut from the row group being filled when they are all still
 * in it; rows already written out are listed as dropped (`dropped`), and left out when the files
 * are joined.
 */
export class StageWriter {
  /** The first file written. */
  readonly path: string;
  private readonly columns: readonly OutputColumn[];
  private current: ParquetWriter;
  /** Files closed before the one written now, in order: this writer's own, and those added on. */
  private readonly done: StagedFile[] = [];
  /** Rows kept. */
  rows = 0;
  /** Rows written, dropped ones included. */
  private at = 0;
  /** Ranges [from, to) of rows (by `at`) taken back after they were written out. */
  private ranges: Array<[number, number]> = [];
  private open = true;

  constructor(path: string, columns: readonly OutputColumn[]) {
    this.path = path;
    this.columns = columns;
    this.current = new ParquetWriter(path, this.columns);
  }

  append(record: Record<string, unknown>): void {
    this.current.append(record);
    this.rows++;
    this.at++;
  }

  /**
   * Rows another writer of the same columns wrote to `path`, after those written so far: that
   * file becomes one of this writer's files (`files`), and its next rows go to a new file of its
   * own. Joining the files (concatParquet) copies their pages as they are.
   */
  appendFile(path: string, rows: number): void {
    this.closeCurrent();
    this.done.push({ path, rows });
    this.rows += rows;
    this.at += rows;
    this.current = new ParquetWriter(`${this.path.replace(/\.parquet$/, '')}-${this.done.length}.parquet`, this.columns);
  }

  private closeCurrent(): void {
    this.current.close();
    this.done.push({ path: this.current.path, rows: this.current.rows });
  }

  /** Where the rows stand now. */
  mark(): StageMark {
    return { rows: this.rows, at: this.at, files: this.done.length };
  }

  /** Back to a mark: the rows appended since are dropped. */
  rollback(mark: StageMark): void {
    // Rows written before the file written now.
    const before = this.at - this.current.rows;
    const inCurrent = mark.files === this.done.length && mark.at - before >= this.current.rows - this.current.pendingRows;
    if (inCurrent) {
      this.current.truncate(mark.at - before);
      this.at = mark.at;
      // Rows from here on are written again: a range dropped among them no longer stands.
      this.ranges = this.ranges.filter(([from]) => from < mark.at).map(([from, to]) => [from, Math.min(to, mark.at)]);
    } else if (this.at > mark.at) this.ranges.push([mark.at, this.at]);
    this.rows = mark.rows;
  }

  close(): void {
    if (!this.open) return;
    this.closeCurrent();
    this.open = false;
  }

  /** Closed without writing out the rows not yet written (a run stopped: its files are removed). */
  abandon(): void {
    if (!this.open) return;
    this.open = false;
    this.current.abandon();
  }

  /** Once closed: the files, in order, those holding no row left out. */
  get files(): StagedFile[] {
    if (this.open) throw new Error('StageWriter.files: still open');
    return this.done.filter((f) => f.rows > 0);
  }

  /** Once closed: the ranges of rows (by their place in the files joined) not to keep. */
  get dropped(): ReadonlyArray<readonly [number, number]> {
    if (this.open) throw new Error('StageWriter.dropped: still open');
    return this.ranges;
  }
}
