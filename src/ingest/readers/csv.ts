/**
 * Text tables as Excel and WPS write them: CSV in UTF-8 with or without BOM ("CSV UTF-8") or
 * GBK/GB18030 (the Windows default), and tab-separated text (.txt, .tsv: "文本文件(制表符分隔)"
 * in GBK, "Unicode 文本" in UTF-16LE with a BOM) — UTF-16 big-endian or without a BOM too. Rows
 * are handed on one at a time. A workbook renamed .csv is read as the workbook it is; bytes in
 * another encoding (Big5…) are named in the message when no table can be read from them. A file
 * is read a part at a time (text-source.ts): its text is never held whole.
 */
import { isUtf8 } from 'node:buffer';
import { hasInvisible, InvisibleTally } from '../../domain/invisible.ts';
import { guessDelimiter, parseCsv, parseCsvPart, RecordCounter, UnbalancedQuotes } from './csv-parse.ts';
import { bytesAt, forEachPart, indexOfByte, isUtf8Prefix, isUtf8Source, PART_BYTES, sizeOf, type TextRange, type TextSource } from './text-source.ts';
import type { CsvHead, CsvTail, ReadOptions, Sheet, SourceFile, SourceReader } from './types.ts';
import { UnreadableFileError } from './types.ts';
import { isWorkbookBytes, workbookReader } from './workbook.ts';

/** Bytes looked at to tell the encoding, a workbook, a table (the rest of a UTF-8-looking file is checked as it goes on). */
const HEAD_BYTES = 1 << 20;

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

/**
 * The encoding, from the file's first part; a file whose first part is UTF-8 is checked to the
 * end (one byte of GBK anywhere makes it GBK, as when it was read whole).
 */
function detectEncoding(source: TextSource): Encoding {
  const bytes = bytesAt(source, 0, HEAD_BYTES);
  if (bytes.length === sizeOf(source)) return detectEncodingOf(bytes);
  const found = detectEncodingOf(bytes, isUtf8Prefix(bytes));
  return found.encoding === 'utf-8' && !isUtf8Source(source) ? detectEncodingOf(bytes, false) : found;
}

