/**
 * The internal build's prerendering asks a department page's queries for every department at once
 * (src/site/prerender-queries.ts): each query still gets the rows DuckDB gives it asked alone, in
 * the same order, and DuckDB is asked far fewer times than there are queries.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NodeRunner } from '../../src/io/duckdb-node.ts';
import { peopleTable } from '../support/people-table.ts';
import { sqlString, type QueryRunner } from '../../src/metrics/sql.ts';
import { eachQueryOnce } from '../../src/site/prerender-queries.ts';

const DEPARTMENTS = ['甲系', '乙系', '甲系二部', "丙'系", '丁系', '戊系'];

/** A department page's queries: ordered rows, one row, rows in no stated order, a FULL OUTER JOIN, a LIMIT. */
const PAGE: Array<(d: string) => string> = [
  (d) => `SELECT department, role, COUNT(*)::INTEGER AS n FROM people WHERE department = ${d} GROUP BY ALL ORDER BY n DESC, role`,
  (d) => `SELECT COUNT(*)::INTEGER AS n, ${d} AS department FROM people WHERE department = ${d}`,
  (d) => `SELECT role FROM people WHERE department = ${d}`,
  (d) => `SELECT * FROM (SELECT role, COUNT(*) AS n FROM people WHERE department = ${d} GROUP BY ALL) a FULL OUTER JOIN (SELECT 'x' AS role) b USING (role) ORDER BY role`,
  (d) => `SELECT role FROM people WHERE department = ${d} ORDER BY role LIMIT 1`,
  // the same on every page
  () => `SELECT department, COUNT(*)::INTEGER AS n FROM people GROUP BY ALL ORDER BY department`,
];

let runner: NodeRunner;
beforeAll(async () => {
  runner = await peopleTable(DEPARTMENTS);
});
afterAll(() => runner.close());

describe('the prerendering’s queries', () => {
  it('give each department’s page the rows its queries give alone, asking DuckDB far fewer times', async () => {
    const asked: string[] = [];
    const counting: QueryRunner = { query: (sql) => (asked.push(sql), runner.query(sql)) };
    const once = eachQueryOnce(counting, DEPARTMENTS);
    // Pages are rendered one after another, each asking its queries in turn.
    for (const d of DEPARTMENTS)
      for (const page of PAGE) {
        const sql = page(sqlString(d));
        expect(await once.query(sql), sql).toEqual(await runner.query(sql));
      }
    // The forms DuckDB can ask together: alone for the first department, then once for all the rest.
    for (const page of PAGE.slice(0, 2)) {
      expect(DEPARTMENTS.filter((d) => asked.includes(page(sqlString(d))))).toEqual(DEPARTMENTS.slice(0, 1));
      expect(asked.filter((sql) => sql.includes('LATERAL') && sql.includes(page('__state.__name0').split(' FROM ')[0]!)).length).toBe(1);
    }
    // The others each alone.
    for (const page of PAGE.slice(2, 5)) for (const d of DEPARTMENTS) expect(asked).toContain(page(sqlString(d)));
    // The shared query once only.
    expect(asked.filter((sql) => sql === PAGE.at(-1)!('')).length).toBe(1);
  });

  it('order the rows of a form ordered by its tables’ columns (r.department) by the columns the rows show, and only those', async () => {
    const joined = (d: string) =>
      `SELECT p.department, p.role, q.n FROM people p JOIN (SELECT department, COUNT(*)::INTEGER AS n FROM people GROUP BY ALL) q ON q.department = p.department WHERE p.department = ${d} ORDER BY p.role DESC, p.department`;
    // Shows other columns under these names: its order is not the rows' own columns'.
    const renamed = (d: string) => `SELECT p.role AS department, p.department AS role FROM people p WHERE p.department = ${d} ORDER BY p.department, p.role DESC`;
    const asked: string[] = [];
    const once = eachQueryOnce({ query: (sql) => (asked.push(sql), runner.query(sql)) }, DEPARTMENTS);
    for (const d of DEPARTMENTS)
      for (const form of [joined, renamed]) {
        const sql = form(sqlString(d));
        expect(await once.query(sql), sql).toEqual(await runner.query(sql));
      }
    expect(DEPARTMENTS.filter((d) => asked.includes(joined(sqlString(d))))).toEqual(DEPARTMENTS.slice(0, 1));
    for (const d of DEPARTMENTS) expect(asked).toContain(renamed(sqlString(d)));
  });

  it('ask a query naming one department alone until a second department asks its form', async () => {
    const asked: string[] = [];
    const once = eachQueryOnce({ query: (sql) => (asked.push(sql), runner.query(sql)) }, DEPARTMENTS);
    const sql = PAGE[0]!(sqlString('乙系'));
    expect(await once.query(sql)).toEqual(await runner.query(sql));
    expect(await once.query(sql)).toEqual(await runner.query(sql));
    expect(asked).toEqual([sql]);
  });

  it('ask the queries a page waits for before those asked ahead for the pages to come', async () => {
    const asked: string[] = [];
    const once = eachQueryOnce({ query: (sql) => (asked.push(sql), runner.query(sql)) }, DEPARTMENTS);
    // A FULL OUTER JOIN cannot be asked for every department as one: each department's is asked ahead.
    const joined = PAGE[3]!;
    await once.query(joined(sqlString(DEPARTMENTS[0]!)));
    await once.query(joined(sqlString(DEPARTMENTS[1]!)));
    const next = PAGE[0]!(sqlString(DEPARTMENTS[1]!));
    expect(await once.query(next)).toEqual(await runner.query(next));
    const last = joined(sqlString(DEPARTMENTS.at(-1)!));
    expect(asked.indexOf(next)).toBeLessThan(asked.indexOf(last) < 0 ? Infinity : asked.indexOf(last));
    // Those asked ahead are still asked, and give their rows.
    expect(await once.query(last)).toEqual(await runner.query(last));
    expect(asked.filter((sql) => sql === last)).toHaveLength(1);
  });

  it('hand out copies: a panel sorting its rows changes no other page’s', async () => {
    const once = eachQueryOnce(runner, DEPARTMENTS);
    const sql = PAGE[0]!(sqlString('甲系'));
    const first = await once.query<{ n: number }>(sql);
    first.reverse();
    expect(await once.query(sql)).toEqual(await runner.query(sql));
  });
});
