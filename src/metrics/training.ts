/**
 * Training of full-time counselors (seed 004): school-level hours in the semester's training year
 * (the calendar year the semester starts in) against the yearly norm, and whether a national or
 * provincial course falls within the window of years. A training row belongs to a counselor by
 * staff ID, or by name within the department (IDs that lost their leading zeros still match).
 */
import { coverageNote } from '../collection/coverage.ts';
import { unreadableExcludedSql } from './coverage.ts';
import { calendarYearSql, filterSql, type Filters } from './filters.ts';
import { sqlNumber, sqlString } from './sql.ts';
import { INSTITUTION } from './staffing.ts';

export interface TrainingParams {
  schoolHoursPerYear: number;
  higherEveryYears: number;
}

export interface TrainingPersonRow {
  department: string;
  name: string;
  staff_id: string;
  year: number;
  /** NULL: no training record at all for the year (`note` says why) — nothing to judge by, not 0 hours. */
  school_hours: number | null;
  meets_hours: boolean | null;
  higher_courses: number | null;
  last_higher_year: number | null;
  /** What stands in place of the figures: "未报送培训记录" / "培训记录未能导入，待重新报送" (NULL: figures computed). */
  note: string | null;
}

/** The note when nothing was sent (the coverage module's wording): training records are usually sent centrally. */
const NOT_SENT = coverageNote('training', 'missing');

/**
 * The training year of each roster row has no training row at all: the records were not sent, or
 * the only ones were set aside (the coverage row's own note, a file known to be training first) —
 * every counselor's hours would be a 0 and a 未达标 that mean nothing, so a note stands in their
 * place. Any row for the year is enough to judge everyone (no row of one's own is then 0 hours).
 */
function noRecordsNoteSql(): string {
  return `CASE WHEN r.year NOT IN (SELECT DISTINCT year FROM training WHERE year IS NOT NULL) THEN COALESCE(
    (SELECT c.note FROM coverage c WHERE c.semester = r.semester AND c.kind = 'training' AND c.field IS NULL AND c.status = 'unreadable'
      ORDER BY c.set_aside + c.rejected DESC, c.department LIMIT 1),
    ${sqlString(NOT_SENT)}) END`;
}

/** A person's figure, computed only where the year has training records (`r.note` NULL). */
const judged = (sql: string) => `CASE WHEN ANY_VALUE(r.note) IS NULL THEN ${sql} END`;

/**
 * The roster (CTE `roster`) as `r`, each person with the training rows that are theirs — by staff
 * ID, or by name within the department — as t_<column> of `columns`: each pair of
 * `roster r LEFT JOIN training t ON (t.staff_id = r.staff_id OR (t.name = r.name AND t.department =
 * r.department))` once, and a row of NULLs for a person whose staff ID matches none (which none of
 * the sums, counts and maxima over t_ columns counts). DuckDB joins on an OR row by row (at 120
 * departments 810 counselors × 11,591 training rows, a quarter of a second a query); these two are
 * joins on equal keys (hashed), the second leaving out the pairs the first has.
 */
function rosterWithTrainingSql(columns: readonly string[]): string {
  const t = columns.map((c) => `t.${c} AS t_${c}`).join(', ');
  return `(
  SELECT r.*, ${t} FROM roster r LEFT JOIN training t ON t.staff_id = r.staff_id
  UNION ALL
  SELECT r.*, ${t} FROM roster r JOIN training t ON t.name = r.name AND t.department = r.department AND (t.staff_id = r.staff_id) IS NOT TRUE
) r`;
}

function peopleSql(p: TrainingParams, f: Partial<Filters>): string {
  const hours = `COALESCE(SUM(r.t_hours) FILTER (WHERE r.t_level = 'school' AND r.t_year = r.year), 0)`;
  return `WITH roster AS (
  SELECT *, ${noRecordsNoteSql()} AS note FROM (
    SELECT semester, department, staff_id, name, ${calendarYearSql('semester')} AS year
    FROM counselors WHERE employment = 'full_time' AND ${filterSql(f, { semester: 'semester', department: 'department' })}
  ) r
)
SELECT r.department, r.name, r.staff_id, r.year,
  ${judged(hours)}::DOUBLE AS school_hours,
  ${judged(`${hours} >= ${sqlNumber(p.schoolHoursPerYear)}`)} AS meets_hours,
  ${judged(`COUNT(r.t_level) FILTER (WHERE r.t_level IN ('national', 'provincial') AND r.t_year BETWEEN r.year - ${sqlNumber(p.higherEveryYears - 1)} AND r.year)`)}::INTEGER AS higher_courses,
  ${judged(`MAX(r.t_year) FILTER (WHERE r.t_level IN ('national', 'provincial') AND r.t_year <= r.year)`)}::INTEGER AS last_higher_year,
  ANY_VALUE(r.note)::VARCHAR AS note
FROM ${rosterWithTrainingSql(['hours', 'level', 'year'])}
GROUP BY r.semester, r.department, r.staff_id, r.name, r.year`;
}

