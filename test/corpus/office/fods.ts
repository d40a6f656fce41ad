/**
 * Flat OpenDocument spreadsheets (.fods: one XML file) from a compact description — merged
 * ranges, hidden rows, columns and sheets, text, numbers and date cells — for LibreOffice to
 * convert into the .xlsx and .xls files of the corpus (make-office-fixtures.ts). Written here
 * rather than by our own xlsx writer so that the workbooks the tests read are what a real
 * office suite saves, not what our code expects.
 */

/**
 * A cell: text, a number, a date ({ date: 'YYYY-MM-DD' }), text ({ text }: kept as text, 001234
 * too), a number shown as a percentage ({ percent: 0.95 }: 95%), a time of day shown as 18:00
 * ({ time: 'PT18H00M00S' }) or a duration shown as [h]:mm ({ duration: 'PT36H00M00S' }), with an
 * optional merged span. A row's cells are by column: the cells a span covers are left null.
 */
export type FodsCell =
  | string
  | number
  | null
  | { text?: string; number?: number; date?: string; percent?: number; time?: string; duration?: string; rows?: number; cols?: number };

export interface FodsRow {
  cells: FodsCell[];
  hidden?: boolean;
}

export interface FodsSheet {
  name: string;
  rows: Array<FodsCell[] | FodsRow>;
  hidden?: boolean;
  /** Hidden columns, from 0. */
  hiddenColumns?: number[];
}

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A paragraph per line: a cell's line breaks are paragraphs in OpenDocument. */
const paragraphs = (text: string) => text.split('\n').map((line) => `<text:p>${escape(line)}</text:p>`).join('');

function cellXml(cell: FodsCell): string {
  if (cell === null || cell === '') return '<table:table-cell/>';
  const c = typeof cell === 'object' ? cell : typeof cell === 'number' ? { number: cell } : { text: cell };
  const span = `${c.rows && c.rows > 1 ? ` table:number-rows-spanned="${c.rows}"` : ''}${c.cols && c.cols > 1 ? ` table:number-columns-spanned="${c.cols}"` : ''}`;
  if (c.date !== undefined)
    return `<table:table-cell table:style-name="ce_date" office:value-type="date" office:date-value="${c.date}"${span}>${paragraphs(c.date)}</table:table-cell>`;
  if (c.percent !== undefined)
    return `<table:table-cell table:style-name="ce_percent" office:value-type="percentage" office:value="${c.percent}"${span}><text:p>${Math.round(c.percent * 100)}%</text:p></table:table-cell>`;
  if (c.time !== undefined) return `<table:table-cell table:style-name="ce_time" office:value-type="time" office:time-value="${c.time}"${span}/>`;
  if (c.duration !== undefined) return `<table:table-cell table:style-name="ce_duration" office:value-type="time" office:time-value="${c.duration}"${span}/>`;
  if (c.number !== undefined) return `<table:table-cell office:value-type="float" office:value="${c.number}"${span}>${paragraphs(String(c.number))}</table:table-cell>`;
  return `<table:table-cell office:value-type="string" table:style-name="ce_text"${span}>${paragraphs(c.text ?? '')}</table:table-cell>`;
}

function sheetXml(sheet: FodsSheet): string {
  const rows = sheet.rows.map((r) => (Array.isArray(r) ? { cells: r } : r));
  const width = Math.max(1, ...rows.map((r) => r.cells.reduce<number>((w, c, j) => Math.max(w, j + (typeof c === 'object' && c?.cols ? c.cols : 1)), 0)));
  // Which cells a merged range covers (they are written as covered cells).
  const covered = new Set<string>();
  rows.forEach((r, i) =>
    r.cells.forEach((c, j) => {
      if (typeof c !== 'object' || c === null) return;
      for (let y = 0; y < (c.rows ?? 1); y++) for (let x = 0; x < (c.cols ?? 1); x++) if (x || y) covered.add(`${i + y},${j + x}`);
    }),
  );
  const columns = Array.from({ length: width }, (_, j) => `<table:table-column${sheet.hiddenColumns?.includes(j) ? ' table:visibility="collapse"' : ''}/>`).join('');
  const body = rows
    .map((r, i) => {
      const cells: string[] = [];
      for (let j = 0; j < width; j++) cells.push(covered.has(`${i},${j}`) ? '<table:covered-table-cell/>' : cellXml(r.cells[j] ?? null));
      return `<table:table-row${r.hidden ? ' table:visibility="collapse"' : ''}>${cells.join('')}</table:table-row>`;
    })
    .join('\n');
  return `<table:table table:name="${escape(sheet.name)}"${sheet.hidden ? ' table:style-name="ta_hidden"' : ''}>${columns}\n${body}\n</table:table>`;
}

/** `nullDate: '1904-01-01'`: the workbook counts days from 1904 (Excel for Mac's old 1904 date system). */
export function fods(sheets: FodsSheet[], options: { nullDate?: string } = {}): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0" office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.spreadsheet">
<office:automatic-styles>
 <style:style style:name="ta_hidden" style:family="table"><style:table-properties table:display="false"/></style:style>
 <number:date-style style:name="N_date"><number:year number:style="long"/><number:text>-</number:text><number:month number:style="long"/><number:text>-</number:text><number:day number:style="long"/></number:date-style>
 <number:text-style style:name="N_text"><number:text-content/></number:text-style>
 <number:percentage-style style:name="N_percent"><number:number number:decimal-places="0" number:min-integer-digits="1"/><number:text>%</number:text></number:percentage-style>
 <number:time-style style:name="N_time"><number:hours number:style="long"/><number:text>:</number:text><number:minutes number:style="long"/></number:time-style>
 <number:time-style style:name="N_duration" number:truncate-on-overflow="false"><number:hours/><number:text>:</number:text><number:minutes number:style="long"/></number:time-style>
 <style:style style:name="ce_date" style:family="table-cell" style:data-style-name="N_date"/>
 <style:style style:name="ce_text" style:family="table-cell" style:data-style-name="N_text"/>
 <style:style style:name="ce_percent" style:family="table-cell" style:data-style-name="N_percent"/>
 <style:style style:name="ce_time" style:family="table-cell" style:data-style-name="N_time"/>
 <style:style style:name="ce_duration" style:family="table-cell" style:data-style-name="N_duration"/>
</office:automatic-styles>
<office:body><office:spreadsheet>
${options.nullDate ? `<table:calculation-settings><table:null-date table:date-value="${options.nullDate}"/></table:calculation-settings>` : ''}
${sheets.map(sheetXml).join('\n')}
</office:spreadsheet></office:body></office:document>
`;
}
