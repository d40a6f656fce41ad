/**
 * A streaming RFC 4180 CSV parser over a decoded string: quoted fields, doubled quotes, line
 * breaks inside quotes, CRLF, LF or lone CR line ends. It hands each record on and keeps
 * nothing: papaparse, parsing a string in chunks, kept about 400 bytes per row alive (409 MB
 * after a full GC at a million rows) and took longer (README, "Performance").
 */

export class UnbalancedQuotes extends Error {
  readonly line: number;
  constructor(line: number) {
    super(`unbalanced quotes from line ${line}`);
    this.line = line;
  }
}

const QUOTE = 34;
const CR = 13;
const LF = 10;

/** The delimiter of the first line (outside quotes): the most frequent of , tab ; — comma on a tie. */
export function guessDelimiter(text: string): string {
  const counts: Record<string, number> = { ',': 0, '\t': 0, ';': 0 };
  let quoted = false;
  for (let i = 0; i < text.length && i < 65_536; i++) {
    const c = text[i]!;
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || c === '\r')) break;
    else if (!quoted && c in counts) counts[c]!++;
  }
  return Object.entries(counts).reduce((best, [d, n]) => (n > counts[best]! ? d : best), ',');
}

/**
 * Calls `visit` for each record of `text`; returns the line number after the last one (for a
 * text parsed in parts: where the next part's lines start, for its messages).
 */
export function parseCsv(text: string, visit: (cells: string[]) => void, delimiter = guessDelimiter(text), firstLine = 1): number {
  return parseCsvPart(text, visit, delimiter, firstLine, true).line;
}

/** Where a part of a text stopped: the line after the last record read, and the unfinished record's text (from `rest`). */
export interface PartEnd {
  line: number;
  /** Offset of the record the part ends in the middle of (the text's length when it ends on a record's end). */
  rest: number;
  /** The unfinished record is inside a quoted field. */
  quoted: boolean;
}

/**
 * parseCsv over one part of a text read in parts (a file read in chunks): unless `last`, a record
 * the part ends in the middle of (no line end after it yet, a quote not yet closed, a CR whose LF
 * may follow) is not handed on: it starts at `rest`, to be parsed again with the next part.
 */
export function parseCsvPart(text: string, visit: (cells: string[]) => void, delimiter: string, firstLine: number, last: boolean): PartEnd {
  const delim = delimiter.charCodeAt(0);
  const n = text.length;
  let i = 0;
  let line = firstLine;
  let row: string[] = [];
  let recordStart = 0;
  let recordLine = firstLine;
  const unfinished = (quoted: boolean): PartEnd => ({ line: recordLine, rest: recordStart, quoted });
  while (i < n) {
    let c = text.charCodeAt(i);
    if (c === QUOTE) {
      // Quoted field: up to the closing quote, "" standing for one quote.
      const startLine = line;
      let value = '';
      let from = ++i;
      for (;;) {
        const q = text.indexOf('"', i);
        if (q < 0 || (!last && q + 1 === n)) {
          if (!last) return unfinished(true);
          throw new UnbalancedQuotes(startLine);
        }
        if (text.charCodeAt(q + 1) === QUOTE) {
          value += text.slice(from, q + 1);
          i = from = q + 2;
          continue;
        }
        value += text.slice(from, q);
        for (let k = from; k < q; k++) if (text.charCodeAt(k) === LF) line++;
        i = q + 1;
        break;
      }
      // Anything between the closing quote and the delimiter is kept, as spreadsheets do.
      let end = i;
      while (end < n && (c = text.charCodeAt(end)) !== delim && c !== LF && c !== CR) end++;
      row.push(end > i ? value + text.slice(i, end) : value);
      i = end;
    } else {
      let end = i;
      while (end < n && (c = text.charCodeAt(end)) !== delim && c !== LF && c !== CR) end++;
      row.push(text.slice(i, end));
      i = end;
    }
    if (i >= n) break;
    c = text.charCodeAt(i);
    if (c === delim) {
      i++;
      if (i === n) row.push('');
      continue;
    }
    // End of record: CRLF, LF or a lone CR (a CR ending the part may be followed by its LF).
    if (c === CR && !last && i + 1 === n) return unfinished(false);
    i += c === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
    line++;
    visit(row);
    row = [];
    recordStart = i;
    recordLine = line;
  }
  if (!last) return recordStart < n ? unfinished(false) : { line, rest: n, quoted: false };
  if (row.length > 0) visit(row);
  return { line, rest: n, quoted: false };
}

