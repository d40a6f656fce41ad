/**
 * npm run test:faults — proves that the tests guard the figures readers see. Each fault of the
 * curated list below is a small, plausible mistake in the metric SQL (src/metrics) or the report's
 * figures; it is put into a scratch copy of the project (never into this tree), the site is built
 * from it, and the e2e tests of the page that shows the figure run against that site. A fault the
 * tests do not catch fails the run. A fault whose search text no longer occurs in its file (the
 * code moved on) fails the run too, before anything is built, so the list cannot rot silently.
 *
 *   npm run test:faults                       every fault (a baseline run first: the tests must pass unfaulted)
 *   npm run test:faults -- --only lateness-at-3,induction-this-year
 *   npm run test:faults -- --list             the faults, their families and the tests expected to catch them
 *   npm run test:faults -- --no-baseline      skip the unfaulted run (when it just passed)
 *   npm run test:faults -- --keep             keep the scratch copy (its path is printed)
 *
 * Each fault costs one internal build (the ingest is shared unless the fault is in the ingest's
 * code) and one run of its test files (stopped at the first failure): about a minute on 2 cores.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { commandLine } from '../src/io/command-line.ts';

interface Fault {
  /** Short name, for --only and the summary. */
  id: string;
  /** The family of figures users see that it stands for. */
  family: string;
  file: string;
  /** Exact text to find: it must occur `occurrences` times (1 unless given). */
  search: string;
  replace: string;
  occurrences?: number;
  /** Test files (under test/) expected to catch it: the page that shows the figure. */
  tests: string[];
  /** The fault is in code the ingest runs: ingest again instead of reusing the shared output. */
  ingest?: boolean;
  /** The tests read the public build as well. */
  publicBuild?: boolean;
}

const E2E = (page: string) => `test/e2e/${page}.test.ts`;

/** One fault per weekly norm of the demo's profile: that norm's minimum raised by one. */
const WEEKLY_NORMS: Array<[string, string]> = [
  ['counselor', 'talks'],
  ['counselor', 'class_checks'],
  ['counselor', 'dorm_hygiene_checks'],
  ['counselor', 'dorm_visits'],
  ['counselor', 'lectures_attended'],
  ['class_teacher', 'talks'],
  ['assistant', 'dorm_visits'],
  ['graduate_assistant', 'hours'],
];

