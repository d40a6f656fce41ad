/**
 * The site's tables live in native DuckDB files (one per table, written by the build:
 * src/site/build-data.ts). An engine attaches a table's file the first time a query names the
 * table, so what a page loads is whatever its panels' SQL reads, with nothing to declare: the
 * staffing page never fetches work logs, and only the data-quality page fetches the rejects. Both
 * engines run this same code; only how a file reaches the engine differs (a path in Node, a
 * fetched buffer in the browser).
 */
import { sqlString, type QueryRunner } from './sql.ts';

/** Table name → its file, relative to the site root (e.g. "db/enrollment.1f2e3d4c.duckdb"). */
export type TableFiles = Readonly<Record<string, string>>;

/** Single-quoted literals and comments, which name no table (a file called "rejects.csv" is not the table). */
const NOT_SQL_NAMES = /'(?:[^']|'')*'|--[^\n]*|\/\*[\s\S]*?\*\//g;

/** The known tables an SQL text names (as words, quoted or not), in the order of `known`. */
export function tablesIn(sql: string, known: Iterable<string>): string[] {
  const words = new Set(sql.replace(NOT_SQL_NAMES, ' ').match(/[A-Za-z_][A-Za-z0-9_]*/g) ?? []);
  return [...known].filter((name) => words.has(name));
}

/** The site's tables that these queries read. */
export function tablesFor(files: TableFiles, sqls: Iterable<string>): string[] {
  const needed = new Set<string>();
  for (const sql of sqls) for (const table of tablesIn(sql, Object.keys(files))) needed.add(table);
  return [...needed];
}

/** The catalog a table file is attached as: named after the file, so that a file holding several tables is attached once. */
export function catalogOf(file: string): string {
  return `file_${file.slice(file.lastIndexOf('/') + 1).replace(/\.duckdb$/, '').replace(/\W/g, '_')}`;
}

export interface Engine {
  /** Runs one statement or query. */
  query<T>(sql: string): Promise<T[]>;
  /** Makes a file available to the engine; returns the path ATTACH opens. */
  open(file: string): Promise<string>;
}

/**
 * A QueryRunner over the site's table files: each query first attaches the files of the tables it
 * names. A table is found by its bare name through the search path, which lists every attached
 * file (a view per table would do the same, but DuckDB binds a view again in every query that
 * names it: 20–40 % more time per filter change on the workload page).
 */
export class AttachedTables implements QueryRunner {
  private readonly attached = new Map<string, Promise<void>>();
  private readonly catalogs: string[] = [];
  /** ATTACH and SET search_path one file after another, whatever order the files arrive in. */
  private statements: Promise<void> = Promise.resolve();
  readonly files: TableFiles;
  private readonly engine: Engine;
  constructor(files: TableFiles, engine: Engine) {
    this.files = files;
    this.engine = engine;
  }

  private attach(file: string): Promise<void> {
    const known = this.attached.get(file);
    if (known) return known;
    const opened = this.engine.open(file); // in parallel: fetching and registering a file
    opened.catch(() => {}); // awaited below, maybe after it failed
    const done = this.statements.then(async () => {
      const catalog = catalogOf(file);
      await this.engine.query(`ATTACH ${sqlString(await opened)} AS "${catalog}" (READ_ONLY)`);
      this.catalogs.push(catalog);
      await this.engine.query(`SET search_path = ${sqlString(this.catalogs.join(','))}`);
    });
    this.statements = done.catch(() => {}); // a file that fails is reported to its queries, not to the next file's
    this.attached.set(file, done);
    return done;
  }

  /** Attach the files of these tables (each once); later queries naming them wait for nothing. */
  ensure(tables: Iterable<string>): Promise<void> {
    const pending = [];
    for (const table of tables) {
      const file = this.files[table];
      if (file === undefined) return Promise.reject(new Error(`数据表 ${table} 不在本站点中`));
      pending.push(this.attach(file));
    }
    return Promise.all(pending).then(() => undefined);
  }

  async query<T = Record<string, unknown>>(sql: string): Promise<T[]> {
    await this.ensure(tablesFor(this.files, [sql]));
    return this.engine.query<T>(sql);
  }
}
