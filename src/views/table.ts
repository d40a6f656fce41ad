/**
 * Tables as data: columns with a format, rows as they come from SQL. One renderer makes the HTML
 * (build and browser alike) and the same view becomes the CSV/Excel download, so a download holds
 * exactly the rows on screen.
 *
 * Layout rules the renderer carries, so every table keeps them: numbers right-aligned in tabular
 * figures, text left; every cell labelled with its column (data-label), so a phone can stack a
 * row as label–value lines; long lists folded after their first rows (fold.ts); wide tables
 * marked for the print stylesheet (landscape pages) and drawn denser.
 *
 * And what a reader does with it (table-order.ts): every column header is a button that sorts by
 * the values behind the cells (aria-sort says the order), a long list has a search box, and the
 * institution's row stays on top. The browser keeps that state per table and renders the table
 * again with it (src/client/tables.ts); the HTML of the first view holds every row, unsorted.
 * Table semantics are written out as roles, so a phone's stacked rows are still read as a table.
 */
import { GRADE_LABELS, ROLE_LABELS, type Grade, type Role } from '../domain/cells.ts';
import { escapeHtml, formatFte, formatInt, formatRatio } from '../domain/format.ts';
import { semesterLabel } from '../domain/semester.ts';
import { INSTITUTION } from '../metrics/staffing.ts';
import { FOLD_ABOVE, FOLD_SHOW, PHONE_FOLD_SHOW, foldControlHtml, foldedRowClass, foldOf } from './fold.ts';
import { arrange, arrangementText, numberIn, type OrderColumn, type SortKey, type TableState } from './table-order.ts';

export type Format = 'text' | 'int' | 'decimal' | 'decimal1' | 'percent' | 'ratio' | 'role' | 'grade' | 'yesno' | 'semester';

export interface Column<R = Record<string, unknown>> {
  key: string;
  label: string;
  format?: Format;
  /** Computed cell value (else row[key]). */
  value?: (row: R) => unknown;
  /** Text shown instead of the formatted value (e.g. with a unit or a flag). */
  display?: (row: R) => string;
  /** For 'ratio': the target, so an exceeded target is never rounded down onto it. */
  target?: number;
  /** The first column names the row (<th scope="row">). */
  rowHeader?: boolean;
  /** A display column that holds a number: right-aligned like the formatted ones. */
  numeric?: boolean;
  /** The cell links to this page (relative to the current page), e.g. a department's. */
  href?: (row: R) => string | null;
  /** A status word shown as a flag after the value (e.g. 未达标), or null for none. */
  flag?: (row: R) => string | null;
  /** In the download only (a clerk's detail such as a problem code or source row), not on screen. */
  downloadOnly?: boolean;
  /** What the column sorts by, where neither the value nor the number shown says it. */
  sortValue?: (row: R) => SortKey;
}

export interface TableView<R = Record<string, unknown>> {
  /** The download's base file name and sheet name (the filters are added to it). */
  title: string;
  columns: Column<R>[];
  rows: R[];
  /** A stable key per row (data-key), so tests and links can find it. */
  rowKey?: (row: R) => string;
  /** Rows that miss a rule are marked (and say so in words, never colour alone). */
  flagged?: (row: R) => boolean;
  empty?: string;
  caption?: string;
  /** false: never fold this list; 'phone': fold it on a phone only (a report's table); else long lists show their first rows. */
  fold?: false | 'phone';
  /** false: a table in a document (the report), in the order given; else headers sort and long lists search. */
  sortable?: false;
  /** Rows kept on top whatever the order (default: the institution's row, 全院). */
  pinned?: (row: R) => boolean;
  /**
   * true: each cell names its column (data-col), for a document whose sentences link to its cells
   * (the report). A page's cells do not: a cell's column is its header's (thead th[data-col]), and
   * the attribute on every cell was a tenth of a province's pages.
   */
  cellKeys?: boolean;
}

