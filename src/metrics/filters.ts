/**
 * The filters every page offers — semester, department, role — as SQL conditions. A filter that
 * is not set (or that a table has no column for) leaves the rows alone.
 */
import { sqlString } from './sql.ts';

export interface Filters {
  semester: string;
  department: string | null;
  role: string | null;
}

/** Which column of a table carries each filter; omit a filter the table cannot take. */
export interface FilterColumns {
  semester?: string;
  department?: string;
  role?: string;
}

const DEFAULT_COLUMNS: FilterColumns = { semester: 'semester', department: 'department', role: 'role' };

/** `AND`-joined conditions (or TRUE), to drop into a WHERE clause. */
export function filterSql(f: Partial<Filters>, columns: FilterColumns = DEFAULT_COLUMNS): string {
  const conditions: string[] = [];
  for (const key of ['semester', 'department', 'role'] as const) {
    const value = f[key];
    const column = columns[key];
    if (value != null && value !== '' && column) conditions.push(`${column} = ${sqlString(value)}`);
  }
  return conditions.length ? conditions.join(' AND ') : 'TRUE';
}

/** A semester id's parts as SQL on a column: its academic year ('2025-2026') and first calendar year. */
export const academicYearSql = (column: string) => `LEFT(${column}, 9)`;
export const startYearSql = (column: string) => `CAST(LEFT(${column}, 4) AS INTEGER)`;
/** The calendar year a semester starts in: autumn in its first year, spring in its second. */
export const calendarYearSql = (column: string) => `(${startYearSql(column)} + CASE WHEN RIGHT(${column}, 1) = '2' THEN 1 ELSE 0 END)`;
