/**
 * CSV as Excel and WPS write it: UTF-8 with or without BOM ("CSV UTF-8"), GBK/GB18030 (the
 * Windows default), or UTF-16 ("Unicode text", tab-separated). Rows are handed on one at a time.
 */
import { isUtf8 } from 'node:buffer';
import { parseCsv, UnbalancedQuotes } from './csv-parse.ts';
import type { Sheet, SourceFile, SourceReader } from './types.ts';
import { UnreadableFileError } from './types.ts';

export function decodeText(bytes: Uint8Array): { text: string; encoding: string } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8-bom' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  // Not valid UTF-8: GB18030 is a superset of GBK and GB2312, what Chinese Windows writes.
  if (isUtf8(bytes)) return { text: new TextDecoder('utf-8').decode(bytes), encoding: 'utf-8' };
  return { text: new TextDecoder('gb18030').decode(bytes), encoding: mostlyUtf8(bytes) ? 'gb18030-mixed' : 'gb18030' };
}

/**
 * Invalid UTF-8 that is nonetheless mostly well-formed UTF-8 Chinese: a file pasted together
 * from two encodings. Read as GB18030 its header is garbled; the message then says why.
 */
function mostlyUtf8(bytes: Uint8Array): boolean {
  const text = new TextDecoder('utf-8').decode(bytes.subarray(0, 1 << 16));
  const cjk = text.match(/[\u4e00-\u9fff]/g)?.length ?? 0;
  const broken = text.match(/\uFFFD/g)?.length ?? 0;
  return cjk > 0 && broken < cjk / 4;
}

/** Calls `visit` for each record; a final line break ends the last record, it is not a row. */
export function forEachCsvRow(text: string, visit: (cells: string[]) => void): void {
  try {
    parseCsv(text, visit);
  } catch (error) {
    if (error instanceof UnbalancedQuotes)
      throw new UnreadableFileError(`第 ${error.line} 行起引号不成对（某个单元格以 " 开头却没有结束的 "），文件可能已损坏或不是 CSV。`);
    throw error;
  }
}

export function parseCsvText(text: string): string[][] {
  const rows: string[][] = [];
  forEachCsvRow(text, (r) => rows.push(r));
  return rows;
}

export const csvReader: SourceReader = {
  extensions: ['.csv'],
  async read(bytes): Promise<SourceFile> {
    const { text, encoding } = decodeText(bytes);
    const sheet: Sheet = { name: null, forEachRow: (visit) => forEachCsvRow(text, visit) };
    return { encoding, sheets: [sheet] };
  },
};