export const FAULTS: Fault[] = [
  // ── 师生比 ──
  {
    id: 'ratio-plus-one',
    family: '师生比（仅计专职）',
    file: 'src/metrics/staffing.ts',
    search: 'CASE WHEN full_time > 0 THEN students / full_time END`)}::DOUBLE AS ratio_full_time',
    replace: 'CASE WHEN full_time > 0 THEN students / (full_time + 1) END`)}::DOUBLE AS ratio_full_time',
    tests: [E2E('staffing')],
  },
  {
    id: 'gap-floor',
    family: '专职缺口',
    file: 'src/metrics/staffing.ts',
    search: '${counted(`GREATEST(0, CEIL(students / ${n}) - full_time)`)}::INTEGER AS gap',
    replace: '${counted(`GREATEST(0, FLOOR(students / ${n}) - full_time)`)}::INTEGER AS gap',
    tests: [E2E('staffing')],
  },
  {
    id: 'weighted-part-time-as-one',
    family: '师生比（兼职折算）',
    file: 'src/metrics/staffing.ts',
    search: 'THEN (students::BIGINT * ${wd}) / (full_time * ${wd} + part_time * ${wn}) END',
    replace: 'THEN (students::BIGINT * ${wd}) / (full_time * ${wd} + part_time * ${wd}) END',
    tests: [E2E('staffing')],
  },
  {
    id: 'hiring-count-inverted',
    family: '劳务派遣/人事代理（人数列）',
    file: 'src/metrics/staffing.ts',
    search: 'COUNT(*) FILTER (WHERE hiring IN (${disallowed}))',
    replace: 'COUNT(*) FILTER (WHERE hiring NOT IN (${disallowed}))',
    tests: [E2E('staffing')],
  },
  {
    id: 'hiring-list-inverted',
    family: '劳务派遣/人事代理（名单）',
    file: 'src/metrics/staffing.ts',
    search: 'const conditions = [`hiring IN (',
    replace: 'const conditions = [`hiring NOT IN (',
    tests: [E2E('staffing')],
  },
  // ── 工作量 ──
  ...WEEKLY_NORMS.map(
    ([role, field]): Fault => ({
      id: `norm-${role}-${field}`,
      family: `周工作要求：${role} ${field}`,
      file: 'src/metrics/workload.ts',
      search: 'if (n.min !== undefined) parts.push(`${v} >= ${sqlNumber(n.min)}`);',
      replace: `if (n.min !== undefined) parts.push(\`\${v} >= \${sqlNumber(n.role === '${role}' && n.field === '${field}' ? n.min + 1 : n.min)}\`);`,
      tests: [E2E('workload')],
    }),
  ),
  {
    id: 'norm-maximum-exclusive',
    family: '周工作要求：上限（15至20小时）',
    file: 'src/metrics/workload.ts',
    search: 'if (n.max !== undefined) parts.push(`${v} <= ${sqlNumber(n.max)}`);',
    replace: 'if (n.max !== undefined) parts.push(`${v} < ${sqlNumber(n.max)}`);',
    tests: [E2E('workload')],
  },
  {
    id: 'monthly-norms-by-week',
    family: '月工作要求',
    file: 'src/metrics/workload.ts',
    search: "strftime(week_start, '%Y-%m') AS month",
    replace: "strftime(week_start, '%Y-%W') AS month",
    tests: [E2E('workload')],
  },
  {
    id: 'weekly-mean-plus-one',
    family: '周平均',
    file: 'src/metrics/workload.ts',
    search: '(total / weeks)::DOUBLE AS mean',
    replace: '(total / weeks + 1)::DOUBLE AS mean',
    tests: [E2E('workload')],
  },
  // ── 考核与优秀比例 ──
  {
    id: 'grades-good-as-pass',
    family: '考核等次',
    file: 'src/metrics/assessment.ts',
    search: "COUNT(*) FILTER (WHERE grade = 'good')::INTEGER AS good",
    replace: "COUNT(*) FILTER (WHERE grade IN ('good', 'pass'))::INTEGER AS good",
    tests: [E2E('assessment')],
  },
  {
    id: 'quota-rounded',
    family: '优秀比例（名额）',
    file: 'src/metrics/quota.ts',
    search: "const offset = { floor: '0',",
    replace: "const offset = { floor: `${den} // 2`,",
    tests: [E2E('quota')],
  },
  // ── 人员规则 ──
  {
    id: 'consecutive-fail-one-year',
    family: '连续两年不合格',
    file: 'src/metrics/people.ts',
    search: 'WHERE years = ${sqlNumber(p.years)} AND',
    replace: 'WHERE years >= ${sqlNumber(p.years - 1)} AND',
    tests: [E2E('assessment')],
  },
  {
    id: 'top-counselors-one-short',
    family: '十佳辅导员候选',
    file: 'src/metrics/people.ts',
    search: 'WHERE rank <= ${sqlNumber(p.count)} AND',
    replace: 'WHERE rank < ${sqlNumber(p.count)} AND',
    tests: [E2E('assessment')],
  },
  {
    id: 'lateness-at-3',
    family: '迟到超过3次',
    file: 'src/metrics/people.ts',
    search: 'WHERE late_count > ${sqlNumber(p.max)} AND role IN',
    replace: 'WHERE late_count >= ${sqlNumber(p.max)} AND role IN',
    tests: [E2E('assistants')],
  },
  {
    id: 'graduates-tenure-inclusive',
    family: '研究生德育助理在岗时间',
    file: 'src/metrics/people.ts',
    search: '(left_on IS NOT NULL AND months_in_post < ${min}) AS left_early',
    replace: '(left_on IS NOT NULL AND months_in_post < ${min} - 4) AS left_early',
    tests: [E2E('assistants')],
  },
  {
    id: 'graduates-post-types',
    family: '研究生德育助理岗位类型',
    file: 'src/metrics/people.ts',
    search: 'SELECT department, post_type, COUNT(*)::INTEGER AS people,',
    replace: "SELECT department, CASE WHEN post_type = 'party' THEN NULL ELSE post_type END AS post_type, COUNT(*)::INTEGER AS people,",
    tests: [E2E('assistants')],
  },
  // ── 培训 ──
  {
    id: 'school-hours-strict',
    family: '校级培训学时',
    file: 'src/metrics/training.ts',
    search: '${judged(`${hours} >= ${sqlNumber(p.schoolHoursPerYear)}`)} AS meets_hours',
    replace: '${judged(`${hours} > ${sqlNumber(p.schoolHoursPerYear)}`)} AS meets_hours',
    tests: [E2E('training')],
  },
  {
    id: 'higher-courses-national-only',
    family: '国家级/省级培训次数',
    file: 'src/metrics/training.ts',
    search: "COUNT(r.t_level) FILTER (WHERE r.t_level IN ('national', 'provincial')",
    replace: "COUNT(r.t_level) FILTER (WHERE r.t_level IN ('national')",
    tests: [E2E('training')],
  },
  {
    id: 'induction-this-year',
    family: '岗前培训学时',
    file: 'src/metrics/training.ts',
    search: 'FILTER (WHERE (${induction}) AND r.t_year <= r.year), 0)`;',
    replace: 'FILTER (WHERE (${induction}) AND r.t_year < r.year), 0)`;',
    tests: [E2E('training')],
  },
  // ── 队伍结构 ──
  {
    id: 'structure-party-members-only',
    family: '队伍结构占比',
    file: 'src/metrics/structure.ts',
    search: 'COUNT(*) FILTER (WHERE political_status IN (${list(PARTY_MEMBERS)}))::INTEGER AS party',
    replace: "COUNT(*) FILTER (WHERE political_status IN ('cpc_member'))::INTEGER AS party",
    tests: [E2E('structure')],
  },
  // ── 助理 ──
  {
    id: 'coverage-shared-at-one',
    family: '助理配备（班级）',
    file: 'src/metrics/assistants.ts',
    search: '(COUNT(*) FILTER (WHERE h.holders > 1))::INTEGER AS shared',
    replace: '(COUNT(*) FILTER (WHERE h.holders >= 1))::INTEGER AS shared',
    tests: [E2E('assistants')],
  },
  {
    id: 'assistants-political-unknown-ok',
    family: '助理资格条件',
    file: 'src/metrics/assistants.ts',
    search: 'COUNT(*) FILTER (WHERE political_ok)::INTEGER AS political_ok',
    replace: 'COUNT(*) FILTER (WHERE political_ok IS NOT FALSE)::INTEGER AS political_ok',
    tests: [E2E('assistants')],
  },
  // ── 党委会汇报 ──
  {
    id: 'report-flagged-hiring',
    family: '汇报：派遣、代理聘用人数',
    file: 'src/report/figures.ts',
    search: 'flaggedHiring: (await q(flaggedHiringSql(staffingParams(ctx), s), institutionCount([POPULATIONS.roster]))).length,',
    replace: 'flaggedHiring: (await q(flaggedHiringSql(staffingParams(ctx), s), institutionCount([POPULATIONS.roster]))).length + 1,',
    tests: [E2E('report')],
  },
];

