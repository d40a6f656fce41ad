/**
 * The headline measure of each area — one definition used by the overview cards, the overview's
 * department table and the department pages' ranks, so the three can never disagree.
 */
import { formatInt, formatRatio } from '../domain/format.ts';
import { assessmentCoverageSql, type CoverageRow } from '../metrics/assessment.ts';
import { classCoverageSql, type ClassCoverageRow } from '../metrics/assistants.ts';
import type { Filters } from '../metrics/filters.ts';
import { quotaSql, type QuotaRow } from '../metrics/quota.ts';
import { departmentStaffingSql, institutionStaffingSql, INSTITUTION, type StaffingRow } from '../metrics/staffing.ts';
import { trainingUnitsSql, type TrainingUnitRow } from '../metrics/training.ts';
import { structureSummarySql, type StructureSummaryRow } from '../metrics/structure.ts';
import { allWeeklyNormsSql, type AllNormsRow } from '../metrics/workload.ts';
import { HEADLINES, structureFigures } from '../views/structure.ts';
import { formatPercent } from '../views/table.ts';
import { quotaParams, staffingParams, structureParams, trainingParams, workloadParams, type DashboardContext } from './context.ts';
import type { Rows } from './types.ts';

export interface Reading {
  value: number | null;
  /** 达标 (true), 未达标 (false), or nothing to judge (null). */
  ok: boolean | null;
  text: string;
  /** The counts behind the value, e.g. "1,660/1,783 人周次". */
  detail: string;
}

export interface Measure {
  id: string;
  label: string;
  /** The page with the details. */
  page: string;
  better: 'lower' | 'higher';
  sql(ctx: DashboardContext, semester: string, by: 'department' | 'institution'): string;
  /** The unit's reading from the rows, or null when the unit has no data. */
  read(rows: Rows, unit: string, ctx: DashboardContext): Reading | null;
  /** "↑ 1.2 个百分点": how a change is written. */
  delta(current: number, previous: number): string;
}

const f = (semester: string): Partial<Filters> => ({ semester });
const points = (a: number, b: number) => `${Math.abs((a - b) * 100).toFixed(1)} 个百分点`;
const arrow = (a: number, b: number) => (a > b ? '↑' : a < b ? '↓' : '→');
const shareDelta = (a: number, b: number) => (a === b ? '→ 持平' : `${arrow(a, b)} ${points(a, b)}`);
const shareReading = (met: number, total: number, unit: string, ok: boolean | null): Reading => ({
  value: total > 0 ? met / total : null,
  ok: total > 0 ? ok : null,
  text: total > 0 ? formatPercent(met / total) : '无数据',
  detail: `${formatInt(met)}/${formatInt(total)} ${unit}`,
});
const rowsOf = <T>(rows: Rows, unit: string) => (rows as unknown as Array<T & { department: string }>).filter((r) => r.department === unit);

