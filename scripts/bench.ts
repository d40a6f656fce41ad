/**
 * npm run bench — performance figures (a benchmark, not a test; quoted in docs/bench.md):
 *   1. (demo) ingest throughput on the demo exports (rows read per second, median of --runs, 5);
 *   2. (scale) ingest at scale: a generated GBK work-log CSV (--rows, 1,000,000 by default) with full
 *      validation, in a child process: rows per second and peak memory (max RSS); and, as the
 *      reference, plain DuckDB turning the same file into Parquet (read_csv → COPY … TO);
 *   3. (page) cold page load in headless Chromium from a plain static server, on the overview,
 *      staffing and workload pages: time to the first chart visible (first contentful paint; the
 *      chart is in the HTML) and to DuckDB-WASM ready, median of --runs fresh browser contexts;
 *   4. (filter) time for a filter change to redraw every chart and table of workload.html, p95 and
 *      median of --changes (50) changes, on the demo data and with the generated work log added
 *      (with its engine-ready time, peak browser memory and first view); then, with that work log,
 *      every page once: engine ready, the database files it fetched, peak memory. See bench/pages.ts;
 *   5. (province, with --scale province) an input of --departments (120) departments made by the
 *      demo generator: ingest time and peak memory, internal and public build times and dist
 *      sizes; then again with a --province-rows work log added, if given. See bench/province.ts.
 * `--only scale` (or `--only demo,filter`) runs some parts. A part that reads no rows fails the
 * bench (exit 2): figures of nothing are not figures. The generated files are read whatever their
 * size unless --max-file-mb is given; a file above it stops the bench with a message.
 * `--rows 2000 --runs 1 --changes 3 --departments 13` is the bench on tiny inputs (test/unit/bench.test.ts).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { commandLine } from '../src/io/command-line.ts';
import { runIngest } from '../src/ingest/run.ts';
import { NodeRunner } from '../src/io/duckdb-node.ts';
import { sqlString } from '../src/metrics/sql.ts';
import { writeWorklogCsv } from './bench/worklog-csv.ts';
import { buildSite, firstViews, measureFilters, pageLoads, printFilters, scaleInput, sitePages } from './bench/pages.ts';
import { ingestInChild, provinceScale } from './bench/province.ts';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** What stops the bench: said in Chinese, exit 2, no stack trace. */
class BenchFailure extends Error {}
function fail(message: string): never {
  throw new BenchFailure(message);
}

const USAGE = `
性能测试：导入速度、大文件导入、页面首次加载和筛选响应时间，以及全省规模的导入和构建。

用法：npm run bench -- [选项]

  --only 项目            只测这些项目，逗号分隔（demo、scale、page、filter、province）
  --rows 行数            大文件测试的行数（默认 1000000）
  --runs 次数            每项重复的次数（默认 5）
  --changes 次数         筛选响应测试的筛选次数（默认 50）
  --scale province       另测全省规模（--departments 个系部）
  --departments 数字     全省规模的系部数（默认 120）
  --province-rows 行数   全省规模另加的工作记录行数
  --max-file-mb 数字     单个文件的大小上限（默认不限）
  --help                 显示本说明
`;

const { values } = commandLine(USAGE, {
  only: { type: 'string' },
  rows: { type: 'string' },
  runs: { type: 'string', default: '5' },
  changes: { type: 'string', default: '50' },
  scale: { type: 'string' },
  departments: { type: 'string', default: '120' },
  'province-rows': { type: 'string' },
  'max-file-mb': { type: 'string' },
});
function whole(option: string, value: string | undefined, fallback: number): number {
  const n = value === undefined ? fallback : Number(value);
  if (!Number.isInteger(n) || n < 1) {
    process.stderr.write(`--${option} 应为正整数，实际为「${value}」。\n`);
    process.exit(2);
  }
  return n;
}
/** Rows of the generated work log (scale and filter parts; province when given); `--rows 10000000` for a province. */
const SCALE_ROWS = whole('rows', values.rows, 1_000_000);
const RUNS = whole('runs', values.runs, 5);
const CHANGES = whole('changes', values.changes, 50);
const DEPARTMENTS = whole('departments', values.departments, 120);
/** Work-log rows added to the province input for a second round (none by default). */
const PROVINCE_ROWS = values['province-rows'] === undefined ? 0 : whole('province-rows', values['province-rows'], 0);
if (values.scale !== undefined && values.scale !== 'province') {
  process.stderr.write(`--scale 只能是 province（省级规模：${DEPARTMENTS} 个系部），而不是“${values.scale}”。\n`);
  process.exit(2);
}
const MAX_FILE_MB = values['max-file-mb'] === undefined ? Infinity : Number(values['max-file-mb']);
if (!(MAX_FILE_MB > 0)) {
  process.stderr.write(`--max-file-mb 应为正数（单位 MB），实际为「${values['max-file-mb']}」。\n`);
  process.exit(2);
}

