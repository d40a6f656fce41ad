/**
 * The bench at province scale (`--scale province`): an input of ≥ 100 departments made with the
 * demo generator (its 12 departments, then copies named after other campuses), optionally with a
 * generated work log added; ingested (time, peak memory), then built as the internal and the
 * public site: each build's time and its dist's size, with and without the DuckDB-WASM engine
 * (34 MB, the same at any scale).
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { writeWorklogCsv } from './worklog-csv.ts';
import { SCALE_SEMESTER } from './pages.ts';

export interface IngestFigures {
  seconds: number;
  /** CPU time of the ingest's process (all threads, user and system), seconds. */
  cpuSeconds: number;
  read: number;
  accepted: number;
  setAside: number;
  departments: number;
  maxRssMB: number;
}

/** The Node options `npm run ingest` gives (package.json): the bench's ingest runs as a clerk's does. */
export function ingestNodeOptions(): string[] {
  const scripts = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }).scripts;
  return /^node ((?:--\S+ )*)scripts\/ingest\.ts$/.exec(scripts.ingest ?? '')?.[1]!.split(' ').filter(Boolean) ?? [];
}

/** Runs the ingest in a child process (its own peak memory); `maxFileMB` large enough for the bench's own files. */
export function ingestInChild(input: string, out: string, maxFileMB: number): IngestFigures {
  return JSON.parse(execFileSync(process.execPath, [...ingestNodeOptions(), 'scripts/bench/ingest-child.ts', input, out, String(maxFileMB)], { encoding: 'utf8' })) as IngestFigures;
}

/** Bytes of every file below `dir`, and of those outside its duckdb/ folder (the engine). */
export function distSize(dir: string): { all: number; withoutEngine: number } {
  let all = 0;
  let engine = 0;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    const size = statSync(path).size;
    all += size;
    if (path.slice(dir.length + 1).startsWith('duckdb')) engine += size;
  }
  return { all, withoutEngine: all - engine };
}

/** Seconds a build of `publicDir` into `out` takes (for `audience`). */
export function timedBuild(publicDir: string, out: string, audience: 'internal' | 'public'): number {
  const started = performance.now();
  execFileSync(process.execPath, ['scripts/build.ts', '--public', publicDir, '--out', out, '--audience', audience], { stdio: ['ignore', 'ignore', 'inherit'] });
  return (performance.now() - started) / 1000;
}

const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MB`;

/** Generates the province input into `dir` (`departments` departments; plus `rows` work-log rows when > 0). */
export function provinceInput(dir: string, departments: number, rows: number): string {
  execFileSync(process.execPath, ['scripts/generate-demo.ts', '--departments', String(departments), '--out', dir], { stdio: 'ignore' });
  if (rows > 0) writeWorklogCsv(join(dir, SCALE_SEMESTER, '全院', 'worklog.csv'), rows);
  return dir;
}

/** Ingests and builds the province input in `scratch`; prints one line per step. Throws when a step reads nothing. */
export function provinceScale(scratch: string, departments: number, rows: number, maxFileMB: number): void {
  const label = `${departments} departments${rows > 0 ? ` + ${rows.toLocaleString('en-US')}-row work log` : ''}`;
  const input = provinceInput(join(scratch, `province-${rows}`), departments, rows);
  const publicDir = join(scratch, `province-${rows}-public`);
  const ingest = ingestInChild(input, join(publicDir, 'data'), maxFileMB);
  if (ingest.read < rows || ingest.departments < departments)
    throw new Error(`省级规模的导入只读到 ${ingest.read} 行、${ingest.departments} 个系部（应有 ${departments} 个系部${rows > 0 ? `、至少 ${rows} 行` : ''}）。`);
  console.log(
    `province (${label}): ingest ${ingest.read.toLocaleString('en-US')} rows in ${ingest.seconds.toFixed(1)} s, peak memory ${Math.round(ingest.maxRssMB)} MB`,
  );
  for (const audience of ['internal', 'public'] as const) {
    const out = join(scratch, `province-${rows}-${audience}`);
    const seconds = timedBuild(publicDir, out, audience);
    const size = distSize(out);
    console.log(`province (${label}): ${audience} build ${seconds.toFixed(1)} s, dist ${mb(size.all)} (${mb(size.withoutEngine)} without the engine)`);
  }
}