// ───────────────────────────── running them ─────────────────────────────

const ROOT = resolve(dirname(new URL(import.meta.url).pathname), '..');

/** Stops the run with a message (exit 2), after the scratch copy is removed. */
class Stop extends Error {}
function fail(message: string): never {
  throw new Stop(message);
}

/** What is wrong with the list against the tree at `root`: a search text that does not occur as often as said, a missing file. */
export function faultListProblems(faults: Fault[], root: string): string[] {
  const ids = faults.map((f) => f.id);
  const twice = ids.filter((id, i) => ids.indexOf(id) !== i);
  return [
    ...twice.map((id) => `${id}：名称重复`),
    ...faults.flatMap((f) => {
      const path = join(root, f.file);
      if (!existsSync(path)) return [`${f.id}：找不到文件 ${f.file}`];
      const n = readFileSync(path, 'utf8').split(f.search).length - 1;
      const want = f.occurrences ?? 1;
      if (n !== want) return [`${f.id}：${f.file} 中查找文本出现 ${n} 次（应为 ${want} 次），请按现在的代码更新故障清单：\n    ${f.search}`];
      if (f.tests.some((t) => !existsSync(join(root, t)))) return [`${f.id}：测试文件不存在：${f.tests.join('、')}`];
      return [];
    }),
  ];
}

