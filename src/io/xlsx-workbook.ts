/**
 * Writes a WorkbookSpec (src/collection/workbook.ts) as .xlsx through write-excel-file, which is
 * already the dashboard's Excel writer. It writes text and date formats, merged cells, widths and
 * frozen rows itself; data validation (dropdowns, number and date checks), which neither it nor
 * SheetJS Community Edition writes, is added here as a write-excel-file "feature": one
 * <dataValidations> element per sheet, placed where the Office Open XML schema wants it.
 * The zip's timestamps are fixed, so the same workbook always gives the same bytes.
 */
import writeXlsxFile, { type Feature, type Sheet, type SheetData } from 'write-excel-file/node';
import {
  convertDateToSerialNumber,
  getCellAddress,
  getOrderOfSiblings,
  insertElementMarkupAccordingToOrderOfSiblings,
  sanitizeAttributeValue,
  sanitizeTextContent,
} from 'write-excel-file/utility';
import type { CellSpec, CellStyle, SheetSpec, Validation, WorkbookSpec } from '../collection/workbook.ts';
import { stampZip } from './stamp-zip.ts';

type CellProps = Record<string, unknown>;
/** What write-excel-file's Node build takes as file content (its own type is not exported). */
type FileContent = import('node:stream').Stream | Buffer | import('node:buffer').Blob;

const BORDER = { borderStyle: 'thin', borderColor: '#A6A6A6' };
const HEADER = { fontWeight: 'bold', backgroundColor: '#DDEBF7', align: 'center', alignVertical: 'center', wrap: true, ...BORDER };

/** How each style looks, and for body cells the number format that keeps what is typed into them. */
const STYLES: Record<CellStyle, CellProps> = {
  title: { fontWeight: 'bold', fontSize: 16, align: 'center', alignVertical: 'center', wrap: true },
  subtitle: { fontSize: 10, textColor: '#404040', wrap: true, alignVertical: 'center' },
  header: HEADER,
  'header-required': { ...HEADER, textColor: '#C00000' },
  text: { format: '@', ...BORDER },
  date: { format: 'yyyy-mm-dd', ...BORDER },
  month: { format: 'yyyy-mm', ...BORDER },
  integer: { format: '0', ...BORDER },
  decimal: { format: 'General', ...BORDER },
  wrap: { wrap: true, alignVertical: 'top', ...BORDER },
  heading: { fontWeight: 'bold', fontSize: 12 },
  flag: { textColor: '#C00000', wrap: true, alignVertical: 'top', ...BORDER },
};

const EMPTY: Partial<Record<CellStyle, CellProps>> & { wrap: CellProps } = {
  date: { type: Date, value: undefined },
  month: { type: Date, value: undefined },
  integer: { type: Number, value: undefined },
  decimal: { type: Number, value: undefined },
  wrap: { type: String, value: '' },
};
for (const style of Object.keys(STYLES) as CellStyle[]) EMPTY[style] ??= EMPTY.wrap;

function cell(spec: CellSpec | null): CellProps | null {
  if (!spec) return null;
  const style = spec.style ? STYLES[spec.style] : {};
  const { value } = spec;
  // An empty cell keeps its style and the type its format needs, so what is typed into it is read as that.
  if (value === null || value === '') return { ...style, ...EMPTY[spec.style ?? 'wrap'] };
  if (value instanceof Date) return { format: 'yyyy-mm-dd', ...style, type: Date, value };
  if (typeof value === 'number') return { ...style, type: Number, value };
  // A String cell is stored as text and never evaluated.
  return { ...style, type: String, value };
}

function sheetData(sheet: SheetSpec): SheetData {
  const rows = sheet.rows.map((row) => row.map(cell));
  for (const [row, height] of Object.entries(sheet.rowHeights ?? {})) {
    const first = rows[Number(row)]?.find((c) => c);
    if (first) first.height = height;
  }
  for (const m of sheet.merges ?? []) {
    const first = rows[m.row]?.[m.column];
    if (first) Object.assign(first, { columnSpan: m.columns, ...(m.rows && m.rows > 1 ? { rowSpan: m.rows } : {}) });
  }
  return rows as SheetData;
}

const attr = (value: string) => sanitizeAttributeValue(value);
const rangeRef = (r: Validation['range']) => `${getCellAddress(r.firstRow, r.column)}:${getCellAddress(r.lastRow, r.column)}`;
const absolute = (address: string) => address.replace(/^([A-Z]+)(\d+)$/, '$$$1$$$2');
const quotedSheet = (name: string) => `'${name.replaceAll("'", "''")}'`;
const serial = (iso: string) => convertDateToSerialNumber(new Date(`${iso}T00:00:00Z`));

