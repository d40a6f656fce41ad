/**
 * Workload compliance: how many person-weeks (and person-months, for monthly norms) meet the
 * norms of the active rule profile. One row of `worklogs` is one person-week. A blank count is 0:
 * what was not recorded was not done. See README "How the numbers are defined".
 */
import type { WorkloadNorm } from '../domain/rules.ts';
import { filterSql, type Filters } from './filters.ts';
import { sqlNumber, sqlString } from './sql.ts';
import { INSTITUTION } from './staffing.ts';

export interface WorkloadParams {
  norms: readonly WorkloadNorm[];
  /** Monday of week 1 per semester (from the teaching calendar). */
  semesterMondays: Readonly<Record<string, string>>;
  semesterWeeks: number;
}

const value = (n: WorkloadNorm) => `COALESCE(${n.field}, 0)`;

function meetsSql(n: WorkloadNorm, v = value(n)): string {
  const parts = [];
  if (n.min !== undefined) parts.push(`${v} >= ${sqlNumber(n.min)}`);
  if (n.max !== undefined) parts.push(`${v} <= ${sqlNumber(n.max)}`);
  return `(${parts.join(' AND ')})`;
}

const shortOfSql = (n: WorkloadNorm) => (n.min === undefined ? '0' : `GREATEST(0, ${sqlNumber(n.min)} - ${value(n)})`);

export const weeklyNorms = (norms: readonly WorkloadNorm[]) => norms.map((n, i) => ({ n, i })).filter(({ n }) => n.per !== 'month');

/** CASE over roles, with one expression per role built from its weekly norms. */
function perRole(norms: readonly WorkloadNorm[], combine: (ns: WorkloadNorm[]) => string): string {
  const roles = [...new Set(weeklyNorms(norms).map(({ n }) => n.role))];
  if (!roles.length) return 'NULL';
  return `CASE role ${roles.map((r) => `WHEN ${sqlString(r)} THEN ${combine(norms.filter((n) => n.role === r && n.per !== 'month'))}`).join(' ')} END`;
}

/** The filtered work-log rows with, per row: week of the semester, each weekly norm met, all met, shortfall. */
function evaluatedSql(p: WorkloadParams, f: Partial<Filters>): string {
  const mondays = Object.entries(p.semesterMondays);
  const calendar = mondays.length
    ? `SELECT * FROM (VALUES ${mondays.map(([s, d]) => `(${sqlString(s)}, DATE ${sqlString(d)})`).join(', ')}) t(semester, monday)`
    : `SELECT NULL::VARCHAR AS semester, NULL::DATE AS monday WHERE FALSE`;
  const flags = weeklyNorms(p.norms).map(({ n, i }) => `CASE WHEN role = ${sqlString(n.role)} THEN ${meetsSql(n)} END AS w${i}`);
  return `cal AS (${calendar}),
ev AS (
  SELECT semester, department, role, name, staff_id, department || '|' || COALESCE(staff_id, name) AS person, week_start,
    (1 + date_diff('day', cal.monday, week_start) // 7)::INTEGER AS week_no,
    ${flags.map((s) => `${s},`).join('\n    ')}
    ${perRole(p.norms, (ns) => ns.map((n) => meetsSql(n)).join(' AND '))} AS all_met,
    ${perRole(p.norms, (ns) => ns.map(shortOfSql).join(' + '))} AS shortfall,
    ${[...new Set(p.norms.map((n) => n.field))].join(', ')}
  FROM worklogs LEFT JOIN cal USING (semester)
  WHERE ${filterSql(f)}
)`;
}

export interface NormShareRow {
  department: string;
  norm: number;
  role: string;
  met: number;
  periods: number;
}

