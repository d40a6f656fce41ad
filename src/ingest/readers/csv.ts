/**
 * CSV as Excel and WPS write it: UTF-8 with or without BOM ("CSV UTF-8"), GBK/GB18030 (the
 * Windows default), or UTF-16 ("Unicode text", tab-separated). Rows are handed on one at a time.
 */
import { isUtf8 } from 'node:buffer';
import { countRecords, guessDelimiter, parseCsv, UnbalancedQuotes } from './csv-parse.ts';
import type { CsvHead, CsvTail, Sheet, SourceFile, SourceReader } from './types.ts';
import { UnreadableFileError } from './types.ts';

/** How a file's bytes are decoded: the decoder, the BOM bytes to skip, and the name reported. */
interface Encoding {
  decoder: 'utf-8' | 'utf-16le' | 'gb18030';
  skip: number;
  encoding: string;
}

function detectEncoding(bytes: Uint8Array): Encoding {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { decoder: 'utf-8', skip: 3, encoding: 'utf-8-bom' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { decoder: 'utf-16le', skip: 2, encoding: 'utf-16le' };
  // Not valid UTF-8: GB18030 is a superset of GBK and GB2312, what Chinese Windows writes.
  if (isUtf8(bytes)) return { decoder: 'utf-8', skip: 0, encoding: 'utf-8' };
  return { decoder: 'gb18030', skip: 0, encoding: mostlyUtf8(bytes) ? 'gb18030-mixed' : 'gb18030' };
}

export function decodeText(bytes: Uint8Array): { text: string; encoding: string } {
  const { decoder, skip, encoding } = detectEncoding(bytes);
  return { text: new TextDecoder(decoder).decode(bytes.subarray(skip)), encoding };
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
    if (error instanceof UnbalancedQuotes) throw unbalancedQuotes(error.line);
    throw error;
  }
}

export function parseCsvText(text: string): string[][] {
  const rows: string[][] = [];
  forEachCsvRow(text, (r) => rows.push(r));
  return rows;
}

/** A tail as text (a BOM-like sequence at its start is text, as it is mid-file). */
export function decodeTail(tail: CsvTail): string {
  return new TextDecoder(tail.decoder, { ignoreBOM: true }).decode(tail.bytes);
}

export function unbalancedQuotes(line: number): UnreadableFileError {
  return new UnreadableFileError(`第 ${line} 行起引号不成对（某个单元格以 " 开头却没有结束的 "），文件可能已损坏或不是 CSV。`, 'UNBALANCED_QUOTES');
}

/** Files from this size on are cut in two, so that both halves can be read at once. */
export const SPLIT_BYTES = 8 << 20;
/**
 * Where the cut falls: a little past the middle, since the worker reading the tail starts later
 * (loading its modules, ~70 ms) and hands its lines over at the end.
 */
const HEAD_SHARE = 0.53;

/**
 * A CSV sheet; from `splitBytes` on (and not UTF-16), cut at the first line feed past HEAD_SHARE of it.
 * When that ends a record (it is outside quotes), the rows are the head's, then the tail's,
 * exactly those of the whole file. Line feeds and quotes are single bytes in UTF-8 and GB18030
 * (never part of a multi-byte character), so each part decodes as it would within the whole.
 */
export function csvSheet(bytes: Uint8Array, splitBytes = SPLIT_BYTES): { sheet: Sheet; encoding: string } {
  const { decoder, skip, encoding } = detectEncoding(bytes);
  const whole = (visit: (cells: string[]) => void) => forEachCsvRow(new TextDecoder(decoder).decode(bytes.subarray(skip)), visit);
  const cut = bytes.length >= splitBytes && decoder !== 'utf-16le' ? bytes.indexOf(0x0a, skip + Math.floor((bytes.length - skip) * HEAD_SHARE)) + 1 : 0;
  if (cut <= 0 || cut >= bytes.length) return { sheet: { name: null, forEachRow: whole }, encoding };
  const tail: CsvTail = { bytes: bytes.subarray(cut), decoder };
  const head = (): CsvHead | null => {
    const text = new TextDecoder(decoder).decode(bytes.subarray(skip, cut));
    const delimiter = guessDelimiter(text);
    const records = countRecords(text, delimiter);
    if (records === null) return null;
    return {
      delimiter,
      records,
      forEachRow: (visit) => parseCsv(text, visit, delimiter),
      forEachTailRow: (visit, firstLine) => {
        try {
          parseCsv(decodeTail(tail), visit, delimiter, firstLine);
        } catch (error) {
          if (error instanceof UnbalancedQuotes) throw unbalancedQuotes(error.line);
          throw error;
        }
      },
    };
  };
  return { sheet: { name: null, forEachRow: whole, split: { tail, head } }, encoding };
}

export const csvReader: SourceReader = {
  extensions: ['.csv'],
  async read(bytes, options): Promise<SourceFile> {
    const { sheet, encoding } = csvSheet(bytes, options?.splitBytes);
    return { encoding, sheets: [sheet] };
  },
};
