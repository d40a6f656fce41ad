/**
 * The staging database: accepted records are written as Parquet to temporary files per kind
 * (never held as JS objects beyond a row group), names published as the rules say, and joined
 * into each kind's Parquet file when every file is in; cross-row checks then run over those files
 * in SQL, in the staging database.
 */
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isRunning } from './lock.ts';
import type { ActiveRules } from '../domain/rules.ts';
import { TABLES, TABLE_KINDS, type TableKind } from '../domain/tables/index.ts';
import { NodeRunner } from '../io/duckdb-node.ts';
import { copyOnOneThread, copyToParquet } from '../io/parquet.ts';
import { concatParquet } from '../io/parquet-concat.ts';
import { createTableSql, sqlString } from '../metrics/sql.ts';
import type { RecordSink } from './records.ts';
import { publishRecord, StageWriter, type StageMark } from './stage-writer.ts';

const STAGING_PREFIX = 'ingest-staging-';
/**
 * What the staging database may hold in memory (docs/bench.md: the peak at 1 and 10 million
 * rows). It holds no table (Staging.finish): this is the cross-checks' working memory, whose
 * groupings over ten million rows took 478 MB at 384 MB and 330 MB at 192 MB, at less CPU; with
 * rows staged as Parquet from JS, the ingest's peak at ten million rows was 499–526 MB at 192 MB
 * and 365–370 MB at 96 MB, at the same CPU.
 */
const STAGING_MEMORY = '96MB';

export class Staging implements RecordSink {
  readonly runner: NodeRunner;
  private readonly dir: string;
  private readonly tables: Record<TableKind, StageWriter>;
  private readonly rules: ActiveRules;

  private constructor(runner: NodeRunner, rules: ActiveRules, dir: string) {
    this.runner = runner;
    this.rules = rules;
    this.dir = dir;
    this.tables = Object.fromEntries(
      TABLE_KINDS.map((k) => [k, new StageWriter(join(this.dir, `${k}.parquet`), TABLES[k].output)]),
    ) as Record<TableKind, StageWriter>;
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
    return join(this.dir, `worker-${this.workerFiles++}.parquet`);
  }

  mark(): Record<TableKind, StageMark> {
    return Object.fromEntries(TABLE_KINDS.map((k) => [k, this.tables[k].mark()])) as Record<TableKind, StageMark>;
  }

  rollback(mark: unknown): void {
    for (const kind of TABLE_KINDS) this.tables[kind].rollback((mark as Record<TableKind, StageMark>)[kind]);
  }

  /**
   * Every kind's staged files joined into its Parquet file in `folder`, row groups as written
   * (concatParquet), and that file made the kind's table to query (a view over it). Rows a
   * rollback dropped after they were written out (rare: a sheet set aside late) are left out by
   * copying the joined file without them, in order, on one thread.
   */
  async finish(folder: string): Promise<void> {
    for (const kind of TABLE_KINDS) {
      const table = this.tables[kind];
      table.close();
      const path = join(folder, TABLES[kind].file);
      if (table.rows === 0) {
        // Nothing kept: the empty table, copied as any table is.
        await this.runner.connection.run(createTableSql(kind, TABLES[kind].output));
        await copyOnOneThread(this.runner, kind, path);
        continue;
      }
      const parts = table.files.map((f) => f.path);
      if (table.dropped.length === 0) concatParquet(parts, path);
      else {
        const joined = join(this.dir, `${kind}-joined.parquet`);
        concatParquet(parts, joined);
        const kept = table.dropped.map(([from, to]) => `NOT (file_row_number >= ${from} AND file_row_number < ${to})`).join(' AND ');
        await copyToParquet(this.runner, `(SELECT * EXCLUDE (file_row_number) FROM read_parquet(${sqlString(joined)}, file_row_number = true) WHERE ${kept})`, path);
        rmSync(joined, { force: true });
      }
      await this.runner.connection.run(`CREATE OR REPLACE VIEW ${kind} AS SELECT * FROM read_parquet(${sqlString(path)})`);
      await this.checkWritten(kind, path, table.rows);
    }
  }

  /**
   * As many rows read back as were kept, and no null where the dictionary allows none (a
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
      // Files not yet finished are of no use now: closed without writing what is left (a full disk would refuse it again).
      for (const kind of TABLE_KINDS) this.tables[kind].abandon();
      this.runner.close();
    } finally {
      rmSync(this.dir, { recursive: true, force: true });
    }
  }
}
