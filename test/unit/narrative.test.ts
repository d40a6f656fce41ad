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
import { assessmentParagraph, progressParagraph, staffingParagraph, trainingParagraph, workloadParagraph } from '../../src/report/narrative.ts';
import { dataNotes } from '../../src/report/annex.ts';
import { otherFindings, problemText, problems } from '../../src/report/problems.ts';
import { comparisonNote, comparisonTable, trainingTable } from '../../src/report/tables.ts';
import { cellText } from '../../src/views/table.ts';
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
  it('says the target is met, in whole numbers, the weighted figures labelled 折算, with no comparison when there is no previous semester', () => {
    const f = figures('2025-2026-1', [unit('甲系', 400, 2), unit('乙系', 380, 2, 3)]);
    const t = text(staffingParagraph(f, null, rules));
    expect(t).toBe(
      '截至2025-2026学年第一学期，全院在校生780人，专职辅导员4人、兼职辅导员3人。专职辅导员师生比为1:195，总体达到1:200的配备要求。兼职辅导员按1/3折算后，专兼职合计折合专职辅导员5人，折算师生比为1:156。2个系部均达到配备要求。',
    );
    expect(t).not.toContain('上学期');
  });

  it('says the target is missed, how many are short in all, and what moved since the previous semester', () => {
    const prev = figures('2024-2025-2', [unit('甲系', 400, 2), unit('乙系', 380, 2)]);
    const f = figures('2025-2026-1', [unit('甲系', 401, 2), unit('乙系', 600, 2), unit('丙系', 150, 1)]);
    const t = text(staffingParagraph(f, prev, rules));
    expect(t).toContain('专职辅导员师生比为1:230，未达到1:200的配备要求，全院尚缺专职辅导员1人。');
    expect(t).toContain('3个系部中，2个系部未达到要求，按1:200测算合计需增配专职辅导员2人。');
    expect(t).toContain('与上学期相比，在校生增加371人，专职辅导员增加1人。');
  });

  it('never rounds a ratio over the target down onto it, and writes a non-whole 折算 figure as 约', () => {
    const f = figures('2025-2026-1', [unit('甲系', 401, 2, 1)]);
    const t = text(staffingParagraph(f, null, rules));
    expect(t).toContain('师生比为1:201，未达到1:200');
    expect(t).toContain('折合专职辅导员约2人');
    expect(t).not.toMatch(/\d\.\d/);
  });

  it('links every number to its table, row and column, and marks the rule’s numbers', () => {
    const html = staffingParagraph(figures('2025-2026-1', [unit('甲系', 500, 2)]), null, rules);
    expect(html).toContain('<a class="n" href="#tbl-staffing-departments-title" data-n="students" data-table="tbl-staffing-departments" data-row="全院" data-col="students">500</a>');
    expect(html).toContain('data-agg="sum">1</a>');
    expect(html).toContain('<span class="rule-n">1:200</span>');
  });
});

describe('sections with nothing sent yet', () => {
  const f = figures('2025-2026-1', [unit('甲系', 400, 2)]);
  it('says so instead of printing zeros', () => {
    expect(workloadParagraph(f, rules)).toBe('本学期尚未收到辅导员工作记录，无法统计工作落实情况。');
    expect(assessmentParagraph(f, rules)).toContain('本学期尚未报送考核结果');
    expect(trainingParagraph(f, rules)).toContain('没有专职辅导员');
  });

  it('workload below target: the share against the rule’s target, the lowest norm, how many departments (named under 存在的问题)', () => {
    const g = {
      ...f,
      workload: {
        norms: [{ department: '全院', norm: 0, role: 'counselor', met: 8, periods: 10, not_reported: null }],
        institution: { department: '全院', role: 'counselor', met: 17, periods: 20, note: null, excluded: null, not_reported: null },
        departments: [
          { department: '甲系', role: 'counselor', met: 9, periods: 10, note: null, excluded: null, not_reported: null },
          { department: '乙系', role: 'counselor', met: 8, periods: 10, note: null, excluded: null, not_reported: null },
        ],
      },
    };
    const t = text(workloadParagraph(g, rules));
    expect(t).toContain('占85.0%，低于90%的目标');
    expect(t).toContain('1个系部低于90%的目标。');
  });
});

