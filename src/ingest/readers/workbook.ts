/**
 * Workbooks, whatever saved them: .xlsx and .xlsm (Excel 2007 on, WPS), .xls (Excel 97–2003,
 * BIFF8, what old 学工 systems and WPS templates still write), WPS .et/.ett, .ods — one reader,
 * SheetJS Community Edition (@e965/xlsx; the choice and its measurements are in the README).
 * Every sheet from A1, cells as text: text as written, numbers as their value (a percentage as
 * shown, 95%), date cells as ISO days, times and durations as shown (18:00); merged ranges,
 * hidden sheets, rows and columns and the date system (1900 or 1904) as the workbook records them.
 * Formulas are never evaluated (their saved values are read) and macros never run.
 */
import { wholeBytes } from './text-source.ts';
import type { CellObject, WorkBook, WorkSheet } from '@e965/xlsx';
import { InvisibleTally } from '../../domain/invisible.ts';
import type { MergedRange, Sheet, SourceFile, SourceReader } from './types.ts';
import { DEFAULT_LIMITS, MAX_COLUMNS, UnreadableFileError } from './types.ts';

const PASSWORD_MESSAGE = '无法打开此 Excel 文件：它设置了打开密码。请在 Excel/WPS 中打开，取消密码（文件—信息—保护工作簿—用密码进行加密，清空）后保存，再报送。';
const DAMAGED_MESSAGE = '无法打开此 Excel 文件：文件已损坏或不完整。请在 Excel/WPS 中打开确认无误后重新保存（.xlsx），再报送。';

/** Excel's error values by their code (a #REF! is shown as such, and a number column rejects it). */
const ERRORS: Record<number, string> = { 0x00: '#NULL!', 0x07: '#DIV/0!', 0x0f: '#VALUE!', 0x17: '#REF!', 0x1d: '#NAME?', 0x24: '#NUM!', 0x2a: '#N/A', 0x2b: '#GETTING_DATA' };

const ZIP = [0x50, 0x4b, 0x03, 0x04];
/** An OLE compound file: an old .xls, a WPS .et, or an encrypted .xlsx. */
const COMPOUND = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const startsWith = (bytes: Uint8Array, magic: readonly number[]) => magic.every((b, i) => bytes[i] === b);

/** Whether the bytes are a workbook whatever their name says: a zip package (.xlsx) or a compound file (.xls). */
export function isWorkbookBytes(bytes: Uint8Array): boolean {
  return startsWith(bytes, ZIP) || startsWith(bytes, COMPOUND);
}

/**
 * What a zip package's entries unpack to, from its central directory (read before anything is
 * unpacked): a 400 KB workbook can unpack to gigabytes. Null when there is no readable directory.
 */
export function unpackedBytes(bytes: Uint8Array): number | null {
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = view.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]), Math.max(0, view.length - 22));
  if (end < 0 || end + 22 > view.length) return null;
  let p = view.readUInt32LE(end + 16);
  let total = 0;
  for (let n = view.readUInt16LE(end + 10); n > 0; n--) {
    if (p + 46 > view.length || view.readUInt32LE(p) !== 0x02014b50) return null;
    const size = view.readUInt32LE(p + 24);
    total += size === 0xffffffff ? Infinity : size; // ZIP64: over 4 GB
    p += 46 + view.readUInt16LE(p + 28) + view.readUInt16LE(p + 30) + view.readUInt16LE(p + 32);
  }
  return total;
}

const megabytes = (n: number) => `${Math.round(n / 2 ** 20)} MB`;

/** An encrypted Office Open XML package sits in a compound file under these stream names. */
function isEncryptedPackage(bytes: Uint8Array): boolean {
  const name = Buffer.from('EncryptedPackage', 'utf16le');
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).indexOf(name) >= 0;
}

/** A number format showing only a time of day or a duration (hh:mm, [h]:mm, h"时"mm"分"), no date. */
function isTimeFormat(format: string | undefined): boolean {
  if (!format) return false;
  const codes = format.replace(/"[^"]*"|\\.|\[(?!h\])[^\]]*\]/gi, '');
  return /h/i.test(codes) && !/[yde]/i.test(codes);
}

