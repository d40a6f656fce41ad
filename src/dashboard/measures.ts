/**
 * The headline measure of each area — one definition used by the overview cards, the overview's
 * department table and the department pages' ranks, so the three can never disagree.
 */
import { formatInt, formatRatio } from '../domain/format.ts';
import { assessmentCoverageSql, type CoverageRow } from '../metrics/assessment.ts';
import { ASSISTANT_ATTRIBUTES, classCoverageSql, type ClassCoverageRow } from '../metrics/assistants.ts';
import type { Filters } from '../metrics/filters.ts';
import { quotaSql, quotaTotalSql, type QuotaRow, type QuotaTotalRow } from '../metrics/quota.ts';
import { departmentStaffingSql, institutionStaffingSql, INSTITUTION, type StaffingRow } from '../metrics/staffing.ts';
import { trainingUnitsSql, type TrainingUnitRow } from '../metrics/training.ts';
import { structureSummarySql, type StructureSummaryRow } from '../metrics/structure.ts';
import { allWeeklyNormsSql, type AllNormsRow } from '../metrics/workload.ts';
import { HEADLINES, structureFigures } from '../views/structure.ts';
import { formatPercent } from '../views/table.ts';
import { POPULATIONS } from '../domain/disclosure.ts';
import { previousSemester, quotaParams, staffingParams, structureParams, trainingParams, workloadParams, type DashboardContext } from './context.ts';
import { acrossRoles, counting, staffingRows } from './groups.ts';
import type { TableKind } from '../domain/tables/index.ts';
import { coverageNotes } from './coverage-notes.ts';
import type { RowPeople, Rows } from './types.ts';

export interface Reading {
  value: number | null;
  /** 达标 (true), 未达标 (false), or nothing to judge (null). */
  ok: boolean | null;
  text: string;
  /** The counts behind the value, e.g. "1,660/1,783 人周次". */
  detail: string;
  /** The institution's reading: the departments it leaves out and why ("甲系：辅导员名册未能导入；…"); absent or null: none. */
  excluded?: string | null;
}

/** The departments a reading leaves out, by name. */
const leftOut = (r: Reading) => (r.excluded ? r.excluded.split('；').map((part) => part.split('：')[0]!) : []);

/**
 * Whether two readings may be compared: only over the same departments. A 全院 figure that leaves out
 * a department one semester and not the other (a roster not read) would show a change that is the
 * exclusion's, not the team's.
 */
