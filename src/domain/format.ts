/** How numbers are written on the pages and in the report (zh-CN). */

const integer = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat('zh-CN', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const twoDecimals = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 2 });

/** 15230 → "15,230" */
export function formatInt(n: number): string {
  return integer.format(n);
}

/** Students per counselor, one decimal: 224.33 → "1:224.3"; none (no counselor) → "—". */
export function formatRatio(studentsPerCounselor: number | null): string {
  return studentsPerCounselor == null ? '—' : `1:${oneDecimal.format(studentsPerCounselor)}`;
}

/** Full-time equivalents: 70.333 → "70.33" */
export function formatFte(n: number): string {
  return twoDecimals.format(n);
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
