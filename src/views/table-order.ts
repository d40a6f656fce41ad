/**
 * What a reader does to a table in the browser: sort it by a column and search it. Pure (no DOM),
 * so the build, the browser and the tests arrange rows the same way, and a download takes the
 * rows in the order and selection the screen shows.
 *
 * - Sorting compares the values behind the cells, not their text: numbers as numbers (1:186.6,
 *   93.2 %, 1,020), text in the reader's order (Chinese by pinyin, Intl.Collator zh-CN, digits
 *   inside text by value). Empty cells come last either way; rows that tie keep their order.
 * - Pinned rows (the institution's, 全院) stay on top whatever the order.
 * - Searching keeps the rows where every word typed is found in one of the row's text cells.
 */

export type Direction = 'asc' | 'desc';
export interface TableSort {
  key: string;
  dir: Direction;
}

/** A table's state in the browser: its order, what is searched for, and whether its fold is open. */
export interface TableState {
  sort?: TableSort | null;
  query?: string;
  open?: boolean;
}

/** What a cell sorts by: a number, a text, or nothing (empty, "—"). */
export type SortKey = number | string | null;

/** A column as ordering sees it. */
export interface OrderColumn<R> {
  key: string;
  label: string;
  /** A text column is searched; a number column is not. */
  numeric: boolean;
  text(row: R): string;
  sortKey(row: R): SortKey;
}

const collator = new Intl.Collator('zh-CN', { numeric: true, sensitivity: 'base' });

/** The number a cell shows: "1:186.6" → 186.6, "93.2%" → 93.2, "1,020" → 1020, "—" → null. */
export function numberIn(text: string): number | null {
  const plain = text.replace(/[,，\s]/g, '');
  const match = /^1:(\d+(?:\.\d+)?)/.exec(plain) ?? /[-−]?\d+(?:\.\d+)?/.exec(plain);
  return match ? Number((match[1] ?? match[0]).replace('−', '-')) : null;
}

/** Numbers before text (a number column's odd word), nothing last; ascending. */
function compareKeys(a: SortKey, b: SortKey): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') return collator.compare(a, b);
  return rank(a) - rank(b);
}
const rank = (k: SortKey) => (typeof k === 'number' ? 0 : typeof k === 'string' ? 1 : 2);

const words = (query: string | undefined) => (query ?? '').trim().toLocaleLowerCase('zh-CN').split(/\s+/).filter(Boolean);

/** The rows as the table shows them: those matching the search, in the chosen order, pinned rows first. */
export function arrange<R>(rows: readonly R[], columns: readonly OrderColumn<R>[], state: TableState, pinned?: (row: R) => boolean): R[] {
  const wanted = words(state.query);
  const texts = columns.filter((c) => !c.numeric);
  let shown = wanted.length
    ? rows.filter((row) => {
        const text = texts.map((c) => c.text(row)).join('\n').toLocaleLowerCase('zh-CN');
        return wanted.every((w) => text.includes(w));
      })
    : [...rows];
  const column = state.sort ? columns.find((c) => c.key === state.sort!.key) : undefined;
  if (column) {
    const sign = state.sort!.dir === 'desc' ? -1 : 1;
    const keyed = shown.map((row, index) => ({ row, index, key: column.sortKey(row), pin: pinned?.(row) === true }));
    keyed.sort(
      (a, b) =>
        Number(b.pin) - Number(a.pin) ||
        (a.pin ? 0 : a.key == null || b.key == null ? rank(a.key) - rank(b.key) : sign * compareKeys(a.key, b.key)) ||
        a.index - b.index,
    );
    shown = keyed.map((k) => k.row);
  }
  return shown;
}

/** A header clicked: ascending first, then descending, then the table's own order again. */
export function nextSort(current: TableSort | null | undefined, key: string): TableSort | null {
  if (current?.key !== key) return { key, dir: 'asc' };
  return current.dir === 'asc' ? { key, dir: 'desc' } : null;
}

/** The order in the URL: "gap.desc" (a column key may itself hold dots or dashes). */
export const sortParam = (sort: TableSort) => `${sort.key}.${sort.dir}`;
export function parseSortParam(text: string | null): TableSort | null {
  const at = text?.lastIndexOf('.') ?? -1;
  if (!text || at <= 0) return null;
  const dir = text.slice(at + 1);
  return dir === 'asc' || dir === 'desc' ? { key: text.slice(0, at), dir } : null;
}

/** What the table's status line says (and a screen reader hears): rows shown of all, and the order. */
export function arrangementText(shown: number, total: number, state: TableState, sortLabel: string | null, searchable: boolean): string {
  const parts: string[] = [];
  if (searchable) parts.push(words(state.query).length ? `显示 ${shown} / ${total} 行` : `共 ${total} 行`);
  if (state.sort && sortLabel) parts.push(`按“${sortLabel}”${state.sort.dir === 'asc' ? '升序' : '降序'}排列`);
  return parts.join('；');
}
