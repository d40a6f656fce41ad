/**
 * npm run templates -- [--input data/exports] [--semester 2025-2026-2] [--out templates] [--per-department] [--data public/data] [--rules data/rules.json]
 * Writes the templates to send to departments: one .xlsx per kind of export for the semester
 * (this semester by default), with --per-department also each department's own copies. The
 * school's name and departments come from its settings, the rules.json in --input (as the ingest's).
 */
import { join, relative } from 'node:path';
import { commandLine } from '../src/io/command-line.ts';
import { settingsNotices } from '../src/domain/settings.ts';
import { rulesFilesFor } from '../src/ingest/run.ts';
import { semesterOfDate } from '../src/domain/calendar.ts';
import { findSemester, semesterLabel } from '../src/domain/semester.ts';
import { writeTemplates } from '../src/collection/write-templates.ts';
import { FAULT_EXIT_CODE, faultMessage } from '../src/ingest/faults.ts';
import { loadRules } from '../src/ingest/run.ts';

const USAGE = `
生成下发给各系部的报送模板（每种报表一个 .xlsx 文件），放在 templates/学期/ 中；
学校名称和系部取自报表文件夹中的本校设置（rules.json）。

用法：npm run templates -- [选项]

  --input 文件夹         报表文件夹，其中的 rules.json 为本校设置（默认 data/exports，示例数据）
  --semester 学期        学期，如 2026-2027-1（默认为本学期）
  --out 文件夹           模板输出文件夹（默认 templates）
  --per-department       另为每个系部各生成一份，标题写明系部，班级名单按上次导入的数据预先填好
  --data 文件夹          上次导入的结果（默认 public/data），用于列出系部和班级
  --rules 文件           默认设置文件（默认 data/rules.json）
  --help                 显示本说明
`;

const { values } = commandLine(USAGE, {
    input: { type: 'string', default: 'data/exports' },
    semester: { type: 'string' },
    out: { type: 'string', default: 'templates' },
    data: { type: 'string', default: 'public/data' },
    rules: { type: 'string', default: 'data/rules.json' },
    'per-department': { type: 'boolean', default: false },
  });


const today = new Date();
const localDay = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, '0')}-${String(today.getDate()).padStart(2, '0')}`;
const semester = values.semester ? findSemester(values.semester) : semesterOfDate(localDay);
if (!semester) {
  process.stderr.write(`无法识别学期「${values.semester}」，请写成 2025-2026-1 或“2025-2026学年第一学期”。\n`);
  process.exit(2);
}

try {
  const [defaults, own] = rulesFilesFor(values.input, values.rules);
  const rules = await loadRules(defaults, own);
  const written = await writeTemplates({ rules, semester, out: values.out, data: values.data, perDepartment: values['per-department'] });
  const shared = written.filter((w) => !w.department);
  const departments = new Set(written.filter((w) => w.department).map((w) => w.department));
  const lines = [
    `已生成${semesterLabel(semester)}的报送模板：`,
    `  ${join(values.out, semester)}/ — 各系部通用，${shared.length} 个：${shared.map((w) => relative(join(values.out, semester), w.path)).join('、')}`,
  ];
  if (departments.size > 0) lines.push(`  以及 ${departments.size} 个系部各自的文件夹（标题写明系部，班级名单按上次导入预先填好）：${[...departments].join('、')}`);
  else if (values['per-department']) lines.push('  未找到系部名单（本校设置中的系部名单，或上次导入的数据；见 docs/本校设置.md），没有生成各系部的文件夹。');
  lines.push('把文件夹打包发给各系部；收回后放进导入文件夹（可按 学期/系部/ 分子文件夹），运行 npm run ingest。');
  lines.push(...settingsNotices(rules, values.input));
  process.stdout.write(lines.join('\n') + '\n');
} catch (error) {
  process.stderr.write(`\n${faultMessage(error, '生成模板')}\n`);
  if (process.env.INGEST_DEBUG) process.stderr.write(`${(error as Error)?.stack ?? String(error)}\n`);
  process.exit(FAULT_EXIT_CODE);
}