export function comparable(now: Reading, before: Reading): boolean {
  const a = leftOut(now).sort();
  const b = leftOut(before).sort();
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

/** Why two readings are not compared, naming what each leaves out: "本学期不含甲系，上学期不含乙系". */
export function notComparableText(now: Reading, before: Reading, when: string): string {
  const side = (r: Reading, label: string) => `${label}${leftOut(r).length ? `不含${leftOut(r).join('、')}` : '各系部均计入'}`;
  return `${side(now, '本学期')}，${side(before, when)}，计入的系部不同，不作比较`;
}

export interface Measure {
  id: string;
  label: string;
  /** A column heading for the overview's grid: a few characters. */
  short: string;
  /** The page with the details. */
  page: string;
  better: 'lower' | 'higher';
  /** The rule it is judged against, by its path in the rules file: its kind and weight (需要关注) are written there. */
  rule: string;
  sql(ctx: DashboardContext, semester: string, by: 'department' | 'institution'): string;
  /** The unit's reading from the rows, or null when the unit has no data. */
  read(rows: Rows, unit: string, ctx: DashboardContext): Reading | null;
  /** The reading in a few characters, where a grid cell has no room for its text (else the text). */
  brief?(r: Reading): string;
  /** The requirement, in words: "标准为1:200". */
  target(ctx: DashboardContext): string;
  /** How far a reading misses the requirement, as a share of it (0 when met): orders the 需要关注 list. */
  shortfall(r: Reading, ctx: DashboardContext): number;
  /** The size of a change in the measure's unit, and the words for its direction ("上升"/"下降" or "增加"/"减少"). */
  amount(current: number, previous: number): string;
  rise: readonly [up: string, down: string];
  /** Whose figure a reading is, for the public build ('as-is': no one's attribute or result). */
  people: RowPeople | 'as-is';
  /** The exports its figure counts whose absence leaves a department no row (its coverage note then stands for the reading). */
  restsOn?: readonly TableKind[];
}

const f = (semester: string): Partial<Filters> => ({ semester });
const points = (a: number, b: number) => (Number.isNaN(a - b) ? '—' : `${Math.abs((a - b) * 100).toFixed(1)}个百分点`);
function shareReading(met: number, total: number, unit: string, ok: boolean | null): Reading {
  // A count the public build withholds (少于3人, 不公布: text) gives no share, no status and no rank.
  if (typeof met !== 'number') return { value: null, ok: null, text: '—', detail: `${String(met)}/${formatInt(total)} ${unit}` };
  return {
    value: total > 0 ? met / total : null,
    ok: total > 0 ? ok : null,
    text: total > 0 ? formatPercent(met / total) : '无数据',
    detail: `${formatInt(met)}/${formatInt(total)} ${unit}`,
  };
}
/** A share against its target (1 when everyone must): the missing part of the target. */
const shareShortfall = (target: number) => (r: Reading) => (r.value == null || r.ok !== false ? 0 : Math.max(0, (target - r.value) / target));
export const rowsOf = <T>(rows: Rows, unit: string) => (rows as unknown as Array<T & { department: string }>).filter((r) => r.department === unit);
const SHARE = { amount: points, rise: ['上升', '下降'] } as const;
/** The quota is set per department and role: a unit over it is not offset by another under it. */
const quotaReading = (over: number, used: number, allowed: number): Reading => ({
  value: over,
  ok: over === 0,
  text: over === 0 ? '无超额' : `${over} 个单位超额`,
  detail: `名额按系部、角色分别核定；优秀${Number.isNaN(used) ? '人数不公布' : ` ${used} 人`}，名额 ${allowed} 人`,
});

/**
 * A reading that says what it rests on (coverage, src/metrics/coverage.ts): a unit whose data was
 * not sent or not read gets its note in place of the figure, and no verdict; the institution's
 * figure that leaves departments out names them.
 */
const covered = (read: Measure['read']): Measure['read'] => (rows, unit, ctx) => {
  const own = rowsOf<{ note?: string | null; excluded?: string | null }>(rows, unit)[0];
  if (own?.note) return { value: null, ok: null, text: own.note, detail: own.note };
  const r = read(rows, unit, ctx);
  return r && own?.excluded ? { ...r, detail: `全院（不含${own.excluded}）：${r.detail}`, excluded: own.excluded } : r;
};

export const MEASURES: readonly Measure[] = [
  {
    id: 'ratio',
    label: '师生比（仅计专职）',
    short: '师生比',
    page: 'staffing.html',
    better: 'lower',
    rule: 'staffing.max_students_per_counselor',
    sql: (ctx, s, by) => (by === 'department' ? departmentStaffingSql(staffingParams(ctx), s) : institutionStaffingSql(staffingParams(ctx), s)),
    read: covered((rows, unit, ctx) => {
      const r = rowsOf<StaffingRow>(rows, unit)[0];
      if (!r || !r.students) return null;
      const target = ctx.rules.max_students_per_counselor;
      return {
        value: r.ratio_full_time,
        ok: r.compliant_full_time,
        text: formatRatio(r.ratio_full_time, target),
        detail: `在校生 ${formatInt(r.students)} 人，专职 ${formatInt(r.full_time ?? 0)} 人${r.gap ? `，缺 ${r.gap} 人` : ''}`,
      };
    }),
    target: (ctx) => `标准为1:${ctx.rules.max_students_per_counselor}`,
    // No full-time counselor at all is the worst case: the whole requirement is missing.
    shortfall: (r, ctx) => (r.ok !== false ? 0 : r.value == null ? 1 : (r.value - ctx.rules.max_students_per_counselor) / ctx.rules.max_students_per_counselor),
    amount: (a, b) => Math.abs(a - b).toFixed(1),
    rise: ['上升', '下降'],
    // The ratio is head counts; the rows also count disallowed hiring, which no reading shows.
    people: staffingRows({ silent: true }),
  },
  {
    id: 'workload',
    label: '辅导员周工作要求达成率',
    short: '周工作要求达成率',
    page: 'workload.html',
    better: 'higher',
    rule: 'workload.target_share',
    sql: (ctx, s, by) => allWeeklyNormsSql(workloadParams(ctx), { semester: s, role: 'counselor' }, by),
    read: covered((rows, unit, ctx) => {
      const r = rowsOf<AllNormsRow>(rows, unit)[0];
      if (!r) return null;
      const reading = shareReading(r.met, r.periods, '人周次', r.met / r.periods >= ctx.rules.workload_target_share);
      // A norm a form had no column for is judged without it, and says so.
      return r.not_reported ? { ...reading, detail: `${reading.detail}；该项未报送、不计入：${r.not_reported}` } : reading;
    }),
    target: (ctx) => `目标为${formatPercent(ctx.rules.workload_target_share)}`,
    shortfall: (r, ctx) => shareShortfall(ctx.rules.workload_target_share)(r),
    ...SHARE,
    people: counting([POPULATIONS.worklog('counselor')]),
  },
  {
    id: 'assessment',
    label: '辅导员考核完成率',
    short: '考核完成率',
    page: 'assessment.html',
    better: 'higher',
    rule: 'assessment.completion',
    sql: (_ctx, s, by) => assessmentCoverageSql(f(s), by),
    read: covered((rows, unit) => {
      const r = rowsOf<CoverageRow>(rows, unit)[0];
      // No assessment at all this semester: not sent yet (assessment is at the semester's end), not 0 %.
      return r && r.roster > 0 && r.semester_rows > 0 ? shareReading(r.assessed, r.roster, '人', r.assessed === r.roster) : null;
    }),
    target: () => '应全部完成',
    shortfall: shareShortfall(1),
    ...SHARE,
    // Whether the department's assessment was sent for everyone on its roster: the department's work, no one's result.
    people: 'as-is',
    restsOn: ['counselors'],
  },
  {
    id: 'quota',
    label: '优秀名额超额',
    short: '优秀名额',
    page: 'quota.html',
    better: 'lower',
    rule: 'assessment.excellence_quota',
    // The institution's figure from the SQL's own total (the units' allowed counts added up), the same sum as the units'.
    sql: (ctx, s, by) => (by === 'department' ? quotaSql(quotaParams(ctx), f(s)) : quotaTotalSql(quotaParams(ctx), f(s))),
    read: (rows, unit) => {
      if (unit === INSTITUTION) {
        const t = (rows as unknown as QuotaTotalRow[])[0];
        if (!t || t.assessed === 0) return null;
        return quotaReading(t.units_over, t.used, t.allowed);
      }
      const list = rowsOf<QuotaRow>(rows, unit);
      if (!list.length) return null;
      const over = list.filter((r) => r.over).length;
      const used = list.reduce((n, r) => n + Number(r.used), 0);
      const allowed = list.reduce((n, r) => n + Number(r.allowed), 0);
      return quotaReading(over, used, allowed);
    },
    brief: (r) => (r.value ? `超额${r.value}个` : '无超额'),
    target: () => '各单位均不得超额',
    shortfall: (r) => (r.value ?? 0) * 0.1,
    amount: (a, b) => `${Math.abs(a - b)}个`,
    rise: ['增加', '减少'],
    // A department's reading adds up its roles: withheld when any of them is.
    people: acrossRoles('assessed'),
  },
  {
    id: 'training',
    label: '专职辅导员校级培训学时达标率',
    short: '培训学时达标率',
    page: 'training.html',
    better: 'higher',
    rule: 'training.school_hours_per_year',
    sql: (ctx, s, by) => trainingUnitsSql(trainingParams(ctx), f(s), by),
    read: covered((rows, unit) => {
      const r = rowsOf<TrainingUnitRow>(rows, unit)[0];
      return r && r.counselors > 0 && r.meets_hours != null ? shareReading(r.meets_hours, r.counselors, '人', r.meets_hours === r.counselors) : null;
    }),
    target: (ctx) => `应全部达到每年${ctx.rules.training.school_hours_per_year}学时`,
    shortfall: shareShortfall(1),
    ...SHARE,
    people: counting([POPULATIONS.fullTime]),
    restsOn: ['counselors'],
  },
  {
    id: 'assistants',
    label: '班级助理配备率',
    short: '助理配备率',
    page: 'assistants.html',
    better: 'higher',
    rule: 'assistants.per_class',
    sql: (_ctx, s, by) => classCoverageSql(f(s), by),
    // 每班可配备1名 is an allowance: classes without one are information; only a class with more than one exceeds it.
    read: covered((rows, unit, ctx) => {
      const r = rowsOf<ClassCoverageRow>(rows, unit)[0];
      if (!r || r.classes === 0) return null;
      const reading = shareReading(r.covered, r.classes, '个班', r.shared > 0 ? false : null);
      return r.shared > 0 ? { ...reading, detail: `${reading.detail}；${r.shared}个班多于${ctx.rules.assistants_per_class}名助理` } : reading;
    }),
    target: (ctx) => `每班可配备${ctx.rules.assistants_per_class}名，不多于${ctx.rules.assistants_per_class}名`,
    shortfall: (r) => (r.ok === false ? 0.01 : 0),
    ...SHARE,
    // Classes covered are no one's attribute; the rows also count the assistants' eligibility, which no reading shows.
    people: counting([POPULATIONS.assistants], { columns: ASSISTANT_ATTRIBUTES, silent: true }),
  },
  {
    // The share the profile marks as headline (中共党员 by default), judged only against a target the profile sets.
    id: 'structure',
    label: '专职辅导员队伍结构',
    short: '队伍结构',
    page: 'structure.html',
    better: 'higher',
    rule: 'structure.headline',
    sql: (ctx, s, by) => structureSummarySql(structureParams(ctx), { semester: s, employment: 'full_time' }, by),
    read: covered((rows, unit, ctx) => {
      const r = rowsOf<StructureSummaryRow>(rows, unit)[0];
      if (!r || r.described === 0) return null;
      const headline = HEADLINES[ctx.rules.structure.headline];
      const met = structureFigures(ctx.rules.structure).find((f) => f.id === headline.figure)!.count(r)!;
      const target = headline.target(ctx.rules.structure);
      const reading = shareReading(met, r.people, '人', target == null ? null : met * 1e6 >= Math.round(target * 1e6) * r.people); // exact: 7/10 meets 0.7
      return { ...reading, text: `${headline.label} ${reading.text}` };
    }),
    // The grid's cell has room for the share only (its column says what it is a share of).
    brief: (r) => r.text.split(' ').at(-1)!,
    target: (ctx) => {
      const headline = HEADLINES[ctx.rules.structure.headline];
      const target = headline.target(ctx.rules.structure);
      return target == null ? '本校未设目标' : `${headline.label}目标为${formatPercent(target)}`;
    },
    shortfall: (r, ctx) => shareShortfall(HEADLINES[ctx.rules.structure.headline].target(ctx.rules.structure) ?? 0)(r),
    ...SHARE,
    people: counting([POPULATIONS.fullTime]),
    restsOn: ['counselors'],
  },
];

export const measureById = (id: string) => MEASURES.find((m) => m.id === id)!;

/**
 * A department's reading, or — where it has none because an export the figure counts was not read or
 * not sent — its coverage note in its place ("辅导员名册未能导入，待重新报送"), never 无数据 or —.
 */
export function departmentReading(m: Measure, rows: Rows, department: string, semester: string, ctx: DashboardContext): Reading | null {
  const r = m.read(rows, department, ctx);
  if (r || !m.restsOn) return r;
  const note = coverageNotes(ctx, { semester, department }, m.restsOn)[0]?.note;
  return note ? { value: null, ok: null, text: note, detail: note } : null;
}

/**
 * The measures' queries as the public build stores them, named by measure id and suffix: '' and
 * '_all' (the view's semester), '_prev' (the previous semester's).
 */
export function measureRows(suffixes: readonly string[]): Record<string, RowPeople | 'as-is'> {
  const previous = (p: RowPeople | 'as-is'): RowPeople | 'as-is' =>
    p === 'as-is' ? p : { ...p, semester: p.semester ?? ((s, ctx) => previousSemester(ctx, s.semester)) };
  return Object.fromEntries(MEASURES.flatMap((m) => suffixes.map((suffix) => [`${m.id}${suffix}`, suffix === '_prev' ? previous(m.people) : m.people])));
}

/**
 * A change between two readings, in two separate words: what the number did (上升/下降, 增加/减少,
 * 持平) and whether that is better or worse (改善/变差) — for 师生比 a rise is a change for the worse.
 */
export function change(m: Measure, current: number, previous: number): { direction: string; judgement: '改善' | '变差' | null } {
  if (current === previous) return { direction: '持平', judgement: null };
  const up = current > previous;
  const improved = m.better === 'lower' ? !up : up;
  return { direction: `${up ? m.rise[0] : m.rise[1]}${m.amount(current, previous)}`, judgement: improved ? '改善' : '变差' };
}

/** "上升5.9，变差" or "持平": a change as a table cell says it. */
export function changeText(m: Measure, current: number, previous: number): string {
  const c = change(m, current, previous);
  return c.judgement ? `${c.direction}，${c.judgement}` : c.direction;
}

/** A table cell's change between two readings: "—" without both, "计入的系部不同，不作比较" over different departments. */
export function readingChangeText(m: Measure, now: Reading | null | undefined, before: Reading | null | undefined): string {
  if (now?.value == null || before?.value == null) return '—';
  return comparable(now, before) ? changeText(m, now.value, before.value) : '计入的系部不同，不作比较';
}

/** "较上学期（1:186.6）上升5.9，变差" / "与上学期持平（1:186.6）": a change against a named earlier reading. */
export function comparedText(m: Measure, now: Reading, before: Reading, when: string): string {
  if (!comparable(now, before)) return notComparableText(now, before, when);
  const c = change(m, now.value!, before.value!);
  return c.judgement ? `较${when}（${before.text}）${c.direction}，${c.judgement}` : `与${when}持平（${before.text}）`;
}

export function statusWord(r: Reading | null): string {
  // A figure without a target (the team's structure, unless the profile sets one) is shown, not judged.
  return r?.ok == null ? (r?.value != null ? '未设目标' : '无数据') : r.ok ? '达标' : '未达标';
}

/**
 * Each department's value of a measure, by department, read once for the same rows and rules: every
 * department's page ranks itself among all of them (twice: drawn and embedded), and reading each
 * department's value formats its text too — at 120 departments, 120 × 120 readings a measure.
 */
interface DepartmentValues {
  /** The departments' values, in their order, those without one left out. */
  values: number[];
  of: ReadonlyMap<string, number | null>;
}
const valuesSeen = new WeakMap<DashboardContext['rules'], Map<string, DepartmentValues>>();

function departmentValues(m: Measure, rows: Rows, departments: readonly string[], ctx: DashboardContext): DepartmentValues {
  const seen = valuesSeen.get(ctx.rules) ?? valuesSeen.set(ctx.rules, new Map()).get(ctx.rules)!;
  const key = JSON.stringify([m.id, departments, rows], (_, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v));
  const known = seen.get(key);
  if (known) return known;
  // A department's reading reads its own rows only: each is handed its rows, grouped once, rather
  // than searching every row for every department (at 120 departments, 14,400 rows a measure a page).
  const byDepartment = new Map<unknown, Rows>();
  for (const row of rows) {
    const department = (row as { department?: unknown }).department;
    (byDepartment.get(department) ?? byDepartment.set(department, []).get(department)!).push(row);
  }
  const each = departments.map((d) => m.read(byDepartment.get(d) ?? [], d, ctx)?.value ?? null);
  const values = { values: each.filter((v): v is number => v != null), of: new Map(departments.map((d, i) => [d, each[i]!])) };
  seen.set(key, values);
  return values;
}

/** Rank among departments with a value (1 = best); ties share a rank. */
export function rankOf(m: Measure, rows: Rows, unit: string, departments: readonly string[], ctx: DashboardContext): { rank: number; of: number; tied: number } | null {
  const { values, of } = departmentValues(m, rows, departments, ctx);
  const own = of.has(unit) ? of.get(unit) : m.read(rows.filter((r) => (r as { department?: unknown }).department === unit), unit, ctx)?.value;
  if (own == null) return null;
  const better = values.filter((v) => (m.better === 'lower' ? v < own : v > own)).length;
  return { rank: better + 1, of: values.length, tied: values.filter((v) => v === own).length };
}

/** "第 3 名（共 12 个系部）", or "并列第 1 名（12 个系部并列，共 12 个系部）" for a value others share. */
export const rankText = (r: { rank: number; of: number; tied: number }) =>
  r.tied > 1 ? `并列第 ${r.rank} 名（${r.tied} 个系部并列，共 ${r.of} 个系部）` : `第 ${r.rank} 名（共 ${r.of} 个系部）`;

/** A measure's rule kind and weight, as the rules file gives them (a requirement, after the others, where it gives none). */
export const ruleKindOf = (m: Measure, ctx: DashboardContext) => ctx.rules.kinds[m.rule] ?? { kind: 'requirement' as const, weight: 9 };

/**
 * What needs attention: each department's readings that miss a requirement or exceed a cap or an
 * allowance — never information — in the rules' order of weight, then the furthest first.
 */
export function needingAttention(
  readings: ReadonlyMap<string, ReadonlyMap<string, Reading | null>>,
  ctx: DashboardContext,
): Array<{ department: string; m: Measure; r: Reading; weight: number; shortfall: number }> {
  const collator = new Intl.Collator('zh-CN');
  return [...readings]
    .flatMap(([department, byMeasure]) =>
      MEASURES.flatMap((m) => {
        const r = byMeasure.get(m.id);
        const { kind, weight } = ruleKindOf(m, ctx);
        return r?.ok === false && kind !== 'information' ? [{ department, m, r, weight, shortfall: m.shortfall(r, ctx) }] : [];
      }),
    )
    .sort((a, b) => a.weight - b.weight || b.shortfall - a.shortfall || MEASURES.indexOf(a.m) - MEASURES.indexOf(b.m) || collator.compare(a.department, b.department));
}