const oneDecimal = new Intl.NumberFormat('zh-CN', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** Shares are fractions 0…1; shown with one decimal, never rounded up to 100 % or down to 0 %. */
export function formatPercent(share: number | null | undefined): string {
  if (share == null || Number.isNaN(share)) return '—';
  let text = `${oneDecimal.format(share * 100)}%`;
  if (share < 1 && text === '100.0%') text = '99.9%';
  if (share > 0 && text === '0.0%') text = '0.1%';
  return text;
}

const FORMATS: Record<Format, (v: unknown, c: Column<never>) => string> = {
  text: (v) => (v == null ? '' : String(v)),
  int: (v) => (v == null ? '—' : typeof v === 'string' ? v : formatInt(Number(v))), // a string: a public build's withheld small count (少于3人)
  decimal: (v) => (v == null ? '—' : formatFte(Number(v))),
  /** Always one decimal, so a column of hours lines up: 17.0, 24.3. */
  decimal1: (v) => (v == null ? '—' : oneDecimal.format(Number(v))),
  percent: (v) => formatPercent(v as number | null),
  ratio: (v, c) => formatRatio(v as number | null, c.target),
  role: (v) => ROLE_LABELS[v as Role] ?? String(v ?? ''),
  grade: (v) => (v == null ? '' : (GRADE_LABELS[v as Grade] ?? String(v))),
  yesno: (v) => (v == null ? '未填' : v ? '是' : '否'),
  semester: (v) => (v == null ? '' : semesterLabel(String(v))),
};

const NUMERIC: ReadonlySet<Format> = new Set(['int', 'decimal', 'decimal1', 'percent', 'ratio']);

const isNumeric = (c: Column<never>) => c.numeric === true || (c.format != null && NUMERIC.has(c.format));

export function cellValue<R>(row: R, c: Column<R>): unknown {
  return c.value ? c.value(row) : (row as Record<string, unknown>)[c.key];
}

export function cellText<R>(row: R, c: Column<R>): string {
  return c.display ? c.display(row) : FORMATS[c.format ?? 'text'](cellValue(row, c), c as Column<never>);
}

/** The columns a reader sees (downloads also carry the download-only ones). */
export const screenColumns = <R>(view: TableView<R>) => view.columns.filter((c) => !c.downloadOnly);

/** More columns than fit an A4 page upright or a plain row at desktop width: landscape in print, denser on screen. */
export const WIDE_COLUMNS = 8;
export const DENSE_COLUMNS = 12;

/** A status flag: a word in a marked box, so it reads as a flag and never by colour alone. */
export const flagHtml = (word: string, tone: 'bad' | 'warn' | 'ok' | 'none' = 'bad') => `<span class="flag flag--${tone}">${escapeHtml(word)}</span>`;

function cellHtml<R>(row: R, c: Column<R>, header: boolean, keyed: boolean): string {
  const tag = header ? 'th' : 'td';
  // A class only where the style needs one (numbers align right; a flagged row's status in red): a
  // table's cells are most of a page's bytes.
  const style = [isNumeric(c as Column<never>) ? 'cell--num' : null, c.key === STATUS_COLUMN ? 'cell--status' : null].filter(Boolean);
  const classes = style.length ? ` class="${style.join(' ')}"` : '';
  const text = escapeHtml(cellText(row, c));
  const href = c.href?.(row);
  const flag = c.flag?.(row);
  const content = `${href ? `<a href="${escapeHtml(href)}">${text}</a>` : text}${flag ? ` ${flagHtml(flag)}` : ''}`;
  // A phone shows a data cell's label beside its value (site.css); a row's header is its card's title, unlabelled.
  const label = header ? '' : ` data-label="${escapeHtml(c.label)}"`;
  const key = keyed ? ` data-col="${escapeHtml(c.key)}"` : '';
  return `<${tag}${header ? ' scope="row" role="rowheader"' : ' role="cell"'}${classes}${key}${label}>${content}</${tag}>`;
}

/** The column that says in words whether a row meets its rule (shown in red on a flagged row, site.css). */
const STATUS_COLUMN = 'status';

const GRADE_RANK: Record<string, number> = { excellent: 0, good: 1, pass: 2, fail: 3 };

/**
 * What a cell sorts by: its own value when that is a number (a ratio, a share, a count — never the
 * text "1:186.6" or "93.2%"), grades from 优秀 down, semesters in time; a number column shown
 * through `display` by the number it shows; any other column by its text.
 */
export function sortKeyOf<R>(row: R, c: Column<R>): SortKey {
  if (c.sortValue) return c.sortValue(row);
  const v = cellValue(row, c);
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'bigint') return Number(v);
  if (v != null && !c.display && c.format === 'grade') return GRADE_RANK[String(v)] ?? String(v);
  if (v != null && !c.display && c.format === 'semester') return String(v);
  const text = cellText(row, c).trim();
  if (isNumeric(c as Column<never>)) return numberShown(text);
  return text === '' || text === '—' ? null : text;
}
const numberShown = (text: string) => (text === '' || text === '—' ? null : numberIn(text));

