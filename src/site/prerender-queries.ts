/**
 * The prerendering's queries (the internal build): each distinct query run once per build, and a
 * department's page's own queries asked for every department at once.
 *
 * Every department's page asks the same all-department queries (its ranks), and the same SQL of its
 * own differing only in its department's name. Each such query costs DuckDB its planning more than
 * its reading; at 120 departments the 20 of each page were most of the build. Once a query of one
 * form (the SQL with the department's name taken out) is asked for a second department, the form is
 * asked for every department not asked yet as one query (src/site/batched-queries.ts, as the public
 * build does) and its rows split back by department: the rows each query gives alone.
 *
 * A form DuckDB cannot ask that way (a FULL OUTER JOIN, a correlated subquery), or whose rows it
 * cannot split, is asked query by query — for the pages still to come too, ahead of them, while the
 * page under way is drawn: DuckDB (one thread) and the drawing then share the two cores. A query a
 * page waits for always goes before those asked ahead.
 */
import type { QueryRunner } from '../metrics/sql.ts';
import { sqlString } from '../metrics/sql.ts';
import { formSql, queryForms, splitRows, type QueryForm } from './batched-queries.ts';

interface Job {
  sql: string;
  settle: (rows: Promise<unknown[]>) => void;
}

/**
 * DuckDB asked one query at a time: those a page waits for first, in the order asked, then those
 * asked ahead for pages still to come.
 */
class Queue {
  private readonly db: QueryRunner;
  private readonly now: Job[] = [];
  private readonly ahead = new Map<string, Job>();
  private busy = false;
  constructor(db: QueryRunner) {
    this.db = db;
  }

  ask(sql: string, waited: boolean): Promise<unknown[]> {
    return new Promise<unknown[]>((resolve, reject) => {
      const job: Job = { sql, settle: (rows) => rows.then(resolve, reject) };
      if (waited) this.now.push(job);
      else this.ahead.set(sql, job);
      this.next();
    });
  }

  /** A query asked ahead that a page now waits for: moved before the others asked ahead. */
  hurry(sql: string): void {
    const job = this.ahead.get(sql);
    if (!job) return;
    this.ahead.delete(sql);
    this.now.push(job);
  }

  private next(): void {
    if (this.busy) return;
    const job = this.now.shift() ?? this.ahead.values().next().value;
    if (!job) return;
    if (this.ahead.get(job.sql) === job) this.ahead.delete(job.sql);
    this.busy = true;
    const rows = this.db.query(job.sql);
    job.settle(rows);
    const done = () => {
      this.busy = false;
      this.next();
    };
    rows.then(done, done);
  }
}

/** Each distinct query run once, its rows handed out as copies (a panel may sort what it gets). */
export function eachQueryOnce(db: QueryRunner, departments: readonly string[] = []): QueryRunner {
  const queue = new Queue(db);
  const results = new Map<string, Promise<unknown[]>>();
  /** The queries a page has asked (waited for). */
  const waited = new Set<string>();
  /** A form → the department it was first asked for, or true once it has been asked for every department. */
  const forms = new Map<string, string | true>();

  const keep = (sql: string, rows: Promise<unknown[]>) => {
    results.set(sql, rows);
    rows.catch(() => results.delete(sql));
  };

  /** Every department's query of `form` not asked yet, asked as one; else each alone. */
  const askForEvery = (form: QueryForm, sql: string, department: string) => {
    const named = sqlString(department);
    const queries = departments.map((d) => ({ names: [d], sql: sql.replaceAll(named, sqlString(d)) })).filter((q) => !results.has(q.sql));
    const job: QueryForm = { ...form, queries };
    const together = queue.ask(formSql(job), true).then(
      (rows) => splitRows(job, rows as Array<Record<string, unknown>>),
      () => null,
    );
    for (const q of queries) keep(q.sql, together.then((each) => each?.get(q.sql) ?? queue.ask(q.sql, waited.has(q.sql))));
  };

  return {
    async query<T>(sql: string): Promise<T[]> {
      waited.add(sql);
      queue.hurry(sql);
      if (!results.has(sql)) {
        const { forms: [form] } = queryForms([sql], departments, 1);
        if (form) {
          const key = `${form.body}\u0000${form.order}`;
          const department = form.queries[0]!.names[0]!;
          const first = forms.get(key);
          if (first === undefined) forms.set(key, department);
          else if (first !== true && first !== department) {
            forms.set(key, true);
            askForEvery(form, sql, department);
          }
        }
        if (!results.has(sql)) keep(sql, queue.ask(sql, true));
      }
      return structuredClone(await results.get(sql)!) as T[];
    },
  };
}
