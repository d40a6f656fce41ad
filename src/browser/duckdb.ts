/**
 * DuckDB-WASM in the browser (started by ./start.ts). The engine files are served from the site
 * itself (copied into duckdb/ at build time) and extension autoloading is switched off, so nothing
 * is ever fetched from another host: a query that would need an extension fails instead of
 * hanging. The data are the site's database files (one native DuckDB file per table, written by
 * the build with the derived tables already in them): a table's file, fetched whole, is registered
 * as a buffer and attached the first time a query names the table (src/metrics/table-files.ts).
 */
import * as duckdb from '@duckdb/duckdb-wasm';
import { plainRow } from '../metrics/sql.ts';
import { AttachedTables, type TableFiles } from '../metrics/table-files.ts';
import type { FileFetcher } from './start.ts';

export interface BrowserDatabase extends AttachedTables {
  db: duckdb.AsyncDuckDB;
}

export async function openDatabase(
  worker: Worker,
  wasm: string,
  files: TableFiles,
  first: readonly string[],
  fetchFile: FileFetcher,
): Promise<BrowserDatabase> {
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
  await db.instantiate(wasm);
  const conn = await db.connect();
  await conn.query(`SET autoinstall_known_extensions = false; SET autoload_known_extensions = false`);
  performance.mark('duckdb-started');

  const tables = new AttachedTables(files, {
    async query<T>(sql: string): Promise<T[]> {
      const result = await conn.query(sql);
      return result.toArray().map((row) => plainRow(row.toJSON())) as T[];
    },
    async open(file) {
      const name = file.slice(file.lastIndexOf('/') + 1);
      // The buffer moves to the engine's worker (transferred, not copied).
      await db.registerFileBuffer(name, await fetchFile(file));
      return name;
    },
  });
  await tables.ensure(first);
  return Object.assign(tables, { db });
}
