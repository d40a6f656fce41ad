/**
 * Excellence quota: per semester, department and role, 优秀 may go to at most a share of those
 * assessed (20 % in seed 000). allowed = ⌊n × quota⌋ computed in whole numbers from the quota as
 * an exact fraction (0.2 = 1/5), so n = 15 gives 3, never 2 through a binary rounding error.
 */
import { filterSql, type Filters } from './filters.ts';
import { sqlNumber, sqlString } from './sql.ts';
import { INSTITUTION } from './staffing.ts';

export interface QuotaParams {
  quota: number;
  rounding: 'floor' | 'round' | 'ceil';
}

export interface QuotaRow {
  department: string;
  role: string;
  assessed: number;
  allowed: number;
  used: number;
  over: boolean;
}

/** 0.2 → [2, 10]: the decimal digits as written, exactly. */
export function quotaFraction(q: number): [number, number] {
  const digits = (String(q).split('.')[1] ?? '').length;
  const d = 10 ** digits;
  return [Math.round(q * d), d];
}

function allowedSql(p: QuotaParams, n: string): string {
  const [num, den] = quotaFraction(p.quota).map(sqlNumber);
  const product = `${n}::BIGINT * ${num}`;
  // Integer division floors (counts are non-negative); round half up and ceil by offsetting.
  const offset = { floor: '0', round: `${den} // 2`, ceil: `${den} - 1` }[p.rounding];
  return `((${product} + ${offset}) // ${den})::INTEGER`;
}

/** One row per department and role; `institution` adds the totals per role under 全院. */
export function quotaSql(p: QuotaParams, f: Partial<Filters>): string {
  return `WITH units AS (
  SELECT department, role, COUNT(*)::INTEGER AS assessed, COUNT(*) FILTER (WHERE grade = 'excellent')::INTEGER AS used
  FROM assessments WHERE ${filterSql(f)} GROUP BY ALL
)
SELECT department, role, assessed, ${allowedSql(p, 'assessed')} AS allowed, used, used > ${allowedSql(p, 'assessed')} AS over
FROM units ORDER BY role, department`;
}

export interface QuotaTotalRow {
  department: string;
  assessed: number;
  allowed: number;
  used: number;
  units_over: number;
}

/** The institution: the units' allowed counts added up (the quota applies per department and role). */
export function quotaTotalSql(p: QuotaParams, f: Partial<Filters>): string {
  return `SELECT ${sqlString(INSTITUTION)} AS department, COALESCE(SUM(assessed), 0)::INTEGER AS assessed,
  COALESCE(SUM(allowed), 0)::INTEGER AS allowed, COALESCE(SUM(used), 0)::INTEGER AS used,
  COUNT(*) FILTER (WHERE over)::INTEGER AS units_over
FROM (${quotaSql(p, f)})`;
}
