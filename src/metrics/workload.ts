/**
 * Workload compliance: how many person-weeks (and person-months, for monthly norms) meet the
 * norms of the active rule profile. One row of `worklogs` is one person-week, but for a work diary's
 * rows, which are days and are added up into person-weeks first (personWeeksSql). A blank count is 0:
 * what was not recorded was not done — in a column the form has. A column the department's form
 * (for that role) lacks is 该项未报送 (coverage): that norm is out of its share, and the other norms
 * alone decide whether its person-weeks met all. See docs/规则与口径.md.
 */
import type { WorkloadNorm } from '../domain/rules.ts';
import { coverageGapsSql, missingFieldsSql } from './coverage.ts';
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

/**
 * The person-weeks the norms are judged on: a row of `worklogs` each, except in a work diary — a
 * sheet most of whose person-weeks hold rows of different days, or one row per activity (DIARY_SHEETS) —, whose rows of one person and
 * week (a day each, or an activity of a day) are added up into one; the week is the school
 * calendar's (week_start, from each row's date). A row entered twice elsewhere stays two
 * person-weeks, as PERSON_WEEK_TWICE tells the clerk. The rows of a field nobody filled add up to
 * NULL. A monthly report's rows (a month, no week) are no person-weeks: only monthly norms judge them.
 */
export function personWeeksSql(fields: readonly string[]): string {
  const sums = fields.map((f) => `, SUM(${f}) AS ${f}`).join('');
  // Most sheets are no diary: their rows pass as they are, only a diary's are grouped.
  return `(SELECT semester, department, role, name, staff_id, week_start${fields.map((f) => `, ${f}`).join('')}
  FROM worklogs WHERE week_start IS NOT NULL AND ${SHEET_KEY} NOT IN (SELECT sheet FROM ${DIARY_SHEETS})
  UNION ALL
  SELECT semester, department, role, ANY_VALUE(name) AS name, ANY_VALUE(staff_id) AS staff_id, week_start${sums}
  FROM worklogs WHERE week_start IS NOT NULL AND ${SHEET_KEY} IN (SELECT sheet FROM ${DIARY_SHEETS})
  GROUP BY semester, department, role, COALESCE(staff_id, name), week_start)`;
}

/** A work-log row's file and sheet, as one value. */
export const SHEET_KEY = `(source_file || chr(1) || COALESCE(source_sheet, ''))`;

/**
 * The work diaries (SHEET_KEY AS sheet): sheets in most of whose person-weeks someone has rows on
 * two or more different dates, and every sheet exported one row per activity (a row names its
 * activity: the rows of a week, of one day or of several, are its parts). A weekly form with one
 * week entered twice under two dates is no diary: its two rows stay two, and PERSON_WEEK_TWICE
 * asks the clerk to merge them.
 */
export const DIARY_SHEETS = `(
  SELECT sheet FROM (
    SELECT ${SHEET_KEY} AS sheet, MIN(date) <> MAX(date) AS days, bool_or(activity IS NOT NULL) AS itemised FROM worklogs
    WHERE date IS NOT NULL OR activity IS NOT NULL
    GROUP BY source_file, source_sheet, semester, department, role, COALESCE(staff_id, name), week_start)
  GROUP BY sheet HAVING 2 * COUNT(*) FILTER (WHERE days) > COUNT(*) OR bool_or(itemised))`;

/**
 * The person-weeks with, per row: person, week of the semester, each weekly norm met (w<i>), all
 * met, shortfall. The one definition of what a row counts for; the tables below are built from it.
 */
