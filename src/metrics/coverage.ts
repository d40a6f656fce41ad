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
  return `(SELECT semester, department, string_agg(note, '；' ORDER BY kind) AS note,
    ${kinds.map((k) => `bool_or(kind = ${sqlString(k)}) AS lacks_${k}`).join(', ')}
  FROM coverage WHERE field IS NULL AND kind IN (${list}) AND status NOT IN ${USABLE} GROUP BY ALL)`;
}

/**
 * The institution's exclusions per semester from units carrying a `note` (NULL: counted):
 * "艺术设计系：辅导员名册未能导入" for each, joined — an aggregate over `units`.
 */
export const excludedAggregateSql = (unit = 'department', note = 'note') =>
  `string_agg(${unit} || '：' || regexp_replace(${note}, '，待重新报送', '', 'g'), '；' ORDER BY ${unit}) FILTER (WHERE ${note} IS NOT NULL)`;

/** The fields of `kind` a department's (and role's) form lacked: (semester, department, role, field). */
export function missingFieldsSql(kind: TableKind): string {
  return `(SELECT semester, department, role, field FROM coverage WHERE kind = ${sqlString(kind)} AND status = 'column_missing')`;
}

/** "全院（不含艺术设计系：辅导员名册未能导入）", or the unit's own name when nothing is left out. */
export function scopeWithExclusions(unit: string, excluded: string | null | undefined): string {
  return excluded ? `${unit}（不含${excluded}）` : unit;
}
