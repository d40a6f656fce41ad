/**
 * Text tables as Excel and WPS write them: CSV in UTF-8 with or without BOM ("CSV UTF-8") or
 * GBK/GB18030 (the Windows default), and tab-separated text (.txt, .tsv: "文本文件(制表符分隔)"
 * in GBK, "Unicode 文本" in UTF-16LE with a BOM) — UTF-16 big-endian or without a BOM too. Rows
 * are handed on one at a time. A workbook renamed .csv is read as the workbook it is; bytes in
 * another encoding (Big5…) are named in the message when no table can be read from them.
 */
import { isUtf8 } from 'node:buffer';
import { hasInvisible, InvisibleTally } from '../../domain/invisible.ts';
import { countRecords, guessDelimiter, parseCsv, UnbalancedQuotes } from './csv-parse.ts';
import type { CsvHead, CsvTail, ReadOptions, Sheet, SourceFile, SourceReader } from './types.ts';
import { UnreadableFileError } from './types.ts';
import { isWorkbookBytes, workbookReader } from './workbook.ts';

/** How a file's bytes are decoded: the decoder, the BOM bytes to skip, and the name reported. */
interface Encoding {
  decoder: 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';
  skip: number;
  encoding: string;
}

/**
 * UTF-16 without a BOM: GBK and UTF-8 text never holds a zero byte, UTF-16 does in every ASCII
 * character (digits, delimiters, line ends) — at odd offsets little-endian, even ones big-endian.
 * A stray NUL in a UTF-8 file is one zero byte among thousands, not this.
 */
function utf16WithoutBom(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(bytes.length, 4096) & ~1;
  let odd = 0;
  let even = 0;
  for (let i = 0; i < n; i++) if (bytes[i] === 0) (i & 1 ? odd++ : even++);
  if (odd + even < n / 20) return null;
  if (odd >= 9 * even) return 'utf-16le';
  if (even >= 9 * odd) return 'utf-16be';
  return null;
}

