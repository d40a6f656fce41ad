/**
 * The staffing page's figures and table as HTML strings. The same functions render the first
 * view at build time and every update in the browser, so both always show the same thing.
 */
import { formatFte, formatInt, formatRatio } from '../domain/format.ts';
import { cardItemsHtml, type Card } from './cards.ts';
import { belowStaffingTarget, staffingRead, type StaffingRow } from '../metrics/staffing.ts';

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

/** Null: no verdict (the data it rests on was not sent or not read). */
export function compliantOf(row: StaffingRow, mode: RatioMode): boolean | null {
  return mode === 'full_time' ? row.compliant_full_time : row.compliant_weighted;
}

const collator = new Intl.Collator('zh-CN');
const sortable = (r: StaffingRow, mode: RatioMode) => (r.note ? -Infinity : (ratioOf(r, mode) ?? Infinity));

/** No ratio (students but no counselor) sorts as the worst; no figure (data missing) last. */
const SORTS: Record<SortKey, (mode: RatioMode) => (a: StaffingRow, b: StaffingRow) => number> = {
  ratio: (mode) => (a, b) => sortable(b, mode) - sortable(a, mode) || collator.compare(a.department, b.department),
  gap: () => (a, b) => (b.gap ?? -1) - (a.gap ?? -1) || collator.compare(a.department, b.department),
  students: () => (a, b) => (b.students ?? -1) - (a.students ?? -1) || collator.compare(a.department, b.department),
  department: () => (a, b) => collator.compare(a.department, b.department),
};

export function sortRows(rows: readonly StaffingRow[], sort: SortKey, mode: RatioMode): StaffingRow[] {
  return [...rows].sort(SORTS[sort](mode));
}

export function statusText(row: StaffingRow, mode: RatioMode): string {
  if (row.note) return row.note;
  if (row.students === 0) return '无在校生';
  if (ratioOf(row, mode) == null) return '未达标（无专职辅导员）';
  return compliantOf(row, mode) ? '达标' : '未达标';
}

/** Departments with students whose full-time ratio misses the target. */
export function departmentsBelowTarget(rows: readonly StaffingRow[]): StaffingRow[] {
  return rows.filter(belowStaffingTarget);
}

/** Departments whose figures could not be computed (roster or enrollment not sent or not read). */
export const departmentsWithoutData = (rows: readonly StaffingRow[]) => rows.filter((r) => r.note != null);

/** A count, or the words for one not known. */
const count = (n: number | null, unit: string) => (n == null ? '未能统计' : `${formatInt(n)} ${unit}`);

/**
 * A unit's figures for one semester, as cards: the institution's (with how many departments miss
 * the target, given `departments`) or one department's (labelled as its own, never 全院).
 */
export function summaryHtml(unit: StaffingRow, departments: readonly StaffingRow[] | null, target: number, weightLabel: string, scope: string): string {
  const ok = unit.compliant_full_time;
  const tone = (good: boolean | null): Card['tone'] => (good == null ? undefined : good ? 'ok' : 'bad');
  // A department whose roster or enrollment is missing: the note in place of every figure.
  if (unit.note) return cardItemsHtml([{ key: 'status', label: `${scope}师生比`, value: unit.note }]);
  const label = (name: string) => (unit.excluded ? `${name}（不含${unit.excluded}）` : name);
  const cards: Card[] = [
    { key: 'students', label: label('在校生'), value: count(unit.students, '人') },
    { key: 'full_time', label: '专职辅导员', value: count(unit.full_time, '人') },
    { key: 'part_time', label: '兼职辅导员', value: count(unit.part_time, '人') },
    { key: 'fte', label: `折算人数（兼职按 ${weightLabel}）`, value: unit.fte == null ? '未能统计' : `${formatFte(unit.fte)} 人` },
    { key: 'ratio_full_time', label: label('师生比（仅计专职）'), value: formatRatio(unit.ratio_full_time, target), tone: tone(ok) },
    { key: 'ratio_weighted', label: '师生比（兼职折算）', value: formatRatio(unit.ratio_weighted, target) },
    { key: 'status', label: `对照 1:${target} 要求`, value: ok == null ? '无法判断' : ok ? '达标' : '未达标', tone: tone(ok) },
    { key: 'gap', label: departments ? `${scope}专职辅导员缺口（按全院合计计算）` : `${scope}专职辅导员缺口`, value: count(unit.gap, '人'), tone: tone(unit.gap === 0) },
  ];
  if (departments) {
    const below = departmentsBelowTarget(departments).length;
    const missing = departmentsWithoutData(departments);
    cards.push({ key: 'needed', label: '各系部合计需增配专职辅导员（各系部缺口之和）', value: count(unit.needed, '人'), tone: tone(unit.needed === 0) });
    cards.push({ key: 'departments_below', label: `未达标系部（共 ${departments.filter(staffingRead).length} 个系部有数据）`, value: `${formatInt(below)} 个`, tone: tone(below === 0) });
    if (missing.length) cards.push({ key: 'departments_missing', label: '未计入的系部', value: `${missing.length} 个`, note: missing.map((r) => `${r.department}：${r.note}`).join('；') });
  }
  return cardItemsHtml(cards);
}
