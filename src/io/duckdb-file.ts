/**
 * A table in DuckDB (Node) → a native DuckDB database file holding it alone, in a storage format
 * DuckDB-WASM attaches without any extension: the build writes with DuckDB 1.5 and the browser
 * reads with DuckDB-WASM 1.32 (DuckDB 1.4), hence the older storage version.
 * Block size: with the default 256 KB blocks a table of a few rows still takes half a megabyte
 * of mostly empty blocks; with 16 KB blocks it takes some 40 KB, but a large table compresses
 * far worse (segments are cut at block size): 1,000,000 work-log rows take 9.7 MB in 256 KB
 * blocks and 48 MB in 16 KB blocks. So a table is written with 256 KB blocks, and a small one
 * again with 16 KB blocks, keeping the smaller file.
 * One thread writes, so that rows are stored in one sequence of full row groups: with two, the
 * same million rows take 14.7 MB instead of 9.7 MB.
 */
import { renameSync, rmSync, statSync } from 'node:fs';
import { sqlString } from '../metrics/sql.ts';
import type { NodeRunner } from './duckdb-node.ts';

const STORAGE = `STORAGE_VERSION 'v1.2.0'`;
const SMALL_BLOCKS = `${STORAGE}, BLOCK_SIZE 16384`;
/** Files up to this size (eight 256 KB blocks) are tried with small blocks too. */
const SMALL_FILE = 2 * 1024 * 1024;

async function write(runner: NodeRunner, table: string, path: string, options: string): Promise<number> {
  rmSync(path, { force: true });
  rmSync(`${path}.wal`, { force: true });
  await runner.connection.run(`ATTACH ${sqlString(path)} AS table_file (${options})`);
  try {
    await runner.connection.run(`SET threads = 1`);
    await runner.connection.run(`CREATE TABLE table_file."${table}" AS SELECT * FROM "${table}"`);
  } finally {
    await runner.connection.run(`RESET threads`);
    await runner.connection.run(`DETACH table_file`);
  }
  return statSync(path).size;
}

/** Writes `table` of `runner` (a table or view) into a new database file at `path`, under the same name. */
export async function writeTableFile(runner: NodeRunner, table: string, path: string): Promise<void> {
  if ((await write(runner, table, path, STORAGE)) > SMALL_FILE) return;
  const small = `${path}.small`;
  if ((await write(runner, table, small, SMALL_BLOCKS)) < statSync(path).size) renameSync(small, path);
  else rmSync(small);
}
