/**
 * The staging database: accepted records are written as tab-separated lines to one temporary
 * file per kind (never held as JS objects), names published as the rules say, and written out
 * by DuckDB as each kind's Parquet file when every file is in; cross-row checks then run over
 * those files in SQL. Reading text with DuckDB's own CSV reader took a third of the time of
 * appending rows from JS (README, "Performance").
 */
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isRunning } from './lock.ts';
import type { ActiveRules } from '../domain/rules.ts';
import { TABLES, TABLE_KINDS, type TableKind } from '../domain/tables/index.ts';
import { NodeRunner } from '../io/duckdb-node.ts';
import { copyOnOneThread } from '../io/parquet.ts';
import { concatParquet } from '../io/parquet-concat.ts';
import { createTableSql, sqlString } from '../metrics/sql.ts';
import type { RecordSink } from './records.ts';
import { NULL, publishRecord, StageWriter, type StagedFile, type StageMark } from './stage-lines.ts';

const STAGING_PREFIX = 'ingest-staging-';
/**
 * What the staging database may hold in memory (docs/bench.md: the peak at 1 and 10 million
 * rows). It holds no table (Staging.finish): this is the cross-checks' working memory, whose
 * groupings over ten million rows took 478 MB at 384 MB and 330 MB at 192 MB, at less CPU.
 */
const STAGING_MEMORY = '192MB';

/** Lines of a kind worth copying as two runs at once (Staging.finish): below this, a second connection and a join cost more than they save. */
const TWO_RUNS_BYTES = 8 << 20;

/**
 * A kind's files of lines as two runs, in order, cut between two files where the bytes are most
 * nearly halved; null when the lines are too few or in one file.
 */
export function twoRuns(files: readonly StagedFile[]): [StagedFile[], StagedFile[]] | null {
  const total = files.reduce((n, f) => n + f.bytes, 0);
  if (files.length < 2 || total < TWO_RUNS_BYTES) return null;
  let best = 1;
  let before = 0;
  let bestGap = Infinity;
  for (let i = 1; i < files.length; i++) {
    before += files[i - 1]!.bytes;
    const gap = Math.abs(total - 2 * before);
    if (gap < bestGap) [best, bestGap] = [i, gap];
  }
  return [files.slice(0, best), files.slice(best)];
}

export class Staging implements RecordSink {
  readonly runner: NodeRunner;
  private readonly dir: string;
  private readonly tables: Record<TableKind, StageWriter>;
  private readonly rules: ActiveRules;
  /** The source files, numbered in the staging lines (StageWriter). */
  private readonly files: string[] = [];
  private readonly fileIds = new Map<string, number>();

  private constructor(runner: NodeRunner, rules: ActiveRules, dir: string) {
    this.runner = runner;
    this.rules = rules;
    this.dir = dir;
    const fileId = (file: string) => this.fileId(file);
    this.tables = Object.fromEntries(
      TABLE_KINDS.map((k) => [k, new StageWriter(join(this.dir, `${k}.tsv`), TABLES[k].output, fileId)]),
    ) as Record<TableKind, StageWriter>;
  }

  fileId(file: string): number {
    let id = this.fileIds.get(file);
    if (id === undefined) {
      id = this.files.length;
      this.files.push(file);
      this.fileIds.set(file, id);
    }
    return id;
  }

  /**
   * A staging folder in `parent` (the system's temporary folder by default), named after this
   * process so that a later run can tell a killed run's folder (clearStale). DuckDB spills into
   * it too, so that nothing is left elsewhere.
   */
  static async open(rules: ActiveRules, parent = tmpdir()): Promise<Staging> {
    const dir = mkdtempSync(join(parent, `${STAGING_PREFIX}${process.pid}-`));
    try {
      const runner = await NodeRunner.inMemory();
      await runner.connection.run(`SET temp_directory = ${sqlString(join(dir, 'duckdb'))}`);
      // Past this, DuckDB spills to that folder: by default it may take up to 80% of the memory.
      await runner.connection.run(`SET memory_limit = '${STAGING_MEMORY}'`);
      return new Staging(runner, rules, dir);
    } catch (error) {
      rmSync(dir, { recursive: true, force: true });
      throw error;
    }
  }

  /** This process's staging folders in `parent`, removed (a signal handler's, when the run may be between making one and holding it). */
  static removeOwn(parent = tmpdir()): void {
    let names: string[] = [];
    try {
      names = readdirSync(parent).filter((n) => n.startsWith(`${STAGING_PREFIX}${process.pid}-`));
    } catch {
      return;
    }
    for (const name of names) rmSync(join(parent, name), { recursive: true, force: true });
  }

  /** Staging folders of runs that were killed (their process is gone), and unnamed ones of older versions a day old: removed. */
  static clearStale(parent = tmpdir()): void {
    let names: string[];
    try {
      names = readdirSync(parent).filter((n) => n.startsWith(STAGING_PREFIX));
    } catch {
      return;
    }
    for (const name of names) {
      const pid = /^ingest-staging-(\d+)-/.exec(name)?.[1];
      const path = join(parent, name);
      try {
        const stale = pid ? Number(pid) !== process.pid && !isRunning(Number(pid)) : Date.now() - statSync(path).mtimeMs > 86_400_000;
        if (stale) rmSync(path, { recursive: true, force: true });
      } catch {
        // another run removed it meanwhile, or it is not ours to remove
      }
    }
  }

  get counts(): Record<TableKind, number> {
    return Object.fromEntries(TABLE_KINDS.map((k) => [k, this.tables[k].rows])) as Record<TableKind, number>;
  }

  append(kind: TableKind, record: Record<string, unknown>): void {
    publishRecord(this.rules, kind, record);
    this.tables[kind].append(record);
  }

