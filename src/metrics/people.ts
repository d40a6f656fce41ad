/**
 * Rules about people across semesters, from the assessments and the graduate-assistant rosters:
 * - seed 004: counselors rated 不合格 in consecutive years (two by default → may be dismissed), and
 *   the year's best-rated counselors as candidates for 十佳辅导员;
 * - seed 002: assistants late more than three times in a semester are 不合格 (a better grade is listed);
 * - seed 003: graduate moral-education assistants by post type, and those less than a year in post.
 * A year is the academic year (2025-2026): assessments are per semester, twice a year.
 */
import { PARTY_MEMBERS } from '../domain/people.ts';
import { academicYearSql, filterSql, startYearSql } from './filters.ts';
import { sqlNumber, sqlString } from './sql.ts';
import { INSTITUTION } from './staffing.ts';

export interface PeopleFilters {
  semester: string;
  department?: string | null;
}

/** A person across semesters: staff ID, or name within the department when there is none. */
const PERSON = `COALESCE(person_id, department || '/' || name)`;

export interface ConsecutiveFailRow {
  department: string;
  name: string;
  person_id: string | null;
  /** The semesters rated 不合格 within the run of years, oldest first (e.g. "2025-2026-2,2026-2027-1"). */
  failed_semesters: string;
  years: number;
}

/**
 * Counselors whose assessment was 不合格 in each of the `years` academic years ending with the
 * selected semester's (a year counts as 不合格 when any of its semesters up to the selected one is).
 * Department and name are the latest assessment's.
 */
export function consecutiveFailSql(p: { years: number }, f: PeopleFilters): string {
  const year = Number(f.semester.slice(0, 4));
  return `WITH a AS (
  SELECT ${PERSON} AS person, ${startYearSql('semester')} AS year, semester, department, name, person_id, grade
  FROM assessments WHERE role = 'counselor' AND semester <= ${sqlString(f.semester)}
    AND ${startYearSql('semester')} BETWEEN ${sqlNumber(year - p.years + 1)} AND ${sqlNumber(year)}
), people AS (
  SELECT person, arg_max(department, semester) AS department, arg_max(name, semester) AS name, arg_max(person_id, semester) AS person_id,
    COUNT(DISTINCT year) FILTER (WHERE grade = 'fail')::INTEGER AS years,
    string_agg(semester, ',' ORDER BY semester) FILTER (WHERE grade = 'fail') AS failed_semesters
  FROM a GROUP BY person
)
SELECT department, name, person_id, failed_semesters, years FROM people
WHERE years = ${sqlNumber(p.years)} AND ${filterSql({ department: f.department ?? null })}
ORDER BY department, name`;
}

export interface TopCounselorRow {
  rank: number;
  department: string;
  name: string;
  person_id: string | null;
  /** Mean of score ÷ maximum × 100 over the year's assessments with a score. */
  mean_percent: number;
  assessments: number;
  excellent: number;
}

/**
 * The best-rated counselors of the selected semester's academic year (semesters up to the selected
 * one): ranked institution-wide by their mean 得分率, none rated 不合格 that year; the first `count`
 * places, ties at the last place included. The department filter narrows the list after ranking.
 */
export function topCounselorsSql(p: { count: number }, f: PeopleFilters): string {
  return `WITH a AS (
  SELECT ${PERSON} AS person, semester, department, name, person_id, grade, score / score_max * 100 AS percent
  FROM assessments WHERE role = 'counselor' AND ${academicYearSql('semester')} = ${sqlString(f.semester.slice(0, 9))} AND semester <= ${sqlString(f.semester)}
), people AS (
  SELECT person, arg_max(department, semester) AS department, arg_max(name, semester) AS name, arg_max(person_id, semester) AS person_id,
    AVG(percent)::DOUBLE AS mean_percent, COUNT(percent)::INTEGER AS assessments,
    COUNT(*) FILTER (WHERE grade = 'excellent')::INTEGER AS excellent, BOOL_OR(grade = 'fail') AS failed
  FROM a GROUP BY person
), ranked AS (
  SELECT *, RANK() OVER (ORDER BY round(mean_percent, 6) DESC)::INTEGER AS rank FROM people WHERE assessments > 0 AND NOT failed
)
SELECT rank, department, name, person_id, mean_percent, assessments, excellent FROM ranked
WHERE rank <= ${sqlNumber(p.count)} AND ${filterSql({ department: f.department ?? null })}
ORDER BY rank, department, name`;
}

