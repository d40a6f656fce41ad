/**
 * The report's generated paragraphs and problem list in their edge cases: target met or missed,
 * no previous semester, a department with no data, sections with nothing sent yet.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseRules, type ActiveRules } from '../../src/domain/rules.ts';
import type { StaffingRow } from '../../src/metrics/staffing.ts';
import type { SemesterFigures } from '../../src/report/figures.ts';
import { assessmentParagraph, staffingParagraph, trainingParagraph, workloadParagraph } from '../../src/report/narrative.ts';
import { problems } from '../../src/report/problems.ts';

const parsed = parseRules(JSON.parse(readFileSync('data/rules.json', 'utf8')));
if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
const rules: ActiveRules = parsed.rules;

function unit(department: string, students: number, fullTime: number, partTime = 0): StaffingRow {
  const fte = fullTime + partTime / 3;
  return {
    semester: '2025-2026-1',
    department,
    students,
    full_time: fullTime,
    part_time: partTime,
    fte,
    ratio_full_time: fullTime ? students / fullTime : null,
    ratio_weighted: fte ? students / fte : null,
    compliant_full_time: students <= 200 * fullTime,
    compliant_weighted: students <= 200 * fte,
    gap: Math.max(0, Math.ceil(students / 200) - fullTime),
    flagged_hiring: 0,
  };
}

function figures(semester: string, departments: StaffingRow[]): SemesterFigures {
  const total = departments.reduce(
    (t, d) => ({ students: t.students + d.students, full: t.full + d.full_time, part: t.part + d.part_time }),
    { students: 0, full: 0, part: 0 },
  );
  return {
    semester,
    staffing: { institution: departments.length ? { ...unit('全院', total.students, total.full, total.part), semester } : null, departments, hiring: [], flaggedHiring: 0 },
    workload: { norms: [], institution: null, departments: [] },
    assessment: { grades: [], coverage: null, mismatches: 0 },
    quota: { units: [], total: null },
    training: { institution: null, departments: [], short: [] },
    assistants: { institution: null, departments: [], grades: null },
    structure: { institution: null, departments: [], belowEducation: [], consecutiveFail: [], latenessNotApplied: [], graduatesLeftEarly: [], inductionShort: [] },
    measures: {},
    submissions: departments.map((d) => ({ department: d.department, missing: [], rejected: 0 })),
  };
}

const text = (html: string) => html.replace(/<[^>]+>/g, '');

describe('基本情况 paragraph', () => {
  it('says the target is met, with no comparison when there is no previous semester', () => {
    const f = figures('2025-2026-1', [unit('甲系', 400, 2), unit('乙系', 380, 2, 3)]);
    const t = text(staffingParagraph(f, null, rules));
    expect(t).toBe(
      '截至2025-2026学年第一学期，全院在校生780人，专职辅导员4人、兼职辅导员3人（兼职按1/3折算后合计5人），专职辅导员师生比为1:195.0，达到1:200的配备要求。2个系部均达到配备要求。',
    );
    expect(t).not.toContain('上学期');
  });

  it('says the target is missed, how many are short, which departments, and compares with the previous semester', () => {
    const prev = figures('2024-2025-2', [unit('甲系', 400, 2), unit('乙系', 380, 2)]);
    const f = figures('2025-2026-1', [unit('甲系', 401, 2), unit('乙系', 600, 2)]);
    const t = text(staffingParagraph(f, prev, rules));
    expect(t).toContain('专职辅导员师生比为1:250.3，未达到1:200的配备要求，尚缺2人。');
    expect(t).toContain('与上学期（2024-2025学年第二学期，1:195.0）相比有所下降。');
    expect(t).toContain('2个系部中，2个未达到配备要求：甲系（1:200.5，缺1人）、乙系（1:300.0，缺1人）。');
  });

  it('names a department with students and no full-time counselor, and says when nothing was sent', () => {
    const f = figures('2025-2026-1', [unit('甲系', 300, 0, 1), unit('乙系', 100, 1)]);
    expect(text(staffingParagraph(f, null, rules))).toContain('甲系（无专职辅导员，缺2人）');
    expect(text(staffingParagraph(figures('2025-2026-1', []), null, rules))).toBe('截至2025-2026学年第一学期，尚未收到在校生人数和辅导员名册数据，无法计算师生比。');
  });

  it('links every number to the table it comes from', () => {
    const html = staffingParagraph(figures('2025-2026-1', [unit('甲系', 500, 2)]), null, rules);
    expect(html).toContain('<a class="n" href="#tbl-staffing" data-n="students">500</a>');
    expect(html).toContain('data-n="gap">1</a>');
  });
});

describe('sections with nothing sent yet', () => {
  const f = figures('2025-2026-1', [unit('甲系', 400, 2)]);
  it('says so instead of printing zeros', () => {
    expect(workloadParagraph(f, rules)).toBe('本学期尚未收到辅导员工作记录，无法统计工作落实情况。');
    expect(assessmentParagraph(f, rules)).toContain('本学期尚未报送考核结果');
    expect(trainingParagraph(f, rules)).toContain('没有专职辅导员');
  });

  it('workload below target names the departments', () => {
    const g = {
      ...f,
      workload: {
        norms: [{ department: '全院', norm: 0, role: 'counselor', met: 8, periods: 10 }],
        institution: { department: '全院', role: 'counselor', met: 17, periods: 20 },
        departments: [
          { department: '甲系', role: 'counselor', met: 9, periods: 10 },
          { department: '乙系', role: 'counselor', met: 8, periods: 10 },
        ],
      },
    };
    const t = text(workloadParagraph(g, rules));
    expect(t).toContain('占85.0%，低于90.0%的目标');
    expect(t).toContain('1个系部低于目标：乙系（80.0%）');
  });
});

describe('存在问题', () => {
  it('is empty when everything is met and data complete', () => {
    expect(problems(figures('2025-2026-1', [unit('甲系', 400, 2)]), rules)).toEqual([]);
  });

  it('lists the staffing shortfall and missing exports', () => {
    const f = figures('2025-2026-1', [unit('甲系', 500, 2), unit('乙系', 100, 1)]);
    f.submissions = [
      { department: '甲系', missing: [], rejected: 2 },
      { department: '乙系', missing: ['工作记录'], rejected: 0 },
    ];
    const found = problems(f, rules);
    expect(found.map((p) => p.id)).toEqual(['staffing', 'data']);
    expect(found[0]!.text).toContain('甲系（缺1人）');
    expect(found[1]!.text).toBe('数据报送不完整：乙系未报送工作记录；甲系有2行数据因填写错误未能采用。');
  });
});
