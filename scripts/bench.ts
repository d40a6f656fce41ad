/**
 * npm run bench — performance figures (a benchmark, not a test; quoted in the README):
 *   1. ingest throughput on the demo exports (rows read per second, median of 5 runs);
 *   2. ingest at scale: a generated 1,000,000-row GBK work-log CSV with full validation, in a
 *      child process: rows per second and peak memory (max RSS); and, as the reference, plain
 *      DuckDB turning the same file into Parquet (read_csv → COPY … TO);
 *   3. cold page load in headless Chromium from a plain static server: time to the first chart
 *      visible (first contentful paint; the chart is in the HTML) and to DuckDB-WASM ready
 *      (the page's 'duckdb-ready' mark), median of 5 fresh browser contexts.
 * `npm run bench -- --only scale` runs one part (demo, scale, page).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { runIngest } from '../src/ingest/run.ts';
import { NodeRunner } from '../src/io/duckdb-node.ts';
import { sqlString } from '../src/metrics/sql.ts';
import { writeWorklogCsv } from './bench/worklog-csv.ts';
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
  console.log(`ingest (demo data, ${rows} rows): ${Math.round(median(rates)).toLocaleString('en-US')} rows/s (median of ${RUNS})`);
}

const SCALE_ROWS = 1_000_000;

async function ingestAtScale(): Promise<void> {
  const input = join(scratch, 'scale');
  const csv = join(input, '2025-2026-1', 'worklog.csv');
  writeWorklogCsv(csv, SCALE_ROWS);
  const result = JSON.parse(
    execFileSync(process.execPath, ['scripts/bench/ingest-child.ts', input, join(scratch, 'scale-out')], { encoding: 'utf8' }),
  ) as { seconds: number; read: number; accepted: number; maxRssMB: number };

  // Reference: DuckDB alone. It has no GBK decoder offline, so it reads the same bytes as
  // latin-1: the same file, the same amount of parsing, with no validation at all.
  const duck = await NodeRunner.inMemory();
  const started = performance.now();
  await duck.connection.run(
    `COPY (SELECT * FROM read_csv(${sqlString(csv)}, encoding = 'latin-1', skip = 1, header = true, all_varchar = true))
     TO ${sqlString(join(scratch, 'duckdb.parquet'))} (FORMAT parquet, COMPRESSION zstd)`,
  );
  const duckSeconds = (performance.now() - started) / 1000;
  duck.close();

  const rate = result.read / result.seconds;
  console.log(
    `ingest at scale (${SCALE_ROWS.toLocaleString('en-US')}-row GBK work-log CSV, full validation): ` +
      `${Math.round(rate).toLocaleString('en-US')} rows/s (${result.seconds.toFixed(2)} s), peak memory ${Math.round(result.maxRssMB)} MB; ` +
      `plain DuckDB read_csv → Parquet: ${duckSeconds.toFixed(2)} s (ingest takes ${(result.seconds / duckSeconds).toFixed(1)}× as long)`,
  );
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

const PARTS: Record<string, () => Promise<void>> = { demo: ingestThroughput, scale: ingestAtScale, page: pageLoad };
const { values } = parseArgs({ options: { only: { type: 'string' } } });
try {
  process.chdir(resolve(import.meta.dirname, '..'));
  for (const [name, run] of Object.entries(PARTS)) if (!values.only || values.only === name) await run();
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
