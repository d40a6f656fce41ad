/**
 * Student assistants (seed 000): at most one per class, appointed per academic year, eligible
 * when in their 2nd or 3rd year, a CPC member or probationary member, with no failed course.
 * The roster and class list in force for a semester are the department's own for that semester,
 * or else its latest earlier ones in the same academic year.
 */
import { academicYearSql, filterSql, startYearSql, type Filters } from './filters.ts';
import { sqlString } from './sql.ts';
import { INSTITUTION } from './staffing.ts';

export const ELIGIBLE_POLITICAL_STATUS = ['中共党员', '中共预备党员'];

const ALL_SEMESTERS = `SELECT semester FROM enrollment UNION SELECT semester FROM counselors
  UNION SELECT semester FROM assistants UNION SELECT semester FROM classes`;

/** `table` rows in force for each semester, with `semester` set to the semester they serve. */
function inForce(table: 'assistants' | 'classes', f: Partial<Filters>): string {
  return `(SELECT s.semester AS semester, t.* EXCLUDE (semester) FROM (
    SELECT s.semester, t.department, MAX(t.semester) AS source_semester
    FROM (${ALL_SEMESTERS}) s JOIN ${table} t ON ${academicYearSql('t.semester')} = ${academicYearSql('s.semester')} AND t.semester <= s.semester
    WHERE ${filterSql(f, { semester: 's.semester', department: 't.department' })}
    GROUP BY ALL
  ) s JOIN ${table} t ON t.department = s.department AND t.semester = s.source_semester)`;
}

function assistantsSql(f: Partial<Filters>): string {
  const political = ELIGIBLE_POLITICAL_STATUS.map(sqlString).join(', ');
  return `WITH a AS ${inForce('assistants', f)}, c AS ${inForce('classes', f)},
per_class AS (SELECT semester, department, class_name, COUNT(*) AS holders FROM a GROUP BY ALL),
listed AS (SELECT DISTINCT semester, department, class_name FROM c)
SELECT a.semester, a.department, a.name, a.student_id, a.major, a.year_level, a.class_name, a.political_status, a.failed_courses,
  ${startYearSql('a.semester')} - TRY_CAST(regexp_extract(a.year_level, '\\d{4}') AS INTEGER) + 1 AS study_year,
  COALESCE(${startYearSql('a.semester')} - TRY_CAST(regexp_extract(a.year_level, '\\d{4}') AS INTEGER) + 1 IN (2, 3), FALSE) AS year_ok,
  -- NULL when not reported (the 考核情况汇总表 of seed 000, which also lists the classes, has no 政治面貌 column).
  CASE WHEN a.political_status IS NULL THEN NULL ELSE a.political_status IN (${political}) END AS political_ok,
  a.failed_courses = 0 AS courses_ok,
  l.class_name IS NOT NULL AS class_listed,
  pc.holders > 1 AS shared_class,
  a.source_file, a.source_row
FROM a JOIN per_class pc USING (semester, department, class_name)
  LEFT JOIN listed l ON l.semester = a.semester AND l.department = a.department AND l.class_name = a.class_name`;
}

export interface AssistantRow {
  department: string;
  name: string;
  student_id: string | null;
  major: string | null;
  year_level: string | null;
  class_name: string;
  political_status: string | null;
  failed_courses: number | null;
  study_year: number | null;
  year_ok: boolean;
  /** NULL when the political status was not reported. */
  political_ok: boolean | null;
  /** NULL when the number of failed courses was not reported. */
  courses_ok: boolean | null;
  class_listed: boolean;
  shared_class: boolean;
  source_file: string;
  source_row: number;
}

/** Every assistant in force, with eligibility and class flags. */
export function assistantListSql(f: Partial<Filters>): string {
  return `${assistantsSql(f)} ORDER BY a.department, a.class_name, a.name`;
}

/** The columns of ClassCoverageRow about the assistants themselves (the rest count classes and heads). */
export const ASSISTANT_ATTRIBUTES = ['year_ok', 'political_ok', 'political_unknown', 'courses_ok', 'courses_unknown'] as const;

export interface ClassCoverageRow {
  department: string;
  classes: number;
  covered: number;
  shared: number;
  assistants: number;
  unmatched: number;
  year_ok: number;
  political_ok: number;
  political_unknown: number;
  courses_ok: number;
  courses_unknown: number;
}

/** ClassCoverageRow's counts, in its order. */
const CLASS_COVERAGE_COUNTS = ['classes', 'covered', 'shared', 'assistants', 'unmatched', ...ASSISTANT_ATTRIBUTES] as const;

/**
 * Per department (or the institution): classes, classes covered, classes with two or more, and
 * eligibility counts. Written with joins and grouping, not correlated subqueries or a FULL OUTER JOIN
 * (the classes' and the assistants' counts, one row at most per unit each, grouped together; a unit
 * without a name kept apart as a join keeps it): the same rows, in a form DuckDB can ask for every
 * department at once (src/site/batched-queries.ts).
 */
export function classCoverageSql(f: Partial<Filters>, by: 'department' | 'institution'): string {
  const unit = (t: string) => (by === 'department' ? `${t}.department` : sqlString(INSTITUTION));
  return `WITH c AS ${inForce('classes', f)}, a AS (${assistantsSql(f)}),
cls AS (
  SELECT ${unit('c')} AS department, COUNT(*)::INTEGER AS classes, COUNT(h.holders)::INTEGER AS covered, (COUNT(*) FILTER (WHERE h.holders > 1))::INTEGER AS shared
  FROM c LEFT JOIN (SELECT semester, department, class_name, COUNT(*) AS holders FROM a GROUP BY ALL) h
    ON h.semester = c.semester AND h.department = c.department AND h.class_name = c.class_name
  GROUP BY ALL
), asst AS (
  SELECT ${unit('a')} AS department, COUNT(*)::INTEGER AS assistants,
    COUNT(*) FILTER (WHERE NOT class_listed)::INTEGER AS unmatched,
    COUNT(*) FILTER (WHERE year_ok)::INTEGER AS year_ok,
    COUNT(*) FILTER (WHERE political_ok)::INTEGER AS political_ok,
    COUNT(*) FILTER (WHERE political_ok IS NULL)::INTEGER AS political_unknown,
    COUNT(*) FILTER (WHERE courses_ok)::INTEGER AS courses_ok,
    COUNT(*) FILTER (WHERE courses_ok IS NULL)::INTEGER AS courses_unknown
  FROM a GROUP BY ALL
)
SELECT department, ${CLASS_COVERAGE_COUNTS.map((c) => `COALESCE(MAX(${c}), 0)::INTEGER AS ${c}`).join(', ')}
FROM (SELECT *, FALSE AS of_assistants FROM cls UNION ALL BY NAME SELECT *, TRUE AS of_assistants FROM asst)
GROUP BY department, CASE WHEN department IS NULL THEN of_assistants END ORDER BY department`;
}

export interface UncoveredClassRow {
  department: string;
  class_name: string;
  students: number | null;
  counselor: string | null;
}

export function uncoveredClassesSql(f: Partial<Filters>): string {
  return `WITH c AS ${inForce('classes', f)}, a AS ${inForce('assistants', f)}
SELECT c.department, c.class_name, c.students, c.counselor FROM c
  LEFT JOIN (SELECT DISTINCT semester, department, class_name FROM a) h ON h.semester = c.semester AND h.department = c.department AND h.class_name = c.class_name
WHERE h.class_name IS NULL
ORDER BY c.department, c.class_name`;
}
