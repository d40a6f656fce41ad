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
  const delim = delimiter.charCodeAt(0);
  const n = text.length;
  let i = 0;
  let line = firstLine;
  let row: string[] = [];
  while (i < n) {
    let c = text.charCodeAt(i);
    if (c === QUOTE) {
      // Quoted field: up to the closing quote, "" standing for one quote.
      const startLine = line;
      let value = '';
      let from = ++i;
      for (;;) {
        const q = text.indexOf('"', i);
        if (q < 0) throw new UnbalancedQuotes(startLine);
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
    // End of record: CRLF, LF or a lone CR.
    i += c === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
    line++;
    visit(row);
    row = [];
  }
  if (row.length > 0) visit(row);
  return line;
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
