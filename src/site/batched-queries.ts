/**
 * The public build's queries asked together (src/site/public-build.ts runOnce): a page's panel asks
 * the same SQL for every department, differing only in the department's name, and each such query
 * costs DuckDB its planning (a few milliseconds) more than its reading — 38,000 of them at 120
 * departments. Those of one form are asked as one query over every department, LATERAL to a table
 * of the names: DuckDB plans it once and unnests it, and its rows split back by department are the
 * rows each query gives alone (the form's own ORDER BY, moved outside, keeps each one's order; an item
 * naming a table's column, as the metric SQL does, by the output column it is: orderByOutput).
 * A form this cannot express (a LIMIT, an ORDER BY on what the rows do not show, a subquery DuckDB
 * cannot unnest, several rows in no stated order) is asked query by query, as before. The same
 * for a second name (runOnce: the semester): the departments' forms that differ only in the
 * semester they name are asked as one over both names (or, should DuckDB refuse that, apart), and
 * the queries that name no single department (the institution's) are grouped by their semester.
 */
import { sqlString } from '../metrics/sql.ts';

/** A form of queries: the SQL with the names it differs in as `__state.__name0`, `__state.__name1`…, and the queries it stands for. */
export interface QueryForm {
  /** The form, without its final ORDER BY (`order`). */
  body: string;
  /** The form's final ORDER BY items, to order each query's rows outside; null if it has none (then each query's rows must be one at most). */
  order: string | null;
  /** Each query of the form, by the names it gives the form (a department's, then a semester's). */
  queries: Array<{ names: string[]; sql: string }>;
  /** The forms of one name fewer this one joins, to be asked apart if DuckDB cannot ask it whole. */
  parts?: QueryForm[];
}

const literalsMade = new WeakMap<readonly string[], { literals: Map<string, string>; pattern: RegExp }>();

/**
 * `names` as SQL literals, and a pattern that finds them (longest first: a name that begins another's
 * is matched as the whole literal it is). Made once per list: the prerendering asks with the same
 * departments for each of its thousands of queries.
 */
