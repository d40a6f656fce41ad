/**
 * Tables in DuckDB (Node) → ZSTD Parquet, typed by the data dictionary. Appending converts DATE
 * columns from "YYYY-MM-DD" text; copying uses one thread, so the same records in the same order
 * always give byte-identical files.
 */
import { DuckDBDataChunkWriter, JSToDuckDBValueConverter, type DuckDBAppender, type JS } from '@duckdb/node-api';
import type { OutputColumn } from '../domain/tables/index.ts';
import { createTableSql, sqlString } from '../metrics/sql.ts';
import type { NodeRunner } from './duckdb-node.ts';

/** Appends plain records to a table, converting each value to its column's type. */
export class TableAppender {
  private readonly appender: DuckDBAppender;
  private readonly writer: DuckDBDataChunkWriter<JS>;
  private readonly convert: Array<(record: Record<string, unknown>) => JS>;

  constructor(appender: DuckDBAppender, columns: readonly OutputColumn[]) {
    this.appender = appender;
    this.writer = DuckDBDataChunkWriter.forAppender(appender, { converter: JSToDuckDBValueConverter });
    this.convert = columns.map((c) =>
      c.type === 'DATE'
        ? (r) => (r[c.name] == null ? null : new Date(`${r[c.name]}T00:00:00Z`))
        : (r) => (r[c.name] ?? null) as JS,
    );
  }

  append(record: Record<string, unknown>): void {
    this.writer.appendRow(this.convert.map((f) => f(record)));
  }

  close(): void {
    this.writer.flush();
    this.appender.closeSync();
  }
}

export async function createTable(runner: NodeRunner, name: string, columns: readonly OutputColumn[]): Promise<TableAppender> {
  await runner.connection.run(createTableSql(name, columns));
  return new TableAppender(await runner.connection.createAppender(name), columns);
}

/** Rows keep their input order (files in path order, rows in sheet order): stable, and traceable. `table`: a table's name or a query in parentheses. */
export async function copyToParquet(runner: NodeRunner, table: string, path: string): Promise<void> {
  await runner.connection.run(`SET threads = 1`);
  await copyOnOneThread(runner, table, path);
  await runner.connection.run(`RESET threads`);
}

/**
 * COPY … TO Parquet when the database is already set to one thread (SET threads = 1): a query
 * then runs on its caller's thread alone, so another connection may run one alongside.
 */
export async function copyOnOneThread(runner: NodeRunner, table: string, path: string): Promise<void> {
  await runner.connection.run(`COPY ${table} TO ${sqlString(path)} (FORMAT parquet, COMPRESSION zstd)`);
}

/** Records held in memory (rejects, warnings) → Parquet, in the order given (`oneThread`: see copyOnOneThread). */
export async function writeParquet(
  runner: NodeRunner,
  path: string,
  columns: readonly OutputColumn[],
  records: readonly object[],
  { table = 'staging_records', oneThread = false } = {},
): Promise<void> {
  const appender = await createTable(runner, table, columns);
  for (const record of records) appender.append(record as Record<string, unknown>);
  appender.close();
  if (oneThread) await copyOnOneThread(runner, table, path);
  else await copyToParquet(runner, table, path);
  await runner.connection.run(`DROP TABLE ${table}`);
}