function detectEncoding(bytes: Uint8Array): Encoding {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { decoder: 'utf-8', skip: 3, encoding: 'utf-8-bom' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { decoder: 'utf-16le', skip: 2, encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { decoder: 'utf-16be', skip: 2, encoding: 'utf-16be' };
  const utf16 = utf16WithoutBom(bytes);
  if (utf16) return { decoder: utf16, skip: 0, encoding: `${utf16}-no-bom` };
  // Not valid UTF-8: GB18030 is a superset of GBK and GB2312, what Chinese Windows writes.
  if (isUtf8(bytes)) return { decoder: 'utf-8', skip: 0, encoding: 'utf-8' };
  return { decoder: 'gb18030', skip: 0, encoding: mostlyUtf8(bytes) ? 'gb18030-mixed' : 'gb18030' };
}

/** Decodes, or says the text is too long to hold at once (V8 strings stop at about 536 million characters). */
function decode(decoder: string, bytes: Uint8Array, ignoreBOM = false): string {
  try {
    return new TextDecoder(decoder, { ignoreBOM }).decode(bytes);
  } catch (error) {
    if (error instanceof RangeError || (error as { code?: string }).code === 'ERR_STRING_TOO_LONG') throw tooLong(bytes.length);
    throw error;
  }
}

export function tooLong(bytes: number): UnreadableFileError {
  return new UnreadableFileError(
    `文件太大（${(bytes / 2 ** 20).toFixed(0)} MB 的文本无法一次读入），或整个文件只有很长的一行。请确认文件完整，再按系部或月份拆分成多个文件后报送。`,
    'FILE_TOO_LARGE',
  );
}

export function decodeText(bytes: Uint8Array): { text: string; encoding: string } {
  const { decoder, skip, encoding } = detectEncoding(bytes);
  return { text: decode(decoder, bytes.subarray(skip)), encoding };
}

/** Traditional-Chinese header words: what a Big5 file's header holds when read as Big5. */
const TRADITIONAL_HEADER = /姓名|系部|學期|工號|人數|專兼職|培訓|考核|日期|週次|學號|輔導員|單位|學院/;

/**
 * What the bytes seem to be when no table could be read from them as GBK: Big5 (traditional
 * Chinese, from a Hong Kong or Taiwan system), or something else that GBK cannot decode.
 */
export function encodingProblem(bytes: Uint8Array): string | null {
  const head = bytes.subarray(0, 1 << 16);
  try {
    if (TRADITIONAL_HEADER.test(new TextDecoder('big5', { fatal: true }).decode(head))) return '繁体中文 Big5 编码';
  } catch {
    // not Big5
  }
  const text = new TextDecoder('gb18030').decode(head);
  const broken = text.match(/\uFFFD/g)?.length ?? 0;
  return broken > 0 && broken >= text.length / 200 ? '无法识别的编码（不是 UTF-8、GBK/GB18030 或 UTF-16）' : null;
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
  return decode(tail.decoder, tail.bytes, true);
}

/**
 * Calls `visit` for each record of `text` — its invisible characters removed and counted in
 * `tally` when it has any (one scan of the whole text decides; most files have none). `index`:
 * the first record's row index (a tail's rows follow the head's).
 */
export function visitClean(text: string, visit: (cells: string[]) => void, tally: InvisibleTally, index = 0): (cells: string[]) => void {
  if (!hasInvisible(text)) return visit;
  let row = index;
  return (cells) => visit(tally.clean(cells, row++));
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
export function csvSheet(bytes: Uint8Array, splitBytes = SPLIT_BYTES, tabs = false): { sheet: Sheet; encoding: string } {
  const { decoder, skip, encoding } = detectEncoding(bytes);
  const invisible = new InvisibleTally();
  const delimiterOf = (text: string) => (tabs ? tabDelimiter(text) : guessDelimiter(text));
  const whole = (visit: (cells: string[]) => void) => {
    const text = decode(decoder, bytes.subarray(skip));
    const delimiter = delimiterOf(text);
    try {
      parseCsv(text, visitClean(text, visit, invisible), delimiter);
    } catch (error) {
      if (error instanceof UnbalancedQuotes) throw unbalancedQuotes(error.line);
      throw error;
    }
  };
  const single = decoder === 'utf-16le' || decoder === 'utf-16be';
  const cut = bytes.length >= splitBytes && !single ? bytes.indexOf(0x0a, skip + Math.floor((bytes.length - skip) * HEAD_SHARE)) + 1 : 0;
  if (cut <= 0 || cut >= bytes.length) return { sheet: { name: null, forEachRow: whole, invisible }, encoding };
  const tail: CsvTail = { bytes: bytes.subarray(cut), decoder };
  const head = (): CsvHead | null => {
    const text = decode(decoder, bytes.subarray(skip, cut));
    const delimiter = delimiterOf(text);
    const records = countRecords(text, delimiter);
    if (records === null) return null;
    return {
      delimiter,
      records,
      forEachRow: (visit) => parseCsv(text, visitClean(text, visit, invisible), delimiter),
      forEachTailRow: (visit, firstLine) => {
        try {
          const text = decodeTail(tail);
          parseCsv(text, visitClean(text, visit, invisible, records), delimiter, firstLine);
        } catch (error) {
          if (error instanceof UnbalancedQuotes) throw unbalancedQuotes(error.line);
          throw error;
        }
      },
    };
  };
  return { sheet: { name: null, forEachRow: whole, split: { tail, head }, invisible }, encoding };
}

/** Tab-separated text: tabs, unless its first line has none (a CSV saved as .txt: then as guessed). */
function tabDelimiter(text: string): string {
  const end = text.search(/[\r\n]/);
  return text.slice(0, end < 0 ? 65_536 : end).includes('\t') ? '\t' : guessDelimiter(text);
}

/** A text file with no tab or comma in its first lines is not a table (a note saved beside the exports). */
function isTextTable(bytes: Uint8Array): boolean {
  const { decoder, skip } = detectEncoding(bytes);
  const text = new TextDecoder(decoder).decode(bytes.subarray(skip, skip + (1 << 16)));
  return /[\t,，]/.test(text);
}

async function readText(bytes: Uint8Array, options: ReadOptions | undefined, tabs: boolean): Promise<SourceFile> {
  // A workbook saved or renamed as .csv or .txt: read as the workbook it is.
  if (isWorkbookBytes(bytes)) return workbookReader.read(bytes, options);
  if (tabs && bytes.length > 0 && !isTextTable(bytes))
    throw new UnreadableFileError('这个文本文件不是表格：其中没有用制表符或逗号分隔的列。表格请用 Excel 或 WPS“另存为”CSV 或“Unicode 文本”；若是说明文字，请移出报送文件夹。', 'NOT_A_TABLE');
  const { sheet, encoding } = csvSheet(bytes, options?.splitBytes, tabs);
  return { encoding, sheets: [{ ...sheet, encodingProblem: () => (encoding === 'gb18030' ? encodingProblem(bytes) : null) }] };
}

export const csvReader: SourceReader = {
  extensions: ['.csv'],
  read: (bytes, options) => readText(bytes, options, false),
};

/** Tab-separated text: Excel's "文本文件(制表符分隔)" (.txt, GBK) and "Unicode 文本" (.txt, UTF-16LE with a BOM); .tsv. */
export const textReader: SourceReader = {
  extensions: ['.txt', '.tsv'],
  read: (bytes, options) => readText(bytes, options, true),
};
