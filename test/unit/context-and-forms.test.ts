/**
 * Where a table's semester, department and role come from when it has no column for them
 * (domain/context.ts), and seed 000's per-person forms read as the seed lays them out
 * (domain/forms.ts).
 */
import { describe, expect, it } from 'vitest';
import { DepartmentNames, departmentContext, placeOf, roleContext, semesterContext } from '../../src/domain/context.ts';
import { findForm } from '../../src/domain/forms.ts';

const names = (aliases: Record<string, string> = {}, departments: string[] = []) => new DepartmentNames({ departments, department_aliases: aliases, institution: '示范职业技术学院' });

describe('department from the title, the file name, the folder', () => {
  it.each([
    ['机电工程系辅导员（班主任）助理工作考核情况汇总表', '机电工程系'],
    ['2025-2026学年第一学期化学与生物工程学院在校生人数', '化学与生物工程学院'],
    ['郴州职业技术学院医学护理系在校生人数统计表', '医学护理系'],
    ['示范职业技术学院学生工作部辅导员培训记录', '学生工作部'],
    ['经济管理系部辅导员名册', '经济管理系部'],
  ])('%s → %s', (title, department) => expect(names().find(title)).toBe(department));

  it.each([
    '郴州职业技术学院辅导员（班主任）助理工作考核情况汇总表',
    '辅导员工作记录表',
    '各系部在校生人数汇总',
    '全院在校生人数',
    '( 2025 - 2026 学年第 二 学期)',
  ])('finds none in %s', (title) => expect(names().find(title)).toBeNull());

  it('prefers a name it knows (rules, aliases, earlier files), longest first', () => {
    const known = names({ 护理系: '医学护理系' });
    known.add('电子信息工程系');
    expect(known.find('XX学院电子信息工程系辅导员名册')).toBe('电子信息工程系');
    expect(known.find('护理系2025年辅导员名册')).toBe('护理系'); // the alias applies with the rows, as for a column
    known.add('信息工程系');
    expect(known.find('电子信息工程系在校生人数')).toBe('电子信息工程系'); // not the shorter known name inside it
    expect(known.find('医学护理系在校生人数')).toBe('医学护理系');
  });

  it('tries the title, then the file name, then the folders from the nearest out', () => {
    const n = names();
    expect(departmentContext('', placeOf('2025-2026-1/汇总/机电工程系在校生人数.csv'), n)).toEqual({ value: '机电工程系', source: 'file' });
    expect(departmentContext('', placeOf('2025-2026-1/信息工程系/考核登记表/陈静.xls'), n)).toEqual({ value: '信息工程系', source: 'folder' });
    expect(departmentContext('艺术设计系2025年辅导员名册', placeOf('2025-2026-1/信息工程系/名册.csv'), n)).toEqual({ value: '艺术设计系', source: 'title' });
    expect(departmentContext('', placeOf('2025-2026-1/汇总/在校生人数.csv'), n)).toBeNull();
  });
});

describe('semester and role from the same places', () => {
  it('semester: the title, else the nearest folder naming one; a title that contradicts the folder wins and is reported', () => {
    expect(semesterContext('( 2025 - 2026 学年第 二 学期)', placeOf('x/a.csv'))).toEqual({ semester: { value: '2025-2026-2', source: 'title' }, conflict: null });
    expect(semesterContext('', placeOf('2025-2026学年第一学期/机电工程系/a.csv')).semester).toEqual({ value: '2025-2026-1', source: 'folder' });
    expect(semesterContext('2025-2026学年第一学期', placeOf('2025-2026-2/a.csv')).conflict).toEqual({ title: '2025-2026-1', folder: '2025-2026-2' });
  });

  it('role: the title, the file name, the folders, else the one the table implies', () => {
    expect(roleContext('机电工程系辅导员（班主任）助理工作考核情况汇总表', placeOf('a.csv'))).toEqual({ value: 'assistant', source: 'title' });
    expect(roleContext('', placeOf('2025-2026-1/班主任/周报.csv'))).toEqual({ value: 'class_teacher', source: 'folder' });
    expect(roleContext('考核情况汇总表', placeOf('x/a.csv'), 'assistant')).toEqual({ value: 'assistant', source: 'table' });
    expect(roleContext('', placeOf('x/周报.csv'))).toBeNull();
  });
});

