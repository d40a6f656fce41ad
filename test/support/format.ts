/**
 * How the pages write things, restated for the tests from the README's rules (not imported from
 * the product): shares, role names, semester names.
 */

/** met/total as the pages show a share: one decimal, half up on the exact fraction, never rounded onto 100 % or 0 %. */
export function sharePercent(met: number, total: number): string {
  if (total === 0) return '—';
  let tenths = Math.floor((2000 * met + total) / (2 * total));
  if (met < total && tenths === 1000) tenths = 999;
  if (met > 0 && tenths === 0) tenths = 1;
  return `${Math.floor(tenths / 10)}.${tenths % 10}%`;
}

export const ROLE_TEXT = { counselor: '辅导员', class_teacher: '班主任', assistant: '辅导员（班主任）助理', graduate_assistant: '研究生德育工作助理' } as const;

/** 2025-2026-1 → 2025-2026学年第一学期 */
export const semesterText = (id: string) => `${id.slice(0, 9)}学年第${id.endsWith('-1') ? '一' : '二'}学期`;
