/** Excel workbooks (.xlsx, as Excel and WPS save them): every sheet, cells as text. */
import type { SourceFile, SourceReader } from './types.ts';
import { UnreadableFileError, sheetOfRows } from './types.ts';

type CellValue = string | number | boolean | Date | null | undefined;

function cellText(value: CellValue): string {
  if (value == null) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(15)));
  return String(value);
}

export const xlsxReader: SourceReader = {
  extensions: ['.xlsx'],
  async read(bytes): Promise<SourceFile> {
    // An encrypted .xlsx is an OLE compound file (as an old .xls is), not a zip.
    if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0)
      throw new UnreadableFileError(
        '无法打开此 Excel 文件：它设置了打开密码（或实为旧版 .xls）。请在 Excel/WPS 中打开，取消密码后“另存为”.xlsx，再报送。',
      );
    let sheets: Array<{ sheet: string; data: CellValue[][] }>;
    try {
      // Loaded when a workbook is read: a worker reading CSV (tail-worker.ts) never needs it.
      const { default: readExcelFile } = await import('read-excel-file/node');
      sheets = (await readExcelFile(Buffer.from(bytes))) as typeof sheets;
    } catch {
      throw new UnreadableFileError('无法打开此 Excel 文件：文件已损坏或不完整。请在 Excel/WPS 中打开确认无误后重新保存为 .xlsx，再报送。');
    }
    return {
      encoding: 'xlsx',
      sheets: sheets.map((s) => sheetOfRows(s.sheet, s.data.map((row) => row.map(cellText)))),
    };
  },
};

/** Old binary .xls: no maintained reader on this registry reads it safely; ask for .xlsx. */
export const xlsReader: SourceReader = {
  extensions: ['.xls', '.et'],
  async read(): Promise<SourceFile> {
    throw new UnreadableFileError('这是旧版 Excel（.xls）或 WPS 表格（.et）文件，请在 Excel/WPS 中“另存为”.xlsx 或 CSV 后再报送。');
  },
};
