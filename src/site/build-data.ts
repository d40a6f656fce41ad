/**
 * Build-time data: the manifest of the last ingest (public/data), the site's database written from
 * it (db/ in the build's staged site folder, served as dist/db), and a QueryRunner over that database for the prerendered pages.
 * The browser attaches the very same files (src/browser/duckdb.ts), so both engines read the same
 * tables, the derived ones included, through the same code (src/metrics/table-files.ts).
 *
 * A public build (src/site/public-build.ts) has no database: its pages read the views the build
 * computed (src/metrics/precomputed.ts), staged with its other files in a folder of their own
 * (DASHBOARD_BUILD_DIR) so that nothing of public/ reaches its dist/.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildContext, workloadParams, type DashboardContext } from '../dashboard/context.ts';
import type { Audience } from '../domain/disclosure.ts';
import { TABLE_KINDS } from '../domain/tables/index.ts';
import { readManifest } from '../ingest/manifest-file.ts';
import type { Manifest } from '../ingest/run.ts';
import { writeTableFile } from '../io/duckdb-file.ts';
import { NodeRunner } from '../io/duckdb-node.ts';
import { PrecomputedViews, type PackedViews } from '../metrics/precomputed.ts';
import { SHARED_CONTEXT_FOLDER, sharedContext } from '../dashboard/page-config.ts';
import type { QueryRunner } from '../metrics/sql.ts';
import { AttachedTables, type TableFiles } from '../metrics/table-files.ts';
import { eachQueryOnce } from './prerender-queries.ts';
import { workloadTables, workloadTablesSql } from '../metrics/workload.ts';

const publicDir = () => resolve(process.env.DASHBOARD_PUBLIC_DIR ?? 'public');
export const DATA_DIR = join(publicDir(), 'data');
/** The site's database: one file per table, named by its content so that no browser keeps a stale copy. */
const DB_FOLDER = 'db';
const INDEX = 'tables.json';

let lastRead: { path: string; stamp: string; manifest: Manifest } | undefined;

/**
 * The last ingest's manifest, read once while it stays the same file: each page asks for it
 * several times, and at 120 departments it is 2.8 MB of JSON (a tenth of the build's time was spent
 * parsing it again). Callers only read it.
 */
export function loadManifest(dataDir = DATA_DIR): Manifest {
  const path = join(dataDir, 'manifest.json');
  let stamp = '';
  try {
    const { mtimeMs, size, ino } = statSync(path);
    stamp = `${mtimeMs}:${size}:${ino}`;
  } catch {
    return readManifest(dataDir); // says what is missing
  }
  if (lastRead?.path !== path || lastRead.stamp !== stamp) lastRead = { path, stamp, manifest: readManifest(dataDir) };
  return lastRead.manifest;
}

/** Tables the ingest publishes as Parquet in data/. */
export const PUBLISHED = [...TABLE_KINDS, 'rejects', 'warnings', 'coverage'];

/**
 * The tables of the site's database: what any page may query. The one place that decides it: the
 * published tables but the work-log rows, and the derived tables the workload SQL reads (built here
 * once, by the same SQL, from the rows: `sources`) — no page reads the rows themselves (a
 * province's millions; test/unit/site-database.test.ts runs every page's queries). A public build
 * has none: most tables are about people, and any table in a browser can be read whole — its pages
 * get their views' rows instead.
 */
export function siteTables(ctx: DashboardContext): { sources: string[]; published: string[]; derived: { names: string[]; sql: string[] } } {
  if (ctx.audience === 'public') return { sources: [], published: [], derived: { names: [], sql: [] } };
  const params = workloadParams(ctx);
  return {
    sources: PUBLISHED,
    published: PUBLISHED.filter((table) => !DERIVED_ONLY.includes(table)),
    derived: { names: Object.values(workloadTables(params)), sql: workloadTablesSql(params) },
  };
}

/** The tables read only through the derived ones: not in the site's database (nor, in the public build, held in memory). */
export const DERIVED_ONLY = ['worklogs'];

/**
 * Writes <site>/db/ from <public>/data: one DuckDB file per table of siteTables, and tables.json
 * mapping each table to its file. The build writes into its own staged site folder, never into the
 * ingest's (two builds from one ingest, to two sites, do not meet).
 */