export interface LatenessRow {
  department: string;
  role: string;
  name: string;
  person_id: string | null;
  late_count: number;
  grade: string;
  grade_recorded: string | null;
  /** Rated 不合格 both by score and as recorded: the rule was applied. */
  applied: boolean;
  source_file: string;
  source_row: number;
}

/** Assessed people of the profile's roles late more than `max` times in the semester (seed 002). */
export function latenessSql(p: { max: number; roles: readonly string[] }, f: PeopleFilters): string {
  return `SELECT department, role, name, person_id, late_count, grade, grade_recorded,
  (grade = 'fail' AND COALESCE(grade_recorded, 'fail') = 'fail') AS applied, source_file, source_row
FROM assessments
WHERE late_count > ${sqlNumber(p.max)} AND role IN (${p.roles.length ? p.roles.map(sqlString).join(', ') : 'NULL'})
  AND ${filterSql({ semester: f.semester, department: f.department ?? null })}
ORDER BY applied, department, late_count DESC, name`;
}

export interface LatenessCountRow {
  department: string;
  /** Assessed people of the profile's roles with a 迟到次数 recorded. */
  recorded: number;
  over: number;
  not_failed: number;
}

export function latenessCountsSql(p: { max: number; roles: readonly string[] }, f: PeopleFilters, by: 'department' | 'institution'): string {
  const unit = by === 'department' ? 'department' : sqlString(INSTITUTION);
  return `SELECT ${unit} AS department, COUNT(late_count)::INTEGER AS recorded,
  COUNT(*) FILTER (WHERE late_count > ${sqlNumber(p.max)})::INTEGER AS over,
  COUNT(*) FILTER (WHERE late_count > ${sqlNumber(p.max)} AND NOT (grade = 'fail' AND COALESCE(grade_recorded, 'fail') = 'fail'))::INTEGER AS not_failed
FROM assessments WHERE role IN (${p.roles.length ? p.roles.map(sqlString).join(', ') : 'NULL'}) AND ${filterSql({ semester: f.semester, department: f.department ?? null })}
GROUP BY ALL HAVING COUNT(late_count) > 0 ORDER BY department`;
}

export interface GraduatePostRow {
  department: string;
  post_type: string | null;
  people: number;
  short_tenure: number;
}

/** Graduate assistants per department and post type (an unreadable type is NULL), with how many are under the minimum tenure. */
export function graduatePostsSql(p: { minMonths: number }, f: PeopleFilters): string {
  return `SELECT department, post_type, COUNT(*)::INTEGER AS people,
  COUNT(*) FILTER (WHERE months_in_post < ${sqlNumber(p.minMonths)})::INTEGER AS short_tenure
FROM graduate_assistants WHERE ${filterSql({ semester: f.semester, department: f.department ?? null })}
GROUP BY ALL ORDER BY department, post_type`;
}

export interface GraduateAssistantRow {
  department: string;
  name: string;
  student_id: string | null;
  post: string;
  post_type: string | null;
  in_post_since: string | null;
  left_on: string | null;
  months_in_post: number | null;
  political_status: string | null;
  /** Left before serving the minimum (seed 003: 在岗时间至少为一年) — a rule not met. */
  left_early: boolean;
  /** Still in post, not yet a year: for information. */
  under_minimum: boolean;
  /** Seed 003: must be a (probationary) party member; the 党建 post a full member. */
  political_ok: boolean | null;
}

/** Every graduate assistant of the semester, with the tenure and membership flags. */
export function graduateAssistantsSql(p: { minMonths: number }, f: PeopleFilters): string {
  const min = sqlNumber(p.minMonths);
  return `SELECT department, name, student_id, post, post_type, strftime(in_post_since, '%Y-%m-%d') AS in_post_since, strftime(left_on, '%Y-%m-%d') AS left_on,
  months_in_post, political_status,
  (left_on IS NOT NULL AND months_in_post < ${min}) AS left_early,
  (left_on IS NULL AND months_in_post < ${min}) AS under_minimum,
  CASE WHEN political_status IS NULL THEN NULL WHEN post_type = 'party' THEN political_status = 'cpc_member'
    ELSE political_status IN (${PARTY_MEMBERS.map(sqlString).join(', ')}) END AS political_ok
FROM graduate_assistants WHERE ${filterSql({ semester: f.semester, department: f.department ?? null })}
ORDER BY department, post_type, name`;
}
