/**
 * The public build asks the queries of one form for many departments as one (src/site/batched-queries.ts):
 * whatever form a query has, the rows runOnce gives it are the rows DuckDB gives it asked alone, in
 * the same order — for forms it can batch and those it asks one by one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NodeRunner } from '../../src/io/duckdb-node.ts';
import { peopleTable } from '../support/people-table.ts';
import { sqlString } from '../../src/metrics/sql.ts';
import { formsAcross, queryForms, splitOrderBy } from '../../src/site/batched-queries.ts';
import { queriesByFieldsRead, runOnce } from '../../src/site/public-build.ts';
import type { DashboardContext } from '../../src/dashboard/context.ts';
import type { Panel, State } from '../../src/dashboard/types.ts';

const DEPARTMENTS = ['甲系', '乙系', '甲系二部', "丙'系", '丁系'];

/** Each form, asked for every department (and once for none). */
const FORMS: Array<(d: string) => string> = [
  // ordered by what the rows show, with ties broken by a second item
  (d) => `SELECT department, role, COUNT(*)::INTEGER AS n FROM people WHERE department = ${d} GROUP BY ALL ORDER BY n DESC, role`,
  // one row a department, no ORDER BY
  (d) => `SELECT COUNT(*)::INTEGER AS n, ${d} AS department FROM people WHERE department = ${d}`,
  // several rows in no stated order: asked one by one
  (d) => `SELECT role FROM people WHERE department = ${d}`,
  // a FULL OUTER JOIN, which DuckDB cannot unnest: asked one by one
  (d) => `SELECT * FROM (SELECT role, COUNT(*) AS n FROM people WHERE department = ${d} GROUP BY ALL) a FULL OUTER JOIN (SELECT 'x' AS role) b USING (role) ORDER BY role`,
  // a LIMIT at the top: asked one by one
  (d) => `SELECT role FROM people WHERE department = ${d} ORDER BY role LIMIT 1`,
  // a department's share of the whole (its name in a subquery, the ORDER BY inside an aggregate not the last clause)
  (d) => `SELECT string_agg(role, '、' ORDER BY role) AS roles, (SELECT COUNT(*) FROM people p WHERE p.department = ${d}) * 1.0 / COUNT(*) AS share FROM people ORDER BY roles`,
];

let runner: NodeRunner;
beforeAll(async () => {
  runner = await peopleTable(DEPARTMENTS);
});
afterAll(() => runner.close());

describe('queries asked together', () => {
  it('give every query the rows it gives alone, in its order', async () => {
    const sqls = FORMS.flatMap((form) => [...DEPARTMENTS.map((d) => form(sqlString(d))), form("'全院'")]);
    const { forms, single } = queryForms(sqls, DEPARTMENTS);
    // Every form that names a department is asked together, until DuckDB says otherwise.
    expect(forms.length).toBe(FORMS.length - 1);
    expect(single.length).toBe(FORMS.length + DEPARTMENTS.length);
    const together = await runOnce(sqls, runner, [DEPARTMENTS]);
    for (const sql of sqls) expect(together.get(sql), sql).toEqual(await runner.query(sql));
  });

  it('ask the queries naming no single department together by the next axis', async () => {
    const roles = ['counselor', 'assistant', 'class_teacher'];
    const byRole: Array<(r: string) => string> = [
      // every department's count of a role, ordered
      (r) => `SELECT department, COUNT(*)::INTEGER AS n FROM people WHERE role = ${r} GROUP BY ALL ORDER BY n DESC, department`,
      // two departments named: not a department form, a role form
      (r) => `SELECT COUNT(*)::INTEGER AS n FROM people WHERE role = ${r} AND department IN ('甲系', '乙系')`,
      // several rows in no stated order: asked one by one
      (r) => `SELECT department FROM people WHERE role = ${r}`,
    ];
    // a department's count of a role: the departments' forms, one per role, joined as one over both names
    const byDepartmentAndRole = (d: string, r: string) => `SELECT COUNT(*)::INTEGER AS n, ${d} AS department FROM people WHERE department = ${d} AND role = ${r}`;
    const both = DEPARTMENTS.flatMap((d) => roles.map((r) => byDepartmentAndRole(sqlString(d), sqlString(r))));
    const sqls = [...byRole.flatMap((form) => roles.map((r) => form(sqlString(r)))), ...both];
    const departmentForms = queryForms(sqls, DEPARTMENTS);
    expect(queryForms(departmentForms.single, roles, 2).forms.length).toBe(byRole.length);
    expect(departmentForms.forms.length).toBe(roles.length);
    const across = formsAcross(departmentForms.forms, roles);
    expect(across.map((f) => [f.queries.length, f.parts?.length])).toEqual([[DEPARTMENTS.length * roles.length, roles.length]]);
    const together = await runOnce(sqls, runner, [DEPARTMENTS, roles]);
    for (const sql of sqls) expect(together.get(sql), sql).toEqual(await runner.query(sql));
  });

  it('move only a final ORDER BY at the top of the query', () => {
    expect(splitOrderBy(`SELECT string_agg(a ORDER BY b) FROM t ORDER BY c DESC, d`)).toEqual({ body: 'SELECT string_agg(a ORDER BY b) FROM t', order: 'c DESC, d' });
    expect(splitOrderBy(`SELECT 'ORDER BY x' AS s FROM t`)).toEqual({ body: `SELECT 'ORDER BY x' AS s FROM t`, order: null });
    expect(splitOrderBy(`SELECT a FROM t ORDER BY 1`)).toBeNull();
    expect(splitOrderBy(`SELECT a FROM (SELECT a FROM t LIMIT 3) ORDER BY a`)).toEqual({ body: 'SELECT a FROM (SELECT a FROM t LIMIT 3)', order: 'a' });
  });

  it('write a panel\'s queries once per value of the fields they read, the same as for each state', () => {
    let written = 0;
    // Reads `view` only for one semester, and never `order`: a branch the recording must follow.
    const panel = {
      id: 'p',
      queries: (s: State) => (written++, { rows: `SELECT ${s.semester === '2025-2026-1' ? `'${s.view}'` : 'NULL'} AS v, ${sqlString(s.department ?? '全院')} AS d` }),
    } as unknown as Panel;
    const states: State[] = [];
    for (const semester of ['2024-2025-2', '2025-2026-1']) for (const department of [null, '甲系']) for (const view of ['a', 'b']) for (const order of ['x', 'y', 'z']) states.push({ semester, department, role: null, view, order });
    const queries = queriesByFieldsRead(panel, {} as DashboardContext);
    for (const state of states) expect(queries(state)).toEqual(panel.queries(state, {} as DashboardContext));
    // 24 states, written for 2 × 2 × 2 of them at most (the first call of each), and 24 times by the direct calls.
    expect(written - states.length).toBeLessThanOrEqual(8);
  });
});