describe('存在问题', () => {
  it('is empty when everything is met', () => {
    expect(problems(figures('2025-2026-1', [unit('甲系', 400, 2)]), rules)).toEqual([]);
  });

  it('states the staffing shortfall with its cause: students grew while counselors stayed, or counselors left', () => {
    const prev = figures('2024-2025-2', [unit('甲系', 400, 2), unit('乙系', 390, 3)]);
    const f = figures('2025-2026-1', [unit('甲系', 500, 2), unit('乙系', 390, 1), unit('丙系', 100, 1)]);
    const [first] = problems(f, rules, prev);
    expect(problemText(first!)).toBe(
      '部分系部专职辅导员配备不足。全院专职辅导员师生比为1:248，未达到1:200的要求，尚缺1人。甲系（1:250，缺1人）、乙系（1:390，缺1人）等2个系部未达到1:200的配备要求。主要原因是甲系在校生较上学期增加100人，专职辅导员未增加；乙系专职辅导员较上学期减少2人。',
    );
  });

  it("lists at most six, in the order of the rules file's weights (staffing and hiring before the rest), and never a single record or an export not sent", () => {
    const f = figures('2025-2026-1', [unit('甲系', 500, 2), unit('乙系', 100, 1)]);
    f.staffing.flaggedHiring = 2;
    f.workload = { norms: [], institution: { department: '全院', role: 'counselor', met: 10, periods: 20, note: null, excluded: null, not_reported: null }, departments: [{ department: '甲系', role: 'counselor', met: 5, periods: 10, note: null, excluded: null, not_reported: null }] };
    f.training = { institution: { department: '全院', counselors: 3, school_hours: 10, meets_hours: 1, without_higher: 1 }, departments: [], short: [] } as unknown as SemesterFigures['training'];
    f.quota = { units: [{ department: '甲系', role: 'counselor', assessed: 5, allowed: 1, used: 2, over: true }], total: null } as unknown as SemesterFigures['quota'];
    f.assistants = { institution: { department: '全院', classes: 4, covered: 2, shared: 1, assistants: 2, political_ok: 2, political_unknown: 0 }, departments: [], grades: null } as unknown as SemesterFigures['assistants'];
    f.assessment = { grades: [], coverage: null, mismatches: 3 };
    f.structure = { ...f.structure, named: true, latenessNotApplied: [{ department: '甲系', name: '张三' }], inductionShort: [{ department: '甲系', name: '李四' }] } as unknown as SemesterFigures['structure'];
    f.submissions = [{ department: '乙系', missing: ['工作记录'], rejected: 0, unreadable: [], unknownFiles: 0, missingColumns: [] }];
    const found = problems(f, rules);
    // The rules' weights: staffing 1, hiring 2, daily work 3, training 4, quota 6, assistants 7, 岗前培训 (a few new counselors) 8.
    expect(found.map((p) => p.id)).toEqual(['staffing', 'hiring', 'workload', 'training', 'quota', 'assistants']);
    const weight = (id: string) => ({ staffing: 'staffing.max_students_per_counselor', hiring: 'staffing.disallowed_hiring', workload: 'workload.target_share', training: 'training.school_hours_per_year', induction: 'training.induction_hours', quota: 'assessment.excellence_quota', assistants: 'assistants.per_class' })[id]!;
    const weights = found.map((p) => rules.kinds[weight(p.id)]!.weight);
    expect(weights).toEqual([...weights].sort((a, b) => a - b));
    expect(found.map(problemText).join('')).not.toMatch(/张三|李四/);
    expect(otherFindings(f, rules).map((p) => p.id)).toEqual(['induction', 'lateness']);
  });
});