/** Day 0 of the workbook's date system, as SheetJS dates it (a time of day alone is on day 0). */
const DAY_ZERO = { 1900: Date.UTC(1899, 11, 31), 1904: Date.UTC(1904, 0, 1) };

/** "18:00" for a time of day, "36:30" for a duration of [h] hours: what the cell shows. */
function timeText(date: Date, format: string, date1904: boolean): string {
  const days = (date.getTime() - DAY_ZERO[date1904 ? 1904 : 1900]) / 86_400_000;
  const minutes = Math.round((/\[h\]/i.test(format) ? days : days - Math.floor(days)) * 1440);
  return `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')}`;
}

/** The decimals a plain number format shows (0.00, #,##0.0 → 2, 1); 0 for any other format. */
function fixedDecimals(format: string | undefined): number {
  const m = format ? /^(?:#,##)?0\.(0+)(?:_\)|;.*)?$/.exec(format) : null;
  return m ? m[1]!.length : 0;
}

function cellText(cell: CellObject | undefined, date1904: boolean): string {
  if (!cell) return '';
  const v = cell.v;
  switch (cell.t) {
    case 's':
      return v == null ? '' : String(v);
    case 'n': {
      const n = v as number;
      // A number formatted as a percentage is read as it is shown: 0.95 as "95%".
      if (cell.z && String(cell.z).includes('%')) return `${Number((n * 100).toPrecision(15))}%`;
      // A number shown with fixed decimals is read as shown: 1990.1 formatted 0.00 is the 1990.10 (October) the clerk sees.
      const decimals = fixedDecimals(cell.z as string | undefined);
      if (decimals > 0) return n.toFixed(decimals);
      return Number.isInteger(n) ? String(n) : String(Number(n.toPrecision(15)));
    }
    case 'd':
      if (!(v instanceof Date) || Number.isNaN(v.getTime())) return String(v ?? '');
      // A time or a duration (工作时长 18:00) is shown as one, not as the day it falls on.
      if (isTimeFormat(cell.z as string | undefined)) return timeText(v, String(cell.z), date1904);
      // SheetJS gives a date cell as that day at 00:00 UTC (a time of day is dropped: the day is what the columns read).
      return v.toISOString().slice(0, 10);
    case 'b':
      return v ? 'TRUE' : 'FALSE';
    case 'e':
      return ERRORS[v as number] ?? '#ERROR';
    default:
      return '';
  }
}

type Row = Array<CellObject | undefined> | undefined;

/** How far a row reaches within MAX_COLUMNS: one past its last cell holding anything. */
function rowWidth(row: Row, date1904: boolean): number {
  if (!row) return 0;
  for (let c = Math.min(row.length, MAX_COLUMNS) - 1; c >= 0; c--) if (cellText(row[c], date1904) !== '') return c + 1;
  return 0;
}

/** The row's cells as text, up to its last one holding anything (and never past MAX_COLUMNS). */
function rowCells(row: Row, date1904: boolean): string[] {
  const width = rowWidth(row, date1904);
  const cells = new Array<string>(width);
  for (let c = 0; c < width; c++) cells[c] = cellText(row![c], date1904);
  return cells;
}

/** Non-empty cells past MAX_COLUMNS: only the cells there are visited (a row reaching column XFD is sparse). */
function cellsBeyond(data: readonly Row[], date1904: boolean): Sheet['beyond'] {
  let beyond: Sheet['beyond'];
  for (let r = 0; r < data.length; r++) {
    const row = data[r];
    if (!row || row.length <= MAX_COLUMNS) continue;
    for (const key in row) {
      const c = Number(key);
      if (!(c >= MAX_COLUMNS)) continue;
      const text = cellText(row[c], date1904);
      if (text === '') continue;
      if (beyond) beyond.cells++;
      else beyond = { cells: 1, row: r, column: c, text };
    }
  }
  return beyond;
}

function mergesOf(ws: WorkSheet): MergedRange[] {
  const data = (ws['!data'] ?? []) as Row[];
  return (ws['!merges'] ?? [])
    .filter((m) => m.s.c < MAX_COLUMNS)
    .map((m) => {
      const first = data[m.s.r]?.[m.s.c];
      return { top: m.s.r, left: m.s.c, bottom: m.e.r, right: Math.min(m.e.c, MAX_COLUMNS - 1), number: first?.t === 'n' };
    });
}

const hiddenIndexes = (list: Array<{ hidden?: boolean } | undefined> | undefined) =>
  (list ?? []).flatMap((entry, i) => (entry?.hidden ? [i] : []));

/**
 * A sheet whose rows are turned into text one at a time as they are visited (a 200,000-row
 * workbook is never held twice), from A1 to its last row holding anything, so that row numbers
 * are Excel's; rows past the data (formatting only) are not rows of the table. Invisible
 * characters are removed from each cell as it is read, and counted.
 */
function toSheet(ws: WorkSheet, name: string, hidden: boolean, date1904: boolean): Sheet {
  const data = (ws['!data'] ?? []) as Row[];
  let last = data.length - 1;
  while (last >= 0 && rowWidth(data[last], date1904) === 0) last--;
  const invisible = new InvisibleTally();
  return {
    name,
    forEachRow: (visit) => {
      for (let r = 0; r <= last; r++) visit(invisible.clean(rowCells(data[r], date1904), r));
    },
    merges: mergesOf(ws),
    visibility: { hidden, rows: hiddenIndexes(ws['!rows']), columns: hiddenIndexes(ws['!cols']) },
    date1904,
    beyond: cellsBeyond(data, date1904),
    invisible,
  };
}

function toSheets(wb: WorkBook): Sheet[] {
  const date1904 = Boolean(wb.Workbook?.WBProps?.date1904);
  return wb.SheetNames.map((name, i) => toSheet(wb.Sheets[name]!, name, (wb.Workbook?.Sheets?.[i]?.Hidden ?? 0) > 0, date1904));
}

/** What the manifest reports as the file's encoding: the workbook format (xlsx, xls, ods; html or text for a web export saved as .xls). */
function formatOf(bytes: Uint8Array, wb: WorkBook): string {
  if (startsWith(bytes, COMPOUND)) return 'xls';
  return wb.bookType ?? (startsWith(bytes, ZIP) ? 'xlsx' : 'text');
}

export const workbookReader: SourceReader = {
  extensions: ['.xlsx', '.xlsm', '.xls', '.et', '.ett', '.ods'],
  async read(source, options): Promise<SourceFile> {
    const bytes = wholeBytes(source);
    if (startsWith(bytes, COMPOUND) && isEncryptedPackage(bytes)) throw new UnreadableFileError(PASSWORD_MESSAGE, 'PASSWORD_PROTECTED');
    const limit = options?.maxWorkbookBytes ?? DEFAULT_LIMITS.maxWorkbookBytes;
    const size = startsWith(bytes, ZIP) ? unpackedBytes(bytes) : bytes.length;
    if (size !== null && size > limit)
      throw new UnreadableFileError(
        `工作簿太大：展开后约 ${Number.isFinite(size) ? megabytes(size) : '4 GB 以上'}，超过单个工作簿的上限 ${megabytes(limit)}（约 30 万行）。请在 Excel 或 WPS 中“另存为”CSV（逗号分隔）后报送，或拆分为多个文件。`,
        'FILE_TOO_LARGE',
      );
    let wb: WorkBook;
    try {
      // Loaded when a workbook is read: a worker reading CSV (tail-worker.ts) never needs it.
      const XLSX = await import('@e965/xlsx');
      wb = XLSX.read(bytes, {
        type: 'buffer',
        dense: true,
        cellDates: true,
        cellText: false,
        // Needed for hidden rows and columns in .xlsx; the number format, for percentages and times.
        cellStyles: true,
        cellNF: true,
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
