/**
 * Workbooks, whatever saved them: .xlsx and .xlsm (Excel 2007 on, WPS), .xls (Excel 97–2003,
 * BIFF8, what old 学工 systems and WPS templates still write), WPS .et/.ett, .ods — one reader,
 * SheetJS Community Edition (@e965/xlsx; the choice and its measurements are in the README).
 * Every sheet from A1, cells as text: text as written, numbers as their value, date cells as
 * ISO days; merged ranges and hidden sheets, rows and columns as the workbook records them.
 * Formulas are never evaluated (their saved values are read) and macros never run.
 */
import type { CellObject, WorkBook, WorkSheet } from '@e965/xlsx';
import type { MergedRange, Sheet, SourceFile, SourceReader } from './types.ts';
import { UnreadableFileError, sheetOfRows } from './types.ts';

const PASSWORD_MESSAGE = '无法打开此 Excel 文件：它设置了打开密码。请在 Excel/WPS 中打开，取消密码（文件—信息—保护工作簿—用密码进行加密，清空）后保存，再报送。';
const DAMAGED_MESSAGE = '无法打开此 Excel 文件：文件已损坏或不完整。请在 Excel/WPS 中打开确认无误后重新保存（.xlsx），再报送。';

/** Excel's error values by their code (a #REF! is shown as such, and a number column rejects it). */
const ERRORS: Record<number, string> = { 0x00: '#NULL!', 0x07: '#DIV/0!', 0x0f: '#VALUE!', 0x17: '#REF!', 0x1d: '#NAME?', 0x24: '#NUM!', 0x2a: '#N/A', 0x2b: '#GETTING_DATA' };

const ZIP = [0x50, 0x4b, 0x03, 0x04];
/** An OLE compound file: an old .xls, a WPS .et, or an encrypted .xlsx. */
const COMPOUND = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const startsWith = (bytes: Uint8Array, magic: readonly number[]) => magic.every((b, i) => bytes[i] === b);

/** An encrypted Office Open XML package sits in a compound file under these stream names. */
function isEncryptedPackage(bytes: Uint8Array): boolean {
  const name = Buffer.from('EncryptedPackage', 'utf16le');
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).indexOf(name) >= 0;
}

function cellText(cell: CellObject | undefined): string {
  if (!cell) return '';
  const v = cell.v;
  switch (cell.t) {
    case 's':
      return v == null ? '' : String(v);
    case 'n': {
      const n = v as number;
      return Number.isInteger(n) ? String(n) : String(Number(n.toPrecision(15)));
    }
    case 'd':
      // SheetJS gives a date cell as that day at 00:00 UTC (a time of day is dropped: the day is what the columns read).
      return v instanceof Date && !Number.isNaN(v.getTime()) ? v.toISOString().slice(0, 10) : String(v ?? '');
    case 'b':
      return v ? 'TRUE' : 'FALSE';
    case 'e':
      return ERRORS[v as number] ?? '#ERROR';
    default:
      return '';
  }
}

/** A sheet's rows from A1 to its last used row, so that row numbers are Excel's. */
function sheetRows(ws: WorkSheet): string[][] {
  const data = (ws['!data'] ?? []) as Array<Array<CellObject | undefined> | undefined>;
  const rows: string[][] = [];
  for (let r = 0; r < data.length; r++) {
    const row = data[r];
    if (!row) {
      rows.push([]);
      continue;
    }
    const cells = new Array<string>(row.length);
    for (let c = 0; c < row.length; c++) cells[c] = cellText(row[c]);
    rows.push(cells);
  }
  // Rows past the data (formatting only) hold nothing: they are not rows of the table.
  while (rows.length > 0 && rows[rows.length - 1]!.every((c) => c === '')) rows.pop();
  return rows;
}

function mergesOf(ws: WorkSheet): MergedRange[] {
  const data = (ws['!data'] ?? []) as Array<Array<CellObject | undefined> | undefined>;
  return (ws['!merges'] ?? []).map((m) => {
    const first = data[m.s.r]?.[m.s.c];
    return { top: m.s.r, left: m.s.c, bottom: m.e.r, right: m.e.c, number: first?.t === 'n' };
  });
}

const hiddenIndexes = (list: Array<{ hidden?: boolean } | undefined> | undefined) =>
  (list ?? []).flatMap((entry, i) => (entry?.hidden ? [i] : []));

function toSheets(wb: WorkBook): Sheet[] {
  return wb.SheetNames.map((name, i) => {
    const ws = wb.Sheets[name]!;
    return sheetOfRows(name, sheetRows(ws), {
      merges: mergesOf(ws),
      visibility: { hidden: (wb.Workbook?.Sheets?.[i]?.Hidden ?? 0) > 0, rows: hiddenIndexes(ws['!rows']), columns: hiddenIndexes(ws['!cols']) },
    });
  });
}

/** What the manifest reports as the file's encoding: the workbook format (xlsx, xls, ods; html or text for a web export saved as .xls). */
function formatOf(bytes: Uint8Array, wb: WorkBook): string {
  if (startsWith(bytes, COMPOUND)) return 'xls';
  return wb.bookType ?? (startsWith(bytes, ZIP) ? 'xlsx' : 'text');
}

export const workbookReader: SourceReader = {
  extensions: ['.xlsx', '.xlsm', '.xls', '.et', '.ett', '.ods'],
  async read(bytes): Promise<SourceFile> {
    if (startsWith(bytes, COMPOUND) && isEncryptedPackage(bytes)) throw new UnreadableFileError(PASSWORD_MESSAGE, 'PASSWORD_PROTECTED');
    let wb: WorkBook;
    try {
      // Loaded when a workbook is read: a worker reading CSV (tail-worker.ts) never needs it.
      const XLSX = await import('@e965/xlsx');
      wb = XLSX.read(bytes, {
        type: 'buffer',
        dense: true,
        cellDates: true,
        cellText: false,
        // Needed for hidden rows and columns in .xlsx.
        cellStyles: true,
        // Text files saved as .xls (HTML or tab-separated exports of web systems): cells stay text, 001234 keeps its zeros.
        raw: true,
        bookVBA: false,
      });
    } catch (error) {
      if (/password|encrypt/i.test((error as Error).message) && !startsWith(bytes, ZIP)) throw new UnreadableFileError(PASSWORD_MESSAGE, 'PASSWORD_PROTECTED');
      throw new UnreadableFileError(DAMAGED_MESSAGE);
    }
    return { encoding: formatOf(bytes, wb), sheets: toSheets(wb) };
  },
};