function evaluatedSql(p: WorkloadParams): string {
  const mondays = Object.entries(p.semesterMondays);
  const calendar = mondays.length
    ? `SELECT * FROM (VALUES ${mondays.map(([s, d]) => `(${sqlString(s)}, DATE ${sqlString(d)})`).join(', ')}) t(semester, monday)`
    : `SELECT NULL::VARCHAR AS semester, NULL::DATE AS monday WHERE FALSE`;
  // A norm whose column the form lacked: NULL (not counted), and no part of all_met or the shortfall.
  const reported = (n: WorkloadNorm) => `NOT list_contains(COALESCE(absent.fields, []), ${sqlString(n.field)})`;
  const flags = weeklyNorms(p.norms).map(({ n, i }) => `CASE WHEN role = ${sqlString(n.role)} AND ${reported(n)} THEN ${meetsSql(n)} END AS w${i}`);
  return `cal AS (${calendar}),
ev AS (
  SELECT semester, department, role, name, staff_id, department || '|' || COALESCE(staff_id, name) AS person, week_start,
    (1 + date_diff('day', cal.monday, week_start) // 7)::INTEGER AS week_no,
    ${flags.map((s) => `${s},`).join('\n    ')}
    ${perRole(p.norms, (ns) => ns.map((n) => `(NOT ${reported(n)} OR ${meetsSql(n)})`).join(' AND '))} AS all_met,
    ${perRole(p.norms, (ns) => ns.map((n) => `CASE WHEN ${reported(n)} THEN ${shortOfSql(n)} ELSE 0 END`).join(' + '))} AS shortfall,
    ${fields(p.norms).join(', ')}, absent.fields AS absent_fields
  FROM ${personWeeksSql(fields(p.norms))} worklogs LEFT JOIN cal USING (semester) LEFT JOIN ${missingFieldsSql('worklogs')} absent USING (semester, department, role)
),
-- The rows of monthly reports (工作月报): one per person and month, for the monthly norms.
mon AS (
  SELECT semester, department, role, department || '|' || COALESCE(staff_id, name) AS person, month,
    ${fields(p.norms).join(', ')}, absent.fields AS absent_fields
  FROM worklogs LEFT JOIN ${missingFieldsSql('worklogs')} absent USING (semester, department, role)
  WHERE month IS NOT NULL
)`;
}

/** The order of the shortfall list: most weeks missing a weekly norm, then the largest total shortfall; ties in a fixed order. */
const SHORTFALL_ORDER = 'missed DESC, shortfall DESC, department, name, role, person';

const fields = (norms: readonly WorkloadNorm[]) => [...new Set(norms.map((n) => n.field))];

/** FNV-1a of the parameters the derived tables depend on. */
function digest(p: WorkloadParams): string {
  let h = 0x811c9dc5;
  for (const ch of JSON.stringify([p.norms, p.semesterMondays])) h = Math.imul(h ^ ch.codePointAt(0)!, 0x01000193) >>> 0;
  return h.toString(16).padStart(8, '0');
}

/**
 * The derived tables every workload query reads, small enough that a filter change costs
 * milliseconds even with a million work-log rows. Their names carry a digest of the norms and the
 * calendar, so a database prepared for other rules fails loudly instead of answering with them.
 *   cells:  person-weeks per semester × department × role × teaching week: for each weekly norm
 *           i, rows meeting it (met<i>) and rows it applies to (n<i>); rows meeting all their
 *           role's weekly norms (met_all) and rows with weekly norms (n_all);
 *   months: per semester × department × role × person × calendar month, the sum of each field a
 *           monthly norm counts (sum_<field>) over the weeks starting in it and the monthly
 *           reports' rows for it, for the roles with monthly norms;
 *   people: per semester × department × role × person: rows, rows with weekly norms (weeks), rows
 *           missing one (missed), total shortfall; per norm i, rows meeting it (met<i>); and the
 *           sum of each field (sum_<field>).
 */
export function workloadTables(p: WorkloadParams): { cells: string; months: string; people: string } {
  const tag = digest(p);
  return { cells: `workload_cells_${tag}`, months: `workload_months_${tag}`, people: `workload_people_${tag}` };
}

/**
 * CREATE statements for the derived tables (idempotent). Every QueryRunner that answers workload
 * queries runs them once, after its tables are loaded: the build's (src/site/build-data.ts) and the
 * browser's (src/browser/duckdb.ts).
 */
