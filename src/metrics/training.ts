/**
 * Training of full-time counselors (seed 004): school-level hours in the semester's training year
 * (the calendar year the semester starts in) against the yearly norm, and whether a national or
 * provincial course falls within the window of years. A training row belongs to a counselor by
 * staff ID, or by name within the department (IDs that lost their leading zeros still match).
 */
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
  school_hours: number;
  meets_hours: boolean;
  higher_courses: number;
  last_higher_year: number | null;
}

function peopleSql(p: TrainingParams, f: Partial<Filters>): string {
  return `WITH roster AS (
  SELECT semester, department, staff_id, name, ${calendarYearSql('semester')} AS year
  FROM counselors WHERE employment = 'full_time' AND ${filterSql(f, { semester: 'semester', department: 'department' })}
)
SELECT r.department, r.name, r.staff_id, r.year,
  COALESCE(SUM(t.hours) FILTER (WHERE t.level = 'school' AND t.year = r.year), 0)::DOUBLE AS school_hours,
  COALESCE(SUM(t.hours) FILTER (WHERE t.level = 'school' AND t.year = r.year), 0) >= ${sqlNumber(p.schoolHoursPerYear)} AS meets_hours,
  COUNT(t.level) FILTER (WHERE t.level IN ('national', 'provincial') AND t.year BETWEEN r.year - ${sqlNumber(p.higherEveryYears - 1)} AND r.year)::INTEGER AS higher_courses,
  MAX(t.year) FILTER (WHERE t.level IN ('national', 'provincial') AND t.year <= r.year)::INTEGER AS last_higher_year
FROM roster r LEFT JOIN training t ON (t.staff_id = r.staff_id OR (t.name = r.name AND t.department = r.department))
GROUP BY r.semester, r.department, r.staff_id, r.name, r.year`;
}

/** One row per full-time counselor on the roster. */
export function trainingPeopleSql(p: TrainingParams, f: Partial<Filters>): string {
  return `${peopleSql(p, f)} ORDER BY r.department, r.name`;
}

export interface TrainingUnitRow {
  department: string;
  counselors: number;
  school_hours: number;
  meets_hours: number;
  without_higher: number;
  /** 全院: departments whose roster could not be read, not counted (NULL: none). */
  excluded: string | null;
}

/** Per department (or the institution): counselors, total school hours, meeting the hours, missing a national/provincial course. */
export function trainingUnitsSql(p: TrainingParams, f: Partial<Filters>, by: 'department' | 'institution'): string {
  const unit = by === 'department' ? 'department' : sqlString(INSTITUTION);
  const excluded = by === 'institution' ? unreadableExcludedSql(['counselors'], f.semester) : 'NULL';
  return `SELECT ${unit} AS department, COUNT(*)::INTEGER AS counselors, SUM(school_hours)::DOUBLE AS school_hours,
  COUNT(*) FILTER (WHERE meets_hours)::INTEGER AS meets_hours,
  COUNT(*) FILTER (WHERE higher_courses = 0)::INTEGER AS without_higher,
  ${excluded}::VARCHAR AS excluded
FROM (${peopleSql(p, f)}) GROUP BY ALL ORDER BY department`;
}

export interface InductionRow {
  department: string;
  name: string;
  staff_id: string;
  years_in_post: number;
  induction_hours: number;
  meets: boolean;
}

/**
 * New full-time counselors (in post less than a year on the semester's first day, from the roster's
 * 任辅导员时间) and their 岗前培训 hours: training rows whose 培训名称 holds one of the profile's
 * words, dated up to the semester's training year; met at the profile's hours (40, 教育部令第43号).
 */
export function inductionSql(p: { hours: number; keywords: readonly string[] }, f: Partial<Filters>): string {
  const induction = p.keywords.length ? p.keywords.map((w) => `contains(t.course, ${sqlString(w)})`).join(' OR ') : 'FALSE';
  return `WITH roster AS (
  SELECT semester, department, staff_id, name, years_in_post, ${calendarYearSql('semester')} AS year
  FROM counselors WHERE employment = 'full_time' AND years_in_post < 1 AND ${filterSql(f, { semester: 'semester', department: 'department' })}
)
SELECT r.department, r.name, r.staff_id, r.years_in_post,
  COALESCE(SUM(t.hours) FILTER (WHERE (${induction}) AND t.year <= r.year), 0)::DOUBLE AS induction_hours,
  COALESCE(SUM(t.hours) FILTER (WHERE (${induction}) AND t.year <= r.year), 0) >= ${sqlNumber(p.hours)} AS meets
FROM roster r LEFT JOIN training t ON (t.staff_id = r.staff_id OR (t.name = r.name AND t.department = r.department))
GROUP BY r.semester, r.department, r.staff_id, r.name, r.years_in_post
ORDER BY meets, r.department, r.name`;
}