export const MEASURES: readonly Measure[] = [
  {
    id: 'ratio',
    label: '师生比（仅计专职）',
    page: 'staffing.html',
    better: 'lower',
    sql: (ctx, s, by) => (by === 'department' ? departmentStaffingSql(staffingParams(ctx), s) : institutionStaffingSql(staffingParams(ctx), s)),
    read: (rows, unit, ctx) => {
      const r = rowsOf<StaffingRow>(rows, unit)[0];
      if (!r || r.students === 0) return null;
      const target = ctx.rules.max_students_per_counselor;
      return {
        value: r.ratio_full_time,
        ok: r.compliant_full_time,
        text: formatRatio(r.ratio_full_time, target),
        detail: `在校生 ${formatInt(r.students)} 人，专职 ${formatInt(r.full_time)} 人${r.gap > 0 ? `，缺 ${r.gap} 人` : ''}`,
      };
    },
    delta: (a, b) => (a === b ? '→ 持平' : `${arrow(a, b)} ${Math.abs(a - b).toFixed(1)} 人/名`),
  },
  {
    id: 'workload',
    label: '辅导员周工作要求达成率',
    page: 'workload.html',
    better: 'higher',
    sql: (ctx, s, by) => allWeeklyNormsSql(workloadParams(ctx), { semester: s, role: 'counselor' }, by),
    read: (rows, unit, ctx) => {
      const r = rowsOf<AllNormsRow>(rows, unit)[0];
      return r ? shareReading(r.met, r.periods, '人周次', r.met / r.periods >= ctx.rules.workload_target_share) : null;
    },
    delta: shareDelta,
  },
  {
    id: 'assessment',
    label: '辅导员考核完成率',
    page: 'assessment.html',
    better: 'higher',
    sql: (_ctx, s, by) => assessmentCoverageSql(f(s), by),
    read: (rows, unit) => {
      const r = rowsOf<CoverageRow>(rows, unit)[0];
      // No assessment at all this semester: not sent yet (assessment is at the semester's end), not 0 %.
      return r && r.roster > 0 && r.semester_rows > 0 ? shareReading(r.assessed, r.roster, '人', r.assessed === r.roster) : null;
    },
    delta: shareDelta,
  },
  {
    id: 'quota',
    label: '优秀名额超额',
    page: 'quota.html',
    better: 'lower',
    sql: (ctx, s) => quotaSql(quotaParams(ctx), f(s)),
    read: (rows, unit) => {
      const list = unit === INSTITUTION ? (rows as unknown as QuotaRow[]) : rowsOf<QuotaRow>(rows, unit);
      if (!list.length) return null;
      const over = list.filter((r) => r.over).length;
      const used = list.reduce((n, r) => n + r.used, 0);
      const allowed = list.reduce((n, r) => n + r.allowed, 0);
      return { value: over, ok: over === 0, text: over === 0 ? '无超额' : `${over} 个超额`, detail: `优秀 ${used} 人，名额 ${allowed} 人` };
    },
    delta: (a, b) => (a === b ? '→ 持平' : `${arrow(a, b)} ${Math.abs(a - b)} 个`),
  },
  {
    id: 'training',
    label: '专职辅导员校级培训学时达标率',
    page: 'training.html',
    better: 'higher',
    sql: (ctx, s, by) => trainingUnitsSql(trainingParams(ctx), f(s), by),
    read: (rows, unit) => {
      const r = rowsOf<TrainingUnitRow>(rows, unit)[0];
      return r && r.counselors > 0 ? shareReading(r.meets_hours, r.counselors, '人', r.meets_hours === r.counselors) : null;
    },
    delta: shareDelta,
  },
  {
    id: 'assistants',
    label: '班级助理配备率',
    page: 'assistants.html',
    better: 'higher',
    sql: (_ctx, s, by) => classCoverageSql(f(s), by),
    read: (rows, unit) => {
      const r = rowsOf<ClassCoverageRow>(rows, unit)[0];
      return r && r.classes > 0 ? shareReading(r.covered, r.classes, '个班', r.covered === r.classes && r.shared === 0) : null;
    },
    delta: shareDelta,
  },
  {
    // The share the profile marks as headline (中共党员 by default), judged only against a target the profile sets.
    id: 'structure',
    label: '专职辅导员队伍结构',
    page: 'structure.html',
    better: 'higher',
    sql: (ctx, s, by) => structureSummarySql(structureParams(ctx), { semester: s, employment: 'full_time' }, by),
    read: (rows, unit, ctx) => {
      const r = rowsOf<StructureSummaryRow>(rows, unit)[0];
      if (!r || r.described === 0) return null;
      const headline = HEADLINES[ctx.rules.structure.headline];
      const met = structureFigures(ctx.rules.structure).find((f) => f.id === headline.figure)!.count(r)!;
      const target = headline.target(ctx.rules.structure);
      const reading = shareReading(met, r.people, '人', target == null ? null : met * 1e6 >= Math.round(target * 1e6) * r.people); // exact: 7/10 meets 0.7
      return { ...reading, text: `${headline.label} ${reading.text}` };
    },
    delta: shareDelta,
  },
];

/** The change with its direction in words: an arrow alone would read "↑" as better even where lower is better. */
export function changeText(m: Measure, current: number, previous: number): string {
  if (current === previous) return m.delta(current, previous);
  const improved = m.better === 'lower' ? current < previous : current > previous;
  return `${m.delta(current, previous)}（${improved ? '改善' : '变差'}）`;
}

export function statusWord(r: Reading | null): string {
  // A figure without a target (the team's structure, unless the profile sets one) is shown, not judged.
  return r?.ok == null ? (r?.value != null ? '未设目标' : '无数据') : r.ok ? '达标' : '未达标';
}

/** Rank among departments with a value (1 = best); ties share a rank. */
export function rankOf(m: Measure, rows: Rows, unit: string, departments: readonly string[], ctx: DashboardContext): { rank: number; of: number } | null {
  const values = departments.map((d) => m.read(rows, d, ctx)?.value).filter((v): v is number => v != null);
  const own = m.read(rows, unit, ctx)?.value;
  if (own == null) return null;
  const better = values.filter((v) => (m.better === 'lower' ? v < own : v > own)).length;
  return { rank: better + 1, of: values.length };
}
