/**
 * .xlsx files at the level of their XML, with no spreadsheet library (so no code of the ingest's
 * reader or of the writer under test): filling a generated template the way Excel or WPS saves
 * it after typing — values go into the formatted empty cells of the data sheet, each keeping its
 * cell's style (text typed into a text cell is text, a date typed into a date cell a serial number
 * with that cell's date format), and the rest of the workbook — 填表说明, dropdowns, formats —
 * stays as it was — and reading a sheet's cells back as text.
 */
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';

/** A typed value: text, a number, or a date (an ISO day) as Excel stores it. */
export type Typed = string | number | { date: string } | null;

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const serial = (iso: string) => Math.round((Date.parse(`${iso}T00:00:00Z`) - Date.UTC(1899, 11, 30)) / 86_400_000);

function columnLetters(index: number): string {
  let s = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

function cellXml(ref: string, style: string | null, value: Typed): string {
  const s = style ? ` s="${style}"` : '';
  if (value === null || value === '') return `<c r="${ref}"${s}/>`;
  if (typeof value === 'number') return `<c r="${ref}"${s}><v>${value}</v></c>`;
  if (typeof value === 'object') return `<c r="${ref}"${s}><v>${serial(value.date)}</v></c>`;
  return `<c r="${ref}"${s} t="inlineStr"><is><t xml:space="preserve">${escapeXml(value)}</t></is></c>`;
}

/**
 * Writes `rows` (cells in the header's order) from sheet row `firstRow` (1-based, Excel's) of
 * the first sheet. Rows already there keep their cells' styles; a row past them is added.
 */
export function fillTemplate(xlsx: Uint8Array, firstRow: number, rows: readonly (readonly Typed[])[]): Uint8Array {
  const files = unzipSync(xlsx);
  const path = 'xl/worksheets/sheet1.xml';
  let xml = strFromU8(files[path]!);
  rows.forEach((cells, i) => {
    const r = firstRow + i;
    const existing = new RegExp(`<row r="${r}"[^>]*?(?:/>|>(.*?)</row>)`).exec(xml);
    const styles = new Map<string, string>();
    for (const m of (existing?.[1] ?? '').matchAll(/<c r="([A-Z]+)\d+"(?: s="(\d+)")?/g)) if (m[2]) styles.set(m[1]!, m[2]);
    const row = `<row r="${r}">${cells.map((v, c) => cellXml(`${columnLetters(c)}${r}`, styles.get(columnLetters(c)) ?? null, v)).join('')}</row>`;
    if (existing) xml = xml.replace(existing[0], row);
    else xml = xml.replace('</sheetData>', `${row}</sheetData>`);
  });
  files[path] = strToU8(xml);
  return zipSync(files);
}

/** The header row's cells of the first sheet (row `headerRow`, 1-based), as written. */
export function headerOf(xlsx: Uint8Array, headerRow: number): string[] {
  const files = unzipSync(xlsx);
  const shared = [...strFromU8(files['xl/sharedStrings.xml']!).matchAll(/<si>(?:<t[^>]*>(.*?)<\/t>)<\/si>/g)].map((m) => m[1]!);
  const row = new RegExp(`<row r="${headerRow}"[^>]*>(.*?)</row>`).exec(strFromU8(files['xl/worksheets/sheet1.xml']!))![1]!;
  return [...row.matchAll(/<c r="[A-Z]+\d+"[^>]*t="s"[^>]*><v>(\d+)<\/v><\/c>/g)].map((m) => shared[Number(m[1])]!);
}

/** The XML of one part of the workbook, e.g. a sheet, for the tests to look into. */
export function partOf(xlsx: Uint8Array, path: string): string {
  return strFromU8(unzipSync(xlsx)[path]!);
}

const unescapeXml = (text: string) => text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

/** Every cell of the first sheet as text, rows and columns from A1 (shared and inline strings, numbers as written). */
export function readFirstSheet(xlsx: Uint8Array): string[][] {
  const files = unzipSync(xlsx);
  const sharedXml = files['xl/sharedStrings.xml'] ? strFromU8(files['xl/sharedStrings.xml']) : '';
  const shared = [...sharedXml.matchAll(/<si>(.*?)<\/si>/gs)].map((m) => unescapeXml([...m[1]!.matchAll(/<t[^>]*>(.*?)<\/t>/gs)].map((t) => t[1]).join('')));
  const rows: string[][] = [];
  for (const row of strFromU8(files['xl/worksheets/sheet1.xml']!).matchAll(/<row r="(\d+)"[^>]*?(?:\/>|>(.*?)<\/row>)/gs)) {
    const cells: string[] = [];
    for (const c of (row[2] ?? '').matchAll(/<c r="([A-Z]+)\d+"([^>]*?)(?:\/>|>(.*?)<\/c>)/gs)) {
      const column = [...c[1]!].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
      const body = c[3] ?? '';
      const v = /<v>(.*?)<\/v>/s.exec(body)?.[1];
      const text = /t="s"/.test(c[2]!) ? shared[Number(v)]! : /t="inlineStr"/.test(c[2]!) ? unescapeXml([...body.matchAll(/<t[^>]*>(.*?)<\/t>/gs)].map((t) => t[1]).join('')) : v !== undefined ? unescapeXml(v) : '';
      cells[column] = text;
    }
    rows[Number(row[1]) - 1] = Array.from(cells, (x) => x ?? '');
  }
  return Array.from(rows, (r) => r ?? []);
}

/** Every part of a workbook as one text (its XML, strings included): what a reader of the file could see. */
export function workbookText(xlsx: Uint8Array): string {
  return Object.values(unzipSync(xlsx))
    .map((part) => strFromU8(part))
    .join('\n');
}
