/**
 * The school's own settings — its name, departments and teaching calendar — live in one place:
 * the rules.json in its exports folder (the folder given as --input), laid over the project's
 * defaults (data/rules.json, whose institution name is the demo's). `npm run setup` writes them;
 * the ingest, the templates and the build read them. Pure: no file is read or written here.
 */
import { semesterOfDate } from './calendar.ts';

/** The demo's fictional school: the defaults' name, so a school that has not set its own is told on every run. */
export const DEMO_INSTITUTION = '清河职业技术学院';

/** A real calendar day written YYYY-MM-DD. */
const isIsoDay = (text: string) => /^\d{4}-\d{2}-\d{2}$/.test(text) && new Date(`${text}T00:00:00Z`).toISOString().startsWith(text);

/** What `npm run setup` asks for. */
export interface SchoolAnswers {
  name?: string;
  departments?: string[];
  /** The first day of a semester (YYYY-MM-DD): it sets that semester's start in the calendar. */
  semesterStart?: string;
}

/** Department names as a clerk types them: separated by commas (either width), 、, semicolons or spaces. */
export function splitDepartments(text: string): string[] {
  return [...new Set(text.split(/[,，、;；\s]+/u).map((d) => d.trim()).filter(Boolean))];
}

/** What is wrong with the answers, in Chinese; empty when they can be written. */
export function answerErrors(answers: SchoolAnswers): string[] {
  const errors: string[] = [];
  if (answers.name !== undefined) {
    if (!answers.name.trim()) errors.push('学校名称不能为空。');
    else if (answers.name.trim() === DEMO_INSTITUTION) errors.push(`“${DEMO_INSTITUTION}”是示例数据的学校名称，请填写本校名称。`);
  }
  if (answers.departments !== undefined && answers.departments.length === 0) errors.push('系部名单不能为空：请写出各系部的规范名称，用逗号或顿号分隔。');
  if (answers.semesterStart !== undefined && !isIsoDay(answers.semesterStart))
    errors.push(`学期第一天应写成 2026-09-07 这样的日期，而不是“${answers.semesterStart}”。`);
  return errors;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The settings file's content with the answers written into it; everything else in it is kept (the demo mark dropped: these are a school's own). */
export function withAnswers(existing: Record<string, unknown>, answers: SchoolAnswers): Record<string, unknown> {
  const out: Record<string, unknown> = { ...existing };
  delete out.demo;
  if (answers.name !== undefined) out.institution = { ...(isObject(out.institution) ? out.institution : {}), name: answers.name.trim() };
  if (answers.departments !== undefined) out.departments = answers.departments;
  if (answers.semesterStart !== undefined) {
    const calendar = isObject(out.calendar) ? out.calendar : {};
    const starts = isObject(calendar.semester_starts) ? calendar.semester_starts : {};
    out.calendar = { ...calendar, semester_starts: { ...starts, [semesterOfDate(answers.semesterStart)]: answers.semesterStart } };
  }
  return out;
}

/** What every run says before its summary about whose data this is: the demo's, or a school still under the demo's name. */
export function settingsNotices(rules: { institution: string; demo: boolean }, input = '报表文件夹'): string[] {
  if (rules.demo)
    return [`这是示例数据（虚构的${rules.institution}）：其中的填写错误是有意放入的，用来演示退回清单。使用本校数据：先运行 npm run setup，见 README“本校数据三步”。`];
  if (rules.institution === DEMO_INSTITUTION)
    return [`学校名称仍是示例的“${DEMO_INSTITUTION}”：请运行 npm run setup -- --input ${input} 写入本校名称、系部和学期第一天（见 docs/本校设置.md）。`];
  return [];
}

/**
 * The configured departments against the files: names the files use that the list lacks (with how
 * many rows were rejected for it), and listed departments that sent neither enrollment nor roster.
 */
export function departmentFindings(configured: readonly string[], sent: ReadonlySet<string>, unknown: ReadonlyMap<string, number>): string[] {
  const lines: string[] = [];
  for (const [name, rows] of unknown) lines.push(`报表中的系部“${name}”不在系部名单中（${rows} 行被拒绝）：如是简称或旧称，请在 department_aliases 中登记；如是遗漏，请加入名单。`);
  const silent = configured.filter((d) => !sent.has(d));
  if (silent.length > 0) lines.push(`名单中的 ${silent.join('、')} 还没有报送在校生人数或辅导员名册。`);
  return lines;
}
