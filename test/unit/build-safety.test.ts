/**
 * The build as safe as the ingest, through the command line as a clerk runs it: the site goes to
 * any --out (here a temporary folder outside the project); a build killed at any moment leaves
 * the previous site byte-identical and the next build completes; two builds into one folder at
 * once give one complete site and, for the other, a Chinese message (exit 2, no stack trace); two
 * builds from one ingest into two folders both complete, neither writing into the ingest's folder; a
 * data file cut short, missing, or an ingest's output of an older format stops it the same way.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runIngest } from '../../src/ingest/run.ts';
import { digest } from '../support/digest.ts';

const project = resolve(import.meta.dirname, '../..');
const scratch = mkdtempSync(join(tmpdir(), 'build-safety-'));
const publicDir = join(scratch, 'public');
const out = join(scratch, 'site', 'dist');
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

interface Run {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function build(options: { onStart?: (child: ChildProcess) => void; from?: string; to?: string } = {}): Promise<Run> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['scripts/build.ts', '--public', options.from ?? publicDir, '--out', options.to ?? out], { cwd: project, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(new Error(`build did not finish:\n${stderr}`));
    }, 280_000);
    child.on('close', (status, signal) => {
      clearTimeout(timer);
      done({ status, signal, stdout, stderr });
    });
    options.onStart?.(child);
  });
}

/** The fresh folder the build `child` writes into, beside the output folder. */
const freshFolder = (child: ChildProcess) => join(dirname(out), `.${basename(out)}.tmp-${child.pid}`);

/** Kills the build with SIGKILL as soon as `moment` holds (polled), and fails if it finished first. */
async function killWhen(moment: (child: ChildProcess) => boolean): Promise<void> {
  let killed = false;
  const run = await build({
    onStart: (child) => {
      const poll = setInterval(() => {
        if (child.exitCode !== null) return clearInterval(poll);
        if (moment(child)) {
          killed = child.kill('SIGKILL');
          clearInterval(poll);
        }
      }, 10);
    },
  });
  expect(killed, `the build finished before the moment came:\n${run.stderr}`).toBe(true);
  expect(run.signal).toBe('SIGKILL');
}

beforeAll(async () => {
  const input = join(scratch, 'exports', '2025-2026-1', '甲系');
  mkdirSync(input, { recursive: true });
  writeFileSync(join(input, '在校生人数.csv'), '系部,在校生人数\n甲系,1830\n');
  await runIngest({ input: join(scratch, 'exports'), out: join(publicDir, 'data'), rulesPath: join(project, 'data/rules.json') });
}, 120_000);

describe('the build', () => {
  let before: Record<string, string>;

  it('builds into a folder outside the project', async () => {
    const run = await build();
    expect(run.stderr).not.toMatch(/Error|\n\s+at /);
    expect(run.status).toBe(0);
    expect(existsSync(join(out, 'index.html'))).toBe(true);
    // Nothing of the build's own working files is published.
    expect(existsSync(join(out, '.prerender'))).toBe(false);
    expect(existsSync(join(out, 'node_modules'))).toBe(false);
    before = digest(out);
  }, 300_000);

  it.each([
    ['as it starts (holding the lock)', () => existsSync(join(dirname(out), `.${basename(out)}.lock`))],
    ['while Astro prerenders', (child: ChildProcess) => existsSync(join(freshFolder(child), 'site', '.prerender'))],
    ['while pages are written', (child: ChildProcess) => existsSync(join(freshFolder(child), 'site', 'index.html'))],
  ])('killed %s, leaves the previous site byte-identical', async (_, moment) => {
    await killWhen(moment);
    expect(digest(out)).toEqual(before);
  }, 300_000);

  it('after a killed build, builds again and leaves nothing of the killed one', async () => {
    const run = await build();
    expect(run.status).toBe(0);
    expect(Object.keys(digest(out))).toEqual(Object.keys(before));
    expect(readdirSync(dirname(out))).toEqual([basename(out)]);
  }, 300_000);

  it('run twice at once: one complete site, the other refused in Chinese', async () => {
    const runs = await Promise.all([build(), build()]);
    const refused = runs.find((r) => r.status !== 0);
    expect(runs.map((r) => r.status).sort()).toEqual([0, 2]);
    expect(refused!.stderr).toMatch(/构建失败：.*另一次构建正在写入这个输出文件夹/);
    expect(refused!.stderr).not.toMatch(/\n\s+at |Error/);
    expect(Object.keys(digest(out))).toEqual(Object.keys(before));
    expect(readdirSync(dirname(out))).toEqual([basename(out)]);
  }, 300_000);

  it('two builds from one ingest to two sites at once: both complete, nothing written into the ingest\'s folder', async () => {
    const other = join(scratch, 'other-site', 'dist');
    const runs = await Promise.all([build(), build({ to: other })]);
    expect(runs.map((r) => r.status), runs.map((r) => r.stderr).join('\n')).toEqual([0, 0]);
    expect(Object.keys(digest(other))).toEqual(Object.keys(before));
    expect(Object.keys(digest(out))).toEqual(Object.keys(before));
    // The engine and the site database are staged in each build's own folder, not in --public.
    expect(readdirSync(publicDir)).toEqual(['data']);
  }, 300_000);

  it.each([
    ['a data file cut short', (data: string) => truncateSync(join(data, 'counselors.parquet'), 100), /counselors\.parquet：数据文件不完整或已损坏。请重新运行 npm run ingest/],
    ['a data file missing', (data: string) => rmSync(join(data, 'enrollment.parquet')), /enrollment\.parquet：找不到这个数据文件/],
    ['an older ingest output', (data: string) => writeFileSync(join(data, 'manifest.json'), readFileSync(join(data, 'manifest.json'), 'utf8').replace(/"format":\s*\d+/, '"format":1')), /manifest\.json：这是较早版本的程序导入的结果.*请重新运行 npm run ingest/],
  ])('given %s: exit 2, a Chinese message naming the file, the previous site as it was', async (_, damage, message) => {
    const broken = mkdtempSync(join(scratch, 'broken-'));
    cpSync(publicDir, broken, { recursive: true });
    damage(join(broken, 'data'));
    const before = digest(out);
    const run = await build({ from: broken });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(/\n\s+at |Error/);
    expect(digest(out)).toEqual(before);
  }, 120_000);
});