export function workloadTablesSql(p: WorkloadParams): string[] {
  const t = workloadTables(p);
  const sums = fields(p.norms).map((f) => `SUM(COALESCE(${f}, 0)) AS sum_${f}`);
  const monthly = fields(p.norms.filter((n) => n.per === 'month'));
  const monthlyRoles = [...new Set(p.norms.filter((n) => n.per === 'month').map((n) => n.role))];
  const create = (name: string, select: string) => `CREATE TABLE IF NOT EXISTS ${name} AS WITH ${evaluatedSql(p)}\n${select}`;
  return [
    create(
      t.cells,
      `SELECT semester, department, role, week_no,
  ${weeklyNorms(p.norms)
    .map(({ i }) => `COUNT(*) FILTER (WHERE w${i}) AS met${i}, COUNT(w${i}) AS n${i},`)
    .join('\n  ')}
  COUNT(*) FILTER (WHERE all_met) AS met_all, COUNT(all_met) AS n_all
FROM ev GROUP BY semester, department, role, week_no`,
    ),
    create(
      t.months,
      monthly.length
        ? // A month's sum of a field the form had no column for is NULL: 该项未报送, not 0.
          // A person's month: the weeks that start in it, and the rows of a monthly report for it.
          `SELECT semester, department, role, person, month, ${monthly.map((f) => `CASE WHEN bool_and(NOT list_contains(COALESCE(absent_fields, []), ${sqlString(f)})) THEN SUM(COALESCE(${f}, 0)) END AS sum_${f}`).join(', ')}
FROM (
  SELECT semester, department, role, person, strftime(week_start, '%Y-%m') AS month, ${monthly.join(', ')}, absent_fields FROM ev
  UNION ALL SELECT semester, department, role, person, month, ${monthly.join(', ')}, absent_fields FROM mon
) WHERE role IN (${monthlyRoles.map(sqlString).join(', ')}) GROUP BY ALL`
        : `SELECT semester, department, role, person, NULL::VARCHAR AS month FROM ev WHERE FALSE`,
    ),
    // Counts and the shortfall are stored in the types the queries return and sort by: a Top-N over
    // a cast of a column can return wrong rows in DuckDB 1.5 (duckdb/duckdb#25158). `rank` is each
    // person's place in the shortfall list of their semester, so that list is a read by rank.
    create(
      t.people,
      `SELECT *, (ROW_NUMBER() OVER (PARTITION BY semester ORDER BY ${SHORTFALL_ORDER}))::INTEGER AS rank FROM (
SELECT semester, department, role, person, ANY_VALUE(name) AS name, ANY_VALUE(staff_id) AS staff_id,
  COUNT(*)::INTEGER AS rows, COUNT(all_met)::INTEGER AS weeks, (COUNT(*) FILTER (WHERE NOT all_met))::INTEGER AS missed,
  SUM(shortfall)::DOUBLE AS shortfall,
  ${[...p.norms.map((n, i) => `(COUNT(*) FILTER (WHERE ${meetsSql(n)}))::INTEGER AS met${i}`), ...sums].join(',\n  ')}
FROM ev GROUP BY semester, department, role, person)
ORDER BY semester, rank`,
    ),
  ];
}

export interface NormShareRow {
  department: string;
  norm: number;
  role: string;
  /** NULL where no department in view had the norm's column (该项未报送 for all of them). */
  met: number | null;
  periods: number | null;
  /** The departments in view whose form lacked the norm's column (该项未报送: out of the share), joined "甲系、乙系"; NULL: none. */
  not_reported: string | null;
}

/**
 * Per norm of the profile (index into `norms`) and unit: periods meeting it, and periods — and the
 * departments whose form lacked the norm's column, so a norm is never dropped for want of it.
 */
