/**
 * The benchmark cannot rot: `npm test` runs its demo, scale, page and filter parts end to end on tiny inputs (a 2,000-row
 * work log, one run, three filter changes; the province part is run by hand), and a bench that would
 * read nothing fails in Chinese instead of printing figures of nothing. Its figures are not
 * checked here (timings belong to `npm run bench`), only that each part measured something.
 * It builds two small sites (the demo, and the demo with the generated work log).
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const project = resolve(import.meta.dirname, '../..');
const bench = (args: string[]) =>
  spawnSync(process.execPath, ['scripts/bench.ts', ...args], { cwd: project, encoding: 'utf8', timeout: 1_750_000 });

describe('npm run bench', () => {
  it('runs every part on tiny inputs', () => {
    // The province part (two more site builds of a generated 100+-department input) is left to `npm run bench -- --scale province`: it doubled this test's time.
    const run = bench(['--rows', '2000', '--runs', '1', '--changes', '3']);
    expect(run.stderr).not.toMatch(/性能测试失败|Error/);
    expect(run.status).toBe(0);
    const out = run.stdout;
    expect(out).toMatch(/^ingest \(demo data, [1-9][\d,]* rows\): [1-9][\d,]* rows\/s/m);
    expect(out).toMatch(/^ingest at scale \(2,000-row GBK work-log CSV, full validation\): [1-9][\d,]* rows\/s/m);
    for (const page of ['index', 'staffing', 'workload']) expect(out).toMatch(new RegExp(`^page ${page}\\.html, cold, localhost: first [^;]*visible[^;]* [1-9][\\d,]* ms`, 'm'));
    expect(out).toMatch(/^filter change, workload\.html, demo data: every chart and table redrawn p95 [1-9]/m);
    expect(out).toMatch(/^filter change, workload\.html, demo data \+ 2,000-row work log:/m);
    // Every page once with the work log, the department page among them.
    expect(out).toMatch(/^page departments\/[^ ]+\.html \(demo data \+ 2,000-row work log\): DuckDB-WASM ready [1-9]/m);
  }, 1_800_000);

  it('fails rather than measure a work log the ingest would set aside', () => {
    const run = bench(['--only', 'scale', '--rows', '200000', '--max-file-mb', '1']);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/性能测试失败：生成的工作记录 .* 有 \d+ MB，超过 --max-file-mb 1/);
    expect(run.stdout).toBe('');
  }, 300_000);
});