/** The <dataValidation> of one rule: its type, operator and formulas. */
function validationXml(v: Validation): string {
  const rule = v.rule;
  let type: string | null;
  let operator: string | null = null;
  let formulas: Array<string | number>;
  switch (rule.kind) {
    case 'any':
      type = null;
      formulas = [];
      break;
    case 'list': {
      if (rule.values.some((x) => /[",]/.test(x))) throw new Error(`a dropdown value holds a comma or quote: ${rule.values.join('|')}`);
      const list = `"${rule.values.join(',')}"`;
      // Excel refuses a list written into the rule longer than 255 characters (a list-range is used then).
      if (list.length > 257) throw new Error(`dropdown list longer than 255 characters: ${list}`);
      type = 'list';
      formulas = [list];
      break;
    }
    case 'list-range':
      type = 'list';
      formulas = [`${quotedSheet(rule.sheet)}!${absolute(getCellAddress(rule.range.firstRow, rule.range.column))}:${absolute(getCellAddress(rule.range.lastRow, rule.range.column))}`];
      break;
    case 'whole':
    case 'decimal':
      type = rule.kind;
      [operator, formulas] = rule.max === undefined ? ['greaterThanOrEqual', [rule.min]] : ['between', [rule.min, rule.max]];
      break;
    case 'date':
      type = 'date';
      [operator, formulas] = rule.max === undefined ? ['greaterThanOrEqual', [serial(rule.min)]] : ['between', [serial(rule.min), serial(rule.max)]];
      break;
  }
  const attributes = [
    type ? `type="${type}"` : '',
    v.strictness === 'stop' ? '' : `errorStyle="${v.strictness}"`,
    operator ? `operator="${operator}"` : '',
    'allowBlank="1"',
    v.prompt ? 'showInputMessage="1"' : '',
    'showErrorMessage="1"',
    v.error ? `errorTitle="${attr(v.error.title)}" error="${attr(v.error.text)}"` : '',
    v.prompt ? `promptTitle="${attr(v.prompt.title)}" prompt="${attr(v.prompt.text)}"` : '',
    `sqref="${rangeRef(v.range)}"`,
  ].filter(Boolean);
  const body = formulas.map((f, i) => `<formula${i + 1}>${sanitizeTextContent(String(f))}</formula${i + 1}>`).join('');
  return `<dataValidation ${attributes.join(' ')}>${body}</dataValidation>`;
}

const WORKSHEET_ORDER = () => getOrderOfSiblings('xl/worksheets/sheet{id}.xml', 'worksheet')!;
const insert = (xml: string, markup: string) => insertElementMarkupAccordingToOrderOfSiblings(xml, markup, WORKSHEET_ORDER(), 'worksheet');

/**
 * What write-excel-file does not write, added to each sheet's XML: its validations, and printing
 * on A4 as wide as the page (all columns on one page, as many pages down as needed).
 */
function sheetExtras(spec: WorkbookSpec): Feature<FileContent> {
  return {
    files: {
      transform: {
        'xl/worksheets/sheet{id}.xml': {
          transform(xml, _options, { sheetIndex }) {
            const validations = spec.sheets[sheetIndex]?.validations ?? [];
            if (validations.length > 0) xml = insert(xml, `<dataValidations count="${validations.length}">${validations.map(validationXml).join('')}</dataValidations>`);
            xml = insert(xml, '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>');
            return xml.includes('<pageSetup ')
              ? xml.replace('<pageSetup ', '<pageSetup fitToWidth="1" fitToHeight="0" ')
              : insert(xml, '<pageSetup paperSize="9" fitToWidth="1" fitToHeight="0"/>');
          },
        },
      },
    },
  };
}

const FIXED_TIME = { year: 2000, month: 1, day: 1, hour: 0, minute: 0 };

export async function workbookBytes(spec: WorkbookSpec): Promise<Buffer> {
  const sheets = spec.sheets.map((sheet): Sheet<FileContent> => ({
    data: sheetData(sheet),
    sheet: sheet.name,
    columns: sheet.widths.map((width) => ({ width })),
    ...(sheet.frozenRows ? { stickyRowsCount: sheet.frozenRows } : {}),
    ...(sheet.landscape ? { orientation: 'landscape' as const } : {}),
  }));
  const buffer = await writeXlsxFile(sheets, { fontFamily: '宋体', fontSize: 11, features: [sheetExtras(spec)] }).toBuffer();
  return stampZip(buffer, FIXED_TIME);
}
