/**
 * Who sent what: an independent reading of the demo exports for the 报送 checklist — per semester,
 * department and export (by its Chinese name), the rows the ingest must accept and reject, and
 * the day the last file was saved. No product code: this folder's readers (oracle.ts), the
 * invalid rows of oracle-rejects.ts, and plain rules fitted to how the demo exports are laid out
 * (scripts/generate-demo.ts):
 *
 * - the semester is the top folder, the sending department the second (学工部 sends summary files
 *   whose rows name their departments in a 系部 column);
 * - the header is the first row with 姓名 or 班级, or, for enrollment, a department column and a
 *   student count; a table's kind is told by its header (below);
 * - data rows are those under it with a department (its column, carried down a merged cell, or the
 *   folder's) and a name (班级, a count); 合计 rows, repeated headers and signature lines are not;
 * - seed 000's 汇总表 (聘用岗位(班级) with a 考核结果) is a roster of assistants and, for the rows with
 *   a grade, their assessment; a 考核量化表 sheet (its 考核对象 line) is one assessment.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { filesBelow, norm, readSheets } from './oracle.ts';
import { findInvalidRows } from './oracle-rejects.ts';

export interface Submission {
  accepted: number;
  rejected: number;
  /** The day the last of its files was saved, local time (YYYY-MM-DD). */
  lastDate: string;
}

/** semester → department → export name → what was sent. */
export type SubmissionTruth = Map<string, Map<string, Map<string, Submission>>>;

const DEPT = /^(系部|院系|学院|部门|所在单位|单位|系别|所在系部|所在院系|二级学院|所在系)$/;
const STUDENTS = /^(在校生人数|学生人数|学生数|人数)$/;
const EMPLOYMENT = ['专兼职', '岗位类型', '类别', '类型'];
const GRADE = ['考核结果', '等次', '考核等次', '考核等级', '总分', '考核成绩', '得分', '考核得分', '综合得分'];
const ACTIVITY = /^(谈心谈话|查课|宿舍卫生检查|深入宿舍|听课|联系任课教师|主题班会|联系家长|工作时长)(\(.*\))?$/;
const SIGNATURE = /[:：]|签字|签名|盖章|公章/;
/** A footer line (填表人：…, 审核人：…, 单位（盖章）, 填报日期：…) in its first filled cell. */
const FOOTER = /^(填表人|填报人|制表人|审核人|审批人|负责人|联系人|经办人|填报日期|填表日期|制表日期|报送日期|日期|单位\(盖章\))|签字|签名|盖章|公章/;

const day = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

/** The exports a header is, each with the column a data row must fill (for the 汇总表's assessment: its grade). */
function exportsOf(header: string[]): Array<[string, number]> {
  const at = (...names: string[]) => header.findIndex((c) => names.includes(c));
  const name = at('姓名');
  if (header.includes('上岗时间')) return [['研究生德育助理名册', name]];
  if (header.includes('聘用岗位(班级)')) {
    const grade = at(...GRADE);
    return grade >= 0 ? [['助理名册', at('聘用岗位(班级)')], ['考核结果', grade]] : [['助理名册', at('聘用岗位(班级)')]];
  }
  if (name < 0 && at('班级') >= 0) return [['班级名单', at('班级')]];
  if (at('级别', '培训级别') >= 0) return [['培训记录', name]];
  if (header.some((c) => ACTIVITY.test(c))) return [['工作记录', name]];
  if (at(...GRADE) >= 0 || header.includes('思想素质')) return [['考核结果', name]];
  if (name >= 0 && at(...EMPLOYMENT) >= 0) return [['辅导员名册', name]];
  const students = header.findIndex((c) => STUDENTS.test(c));
  if (name < 0 && students >= 0) return [['在校生人数', students]];
  return [];
}

export async function computeSubmissions(exportsDir = 'data/exports', rulesPath = 'data/rules.json'): Promise<SubmissionTruth> {
  const local = join(exportsDir, 'rules.json');
  const aliases: Record<string, string> = {
    ...(JSON.parse(readFileSync(rulesPath, 'utf8')).department_aliases ?? {}),
    ...(existsSync(local) ? (JSON.parse(readFileSync(local, 'utf8')).department_aliases ?? {}) : {}),
  };
  const invalid = new Set((await findInvalidRows(exportsDir)).map((r) => `${r.file}|${r.sheet}|${r.row}`));
  const truth: SubmissionTruth = new Map();
  const add = (semester: string, department: string, name: string, date: string, accepted: number, rejected: number) => {
    const bySemester = truth.get(semester) ?? truth.set(semester, new Map()).get(semester)!;
    const byDepartment = bySemester.get(department) ?? bySemester.set(department, new Map()).get(department)!;
    const s = byDepartment.get(name) ?? byDepartment.set(name, { accepted: 0, rejected: 0, lastDate: date }).get(name)!;
    s.accepted += accepted;
    s.rejected += rejected;
    if (date > s.lastDate) s.lastDate = date;
  };

  for (const path of filesBelow(exportsDir).sort()) {
    const file = relative(exportsDir, path).split(/[\\/]/).join('/');
    const [semester, folder] = file.split('/') as [string, string];
    const date = day(statSync(path).mtime);
    for (const { sheet, rows: raw } of await readSheets(path)) {
      const rows = raw.map((r) => r.map(norm));
      // A 考核量化表: one assessment, of the department on its 考核部门 line (else the folder's).
      const form = rows.find((r) => r.some((c) => c.startsWith('考核对象')));
      if (form) {
        const department = /考核部门[:：](.*?)时间/.exec(form.join(''))?.[1] || folder;
        add(semester, aliases[department] ?? department, '考核结果', date, 1, 0);
        continue;
      }
      const h = rows.slice(0, 15).findIndex((r) => r.includes('姓名') || r.includes('班级') || (r.some((c) => DEPT.test(c)) && r.some((c) => STUDENTS.test(c))));
      if (h < 0) continue;
      const header = rows[h]!;
      const dept = header.findIndex((c) => DEPT.test(c));
      const name = header.findIndex((c) => c === '姓名' || c === '班级');
      for (const [exportName, key] of exportsOf(header)) {
        let above = '';
        rows.forEach((r, i) => {
          if (i <= h) return;
          // A department merged down its rows reads blank below the first.
          const own = dept >= 0 ? r[dept] || (r.some(Boolean) ? above : '') : folder;
          if (dept >= 0) above = own;
          const cell = (c: number) => (c < 0 ? '' : (r[c] ?? ''));
          if (!own || r.some((c) => c.includes('合计')) || FOOTER.test(r.find(Boolean) ?? '') || (name >= 0 && cell(name) === header[name])) return;
          if (!cell(name >= 0 ? name : key) || (dept < 0 && SIGNATURE.test(cell(name)))) return;
          const department = aliases[own] ?? own;
          // The 汇总表's assessment holds the rows with a grade; a rejected row is no one's.
          if (!cell(key)) return;
          const rejected = invalid.has(`${file}|${sheet}|${i + 1}`);
          add(semester, department, exportName, date, rejected ? 0 : 1, rejected ? 1 : 0);
        });
      }
    }
  }
  return truth;
}

/** The exports expected of every department in a semester: those at least half of the departments sending anything sent. */
export function expectedExports(truth: SubmissionTruth, semester: string): string[] {
  const departments = [...(truth.get(semester)?.values() ?? [])];
  const names = new Set(departments.flatMap((d) => [...d.keys()]));
  return [...names].filter((n) => departments.filter((d) => (d.get(n)?.accepted ?? 0) > 0).length * 2 >= departments.length);
}
