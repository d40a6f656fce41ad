/**
 * The site's database (src/site/build-data.ts → db/, one DuckDB file per table) and what each page
 * loads of it: the tables its panels' SQL names, attached on first use by both engines
 * (src/metrics/table-files.ts). A page added later is covered as it is: its queries, for every
 * filter value, run against only the tables they name.
 */
import { createRequire } from 'node:module';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLE_LABELS } from '../../src/domain/cells.ts';
import { buildContext, type DashboardContext } from '../../src/dashboard/context.ts';
import { PAGE_LIST } from '../../src/dashboard/registry.ts';
import type { PageSpec, State } from '../../src/dashboard/types.ts';
import { runIngest } from '../../src/ingest/run.ts';
import { NodeRunner } from '../../src/io/duckdb-node.ts';
import { AttachedTables, catalogOf, tablesIn, type TableFiles } from '../../src/metrics/table-files.ts';
import { loadManifest, siteTables, writeSiteDatabase } from '../../src/site/build-data.ts';
import { initialState } from '../../src/views/controls.ts';

let scratch: string;
let publicDir: string;
let files: TableFiles;
let ctx: DashboardContext;

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'site-db-'));
  publicDir = join(scratch, 'public');
  await runIngest({ input: 'data/exports', out: join(publicDir, 'data') });
  files = await writeSiteDatabase(publicDir);
  ctx = buildContext(loadManifest(join(publicDir, 'data')));
}, 120_000);
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A fresh build-time engine over the site's files: it holds exactly the tables its queries named (one file each). */
async function freshEngine(): Promise<{ tables: AttachedTables; attached: () => Promise<string[]> }> {
  const db = await NodeRunner.inMemory();
  const tables = new AttachedTables(files, { query: (sql) => db.query(sql), open: async (file) => join(publicDir, file) });
  const byCatalog = new Map(Object.entries(files).map(([table, file]) => [catalogOf(file), table]));
  const attached = async () =>
    (await db.query<{ name: string }>(`SELECT database_name AS name FROM duckdb_databases() WHERE NOT internal`)).flatMap((r) => byCatalog.get(r.name) ?? []).sort();
  return { tables, attached };
}

/** The page's opening state, then each filter and option moved to each of its values in turn. */
function states(page: PageSpec): State[] {
  const fixed = page.id === 'department' ? { department: ctx.departments[0]! } : {};
  const first = initialState(page, ctx, fixed);
  const moves: Array<[string, string | null]> = [];
  for (const filter of page.filters) {
    if (filter === 'semester') moves.push(...ctx.semesters.map((s) => ['semester', s] as [string, string]), ...(page.semesterOptional ? [['semester', null] as [string, null]] : []));
    if (filter === 'department' && !fixed.department) moves.push(['department', ctx.departments[0]!], ['department', ctx.departments.at(-1)!]);
    if (filter === 'role') moves.push(...(page.roles ?? Object.keys(ROLE_LABELS)).map((r) => ['role', r] as [string, string]));
  }
  for (const option of page.options ?? []) moves.push(...option.options.map(([value]) => [option.name, value] as [string, string]));
  return [first, ...moves.map(([name, value]) => ({ ...first, [name]: value }) as State)];
}

/** Every table a page attaches while its panels run for all its states. */
async function tablesOfPage(page: PageSpec): Promise<string[]> {
  const { tables, attached } = await freshEngine();
  for (const state of states(page))
    for (const panel of page.panels)
      for (const [name, sql] of Object.entries(panel.queries(state, ctx)))
        await tables.query(sql).catch((error: Error) => {
          throw new Error(`${page.id} / ${panel.id} / ${name}: ${error.message}`);
        });
  return attached();
}

