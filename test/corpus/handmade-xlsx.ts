/**
 * Workbooks written part by part, as Excel lays out an .xlsx package (content types, the
 * workbook with its sheets and their state, shared strings, styles with number formats, one
 * XML part per sheet), for the shapes no office suite on the build machine saves on request:
 * a "very hidden" sheet, a stray cell in column XFD under a dimension of A1:XFD1048576, a
 * package whose parts unpack to far more than the file's size. Deterministic: fixed times.
 */
import { crc32, deflateRawSync } from 'node:zlib';

/** A zip archive of the given parts (deflated), every entry stamped 2025-09-15 08:00. */
export function zip(parts: ReadonlyArray<readonly [string, Uint8Array | string]>): Uint8Array {
  const time = (8 << 11) | (0 << 5);
  const date = ((2025 - 1980) << 9) | (9 << 5) | 15;
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of parts) {
    const raw = typeof content === 'string' ? Buffer.from(content, 'utf8') : Buffer.from(content);
    const packed = deflateRawSync(raw);
    const file = Buffer.from(name, 'utf8');
    // The fields a local header and its central directory entry share, from "flags" to "name length".
    const common = (header: Buffer, at: number) => {
      header.writeUInt16LE(0x0800, at); // UTF-8 names
      header.writeUInt16LE(8, at + 2); // deflate
      header.writeUInt16LE(time, at + 4);
      header.writeUInt16LE(date, at + 6);
      header.writeUInt32LE(crc32(raw), at + 8);
      header.writeUInt32LE(packed.length, at + 12);
      header.writeUInt32LE(raw.length, at + 16);
      header.writeUInt16LE(file.length, at + 20);
    };
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    common(local, 6);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    common(entry, 8);
    entry.writeUInt32LE(offset, 42);
    locals.push(local, file, packed);
    central.push(entry, file);
    offset += local.length + file.length + packed.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, directory, end]));
}

/** A cell of a hand-made sheet: text (a shared string), a number, or a number with a style (`s`, an index into STYLES). */
export type HandCell = string | number | null | { number: number; style: number };

export interface HandSheet {
  name: string;
  /** Excel's sheet states: visible, hidden (Format › Hide), veryHidden (only from VBA). */
  state?: 'visible' | 'hidden' | 'veryHidden';
  rows: HandCell[][];
  /** Cells placed by address beyond the rows (e.g. XFD1048576). */
  far?: Array<[string, string]>;
  /** The <dimension> the sheet declares (Excel writes the used range; a stray cell widens it). */
  dimension?: string;
  /** Extra XML after <sheetData> (e.g. <mergeCells>). */
  after?: string;
}

/** Cell styles by index: 0 General, 1 percent (0%), 2 time (h:mm), 3 date (yyyy-mm-dd), 4 two decimals (0.00). */
const STYLES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd"/></numFmts><fonts count="1"><font><sz val="11"/><name val="等线"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="5"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="9" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="20" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="2" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>`;

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const columnName = (index: number) => {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
};

/** An .xlsx package of the sheets, as Excel writes one (shared strings, styles, sheet states). */
export function handmadeXlsx(sheets: readonly HandSheet[], options: { date1904?: boolean } = {}): Uint8Array {
  const strings: string[] = [];
  const stringIndex = new Map<string, number>();
  const shared = (text: string) => {
    let i = stringIndex.get(text);
    if (i === undefined) {
      i = strings.length;
      strings.push(text);
      stringIndex.set(text, i);
    }
    return i;
  };
  const cellXml = (ref: string, cell: HandCell) => {
    if (cell === null || cell === '') return '';
    if (typeof cell === 'string') return `<c r="${ref}" t="s"><v>${shared(cell)}</v></c>`;
    if (typeof cell === 'number') return `<c r="${ref}"><v>${cell}</v></c>`;
    return `<c r="${ref}" s="${cell.style}"><v>${cell.number}</v></c>`;
  };
  const sheetXml = (sheet: HandSheet) => {
    const rows = sheet.rows.map((cells, r) => `<row r="${r + 1}">${cells.map((cell, c) => cellXml(`${columnName(c)}${r + 1}`, cell)).join('')}</row>`);
    for (const [ref, text] of sheet.far ?? []) rows.push(`<row r="${ref.replace(/^[A-Z]+/, '')}">${cellXml(ref, text)}</row>`);
    const width = sheet.rows.reduce((w, r) => Math.max(w, r.length), 1);
    const dimension = sheet.dimension ?? `A1:${columnName(width - 1)}${sheet.rows.length}`;
    return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><dimension ref="${dimension}"/><sheetViews><sheetView workbookViewId="0"/></sheetViews><sheetFormatPr defaultRowHeight="14.25"/><sheetData>${rows.join('')}</sheetData>${sheet.after ?? ''}<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>`;
  };
  const sheetParts = sheets.map((s, i) => [`xl/worksheets/sheet${i + 1}.xml`, sheetXml(s)] as const);
  const workbook = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><workbookPr${options.date1904 ? ' date1904="1"' : ''} defaultThemeVersion="166925"/><bookViews><workbookView xWindow="0" yWindow="0" windowWidth="28800" windowHeight="12300"/></bookViews><sheets>${sheets
    .map((s, i) => `<sheet name="${escape(s.name)}" sheetId="${i + 1}"${s.state && s.state !== 'visible' ? ` state="${s.state}"` : ''} r:id="rId${i + 1}"/>`)
    .join('')}</sheets><calcPr calcId="191029"/></workbook>`;
  const rels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets
    .map((_, i) => `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`)
    .join('')}<Relationship Id="rId${sheets.length + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId${sheets.length + 2}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`;
  const sharedStrings = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${strings.length}" uniqueCount="${strings.length}">${strings.map((s) => `<si><t>${escape(s)}</t></si>`).join('')}</sst>`;
  const contentTypes = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${sheets
    .map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`)
    .join('')}<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`;
  const packageRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
  // Shared strings are collected while the sheets are written: sheets first.
  return zip([
    ['[Content_Types].xml', contentTypes],
    ['_rels/.rels', packageRels],
    ['xl/workbook.xml', workbook],
    ['xl/_rels/workbook.xml.rels', rels],
    ...sheetParts,
    ['xl/styles.xml', STYLES],
    ['xl/sharedStrings.xml', sharedStrings],
  ]);
}
