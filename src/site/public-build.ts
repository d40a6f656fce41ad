/**
 * The public build (src/domain/disclosure.ts): the site's files for readers who may see
 * aggregates only. It holds no table. Every view a page's controls can choose is computed here,
 * with the pages' own panels and metric SQL over the full data (build time only), its rows
 * disclosed — groups below the threshold withheld, lists of people counted — and stored as the
 * only data the site has: db/views/<page>.<hash>.json, the rows by a digest of their SQL
 * (src/metrics/precomputed.ts). data/ holds the manifest without file names, paths or secrets
 * (its keys an allow-list) and students.csv (在校生人数 per department), nothing about a person and
 * no table of the ingest. Only the school's departments (the manifest's) are counted.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { kindFromFileName } from '../collection/checklist.ts';
import { TABLES } from '../domain/tables/index.ts';
import { buildContext, workloadParams, type DashboardContext } from '../dashboard/context.ts';
import { qualityTablesSql } from '../dashboard/pages/quality.ts';
import { disclosureOf, discloseRows, pageFor, pagesFor } from '../dashboard/public.ts';
import type { Disclosure, PageSpec, Panel, Rows, State } from '../dashboard/types.ts';
import { withheldGroups, withheldSummary, type GroupSize } from '../domain/disclosure.ts';
import { semesterLabel } from '../domain/semester.ts';
import { HIRING_METHODS, OTHER_CATEGORY } from '../domain/people.ts';
import { departmentOf } from '../ingest/summary.ts';
import type { Manifest } from '../ingest/run.ts';
import { NodeRunner } from '../io/duckdb-node.ts';
import { groupSizesSql } from '../metrics/populations.ts';
import { packViews, unpackView, viewKey, type PackedViews } from '../metrics/precomputed.ts';
import { alignShown, distinctPlaces, SmallCells } from './small-cells.ts';
import { formSql, formsAcross, queryForms, splitRows, type QueryForm } from './batched-queries.ts';
import { sqlString } from '../metrics/sql.ts';
import { workloadTablesSql } from '../metrics/workload.ts';
import { pageStates } from '../views/controls.ts';
import { DERIVED_ONLY } from './build-data.ts';

/** The categories of free text in the tables, and their dictionaries (the others are read as codes by the ingest). */
const CLOSED_CATEGORIES: Record<string, Record<string, readonly string[]>> = { counselors: { hiring: HIRING_METHODS } };

/** The tables of the full data the public views are computed from (never published). */
export async function fullDataRunner(dataDir: string, tables: readonly string[], ctx: DashboardContext): Promise<NodeRunner> {
  const runner = await NodeRunner.inMemory();
  // Only the school's departments (the manifest's): a row whose 系部 cell names anything else (a
  // person's name typed there) is counted nowhere in the public build — not as a department, and
  // not in the institution's total, which would give it away as total minus the departments shown.
  const school = ctx.departments.map(sqlString).join(', ') || 'NULL';
  for (const table of tables) {
    const path = join(dataDir, `${table}.parquet`);
    if (!existsSync(path)) continue;
    const source = `read_parquet(${sqlString(path)})`;
    const columns = (await runner.query<{ column_name: string }>(`DESCRIBE SELECT * FROM ${source}`)).map((c) => c.column_name);
    // Coverage rows of a sender outside the school (学工部 sending the 培训记录 centrally) keep their status with
    // no department: whether a kind was set aside this semester is asked without one (src/metrics/training.ts).
    const anonymous = table === 'coverage' && columns.includes('department');
    const where = columns.includes('department') && !anonymous ? ` WHERE department IS NULL OR department IN (${school})` : '';
    // A category's value outside its dictionary (free text a clerk typed) is counted as 其他.
    const closed = Object.entries(CLOSED_CATEGORIES[table] ?? {}).filter(([c]) => columns.includes(c));
    const replacements = [
      ...closed.map(([c, values]) => `CASE WHEN ${c} IS NULL OR ${c} IN (${values.map(sqlString).join(', ')}) THEN ${c} ELSE ${sqlString(OTHER_CATEGORY)} END AS ${c}`),
      ...(anonymous ? [`CASE WHEN department IN (${school}) THEN department END AS department`] : []),
    ];
    const replace = replacements.length ? ` REPLACE (${replacements.join(', ')})` : '';
    // A table, not a view: the build runs thousands of queries over it, and a view would read the Parquet file again in each.
    // But the work-log rows, which only the derived tables' SQL below reads: a view keeps a province's
    // millions out of memory (10,000,000 rows: 3.4 GB held, and the build's longest step).
    const kind = DERIVED_ONLY.includes(table) ? 'VIEW' : 'TABLE';
    await runner.connection.run(`CREATE ${kind} ${table} AS SELECT *${replace} FROM ${source}${where}`);
  }
  for (const sql of workloadTablesSql(workloadParams(ctx))) await runner.connection.run(sql);
  for (const sql of qualityTablesSql(ctx)) await runner.connection.run(sql);
  return runner;
}

