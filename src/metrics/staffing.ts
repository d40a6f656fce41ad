/**
 * Staffing metrics: students per counselor against the 1:N target, per department and for the
 * institution. The single definition of these numbers: the build (DuckDB in Node) and the
 * browser (DuckDB-WASM) run exactly this SQL over the published tables.
 *
 * - ratio_full_time: students ÷ full-time counselors (the strict ratio of the policy).
 * - ratio_weighted: students ÷ (full-time + part-time × weight), weight 1/3 by default; computed
 *   in whole numbers (students × d ÷ (full-time × d + part-time × n) for weight n/d) so that
 *   three part-timers are exactly one counselor and the boundary test is exact.
 * - gap: max(0, ceil(students ÷ N) − full-time): full-time counselors short of 1:N.
 *   For the institution it is computed on the totals, so it is not the sum of department gaps.
 * - A unit with no students is compliant with gap 0; one with students and no full-time
 *   counselor has no ratio (NULL) and is not compliant.
 * - A department whose roster or enrollment was not sent or not read has no figures (its `note`
 *   says why) and is left out of the institution's, which names it (`excluded`).
 */
import { coverageGapsSql, excludedAggregateSql } from './coverage.ts';
import { sqlNumber, sqlString } from './sql.ts';

export interface StaffingRow {
  semester: string;
  department: string;
  /** NULL where the enrollment was not sent or not read (`note` says which). */
  students: number | null;
  /** NULL where the roster was not sent or not read. */
  full_time: number | null;
  part_time: number | null;
  fte: number | null;
  ratio_full_time: number | null;
  ratio_weighted: number | null;
  /** NULL: no verdict, the data it rests on is missing (`note`). */
  compliant_full_time: boolean | null;
  compliant_weighted: boolean | null;
  gap: number | null;
  /** What stands in place of the figures: "辅导员名册未能导入，待重新报送" (NULL: figures computed). */
  note: string | null;
  /** The institution's row: the departments left out and why (NULL: none). */
  excluded: string | null;
  /** The institution's row: the departments' own gaps added up (各系部合计需增配); NULL on a department's. */
  needed: number | null;
  /** Counselors hired through 劳务派遣 / 人事代理 (not allowed by policy): counted, and flagged. */
  flagged_hiring: number;
}

type StaffingVerdict = Pick<StaffingRow, 'note' | 'students' | 'compliant_full_time'>;

/** A department's staffing figures were computed: its roster and enrollment read, and it has students. */
export const staffingRead = (r: Pick<StaffingRow, 'note' | 'students'>): boolean => r.note == null && (r.students ?? 0) > 0;

/**
 * A department below the full-time ratio (1:200): only one whose figures were computed — a note
 * (未报送, 未能导入) stands for the others, never a shortage. The pages, the overview and the report ask this.
 */
export const belowStaffingTarget = (r: StaffingVerdict): boolean => staffingRead(r) && r.compliant_full_time === false;

export interface StaffingParams {
  /** Students per counselor allowed (200). */
  target: number;
  /** Part-time weight as an exact fraction (1/3), so weighted figures need no rounding allowance. */
  partTimeWeight: { numerator: number; denominator: number };
  /** Hiring methods the policy does not allow for counselors (flagged, still counted): from the rule profile. */
  disallowedHiring: readonly string[];
}

/**
 * Per-department figures for every semester, each with the note that stands in place of its
 * figures when its roster or enrollment was not sent or could not be read (coverage).
 */
function unitsSql(p: StaffingParams): string {
  // IN () is not valid SQL: with nothing disallowed, NULL matches no row.
  const disallowed = p.disallowedHiring.length ? p.disallowedHiring.map(sqlString).join(', ') : 'NULL';
  return `students AS (
  SELECT semester, department, SUM(students)::INTEGER AS students
  FROM enrollment GROUP BY ALL
), staff AS (
  SELECT semester, department,
    COUNT(*) FILTER (WHERE employment = 'full_time')::INTEGER AS full_time,
    COUNT(*) FILTER (WHERE employment = 'part_time')::INTEGER AS part_time,
    COUNT(*) FILTER (WHERE hiring IN (${disallowed}))::INTEGER AS flagged_hiring
  FROM counselors GROUP BY ALL
), units AS (
  SELECT semester, department,
    CASE WHEN gaps.lacks_enrollment IS NOT TRUE THEN COALESCE(s.students, 0) END::INTEGER AS students,
    CASE WHEN gaps.lacks_counselors IS NOT TRUE THEN COALESCE(c.full_time, 0) END::INTEGER AS full_time,
    CASE WHEN gaps.lacks_counselors IS NOT TRUE THEN COALESCE(c.part_time, 0) END::INTEGER AS part_time,
    COALESCE(c.flagged_hiring, 0)::INTEGER AS flagged_hiring,
    gaps.note
  FROM students s FULL OUTER JOIN staff c USING (semester, department)
    LEFT JOIN ${coverageGapsSql(['enrollment', 'counselors'])} gaps USING (semester, department)
)`;
}