export function normSharesSql(p: WorkloadParams, f: Partial<Filters>, by: 'department' | 'institution'): string {
  const t = workloadTables(p);
  const unit = by === 'department' ? 'department' : sqlString(INSTITUTION);
  const where = (n: WorkloadNorm) => `role = ${sqlString(n.role)} AND ${filterSql(f)}`;
  const parts = p.norms.map((n, i) => {
    if (n.per !== 'month')
      return `SELECT ${unit} AS department, ${i} AS norm, ${sqlString(n.role)} AS role,
    SUM(met${i})::INTEGER AS met, SUM(n${i})::INTEGER AS periods
  FROM ${t.cells} WHERE ${where(n)} GROUP BY ALL`;
    // A person-month is (department, person, month) over the semesters chosen: with one semester
    // each is one row of the table already; across semesters a month's parts are added up first.
    const months = f.semester
      ? `SELECT department, sum_${n.field} AS total FROM ${t.months} WHERE ${where(n)}`
      : `SELECT department, person, month, SUM(sum_${n.field}) AS total FROM ${t.months} WHERE ${where(n)} GROUP BY department, person, month`;
    return `SELECT ${unit} AS department, ${i} AS norm, ${sqlString(n.role)} AS role,
    COUNT(*) FILTER (WHERE ${meetsSql(n, 'total')})::INTEGER AS met, COUNT(total)::INTEGER AS periods
  FROM (${months}) GROUP BY ALL`;
  });
  if (!parts.length) return `SELECT NULL AS department WHERE FALSE`;
  const absent = p.norms.map(
    (n, i) => `SELECT ${unit} AS department, ${i} AS norm, ${sqlString(n.role)} AS role, string_agg(DISTINCT department, '、' ORDER BY department) AS not_reported
  FROM ${missingFieldsSql('worklogs')} WHERE ${where(n)} AND list_contains(fields, ${sqlString(n.field)}) GROUP BY ALL`,
  );
  // The figures and the lacking columns side by side: each side has one row at most per department,
  // norm and role, so grouping their rows together joins them as a FULL OUTER JOIN would (which DuckDB
  // cannot ask for many departments at once, src/site/batched-queries.ts); MAX of the one value is it.
  // Rows without a department stay apart, as a join leaves them (NULL matches nothing).
  // A norm with no period in view (its column lacking wherever it applies) has no figure: NULL, not 0 of 0.
  return `SELECT department, norm, role, CASE WHEN MAX(periods) > 0 THEN MAX(met) END AS met, NULLIF(MAX(periods), 0) AS periods, MAX(not_reported) AS not_reported
FROM (SELECT *, NULL::VARCHAR AS not_reported, FALSE AS lacking FROM (${parts.join('\nUNION ALL\n')})
UNION ALL BY NAME SELECT *, TRUE AS lacking FROM (${absent.join('\nUNION ALL\n')}))
GROUP BY department, norm, role, CASE WHEN department IS NULL THEN lacking END
HAVING MAX(periods) > 0 OR MAX(not_reported) IS NOT NULL ORDER BY norm, department`;
}

export interface AllNormsRow {
  department: string;
  role: string;
  met: number;
  periods: number;
  /** A department whose work log could not be read: what stands in place of its figure (no rows of it are counted). */
  note: string | null;
  /** 全院: the departments whose work log could not be read, left out. */
  excluded: string | null;
  /** Norms a form lacked the column for (该项未报送), judged without them: "联系任课教师" / 全院 "甲系：联系任课教师". */
  not_reported: string | null;
}

/** The norms' labels for a list of fields, as SQL over `fields`. */
const normLabelsSql = (p: WorkloadParams, fields: string) => {
  const labels = [...new Map(p.norms.map((n) => [n.field, n.label])).entries()];
  return labels.length ? `list_transform(${fields}, x -> CASE x ${labels.map(([f, l]) => `WHEN ${sqlString(f)} THEN ${sqlString(l)}`).join(' ')} ELSE x END)` : fields;
};

