/**
 * The site's tables live in native DuckDB files (one per table, written by the build:
 * src/site/build-data.ts). An engine attaches a table's file the first time a query names the
 * table, and makes the table queryable under its own name (a view), so what a page loads
 * is whatever its panels' SQL reads, with nothing to declare: the staffing page never fetches work
 * logs, and only the data-quality page fetches the rejects. Both engines run this same code; only
 * how a file reaches the engine differs (a path in Node, a fetched buffer in the browser).
 */
import type { QueryRunner } from './sql.ts';

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

/** Makes an attached file queryable by name: ATTACH it (read-only), or a view onto one of its tables. */
export const attachSql = (path: string, catalog: string) => `ATTACH '${path.replace(/'/g, "''")}' AS "${catalog}" (READ_ONLY)`;
export const viewSql = (table: string, catalog: string) => `CREATE OR REPLACE VIEW "${table}" AS SELECT * FROM "${catalog}"."${table}"`;

export interface Engine {
  /** Runs one statement or query. */
  query<T>(sql: string): Promise<T[]>;
  /** Makes a file available to the engine; returns the path ATTACH opens. */
  open(file: string): Promise<string>;
}

/** A QueryRunner over the site's table files: each query first attaches the tables it names. */
export class AttachedTables implements QueryRunner {
  private readonly tables = new Map<string, Promise<void>>();
  private readonly catalogs = new Map<string, Promise<string>>();
  readonly files: TableFiles;
  private readonly engine: Engine;
  constructor(files: TableFiles, engine: Engine) {
    this.files = files;
    this.engine = engine;
  }

  private attach(file: string): Promise<string> {
    let catalog = this.catalogs.get(file);
    if (!catalog) {
      catalog = this.engine.open(file).then(async (path) => {
        await this.engine.query(attachSql(path, catalogOf(file)));
        return catalogOf(file);
      });
      this.catalogs.set(file, catalog);
    }
    return catalog;
  }

  /** Attach these tables (each file once, in parallel); later queries naming them wait for nothing. */
  ensure(tables: Iterable<string>): Promise<void> {
    const pending = [];
    for (const table of tables) {
      const file = this.files[table];
      if (file === undefined) return Promise.reject(new Error(`数据表 ${table} 不在本站点中`));
      let done = this.tables.get(table);
      if (!done) {
        done = this.attach(file).then((catalog) => this.engine.query(viewSql(table, catalog)).then(() => undefined));
        this.tables.set(table, done);
      }
      pending.push(done);
    }
    return Promise.all(pending).then(() => undefined);
  }

  async query<T = Record<string, unknown>>(sql: string): Promise<T[]> {
    await this.ensure(tablesFor(this.files, [sql]));
    return this.engine.query<T>(sql);
  }
}
