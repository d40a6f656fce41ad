/**
 * The dashboard's browser benchmarks (issue 4), in headless Chromium from the plain static server:
 *   - first view, cold: time from navigation start to the first contentful paint, which shows the
 *     first chart when the page has one (the charts are prerendered into the HTML; checked: the
 *     first figure.chart holds an svg in the served HTML and lies within the 1280×900 viewport; and
 *     if the first frame with the chart in the document came after the FCP, that frame counts);
 *     plus DuckDB-WASM ready (the page's 'duckdb-ready' mark). Median of fresh browser contexts.
 *   - filter change: 50 changes on workload.html, cycling semester, department and role in turn;
 *     each timed in the page from the select's change event to the 'dashboard-rendered' mark with
 *     document.body.dataset.shown equal to the form (every chart and table redrawn), and to the
 *     next frame after it. Run on the demo data and on the demo data plus a generated work-log
 *     CSV (one semester, one row per person-week; 1,000,000 rows unless --rows says otherwise);
 *   - page loads: each page once, cold, until DuckDB-WASM is ready: the database files it fetched.
 * Peak browser memory: the proportional set size (PSS) of every Chromium process started by this
 * Node process, sampled every 200 ms (Linux /proc; omitted elsewhere).
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { PAGE_LIST } from '../../src/dashboard/registry.ts';
import { launchChromium } from '../../src/io/chromium.ts';
import { serveStatic, type StaticServer } from '../../src/io/static-server.ts';
import { writeWorklogCsv } from './worklog-csv.ts';

const MOUNT = '/dashboards/xg/';
const VIEWPORT = { width: 1280, height: 900 };
export const FILTER_CHANGES = 50;
/** The semester the generated work log belongs to (its title line says so; see worklog-csv.ts). */
export const SCALE_SEMESTER = '2025-2026-1';

const median = (xs: number[]) => quantile(xs, 0.5);
/** Nearest-rank quantile: p95 of 50 values is the 48th smallest. */
export function quantile(xs: number[], q: number): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)]!;
}
const ms = (x: number) => `${Math.round(x).toLocaleString('en-US')} ms`;

/** Ingest `input` into <dir>/public/data and build the site into <dir>/dist. */
export function buildSite(dir: string, input: string): string {
  const node = (args: string[]) => execFileSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'inherit'] });
  node(['scripts/ingest.ts', '--input', input, '--out', join(dir, 'public/data'), '--quiet']);
  node(['scripts/build.ts', '--public', join(dir, 'public'), '--out', join(dir, 'dist')]);
  return join(dir, 'dist');
}

/** The demo exports plus a `rows`-row GBK work-log CSV in SCALE_SEMESTER, as one input folder. */
export function scaleInput(dir: string, rows: number): string {
  cpSync('data/exports', dir, { recursive: true });
  writeWorklogCsv(join(dir, SCALE_SEMESTER, 'worklog.csv'), rows);
  return dir;
}

// ---- peak memory of the browser: PSS of this process's descendants ----

function descendants(root: number): number[] {
  if (!existsSync('/proc/self/smaps_rollup')) return [];
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      (children.get(ppid) ?? children.set(ppid, []).get(ppid)!).push(Number(entry));
    } catch {
      // the process ended while we looked
    }
  }
  const out: number[] = [];
  const stack = [...(children.get(root) ?? [])];
  while (stack.length) {
    const pid = stack.pop()!;
    out.push(pid);
    stack.push(...(children.get(pid) ?? []));
  }
  return out;
}

function pssMB(pids: number[]): number {
  let kb = 0;
  for (const pid of pids) {
    try {
      const m = /^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
      if (m) kb += Number(m[1]);
    } catch {
      // gone
    }
  }
  return kb / 1024;
}

/** Samples the browser's memory (every 200 ms) until stopped; returns the peak in MB (NaN without /proc). */
function memorySampler(): { stop(): number } {
  if (!existsSync('/proc/self/smaps_rollup')) return { stop: () => NaN };
  let peak = 0;
  let pids: number[] = [];
  let samples = 0;
  const sample = () => {
    if (samples++ % 5 === 0) pids = descendants(process.pid); // new renderer processes come and go
    peak = Math.max(peak, pssMB(pids));
  };
  const timer = setInterval(sample, 200);
  return {
    stop() {
      clearInterval(timer);
      sample();
      return peak;
    },
  };
}