function checkFaults(faults: Fault[], root: string): void {
  const problems = faultListProblems(faults, root);
  if (problems.length) fail(`故障清单已过时（scripts/test-faults.ts）：\n  ${problems.join('\n  ')}`);
}

/** A scratch copy of the tree as it is (tracked and new files, uncommitted edits included), node_modules linked. */
function scratchCopy(dir: string): void {
  const files = execFileSync('git', ['ls-files', '-co', '--exclude-standard', '-z'], { cwd: ROOT, encoding: 'utf8' }).split('\0').filter(Boolean);
  for (const f of files) {
    if (!existsSync(join(ROOT, f))) continue; // deleted in the work tree
    mkdirSync(dirname(join(dir, f)), { recursive: true });
    // The corpus holds links (to folders, looping): copied as links.
    if (lstatSync(join(ROOT, f)).isSymbolicLink()) symlinkSync(readlinkSync(join(ROOT, f)), join(dir, f));
    else cpSync(join(ROOT, f), join(dir, f));
  }
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
}

const node = process.execPath;

function run(cwd: string, args: string[], env: NodeJS.ProcessEnv = {}): { ok: boolean; output: string } {
  const r = spawnSync(node, args, { cwd, env: { ...process.env, ...env }, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  return { ok: r.status === 0, output: `${r.stdout ?? ''}${r.stderr ?? ''}` };
}

function build(dir: string, e2e: string, opts: { ingest: boolean; shared: string; publicBuild: boolean }): { ok: boolean; output: string } {
  rmSync(e2e, { recursive: true, force: true });
  mkdirSync(e2e, { recursive: true });
  if (opts.ingest) {
    const r = run(dir, ['scripts/ingest.ts', '--input', 'data/exports', '--out', join(e2e, 'public/data'), '--quiet']);
    if (!r.ok) return r;
  } else cpSync(opts.shared, join(e2e, 'public/data'), { recursive: true });
  const internal = run(dir, ['scripts/build.ts', '--public', join(e2e, 'public'), '--out', join(e2e, 'dist')]);
  if (!internal.ok || !opts.publicBuild) return internal;
  return run(dir, ['scripts/build.ts', '--public', join(e2e, 'public'), '--out', join(e2e, 'dist-public'), '--audience', 'public']);
}

function runTests(dir: string, e2e: string, tests: string[], publicBuild: boolean, bail: boolean): { ok: boolean; output: string } {
  return run(dir, ['node_modules/vitest/vitest.mjs', 'run', ...(bail ? ['--bail=1'] : []), ...tests], {
    E2E_DIR: e2e,
    E2E_REUSE: '1',
    E2E_INTERNAL_ONLY: publicBuild ? '0' : '1',
  });
}

/** The first failing test's name, from Vitest's output, for the summary. */
const firstFailure = (output: string) =>
  // eslint-disable-next-line no-control-regex
  (output.replace(/\x1b\[[0-9;]*m/g, '').match(/(?:×|✗|FAIL)\s+(.+)/)?.[1] ?? '').trim().slice(0, 120);

function main(): void {
  try {
    faultRun();
  } catch (e) {
    if (!(e instanceof Stop)) throw e;
    console.error(e.message);
    process.exitCode = 2;
  }
}

const USAGE = `
故障检验：在一份临时副本中逐个加入清单上的小故障（指标口径、汇报数字），运行显示该数字的页面的测试，
确认每个故障都被测试发现；有故障未被发现时失败。修改 src/metrics 或汇报的数字后运行。

用法：npm run test:faults -- [选项]

  --only 故障            只检验这些故障，逗号分隔（按所写顺序）
  --list                 列出故障清单，不运行
  --no-baseline          不先运行未加故障的测试
  --keep                 保留临时副本
  --help                 显示本说明
`;

function faultRun(): void {
  const { values } = commandLine(USAGE, { only: { type: 'string' }, list: { type: 'boolean' }, 'no-baseline': { type: 'boolean' }, keep: { type: 'boolean' } });
  const args = process.argv.slice(2);
  const only = values.only ? new Set(values.only.split(',')) : null;
  const unknown = only ? [...only].filter((id) => !FAULTS.some((f) => f.id === id)) : [];
  if (unknown.length) fail(`没有这些故障：${unknown.join('、')}（用 --list 查看清单）`);
  // In the order given with --only (the ones to learn about first), else the list's.
  const faults = only ? [...only].map((id) => FAULTS.find((f) => f.id === id)!) : FAULTS;
  if (args.includes('--list')) {
    for (const f of faults) console.log(`${f.id.padEnd(36)} ${f.family}  ←  ${f.tests.join(', ')}`);
    return;
  }
  checkFaults(FAULTS, ROOT);
  const dir = mkdtempSync(join(tmpdir(), 'test-faults-'));
  console.log(`临时副本：${dir}`);
  const started = Date.now();
  const seconds = (t: number) => `${Math.round((Date.now() - t) / 1000)} s`;
  try {
    scratchCopy(dir);
    const shared = join(dir, '.cache/faults-shared/data');
    const ingest = run(dir, ['scripts/ingest.ts', '--input', 'data/exports', '--out', shared, '--quiet']);
    if (!ingest.ok) fail(`未加故障的副本导入失败：\n${ingest.output}`);

    if (!args.includes('--no-baseline')) {
      const t = Date.now();
      const tests = [...new Set(faults.flatMap((f) => f.tests))];
      const publicBuild = faults.some((f) => f.publicBuild);
      const e2e = join(dir, '.cache/faults-baseline');
      const b = build(dir, e2e, { ingest: false, shared, publicBuild });
      if (!b.ok) fail(`未加故障的副本构建失败：\n${b.output}`);
      const r = runTests(dir, e2e, tests, publicBuild, false);
      if (!r.ok) fail(`未加故障时这些测试已不通过，故障检验无从谈起（${tests.join('、')}）：\n${r.output.slice(-4000)}`);
      console.log(`基线：${tests.length} 个测试文件在未加故障时通过（${seconds(t)}）`);
    }

    const results: Array<{ f: Fault; caught: boolean; note: string }> = [];
    for (const f of faults) {
      const t = Date.now();
      const path = join(dir, f.file);
      const original = readFileSync(path, 'utf8');
      writeFileSync(path, original.split(f.search).join(f.replace));
      try {
        const e2e = join(dir, `.cache/faults-${f.id}`);
        const b = build(dir, e2e, { ingest: !!f.ingest, shared, publicBuild: !!f.publicBuild });
        // A fault that breaks the build proves nothing about the tests: the list must hold faults that build.
        if (!b.ok) {
          results.push({ f, caught: false, note: `构建失败（故障应能构建）：${b.output.split('\n').filter(Boolean).slice(-3).join(' ')}` });
        } else {
          const r = runTests(dir, e2e, f.tests, !!f.publicBuild, true);
          results.push({ f, caught: !r.ok, note: r.ok ? '测试全部通过：未发现这个故障' : `发现：${firstFailure(r.output)}` });
        }
        rmSync(e2e, { recursive: true, force: true });
      } finally {
        writeFileSync(path, original);
      }
      const last = results.at(-1)!;
      console.log(`${last.caught ? '✓' : '✗'} ${f.id}（${f.family}，${seconds(t)}）${last.note}`);
    }
    const missed = results.filter((r) => !r.caught);
    console.log(`\n${results.length - missed.length}/${results.length} 个故障被测试发现（共 ${seconds(started)}）。`);
    if (missed.length) {
      console.error(`未被发现：${missed.map((r) => r.f.id).join('、')}`);
      process.exitCode = 1;
    }
  } finally {
    if (args.includes('--keep')) console.log(`保留临时副本：${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname)) main();
