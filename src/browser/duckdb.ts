/**
 * DuckDB-WASM bootstrap for the browser. The engine files are served from the site itself
 * (copied into duckdb/ at build time) and extension autoloading is switched off, so nothing is
 * ever fetched from another host: a query that would need an extension fails instead of hanging.
 * Once the tables are in, the derived tables the workload queries read are created from the same
 * SQL as at build time (src/metrics/workload.ts).
 */
import * as duckdb from '@duckdb/duckdb-wasm';
import { TABLES, REJECTS_OUTPUT, WARNINGS_OUTPUT } from '../domain/tables/index.ts';
import { plainRow, type QueryRunner } from '../metrics/sql.ts';
import { workloadTablesSql, type WorkloadParams } from '../metrics/workload.ts';
import { loadParquetTable } from './load-parquet.ts';

export interface BrowserDatabase extends QueryRunner {
  db: duckdb.AsyncDuckDB;
  conn: duckdb.AsyncDuckDBConnection;
}

/** `root` is the site root as a URL (pages know theirs; see siteRoot()); `workload`: the page's rules and calendar. */
export async function openDatabase(root: URL, workload: WorkloadParams): Promise<BrowserDatabase> {
  const asset = (file: string) => new URL(`duckdb/${file}`, root).href;
  const bundle = await duckdb.selectBundle({
    mvp: { mainModule: asset('duckdb-mvp.wasm'), mainWorker: asset('duckdb-browser-mvp.worker.js') },
    eh: { mainModule: asset('duckdb-eh.wasm'), mainWorker: asset('duckdb-browser-eh.worker.js') },
  });
  const worker = new Worker(bundle.mainWorker!);
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
  await db.instantiate(bundle.mainModule, bundle.pthreadWorker);
  const conn = await db.connect();
  await conn.query(`SET autoinstall_known_extensions = false`);
  await conn.query(`SET autoload_known_extensions = false`);

  const data = (file: string) => new URL(`data/${file}`, root).href;
  await Promise.all([
    ...Object.values(TABLES).map((spec) => loadParquetTable(conn, spec.kind, data(spec.file), spec.output)),
    loadParquetTable(conn, 'rejects', data('rejects.parquet'), REJECTS_OUTPUT),
    loadParquetTable(conn, 'warnings', data('warnings.parquet'), WARNINGS_OUTPUT),
  ]);
  performance.mark('duckdb-loaded');
  for (const sql of workloadTablesSql(workload)) await conn.query(sql);

  return {
    db,
    conn,
    async query<T>(sql: string): Promise<T[]> {
      const result = await conn.query(sql);
      return result.toArray().map((row) => plainRow(row.toJSON())) as T[];
    },
  };
}
