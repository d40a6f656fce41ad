/**
 * The prerendering's queries (the internal build): each distinct query run once per build, and a
 * department's page's own queries asked for every department at once.
 *
 * Every department's page asks the same all-department queries (its ranks), and the same SQL of its
 * own differing only in its department's name. Each such query costs DuckDB its planning more than
 * its reading; at 120 departments the 20 of each page were most of the build. Once a query of one
 * form (the SQL with the department's name taken out) has been asked for a second department, the
 * form is asked for every department as one query (src/site/batched-queries.ts, as the public build
 * does) and its rows split back by department: the rows each query gives alone. A form DuckDB
 * cannot ask that way, or whose rows it cannot split, is asked query by query, as before.
 */
import type { QueryRunner } from '../metrics/sql.ts';
import { sqlString } from '../metrics/sql.ts';
import { formSql, queryForms, splitRows, type QueryForm } from './batched-queries.ts';

/** Each distinct query run once, its rows handed out as copies (a panel may sort what it gets). */
export function eachQueryOnce(db: QueryRunner, departments: readonly string[] = []): QueryRunner {
  const results = new Map<string, Promise<unknown[]>>();
  /** A form → the department it was first asked for, or true once it has been asked for every department. */
  const forms = new Map<string, string | true>();

  const ask = (sql: string, rows: Promise<unknown[]>) => {
    results.set(sql, rows);
    rows.catch(() => results.delete(sql));
  };

  /** Every department's query of `form` not asked yet, asked as one; each falls back to itself alone. */
  const askForEvery = (form: QueryForm, sql: string, department: string) => {
    const named = sqlString(department);
    const queries = departments.map((d) => ({ department: d, sql: sql.replaceAll(named, sqlString(d)) })).filter((q) => !results.has(q.sql));
    const job: QueryForm = { ...form, queries };
    const together = db.query<Record<string, unknown>>(formSql(job)).then(
      (rows) => splitRows(job, rows),
      () => null,
    );
    for (const q of queries) ask(q.sql, together.then((each) => each?.get(q.sql) ?? db.query(q.sql)));
  };

  return {
    async query<T>(sql: string): Promise<T[]> {
      if (!results.has(sql)) {
        const { forms: [form] } = queryForms([sql], departments, 1);
        if (form) {
          const key = `${form.body}\u0000${form.order}`;
          const department = form.queries[0]!.department;
          const first = forms.get(key);
          if (first === undefined) forms.set(key, department);
          else if (first !== true && first !== department) {
            forms.set(key, true);
            askForEvery(form, sql, department);
          }
        }
        if (!results.has(sql)) ask(sql, db.query(sql));
      }
      return structuredClone(await results.get(sql)!) as T[];
    },
  };
}