/** One row per full-time counselor on the roster. */
export function trainingPeopleSql(p: TrainingParams, f: Partial<Filters>): string {
  return `${peopleSql(p, f)} ORDER BY r.department, r.name`;
}

export interface TrainingUnitRow {
  department: string;
  counselors: number;
  /** NULL with `note`: the training year has no training record to judge by. */
  school_hours: number | null;
  meets_hours: number | null;
  without_higher: number | null;
  /** What stands in place of the figures: "未报送培训记录" (NULL: figures computed). */
  note: string | null;
  /** 全院: departments whose roster could not be read, not counted (NULL: none). */
  excluded: string | null;
}

/** Per department (or the institution): counselors, total school hours, meeting the hours, missing a national/provincial course. */
export function trainingUnitsSql(p: TrainingParams, f: Partial<Filters>, by: 'department' | 'institution'): string {
  const unit = by === 'department' ? 'department' : sqlString(INSTITUTION);
  const excluded = by === 'institution' ? unreadableExcludedSql(['counselors'], f.semester) : 'NULL';
  // A unit's figure only where none of its people has a note.
  const allJudged = (sql: string) => `CASE WHEN COUNT(note) = 0 THEN ${sql} END`;
  return `SELECT ${unit} AS department, COUNT(*)::INTEGER AS counselors, ${allJudged('SUM(school_hours)')}::DOUBLE AS school_hours,
  ${allJudged('COUNT(*) FILTER (WHERE meets_hours)')}::INTEGER AS meets_hours,
  ${allJudged('COUNT(*) FILTER (WHERE higher_courses = 0)')}::INTEGER AS without_higher,
  ANY_VALUE(note)::VARCHAR AS note,
  ${excluded}::VARCHAR AS excluded
FROM (${peopleSql(p, f)}) GROUP BY ALL ORDER BY department`;
}

export interface InductionRow {
  department: string;
  name: string;
  staff_id: string;
  years_in_post: number;
  /** NULL with `note`: the training year has no training record to judge by. */
  induction_hours: number | null;
  meets: boolean | null;
  note: string | null;
}

/**
 * New full-time counselors (in post less than a year on the semester's first day, from the roster's
 * 任辅导员时间) and their 岗前培训 hours: training rows whose 培训名称 holds one of the profile's
 * words, dated up to the semester's training year; met at the profile's hours (40, 教育部令第43号).
 * No training record at all for the year: a note in place of the hours, as for the school-level hours.
 */
export function inductionSql(p: { hours: number; keywords: readonly string[] }, f: Partial<Filters>): string {
  const induction = p.keywords.length ? p.keywords.map((w) => `contains(r.t_course, ${sqlString(w)})`).join(' OR ') : 'FALSE';
  const hours = `COALESCE(SUM(r.t_hours) FILTER (WHERE (${induction}) AND r.t_year <= r.year), 0)`;
  return `WITH roster AS (
  SELECT *, ${noRecordsNoteSql()} AS note FROM (
    SELECT semester, department, staff_id, name, years_in_post, ${calendarYearSql('semester')} AS year
    FROM counselors WHERE employment = 'full_time' AND years_in_post < 1 AND ${filterSql(f, { semester: 'semester', department: 'department' })}
  ) r
)
SELECT r.department, r.name, r.staff_id, r.years_in_post,
  ${judged(hours)}::DOUBLE AS induction_hours,
  ${judged(`${hours} >= ${sqlNumber(p.hours)}`)} AS meets,
  ANY_VALUE(r.note)::VARCHAR AS note
FROM ${rosterWithTrainingSql(['hours', 'course', 'year'])}
GROUP BY r.semester, r.department, r.staff_id, r.name, r.years_in_post
ORDER BY meets, r.department, r.name`;
}
