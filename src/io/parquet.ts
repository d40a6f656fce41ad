/** Writes records to ZSTD Parquet through DuckDB, typed by the table's data dictionary. */
import { DuckDBDataChunkWriter, JSToDuckDBValueConverter, type JS } from '@duckdb/node-api';
import type { OutputColumn } from '../domain/tables.ts';
import { createTableSql, sqlString } from '../metrics/sql.ts';
import type { NodeRunner } from './duckdb-node.ts';

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

export async function writeParquet(
  runner: NodeRunner,
  path: string,
  columns: readonly OutputColumn[],
  records: readonly object[],
  orderBy: readonly string[] = [],
): Promise<void> {
  const db = runner.connection;
  const table = 'staging';
  await db.run(createTableSql(table, columns));
  const appender = await db.createAppender(table);
  const writer = DuckDBDataChunkWriter.forAppender(appender, { converter: JSToDuckDBValueConverter });
  for (const record of records) writer.appendRow(columns.map((c) => (record as Record<string, JS>)[c.name] ?? null));
  writer.flush();
  appender.closeSync();
  const order = orderBy.length ? `ORDER BY ${orderBy.map(quote).join(', ')}` : '';
  // One thread and a total order: the same records give byte-identical files.
  await db.run(`SET threads = 1`);
  await db.run(`COPY (SELECT * FROM ${table} ${order}) TO ${sqlString(path)} (FORMAT parquet, COMPRESSION zstd)`);
  await db.run(`DROP TABLE ${table}`);
}