/** Per unit and role: person-weeks meeting every weekly norm of their role. */
export function allWeeklyNormsSql(p: WorkloadParams, f: Partial<Filters>, by: 'department' | 'institution'): string {
  const unit = by === 'department' ? 'department' : sqlString(INSTITUTION);
  const roles = f.role ? `role = ${sqlString(f.role)}` : 'TRUE';
  const where = filterSql({ semester: f.semester, department: f.department });
  const absent = `(SELECT semester, department, role, array_to_string(${normLabelsSql(p, 'fields')}, '、') AS labels FROM ${missingFieldsSql('worklogs')} WHERE ${roles} AND ${where})`;
  const unread = `(SELECT semester, department, note FROM ${coverageGapsSql(['worklogs'])} WHERE unreadable AND ${where})`;
  const notReported =
    by === 'department'
      ? `(SELECT string_agg(DISTINCT a.labels, '、') FROM ${absent} a WHERE a.department = c.department AND a.role = c.role)`
      : `(SELECT string_agg(DISTINCT a.department || '：' || a.labels, '；' ORDER BY a.department || '：' || a.labels) FROM ${absent} a WHERE a.role = c.role)`;
  const rows = `SELECT ${unit} AS department, role, SUM(met_all)::INTEGER AS met, SUM(n_all)::INTEGER AS periods
FROM ${workloadTables(p).cells} WHERE n_all > 0 AND ${filterSql(f)} GROUP BY ALL`;
  // A department whose work log was set aside has no rows: its note stands in their place; 全院 names it.
  return by === 'department'
    ? `SELECT c.*, NULL::VARCHAR AS note, NULL::VARCHAR AS excluded, ${notReported} AS not_reported FROM (${rows}) c
UNION ALL SELECT DISTINCT department, ${sqlString(f.role ?? 'counselor')} AS role, 0, 0, note, NULL, NULL FROM ${unread} u
ORDER BY role, department`
    : `SELECT c.*, NULL::VARCHAR AS note,
  (SELECT string_agg(DISTINCT u.department || '：' || regexp_replace(u.note, '，待重新报送', '', 'g'), '；') FROM ${unread} u) AS excluded,
  ${notReported} AS not_reported FROM (${rows}) c ORDER BY role, department`;
}

export interface HeatCell {
  department: string;
  week_no: number;
  met: number;
  periods: number;
}

/** Department × teaching week (1…semester_weeks): person-weeks meeting all weekly norms. */
export function heatmapSql(p: WorkloadParams, f: Partial<Filters>): string {
  return `SELECT department, week_no, SUM(met_all)::INTEGER AS met, SUM(n_all)::INTEGER AS periods
FROM ${workloadTables(p).cells} WHERE n_all > 0 AND week_no BETWEEN 1 AND ${sqlNumber(p.semesterWeeks)} AND ${filterSql(f)}
GROUP BY ALL ORDER BY department, week_no`;
}

/**
 * A person's rows of the people table for the filters: with one semester chosen, the table's own
 * rows (a person is one row per semester and role); across semesters, added up per person.
 * `columns`: output name → [column of the table, SQL type of the sum across semesters].
 */
function peopleSql(p: WorkloadParams, f: Partial<Filters>, where: string, columns: Record<string, readonly [string, string]>): string {
  const t = workloadTables(p).people;
  const cols = Object.entries(columns);
  if (f.semester)
    return `SELECT department, role, person, name, staff_id, ${cols.map(([as, [c]]) => `${c} AS ${as}`).join(', ')}
  FROM ${t} WHERE ${where} AND ${filterSql(f)}`;
  return `SELECT department, role, person, ANY_VALUE(name) AS name, ANY_VALUE(staff_id) AS staff_id, ${cols.map(([as, [c, type]]) => `SUM(${c})::${type} AS ${as}`).join(', ')}
  FROM ${t} WHERE ${where} AND ${filterSql(f)} GROUP BY department, role, person`;
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
  // With one semester, the people table's rank is that order already.
  const people = peopleSql(p, f, 'weeks > 0', {
    weeks: ['weeks', 'INTEGER'],
    missed: ['missed', 'INTEGER'],
    shortfall: ['shortfall', 'DOUBLE'],
    ...(f.semester ? { rank: ['rank', 'INTEGER'] as const } : {}),
  });
  return `SELECT department, role, name, staff_id, weeks, missed AS weeks_missed, shortfall
FROM (${people})
WHERE missed > 0
ORDER BY ${f.semester ? 'rank' : SHORTFALL_ORDER} LIMIT ${sqlNumber(limit)}`;
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
  // A person is one role's: (department, person) within the role is the same group as (department, role, person).
  return `SELECT department, name, staff_id, weeks, met, (total / weeks)::DOUBLE AS mean
FROM (${peopleSql(p, f, `role = ${sqlString(n.role)}`, { weeks: ['rows', 'INTEGER'], met: [`met${norm}`, 'INTEGER'], total: [`sum_${n.field}`, 'DOUBLE'] })})
ORDER BY department, name, person`;
}
