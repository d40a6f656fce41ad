/**
 * Build-time data: the manifest of the last ingest (public/data), the site's database written from
 * it (public/db, served as dist/db), and a QueryRunner over that database for the prerendered pages.
 * The browser attaches the very same files (src/browser/duckdb.ts), so both engines read the same
 * tables, the derived ones included, through the same code (src/metrics/table-files.ts).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildContext, workloadParams, type DashboardContext } from '../dashboard/context.ts';
import { TABLE_KINDS } from '../domain/tables/index.ts';
import type { Manifest } from '../ingest/run.ts';
import { writeTableFile } from '../io/duckdb-file.ts';
import { NodeRunner } from '../io/duckdb-node.ts';
import { AttachedTables, type TableFiles } from '../metrics/table-files.ts';
import { workloadTables, workloadTablesSql } from '../metrics/workload.ts';

const publicDir = () => resolve(process.env.DASHBOARD_PUBLIC_DIR ?? 'public');
export const DATA_DIR = join(publicDir(), 'data');
/** The site's database: one file per table, named by its content so that no browser keeps a stale copy. */
const DB_FOLDER = 'db';
const INDEX = 'tables.json';

export function loadManifest(dataDir = DATA_DIR): Manifest {
  const path = join(dataDir, 'manifest.json');
  if (!existsSync(path))
    throw new Error(`找不到 ${path}。请先运行 npm run ingest 导入数据（默认导入 data/exports 下的示例数据），再运行 npm run build。`);
  return JSON.parse(readFileSync(path, 'utf8')) as Manifest;
}

/** Tables the ingest publishes as Parquet in data/. */
const PUBLISHED = [...TABLE_KINDS, 'rejects', 'warnings'];

/**
 * The tables of the site's database: what any page may query. The one place that decides it: the
 * published tables, and the derived tables the workload SQL reads (built here once, by the same
 * SQL, instead of in every browser).
 */
export function siteTables(ctx: DashboardContext): { published: string[]; derived: { names: string[]; sql: string[] } } {
  const params = workloadParams(ctx);
  return { published: PUBLISHED, derived: { names: Object.values(workloadTables(params)), sql: workloadTablesSql(params) } };
}

/** Writes <public>/db/: one DuckDB file per table of siteTables, and tables.json mapping each table to its file. */
export async function writeSiteDatabase(publicFolder = publicDir()): Promise<TableFiles> {
  const dataDir = join(publicFolder, 'data');
  const dbDir = join(publicFolder, DB_FOLDER);
  const tables = siteTables(buildContext(loadManifest(dataDir)));
  rmSync(dbDir, { recursive: true, force: true });
  mkdirSync(dbDir, { recursive: true });
  const runner = await NodeRunner.overParquet(dataDir, tables.published);
  try {
    for (const sql of tables.derived.sql) await runner.connection.run(sql);
    const files: Record<string, string> = {};
    for (const table of [...tables.published, ...tables.derived.names]) {
      const path = join(dbDir, `${table}.duckdb`);
      await writeTableFile(runner, table, path);
      const name = `${table}.${createHash('sha256').update(readFileSync(path)).digest('hex').slice(0, 10)}.duckdb`;
      renameSync(path, join(dbDir, name));
      files[table] = `${DB_FOLDER}/${name}`;
    }
    writeFileSync(join(dbDir, INDEX), JSON.stringify(files, null, 2) + '\n');
    return files;
  } finally {
    runner.close();
  }
}

/** The site's tables and their files, as written by writeSiteDatabase (pages embed this for the browser). */
export function tableFiles(): TableFiles {
  const path = join(publicDir(), DB_FOLDER, INDEX);
  if (!existsSync(path)) throw new Error(`找不到 ${path}。请用 npm run build 构建站点（它先写出站点数据库）。`);
  return JSON.parse(readFileSync(path, 'utf8')) as TableFiles;
}

let runner: Promise<AttachedTables> | undefined;

/** The prerendering's QueryRunner: DuckDB in Node over the site's database, attaching tables as queries name them. */
export function buildRunner(): Promise<AttachedTables> {
  runner ??= (async () => {
    const db = await NodeRunner.inMemory();
    const root = publicDir();
    return new AttachedTables(tableFiles(), {
      query: (sql) => db.query(sql),
      open: async (file) => join(root, file),
    });
  })();
  return runner;
}
