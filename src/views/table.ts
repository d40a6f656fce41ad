/**
 * Tables as data: columns with a format, rows as they come from SQL. One renderer makes the HTML
 * (build and browser alike) and the same view becomes the CSV/Excel download, so a download holds
 * exactly the rows on screen.
 */
import { GRADE_LABELS, ROLE_LABELS, type Grade, type Role } from '../domain/cells.ts';
import { escapeHtml, formatFte, formatInt, formatRatio } from '../domain/format.ts';
import { semesterLabel } from '../domain/semester.ts';

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
}

export interface TableView<R = Record<string, unknown>> {
  /** Used as the download's file name and sheet name. */
  title: string;
  columns: Column<R>[];
  rows: R[];
  /** A stable key per row (data-key), so tests and links can find it. */
  rowKey?: (row: R) => string;
  /** Rows that miss a rule are marked (and say so in words, never colour alone). */
  flagged?: (row: R) => boolean;
  empty?: string;
  caption?: string;
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

export function cellValue<R>(row: R, c: Column<R>): unknown {
  return c.value ? c.value(row) : (row as Record<string, unknown>)[c.key];
}

export function cellText<R>(row: R, c: Column<R>): string {
  return c.display ? c.display(row) : FORMATS[c.format ?? 'text'](cellValue(row, c), c as Column<never>);
}

export function tableHtml<R>(view: TableView<R>, id: string): string {
  const head = view.columns.map((c) => `<th scope="col" data-col="${escapeHtml(c.key)}">${escapeHtml(c.label)}</th>`).join('');
  const body = view.rows.length
    ? view.rows
        .map((row) => {
          const flagged = view.flagged?.(row) ?? false;
          const key = view.rowKey ? ` data-key="${escapeHtml(view.rowKey(row))}"` : '';
          const cells = view.columns
            .map((c, i) => {
              const tag = c.rowHeader || (i === 0 && view.columns[0]!.rowHeader !== false) ? 'th' : 'td';
              const scope = tag === 'th' ? ' scope="row"' : '';
              const kind = c.format && c.format !== 'text' ? ` class="cell--${c.format}"` : '';
              return `<${tag}${scope}${kind} data-col="${escapeHtml(c.key)}">${escapeHtml(cellText(row, c))}</${tag}>`;
            })
            .join('');
          return `<tr${key}${flagged ? ' class="row--bad"' : ''}>${cells}</tr>`;
        })
        .join('\n')
    : `<tr class="row--empty"><td colspan="${view.columns.length}">${escapeHtml(view.empty ?? '所选范围内没有数据。')}</td></tr>`;
  const caption = view.caption ? `<caption>${escapeHtml(view.caption)}</caption>` : '';
  return `<div class="table-wrap"><table class="data-table" id="${escapeHtml(id)}" data-rows="${view.rows.length}">${caption}<thead><tr>${head}</tr></thead><tbody>${body}</tbody></table></div>`;
}

const EXPORT_LABELS: Partial<Record<Format, (label: string) => string>> = {
  percent: (label) => `${label}（%）`,
  ratio: (label) => `${label}（每名辅导员对应学生数）`,
};

/** What a download holds: the rows on screen; numbers as numbers (percentages as 12.3), labels as shown. */
export function downloadRows<R>(view: TableView<R>): { title: string; columns: { key: string; label: string }[]; rows: Record<string, unknown>[] } {
  const exported = (row: R, c: Column<R>): unknown => {
    const v = cellValue(row, c);
    if (c.display) return c.display(row);
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
  return {
    title: view.title,
    columns: view.columns.map((c) => ({ key: c.key, label: EXPORT_LABELS[c.format ?? 'text']?.(c.label) ?? c.label })),
    rows: view.rows.map((row) => Object.fromEntries(view.columns.map((c) => [c.key, exported(row, c)]))),
  };
}
