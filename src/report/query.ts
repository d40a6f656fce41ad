/** The report's queries: the dashboard's SQL, its rows disclosed in a public build as the dashboard's are. */
import type { DashboardContext } from '../dashboard/context.ts';
import { discloseRows } from '../dashboard/public.ts';
import type { Disclosure } from '../dashboard/types.ts';
import type { QueryRunner } from '../metrics/sql.ts';

/**
 * A query's rows for the report; in a public build disclosed as the dashboard discloses them
 * (src/dashboard/public.ts), with the same description of whose figures they are.
 */
export function reportQuery(db: QueryRunner, ctx: DashboardContext, semester: string) {
  const state = { semester, department: null, role: null };
  return async <T>(sql: string, people: Disclosure): Promise<T[]> => {
    const rows = await db.query<T>(sql);
    return ctx.audience === 'public' ? (discloseRows(rows as Record<string, unknown>[], people, state, ctx) as T[]) : rows;
  };
}

