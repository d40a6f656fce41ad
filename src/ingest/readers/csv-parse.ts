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

export function parseCsv(text: string, visit: (cells: string[]) => void, delimiter = guessDelimiter(text)): void {
  const delim = delimiter.charCodeAt(0);
  const n = text.length;
  let i = 0;
  let line = 1;
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
}