/**
 * How many records `text` holds, when it ends (in a line feed) outside any quoted field; null
 * when it ends inside one. Then its records, parsed on their own, are exactly the first records
 * of any text it begins, and what follows parses the same on its own. Follows parseCsv: a quote
 * opens a field only at the field's start (after a delimiter or line end), "" inside it is a
 * quote, the first lone quote closes it; a record ends at LF, CRLF or a lone CR outside quotes.
 */
export function countRecords(text: string, delimiter: string): number | null {
  const delim = delimiter.charCodeAt(0);
  const loneCr = LONE_CR.test(text);
  let records = 0;
  /** Line ends in text[from, to), all outside quotes. */
  const count = (from: number, to: number) => {
    for (let i = text.indexOf('\n', from); i >= 0 && i < to; i = text.indexOf('\n', i + 1)) records++;
    if (loneCr) for (let i = text.indexOf('\r', from); i >= 0 && i < to; i = text.indexOf('\r', i + 1)) if (text.charCodeAt(i + 1) !== LF) records++;
  };
  let outside = 0;
  let i = 0;
  for (;;) {
    const q = text.indexOf('"', i);
    if (q < 0) break;
    const before = q === 0 ? LF : text.charCodeAt(q - 1);
    i = q + 1;
    if (before !== delim && before !== LF && before !== CR) continue; // a quote inside a field is text
    count(outside, q);
    for (;;) {
      const close = text.indexOf('"', i);
      if (close < 0) return null;
      i = close + 1;
      if (text.charCodeAt(i) === QUOTE) i++;
      else break;
    }
    outside = i;
  }
  count(outside, text.length);
  return records;
}

const LONE_CR = /\r(?!\n)/;

/**
 * countRecords over bytes given in parts, undecoded: quotes, delimiters and line ends are single
 * bytes in UTF-8 and GB18030, never part of a multi-byte character, so the bytes hold the same
 * records as their text. (A file's head is counted so before it is read: the tail's worker numbers
 * its rows from there.)
 */
export class RecordCounter {
  records = 0;
  private readonly delim: number;
  private quoted = false;
  /** The part ended on a quote inside a quoted field: the next byte says whether it closed it. */
  private quoteAtEnd = false;
  /** The part ended on a CR outside quotes: a record's end unless the next byte is its LF. */
  private crAtEnd = false;
  /** The last byte of the parts so far (a quote opens a field only after a delimiter or a line end). */
  private last = LF;

  constructor(delimiter: string) {
    this.delim = delimiter.charCodeAt(0);
  }

  feed(bytes: Uint8Array): void {
    const n = bytes.length;
    if (n === 0) return;
    let i = 0;
    if (this.crAtEnd) {
      this.crAtEnd = false;
      if (bytes[0] !== LF) this.records++;
    }
    if (this.quoteAtEnd) {
      this.quoteAtEnd = false;
      if (bytes[0] === QUOTE) i = 1; // "" inside the field
      else this.quoted = false;
    }
    // The next LF and CR from where the count stands: each found once, however many quotes there are.
    let lf = bytes.indexOf(LF, i);
    let cr = bytes.indexOf(CR, i);
    const countEnds = (from: number, to: number) => {
      if (lf >= 0 && lf < from) lf = bytes.indexOf(LF, from);
      for (; lf >= 0 && lf < to; lf = bytes.indexOf(LF, lf + 1)) this.records++;
      if (cr >= 0 && cr < from) cr = bytes.indexOf(CR, from);
      for (; cr >= 0 && cr < to; cr = bytes.indexOf(CR, cr + 1)) {
        if (cr + 1 === n) this.crAtEnd = true;
        else if (bytes[cr + 1] !== LF) this.records++;
      }
    };
    while (i < n) {
      if (this.quoted) {
        const q = bytes.indexOf(QUOTE, i);
        if (q < 0) break;
        if (q + 1 === n) {
          this.quoteAtEnd = true;
          break;
        }
        if (bytes[q + 1] === QUOTE) i = q + 2;
        else {
          this.quoted = false;
          i = q + 1;
        }
        continue;
      }
      const q = bytes.indexOf(QUOTE, i);
      countEnds(i, q < 0 ? n : q);
      if (q < 0) break;
      const before = q === 0 ? this.last : bytes[q - 1]!;
      if (before === this.delim || before === LF || before === CR) this.quoted = true;
      i = q + 1;
    }
    this.last = bytes[n - 1]!;
  }

  /** The records counted, or null when the bytes end inside a quoted field. */
  end(): number | null {
    if (this.crAtEnd) this.records++;
    this.crAtEnd = false;
    return this.quoted && !this.quoteAtEnd ? null : this.records;
  }
}
