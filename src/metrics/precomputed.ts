/**
 * The public build's data: no table at all, only the rows each view's queries returned when the
 * build ran them (src/site/public-build.ts), keyed by a digest of the SQL. A page's panels ask for
 * the same SQL, in the prerendering and in the browser, and get the same rows, without an engine.
 */
import { fromColumns, toColumns } from './column-wise.ts';
import type { QueryRunner } from './sql.ts';

/** A view's queries' rows, by viewKey of their SQL. */
export type Views = Readonly<Record<string, Record<string, unknown>[]>>;

/** A cell of a view: what DuckDB's rows hold (the disclosure adds text such as 少于3人). */
type Cell = string | number | boolean | null;

/**
 * A page's views as stored: column-wise, each text once (a page's views repeat its departments,
 * roles and notes thousands of times), each column list once, and each distinct set of rows once
 * (many views give the same rows). A column is stored as indexes into `texts` (kind "t") when it
 * holds text and nulls only, else as its values ("v").
 */
export interface PackedViews {
  texts: string[];
  columns: string[][];
  /** [index in columns, each column's kind, then each column's cells]. */
  tables: Array<[number, string, ...Cell[][]]>;
  /** Each view's table, by viewKey of its SQL. */
  views: Record<string, number>;
}

/** A page's views packed (PackedViews); unpackView gives back each view's rows exactly. */
export function packViews(views: Views): PackedViews {
  const packed: PackedViews = { texts: [], columns: [], tables: [], views: {} };
  const texts = new Map<string, number>();
  const columnLists = new Map<string, number>();
  const tables = new Map<string, number>();
  const text = (s: string) => texts.get(s) ?? (texts.set(s, packed.texts.push(s) - 1), texts.size - 1);
  for (const [key, rows] of Object.entries(views)) {
    const table = toColumns(rows);
    if (!table) throw new Error('公开版：同一视图的各行列不一致，无法存储。');
    const { names } = table;
    const cells = table.cells as Cell[][];
    const list = JSON.stringify(names);
    const columns = columnLists.get(list) ?? (columnLists.set(list, packed.columns.push(names) - 1), columnLists.size - 1);
    const kinds = cells.map((column) => (column.every((c) => c === null || typeof c === 'string') ? 't' : 'v')).join('');
    const stored: [number, string, ...Cell[][]] = [columns, kinds, ...cells.map((column, i) => (kinds[i] === 't' ? column.map((c) => (c === null ? null : text(c as string))) : column))];
    const json = JSON.stringify(stored);
    packed.views[key] = tables.get(json) ?? (tables.set(json, packed.tables.push(stored) - 1), tables.size - 1);
  }
  return packed;
}

/** One view's rows from its packed table: fresh objects, the columns in their order. */
export function unpackView(packed: PackedViews, table: number): Record<string, unknown>[] {
  const [columns, kinds, ...cells] = packed.tables[table]!;
  return fromColumns(packed.columns[columns]!, cells[0]?.length ?? 0, (c, r) => {
    const cell = cells[c]![r]!;
    return kinds[c] === 't' && cell !== null ? packed.texts[cell as number] : cell;
  });
}

/** cyrb53: a 53-bit digest of the SQL, the same in Node and in the browser (the key stores no SQL, which may name files). */
export function viewKey(sql: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < sql.length; i++) {
    const ch = sql.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

export class PrecomputedViews implements QueryRunner {
  private readonly packed: PackedViews;
  constructor(packed: PackedViews) {
    this.packed = packed;
  }

  async query<T = Record<string, unknown>>(sql: string): Promise<T[]> {
    const table = this.packed.views[viewKey(sql)];
    // Every view the page's controls can choose was computed by the build: a miss is a build that does not match its pages.
    if (table === undefined) throw new Error('此视图的数据未随网站生成，请重新构建网站。');
    return unpackView(this.packed, table) as T[];
  }
}