// ---- in-page measurements ----

async function waitForEngine(page: Page, timeout = 300_000): Promise<void> {
  await page.waitForSelector('#engine-status[data-state="ready"], #engine-status[data-state="error"]', { timeout });
  const state = await page.getAttribute('#engine-status', 'data-state');
  if (state !== 'ready') throw new Error(`engine failed on ${page.url()}: ${await page.textContent('#engine-status')}`);
}

interface FirstView {
  /** first contentful paint, or the first frame with the chart if that is later */
  fcp: number;
  ready: number;
  chart: string | null;
}

async function firstView(browser: Browser, server: StaticServer, path: string, engine: boolean): Promise<FirstView> {
  const context = await browser.newContext({ viewport: VIEWPORT }); // fresh: nothing cached
  // The first animation frame with a chart in the document: that frame paints it. (The HTML may be
  // painted in parts while it is parsed, so FCP alone does not prove the chart was in it.)
  await context.addInitScript(() => {
    const tick = () => {
      if (document.querySelector('figure.chart svg')) (window as unknown as { chartFrame: number }).chartFrame = performance.now();
      else requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  try {
    const page = await context.newPage();
    const response = await page.goto(server.url + path);
    const html = (await response!.text()) ?? '';
    if (engine) await waitForEngine(page);
    else await page.waitForFunction(() => performance.getEntriesByName('first-contentful-paint').length > 0);
    const t = await page.evaluate(() => {
      // The first chart on the first screen (the overview's grid is below its cards: then the first view is timed).
      const figure = [...document.querySelectorAll('figure.chart')].find((f) => f.getBoundingClientRect().top < innerHeight) ?? null;
      const top = figure?.getBoundingClientRect().top ?? Infinity;
      return {
        fcp: Math.max(
          performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
          figure ? ((window as unknown as { chartFrame?: number }).chartFrame ?? NaN) : 0,
        ),
        ready: performance.getEntriesByName('duckdb-ready')[0]?.startTime ?? NaN,
        chart: figure ? figure.id : null,
        inView: top < innerHeight,
      };
    });
    if (t.chart) {
      // The chart must be in the served HTML (so FCP shows it), and on screen without scrolling.
      const at = html.indexOf(`<figure class="chart" id="${t.chart}"`);
      const served = at >= 0 && html.slice(at, html.indexOf('<figcaption', at)).includes('<svg');
      if (!served) throw new Error(`${path}: #${t.chart} has no svg in the served HTML`);
      if (!t.inView) throw new Error(`${path}: #${t.chart} is below the first view`);
    }
    return { fcp: t.fcp, ready: t.ready, chart: t.chart };
  } finally {
    await context.close();
  }
}

/**
 * `engine`: also wait for DuckDB-WASM in each run and report when it was ready. Without it each run
 * ends at the first paint (the engine starts only after the page has loaded, so it cannot delay
 * the first view; at a million rows its loading would only disturb the next run).
 */
export async function firstViews(dist: string, paths: readonly string[], runs: number, engine = true, label = ''): Promise<void> {
  const server = await serveStatic(dist, { mount: MOUNT });
  const browser = await launchChromium();
  try {
    for (const path of paths) {
      const views: FirstView[] = [];
      for (let i = 0; i < runs; i++) {
        views.push(await firstView(browser, server, path, engine));
        await new Promise((r) => setTimeout(r, 2000)); // let the closed context's engine wind down first
      }
      const chart = views[0]!.chart;
      const what = chart ? `first chart (#${chart}) visible` : 'first view visible (no chart on the first screen)';
      console.log(
        `page ${path}${label ? ` (${label})` : ''}, cold, localhost: ${what} ${ms(median(views.map((v) => v.fcp)))} ` +
          `(range ${ms(Math.min(...views.map((v) => v.fcp)))}–${ms(Math.max(...views.map((v) => v.fcp)))})` +
          (engine ? `; DuckDB-WASM ready ${ms(median(views.map((v) => v.ready)))}` : '') +
          ` (median of ${runs})`,
      );
    }
  } finally {
    await browser.close();
    await server.close();
  }
}

/** The dashboard's pages: every page of the registry (for the department page, the first department's, as the build names it). */
export function sitePages(dist: string): string[] {
  const department = readdirSync(join(dist, 'departments')).filter((f) => f.endsWith('.html')).sort()[0];
  if (!department) throw new Error(`no department page in ${join(dist, 'departments')}`);
  return PAGE_LIST.map((p) => (p.id === 'department' ? `departments/${department}` : p.path));
}

/**
 * What each page loads for its engine: one cold load per page (fresh context) until DuckDB-WASM
 * is ready, with the database files fetched (tables, MB) and the peak browser memory.
 */
export async function pageLoads(dist: string, paths: readonly string[], label: string): Promise<void> {
  const server = await serveStatic(dist, { mount: MOUNT });
  const browser = await launchChromium();
  try {
    for (const path of paths) {
      const memory = memorySampler();
      const context = await browser.newContext({ viewport: VIEWPORT });
      const page = await context.newPage();
      await page.goto(server.url + path);
      await waitForEngine(page);
      const t = await page.evaluate(() => ({
        ready: performance.getEntriesByName('duckdb-ready')[0]?.startTime ?? NaN,
        files: (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
          .filter((r) => r.name.endsWith('.duckdb'))
          .map((r) => ({ table: r.name.slice(r.name.lastIndexOf('/') + 1).replace(/(_[0-9a-f]{8})?\.[0-9a-f]{10}\.duckdb$/, ''), bytes: r.encodedBodySize })),
      }));
      await context.close();
      const peak = memory.stop();
      const mb = t.files.reduce((sum, f) => sum + f.bytes, 0) / 2 ** 20;
      console.log(
        `page ${path} (${label}): DuckDB-WASM ready ${ms(t.ready)}, ${mb.toFixed(1)} MB of data (${t.files.map((f) => f.table).sort().join(', ')})` +
          (Number.isFinite(peak) ? `, peak browser memory ${Math.round(peak).toLocaleString('en-US')} MB` : ''),
      );
      await new Promise((r) => setTimeout(r, 1000));
    }
  } finally {
    await browser.close();
    await server.close();
  }
}

interface ChangeTiming {
  /** change event → 'dashboard-rendered' mark */
  rendered: number;
  /** change event → the next animation frame after it */
  frame: number;
  /** the page's own split of the update: running the queries, then drawing the panels */
  query: number;
  draw: number;
  state: Record<string, string>;
}

/** Change one select and wait until every panel shows the whole form's state. */
function timeChange(page: Page, name: string, value: string): Promise<ChangeTiming> {
  return page.evaluate(
    ({ name, value }) =>
      new Promise<ChangeTiming>((resolve, reject) => {
        const form = document.querySelector<HTMLFormElement>('#controls')!;
        const select = form.querySelector<HTMLSelectElement>(`#filter-${name}`)!;
        select.value = value;
        const want: Record<string, string> = {};
        for (const s of form.querySelectorAll('select')) want[s.name] = s.value;
        const marks = performance.getEntriesByName('dashboard-rendered').length;
        const matches = () => {
          const shown = document.body.dataset.shown;
          if (!shown || performance.getEntriesByName('dashboard-rendered').length === marks) return false;
          const state = JSON.parse(shown) as Record<string, string | null>;
          return Object.entries(want).every(([k, v]) => (state[k] ?? '') === v);
        };
        const timeout = setTimeout(() => reject(new Error(`no redraw for ${JSON.stringify(want)}`)), 120_000);
        const observer = new MutationObserver(() => {
          if (!matches()) return;
          observer.disconnect();
          const mark = performance.getEntriesByName('dashboard-rendered').at(-1)!.startTime;
          const query = performance.getEntriesByName('dashboard-query').at(-1)?.duration ?? NaN;
          const draw = performance.getEntriesByName('dashboard-draw').at(-1)?.duration ?? NaN;
          requestAnimationFrame(() => {
            const frame = performance.now();
            clearTimeout(timeout);
            resolve({ rendered: mark - t0, frame: frame - t0, query, draw, state: want });
          });
        });
        observer.observe(document.body, { attributes: true, attributeFilter: ['data-shown'] });
        const t0 = performance.now();
        select.dispatchEvent(new Event('change', { bubbles: true }));
      }),
    { name, value },
  );
}

/** The next value of each select, in option order, wrapping around. */
async function changePlan(page: Page, count: number): Promise<Array<[string, string]>> {
  const options = await page.$$eval('#controls select', (selects) =>
    (selects as HTMLSelectElement[]).map((s) => ({ name: s.name, values: [...s.options].map((o) => o.value), current: s.selectedIndex })),
  );
  const filters = options.filter((o) => ['semester', 'department', 'role'].includes(o.name));
  const plan: Array<[string, string]> = [];
  for (let i = 0; i < count; i++) {
    const o = filters[i % filters.length]!;
    o.current = (o.current + 1) % o.values.length;
    plan.push([o.name, o.values[o.current]!]);
  }
  return plan;
}

export interface FilterResult {
  label: string;
  /** navigation start → the engine ready for queries ('duckdb-ready'); → its start after the first paint ('duckdb-boot'); → DuckDB-WASM up ('duckdb-started'), after which the page's tables are attached */
  ready: number;
  boot: number;
  started: number;
  /** the database files fetched by then: count and bytes */
  files: number;
  bytes: number;
  rendered: number[];
  frame: number[];
  query: number[];
  draw: number[];
  states: Record<string, string>[];
  /** Only the changes whose state is in SCALE_SEMESTER (all million rows in scope). */
  renderedScale: number[];
  peakMB: number;
}

export async function filterChanges(dist: string, label: string, path = 'workload.html', count = FILTER_CHANGES): Promise<FilterResult> {
  const server = await serveStatic(dist, { mount: MOUNT });
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({ viewport: VIEWPORT });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(server.url + path);
    await waitForEngine(page);
    const [ready, boot, started, files, bytes] = await page.evaluate(() => {
      const data = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).filter((r) => r.name.endsWith('.duckdb'));
      return [
        ...['duckdb-ready', 'duckdb-boot', 'duckdb-started'].map((m) => performance.getEntriesByName(m)[0]?.startTime ?? NaN),
        data.length,
        data.reduce((sum, r) => sum + r.encodedBodySize, 0),
      ];
    });
    const timings: ChangeTiming[] = [];
    for (const [name, value] of await changePlan(page, count)) timings.push(await timeChange(page, name, value));
    if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
    await context.close();
    return {
      label,
      ready: ready!,
      boot: boot!,
      started: started!,
      files: files!,
      bytes: bytes!,
      rendered: timings.map((t) => t.rendered),
      frame: timings.map((t) => t.frame),
      query: timings.map((t) => t.query),
      draw: timings.map((t) => t.draw),
      states: timings.map((t) => t.state),
      renderedScale: timings.filter((t) => t.state.semester === SCALE_SEMESTER).map((t) => t.rendered),
      peakMB: 0,
    };
  } finally {
    await browser.close();
    await server.close();
  }
}

export async function measureFilters(dist: string, label: string, count = FILTER_CHANGES): Promise<FilterResult> {
  const memory = memorySampler();
  const result = await filterChanges(dist, label, 'workload.html', count);
  result.peakMB = memory.stop();
  return result;
}

export function printFilters(r: FilterResult, scale: boolean): void {
  const n = r.rendered.length;
  console.log(
    `filter change, workload.html, ${r.label}: every chart and table redrawn p95 ${ms(quantile(r.rendered, 0.95))}, ` +
      `median ${ms(median(r.rendered))}, max ${ms(Math.max(...r.rendered))} (${n} changes; next frame p95 ${ms(quantile(r.frame, 0.95))}; ` +
      `queries p95 ${ms(quantile(r.query, 0.95))} / median ${ms(median(r.query))}, drawing p95 ${ms(quantile(r.draw, 0.95))} / median ${ms(median(r.draw))})` +
      (scale && r.renderedScale.length
        ? `; the ${r.renderedScale.length} changes in ${SCALE_SEMESTER} (all generated rows in scope): p95 ${ms(quantile(r.renderedScale, 0.95))}, median ${ms(median(r.renderedScale))}`
        : ''),
  );
  console.log(
    `  ${r.label}: DuckDB-WASM ready ${ms(r.ready)} after navigation start (started after the first paint, at ${ms(r.boot)}; ` +
      `DuckDB-WASM up ${ms(r.started - r.boot)} later, then ${ms(r.ready - r.started)} attaching the page's tables: ` +
      `${r.files} database files, ${(r.bytes / 2 ** 20).toFixed(1)} MB)` +
      (Number.isFinite(r.peakMB) ? `; peak browser memory (PSS, all Chromium processes) ${Math.round(r.peakMB).toLocaleString('en-US')} MB` : ''),
  );
}