describe('what each page loads', () => {
  it('every query of every page, for every filter value, runs on the tables its SQL names and nothing else', async () => {
    const loaded: Record<string, string[]> = {};
    for (const page of PAGE_LIST) loaded[page.id] = await tablesOfPage(page);
    const derived = siteTables(ctx).derived.names;

    // 师生比 reads the enrollment and the roster, and what they rest on (coverage), never the work logs.
    expect(loaded.staffing).toEqual(['counselors', 'coverage', 'enrollment']);
    // 工作量 reads the derived work-log tables (built once by the build), not the rows.
    expect(loaded.workload).toEqual(expect.arrayContaining(derived.filter((t) => t.startsWith('workload_cells'))));
    for (const [page, tables] of Object.entries(loaded)) {
      // Rejects and warnings only on 数据质量.
      if (page !== 'quality') expect(tables, page).not.toContain('rejects');
      if (page !== 'quality') expect(tables, page).not.toContain('warnings');
      // The work-log rows themselves (a province has millions) are read by no page: the metric SQL
      // reads the derived tables (src/metrics/workload.ts workloadTablesSql).
      expect(tables, page).not.toContain('worklogs');
    }
    expect(loaded.quality).toEqual(expect.arrayContaining(['rejects', 'warnings']));
  }, 120_000);
});

describe('the site database', () => {
  it('holds one file per table of siteTables, named by its content, in a format DuckDB-WASM 1.32 attaches, with the rows of the published Parquet', async () => {
    const tables = siteTables(ctx);
    expect(Object.keys(files).sort()).toEqual([...tables.published, ...tables.derived.names].sort());
    const inFolder = readdirSync(join(publicDir, 'db')).filter((f) => f.endsWith('.duckdb'));
    expect(inFolder.sort()).toEqual(Object.values(files).map((f) => f.replace('db/', '')).sort());
    for (const file of Object.values(files)) expect(file).toMatch(/^db\/[a-z_0-9]+\.[0-9a-f]{10}\.duckdb$/);

    // The browser's engine, in its Node build: registers each file as a buffer, as the page does.
    const require = createRequire(import.meta.url);
    const duckdb = require('@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs');
    const dist = 'node_modules/@duckdb/duckdb-wasm/dist/';
    const wasm = await duckdb.createDuckDB(
      { mvp: { mainModule: `${dist}duckdb-mvp.wasm`, mainWorker: '' }, eh: { mainModule: `${dist}duckdb-eh.wasm`, mainWorker: '' } },
      new duckdb.VoidLogger(),
      duckdb.NODE_RUNTIME,
    );
    await wasm.instantiate();
    const conn = wasm.connect();
    const node = await NodeRunner.overParquet(join(publicDir, 'data'), tables.published);
    // The same rows, in the same order: count and an order-sensitive digest of every column.
    const digestSql = (from: string) => `SELECT COUNT(*)::INTEGER AS n, md5(string_agg(t::VARCHAR, '|')) AS digest FROM ${from} t`;
    for (const table of tables.published) {
      const name = files[table]!.slice(3);
      wasm.registerFileBuffer(name, new Uint8Array(readFileSync(join(publicDir, files[table]!))));
      conn.query(`ATTACH '${name}' AS f (READ_ONLY)`);
      const [inWasm] = conn.query(digestSql(`f."${table}"`)).toArray().map((r: { toJSON(): object }) => r.toJSON());
      conn.query(`DETACH f`);
      const [fromParquet] = await node.query(digestSql(table));
      expect(inWasm, table).toEqual(fromParquet);
    }
    node.close();
  }, 120_000);
});

describe('tablesIn', () => {
  const known = ['assistants', 'rejects', 'worklogs', 'workload_cells_1a2b3c4d'];
  it('finds the tables an SQL text names, plain or quoted, and only whole names', () => {
    expect(tablesIn(`SELECT * FROM assistants a JOIN "worklogs" w USING (semester)`, known)).toEqual(['assistants', 'worklogs']);
    expect(tablesIn(`SELECT SUM(met0) FROM workload_cells_1a2b3c4d`, known)).toEqual(['workload_cells_1a2b3c4d']);
    expect(tablesIn(`SELECT * FROM assistants_extra`, known)).toEqual([]);
  });

  it('ignores names inside string literals and comments (a file called rejects.csv is not the table)', () => {
    expect(tablesIn(`SELECT * FROM assistants WHERE file IN ('rejects.csv', 'it''s worklogs') -- not rejects\n`, known)).toEqual(['assistants']);
    expect(tablesIn(`/* worklogs */ SELECT 1`, known)).toEqual([]);
  });
});
