/**
 * Published Parquet → DuckDB-WASM table, with no extension download: hyparquet decodes the
 * file in JS (ZSTD via hyparquet-compressors), the columns become an Arrow IPC stream, and
 * DuckDB-WASM ingests that with its built-in Arrow reader. Types come from the data dictionary.
 */
import type { AsyncDuckDBConnection } from '@duckdb/duckdb-wasm';
import { DateDay, Float64, Int32, Table, Utf8, tableToIPC, vectorFromArray, type DataType } from 'apache-arrow';
import { parquetMetadata, parquetRead } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import type { OutputColumn, SqlType } from '../domain/tables/index.ts';
import { createTableSql } from '../metrics/sql.ts';

const ARROW_TYPES: Record<SqlType, () => DataType> = {
  VARCHAR: () => new Utf8(),
  INTEGER: () => new Int32(),
  DOUBLE: () => new Float64(),
  DATE: () => new DateDay(),
};

export async function decodeParquet(buffer: ArrayBuffer, columns: readonly OutputColumn[]): Promise<Table> {
  const rows = Number(parquetMetadata(buffer).num_rows);
  const data: Record<string, unknown[]> = Object.fromEntries(columns.map((c) => [c.name, new Array(rows).fill(null)]));
  await parquetRead({
    file: buffer,
    compressors,
    columns: columns.map((c) => c.name),
    onChunk({ columnName, columnData, rowStart }) {
      const target = data[columnName]!;
      for (let i = 0; i < columnData.length; i++) target[rowStart + i] = columnData[i] ?? null;
    },
  });
  return new Table(
    Object.fromEntries(columns.map((c) => [c.name, vectorFromArray(data[c.name]!, ARROW_TYPES[c.type]())])),
  );
}

export async function loadParquetTable(
  conn: AsyncDuckDBConnection,
  name: string,
  url: string,
  columns: readonly OutputColumn[],
): Promise<number> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`无法读取数据文件 ${url}（HTTP ${response.status}）`);
  const table = await decodeParquet(await response.arrayBuffer(), columns);
  await conn.query(createTableSql(name, columns));
  if (table.numRows > 0) await conn.insertArrowFromIPCStream(tableToIPC(table, 'stream'), { name, create: false });
  return table.numRows;
}
