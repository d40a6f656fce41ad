/** How numbers are written on the pages and in the report (zh-CN). */

const integer = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat('zh-CN', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const twoDecimals = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 2 });

/** 15230 → "15,230" */
export function formatInt(n: number | string): string {
  // Text: a count the public build withholds (少于3人), as it is; not a number: arithmetic on one, nothing shown.
  if (typeof n === 'string') return n;
  if (Number.isNaN(n)) return '—';
  return integer.format(n);
}

/**
 * Students per counselor, one decimal: 224.33 → "1:224.3"; none (no counselor) → "—".
 * Given the target, rounding never makes an exceeded target look met: 200.012 → "1:200.01".
 */
export function formatRatio(studentsPerCounselor: number | null, target?: number): string {
  if (studentsPerCounselor == null) return '—';
  const v = studentsPerCounselor;
  let digits = 1;
  while (target !== undefined && v > target && Number(v.toFixed(digits)) <= target && digits < 6) digits++;
  const format = digits === 1 ? oneDecimal : new Intl.NumberFormat('zh-CN', { minimumFractionDigits: digits, maximumFractionDigits: digits });
  return `1:${format.format(v)}`;
}

/**
 * Students per counselor as prose writes it, a whole number: 192.5 → "1:193". A ratio over the
 * target never rounds down onto it (200.3 → "1:201"), so the sentence cannot say 1:200 and 未达到.
 */
export function formatRatioWhole(studentsPerCounselor: number | null, target?: number): string {
  if (studentsPerCounselor == null) return '—';
  // Rounded from the tables' one decimal (192.47 → 192.5 → 193), so the prose and the table agree.
  let whole = Math.round(Number(studentsPerCounselor.toFixed(1)));
  if (target !== undefined && studentsPerCounselor > target && whole <= target) whole = target + 1;
  return `1:${integer.format(whole)}`;
}

/** People counted in full-time equivalents, as prose writes them: whole, else "约78" (the exact figure is in the table). */
export function formatFteWhole(n: number): string {
  return Math.abs(n - Math.round(n)) < 1e-9 ? integer.format(n) : `约${integer.format(Math.round(n))}`;
}

/** 1/3 → "1/3", 5/10 → "1/2" */
export function formatFraction(f: { numerator: number; denominator: number }): string {
  const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
  const d = gcd(f.numerator, f.denominator);
  return f.denominator === d ? String(f.numerator / d) : `${f.numerator / d}/${f.denominator / d}`;
}

/** Full-time equivalents: 70.333 → "70.33" */
export function formatFte(n: number): string {
  return twoDecimals.format(n);
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