const orderColumns = <R>(view: TableView<R>): OrderColumn<R>[] =>
  screenColumns(view).map((c) => ({ key: c.key, label: c.label, numeric: isNumeric(c as Column<never>), text: (row) => cellText(row, c), sortKey: (row) => sortKeyOf(row, c) }));

/** The institution's row: the one a department table compares with, on top. */
const institutionRow = (row: unknown) => (row as { department?: unknown } | null)?.department === INSTITUTION;

/** The rows the table shows for a state: searched, sorted, the institution's first. */
export function shownRows<R>(view: TableView<R>, state: TableState = {}): R[] {
  if (view.sortable === false) return view.rows;
  return arrange(view.rows, orderColumns(view), state, view.pinned ?? institutionRow);
}

/** The same view with the rows shown (for the download: the order and the search of the screen). */
export const arrangedView = <R>(view: TableView<R>, state: TableState = {}): TableView<R> => ({ ...view, rows: shownRows(view, state) });

/** A list long enough to fold gets a search box. */
export const searchable = (view: TableView<unknown>) => view.sortable !== false && view.rows.length > FOLD_ABOVE;

/** The table's status line: rows shown of all (a searchable table), and its order. */
export function tableStatusText<R>(view: TableView<R>, state: TableState = {}): string {
  const label = state.sort ? (screenColumns(view).find((c) => c.key === state.sort!.key)?.label ?? null) : null;
  return arrangementText(shownRows(view, state).length, view.rows.length, state, label, searchable(view as TableView<unknown>));
}

export interface TableOptions extends TableState {
  /** In the browser: the search box works (the prerendered one waits for the page's script). */
  live?: boolean;
}

const SORT_MARKS = { ascending: '▲', descending: '▼', none: '⇅' } as const;

function headHtml<R>(view: TableView<R>, state: TableState): string {
  return screenColumns(view)
    .map((c) => {
      const sorted = view.sortable !== false && state.sort?.key === c.key ? (state.sort.dir === 'asc' ? 'ascending' : 'descending') : null;
      const attrs = `scope="col" role="columnheader" data-col="${escapeHtml(c.key)}"${isNumeric(c as Column<never>) ? ' class="cell--num"' : ''}${sorted ? ` aria-sort="${sorted}"` : ''}`;
      const label = escapeHtml(c.label);
      if (view.sortable === false) return `<th ${attrs}>${label}</th>`;
      return (
        // The button sorts by its heading's column (th[data-col]): no id or key of its own, on every heading of every page.
        `<th ${attrs}><button type="button" class="sort-button">` +
        `${label}<span class="sort-mark${sorted ? ' sort-mark--on' : ''}" aria-hidden="true">${SORT_MARKS[sorted ?? 'none']}</span></button></th>`
      );
    })
    .join('');
}

/** The table itself (in its fold, when long): what the browser renders again when the order or the search changes. */
export function tableViewHtml<R>(view: TableView<R>, id: string, state: TableState = {}): string {
  const columns = screenColumns(view);
  const rows = shownRows(view, state);
  const pinned = view.sortable === false ? undefined : (view.pinned ?? institutionRow);
  // A row of many columns is a screen tall on a phone: there, such a table shows its first row only.
  const fold = view.fold === false ? null : foldOf(rows.length, view.fold === 'phone' ? Infinity : FOLD_ABOVE, FOLD_SHOW, columns.length > DENSE_COLUMNS ? 1 : PHONE_FOLD_SHOW);
  const empty = view.rows.length && !rows.length ? `没有与“${(state.query ?? '').trim()}”相符的行。` : (view.empty ?? '所选范围内无数据。');
  const body = rows.length
    ? rows
        .map((row, index) => {
          const classes = [view.flagged?.(row) ? 'row--bad' : null, pinned?.(row) ? 'row--pinned' : null, fold ? foldedRowClass(index, fold) : null].filter(Boolean);
          const key = view.rowKey ? ` data-key="${escapeHtml(view.rowKey(row))}"` : '';
          const cells = columns.map((c, i) => cellHtml(row, c, c.rowHeader === true || (i === 0 && columns[0]!.rowHeader !== false), view.cellKeys === true)).join('');
          return `<tr role="row"${key}${classes.length ? ` class="${classes.join(' ')}"` : ''}>${cells}</tr>`;
        })
        .join('\n')
    : `<tr role="row" class="row--empty"><td role="cell" colspan="${columns.length}">${escapeHtml(empty)}</td></tr>`;
  const caption = view.caption ? `<caption>${escapeHtml(view.caption)}</caption>` : '';
  const width = columns.length > DENSE_COLUMNS ? ' data-table--wide data-table--dense' : columns.length > WIDE_COLUMNS ? ' data-table--wide' : '';
  const table =
    `<div class="table-wrap"><table role="table" class="data-table${width}" id="${escapeHtml(id)}" data-rows="${view.rows.length}" data-shown="${rows.length}">${caption}` +
    `<thead role="rowgroup"><tr role="row">${headHtml(view, state)}</tr></thead><tbody role="rowgroup">${body}</tbody></table></div>`;
  return fold ? foldControlHtml(id, fold, table, '行', state.open === true) : table;
}