/**
 * The manifest's files as the public build describes them: no file or sheet name (a folder of
 * per-person forms names people), no column header or message; each file a number under its department.
 */
export function publicFiles(files: Manifest['files'], departments: readonly string[]): Manifest['files'] {
  const ids = new Map<string, string>();
  for (const f of files) {
    if (ids.has(f.file)) continue;
    // The kind a file's name tells (the template's), kept in its number: the 报送 checklist counts a file set aside under it.
    const kind = kindFromFileName(f.file);
    ids.set(f.file, `${departmentOf(f, departments)}/${ids.size + 1}${kind ? `（${TABLES[kind].label}）` : ''}`);
  }
  return files.map((f) => {
    const department = departmentOf(f, departments);
    return {
      ...f,
      file: ids.get(f.file)!,
      sheet: null,
      // Only the school's departments: a name typed into a 系部 cell is not published even as a count's key.
      departments: Object.fromEntries(Object.entries(f.departments).filter(([d]) => departments.includes(d))),
      dropped_columns: [],
      personal_columns_dropped: [],
      set_aside: f.set_aside ? { code: f.set_aside.code, message: '', department } : null,
      // The version read instead, by its number too.
      superseded: f.superseded ? { ...f.superseded, by: ids.get(f.superseded.by) ?? '', by_sheet: null, message: '' } : null,
    };
  });
}

/** The public build's context: the groups withheld, and the files without their names. */
export async function publicContext(manifest: Manifest, runner: NodeRunner): Promise<DashboardContext> {
  const internal = buildContext(manifest, 'internal');
  const sizes = await runner.query<GroupSize>(groupSizesSql(workloadParams(internal)));
  const withheld = withheldGroups(sizes, manifest.rules.publish.min_group_size);
  // The return lists are the internal build's (data/returns/): the public one says only how many items each department has.
  const returns = manifest.returns.filter((r) => manifest.departments.includes(r.department)).map((r) => ({ ...r, file: '' }));
  return { ...buildContext({ ...manifest, rules: publicRules(manifest.rules), files: publicFiles(manifest.files, manifest.departments), returns }, 'public', withheld) };
}

/** The rules as the public build carries them: without the pseudonyms' salt (a secret) or the logo's path on the build machine. */
export function publicRules(rules: Manifest['rules']): Manifest['rules'] {
  const { logo: _logo, ...report } = rules.report;
  return { ...rules, publish: { ...rules.publish, audience: 'public', pseudonym_salt: '' }, report };
}

/** A page of the site and the filters it is fixed to: the area pages, and one page per department. */
export function sitePages(ctx: DashboardContext): Array<{ key: string; page: PageSpec; fixed: Record<string, string> }> {
  return [
    ...pagesFor('public')
      .filter((page) => page.id !== 'department')
      .map((page) => ({ key: page.id, page, fixed: {} })),
    ...ctx.departmentPages.map(([department]) => ({ key: `department:${department}`, page: pageFor('department', 'public'), fixed: { department } })),
  ];
}

/**
 * Two disclosures of the same rows (one query asked by two views of a page, e.g. the institution's
 * trend on the overview and on a department's page) as the one stored for both: a row left out by
 * either is left out, a cell emptied by either is empty.
 */
export function strictestOf(raw: Rows, a: Rows, b: Rows): Rows {
  const left = alignShown(raw, a);
  const right = alignShown(raw, b);
  return raw.flatMap((row, i) => {
    const l = left[i];
    const r = right[i];
    if (!l || !r) return [];
    return [Object.fromEntries(Object.keys(row).map((c) => [c, l[c] === null || r[c] === null ? null : row[c]]))];
  });
}

/**
 * Whether two disclosures of a query kept the very same rows, row object for row object (most do:
 * discloseRows passes a kept row on as it is) — then their text need not be compared.
 */
const sameRows = (a: Rows, b: Rows) => a === b || (a.length === b.length && a.every((row, i) => row === b[i]));