/** The figures of each unit row (students, full_time, part_time, note): NULL where a note stands in their place. */
function figuresSql(p: StaffingParams, from: string): string {
  const n = sqlNumber(p.target);
  const wn = sqlNumber(p.partTimeWeight.numerator);
  const wd = sqlNumber(p.partTimeWeight.denominator);
  const counted = (sql: string) => `CASE WHEN note IS NULL THEN ${sql} END`;
  return `SELECT semester, department, students, full_time, part_time,
  ((full_time * ${wd} + part_time * ${wn}) / ${wd})::DOUBLE AS fte,
  ${counted(`CASE WHEN full_time > 0 THEN students / full_time END`)}::DOUBLE AS ratio_full_time,
  ${counted(`CASE WHEN full_time + part_time > 0 THEN (students::BIGINT * ${wd}) / (full_time * ${wd} + part_time * ${wn}) END`)}::DOUBLE AS ratio_weighted,
  ${counted(`(students <= ${n} * full_time)`)} AS compliant_full_time,
  ${counted(`(students::BIGINT * ${wd} <= ${n}::BIGINT * (full_time * ${wd} + part_time * ${wn}))`)} AS compliant_weighted,
  ${counted(`GREATEST(0, CEIL(students / ${n}) - full_time)`)}::INTEGER AS gap,
  flagged_hiring, note, excluded, needed
FROM ${from}`;
}

/** One row per semester and department. */
export function departmentStaffingSql(p: StaffingParams, semester?: string): string {
  return `WITH ${unitsSql(p)}
SELECT * FROM (${figuresSql(p, `(SELECT *, NULL::VARCHAR AS excluded, NULL::INTEGER AS needed FROM units)`)})
${semester ? `WHERE semester = ${sqlString(semester)}` : ''}
ORDER BY semester, department`;
}

export const INSTITUTION = '全院';

/** The institution's note when no department's roster and enrollment were both read. */
export const NOTHING_COUNTED = '各系部的在校生人数或辅导员名册均未报送或未能导入，无法计算全院师生比';

/**
 * One row per semester for the whole institution (department column = '全院'): over the
 * departments whose roster and enrollment were read; `excluded` names the others and why;
 * `needed`: the departments' own gaps added up (各系部合计需增配), beside the institution's gap.
 */
export function institutionStaffingSql(p: StaffingParams, semester?: string): string {
  const n = sqlNumber(p.target);
  return `WITH ${unitsSql(p)}, total AS (
  SELECT semester, ${sqlString(INSTITUTION)} AS department,
    SUM(students) FILTER (WHERE note IS NULL)::INTEGER AS students,
    SUM(full_time) FILTER (WHERE note IS NULL)::INTEGER AS full_time,
    SUM(part_time) FILTER (WHERE note IS NULL)::INTEGER AS part_time,
    SUM(flagged_hiring)::INTEGER AS flagged_hiring,
    -- No department read: no institution figure either (its counts would be zeros that mean nothing).
    CASE WHEN COUNT(*) FILTER (WHERE note IS NULL) = 0 THEN ${sqlString(NOTHING_COUNTED)} END AS note,
    ${excludedAggregateSql()} AS excluded,
    SUM(GREATEST(0, CEIL(students / ${n}) - full_time)) FILTER (WHERE note IS NULL)::INTEGER AS needed
  FROM units GROUP BY semester
)
SELECT * FROM (${figuresSql(p, 'total')})
${semester ? `WHERE semester = ${sqlString(semester)}` : ''}
ORDER BY semester`;
}

/** Semesters present in either table, oldest first. */
export const SEMESTERS_SQL = `SELECT semester FROM enrollment UNION SELECT semester FROM counselors ORDER BY semester`;

export interface FlaggedHiringRow {
  department: string;
  name: string;
  staff_id: string;
  employment: string;
  hiring: string;
  source_file: string;
  source_row: number;
}

/** Counselors hired through a method the profile does not allow (listed, and still counted above). */
export function flaggedHiringSql(p: StaffingParams, f: { semester?: string; department?: string | null }): string {
  if (!p.disallowedHiring.length) return `SELECT NULL AS department WHERE FALSE`;
  const conditions = [`hiring IN (${p.disallowedHiring.map(sqlString).join(', ')})`];
  if (f.semester) conditions.push(`semester = ${sqlString(f.semester)}`);
  if (f.department) conditions.push(`department = ${sqlString(f.department)}`);
  return `SELECT department, name, staff_id, employment, hiring, source_file, source_row FROM counselors
WHERE ${conditions.join(' AND ')} ORDER BY department, name`;
}

export interface HiringRow {
  employment: string;
  hiring: string | null;
  counselors: number;
}

/** Counselors by employment (专职/兼职) and hiring method, for one semester. */
export function hiringBreakdownSql(semester: string, department?: string | null): string {
  return `SELECT employment, hiring, COUNT(*)::INTEGER AS counselors FROM counselors
WHERE semester = ${sqlString(semester)}${department ? ` AND department = ${sqlString(department)}` : ''}
GROUP BY ALL ORDER BY employment, counselors DESC, hiring`;
}
