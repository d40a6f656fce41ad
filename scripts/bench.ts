/**
 * npm run bench — performance figures (a benchmark, not a test; quoted in the README):
 *   1. ingest throughput on the demo exports (rows read per second, median of 5 runs);
 *   2. cold page load in headless Chromium from a plain static server: time to the first chart
 *      visible (first contentful paint; the chart is in the HTML) and to DuckDB-WASM ready
 *      (the page's 'duckdb-ready' mark), median of 5 fresh browser contexts.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runIngest } from '../src/ingest/run.ts';
import { launchChromium } from '../src/io/chromium.ts';
import { serveStatic } from '../src/io/static-server.ts';

const RUNS = 5;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const scratch = mkdtempSync(join(tmpdir(), 'bench-'));

async function ingestThroughput(): Promise<void> {
  const rates: number[] = [];
  let rows = 0;
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    const manifest = await runIngest({ input: 'data/exports', out: join(scratch, `ingest-${i}`) });
    const seconds = (performance.now() - started) / 1000;
    rows = manifest.totals.read;
    rates.push(rows / seconds);
  }
  console.log(`ingest (demo data, ${rows} rows in 85 files): ${Math.round(median(rates)).toLocaleString('en-US')} rows/s (median of ${RUNS})`);
}

async function pageLoad(): Promise<void> {
  const site = join(scratch, 'site');
  execFileSync(process.execPath, ['scripts/ingest.ts', '--out', join(site, 'public/data'), '--quiet'], { stdio: 'ignore' });
  execFileSync(process.execPath, ['scripts/build.ts', '--public', join(site, 'public'), '--out', join(site, 'dist')], { stdio: 'ignore' });
  const server = await serveStatic(join(site, 'dist'), { mount: '/dashboards/xg/' });
  const browser = await launchChromium();
  const firstChart: number[] = [];
  const ready: number[] = [];
  try {
    for (let i = 0; i < RUNS; i++) {
      const context = await browser.newContext(); // fresh: nothing cached
      const page = await context.newPage();
      await page.goto(server.url + 'index.html');
      await page.waitForSelector('#engine-status[data-state="ready"]', { timeout: 120_000 });
      const t = await page.evaluate(() => ({
        fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
        chartInHtml: document.querySelector('#chart[data-source="build"] svg, #chart svg') !== null,
        ready: performance.getEntriesByName('duckdb-ready')[0]?.startTime ?? NaN,
      }));
      if (!t.chartInHtml) throw new Error('chart missing from the first view');
      firstChart.push(t.fcp);
      ready.push(t.ready);
      await context.close();
    }
  } finally {
    await browser.close();
    await server.close();
  }
  console.log(`page, cold, localhost: first chart visible ${median(firstChart).toFixed(0)} ms; DuckDB-WASM ready ${median(ready).toFixed(0)} ms (median of ${RUNS})`);
}

try {
  process.chdir(resolve(import.meta.dirname, '..'));
  await ingestThroughput();
  await pageLoad();
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