/** A query of a page as stored: its rows on the full data, as disclosed, and the views that ask for it. */
export interface StoredQuery {
  raw: Rows;
  rows: Rows;
  states: State[];
  /** The states that place its cells differently (distinctPlaces), once found. */
  places?: State[];
}

/** A page's queries, each with the views (states) that ask for it and how its rows are disclosed there. */
interface AskedQuery {
  panel: string;
  sql: string;
  spec: Disclosure;
  state: State;
}

/**
 * A panel's queries for each state, written once per value of the state's fields they read: a
 * page's states differ in options most of its panels ignore (13,068 states of the structure page
 * at 120 departments), and the queries are a function of the fields read (and the context). The
 * fields read are recorded as they are read; a state that agrees on every field read so far is
 * given the same queries.
 */
export function queriesByFieldsRead(panel: Panel, ctx: DashboardContext): (state: State) => Record<string, string> {
  const read = new Set<string>();
  const written = new Map<string, Record<string, string>>();
  const idOf = (state: State) => JSON.stringify([...read].map((field) => (field in state ? state[field] : [])));
  const refuse = (): never => {
    throw new Error(`面板“${panel.id}”在生成查询时修改了页面状态。`);
  };
  const recording: ProxyHandler<State> = {
    get: (target, field, receiver) => (typeof field === 'string' && read.add(field), Reflect.get(target, field, receiver)),
    has: (target, field) => (typeof field === 'string' && read.add(field), Reflect.has(target, field)),
    getOwnPropertyDescriptor: (target, field) => (typeof field === 'string' && read.add(field), Reflect.getOwnPropertyDescriptor(target, field)),
    ownKeys: (target) => (Object.keys(target).forEach((field) => read.add(field)), Reflect.ownKeys(target)),
    set: refuse,
    defineProperty: refuse,
    deleteProperty: refuse,
  };
  return (state) => {
    const known = written.get(idOf(state));
    if (known) return known;
    const queries = panel.queries(new Proxy(state, recording), ctx);
    written.set(idOf(state), queries);
    return queries;
  };
}

/** Every query every view of a page asks for: each state its controls can be set to, each panel's queries. */
export function pageAsks(page: PageSpec, fixed: Record<string, string>, ctx: DashboardContext, texts = new Map<string, string>()): AskedQuery[] {
  const asks: AskedQuery[] = [];
  const panels = page.panels.map((panel) => ({ panel, disclosure: disclosureOf(panel), queries: queriesByFieldsRead(panel, ctx) }));
  // Each set of a panel's queries (shared by the states that read alike) with its disclosure, made once.
  const made = new WeakMap<Record<string, string>, Array<{ sql: string; spec: Disclosure }>>();
  for (const state of pageStates(page, ctx, fixed)) {
    for (const { panel, disclosure, queries } of panels) {
      const written = queries(state);
      let each = made.get(written);
      if (!each) {
        each = Object.entries(written).map(([name, sql]) => {
          const spec = disclosure ? disclosure[name] : 'as-is';
          if (spec === undefined) throw new Error(`公开版：面板“${panel.id}”的查询 ${name} 没有说明其数据涉及哪些人员（types.ts RowPeople）。`);
          // One string per distinct query (`texts`): a province's views ask for the same few thousand queries a hundred thousand times.
          return { sql: texts.get(sql) ?? (texts.set(sql, sql), sql), spec };
        });
        made.set(written, each);
      }
      for (const { sql, spec } of each) asks.push({ panel: panel.id, sql, spec, state });
    }
  }
  return asks;
}

/**
 * The rows of every distinct query, run once for the whole site (the same query is asked by many
 * views: a panel that ignores the role, a department's page and the area page filtered to it), on
 * a few connections at once: most of these queries are small, and their cost is DuckDB's planning.
 * The queries of one form for many values of an axis are asked as one (src/site/batched-queries.ts):
 * by department first, then those left (the institution's, naming no department) by the next axis
 * (the semester; there are few, so two of a form are asked together).
 */
