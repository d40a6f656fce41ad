/**
 * Cell-text normalisation shared by every reader and validator.
 * Department exports mix full-width and half-width characters, stray spaces
 * (including the ideographic space U+3000) and thousands separators — and, pasted from web
 * systems, invisible characters (invisible.ts), which are dropped.
 */
import { isInvisible, stripInvisible } from './invisible.ts';

const FULL_WIDTH = /[\uFF01-\uFF5E\u3000]/g;

/** Full-width ASCII variants (U+FF01–U+FF5E) and U+3000 → their half-width forms. */
export function toHalfWidth(text: string): string {
  return text.replace(FULL_WIDTH, (ch) => (ch === '\u3000' ? ' ' : String.fromCharCode(ch.charCodeAt(0) - 0xfee0)));
}

/** What JavaScript's \s matches, by code unit, but U+FEFF (invisible: dropped, not a space). */
function isSpace(c: number): boolean {
  return (
    c === 0x20 || (c >= 0x09 && c <= 0x0d) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000
  );
}

/**
 * Whether cleanCell would change the text: a full-width character or U+3000, a tab, line break,
 * form feed, vertical tab or no-break space, white space at either end, two white-space
 * characters in a row, or an invisible character. Written out: it runs for nearly every cell,
 * and most cells are clean — plain ASCII and Chinese text take the first two branches.
 */
function needsCleaning(text: string): boolean {
  const n = text.length;
  let space = false;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if ((c > 0x20 && c < 0x7f) || (c > 0x3000 && c < 0xfe00)) space = false;
    else if (c >= 0xff01 && c <= 0xff5e) return true;
    else if (isSpace(c)) {
      if (c < 0x20 || c === 0xa0 || c === 0x3000 || space || i === 0 || i === n - 1) return true;
      space = true;
    } else if (isInvisible(c)) return true;
    else space = false;
  }
  return false;
}

/** Trimmed, half-width, invisible characters dropped, inner runs of white space folded to one space. */
export function cleanCell(value: string | null | undefined): string {
  if (value == null) return '';
  const text = String(value);
  // Most cells are already clean; the check is much cheaper than the replacements.
  if (!needsCleaning(text)) return text;
  return toHalfWidth(stripInvisible(text)).replace(/\s+/g, ' ').trim();
}

/** Whether cleanCell(value) is '' (nothing but white space and invisible characters), without cleaning it. */
export function isBlankCell(value: string | null | undefined): boolean {
  if (value == null) return true;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (!isSpace(c) && !isInvisible(c)) return false;
  }
  return true;
}

/**
 * Whether compactCell would return the text as it is: no white space at all, no full-width
 * character, nothing invisible. One pass (cleanCell's check and a search for a space were two):
 * it runs for the first cells of every row (classifyRow) and for names and codes.
 */
function isCompact(text: string): boolean {
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if ((c > 0x20 && c < 0x7f) || (c > 0x3000 && c < 0xfe00)) continue;
    if ((c >= 0xff01 && c <= 0xff5e) || isSpace(c) || isInvisible(c)) return false;
  }
  return true;
}

/** For names, codes and header labels, where no space is meaningful ("王 芳" → "王芳"). */
export function compactCell(value: string | null | undefined): string {
  if (value == null) return '';
  const raw = String(value);
  if (isCompact(raw)) return raw;
  const text = cleanCell(raw);
  return text.includes(' ') ? text.replace(/ /g, '') : text;
}

export function isBlankRow(cells: readonly string[]): boolean {
  return cells.every(isBlankCell);
}

/**
 * A whole, non-negative count as departments write it: "1,020", "１２０", "120 ", "120人".
 * Returns null when the text is not such a count.
 */
export function parseCount(value: string): number | null {
  const plain = plainDigits(value);
  if (plain >= 0) return plain; // the common case, without the clean-up
  const text = ungroup(compactCell(value).replace(/人$/, ''));
  if (text === null || !/^\d+(\.0+)?$/.test(text)) return null;
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : null;
}

/** 1–15 ASCII digits and nothing else (what /^\d{1,15}$/ matches) → their number; otherwise -1. */
export function plainDigits(value: string): number {
  const n = value.length;
  if (n === 0 || n > 15) return -1;
  let result = 0;
  for (let i = 0; i < n; i++) {
    const d = value.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    result = result * 10 + d;
  }
  return result;
}

/** What /^\d{1,15}(\.\d+)?$/ matches: "7", "7.5". */
function isPlainDecimal(value: string): boolean {
  const n = value.length;
  let i = 0;
  while (i < n && i < 16) {
    const c = value.charCodeAt(i);
    if (c < 48 || c > 57) break;
    i++;
  }
  if (i === 0 || i > 15) return false;
  if (i === n) return true;
  if (value.charCodeAt(i) !== 46 || i + 1 === n) return false;
  for (let k = i + 1; k < n; k++) {
    const c = value.charCodeAt(k);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** A non-negative decimal: "7.5", "７．５", "1,020.5", "8小时". Null when not such a number. */
export function parseDecimal(value: string): number | null {
  if (isPlainDecimal(value)) return Number(value);
  const text = ungroup(compactCell(value).replace(/(小时|学时|分|h)$/i, ''));
  if (text === null || !/^\d+(\.\d+)?$/.test(text)) return null;
  return Number(text);
}

/**
 * "1,020" → "1020"; separators only in groups of three ("1,02" or "88,0" is a typing slip, not a
 * number: null). Text without separators is returned as it is.
 */
function ungroup(text: string): string | null {
  if (!text.includes(',')) return text;
  return /^\d{1,3}(,\d{3})+(\.\d+)?$/.test(text) ? text.replace(/,/g, '') : null;
}

/** Columns the text takes in a spreadsheet or a terminal: East Asian wide characters count twice. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    width +=
      (cp >= 0x1100 && cp <= 0x115f) ||
      (cp >= 0x2e80 && cp <= 0xa4cf) ||
      (cp >= 0xac00 && cp <= 0xd7a3) ||
      (cp >= 0xf900 && cp <= 0xfaff) ||
      (cp >= 0xfe30 && cp <= 0xfe4f) ||
      (cp >= 0xff00 && cp <= 0xff60) ||
      (cp >= 0xffe0 && cp <= 0xffe6) ||
      (cp >= 0x20000 && cp <= 0x3fffd)
        ? 2
        : 1;
  }
  return width;
}
