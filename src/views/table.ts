/**
 * Tables as data: columns with a format, rows as they come from SQL. One renderer makes the HTML
 * (build and browser alike) and the same view becomes the CSV/Excel download, so a download holds
 * exactly the rows on screen.
 *
 * Layout rules the renderer carries, so every table keeps them: numbers right-aligned in tabular
 * figures, text left; every cell labelled with its column (data-label), so a phone can stack a
 * row as label–value lines; long lists folded after their first rows (fold.ts); wide tables
 * marked for the print stylesheet (landscape pages) and drawn denser.
 */
import { GRADE_LABELS, ROLE_LABELS, type Grade, type Role } from '../domain/cells.ts';
import { escapeHtml, formatFte, formatInt, formatRatio } from '../domain/format.ts';
import { semesterLabel } from '../domain/semester.ts';
import { foldControlHtml, foldedRowClass, foldOf } from './fold.ts';

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
  /** false: never fold this list (e.g. a report table); else long lists show their first rows. */
  fold?: false;
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
  int: (v) => (v == null ? '—' : formatInt(Number(v))),
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
export const flagHtml = (word: string, tone: 'bad' | 'ok' | 'none' = 'bad') => `<span class="flag flag--${tone}">${escapeHtml(word)}</span>`;

function cellHtml<R>(row: R, c: Column<R>, header: boolean): string {
  const tag = header ? 'th' : 'td';
  const classes = [c.format && c.format !== 'text' ? `cell--${c.format}` : null, c.numeric || (c.format && NUMERIC.has(c.format)) ? 'cell--num' : 'cell--text'].filter(Boolean);
  const text = escapeHtml(cellText(row, c));
  const href = c.href?.(row);
  const flag = c.flag?.(row);
  const content = `${href ? `<a href="${escapeHtml(href)}">${text}</a>` : text}${flag ? ` ${flagHtml(flag)}` : ''}`;
  return `<${tag}${header ? ' scope="row"' : ''} class="${classes.join(' ')}" data-col="${escapeHtml(c.key)}" data-label="${escapeHtml(c.label)}">${content}</${tag}>`;
}

export function tableHtml<R>(view: TableView<R>, id: string): string {
  const columns = screenColumns(view);
  const head = columns.map((c) => `<th scope="col" data-col="${escapeHtml(c.key)}"${c.numeric || (c.format && NUMERIC.has(c.format)) ? ' class="cell--num"' : ''}>${escapeHtml(c.label)}</th>`).join('');
  const fold = view.fold === false ? null : foldOf(view.rows.length);
  const body = view.rows.length
    ? view.rows
        .map((row, index) => {
          const classes = [view.flagged?.(row) ? 'row--bad' : null, fold ? foldedRowClass(index, fold) : null].filter(Boolean);
          const key = view.rowKey ? ` data-key="${escapeHtml(view.rowKey(row))}"` : '';
          const cells = columns.map((c, i) => cellHtml(row, c, c.rowHeader === true || (i === 0 && columns[0]!.rowHeader !== false))).join('');
          return `<tr${key}${classes.length ? ` class="${classes.join(' ')}"` : ''}>${cells}</tr>`;
        })
        .join('\n')
    : `<tr class="row--empty"><td colspan="${columns.length}">${escapeHtml(view.empty ?? '所选范围内无数据。')}</td></tr>`;
  const caption = view.caption ? `<caption>${escapeHtml(view.caption)}</caption>` : '';
  const width = columns.length > DENSE_COLUMNS ? ' data-table--wide data-table--dense' : columns.length > WIDE_COLUMNS ? ' data-table--wide' : '';
  const table = `<div class="table-wrap"><table class="data-table${width}" id="${escapeHtml(id)}" data-rows="${view.rows.length}">${caption}<thead><tr>${head}</tr></thead><tbody>${body}</tbody></table></div>`;
  return fold ? foldControlHtml(id, fold, table) : table;
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