describe("seed 000's per-person forms", () => {
  const items = (scores: Array<number | ''>) =>
    ['思想\n素质', '工作\n态度', '工作\n作风', '组织\n能力', '分析\n能力', '创新\n能力', '工作\n效率', '到岗', '到位', '到会', '工作完成情况', '日常管理效果', '活动开展效果', '突发事件处理'].map(
      (item, i) => [i === 0 ? '德\n15%' : '', item, '……', '5', String(scores[i] ?? '')],
    );
  const quantified = (person: string, scores: Array<number | ''>, total: string, grade: string) => [
    ['郴州职业技术学院辅导员（班主任）助理工作考核量化表', '', '', '', ''],
    [`考核对象：${person}        考核部门：机电工程系        时间：2026年1月10日`, '', '', '', ''],
    ['项  目', '项  目', '考核内容', '分  值', '考核成绩'],
    ...items(scores),
    ['合     计', '合     计', '合     计', '100', total],
    ['等    次', '等    次', grade, '指导老师签名', ''],
    ['考核部门意 见', '考核部门意 见', '（公章）     年  月  日', '', ''],
  ];

  it('reads a 考核量化表: the person, department and date from its line, each item by name, 合计 and 等次', () => {
    const rows = quantified('王芳', [5, 5, 5, 9, 5, 4, 9, 9, 5, 5, 9, 4, 4, 3], '', '优秀');
    const form = findForm(rows.slice(0, 15))!;
    expect(form.id).toBe('quantified_form');
    const reading = form.read(rows);
    expect(reading).toMatchObject({ anchor: 1, first: 1, department: '机电工程系', date: '2026年1月10日', blank: false });
    const value = (key: string) => reading.values.find((v) => v.key === key)?.raw;
    expect([value('name'), value('item_ideology'), value('item_on_post'), value('item_incidents'), value('total'), value('grade_recorded')]).toEqual(['王芳', '5', '9', '3', '', '优秀']);
  });

  it('knows a blank template from a form', () => {
    const rows = quantified('', [], '', '');
    expect(findForm(rows)!.read(rows).blank).toBe(true);
  });

  it('reads a 考核登记表: 姓名 and 考核成绩 (a grade, or a score), the date it was filled in, never the phone number', () => {
    const rows = [
      ['郴州职业技术学院辅导员（班主任）助理考核登记表', '', '', ''],
      ['填表时间：2026年1月12日', '', '', ''],
      ['姓  名', '陈静', '性  别', '女'],
      ['政治面貌', '中共预备党员', '联系方式', '13800001111'],
      ['受聘班级及人数', '信息2401班 42人', '', ''],
      ['自我总评', '工作内容', '……', ''],
      ['考核成绩', '优秀', '聘用系部负责人签字：王主任  2026年1月12日', ''],
    ];
    const form = findForm(rows)!;
    expect(form.id).toBe('register_form');
    const reading = form.read(rows);
    expect(reading.values).toEqual([
      { key: 'name', raw: '陈静', row: 2 },
      { key: 'grade_recorded', raw: '优秀', row: 6 },
    ]);
    expect(reading.date).toBe('2026年1月12日');
    expect(JSON.stringify(reading)).not.toContain('13800001111');
    rows[6]![1] = '86';
    expect(form.read(rows).values[1]).toEqual({ key: 'total', raw: '86', row: 6 });
  });

  it('is not a wide table of items (a header row of item names)', () => {
    expect(findForm([['姓名', '思想素质', '工作态度', '合计', '考核结果'], ['王芳', '5', '5', '10', '优秀']])).toBeNull();
  });
});