export async function writeSiteDatabase(publicFolder = publicDir(), siteFolder = publicFolder): Promise<TableFiles> {
  const dataDir = join(publicFolder, 'data');
  const dbDir = join(siteFolder, DB_FOLDER);
  const tables = siteTables(buildContext(loadManifest(dataDir), 'internal'));
  rmSync(dbDir, { recursive: true, force: true });
  mkdirSync(dbDir, { recursive: true });
  const runner = await NodeRunner.overParquet(dataDir, tables.sources);
  try {
    for (const sql of tables.derived.sql) await runner.connection.run(sql);
    const files: Record<string, string> = {};
    for (const table of [...tables.published, ...tables.derived.names]) {
      const path = join(dbDir, `${table}.duckdb`);
      await writeTableFile(runner, table, path);
      const name = `${table}.${createHash('sha256').update(readFileSync(path)).digest('hex').slice(0, 10)}.duckdb`;
      renameSync(path, join(dbDir, name));
      files[table] = `${DB_FOLDER}/${name}`;
    }
    writeFileSync(join(dbDir, INDEX), JSON.stringify(files, null, 2) + '\n');
    return files;
  } finally {
    runner.close();
  }
}

/** The site's tables and their files, as written by writeSiteDatabase (pages embed this for the browser). */
export function tableFiles(): TableFiles {
  const path = join(siteFilesDir(), DB_FOLDER, INDEX);
  if (!existsSync(path)) throw new Error(`找不到 ${path}。请用 npm run build 构建站点（它先写出站点数据库）。`);
  return JSON.parse(readFileSync(path, 'utf8')) as TableFiles;
}

let runner: Promise<QueryRunner> | undefined;

/** The prerendering's QueryRunner: DuckDB in Node over the site's database, attaching tables as queries name them. */
export function buildRunner(): Promise<QueryRunner> {
  runner ??= (async () => {
    const db = await NodeRunner.inMemory();
    // One thread: the prerendering asks thousands of small queries (a department's page: 20 of its
    // own, on a few thousand rows), for which DuckDB's threads cost more in handing work over than
    // they save — at 120 departments, half of each query's time.
    await db.query('SET threads = 1');
    const root = siteFilesDir();
    return eachQueryOnce(
      new AttachedTables(tableFiles(), {
        query: (sql) => db.query(sql),
        open: async (file) => join(root, file),
      }),
      loadManifest().departments,
    );
  })();
  return runner;
}

/** The audience of the build under way (scripts/build.ts sets it; else the rules' publish.audience). */
export function siteAudience(): Audience {
  const env = process.env.DASHBOARD_AUDIENCE;
  return env === 'public' || env === 'internal' ? env : (loadManifest().rules.publish.audience ?? 'internal');
}

/**
 * Whether the build under way has the 党委会汇报: the internal one only. The report's findings name
 * departments with the people concerned ("（某系1人）"), from the full data: until an aggregate
 * version follows the public cell rule (src/site/small-cells.ts), the public build has none, even
 * when the rules ask for one (publish.public_report) — writePublicBuild then says so.
 */
export function hasReport(): boolean {
  return siteAudience() === 'internal';
}

/** What the public build says when the rules ask for a report it does not hold. */
export const PUBLIC_REPORT_LEFT_OUT = '党委会汇报：规则文件要求公开版包含汇报，但汇报按全部数据列出各系部涉及的人数，尚无符合公开规则的汇总版，本次公开版不包含汇报';

const buildDir = () => {
  const dir = process.env.DASHBOARD_BUILD_DIR;
  if (!dir) throw new Error('公开版须由 npm run build -- --audience public 构建。');
  return dir;
};

/** The public build's staged files: Astro's public folder (site/) and what the prerendering needs (public.json). */
export const publicSiteDir = (dir: string) => join(dir, 'site');
const PUBLIC_BUILD = 'public.json';

/** Writes the public build's files into `dir` (see src/site/public-build.ts). */
export async function writePublicBuild(publicFolder: string, dir: string): Promise<string[]> {
  const { writePublicSite } = await import('./public-build.ts');
  const dataDir = join(publicFolder, 'data');
  const manifest = loadManifest(dataDir);
  const { withheld, ...built } = await writePublicSite(dataDir, publicSiteDir(dir), manifest, PUBLISHED);
  writeFileSync(join(dir, PUBLIC_BUILD), JSON.stringify(built));
  return manifest.rules.publish.public_report ? [...withheld, PUBLIC_REPORT_LEFT_OUT] : withheld;
}

