/**
 * The one way a metric asks what its figures rest on: the `coverage` table the ingest writes
 * (src/collection/coverage.ts). A department whose export a figure needs was not sent or could not
 * be read has no figure — its note stands in place of it — and is left out of the institution's
 * figure, which names it (`excluded`). A field a department's form lacked is 该项未报送 for that
 * department and role: out of the share, not a 0.
 */
import type { TableKind } from '../domain/tables/index.ts';
import { sqlString } from './sql.ts';

/** Statuses whose rows are counted (as in USABLE_STATUSES): written here as SQL. */
const USABLE = `('received', 'partial')`;

/**
 * Per semester × department whose data for `kinds` is missing or unreadable: `note` (what stands
 * in place of its figures, the kinds' notes joined) and, per kind, `lacks_<kind>`.
 */
export function coverageGapsSql(kinds: readonly TableKind[]): string {
  const list = kinds.map(sqlString).join(', ');
  return `(SELECT semester, department, string_agg(note, '；' ORDER BY kind) AS note, bool_or(status = 'unreadable') AS unreadable,
    ${kinds.map((k) => `bool_or(kind = ${sqlString(k)}) AS lacks_${k}`).join(', ')}
  FROM coverage WHERE field IS NULL AND kind IN (${list}) AND status NOT IN ${USABLE} GROUP BY ALL)`;
}

/**
 * The institution's exclusions per semester from units carrying a `note` (NULL: counted):
 * "艺术设计系：辅导员名册未能导入" for each, joined — an aggregate over `units`.
 */
export const excludedAggregateSql = (unit = 'department', note = 'note') =>
  `string_agg(${unit} || '：' || regexp_replace(${note}, '，待重新报送', '', 'g'), '；' ORDER BY ${unit}) FILTER (WHERE ${note} IS NOT NULL)`;

/** The fields of `kind` a department's (and role's) form lacked: (semester, department, role, fields: a list). */
export function missingFieldsSql(kind: TableKind): string {
  return `(SELECT semester, department, role, list(field ORDER BY field) AS fields FROM coverage WHERE kind = ${sqlString(kind)} AND status = 'column_missing' GROUP BY ALL)`;
}

/** "全院（不含艺术设计系：辅导员名册未能导入）", or the unit's own name when nothing is left out. */
export function scopeWithExclusions(unit: string, excluded: string | null | undefined): string {
  return excluded ? `${unit}（不含${excluded}）` : unit;
}

/** The gaps for `kinds` joined to a row source aliased `alias` (with semester and department): `gaps.note` set on rows not counted. */
export const gapsJoinSql = (kinds: readonly TableKind[], alias: string) =>
  `LEFT JOIN ${coverageGapsSql(kinds)} gaps ON gaps.semester = ${alias}.semester AND gaps.department = ${alias}.department`;

/** The condition a row is counted on (with gapsJoinSql): its department's data for the figure was received and read. */
export const COUNTED = 'gaps.note IS NULL';

/** A unit's `note` (a department's: what stands in place of its figure) and `excluded` (the institution's: who is left out), with gapsJoinSql. */
export const coverageColumnsSql = (by: 'department' | 'institution', alias: string) =>
  by === 'department'
    ? `ANY_VALUE(gaps.note) AS note, NULL::VARCHAR AS excluded`
    : `NULL::VARCHAR AS note, string_agg(DISTINCT ${alias}.department || '：' || regexp_replace(gaps.note, '，待重新报送', '', 'g'), '；' ORDER BY ${alias}.department || '：' || regexp_replace(gaps.note, '，待重新报送', '', 'g')) FILTER (WHERE gaps.note IS NOT NULL) AS excluded`;

/**
 * The institution's `excluded` for a figure over people listed in `kinds` (a roster): the
 * departments whose list was sent but not read have no rows to leave out, so they are named from
 * the coverage table itself. A department that sent none is not named (it has nobody to count).
 */
export const unreadableExcludedSql = (kinds: readonly TableKind[], semester: string | undefined) =>
  `(SELECT string_agg(department || '：' || regexp_replace(note, '，待重新报送', '', 'g'), '；' ORDER BY department) FROM coverage
  WHERE field IS NULL AND kind IN (${kinds.map(sqlString).join(', ')}) AND status = 'unreadable'${semester ? ` AND semester = ${sqlString(semester)}` : ''})`;