  appendStaged(kind: TableKind, path: string, rows: number): void {
    this.tables[kind].appendFile(path, rows);
  }

  private workerFiles = 0;
  stagePath(): string {
    return join(this.dir, `worker-${this.workerFiles++}.tsv`);
  }

  mark(): Record<TableKind, StageMark> {
    return Object.fromEntries(TABLE_KINDS.map((k) => [k, this.tables[k].mark()])) as Record<TableKind, StageMark>;
  }

  rollback(mark: unknown): void {
    for (const kind of TABLE_KINDS) this.tables[kind].rollback((mark as Record<TableKind, StageMark>)[kind]);
  }

  /**
   * Every kind's staged lines written out as its Parquet file in `folder`, typed by the data
   * dictionary, and that file made the kind's table to query (a view over it). Straight from
   * the lines, not through a table in the database: loading a million work-log rows into a
   * table and copying it out cost twice the CPU, and ten million spilled 2.9 GB to disk. The
   * copy keeps the lines' order; its row groups follow the lines' bytes alone, the same on any
   * number of threads (DuckDB's ordered copy), so the same rows always give the same file. Each
   * copy runs on one thread: two took a seventh more CPU and, at ten million rows, 200 MB more
   * memory. A kind whose lines are in parts large enough (a large CSV read in two halves at once:
   * tail.ts) is copied as two runs of its files at once, each on its own connection and thread,
   * and the two Parquet files joined, row groups as written (concatParquet): the same CPU, on
   * both cores when the machine has them.
   */
  async finish(folder: string): Promise<void> {
    const files = `[${this.files.map(sqlString).join(', ')}]::VARCHAR[]`;
    await this.runner.connection.run(`SET threads = 1`);
    let helper: NodeRunner | null = null;
    try {
      await this.writeTables(folder, files, async () => (helper ??= await this.runner.connect()));
    } finally {
      await this.runner.connection.run(`RESET threads`);
      (helper as NodeRunner | null)?.close();
    }
  }

  private async writeTables(folder: string, files: string, helper: () => Promise<NodeRunner>): Promise<void> {
    for (const kind of TABLE_KINDS) {
      const table = this.tables[kind];
      table.close();
      const path = join(folder, TABLES[kind].file);
      const output = TABLES[kind].output;
      if (table.rows === 0) {
        // Nothing to read: the empty table, copied as any table is.
        await this.runner.connection.run(createTableSql(kind, output));
        await copyOnOneThread(this.runner, kind, path);
        continue;
      }
      const columns = output.map((c) => `${sqlString(c.name)}: ${sqlString(c.name === 'source_file' ? 'INTEGER' : c.type)}`).join(', ');
      const copy = (on: NodeRunner, lines: readonly StagedFile[], to: string) =>
        on.connection.run(
          `COPY (SELECT * REPLACE (list_extract(${files}, source_file + 1) AS source_file)
             FROM read_csv(${lines.length === 1 ? sqlString(lines[0]!.path) : `[${lines.map((f) => sqlString(f.path)).join(', ')}]`}, delim = '\t', quote = '', escape = '',
               header = false, nullstr = chr(${NULL.charCodeAt(0)}), auto_detect = false, columns = {${columns}}))
           TO ${sqlString(to)} (FORMAT parquet, COMPRESSION zstd)`,
        );
      const runs = twoRuns(table.files);
      if (!runs) await copy(this.runner, table.files, path);
      else {
        const parts = runs.map((_, i) => join(this.dir, `${kind}-${i}.parquet`));
        const other = await helper();
        // Both settle before either connection may be closed (closing one while the other runs a query crashes DuckDB).
        const copied = await Promise.allSettled([copy(this.runner, runs[0], parts[0]!), copy(other, runs[1], parts[1]!)]);
        for (const done of copied) if (done.status === 'rejected') throw done.reason;
        concatParquet(parts, path);
        for (const part of parts) rmSync(part, { force: true });
      }
      await this.runner.connection.run(`CREATE OR REPLACE VIEW ${kind} AS SELECT * FROM read_parquet(${sqlString(path)})`);
      await this.checkWritten(kind, path, table.rows);
    }
  }

  /**
   * As many rows read back as lines written, and no null where the dictionary allows none (a
   * table's NOT NULL said so before): from the file's own statistics, without reading it.
   */
  private async checkWritten(kind: TableKind, path: string, rows: number): Promise<void> {
    const [stats] = await this.runner.query<{ n: number; nulls: string[] | null }>(
      `SELECT (SELECT SUM(num_rows)::INTEGER FROM parquet_file_metadata(${sqlString(path)})) AS n,
         (SELECT list(DISTINCT path_in_schema) FROM parquet_metadata(${sqlString(path)})
          WHERE path_in_schema IN (${TABLES[kind].output.filter((c) => !c.nullable).map((c) => sqlString(c.name)).join(', ') || 'NULL'}) AND stats_null_count > 0) AS nulls`,
    );
    if (stats!.n !== rows) throw new Error(`staging ${kind}: wrote ${rows} rows, read back ${stats!.n}`);
    if (stats!.nulls?.length) throw new Error(`staging ${kind}: nulls in ${stats!.nulls.join(', ')}, which the data dictionary does not allow`);
  }

  private closed = false;

  /** Removes the staging folder without touching the database (a signal handler's, just before the process exits). */
  discard(): void {
    this.closed = true;
    rmSync(this.dir, { recursive: true, force: true });
  }

  /** Closes the tables and the database and removes the staging folder; safe to call twice (and from an exit handler). */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    try {
      for (const kind of TABLE_KINDS) this.tables[kind].close();
      this.runner.close();
    } finally {
      rmSync(this.dir, { recursive: true, force: true });
    }
  }
}