export async function runOnce(sqls: Iterable<string>, runner: NodeRunner, axes: ReadonlyArray<readonly string[]> = [], connections = 3): Promise<Map<string, Rows>> {
  const rows = new Map<string, Rows>();
  let forms: QueryForm[] = [];
  let rest: Iterable<string> = new Set(sqls);
  for (const [i, names] of axes.entries()) {
    const made = queryForms(rest, names, i === 0 ? 4 : 2);
    forms = [...formsAcross(forms, names), ...made.forms];
    rest = made.single;
  }
  // The largest forms first, so that no connection is left with one at the end while the others wait.
  const queue: Array<QueryForm | string> = [...forms.sort((a, b) => b.queries.length - a.queries.length), ...rest];
  const runners = [runner, ...(await Promise.all(Array.from({ length: connections - 1 }, () => runner.connect())))];
  try {
    let next = 0;
    await Promise.all(
      runners.map(async (r) => {
        while (next < queue.length) {
          const job = queue[next++]!;
          if (typeof job === 'string') rows.set(job, await r.query(job));
          else {
            // A form DuckDB cannot unnest, or whose rows it cannot order as each query does, is asked by its parts, or query by query.
            const each = await r.query(formSql(job)).then((all) => splitRows(job, all), () => null);
            if (each) for (const [sql, own] of each) rows.set(sql, own);
            else queue.push(...(job.parts ?? job.queries.map((q) => q.sql)));
          }
        }
      }),
    );
  } finally {
    for (const r of runners.slice(1)) r.close();
  }
  return rows;
}

/**
 * Every view of a page, from the rows of its queries (runOnce): each query's rows disclosed by the
 * group rule for each view asking for it. A query asked by two views is stored once; where the two
 * withhold different parts of it, what either withholds is withheld in both (and said in `merged`).
 */
export function pageQueries(
  asks: readonly AskedQuery[],
  raw: ReadonlyMap<string, Rows>,
  ctx: DashboardContext,
  merged: Set<string> = new Set(),
  keys: Map<string, string> = new Map(),
): Map<string, StoredQuery> {
  const stored = new Map<string, StoredQuery>();
  // Each stored query's rows as text, to compare the next view's with, written when first compared
  // (most views of a query keep the very same rows, and need no text).
  const texts = new Map<string, string>();
  // Each query's key (`keys`, shared by the pages), hashed once: the asks share one string per distinct query.
  for (const { panel, sql, spec, state } of asks) {
    const rows = raw.get(sql)!;
    let shown = discloseRows(rows, spec, state, ctx);
    const key = keys.get(sql) ?? keys.set(sql, viewKey(sql)).get(sql)!;
    const before = stored.get(key);
    if (!before || sameRows(before.rows, shown)) shown = before?.rows ?? shown;
    else if ((texts.get(key) ?? texts.set(key, JSON.stringify(before.rows)).get(key)) !== JSON.stringify(shown)) {
      shown = strictestOf(rows, before.rows, shown);
      texts.set(key, JSON.stringify(shown));
      merged.add(panel);
    } else shown = before.rows;
    if (before) {
      before.rows = shown;
      before.states.push(state);
    } else stored.set(key, { raw: rows, rows: shown, states: [state] });
  }
  return stored;
}

/** A page's views as the site stores them: each query's rows with the small cells (and their complements) withheld. */
export function pageViews(queries: Map<string, StoredQuery>, cells: SmallCells): Record<string, Rows> {
  const views: Record<string, Rows> = {};
  for (const [key, q] of queries) views[key] = cells.apply(q.rows, ...(q.places ?? distinctPlaces(q.states)));
  return views;
}

/** A page's views packed for storing (src/metrics/precomputed.ts), checked to give back every view's rows exactly. */
export function packedPage(views: Record<string, Rows>): PackedViews {
  const packed = packViews(views);
  // Each stored table unpacked once, however many views it serves.
  const unpacked = new Map<number, Rows>();
  const rowsOf = (table: number) => unpacked.get(table) ?? unpacked.set(table, unpackView(packed, table)).get(table)!;
  for (const [key, rows] of Object.entries(views)) {
    const back = rowsOf(packed.views[key]!);
    if (!sameText(back, rows) && JSON.stringify(back) !== JSON.stringify(rows)) throw new Error('公开版：视图压缩存储后与原数据不一致，构建停止。');
  }
  return packed;
}

/**
 * Whether two views' rows are written as the same text, told without writing it: the same columns
 * in the same order, each value the same one (or the same text). False may still be the same text
 * (an undefined value beside a missing column); the caller then compares the text.
 */
function sameText(a: Rows, b: Rows): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    const columns = Object.keys(x);
    const others = Object.keys(y);
    if (columns.length !== others.length) return false;
    for (let j = 0; j < columns.length; j++) {
      const c = columns[j]!;
      if (c !== others[j]) return false;
      if (x[c] !== y[c] && JSON.stringify(x[c]) !== JSON.stringify(y[c])) return false;
    }
  }
  return true;
}

