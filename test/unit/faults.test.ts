/**
 * What stops a run that is not the data's fault, through the command line as a clerk runs it:
 * a Chinese message naming the path and what to do, exit status 2, no stack trace, nothing
 * left in the temporary folders, the previous output as it was. Two runs into one output
 * folder: one complete output, the other refused, no hang. A killed run's staging folder and
 * lock are cleared by the next run.
 *
 * Permissions mean nothing to root: as root the runs that need them are made without the two
 * capabilities that let root ignore them (setpriv drops DAC_OVERRIDE and DAC_READ_SEARCH), so the
 * permission bits apply to root as to any owner. (Running as `nobody` instead failed wherever the
 * clone sits under a folder only root may enter, as a `mktemp -d` folder is.) A full disk is a 64 KB tmpfs in a mount namespace of the run's own (unshare -m),
 * where the machine allows it; elsewhere that test says why it cannot run.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { faultMessage } from '../../src/ingest/faults.ts';
import { IngestError } from '../../src/ingest/records.ts';
import { runIngest, type Manifest } from '../../src/ingest/run.ts';

const temporary: string[] = [];
afterAll(() => {
  for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
});
/** A temporary folder of the test's own. */
function scratchDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  chmodSync(dir, 0o777);
  temporary.push(dir);
  return dir;
}
function fixture(files: Record<string, string>): string {
  const dir = scratchDir('faults-in-');
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}
const GOOD = { '2025-2026-1/甲系/在校生人数.csv': '系部,在校生人数\n甲系,1830\n' };

const root = process.getuid?.() === 0;
const unprivileged = root ? ['setpriv', '--bounding-set=-dac_override,-dac_read_search', '--inh-caps=-dac_override,-dac_read_search'] : [];
const canDropPrivileges = !root || spawnSync(unprivileged[0]!, [...unprivileged.slice(1), 'true']).status === 0;

/**
 * A test that needs something of the machine (dropping root's capabilities, a mount namespace):
 * where it is missing, skipped with the reason in its title — but in CI (CI=true), where it should
 * be there, run and failed with the reason, so that a CI machine without it cannot pass by skipping.
 * A CI machine known to lack it names it in TEST_ALLOW_SKIP (e.g. TEST_ALLOW_SKIP=mount-namespace).
 */
function needing(available: boolean, key: string, reason: string) {
  const ci = process.env.CI === 'true' && !(process.env.TEST_ALLOW_SKIP ?? '').split(',').includes(key);
  return (title: string, fn: () => unknown, timeout?: number) => {
    if (available) return it(title, fn, timeout);
    if (ci) return it(title, () => expect.fail(`CI=true，但本机${reason}；若此 CI 机器确实不具备，设置 TEST_ALLOW_SKIP=${key}`));
    return it.skip(`${title} — 跳过：本机${reason}`, fn);
  };
}
const withoutRootsOverride = needing(canDropPrivileges, 'setpriv', '不能以 setpriv 去掉 root 的 dac_override 权限');

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the ingest command (bound by permissions even as root when `as` is given); fails the test rather than hang. */
function cli(args: string[], options: { as?: 'unprivileged'; onStart?: (child: ChildProcess) => void } = {}): Promise<Run> {
  const command = [...(options.as ? unprivileged : []), process.execPath, 'scripts/ingest.ts', ...args];
  return new Promise((resolve, reject) => {
    const child = spawn(command[0]!, command.slice(1), { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (c: Buffer) => (stdout += c));
    child.stderr!.on('data', (c: Buffer) => (stderr += c));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`ingest did not finish in 90 s: ${args.join(' ')}\n${stderr}`));
    }, 90_000);
    child.on('exit', (status) => {
      clearTimeout(timer);
      // Let the pipes drain.
      setTimeout(() => resolve({ status, stdout, stderr }), 50);
    });
    options.onStart?.(child);
  });
}

