/** Small helpers for writing metric SQL that runs unchanged in DuckDB (Node) and DuckDB-WASM. */

export function sqlString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

export function sqlNumber(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`not a finite number: ${value}`);
  return String(value);
}

/** Anything that can run SQL and return plain rows: DuckDB in Node at build time, DuckDB-WASM in the browser. */
export interface QueryRunner {
  query<T = Record<string, unknown>>(sql: string): Promise<T[]>;
}

/** BIGINT and HUGEINT arrive as bigint in both engines; metrics are compared and shown as numbers. */
export function plainRow(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) out[k] = typeof v === 'bigint' ? Number(v) : v;
  return out;
}

/** CREATE TABLE for a table of the data dictionary, so both engines type it the same way. */
export function createTableSql(name: string, columns: readonly { name: string; type: string; nullable: boolean }[]): string {
  const ddl = columns.map((c) => `"${c.name}" ${c.type}${c.nullable ? '' : ' NOT NULL'}`).join(', ');
  return `CREATE OR REPLACE TABLE ${name} (${ddl})`;
}