/** 在校生人数 per department and semester (staffing, published on the pages too): the enrollment summed, none of its rows. */
async function studentsCsv(runner: NodeRunner): Promise<string> {
  const has = await runner.query<{ n: number }>(`SELECT COUNT(*)::INTEGER AS n FROM duckdb_tables() WHERE table_name = 'enrollment'`);
  const rows = has[0]?.n
    ? await runner.query<{ semester: string; department: string; students: number }>(
        'SELECT semester, department, SUM(students)::INTEGER AS students FROM enrollment WHERE department IS NOT NULL GROUP BY ALL ORDER BY semester, department',
      )
    : [];
  // With a BOM, so that Excel opens it as UTF-8.
  return '\uFEFF学期,系部,在校生人数\r\n' + rows.map((r) => `${r.semester},${r.department},${r.students}`).join('\r\n') + (rows.length ? '\r\n' : '');
}

const hashOf = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 10);

/** Writes the public site's own files into `siteDir` (Astro's public folder for this build); returns the context and each page's views file. */
export async function writePublicSite(
  dataDir: string,
  siteDir: string,
  manifest: Manifest,
  tables: readonly string[],
): Promise<{ ctx: DashboardContext; views: Record<string, string>; withheld: string[] }> {
  rmSync(siteDir, { recursive: true, force: true });
  mkdirSync(join(siteDir, 'db', 'views'), { recursive: true });
  mkdirSync(join(siteDir, 'data'), { recursive: true });
  const runner = await fullDataRunner(dataDir, tables, buildContext(manifest, 'internal'));
  try {
    const ctx = await publicContext(manifest, runner);
    const views: Record<string, string> = {};
    const merged = new Set<string>();
    const k = manifest.rules.publish.min_group_size;
    // Two passes: every page's queries first, so that a cell withheld on one page is withheld on all.
    const pages: Array<[number, string, Map<string, StoredQuery>]> = [];
    const cells = new SmallCells(k);
    const texts = new Map<string, string>();
    const asked = sitePages(ctx).map(({ key, page, fixed }) => ({ key, asks: pageAsks(page, fixed, ctx, texts) }));
    // One thread a connection: runOnce's connections ask small queries side by side, and DuckDB's
    // own threads for each added CPU time, not speed (120 departments: runOnce 5.3 -> 4.6 s CPU).
    await runner.connection.run('SET threads = 1');
    const raw = await runOnce(texts.keys(), runner, [ctx.departments, ctx.semesters]);
    texts.clear();
    const keys = new Map<string, string>();
    for (const [index, { key, asks }] of asked.entries()) {
      const queries = pageQueries(asks, raw, ctx, merged, keys);
      for (const [query, q] of queries) cells.observe(query, q.raw, q.rows, ...(q.places = distinctPlaces(q.states)));
      pages.push([index, key, queries]);
    }
    cells.plan();
    for (const [index, key, queries] of pages) {
      const json = JSON.stringify(packedPage(pageViews(queries, cells)));
      const name = `${key.startsWith('department:') ? `department-${index}` : key}.${hashOf(json)}.json`;
      writeFileSync(join(siteDir, 'db', 'views', name), json);
      views[key] = `db/views/${name}`;
    }
    // data/: what users' own tools may read of a public build — the manifest without file names or
    // paths (an allow-list of its keys), and the head counts per department: no table of the ingest.
    const published = {
      format: manifest.format,
      audience: 'public',
      rules: ctx.rules,
      semesters: manifest.semesters,
      departments: manifest.departments,
      totals: manifest.totals,
      files: ctx.files,
      returns: ctx.returns,
      tables: {},
    };
    writeFileSync(join(siteDir, 'data', 'manifest.json'), JSON.stringify(published, null, 2) + '\n');
    writeFileSync(join(siteDir, 'data', 'students.csv'), await studentsCsv(runner));
    const withheld = [
      ...withheldSummary(ctx.withheld, k, semesterLabel),
      ...(cells.count ? [`另有 ${cells.count} 个人数格子（具有某一情况的人数为 1 或 2 人，或为某系部的全部人员，或为防止由合计推算而一并隐去）不显示具体数字`] : []),
      ...(merged.size ? [`另有 ${merged.size} 个面板在不同页面中隐去的内容不同，已按隐去最多的一种统一公布（防止两页对照推算）`] : []),
    ];
    return { ctx, views, withheld };
  } finally {
    // The whole data in memory, and DuckDB's buffers: freed before the pages are rendered.
    runner.closeDatabase();
  }
}