function detectEncodingOf(bytes: Uint8Array, utf8 = isUtf8(bytes)): Encoding {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { decoder: 'utf-8', skip: 3, encoding: 'utf-8-bom' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { decoder: 'utf-16le', skip: 2, encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { decoder: 'utf-16be', skip: 2, encoding: 'utf-16be' };
  const utf16 = utf16WithoutBom(bytes);
  if (utf16) return { decoder: utf16, skip: 0, encoding: `${utf16}-no-bom` };
  // Not valid UTF-8: GB18030 is a superset of GBK and GB2312, what Chinese Windows writes.
  if (utf8) return { decoder: 'utf-8', skip: 0, encoding: 'utf-8' };
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

/** A record (or a text) of `chars` characters, too long to be a row of a table. */
export function tooLong(chars: number): UnreadableFileError {
  return new UnreadableFileError(
    `文件中有一行太长（超过 ${Math.floor(chars / 2 ** 20)} MB），无法按表格读取：文件可能已损坏，或整个文件只有很长的一行。请确认文件完整、是从 Excel 或 WPS 逐行导出的表格后重新报送。`,
    'FILE_TOO_LARGE',
  );
}

export function decodeText(bytes: Uint8Array): { text: string; encoding: string } {
  const { decoder, skip, encoding } = detectEncodingOf(bytes);
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

/** A record longer than this (characters) is not a record: a quote never closed, or a file with no line breaks. */
const MAX_RECORD_CHARS = 64 << 20;

/**
 * Calls `visit` for each record of a range, read, decoded and parsed a part at a time: a
 * character or a record (a quoted line break in it) cut at a part's end is finished with the
 * next part, so the records are those of the whole text. `delimiter`: given, or guessed from
 * the first line. `index`, `firstLine`: the first record's row index and line number. Returns
 * the line after the last record. Throws UnbalancedQuotes as parseCsv does.
 */
export function readRows(
  range: TextRange,
  delimiter: string | ((firstLine: string) => string),
  visit: (cells: string[]) => void,
  tally: InvisibleTally,
  index = 0,
  firstLine = 1,
): number {
  const decoder = new TextDecoder(range.decoder, { ignoreBOM: range.ignoreBOM });
  let delim = typeof delimiter === 'string' ? delimiter : null;
  let carry = '';
  let line = firstLine;
  let row = index;
  const plain = (cells: string[]) => {
    row++;
    visit(cells);
  };
  const cleaned = (cells: string[]) => visit(tally.clean(cells, row++));
  const parse = (text: string, last: boolean) => {
    if (delim === null) {
      // The delimiter is guessed from the first line: wait for its end.
      if (!last && !/[\r\n]/.test(text) && text.length < 65_536) return void (carry = text);
      delim = (delimiter as (text: string) => string)(text);
    }
    const end = parseCsvPart(text, hasInvisible(text) ? cleaned : plain, delim, line, last);
    line = end.line;
    carry = end.rest < text.length ? text.slice(end.rest) : '';
    if (carry.length > MAX_RECORD_CHARS) throw end.quoted ? new UnbalancedQuotes(line) : tooLong(MAX_RECORD_CHARS);
  };
  // Text decoded since the last parse. A record longer than a part (a long quoted cell) is parsed
  // again only once as much text again has come, not once per part: the parts are small.
  let pending = '';
  forEachPart(range.source, range.start, range.end, range.partBytes ?? PART_BYTES, (bytes) => {
    pending += decoder.decode(bytes, { stream: true });
    if (pending.length < carry.length && carry.length + pending.length <= MAX_RECORD_CHARS) return;
    parse(carry + pending, false);
    pending = '';
  });
  parse(carry + pending + decoder.decode(), true);
  return line;
}

export function unbalancedQuotes(line: number): UnreadableFileError {
  return new UnreadableFileError(`第 ${line} 行起引号不成对（某个单元格以 " 开头却没有结束的 "），文件可能已损坏或不是 CSV。`, 'UNBALANCED_QUOTES');
}

/** Files from this size on are cut in two, so that both halves can be read at once. */
export const SPLIT_BYTES = 8 << 20;
/**
 * Where the cut falls: the middle in a file of up to some 100 MB. The worker reading the tail is
 * loaded while this thread finds the header (its modules compiled once: compile-cache.ts), and
 * starts within some 30 ms of it: at a million rows (61 MB) a cut at 53 %, which made up for a
 * later start, left the worker done about 0.1 s before this thread. In a larger file this thread
 * reads a row about a tenth slower than the worker (2.08 against 1.89 µs at ten million rows): the
 * cut falls at HEAD_SHARE_LARGE of the file plus HEAD_START_BYTES, before the middle (ten million
 * rows, 622 MB: 47 %; at 53 % the worker had finished 1.2 s before this thread).
 */
const HEAD_SHARE = 0.5;
const HEAD_SHARE_LARGE = 0.46;
const HEAD_START_BYTES = 4.5 * 2 ** 20;
const headShare = (bytes: number) => Math.min(HEAD_SHARE, HEAD_SHARE_LARGE + HEAD_START_BYTES / bytes);

/**
 * A CSV sheet, read a part at a time; from `splitBytes` on (and not UTF-16), cut at the first line
 * feed past headShare of it. When that ends a record (it is outside quotes), the rows are the
 * head's, then the tail's, exactly those of the whole file. Line feeds and quotes are single bytes
 * in UTF-8 and GB18030 (never part of a multi-byte character), so each part decodes as it would
 * within the whole, and the head's records are counted from its bytes before it is read.
 */
export function csvSheet(source: TextSource, splitBytes = SPLIT_BYTES, tabs = false, partBytes = PART_BYTES): { sheet: Sheet; encoding: string } {
  const size = sizeOf(source);
  const { decoder, skip, encoding } = detectEncoding(source);
  const invisible = new InvisibleTally();
  const delimiterOf = (text: string) => (tabs ? tabDelimiter(text) : guessDelimiter(text));
  const range = (start: number, end: number): TextRange => ({ source, start, end, decoder, ignoreBOM: start > skip, partBytes });
  const whole = (visit: (cells: string[]) => void) => {
    try {
      readRows(range(skip, size), delimiterOf, visit, invisible);
    } catch (error) {
      if (error instanceof UnbalancedQuotes) throw unbalancedQuotes(error.line);
      throw error;
    }
  };
  const single = decoder === 'utf-16le' || decoder === 'utf-16be';
  const cut = size >= splitBytes && !single ? indexOfByte(source, 0x0a, skip + Math.floor((size - skip) * headShare(size - skip))) + 1 : 0;
  if (cut <= 0 || cut >= size) return { sheet: { name: null, forEachRow: whole, invisible }, encoding };
  const tail: CsvTail = { ...range(cut, size), ignoreBOM: true };
  const head = (): CsvHead | null => {
    const delimiter = delimiterOf(new TextDecoder(decoder).decode(bytesAt(source, skip, Math.min(cut, skip + (1 << 18)))));
    const counter = new RecordCounter(delimiter);
    forEachPart(source, skip, cut, partBytes, (bytes) => counter.feed(bytes));
    const records = counter.end();
    if (records === null) return null;
    return {
      delimiter,
      records,
      forEachRow: (visit) => readRows(range(skip, cut), delimiter, visit, invisible),
      forEachTailRow: (visit, firstLine) => {
        try {
          readRows(tail, delimiter, visit, invisible, records, firstLine);
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
function isTextTable(source: TextSource): boolean {
  const { decoder, skip } = detectEncoding(source);
  const text = new TextDecoder(decoder).decode(bytesAt(source, skip, skip + (1 << 16)));
  return /[\t,，]/.test(text);
}

async function readText(source: TextSource, options: ReadOptions | undefined, tabs: boolean): Promise<SourceFile> {
  // A workbook saved or renamed as .csv or .txt: read as the workbook it is.
  if (isWorkbookBytes(bytesAt(source, 0, 8))) return workbookReader.read(source, options);
  if (tabs && sizeOf(source) > 0 && !isTextTable(source))
    throw new UnreadableFileError('这个文本文件不是表格：其中没有用制表符或逗号分隔的列。表格请用 Excel 或 WPS“另存为”CSV 或“Unicode 文本”；若是说明文字，请移出报送文件夹。', 'NOT_A_TABLE');
  const { sheet, encoding } = csvSheet(source, options?.splitBytes, tabs, options?.partBytes);
  return { encoding, sheets: [{ ...sheet, encodingProblem: () => (encoding === 'gb18030' ? encodingProblem(bytesAt(source, 0, 1 << 16)) : null) }] };
}

export const csvReader: SourceReader = {
  extensions: ['.csv'],
  read: (source, options) => readText(source, options, false),
};

/** Tab-separated text: Excel's "文本文件(制表符分隔)" (.txt, GBK) and "Unicode 文本" (.txt, UTF-16LE with a BOM); .tsv. */
export const textReader: SourceReader = {
  extensions: ['.txt', '.tsv'],
  read: (source, options) => readText(source, options, true),
};
