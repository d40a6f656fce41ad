/**
 * npm run bench — performance figures (a benchmark, not a test; quoted in the README):
 *   1. ingest throughput on the demo exports (rows read per second, median of 5 runs);
 *   2. ingest at scale: a generated GBK work-log CSV (--rows, 1,000,000 by default) with full validation, in a
 *      child process: rows per second and peak memory (max RSS); and, as the reference, plain
 *      DuckDB turning the same file into Parquet (read_csv → COPY … TO);
 *   3. (page) cold page load in headless Chromium from a plain static server, on the overview,
 *      staffing and workload pages: time to the first chart visible (first contentful paint; the
 *      chart is in the HTML) and to DuckDB-WASM ready, median of 5 fresh browser contexts;
 *   4. (filter) time for a filter change to redraw every chart and table of workload.html, p95 and
 *      median of 50 changes, on the demo data and with the generated work log added (with its
 *      engine-ready time, peak browser memory and first view); then, with that work log, every
 *      page once: engine ready, the database files it fetched, peak memory. See bench/pages.ts.
 * `npm run bench -- --only scale` runs one part (demo, scale, page, filter); `--rows N` sets the size
 * of the generated work log (default 1,000,000).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { commandLine } from '../src/io/command-line.ts';
import { runIngest } from '../src/ingest/run.ts';
import { NodeRunner } from '../src/io/duckdb-node.ts';
import { sqlString } from '../src/metrics/sql.ts';
import { writeWorklogCsv } from './bench/worklog-csv.ts';
import { buildSite, firstViews, measureFilters, pageLoads, printFilters, scaleInput, sitePages } from './bench/pages.ts';

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

const USAGE = `
性能测试：导入速度、大文件导入、页面首次加载和筛选响应时间。

用法：npm run bench -- [选项]

  --only 项目            只测这些项目，逗号分隔
  --rows 行数            大文件测试的行数（默认 1000000）
  --help                 显示本说明
`;

const { values } = commandLine(USAGE, { only: { type: 'string' }, rows: { type: 'string', default: '1000000' } });
/** Rows of the generated work log (scale and filter parts); `--rows 10000000` for a province. */
const SCALE_ROWS = Number(values.rows);
if (!Number.isInteger(SCALE_ROWS) || SCALE_ROWS < 1) throw new Error(`--rows: a whole number of rows, not ${values.rows}`);

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

// Parts 3 and 4 live in bench/pages.ts; the sites are built once and shared.
const sites = new Map<string, string>();
function site(name: 'demo' | 'scale'): string {
  if (!sites.has(name)) {
    const dir = join(scratch, `site-${name}`);
    const input = name === 'demo' ? 'data/exports' : scaleInput(join(scratch, 'site-scale-input'), SCALE_ROWS);
    sites.set(name, buildSite(dir, input));
  }
  return sites.get(name)!;
}

async function pageLoad(): Promise<void> {
  await firstViews(site('demo'), ['index.html', 'staffing.html', 'workload.html'], RUNS);
}

async function filterUpdate(): Promise<void> {
  printFilters(await measureFilters(site('demo'), 'demo data'), false);
  const scale = site('scale');
  const label = `demo data + ${SCALE_ROWS.toLocaleString('en-US')}-row work log`;
  printFilters(await measureFilters(scale, label), true);
  await firstViews(scale, ['workload.html'], RUNS, false, label);
  await pageLoads(scale, sitePages(scale), label);
}

const PARTS: Record<string, () => Promise<void>> = { demo: ingestThroughput, scale: ingestAtScale, page: pageLoad, filter: filterUpdate };
try {
  process.chdir(resolve(import.meta.dirname, '..'));
  for (const [name, run] of Object.entries(PARTS)) if (!values.only || values.only === name) await run();
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
