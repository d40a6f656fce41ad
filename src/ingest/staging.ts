/**
 * The staging database: accepted records are written as tab-separated lines to one temporary
 * file per kind (never held as JS objects), names published as the rules say, and loaded into
 * DuckDB in one go when every file is in; cross-row checks then run over the tables in SQL and
 * each table is copied out to Parquet. Loading text with DuckDB's own CSV reader took a third of
 * the time of appending rows from JS (README, "Performance").
 */
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isRunning } from './lock.ts';
import type { ActiveRules } from '../domain/rules.ts';
import { TABLES, TABLE_KINDS, type TableKind } from '../domain/tables/index.ts';
import { NodeRunner } from '../io/duckdb-node.ts';
import { createTableSql, sqlString } from '../metrics/sql.ts';
import type { RecordSink } from './records.ts';
import { NULL, publishRecord, StageWriter, type StageMark } from './stage-lines.ts';

const STAGING_PREFIX = 'ingest-staging-';
/** What the staging database may hold in memory (docs/bench.md: the peak at 1 and 10 million rows). */
const STAGING_MEMORY = '384MB';

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
      // Past this, DuckDB writes the tables' blocks to that folder: by default it keeps them all in
      // memory (up to 80% of it), and ten million work-log rows took 1.7 GB more than one million.
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

  /** Load every staged table into DuckDB, typed by the data dictionary; after this, query them. */
  async finish(): Promise<void> {
    for (const kind of TABLE_KINDS) {
      const table = this.tables[kind];
      table.close();
      const columns = TABLES[kind].output
        .map((c) => `${sqlString(c.name)}: ${sqlString(c.name === 'source_file' ? 'INTEGER' : c.type)}`)
        .join(', ');
      const files = `[${this.files.map(sqlString).join(', ')}]::VARCHAR[]`;
      await this.runner.connection.run(createTableSql(kind, TABLES[kind].output));
      if (table.rows > 0)
        await this.runner.connection.run(
          `INSERT INTO ${kind} SELECT * REPLACE (list_extract(${files}, source_file + 1) AS source_file)
           FROM read_csv(${sqlString(table.path)}, delim = '\t', quote = '', escape = '',
             header = false, nullstr = chr(${NULL.charCodeAt(0)}), auto_detect = false, columns = {${columns}})`,
        );
      const [loaded] = await this.runner.query<{ n: number }>(`SELECT COUNT(*)::INTEGER AS n FROM ${kind}`);
      if (loaded!.n !== table.rows) throw new Error(`staging ${kind}: wrote ${table.rows} rows, read back ${loaded!.n}`);
    }
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