/** Per norm of the profile (index into `norms`) and unit: periods meeting it, and periods. */
export function normSharesSql(p: WorkloadParams, f: Partial<Filters>, by: 'department' | 'institution'): string {
  const unit = by === 'department' ? 'department' : sqlString(INSTITUTION);
  const parts = p.norms.map((n, i) =>
    n.per === 'month'
      ? `SELECT ${unit} AS department, ${i} AS norm, ${sqlString(n.role)} AS role,
    COUNT(*) FILTER (WHERE ${meetsSql(n, 'total')})::INTEGER AS met, COUNT(*)::INTEGER AS periods
  FROM (SELECT department, person, strftime(week_start, '%Y-%m') AS month, SUM(${value(n)}) AS total
        FROM ev WHERE role = ${sqlString(n.role)} GROUP BY ALL) GROUP BY ALL`
      : `SELECT ${unit} AS department, ${i} AS norm, ${sqlString(n.role)} AS role,
    COUNT(*) FILTER (WHERE w${i})::INTEGER AS met, COUNT(w${i})::INTEGER AS periods
  FROM ev WHERE role = ${sqlString(n.role)} GROUP BY ALL`,
  );
  if (!parts.length) return `SELECT NULL AS department WHERE FALSE`;
  return `WITH ${evaluatedSql(p, f)}
SELECT * FROM (${parts.join('\nUNION ALL\n')}) WHERE periods > 0 ORDER BY norm, department`;
}

export interface AllNormsRow {
  department: string;
  role: string;
  met: number;
  periods: number;
}

/** Per unit and role: person-weeks meeting every weekly norm of their role. */
export function allWeeklyNormsSql(p: WorkloadParams, f: Partial<Filters>, by: 'department' | 'institution'): string {
  const unit = by === 'department' ? 'department' : sqlString(INSTITUTION);
  return `WITH ${evaluatedSql(p, f)}
SELECT ${unit} AS department, role, COUNT(*) FILTER (WHERE all_met)::INTEGER AS met, COUNT(all_met)::INTEGER AS periods
FROM ev WHERE all_met IS NOT NULL GROUP BY ALL ORDER BY role, department`;
}

export interface HeatCell {
  department: string;
  week_no: number;
  met: number;
  periods: number;
}

/** Department × teaching week (1…semester_weeks): person-weeks meeting all weekly norms. */
export function heatmapSql(p: WorkloadParams, f: Partial<Filters>): string {
  return `WITH ${evaluatedSql(p, f)}
SELECT department, week_no, COUNT(*) FILTER (WHERE all_met)::INTEGER AS met, COUNT(all_met)::INTEGER AS periods
FROM ev WHERE all_met IS NOT NULL AND week_no BETWEEN 1 AND ${sqlNumber(p.semesterWeeks)}
GROUP BY ALL ORDER BY department, week_no`;
}

export interface ShortfallRow {
  department: string;
  role: string;
  name: string;
  staff_id: string | null;
  weeks: number;
  weeks_missed: number;
  shortfall: number;
}

/** People with the most weeks missing a weekly norm (then the largest total shortfall). */
export function shortfallsSql(p: WorkloadParams, f: Partial<Filters>, limit = 15): string {
  return `WITH ${evaluatedSql(p, f)}
SELECT department, role, ANY_VALUE(name) AS name, ANY_VALUE(staff_id) AS staff_id, COUNT(*)::INTEGER AS weeks,
  COUNT(*) FILTER (WHERE NOT all_met)::INTEGER AS weeks_missed, SUM(shortfall)::DOUBLE AS shortfall
FROM ev WHERE all_met IS NOT NULL GROUP BY department, role, person
HAVING COUNT(*) FILTER (WHERE NOT all_met) > 0
ORDER BY weeks_missed DESC, shortfall DESC, department, name LIMIT ${sqlNumber(limit)}`;
}

export interface PersonNormRow {
  department: string;
  name: string;
  staff_id: string | null;
  weeks: number;
  met: number;
  mean: number | null;
}

/** One weekly norm per person (e.g. graduate assistants' hours): weeks, weeks met, mean value. */
export function personNormSql(p: WorkloadParams, f: Partial<Filters>, norm: number): string {
  const n = p.norms[norm]!;
  return `WITH ${evaluatedSql(p, f)}
SELECT department, ANY_VALUE(name) AS name, ANY_VALUE(staff_id) AS staff_id, COUNT(*)::INTEGER AS weeks,
  COUNT(*) FILTER (WHERE ${meetsSql(n)})::INTEGER AS met, AVG(${value(n)})::DOUBLE AS mean
FROM ev WHERE role = ${sqlString(n.role)} GROUP BY department, person ORDER BY department, name`;
}
