/**
 * The staffing page's figures and table as HTML strings. The same functions render the first
 * view at build time and every update in the browser, so both always show the same thing.
 */
import { escapeHtml, formatFte, formatInt, formatRatio } from '../domain/format.ts';
import type { StaffingRow } from '../metrics/staffing.ts';

/** Which denominator a view uses: full-time counselors only, or part-time counted at their weight. */
export type RatioMode = 'full_time' | 'weighted';
export type SortKey = 'ratio' | 'gap' | 'students' | 'department';

export const MODE_LABELS: Record<RatioMode, string> = {
  full_time: '仅计专职辅导员',
  weighted: '兼职按折算计入',
};

export const SORT_LABELS: Record<SortKey, string> = {
  ratio: '按师生比（从高到低）',
  gap: '按缺口人数（从多到少）',
  students: '按在校生人数（从多到少）',
  department: '按系部名称',
};

export function ratioOf(row: StaffingRow, mode: RatioMode): number | null {
  return mode === 'full_time' ? row.ratio_full_time : row.ratio_weighted;
}

export function compliantOf(row: StaffingRow, mode: RatioMode): boolean {
  return mode === 'full_time' ? row.compliant_full_time : row.compliant_weighted;
}

const collator = new Intl.Collator('zh-CN');

/** No ratio (students but no counselor) sorts as the worst. */
const SORTS: Record<SortKey, (mode: RatioMode) => (a: StaffingRow, b: StaffingRow) => number> = {
  ratio: (mode) => (a, b) => (ratioOf(b, mode) ?? Infinity) - (ratioOf(a, mode) ?? Infinity) || collator.compare(a.department, b.department),
  gap: () => (a, b) => b.gap - a.gap || collator.compare(a.department, b.department),
  students: () => (a, b) => b.students - a.students || collator.compare(a.department, b.department),
  department: () => (a, b) => collator.compare(a.department, b.department),
};

export function sortRows(rows: readonly StaffingRow[], sort: SortKey, mode: RatioMode): StaffingRow[] {
  return [...rows].sort(SORTS[sort](mode));
}

export function statusText(row: StaffingRow, mode: RatioMode): string {
  if (row.students === 0) return '无在校生';
  if (ratioOf(row, mode) == null) return '未达标（无专职辅导员）';
  return compliantOf(row, mode) ? '达标' : '未达标';
}

/** Departments with students whose full-time ratio misses the target. */
export function departmentsBelowTarget(rows: readonly StaffingRow[]): StaffingRow[] {
  return rows.filter((r) => r.students > 0 && !r.compliant_full_time);
}

/** The institution's figures for one semester, as cards. */
export function summaryHtml(inst: StaffingRow, departments: readonly StaffingRow[], target: number, weightLabel: string): string {
  const ok = inst.compliant_full_time;
  const below = departmentsBelowTarget(departments).length;
  const cards: Array<[string, string, string, string?]> = [
    ['students', '在校生', `${formatInt(inst.students)} 人`],
    ['full_time', '专职辅导员', `${formatInt(inst.full_time)} 人`],
    ['part_time', '兼职辅导员', `${formatInt(inst.part_time)} 人`],
    ['fte', `折算人数（兼职按 ${weightLabel}）`, `${formatFte(inst.fte)} 人`],
    ['ratio_full_time', '师生比（仅计专职）', formatRatio(inst.ratio_full_time, target), ok ? 'ok' : 'bad'],
    ['ratio_weighted', '师生比（兼职折算）', formatRatio(inst.ratio_weighted, target)],
    ['status', `对照 1:${target} 要求`, ok ? '达标' : '未达标', ok ? 'ok' : 'bad'],
    ['gap', '全院专职辅导员缺口', `${formatInt(inst.gap)} 人`, inst.gap > 0 ? 'bad' : 'ok'],
    ['departments_below', `未达标系部（共 ${departments.filter((r) => r.students > 0).length} 个）`, `${formatInt(below)} 个`, below > 0 ? 'bad' : 'ok'],
  ];
  return cards
    .map(
      ([key, label, value, tone]) =>
        `<div class="card${tone ? ` card--${tone}` : ''}" data-figure="${key}"><dt>${escapeHtml(label)}</dt><dd>${escapeHtml(value)}</dd></div>`,
    )
    .join('');
}

/** One row per department: the gap table. */
export function departmentTableHtml(rows: readonly StaffingRow[], mode: RatioMode, target: number): string {
  const body = rows
    .map((r) => {
      const ok = r.students === 0 || compliantOf(r, mode);
      return `<tr data-department="${escapeHtml(r.department)}" class="${ok ? '' : 'row--bad'}">
<th scope="row">${escapeHtml(r.department)}</th>
<td data-col="students">${formatInt(r.students)}</td>
<td data-col="full_time">${formatInt(r.full_time)}</td>
<td data-col="part_time">${formatInt(r.part_time)}</td>
<td data-col="fte">${formatFte(r.fte)}</td>
<td data-col="ratio_full_time">${formatRatio(r.ratio_full_time, target)}</td>
<td data-col="ratio_weighted">${formatRatio(r.ratio_weighted, target)}</td>
<td data-col="status">${escapeHtml(statusText(r, mode))}</td>
<td data-col="gap">${formatInt(r.gap)}</td>
<td data-col="flagged_hiring">${r.flagged_hiring > 0 ? formatInt(r.flagged_hiring) : ''}</td>
</tr>`;
    })
    .join('\n');
  return body;
}