function literalsOf(names: readonly string[]): { literals: Map<string, string>; pattern: RegExp } {
  const made = literalsMade.get(names);
  if (made) return made;
  const literals = new Map(names.map((d) => [sqlString(d), d]));
  const pattern = new RegExp([...literals.keys()].sort((a, b) => b.length - a.length).map((l) => l.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g');
  literalsMade.set(names, { literals, pattern });
  return { literals, pattern };
}

/** Whether each character of `sql` is at its top level: outside parentheses, string literals and quoted names. */
function topLevel(sql: string): boolean[] {
  const top: boolean[] = new Array(sql.length).fill(false);
  let depth = 0;
  let quote: string | null = null;
  for (let i = 0; i < sql.length; i++) {
    const ch = sql[i]!;
    // A quote doubled inside a literal closes and reopens it: the same state either way.
    if (quote) quote = ch === quote ? null : quote;
    else if (ch === "'" || ch === '"') quote = ch;
    else if (ch === '(') depth++;
    else if (ch === ')') depth--;
    else top[i] = depth === 0;
  }
  return top;
}

/** The parts of `sql` split at its top-level commas. */
function topLevelItems(sql: string): string[] {
  const top = topLevel(sql);
  const items: string[] = [];
  let from = 0;
  for (let i = 0; i < sql.length; i++)
    if (sql[i] === ',' && top[i]) {
      items.push(sql.slice(from, i).trim());
      from = i + 1;
    }
  items.push(sql.slice(from).trim());
  return items;
}

/** The items of the query's final top-level SELECT list. */
function selectList(sql: string): string[] | null {
  const top = topLevel(sql);
  const at = (word: RegExp) => [...sql.matchAll(word)].filter((m) => top[m.index]).map((m) => m.index);
  const select = at(/\bSELECT\s/gi).pop();
  if (select === undefined) return null;
  const from = at(/\bFROM\b/gi).find((i) => i > select);
  return from === undefined ? null : topLevelItems(sql.slice(select + 'SELECT'.length, from));
}

/**
 * A form's ORDER BY as the rows outside its LATERAL can be ordered by: an item naming a table's
 * column (`r.department`) by the output column it is — where the final SELECT lists that very
 * column, not renamed, and no other column of that name — so that DuckDB, which sees only the output there, orders them the same.
 * The metric SQL keeps its qualified names (DuckDB-WASM 1.4 finds a bare name ambiguous where two
 * joined tables have it). Unchanged when any item is not such a column.
 */
export function orderByOutput(form: QueryForm): QueryForm {
  if (!form.order || !/\b\w+\.\w+\b/.test(form.order)) return form;
  const list = selectList(form.body);
  if (!list) return form;
  const listed = new Set(list);
  /** The name each item of the list gives its column. */
  const names = list.map((item) => /\s+AS\s+"?(\w+)"?$/i.exec(item)?.[1] ?? /(?:^|\.)(\w+)$/.exec(item)?.[1]);
  const items = topLevelItems(form.order).map((item) => {
    const m = /^(\w+)\.(\w+)(\s+(?:ASC|DESC))?(\s+NULLS\s+(?:FIRST|LAST))?$/i.exec(item);
    if (!m) return /^\w+(\s+(?:ASC|DESC))?(\s+NULLS\s+(?:FIRST|LAST))?$/i.test(item) ? item : null;
    const once = names.filter((n) => n === m[2]).length === 1;
    return once && listed.has(`${m[1]}.${m[2]}`) ? `${m[2]}${m[3] ?? ''}${m[4] ?? ''}` : null;
  });
  return items.includes(null) ? form : { ...form, order: items.join(', ') };
}

/**
 * The query's final top-level ORDER BY, split off ({ body, order }); order null when it has none;
 * null when it cannot be moved outside: a LIMIT or OFFSET at the top, or items by position.
 */
export function splitOrderBy(sql: string): { body: string; order: string | null } | null {
  const top = topLevel(sql);
  for (const m of sql.matchAll(/\b(LIMIT|OFFSET|FETCH)\b/gi)) if (top[m.index]) return null;
  let at = -1;
  for (const m of sql.matchAll(/\bORDER\s+BY\s+/gi)) if (top[m.index]) at = m.index + m[0].length;
  if (at < 0) return { body: sql, order: null };
  const rest = sql.slice(at);
  const order = rest.trim();
  // Positions (ORDER BY 1) would name other columns once the department's number leads the rows.
  if (topLevelItems(order).some((item) => /^\d/.test(item))) return null;
  return { body: sql.slice(0, sql.slice(0, at).search(/ORDER\s+BY\s+$/i)).trimEnd(), order };
}

/**
 * The queries that name exactly one of `departments` (as a literal, any number of times), grouped by
 * their form; forms asked for fewer than `least` departments, and the other queries, in `single`.
 */
export function queryForms(sqls: Iterable<string>, departments: readonly string[], least = 4): { forms: QueryForm[]; single: string[] } {
  const single: string[] = [];
  if (!departments.length) return { forms: [], single: [...sqls] };
  const { literals, pattern } = literalsOf(departments);
  const byForm = new Map<string, Array<{ names: string[]; sql: string }>>();
  for (const sql of sqls) {
    const named = new Set(sql.match(pattern) ?? []);
    if (named.size !== 1) {
      single.push(sql);
      continue;
    }
    const form = sql.replace(pattern, '__state.__name0');
    (byForm.get(form) ?? byForm.set(form, []).get(form)!).push({ names: [literals.get([...named][0]!)!], sql });
  }
  const forms: QueryForm[] = [];
  for (const [form, queries] of byForm) {
    const split = queries.length >= least ? splitOrderBy(form) : null;
    if (split) forms.push(orderByOutput({ ...split, queries }));
    else single.push(...queries.map((q) => q.sql));
  }
  return { forms, single };
}

/**
 * The forms that differ only in one more of `names` (each naming exactly one, not in its ORDER BY),
 * joined as one form over that name too, when `least` or more do; the others as they were.
 */
export function formsAcross(forms: readonly QueryForm[], names: readonly string[], least = 2): QueryForm[] {
  if (!names.length) return [...forms];
  const { literals, pattern } = literalsOf(names);
  const out: QueryForm[] = [];
  const byForm = new Map<string, Array<{ form: QueryForm; name: string }>>();
  for (const form of forms) {
    const named = new Set(form.body.match(pattern) ?? []);
    if (named.size !== 1 || (form.order?.match(pattern) ?? []).length) {
      out.push(form);
      continue;
    }
    const key = JSON.stringify([form.body.replace(pattern, `__state.__name${form.queries[0]!.names.length}`), form.order]);
    (byForm.get(key) ?? byForm.set(key, []).get(key)!).push({ form, name: literals.get([...named][0]!)! });
  }
  for (const [key, group] of byForm) {
    if (group.length < least) {
      out.push(...group.map((g) => g.form));
      continue;
    }
    const [body, order] = JSON.parse(key) as [string, string | null];
    out.push({ body, order, queries: group.flatMap(({ form, name }) => form.queries.map((q) => ({ names: [...q.names, name], sql: q.sql }))), parts: group.map((g) => g.form) });
  }
  return out;
}

/** One query for every query of a form: each row led by its query's number (`__state`). */
export function formSql(form: QueryForm): string {
  const values = form.queries.map((q, i) => `(${[String(i), ...q.names.map(sqlString)].join(', ')})`).join(', ');
  const columns = ['__n', ...form.queries[0]!.names.map((_, i) => `__name${i}`)].join(', ');
  return `SELECT __state.__n AS __state, __rows.* FROM (VALUES ${values}) __state(${columns}), LATERAL (${form.body}) __rows ORDER BY __state.__n${form.order ? `, ${form.order}` : ''}`;
}

/**
 * A form's rows, as each of its queries gives them alone; null when a form without an ORDER BY gave
 * a department more than one row (in an order of DuckDB's own, which asked alone may differ).
 */
export function splitRows(form: QueryForm, rows: ReadonlyArray<Record<string, unknown>>): Map<string, Array<Record<string, unknown>>> | null {
  const each = form.queries.map(() => [] as Array<Record<string, unknown>>);
  for (const { __state, ...row } of rows) each[__state as number]!.push(row);
  if (form.order === null && each.some((rows) => rows.length > 1)) return null;
  return new Map(form.queries.map((q, i) => [q.sql, each[i]!]));
}
