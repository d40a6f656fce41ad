/**
 * Rows stored column by column: a query's rows share their keys, written once rather than once per
 * row. Both stores of rows use it — what a page embeds of its first view (src/dashboard/page-config.ts)
 * and the public build's views (precomputed.ts) — each adding its own compaction of the columns.
 */

/** The rows' columns: each key once, its values in row order; null when the rows do not all have the first row's keys, in its order. */
export function toColumns(rows: ReadonlyArray<Record<string, unknown>>): { names: string[]; cells: unknown[][] } | null {
  const names = rows.length ? Object.keys(rows[0]!) : [];
  const keys = names.join('\u0000');
  if (!rows.every((row) => Object.keys(row).join('\u0000') === keys)) return null;
  return { names, cells: names.map((name) => rows.map((row) => row[name])) };
}

/** `count` rows back from columns `names`, each value `cell(column, row)`: fresh objects, the keys in their order. */
export function fromColumns(names: readonly string[], count: number, cell: (column: number, row: number) => unknown): Record<string, unknown>[] {
  const rows: Record<string, unknown>[] = [];
  for (let r = 0; r < count; r++) {
    const row: Record<string, unknown> = {};
    names.forEach((name, c) => (row[name] = cell(c, r)));
    rows.push(row);
  }
  return rows;
}