/** A stack trace line ("    at foo (file.ts:1:2)"). */
const STACK = /^\s+at .+[(:]\d+/m;

function expectFault(run: Run, message: RegExp): void {
  expect(run.status, run.stderr).toBe(2);
  expect(run.stderr, run.stderr).toMatch(message);
  expect(run.stderr).toMatch(/已有的输出未被改动/);
  expect(run.stderr).not.toMatch(STACK);
  expect(run.stderr).not.toMatch(/Error:|ENOSPC|EACCES|ENOTDIR|node:internal/);
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
async function until(condition: () => boolean, what: string, ms = 60_000): Promise<void> {
  for (const start = Date.now(); !condition(); await wait(20)) if (Date.now() - start > ms) throw new Error(`timed out waiting for ${what}`);
}

/** A work log big enough that a run takes a few seconds. */
function bigInput(rows: number): string {
  const lines = ['工号,姓名,系部,周次,谈心谈话,查课'];
  for (let i = 0; i < rows; i++) lines.push(`${100000 + (i % 5000)},教师${i % 5000},机电工程系,${(i % 18) + 1},${i % 9},${i % 4}`);
  return fixture({ '2025-2026-1/机电工程系/辅导员工作记录.csv': lines.join('\n') + '\n' });
}

describe('fault messages', () => {
  it('say what happened to which path and what to do, in Chinese', () => {
    const fault = (code: string, path: string) => faultMessage(Object.assign(new Error(`${code}: something, open '${path}'`), { code, path }));
    expect(fault('ENOSPC', '/data/out/x.parquet')).toMatch(/^导入失败：磁盘空间不足，写入 \/data\/out\/x\.parquet 时失败。请清理该磁盘/);
    expect(fault('EACCES', '/srv/in')).toMatch(/没有权限访问 \/srv\/in。请换一个有读写权限的文件夹/);
    expect(fault('EROFS', '/mnt/cd/data')).toMatch(/只读的/);
    expect(fault('ENOTDIR', '/tmp/a.txt/data')).toMatch(/不是文件夹/);
    // DuckDB says it in its own words.
    expect(faultMessage(new Error('IO Error: Could not write file "/data/out/enrollment.parquet": No space left on device'))).toMatch(/磁盘空间不足，写入 \/data\/out\/enrollment\.parquet 时失败/);
    expect(faultMessage(new IngestError('a.csv', '文件为空'))).toBe('导入失败：a.csv：文件为空\n已有的输出未被改动。');
    const unknown = faultMessage(new TypeError("Cannot read properties of undefined (reading 'x')"));
    expect(unknown).toMatch(/^导入失败：程序遇到了意外的错误/);
    expect(unknown).not.toMatch(STACK);
  });
});

describe('from the command line', () => {
  it('a missing input folder: exit 2, no stack trace', async () => {
    expectFault(await cli(['--input', '/nonexistent/exports', '--out', join(scratchDir('faults-out-'), 'data')]), /\/nonexistent\/exports：输入文件夹不存在/);
  });

  it('an output path under a file: exit 2 naming it, nothing left behind', async () => {
    const parent = scratchDir('faults-out-');
    writeFileSync(join(parent, 'a-file'), 'x');
    expectFault(await cli(['--input', fixture(GOOD), '--out', join(parent, 'a-file', 'data')]), /a-file.*不是文件夹/);
    expect(readdirSync(parent)).toEqual(['a-file']);
  });

  withoutRootsOverride('an output folder without write permission: exit 2 naming it; the previous output as it was', async () => {
    const parent = scratchDir('faults-out-');
    const out = join(parent, 'data');
    await runIngest({ input: fixture(GOOD), out });
    const before = readFileSync(join(out, 'manifest.json'), 'utf8');
    chmodSync(parent, 0o555);
    try {
      expectFault(await cli(['--input', fixture(GOOD), '--out', out], { as: 'unprivileged' }), new RegExp(`没有权限访问 ${parent}`));
    } finally {
      chmodSync(parent, 0o777);
    }
    expect(readFileSync(join(out, 'manifest.json'), 'utf8')).toBe(before);
  });

  withoutRootsOverride('an input file without read permission is set aside (the others read); an input folder without it stops the run', async () => {
    const input = fixture({ ...GOOD, '2025-2026-1/乙系/在校生人数.csv': '系部,在校生人数\n乙系,880\n' });
    chmodSync(join(input, '2025-2026-1/乙系/在校生人数.csv'), 0o000);
    const out = join(scratchDir('faults-out-'), 'data');
    const run = await cli(['--input', input, '--out', out], { as: 'unprivileged' });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/✗ 2025-2026-1\/乙系\/在校生人数\.csv：未能导入，已搁置。无法读取此文件：没有读取权限/);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as Manifest;
    expect(manifest.totals.accepted).toBe(1);
    chmodSync(join(input, '2025-2026-1'), 0o000);
    try {
      expectFault(await cli(['--input', input, '--out', out], { as: 'unprivileged' }), /没有权限访问 .*2025-2026-1/);
    } finally {
      chmodSync(join(input, '2025-2026-1'), 0o755);
    }
  });
});

/** Whether this machine lets a run have a small disk of its own (a tmpfs in its own mount namespace). */
const tmpfs = spawnSync('unshare', ['-m', 'sh', '-c', 'mount -t tmpfs -o size=64k tmpfs /mnt && umount /mnt'], { encoding: 'utf8' }).status === 0;
const withSmallDisk = needing(tmpfs, 'mount-namespace', '不允许 unshare -m 挂载 tmpfs（容器未授予 CAP_SYS_ADMIN）');

describe('a full disk', () => {
  withSmallDisk('while staging: exit 2, "磁盘空间不足" naming the path, the staging folder removed, the previous output as it was', async () => {
    const disk = scratchDir('faults-disk-');
    const out = join(scratchDir('faults-out-'), 'data');
    await runIngest({ input: fixture(GOOD), out });
    const before = readFileSync(join(out, 'manifest.json'), 'utf8');
    const input = bigInput(20_000);
    // The run's temporary folder is on a 64 KB disk; its staged lines (about 1 MB) do not fit.
    const script = `mount -t tmpfs -o size=64k tmpfs "$1" && "$2" scripts/ingest.ts --input "$3" --out "$4" --temp-dir "$1"; status=$?; ls -A "$1" > "$1.left"; exit $status`;
    const run = spawnSync('unshare', ['-m', 'sh', '-c', script, 'sh', disk, process.execPath, input, out], { encoding: 'utf8', timeout: 90_000 });
    expectFault({ status: run.status, stdout: run.stdout, stderr: run.stderr }, /磁盘空间不足，写入 .*faults-disk-.* 时失败/);
    expect(readFileSync(`${disk}.left`, 'utf8')).toBe('');
    expect(readFileSync(join(out, 'manifest.json'), 'utf8')).toBe(before);
    rmSync(`${disk}.left`, { force: true });
  });

  withSmallDisk('while writing the output: exit 2 naming the output file that could not be written, nothing left on that disk', () => {
    const disk = scratchDir('faults-disk-');
    const script = `mount -t tmpfs -o size=60k tmpfs "$1" && "$2" scripts/ingest.ts --input data/exports --out "$1/data" --quiet; status=$?; ls -A "$1" > "$1.left"; exit $status`;
    const run = spawnSync('unshare', ['-m', 'sh', '-c', script, 'sh', disk, process.execPath], { encoding: 'utf8', timeout: 90_000 });
    expectFault({ status: run.status, stdout: run.stdout, stderr: run.stderr }, /磁盘空间不足，写入 .*faults-disk-.*\.parquet 时失败/);
    expect(readFileSync(`${disk}.left`, 'utf8')).toBe('');
    rmSync(`${disk}.left`, { force: true });
  });
});

describe('two ingests into one output folder at once', () => {
  it('give one complete output; the other is refused with a message, and nothing hangs', async () => {
    const input = bigInput(60_000);
    const out = join(scratchDir('faults-out-'), 'data');
    const [a, b] = await Promise.all([cli(['--input', input, '--out', out, '--quiet']), cli(['--input', input, '--out', out, '--quiet'])]);
    const statuses = [a.status, b.status].sort();
    expect(statuses).toEqual([0, 2]);
    const refused = a.status === 2 ? a : b;
    expect(refused.stderr).toMatch(/另一次导入正在写入这个输出文件夹（进程 \d+，开始于/);
    expect(refused.stderr).not.toMatch(STACK);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as Manifest;
    expect(manifest.totals.accepted).toBe(60_000);
    expect(readdirSync(dirname(out)).sort()).toEqual(['data']); // no lock, no temporary folder left
    // And the one refused can run once the first is done.
    expect((await cli(['--input', input, '--out', out, '--quiet'])).status).toBe(0);
  }, 120_000);
});

describe('a run stopped midway', () => {
  it('by Ctrl+C: exit 130, its staging folder, lock and half-written output removed, the previous output as it was', async () => {
    const temp = scratchDir('faults-temp-');
    const out = join(scratchDir('faults-out-'), 'data');
    await runIngest({ input: fixture(GOOD), out });
    const before = readFileSync(join(out, 'manifest.json'), 'utf8');
    const run = await cli(['--input', bigInput(200_000), '--out', out, '--temp-dir', temp], {
      onStart: (child) => {
        void until(() => readdirSync(temp).length > 0, 'the staging folder').then(() => child.kill('SIGINT'));
      },
    });
    expect(run.status).toBe(130);
    expect(run.stderr).toMatch(/导入已中断，已有的输出未被改动/);
    expect(readdirSync(temp)).toEqual([]);
    expect(readdirSync(dirname(out))).toEqual(['data']);
    expect(readFileSync(join(out, 'manifest.json'), 'utf8')).toBe(before);
  }, 120_000);

  it('by a kill: the next run clears its staging folder and takes over its lock', async () => {
    const temp = scratchDir('faults-temp-');
    const out = join(scratchDir('faults-out-'), 'data');
    const input = bigInput(200_000);
    let pid = 0;
    await cli(['--input', input, '--out', out, '--temp-dir', temp], {
      onStart: (child) => {
        pid = child.pid!;
        void until(() => readdirSync(temp).length > 0, 'the staging folder').then(() => child.kill('SIGKILL'));
      },
    });
    expect(readdirSync(temp)).toEqual([expect.stringMatching(new RegExp(`^ingest-staging-${pid}-`))]);
    expect(existsSync(join(dirname(out), '.data.lock'))).toBe(true);
    const next = await cli(['--input', input, '--out', out, '--temp-dir', temp, '--quiet']);
    expect(next.status, next.stderr).toBe(0);
    expect(readdirSync(temp)).toEqual([]);
    expect(readdirSync(dirname(out))).toEqual(['data']);
  }, 120_000);
});