describe('changes: what the number did, and separately whether that is better or worse', () => {
  const prev = (students: number) => figures('2024-2025-2', [unit('甲系', students, 2)]);
  const now = figures('2025-2026-1', [unit('甲系', 380, 2)]);

  const withRatio = (f: SemesterFigures, value: number) => ({ ...f, measures: { ratio: { value, ok: value <= 200, text: `1:${value.toFixed(1)}`, detail: '' } } });

  it('主要工作与成效 names what improved, a ratio in whole numbers', () => {
    expect(text(progressParagraph(withRatio(now, 190.4), withRatio(prev(400), 200), null, rules))).toBe('与上学期相比，专职辅导员师生比由1:200改善为1:190。');
  });

  it('and says so when nothing improved, or when there is nothing to compare with', () => {
    expect(text(progressParagraph(withRatio(now, 195), withRatio(prev(360), 180), null, rules))).toBe('与上学期相比，各项主要指标未见改善。');
    expect(text(progressParagraph(withRatio(now, 195), null, null, rules))).toBe('本学期为首个有数据的学期，暂无可比较的上学期和上年同期数据。');
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

  it('compares a 全院 figure only with one over the same departments, on the overview and in the report', () => {
    const ratio = MEASURES.find((m) => m.id === 'ratio')!;
    const leaving = (value: number, excluded: string | null) => ({ value, ok: value <= 200, text: `1:${value}`, detail: '', excluded });
    const now = leaving(190, '艺术设计系：辅导员名册未能导入');
    expect(comparedText(ratio, now, leaving(200, null), '上学期')).toBe('本学期不含艺术设计系，上学期各系部均计入，计入的系部不同，不作比较');
    expect(comparedText(ratio, now, leaving(200, '艺术设计系：未报送辅导员名册'), '上学期')).toBe('较上学期（1:200）下降10.0，改善');
    // The report: no 改善 claimed over different departments, the table's cell and note say why.
    const f = { ...figures('2025-2026-1', [unit('甲系', 380, 2)]), measures: { ratio: now } };
    const p = { ...figures('2024-2025-2', [unit('甲系', 400, 2)]), measures: { ratio: leaving(200, null) } };
    expect(text(progressParagraph(f, p, null, rules))).toBe('与上学期相比，各项主要指标未见改善。');
    const table = comparisonTable(f, p, null);
    expect(cellText(table.rows.find((r) => r.id === 'ratio')!, table.columns.find((c) => c.key === 'prev_change')!)).toBe('计入的系部不同\n不作比较');
    expect(comparisonNote(f, p, null)).toContain('本学期不含艺术设计系，上学期各系部均计入，计入的系部不同，不作比较。');
  });
});

describe('punctuation and register of every generated sentence', () => {
  const full = (): SemesterFigures => {
    const f = figures('2025-2026-1', [unit('甲系', 500, 2), unit('乙系', 100, 1), unit('丙系', 450, 2)]);
    f.staffing.flaggedHiring = 2;
    f.workload = {
      norms: [{ department: '全院', norm: 0, role: 'counselor', met: 8, periods: 10, not_reported: null }],
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
    expect(t).toContain('3个系部中，2个系部未达到要求');
    expect(problemText(problems(full(), rules)[0]!)).toBe('部分系部专职辅导员配备不足。全院专职辅导员师生比为1:210，未达到1:200的要求，尚缺1人。甲系（1:250，缺1人）、丙系（1:225，缺1人）等2个系部未达到1:200的配备要求。');
  });

  it('puts an export not sent or set aside in the 附件’s 数据质量说明, by the export and not the file, never as a problem', () => {
    const f = figures('2025-2026-1', [unit('甲系', 400, 2)]);
    f.submissions = [{ department: '甲系', missing: ['在校生人数'], rejected: 0, unreadable: ['辅导员名册'], unknownFiles: 0, missingColumns: [] }];
    expect(problems(f, rules).map((p) => p.id)).toEqual([]);
    expect(dataNotes(f)).toEqual(['甲系报送的辅导员名册未能导入，未计入统计，待重新报送，未报送在校生人数。']);
  });
});

describe('培训 with no training record for the year (issue 20)', () => {
  const noRecords = (note: string) => {
    const f = figures('2025-2026-1', [unit('甲系', 400, 2)]);
    const row = (department: string, counselors: number) => ({ department, counselors, school_hours: null, meets_hours: null, without_higher: null, note, excluded: null });
    f.training = { institution: row('全院', 3), departments: [row('甲系', 3)], short: [] };
    return f;
  };

  it('says the records were not sent, with no 学时, no 未达到, and raises no training problem', () => {
    const f = noRecords('未报送培训记录');
    const t = text(trainingParagraph(f, rules));
    expect(t).toBe('加强辅导员培训。2025年度未报送培训记录。全院专职辅导员的培训学时暂无法统计，未作达标判断。');
    expect(problems(f, rules).map((p) => p.id)).not.toContain('training');
    // The same figures with records: the shortfall is a problem (the check above can fail).
    const judged = noRecords('');
    judged.training.institution = { department: '全院', counselors: 3, school_hours: 10, meets_hours: 1, without_higher: 0, note: null, excluded: null };
    expect(problems(judged, rules).map((p) => p.id)).toContain('training');
  });

  it('the table says it in one line, not a row of dashes', () => {
    const view = trainingTable(noRecords('培训记录未能导入，待重新报送'), rules);
    expect(view.rows).toEqual([]);
    expect(view.empty).toBe('培训记录未能导入，待重新报送');
  });
});
