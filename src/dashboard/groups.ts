/**
 * Whose figures the panels' rows are (types.ts RowPeople), for the public build: the descriptions
 * the pages share. A row of one role counts that role's population; a view of all roles counts all of them.
 */
import { POPULATIONS, rolePopulations } from '../domain/disclosure.ts';
import type { EmploymentScope } from '../metrics/structure.ts';
import type { RowPeople, State } from './types.ts';

/** Rows of a fixed set of populations. */
export const counting = (populations: readonly string[], more: Partial<RowPeople> = {}): RowPeople => ({ populations: () => populations, ...more });

/** Rows each of one role (a `role` column), of the kind's population of that role. */
export const perRole = (kind: 'assessed' | 'scored' | 'itemised' | 'worklog', more: Partial<RowPeople> = {}): RowPeople => ({
  populations: (s) => rolePopulations(kind, s.role),
  of: (row) => POPULATIONS[kind](String(row.role)),
  ...more,
});

/** Rows over every role the view selects (all of them when none is). */
export const acrossRoles = (kind: 'assessed' | 'scored' | 'itemised' | 'worklog', more: Partial<RowPeople> = {}): RowPeople => ({ populations: (s) => rolePopulations(kind, s.role), ...more });

/** Full-time, part-time or all counselors on the roster. */
export function rosterPopulations(scope: EmploymentScope): string[] {
  return scope === 'full_time' ? [POPULATIONS.fullTime] : scope === 'part_time' ? [POPULATIONS.partTime] : [POPULATIONS.fullTime, POPULATIONS.partTime];
}

/**
 * The staffing rows (师生比): head counts are no one's attribute, but how many were hired through a
 * disallowed method is, over all the department's counselors. Each row's own semester (a trend has many).
 */
export const staffingRows = (more: Partial<RowPeople> = {}): RowPeople => ({
  populations: () => [POPULATIONS.roster],
  columns: ['flagged_hiring'],
  semester: (s: State, _ctx, row) => (row?.semester as string | undefined) ?? s.semester,
  ...more,
});