/** The search box of a long list: it searches the text columns, which its hint names. */
function searchHtml<R>(view: TableView<R>, id: string, options: TableOptions): string {
  const names = screenColumns(view).filter((c) => !isNumeric(c as Column<never>)).map((c) => c.label);
  const hint = `${names.slice(0, 4).join('、')}${names.length > 4 ? '等' : ''}`;
  return (
    `<label class="table-find-label" for="${escapeHtml(id)}-find">在本表中查找</label>` +
    `<input type="search" class="table-find" id="${escapeHtml(id)}-find" data-table="${escapeHtml(id)}" value="${escapeHtml(options.query ?? '')}" placeholder="${escapeHtml(hint)}" autocomplete="off"${options.live ? '' : ' disabled'}>`
  );
}

/**
 * A table with what goes with it: the search box of a long list, the status line (rows shown,
 * order; announced politely) and the table in its fold.
 */
export function tableHtml<R>(view: TableView<R>, id: string, options: TableOptions = {}): string {
  const status = view.sortable === false ? '' : `<p class="table-status" id="${escapeHtml(id)}-status" role="status" aria-live="polite">${escapeHtml(tableStatusText(view, options))}</p>`;
  const tools = searchable(view as TableView<unknown>) ? `<div class="table-tools">${searchHtml(view, id, options)}${status}</div>` : status;
  return `<div class="table-block" data-table="${escapeHtml(id)}">${tools}<div class="table-view" id="${escapeHtml(id)}-view">${tableViewHtml(view, id, options)}</div></div>`;
}

const EXPORT_LABELS: Partial<Record<Format, (label: string) => string>> = {
  percent: (label) => `${label}（%）`,
  ratio: (label) => `${label}（每名辅导员对应学生数）`,
};

/** A filter the download carries as a column of its own, when the table has no column for it. */
export interface ScopeColumn {
  key: string;
  label: string;
  value: string;
}

/**
 * What a download holds: the rows on screen (all of them, folded or not) with the download-only
 * columns; numbers as numbers (percentages as 12.3), labels as shown; and the filters it was made
 * under, as leading columns, so a file on its own still says what it covers.
 */
export function downloadRows<R>(
  view: TableView<R>,
  scope: readonly ScopeColumn[] = [],
  filename?: string,
): { title: string; filename?: string; columns: { key: string; label: string }[]; rows: Record<string, unknown>[] } {
  const exported = (row: R, c: Column<R>): unknown => {
    const v = cellValue(row, c);
    const flag = c.flag?.(row);
    if (c.display) return flag ? `${c.display(row)} ${flag}` : c.display(row);
    switch (c.format) {
      case 'percent':
        // The number shown (never 100.0 for a share below 1): the file must agree with the screen.
        return v == null ? null : Number(formatPercent(v as number).replace(/[%,]/g, ''));
      case 'ratio':
        // "1:200.0" would be read by Excel as a time: the number of students per counselor instead.
        return v == null ? null : Math.round((v as number) * 100) / 100;
      case 'int':
      case 'decimal':
      case 'decimal1':
        return v == null ? null : Number(v);
      default:
        return cellText(row, c);
    }
  };
  const own = new Set(view.columns.map((c) => c.key));
  const extra = scope.filter((s) => !own.has(s.key));
  return {
    title: view.title,
    filename,
    columns: [...extra.map((s) => ({ key: s.key, label: s.label })), ...view.columns.map((c) => ({ key: c.key, label: EXPORT_LABELS[c.format ?? 'text']?.(c.label) ?? c.label }))],
    rows: view.rows.map((row) => Object.fromEntries([...extra.map((s) => [s.key, s.value] as const), ...view.columns.map((c) => [c.key, exported(row, c)] as const)])),
  };
}
