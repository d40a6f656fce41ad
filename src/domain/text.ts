/**
 * Cell-text normalisation shared by every reader and validator.
 * Department exports mix full-width and half-width characters, stray spaces
 * (including the ideographic space U+3000) and thousands separators.
 */

const PLAIN_DIGITS = /^\d{1,15}$/;
const PLAIN_DECIMAL = /^\d{1,15}(\.\d+)?$/;
const FULL_WIDTH = /[\uFF01-\uFF5E\u3000]/g;
const NEEDS_CLEANING = /[\uFF01-\uFF5E\u3000]|\s\s|^\s|\s$|[\t\n\r\f\v\u00a0]/;

/** Full-width ASCII variants (U+FF01–U+FF5E) and U+3000 → their half-width forms. */
export function toHalfWidth(text: string): string {
  return text.replace(FULL_WIDTH, (ch) => (ch === '\u3000' ? ' ' : String.fromCharCode(ch.charCodeAt(0) - 0xfee0)));
}

/** Trimmed, half-width, inner runs of white space folded to one space. */
export function cleanCell(value: string | null | undefined): string {
  if (value == null) return '';
  const text = String(value);
  // Most cells are already clean; the check is much cheaper than the replacements.
  if (!NEEDS_CLEANING.test(text)) return text;
  return toHalfWidth(text).replace(/\s+/g, ' ').trim();
}

/** For names, codes and header labels, where no space is meaningful ("王 芳" → "王芳"). */
export function compactCell(value: string | null | undefined): string {
  const text = cleanCell(value);
  return text.includes(' ') ? text.replace(/ /g, '') : text;
}

export function isBlankRow(cells: readonly string[]): boolean {
  return cells.every((c) => cleanCell(c) === '');
}

/**
 * A whole, non-negative count as departments write it: "1,020", "１２０", "120 ", "120人".
 * Returns null when the text is not such a count.
 */
export function parseCount(value: string): number | null {
  if (PLAIN_DIGITS.test(value)) return Number(value); // the common case, without the clean-up
  const text = ungroup(compactCell(value).replace(/人$/, ''));
  if (text === null || !/^\d+(\.0+)?$/.test(text)) return null;
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : null;
}

/** A non-negative decimal: "7.5", "７．５", "1,020.5", "8小时". Null when not such a number. */
export function parseDecimal(value: string): number | null {
  if (PLAIN_DECIMAL.test(value)) return Number(value);
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