const scratch = mkdtempSync(join(tmpdir(), 'bench-'));

/** The generated file, checked against --max-file-mb before it is read; the limit the ingest is given. */
function readLimitFor(path: string): number {
  const size = statSync(path).size / 2 ** 20;
  if (size > MAX_FILE_MB)
    fail(`生成的工作记录 ${path} 有 ${Math.round(size)} MB，超过 --max-file-mb ${MAX_FILE_MB}，导入会将它搁置、一行不读。请去掉 --max-file-mb 或调大它，或减少 --rows。`);
  return Math.ceil(size) + 1;
}

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
  if (rows === 0) fail('导入示例数据（data/exports）一行也没有读到。请先运行 npm run demo:generate。');
  console.log(`ingest (demo data, ${rows.toLocaleString('en-US')} rows): ${Math.round(median(rates)).toLocaleString('en-US')} rows/s (median of ${RUNS})`);
}

async function ingestAtScale(): Promise<void> {
  const input = join(scratch, 'scale');
  const csv = join(input, '2025-2026-1', 'worklog.csv');
  writeWorklogCsv(csv, SCALE_ROWS);
  const result = ingestInChild(input, join(scratch, 'scale-out'), readLimitFor(csv));
  if (result.read < SCALE_ROWS) fail(`生成的 ${SCALE_ROWS} 行工作记录只读到 ${result.read} 行（搁置 ${result.setAside} 个文件）：数字没有意义。`);

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
  // Plain DuckDB's CPU time and peak memory on the same file, in a child process of its own. CPU
  // time (all threads) hardly moves with the machine's load, where a time on a shared machine does.
  const [, duckCpu, duckPeak] = execFileSync(process.execPath, ['scripts/bench/duckdb-child.ts', csv, join(scratch, 'duckdb-child.parquet')], { encoding: 'utf8' })
    .trim()
    .split(' ')
    .map(Number) as [number, number, number];

  const rate = result.read / result.seconds;
  console.log(
    `ingest at scale (${SCALE_ROWS.toLocaleString('en-US')}-row GBK work-log CSV, full validation): ` +
      `${Math.round(rate).toLocaleString('en-US')} rows/s (${result.seconds.toFixed(2)} s, CPU ${result.cpuSeconds.toFixed(2)} s), peak memory ${Math.round(result.maxRssMB)} MB; ` +
      `plain DuckDB read_csv → Parquet: ${duckSeconds.toFixed(2)} s (CPU ${duckCpu.toFixed(2)} s), peak memory ${Math.round(duckPeak)} MB ` +
      `(ingest takes ${(result.seconds / duckSeconds).toFixed(1)}× as long, ${(result.cpuSeconds / duckCpu).toFixed(1)}× the CPU time, ${(result.maxRssMB / duckPeak).toFixed(1)}× the memory; ` +
      `load average ${loadavg()[0]!.toFixed(1)})`,
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
  printFilters(await measureFilters(site('demo'), 'demo data', CHANGES), false);
  const scale = site('scale');
  const label = `demo data + ${SCALE_ROWS.toLocaleString('en-US')}-row work log`;
  printFilters(await measureFilters(scale, label, CHANGES), true);
  await firstViews(scale, ['workload.html'], RUNS, false, label);
  await pageLoads(scale, sitePages(scale), label);
}

async function province(): Promise<void> {
  provinceScale(scratch, DEPARTMENTS, 0, MAX_FILE_MB);
  if (PROVINCE_ROWS > 0) provinceScale(scratch, DEPARTMENTS, PROVINCE_ROWS, MAX_FILE_MB);
}

const PARTS: Record<string, () => Promise<void>> = { demo: ingestThroughput, scale: ingestAtScale, page: pageLoad, filter: filterUpdate, province };
const chosen = values.only?.split(',') ?? ['demo', 'scale', 'page', 'filter', ...(values.scale === 'province' ? ['province'] : [])];
const unknown = chosen.filter((name) => !PARTS[name]);
if (unknown.length) {
  process.stderr.write(`--only 只能是 ${Object.keys(PARTS).join('、')}（可用逗号分隔多个），而不是“${unknown.join('、')}”。\n`);
  process.exit(2);
}
try {
  process.chdir(resolve(import.meta.dirname, '..'));
  for (const name of chosen) await PARTS[name]!();
} catch (error) {
  const message = error instanceof BenchFailure ? error.message : `${(error as Error)?.message ?? error}`.split('\n')[0];
  process.stderr.write(`\n性能测试失败：${message}\n`);
  if (process.env.INGEST_DEBUG) process.stderr.write(`${(error as Error)?.stack ?? String(error)}\n`);
  process.exitCode = 2;
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