let publicBuild: { ctx: DashboardContext; views: Record<string, string> } | undefined;
const publicBuilt = () => (publicBuild ??= JSON.parse(readFileSync(join(buildDir(), PUBLIC_BUILD), 'utf8')) as { ctx: DashboardContext; views: Record<string, string> });

/** What every page knows besides its rows, for the audience (a public build's: without file names, with the groups withheld). */
export function siteContext(): DashboardContext {
  if (siteAudience() === 'internal') return buildContext(loadManifest(), 'internal');
  // Shared and fresh as buildContext's are (a deep copy per page took 18 ms at 120 departments).
  const ctx = publicBuilt().ctx;
  return { ...ctx, semesters: [...ctx.semesters], departments: [...ctx.departments], semesterMondays: { ...ctx.semesterMondays }, departmentPages: [...ctx.departmentPages] };
}

/** The page's data, as its config tells the browser: the site database's files, or (public) its views' file. */
export function pageData(key: string): { tables: TableFiles } | { views: string } {
  if (siteAudience() === 'internal') return { tables: tableFiles() };
  const file = publicBuilt().views[key];
  if (!file) throw new Error(`公开版缺少页面 ${key} 的数据。`);
  return { views: file };
}

/**
 * The folder Astro copies into the site: the build's staged folder (DASHBOARD_SITE_DIR: the
 * ingest's data linked in, the engine and the site database written there), else the public folder
 * (tests that write a database beside their data), or (public build) its staged site.
 */
function siteFilesDir(): string {
  if (siteAudience() === 'public') return publicSiteDir(buildDir());
  return process.env.DASHBOARD_SITE_DIR ? resolve(process.env.DASHBOARD_SITE_DIR) : publicDir();
}

/** The shared part of every page's context, as JSON, and its file (from the site root), named by its content. */
function sharedContextJson(): { json: string; file: string } {
  const json = JSON.stringify(sharedContext(siteContext()));
  return { json, file: `${SHARED_CONTEXT_FOLDER}/context.${createHash('sha256').update(json).digest('hex').slice(0, 10)}.json` };
}

/** Writes the shared context's file among the site's files (scripts/build.ts, before the pages are built). */
export function writeSharedContext(): void {
  const { json, file } = sharedContextJson();
  mkdirSync(join(siteFilesDir(), SHARED_CONTEXT_FOLDER), { recursive: true });
  writeFileSync(join(siteFilesDir(), file), json);
}

let sharedFile: string | undefined;

/** The shared context's file, from the site root, for a page to name: the one written for this very context. */
export function sharedContextFile(): string {
  if (sharedFile) return sharedFile;
  const { file } = sharedContextJson();
  if (!existsSync(join(siteFilesDir(), file))) throw new Error(`找不到 ${join(siteFilesDir(), file)}。请用 npm run build 构建站点（它先写出各页共用的数据）。`);
  return (sharedFile = file);
}

/**
 * The last page's views: a page is rendered once, and every page's kept (a Map, as it was) held
 * 136 parsed files at 120 departments, which each young-generation collection then copied.
 */
let lastViews: { file: string; views: PrecomputedViews } | undefined;

/** The runner a page's first view is prerendered with: the site database, or (public) the page's views. */
export async function pageRunner(key: string): Promise<QueryRunner> {
  if (siteAudience() === 'internal') return buildRunner();
  const data = pageData(key) as { views: string };
  if (lastViews?.file !== data.views)
    lastViews = { file: data.views, views: new PrecomputedViews(JSON.parse(readFileSync(join(publicSiteDir(buildDir()), data.views), 'utf8')) as PackedViews) };
  return lastViews.views;
}

let fullData: Promise<QueryRunner> | undefined;

/** The report's runner: the site database, or (public) the full data, whose figures the report then discloses. */
export function reportRunner(): Promise<QueryRunner> {
  if (siteAudience() === 'internal') return buildRunner();
  fullData ??= import('./public-build.ts').then(({ fullDataRunner }) => fullDataRunner(DATA_DIR, PUBLISHED, buildContext(loadManifest(), 'internal')));
  return fullData;
}
