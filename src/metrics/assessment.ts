/**
 * Assessment results: grades per unit and role, score distributions (as a percentage of each
 * score's maximum, since a 总分 is out of 100 and a sum of the 14 items out of 90), the 德/能/勤/绩
 * breakdown where item scores exist, and rows whose score disagrees with the recorded grade.
 */
import { ASSESSMENT_ITEMS } from '../domain/tables/assessments.ts';
import { COUNTED, coverageColumnsSql, coverageGapsSql } from './coverage.ts';
import { filterSql, type Filters } from './filters.ts';
import { sqlString } from './sql.ts';
import { INSTITUTION } from './staffing.ts';

export const DIMENSIONS = ['德', '能', '勤', '绩'] as const;
export type Dimension = (typeof DIMENSIONS)[number];
const DIMENSION_KEYS: Record<Dimension, string> = { 德: 'de', 能: 'neng', 勤: 'qin', 绩: 'ji' };
export const dimensionKey = (d: Dimension) => DIMENSION_KEYS[d];

export interface GradeCountRow {
  department: string;
  role: string;
  assessed: number;
  excellent: number;
  good: number;
  pass: number;
  fail: number;
  scored: number;
  mean_percent: number | null;
}

const PERCENT = `score / score_max * 100`;

export function gradeCountsSql(f: Partial<Filters>, by: 'department' | 'institution'): string {
  const unit = by === 'department' ? 'department' : sqlString(INSTITUTION);
  return `SELECT ${unit} AS department, role, COUNT(*)::INTEGER AS assessed,
  COUNT(*) FILTER (WHERE grade = 'excellent')::INTEGER AS excellent,
  COUNT(*) FILTER (WHERE grade = 'good')::INTEGER AS good,
  COUNT(*) FILTER (WHERE grade = 'pass')::INTEGER AS pass,
  COUNT(*) FILTER (WHERE grade = 'fail')::INTEGER AS fail,
  COUNT(score)::INTEGER AS scored,
  AVG(${PERCENT})::DOUBLE AS mean_percent
FROM assessments WHERE ${filterSql(f)} GROUP BY ALL ORDER BY role, department`;
}

export interface ScoreRow {
  department: string;
  role: string;
  percent: number;
}

/** Every score as a percentage of its maximum, for distributions. */
export function scoresSql(f: Partial<Filters>): string {
  return `SELECT department, role, (${PERCENT})::DOUBLE AS percent FROM assessments
WHERE score IS NOT NULL AND ${filterSql(f)} ORDER BY department, percent`;
}

export type DimensionRow = { department: string; rows: number } & Record<string, number | string>;

/**
 * Mean points ÷ maximum × 100 per dimension, over rows with item scores (a blank item counts 0).
 * No row when none has item scores: the institution's GROUP BY has only a constant, which would
 * otherwise give one row of nulls.
 */
export function dimensionsSql(f: Partial<Filters>, by: 'department' | 'institution'): string {
  const unit = by === 'department' ? 'department' : sqlString(INSTITUTION);
  const means = DIMENSIONS.map((d) => {
    const items = ASSESSMENT_ITEMS.filter(([, , dim]) => dim === d);
    const max = items.reduce((sum, [, , , m]) => sum + m, 0);
    return `AVG((${items.map(([key]) => `COALESCE(${key}, 0)`).join(' + ')}) / ${max} * 100)::DOUBLE AS ${DIMENSION_KEYS[d]}`;
  });
  return `SELECT ${unit} AS department, COUNT(*)::INTEGER AS rows, ${means.join(', ')}
FROM assessments WHERE item_sum IS NOT NULL AND ${filterSql(f)} GROUP BY ALL HAVING COUNT(*) > 0 ORDER BY department`;
}

export interface MismatchRow {
  department: string;
  role: string;
  name: string;
  person_id: string | null;
  score: number;
  score_max: number;
  grade: string;
  grade_recorded: string;
  source_file: string;
  source_row: number;
}

/** Rows whose score falls in another band than the grade filed (the filed grade stands; `grade` here is the band's). */
export function mismatchesSql(f: Partial<Filters>): string {
  return `SELECT department, role, name, person_id, score, score_max, grade_by_score AS grade, grade_recorded, source_file, source_row
FROM assessments WHERE grade_by_score IS NOT NULL AND grade_recorded IS NOT NULL AND grade_by_score <> grade_recorded AND ${filterSql(f)}
ORDER BY department, name`;
}

export interface CoverageRow {
  department: string;
  roster: number;
  assessed: number;
  /** Assessment rows of the semester in the whole institution: 0 means none was sent yet (not 0 % done). */
  semester_rows: number;
  /** A department whose roster or assessment was not sent or not read: what stands in place of its figure. */
  note: string | null;
  /** 全院: the departments left out, and why. */
  excluded: string | null;
}

/**
 * Counselors on the semester's roster (专职 and 兼职) with an assessment row, matched by staff ID
 * or by name within the department: assessment is due every semester.
 */
export function assessmentCoverageSql(f: Partial<Filters>, by: 'department' | 'institution'): string {
  const unit = by === 'department' ? 'c.department' : sqlString(INSTITUTION);
  // Before any assessment of the semester was sent (it is due at the end), no department lacks one yet.
  const gaps = `(SELECT * FROM ${coverageGapsSql(['assessments'])} g WHERE EXISTS (SELECT 1 FROM assessments a WHERE a.semester = g.semester))`;
  return `SELECT ${unit} AS department, COUNT(*) FILTER (WHERE ${COUNTED})::INTEGER AS roster,
  COUNT(*) FILTER (WHERE ${COUNTED} AND EXISTS (
    SELECT 1 FROM assessments a WHERE a.semester = c.semester AND a.role = 'counselor'
      AND (a.person_id = c.staff_id OR (a.name = c.name AND a.department = c.department))))::INTEGER AS assessed,
  ANY_VALUE((SELECT COUNT(*) FROM assessments a WHERE a.semester = c.semester))::INTEGER AS semester_rows,
  ${coverageColumnsSql(by, 'c')}
FROM counselors c LEFT JOIN ${gaps} gaps ON gaps.semester = c.semester AND gaps.department = c.department
WHERE ${filterSql(f, { semester: 'c.semester', department: 'c.department' })}
GROUP BY ALL ORDER BY department`;
}
