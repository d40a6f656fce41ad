/**
 * A table as the user downloads it, and its two file shapes: CSV text for Excel/WPS, and the
 * cells for an XLSX sheet. Pure: no DOM, no I/O, so the same rules hold in the build, the
 * browser and the tests.
 */
import { displayWidth } from '../domain/text.ts';

export interface DownloadColumn {
  key: string;
  /** Chinese header shown in the file. */
  label: string;
}

export interface DownloadTable {
  title: string;
  columns: DownloadColumn[];
  rows: Record<string, unknown>[];
}

/** One cell after deciding what it is; CSV and XLSX both start from this. */
export type DownloadCell =
  | { kind: 'empty' }
  | { kind: 'number'; value: number }
  | { kind: 'date'; value: Date; text: string }
  | { kind: 'text'; value: string };

/** Text that Excel/WPS would run as a formula when it begins with one of these. */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A leading apostrophe makes Excel show text as typed instead of evaluating it
 * (=HYPERLINK(...), +1, -1, @SUM(...)). Only for text: real numbers never pass through here.
 */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** YYYY-MM-DD in UTC: the project's dates are UTC midnights (see src/domain/dates.ts). */
export function isoDate(date: Date): string {
  const y = date.getUTCFullYear();
  const m = date.getUTCMonth() + 1;
  const d = date.getUTCDate();
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export function toDownloadCell(value: unknown): DownloadCell {
  if (value === null || value === undefined) return { kind: 'empty' };
  if (typeof value === 'number') return Number.isFinite(value) ? { kind: 'number', value: value === 0 ? 0 : value } : { kind: 'empty' };
  if (typeof value === 'bigint') {
    const n = Number(value);
    return Number.isSafeInteger(n) ? { kind: 'number', value: n } : { kind: 'text', value: value.toString() };
  }
  if (typeof value === 'boolean') return { kind: 'text', value: value ? '是' : '否' };
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? { kind: 'empty' } : { kind: 'date', value, text: isoDate(value) };
  return { kind: 'text', value: String(value) };
}

// ---------------------------------------------------------------- CSV

const NEEDS_QUOTES = /[",\r\n]/;

function quote(field: string): string {
  return NEEDS_QUOTES.test(field) ? `"${field.replaceAll('"', '""')}"` : field;
}

function csvField(cell: DownloadCell): string {
  // Only text can hold a formula or a delimiter; numbers and dates are written as shown.
  return cell.kind === 'text' ? quote(neutraliseFormula(cell.value)) : shownText(cell);
}

/**
 * CSV as Excel/WPS on Windows opens it without garbling Chinese: UTF-8 with a BOM (the returned
 * text starts with U+FEFF, which a Blob writes as EF BB BF), CRLF after every row, RFC 4180 quoting.
 */
export function tableToCsv(table: DownloadTable): string {
  const lines = [table.columns.map((c) => quote(neutraliseFormula(c.label)))];
  for (const row of table.rows) lines.push(table.columns.map((c) => csvField(toDownloadCell(row[c.key]))));
  return `\uFEFF${lines.map((fields) => fields.join(',')).join('\r\n')}\r\n`;
}

// ---------------------------------------------------------------- XLSX

/** A cell in the shape write-excel-file takes (kept structural so this module imports nothing). */
export interface XlsxCell {
  value: string | number | Date;
  type: StringConstructor | NumberConstructor | DateConstructor;
  format?: string;
  fontWeight?: 'bold';
}

export interface XlsxSchema {
  sheet: string;
  data: (XlsxCell | null)[][];
  /** Widths in Excel "characters" (one Latin digit); a Chinese character takes about two. */
  columns: { width: number }[];
  /** The header row stays in view while scrolling (Excel: 冻结首行). */
  stickyRowsCount: number;
}

const SHEET_FORBIDDEN = /[[\]:*?/\\]/g;
const SHEET_MAX = 31;

/** Excel's rules for a sheet name: at most 31 characters, none of []:*?/\, not blank, no apostrophe at either end. */
export function sheetName(title: string): string {
  const cleaned = title.replace(SHEET_FORBIDDEN, '').replace(/[\u0000-\u001f]/g, '').trim();
  let out = '';
  for (const ch of cleaned) {
    // Excel counts UTF-16 units; never split a surrogate pair.
    if (out.length + ch.length > SHEET_MAX) break;
    out += ch;
  }
  out = out.replace(/^'+|'+$/g, '').trim();
  return out === '' || out.toLowerCase() === 'history' ? 'Sheet1' : out;
}

const MIN_WIDTH = 6;
const MAX_WIDTH = 60;
const DATE_FORMAT = 'yyyy-mm-dd';

function xlsxCell(cell: DownloadCell): XlsxCell | null {
  switch (cell.kind) {
    case 'empty':
      return null;
    case 'number':
      return { value: cell.value, type: Number };
    case 'date':
      return { value: cell.value, type: Date, format: DATE_FORMAT };
    case 'text':
      // A String cell is stored as text and never evaluated, so no apostrophe is needed here.
      return { value: cell.value, type: String };
  }
}

function shownText(cell: DownloadCell): string {
  switch (cell.kind) {
    case 'empty':
      return '';
    case 'number':
      return String(cell.value);
    case 'date':
      return cell.text;
    case 'text':
      return cell.value;
  }
}

/** The sheet for write-excel-file: bold header row of Chinese labels, typed cells, column widths. */
export function tableToXlsxSchema(table: DownloadTable): XlsxSchema {
  const header = table.columns.map((c): XlsxCell => ({ value: c.label, type: String, fontWeight: 'bold' }));
  const widths = table.columns.map((c) => displayWidth(c.label));
  const body = table.rows.map((row) =>
    table.columns.map((c, i) => {
      const cell = toDownloadCell(row[c.key]);
      // Multi-line text: the widest line decides.
      const w = Math.max(0, ...shownText(cell).split(/\r\n|\r|\n/).map(displayWidth));
      if (w > (widths[i] ?? 0)) widths[i] = w;
      return xlsxCell(cell);
    }),
  );
  return {
    sheet: sheetName(table.title),
    data: [header, ...body],
    columns: widths.map((w) => ({ width: Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, w + 2)) })),
    stickyRowsCount: 1,
  };
}
