/**
 * CSV as Excel and WPS write it: UTF-8 with or without BOM ("CSV UTF-8"), GBK/GB18030 (the
 * Windows default), or UTF-16 ("Unicode text", tab-separated).
 */
import Papa from 'papaparse';
import type { SourceFile, SourceReader } from './types.ts';
import { UnreadableFileError } from './types.ts';

export function decodeText(bytes: Uint8Array): { text: string; encoding: string } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8-bom' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    // Not valid UTF-8: GB18030 is a superset of GBK and GB2312, what Chinese Windows writes.
    return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'gb18030' };
  }
}

export function parseCsvText(text: string): string[][] {
  // One final line break ends the last record; it is not an extra, empty row.
  const body = text.replace(/\r?\n$/, '');
  if (body === '') return [];
  const result = Papa.parse<string[]>(body, { skipEmptyLines: false, delimitersToGuess: [',', '\t', ';'] });
  const fatal = result.errors.find((e) => e.code === 'MissingQuotes');
  if (fatal) throw new UnreadableFileError(`第 ${(fatal.row ?? 0) + 1} 行引号不成对，文件可能已损坏或不是 CSV。`);
  return result.data;
}

export const csvReader: SourceReader = {
  extensions: ['.csv'],
  async read(bytes): Promise<SourceFile> {
    const { text, encoding } = decodeText(bytes);
    return { encoding, sheets: [{ name: null, rows: parseCsvText(text) }] };
  },
};
