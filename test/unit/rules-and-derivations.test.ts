/**
 * The pure rules behind derived columns: dates, the teaching calendar, grade bands (with the
 * policy text's overlapping boundaries), published names, the rules file's validation, and
 * what each kind of export derives from a row.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { monthInSemester, semesterEnd, semesterOfDate, semesterStart, weekStart } from '../../src/domain/calendar.ts';
import { Failure } from '../../src/domain/cells.ts';
import * as cell from '../../src/domain/cells.ts';
import { mondayOf, parseDate } from '../../src/domain/dates.ts';
import { maskName, pseudonym, publishName } from '../../src/domain/names.ts';
import { cite } from '../../src/domain/policies.ts';
import { layRules, parseRules, type ActiveRules } from '../../src/domain/rules.ts';
import { gradeOf } from '../../src/domain/scoring.ts';
import { parsePeriod } from '../../src/domain/tables/assistants.ts';
import { TABLES } from '../../src/domain/tables/index.ts';

const parsed = parseRules(JSON.parse(readFileSync('data/rules.json', 'utf8')));
if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
const rules: ActiveRules = parsed.rules;

describe('dates', () => {
  it.each([
    ['2023-09-01', '2023-09-01'],
    ['2023/9/1', '2023-09-01'],
    ['2023.9.1', '2023-09-01'],
    ['2023年9月1日', '2023-09-01'],
    ['２０２３年９月１日', '2023-09-01'],
    ['2023年9月', '2023-09-01'],
    ['2023.09', '2023-09-01'],
    ['20230901', '2023-09-01'],
    ['45170', '2023-09-01'],
    ['2023-09-01 00:00:00', '2023-09-01'],
  ])('reads %j as %s', (raw, iso) => expect(parseDate(raw)).toBe(iso));

  it.each(['2023-02-30', '下周一', '2023', '9/1', '1899-01-01'])('refuses %j', (raw) => expect(parseDate(raw)).toBeNull());

  it('finds the Monday of a week', () => {
    expect(mondayOf('2025-09-07')).toBe('2025-09-01'); // a Sunday
    expect(mondayOf('2025-09-01')).toBe('2025-09-01');
  });
});

describe('teaching calendar (data/rules.json)', () => {
  it('starts the autumn semester in the week of 1 September and the spring one in the week of 24 February', () => {
    expect(semesterStart('2025-2026-1', rules.calendar)).toBe('2025-09-01');
    expect(semesterStart('2025-2026-2', rules.calendar)).toBe('2026-02-23');
    expect(weekStart('2025-2026-1', 3, rules.calendar)).toBe('2025-09-15');
    expect(semesterEnd('2025-2026-1', rules.calendar)).toBe('2026-01-19');
  });

  it('prefers an explicit start date', () => {
    const calendar = { ...rules.calendar, semester_starts: { '2025-2026-1': '2025-09-10' } };
    expect(semesterStart('2025-2026-1', calendar)).toBe('2025-09-08');
  });

  it.each([
    ['2025-09-15', '2025-2026-1'],
    ['2026-01-10', '2025-2026-1'],
    ['2026-03-02', '2025-2026-2'],
    ['2026-08-28', '2026-2027-1'],
  ])('puts %s in %s', (date, id) => expect(semesterOfDate(date)).toBe(id));

  it.each([
    ['2025-2026-1', 9, '2025-09'],
    ['2025-2026-1', 1, '2026-01'],
    ['2025-2026-2', 3, '2026-03'],
  ] as const)('reads month %s/%i without a year as %s', (id, month, value) => expect(monthInSemester(id, month)).toBe(value));
});

describe('grade bands (seed 000, default reading)', () => {
  const items = (score: number) => gradeOf(score, 90, rules.assessment);
  const total = (score: number) => gradeOf(score, 100, rules.assessment);
  it.each([
    [100, 'excellent'],
    [90, 'excellent'],
    [89.99, 'good'],
    [75, 'good'],
    [74.5, 'pass'],
    [60, 'pass'],
    [59.9, 'fail'],
    [0, 'fail'],
  ])('a total of %d out of 100 is %s (boundaries belong to the higher band)', (score, grade) => expect(total(score)).toBe(grade));

  it('bands a sum of the 14 items (out of 90) on its percentage: 81/90 is 90 %, 优秀', () => {
    expect(items(81)).toBe('excellent');
    expect(items(80.9)).toBe('good');
    expect(items(54)).toBe('pass'); // 60 %
  });

  it('can band the raw score instead, if a profile says so', () => {
    expect(gradeOf(81, 90, { ...rules.assessment, basis: 'raw' })).toBe('good');
  });
});

describe('published names', () => {
  it('masks all but the first and last character', () => {
    expect(maskName('张晓明')).toBe('张*明');
    expect(maskName('王芳')).toBe('王*');
    expect(maskName('欧阳娜娜')).toBe('欧**娜');
  });

  it('gives each person a stable pseudonym that depends on the salt', () => {
    expect(pseudonym('张晓明', 's')).toBe(pseudonym('张晓明', 's'));
    expect(pseudonym('张晓明', 's')).not.toBe(pseudonym('李晓明', 's'));
    expect(pseudonym('张晓明', 's')).not.toBe(pseudonym('张晓明', 't'));
    expect(pseudonym('张晓明', 's')).toMatch(/^人员-[0-9A-F]{6}$/);
  });

  it('publishes as configured', () => {
    expect(publishName('张晓明', 'full', '')).toBe('张晓明');
    expect(publishName('张晓明', 'masked', '')).toBe('张*明');
    expect(publishName(null, 'masked', '')).toBeNull();
  });
});

describe('the rules file', () => {
  const file = () => JSON.parse(readFileSync('data/rules.json', 'utf8'));

  it('cites a source for every rule of the default profile: a policy text, or the institution’s own setting', () => {
    const profile = file().profiles.default;
    const rulesWithValue = [profile.staffing, profile.training, profile.assessment, profile.structure, profile.people].flatMap((group) => Object.entries(group));
    // A policy text, the national rule, or said to be the institution's own setting.
    for (const [name, rule] of rulesWithValue) expect((rule as { source?: string }).source, name).toMatch(/seeds\/00\d|教育部令第43号|^本校设定/);
    for (const norm of profile.workload.norms) expect(norm.source, norm.label).toMatch(/seeds\/00\d/);
  });

  it('names every policy document it cites by its title, so no page shows a seed file’s number', () => {
    const f = file();
    const parsed = parseRules(f);
    if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
    const sources = [...Object.values(parsed.rules.sources), ...parsed.rules.workload_norms.map((n) => n.source ?? '')];
    expect(sources.length).toBeGreaterThan(10);
    for (const source of sources) {
      const shown = cite(source, parsed.rules.policy_documents);
      expect(shown, source).not.toMatch(/seeds|DOMAIN|\.txt|\.md/);
      if (source.includes('seeds/004')) expect(shown).toContain('《阿克苏职业技术学院落实〈新时代自治区普通高等学校辅导员队伍建设管理办法（试行）〉的实施细则》');
    }
    expect(cite('seeds/004：…；教育部令第43号同', parsed.rules.policy_documents)).toBe(
      '参照《阿克苏职业技术学院落实〈新时代自治区普通高等学校辅导员队伍建设管理办法（试行）〉的实施细则》：…；教育部令第43号《普通高等学校辅导员队伍建设规定》同',
    );
    // The national rules by default: the ratio, the part-time weight and the training hours cite 教育部令第43号 alone;
    // another college's document is only ever cited for reference (参照), never as the institution's own.
    for (const path of ['staffing.max_students_per_counselor', 'staffing.part_time_weight', 'training.school_hours_per_year'])
      expect(cite(parsed.rules.sources[path]!, parsed.rules.policy_documents), path).toMatch(/^教育部令第43号《普通高等学校辅导员队伍建设规定》：/);
    for (const source of sources) {
      const shown = cite(source, parsed.rules.policy_documents);
      for (const college of ['郴州', '济源', '北京理工', '阿克苏', '数学与物理学院学工组']) if (shown.includes(college)) expect(shown, source).toMatch(new RegExp(`参照《[^》]*${college}`));
    }
    // A source that already gives the full title is not given it twice.
    expect(cite('教育部令第43号《普通高等学校辅导员队伍建设规定》第五条', parsed.rules.policy_documents)).toBe('教育部令第43号《普通高等学校辅导员队伍建设规定》第五条');
  });

  it('holds no setting made for the demo data: no department aliases, no departments list', () => {
    expect(file().department_aliases).toEqual({});
    expect(file().departments).toEqual([]);
  });

  it('takes an input folder\'s own settings laid over it: objects merge key by key, values and lists replace', () => {
    const mine = { department_aliases: { 护理系: '医学护理系' }, calendar: { semester_starts: { '2025-2026-1': '2025-09-08' } }, profiles: { default: { assessment: { excellence_quota: { value: 0.15 } } } } };
    const result = parseRules(layRules(file(), mine));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.rules.department_aliases).toEqual({ 护理系: '医学护理系' });
    expect(result.rules.calendar).toMatchObject({ semester_starts: { '2025-2026-1': '2025-09-08' }, default_start: file().calendar.default_start });
    expect(result.rules.assessment).toMatchObject({ excellence_quota: 0.15, quota_rounding: 'floor', items_max: 90 });
    expect(layRules({ a: [1, 2], b: { c: 1 } }, { a: [3], b: { d: 2 } })).toEqual({ a: [3], b: { c: 1, d: 2 } });
  });

  it.each([
    ['profiles.default.assessment.bands.value', (f: any) => (f.profiles.default.assessment.bands.value = [{ grade: 'good', min: 75 }, { grade: 'excellent', min: 90 }])],
    ['profiles.default.staffing.part_time_weight.value', (f: any) => (f.profiles.default.staffing.part_time_weight.value = '4/3')],
    ['profiles.default.workload.norms.0', (f: any) => delete f.profiles.default.workload.norms[0].min],
    ['calendar.default_start.autumn', (f: any) => (f.calendar.default_start.autumn = '9月1日')],
    ['active_profile', (f: any) => (f.active_profile = 'strict')],
    ['publish.names', (f: any) => (f.publish.names = 'hidden')],
  ])('names the field %s when it is broken', (field, breakIt) => {
    const f = file();
    breakIt(f);
    const result = parseRules(f);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.join('\n')).toContain(field);
  });
});

describe('cell parsers', () => {
  it.each([
    [cell.optionalRole, '辅导员', 'counselor'],
    [cell.optionalRole, '专职辅导员', 'counselor'],
    [cell.optionalRole, '班主任', 'class_teacher'],
    [cell.optionalRole, '辅导员（班主任）助理', 'assistant'],
    [cell.optionalRole, '学生助管', 'assistant'],
    [cell.optionalRole, '研究生德育工作助理', 'graduate_assistant'],
    [cell.trainingLevel, '校级', 'school'],
    [cell.trainingLevel, '自治区级', 'provincial'],
    [cell.trainingLevel, '省级', 'provincial'],
    [cell.trainingLevel, '国家级', 'national'],
    [cell.optionalGrade, '优秀', 'excellent'],
    [cell.optionalGrade, '不合格', 'fail'],
    [cell.optionalGrade, '合格', 'pass'],
    [cell.optionalWeekNumber, '第3周', 3],
    // A monthly report's 月份: with its year, or bare (its year from the semester, monthInSemester).
    [cell.optionalMonth, '2025年10月', '2025-10'],
    [cell.optionalMonth, '2025.10', '2025-10'],
    [cell.optionalMonth, '2025-12-01', '2025-12'],
    [cell.optionalMonth, '9月份', '09'],
    [cell.optionalMonth, '12', '12'],
    [cell.optionalHours, '7.5', 7.5],
    [cell.optionalHours, '８小时', 8],
  ] as const)('%#: reads %j', (parse, raw, value) => expect((parse as cell.Cell<unknown>)(raw, '列')).toBe(value));

  it.each([
    [cell.trainingLevel, '市级', 'UNKNOWN_LEVEL'],
    [cell.optionalRole, '宿管', 'UNKNOWN_ROLE'],
    [cell.count, '=SUM(C3:C9)', 'FORMULA_CELL'],
    [cell.text, '=HYPERLINK("http://x","y")', 'FORMULA_CELL'],
    [cell.weeklyCount, '600', 'COUNT_TOO_LARGE'],
    [cell.weeklyCount, '-1', 'NOT_A_COUNT'],
    [cell.optionalWeekNumber, '第40周', 'NOT_A_COUNT'],
    [cell.date, '下周', 'BAD_DATE'],
    [cell.optionalMonth, '13月', 'BAD_DATE'],
    [cell.optionalMonth, '上月', 'BAD_DATE'],
  ] as const)('%#: refuses %j with %s', (parse, raw, code) => {
    const result = (parse as cell.Cell<unknown>)(raw, '列');
    expect(result).toBeInstanceOf(Failure);
    expect((result as Failure).reject).toBe(code);
    expect((result as Failure).message).toContain('列');
  });
});

describe('derived columns', () => {
  const ctx = { rules, fileSemester: '2025-2026-1' as const, titleRole: null };

  it('work logs: a 周次 becomes the Monday of that week; a week outside the semester is a warning', () => {
    const d = TABLES.worklogs.derive!({ name: '张三', department: '甲系', role: 'counselor', week: 3, talks: 5 }, ctx);
    expect(d).toMatchObject({ ok: true, record: { week_start: '2025-09-15', semester: '2025-2026-1' }, warnings: [] });
    const late = TABLES.worklogs.derive!({ name: '张三', department: '甲系', role: 'counselor', date: '2026-03-05' }, ctx);
    expect(late.ok && late.warnings?.map((w) => w.code)).toEqual(['WEEK_OUTSIDE_SEMESTER']);
    const none = TABLES.worklogs.derive!({ name: '张三', department: '甲系', role: 'counselor' }, ctx);
    expect(none).toMatchObject({ ok: false, code: 'NO_WEEK' });
  });

  it('assessments: the filed grade stands, the band of the score beside it, disagreements warned; a band only where none is filed', () => {
    const items = { item_ideology: 5, item_attitude: 5, item_style: 5, item_organising: 10, item_analysis: 5, item_innovation: 5, item_efficiency: 10, item_on_post: 12, item_on_site: 5, item_meetings: 5, item_completion: 10, item_management: 5, item_activities: 5, item_incidents: 5 };
    const d = TABLES.assessments.derive!({ name: '李四', department: '甲系', role: 'assistant', ...items, grade_recorded: 'good' }, ctx);
    expect(d).toMatchObject({ ok: true, record: { score: 92, score_max: 90, grade: 'good', grade_recorded: 'good', grade_by_score: 'excellent' } });
    // The case: a filed 优秀 with 88.5 points (out of 100) stays 优秀.
    const filed = TABLES.assessments.derive!({ name: '王五', department: '甲系', role: 'assistant', total: 88.5, grade_recorded: 'excellent' }, ctx);
    expect(filed).toMatchObject({ ok: true, record: { grade: 'excellent', grade_by_score: 'good' } });
    expect(filed.ok && filed.warnings?.map((w) => w.code)).toEqual(['GRADE_MISMATCH']);
    expect(d.ok && d.warnings?.map((w) => w.code).sort()).toEqual(['GRADE_MISMATCH', 'ITEM_ABOVE_MAX', 'SCORE_ABOVE_MAX']);
    const both = TABLES.assessments.derive!({ name: '李四', department: '甲系', role: 'counselor', total: 88, item_ideology: 5 }, ctx);
    expect(both.ok && both.warnings?.map((w) => w.code)).toEqual(['ITEMS_TOTAL_MISMATCH']);
    const summed = TABLES.assessments.derive!({ name: '李四', department: '甲系', role: 'assistant', ...items, item_on_post: 10, total: 90 }, ctx);
    expect(summed).toMatchObject({ ok: true, record: { score: 90, score_max: 90, grade: 'excellent' }, warnings: [] });
    const graded = TABLES.assessments.derive!({ name: '李四', department: '甲系', role: 'counselor', grade_recorded: 'pass' }, ctx);
    expect(graded).toMatchObject({ ok: true, record: { score: null, grade: 'pass' } });
  });

  it('assistants: the appointment period becomes two dates', () => {
    expect(parsePeriod('2025.09-2026.07')).toEqual(['2025-09-01', '2026-07-01']);
    expect(parsePeriod('2025年9月至2026年7月')).toEqual(['2025-09-01', '2026-07-01']);
    expect(parsePeriod('2025/9/1—2026/6/30')).toEqual(['2025-09-01', '2026-06-30']);
    expect(parsePeriod('一年')).toEqual([null, null]);
  });
});
