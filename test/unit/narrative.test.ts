/**
 * The report's generated paragraphs and problem list in their edge cases: target met or missed,
 * no previous semester, a department with no data, sections with nothing sent yet.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseRules, type ActiveRules } from '../../src/domain/rules.ts';
import type { StaffingRow } from '../../src/metrics/staffing.ts';
import { changeText, comparedText, MEASURES } from '../../src/dashboard/measures.ts';
import type { SemesterFigures } from '../../src/report/figures.ts';
import { assessmentParagraph, staffingParagraph, trainingParagraph, workloadParagraph } from '../../src/report/narrative.ts';
import { problemText, problems } from '../../src/report/problems.ts';
import { emptyFigures, staffingUnit as unit } from '../support/figures.ts';

const parsed = parseRules(JSON.parse(readFileSync('data/rules.json', 'utf8')));
if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
const rules: ActiveRules = parsed.rules;

function figures(semester: string, departments: StaffingRow[]): SemesterFigures {
  const total = departments.reduce(
    (t, d) => ({ students: t.students + (d.students ?? 0), full: t.full + (d.full_time ?? 0), part: t.part + (d.part_time ?? 0) }),
    { students: 0, full: 0, part: 0 },
  );
  return emptyFigures(semester, {
    staffing: { institution: departments.length ? { ...unit('全院', total.students, total.full, total.part), semester } : null, departments, hiring: [], flaggedHiring: 0 },
    submissions: departments.map((d) => ({ department: d.department, missing: [], rejected: 0, unreadable: [], unknownFiles: 0, missingColumns: [] })),
  });
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
    // The number rose (增加) and that is a change for the worse (变差): said separately, never "下降" for a worse ratio.
    expect(t).toContain('每名专职辅导员对应的学生数较上学期（2024-2025学年第二学期，1:195.0）增加55.3人，配备状况有所变差。');
    expect(t).toContain('2个系部中，甲系（1:200.5，缺1人）、乙系（1:300.0，缺1人）等2个系部未达到配备要求。');
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
        institution: { department: '全院', role: 'counselor', met: 17, periods: 20, note: null, excluded: null, not_reported: null },
        departments: [
          { department: '甲系', role: 'counselor', met: 9, periods: 10, note: null, excluded: null, not_reported: null },
          { department: '乙系', role: 'counselor', met: 8, periods: 10, note: null, excluded: null, not_reported: null },
        ],
      },
    };
    const t = text(workloadParagraph(g, rules));
    expect(t).toContain('占85.0%，低于90.0%的目标');
    expect(t).toContain('乙系（80.0%）1个系部低于目标。');
  });
});

describe('存在问题', () => {
  it('is empty when everything is met and data complete', () => {
    expect(problems(figures('2025-2026-1', [unit('甲系', 400, 2)]), rules)).toEqual([]);
  });

  it('lists the staffing shortfall and missing exports', () => {
    const f = figures('2025-2026-1', [unit('甲系', 500, 2), unit('乙系', 100, 1)]);
    f.submissions = [
      { department: '甲系', missing: [], rejected: 2, unreadable: [], unknownFiles: 0, missingColumns: [] },
      { department: '乙系', missing: ['工作记录'], rejected: 0, unreadable: [], unknownFiles: 0, missingColumns: [] },
    ];
    const found = problems(f, rules);
    expect(found.map((p) => p.id)).toEqual(['staffing', 'data']);
    expect(found[0]).toMatchObject({ title: '专职辅导员配备不足', detail: '甲系（1:250.0，缺1人）未达到1:200的配备要求。' });
    expect(problemText(found[1]!)).toBe('数据报送不完整。乙系未报送工作记录；甲系有2行数据因填写错误未能采用。');
  });
});

describe('changes: what the number did, and separately whether that is better or worse', () => {
  const prev = (students: number) => figures('2024-2025-2', [unit('甲系', students, 2)]);
  const now = figures('2025-2026-1', [unit('甲系', 380, 2)]);

  it('a ratio that falls (fewer students per counselor) is an improvement', () => {
    expect(text(staffingParagraph(now, prev(400), rules))).toContain('每名专职辅导员对应的学生数较上学期（2024-2025学年第二学期，1:200.0）减少10.0人，配备状况有所改善。');
  });

  it('a ratio that rises is a change for the worse, and one that stays is 持平', () => {
    expect(text(staffingParagraph(now, prev(360), rules))).toContain('增加10.0人，配备状况有所变差。');
    expect(text(staffingParagraph(now, prev(380), rules))).toContain('每名专职辅导员对应的学生数与上学期（2024-2025学年第二学期，1:190.0）基本持平。');
  });

  it('on the overview and in the comparison table: 上升/下降 of the number, then 改善/变差', () => {
    const ratio = MEASURES.find((m) => m.id === 'ratio')!;
    const share = MEASURES.find((m) => m.id === 'workload')!;
    const quota = MEASURES.find((m) => m.id === 'quota')!;
    expect(changeText(ratio, 192.5, 186.6)).toBe('上升5.9，变差');
    expect(changeText(ratio, 180, 186.6)).toBe('下降6.6，改善');
    expect(changeText(share, 0.876, 0.87)).toBe('上升0.6个百分点，改善');
    expect(changeText(share, 0.8, 0.87)).toBe('下降7.0个百分点，变差');
    expect(changeText(quota, 2, 1)).toBe('增加1个，变差');
    expect(changeText(quota, 1, 1)).toBe('持平');
    const reading = (value: number, text: string) => ({ value, ok: true, text, detail: '' });
    expect(comparedText(ratio, reading(192.5, '1:192.5'), reading(186.6, '1:186.6'), '上学期')).toBe('较上学期（1:186.6）上升5.9，变差');
    expect(comparedText(share, reading(0.9, '90.0%'), reading(0.9, '90.0%'), '上学期')).toBe('与上学期持平（90.0%）');
  });
});

describe('punctuation and register of every generated sentence', () => {
  const full = (): SemesterFigures => {
    const f = figures('2025-2026-1', [unit('甲系', 500, 2), unit('乙系', 100, 1), unit('丙系', 450, 2)]);
    f.staffing.flaggedHiring = 2;
    f.workload = {
      norms: [{ department: '全院', norm: 0, role: 'counselor', met: 8, periods: 10 }],
      institution: { department: '全院', role: 'counselor', met: 17, periods: 20, note: null, excluded: null, not_reported: null },
      departments: [
        { department: '甲系', role: 'counselor', met: 7, periods: 10, note: null, excluded: null, not_reported: null },
        { department: '乙系', role: 'counselor', met: 8, periods: 10, note: null, excluded: null, not_reported: null },
      ],
    };
    f.submissions = [
      { department: '甲系', missing: ['工作记录'], rejected: 2, unreadable: [], unknownFiles: 0, missingColumns: [] },
      { department: '乙系', missing: [], rejected: 0, unreadable: [], unknownFiles: 0, missingColumns: [] },
      { department: '丙系', missing: [], rejected: 0, unreadable: [], unknownFiles: 0, missingColumns: [] },
    ];
    return f;
  };
  const sentences = () => {
    const f = full();
    return [
      text(staffingParagraph(f, figures('2024-2025-2', [unit('甲系', 400, 2)]), rules)),
      text(workloadParagraph(f, rules)),
      text(assessmentParagraph(f, rules)),
      text(trainingParagraph(f, rules)),
      ...problems(f, rules).map(problemText),
    ];
  };

  it('ends every paragraph with a full stop, lists with 、, and never puts two colons in one sentence', () => {
    for (const t of sentences()) {
      expect(t, t).toMatch(/。$/);
      for (const sentence of t.split('。')) expect(sentence.split('：').length - 1, sentence).toBeLessThanOrEqual(1);
      // Chinese punctuation only (a comma may group digits: 1,050), no doubled or empty marks.
      expect(t, t).not.toMatch(/(?<!\d),|,(?!\d{3})|;|，，|。。|、、|（）/);
    }
  });

  it('writes comparisons in words, not symbols or arrows', () => {
    for (const t of sentences()) expect(t, t).not.toMatch(/[≥≤<>↑↓→▲]/);
  });

  it('names the departments once, with the count after them', () => {
    const t = sentences()[0]!;
    expect(t).toContain('甲系（1:250.0，缺1人）、丙系（1:225.0，缺1人）等2个系部未达到配备要求。');
    expect(problemText(problems(full(), rules)[0]!)).toBe('专职辅导员配备不足。全院专职辅导员师生比为1:210.0，未达到1:200的要求，尚缺1人。甲系（1:250.0，缺1人）、丙系（1:225.0，缺1人）等2个系部未达到1:200的配备要求。');
  });

  it('names a department whose export was set aside first, by the export, without naming the file', () => {
    const f = figures('2025-2026-1', [unit('甲系', 400, 2)]);
    f.submissions = [{ department: '甲系', missing: ['在校生人数'], rejected: 0, unreadable: ['辅导员名册'], unknownFiles: 0, missingColumns: [] }];
    expect(problemText(problems(f, rules).find((p) => p.id === 'data')!)).toBe('数据报送不完整。甲系报送的辅导员名册未能导入，未计入统计，待重新报送；甲系未报送在校生人数。');
  });
});
