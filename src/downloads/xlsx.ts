/**
 * A download table as an .xlsx Blob, through write-excel-file's browser build. The cells, widths
 * and sheet name come from tableToXlsxSchema (table.ts); this file only hands them over. The
 * browser build's toBlob() needs nothing but Blob, so Node (tests) runs this same function.
 */
import writeXlsxFile from 'write-excel-file/browser';
import type { SheetData } from 'write-excel-file/browser';
import { tableToXlsxSchema, type DownloadTable } from './table.ts';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function tableToXlsxBlob(table: DownloadTable): Promise<Blob> {
  const { data, ...options } = tableToXlsxSchema(table);
  const sheetData: SheetData = data;
  return writeXlsxFile(sheetData, options).toBlob();
}
