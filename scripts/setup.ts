/**
 * npm run setup -- --input 报表文件夹 [--name 学校名称] [--departments 系部,系部…] [--semester-start 2026-09-07] [--check]
 * Writes the school's own settings — its name, departments and a semester's first day — into the
 * one place they live, the rules.json in its exports folder (src/domain/settings.ts), asking in
 * Chinese for what the flags do not give when run in a terminal. If the folder already holds
 * exports, reads them into a temporary folder and checks the departments against the enrollment
 * and rosters. --check only checks. Exit 2 with a Chinese message when something is wrong.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { commandLine } from '../src/io/command-line.ts';
import { layRules, parseRules } from '../src/domain/rules.ts';
import { answerErrors, departmentFindings, settingsNotices, splitDepartments, withAnswers, type SchoolAnswers } from '../src/domain/settings.ts';
import { TABLES } from '../src/domain/tables/index.ts';
import { NodeRunner } from '../src/io/duckdb-node.ts';
import { faultMessage, FAULT_EXIT_CODE } from '../src/ingest/faults.ts';
import { listInputs } from '../src/ingest/inputs.ts';
import { DEFAULT_RULES_PATH, LOCAL_RULES_FILE, loadRules, runIngest } from '../src/ingest/run.ts';
import { sqlString } from '../src/metrics/sql.ts';

const USAGE = `
把本校设置（学校名称、系部名单、学期第一天）写入报表文件夹中的 rules.json；在终端中运行时，没有写在命令里的项会逐项询问。
报表文件夹中已有报表时，核对系部名单与在校生人数、辅导员名册是否一致。详见 docs/本校设置.md。

用法：npm run setup -- --input 报表文件夹 [选项]

  --input 文件夹         报表文件夹（本校设置写在其中的 rules.json）
  --name 学校名称        学校的全称
  --departments 名单     系部名单，用逗号或顿号分隔
  --semester-start 日期  本学期第一天，如 2026-09-07
  --check                只核对，不改设置
  --help                 显示本说明
`;

const fail = (message: string): never => {
  process.stderr.write(`${message}\n`);
  process.exit(FAULT_EXIT_CODE);
};

const options = commandLine(USAGE, {
  input: { type: 'string' },
  name: { type: 'string' },
  departments: { type: 'string' },
  'semester-start': { type: 'string' },
  check: { type: 'boolean', default: false },
}).values;
const interactive = process.stdin.isTTY && process.stdout.isTTY;
const prompt = interactive ? createInterface({ input: process.stdin, output: process.stdout }) : null;
// Ctrl+C or Ctrl+D at a question: nothing is written.
prompt?.on('SIGINT', () => fail('\n已取消，本校设置未改动。'));
const ask = async (question: string, current?: string) => {
  let answer = '';
  try {
    answer = (await prompt!.question(`${question}${current ? `（直接回车保留“${current}”）` : ''}：`)).trim();
  } catch {
    fail('\n已取消，本校设置未改动。');
  }
  return answer || current || '';
};

const input = options.input ?? (prompt ? await ask('报表文件夹（各系部报表放在这里，本校设置也写在这里）') : '');
if (!input) fail(`请用 --input 指明报表文件夹。\n${USAGE}`);
const settingsPath = join(input, LOCAL_RULES_FILE);

function readSettings(): Record<string, unknown> {
  if (!existsSync(settingsPath)) return {};
  try {
    const json = JSON.parse(readFileSync(settingsPath, 'utf8'));
    return json && typeof json === 'object' && !Array.isArray(json) ? json : fail(`${settingsPath} 不是设置文件（应为 { … }）。`);
  } catch {
    return fail(`${settingsPath} 不是合法的 JSON，请改正或删除后重新运行 npm run setup。`);
  }
}

if (!options.check) {
  const existing = readSettings();
  const current = parseRules(layRules(JSON.parse(readFileSync(DEFAULT_RULES_PATH, 'utf8')), existing));
  const now = current.ok ? current.rules : null;
  const answers: SchoolAnswers = {
    name: options.name,
    departments: options.departments === undefined ? undefined : splitDepartments(options.departments),
    semesterStart: options['semester-start'],
  };
  if (prompt) {
    const demoName = now?.demo || now?.institution === undefined ? undefined : now.institution;
    answers.name ??= await ask('学校名称（如 某某职业技术学院）', demoName && !answerErrors({ name: demoName }).length ? demoName : undefined);
    answers.departments ??= splitDepartments(await ask('各系部的规范名称（用逗号或顿号分隔）', now?.departments.join('、') || undefined));
    answers.semesterStart ??= await ask('本学期第一天（如 2026-09-07）');
    if (answers.semesterStart === '') delete answers.semesterStart;
  }
  prompt?.close();
  if (answers.name === undefined && answers.departments === undefined && answers.semesterStart === undefined)
    fail(`没有要写入的设置：请用 --name、--departments、--semester-start 写明（或在终端中运行，逐项回答）。\n${USAGE}`);
  const errors = answerErrors(answers);
  if (errors.length > 0) fail(errors.join('\n'));
  const next = withAnswers(existing, answers);
  const parsed = parseRules(layRules(JSON.parse(readFileSync(DEFAULT_RULES_PATH, 'utf8')), next));
  if (!parsed.ok) fail(`设置有误，未写入：\n  ${parsed.errors.join('\n  ')}`);
  mkdirSync(input, { recursive: true });
  // Written beside and renamed: a killed run leaves the old settings whole.
  const temporary = `${settingsPath}.tmp-${process.pid}`;
  writeFileSync(temporary, JSON.stringify(next, null, 2) + '\n');
  renameSync(temporary, settingsPath);
  const rules = parsed.ok ? parsed.rules : null;
  process.stdout.write(`已写入 ${settingsPath}：学校名称“${rules!.institution}”，系部 ${rules!.departments.length ? rules!.departments.join('、') : '（未列出）'}。\n`);
} else prompt?.close();

// The check: the exports read into a temporary folder under the settings, departments compared.
try {
  const rules = await loadRules(DEFAULT_RULES_PATH, existsSync(settingsPath) ? settingsPath : undefined);
  for (const line of settingsNotices(rules, input)) process.stdout.write(`${line}\n`);
  const { files } = existsSync(input) ? await listInputs(input) : { files: [] };
  if (files.length === 0) {
    process.stdout.write('报表文件夹中还没有报表：收回报表后可运行 npm run setup -- --input 报表文件夹 --check 核对系部名单。\n');
    process.exit(0);
  }
  const scratch = mkdtempSync(join(tmpdir(), 'dashboard-setup-'));
  try {
    const manifest = await runIngest({ input, out: join(scratch, 'data') });
    const rosters = new Set(['enrollment', 'counselors']);
    const sent = new Set(manifest.files.filter((f) => f.kind && rosters.has(f.kind)).flatMap((f) => Object.keys(f.departments)));
    const runner = await NodeRunner.overParquet(join(scratch, 'data'), ['rejects']);
    const unknown = new Map<string, number>();
    try {
      for (const row of await runner.query<{ value: string; rows: number }>(
        `SELECT value, COUNT(*)::INTEGER AS rows FROM rejects WHERE code = ${sqlString('UNKNOWN_DEPARTMENT')} GROUP BY value ORDER BY rows DESC`,
      ))
        unknown.set(row.value, row.rows);
    } finally {
      runner.close();
    }
    const findings = rules.departments.length > 0 ? departmentFindings(rules.departments, sent, unknown) : [];
    if (rules.departments.length === 0)
      process.stdout.write(`未列出系部名单；报表中的系部：${[...sent].join('、') || '（无）'}。可用 --departments 写入。\n`);
    else if (findings.length === 0)
      process.stdout.write(`核对完毕：${files.length} 个文件中的${TABLES.enrollment.label}和${TABLES.counselors.label}与系部名单一致。\n`);
    else process.stdout.write(`核对发现：\n${findings.map((line) => `  ${line}`).join('\n')}\n`);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
} catch (error) {
  fail(faultMessage(error));
}
