import { describe, expect, it } from 'vitest';
import { classifyRow, findHeader, normaliseHeaderRow } from '../../src/domain/layout.ts';
import { isPersonalColumn } from '../../src/domain/tables/index.ts';

describe('header detection', () => {
  it.each([
    ['系部', '在校生人数'],
    ['院系', '学生人数'],
    ['学院', '学生数'],
    ['部门', '人数'],
    ['所在单位', '在校生人数（人）'],
    ['单位', '人数'],
  ])('recognises enrollment from %s + %s below title lines', (dept, students) => {
    const rows = [['XX系2025-2026学年第一学期在校生人数统计表'], ['填报单位：XX系', '', '单位：人'], ['序号', dept, '年级', students]];
    const found = findHeader(rows);
    expect(found).toMatchObject({ ok: true, kind: 'enrollment', row: 2, columns: { department: 1, students: 3, grade: 2 } });
  });

  it.each(['专兼职', '岗位类型', '类别', '类型'])('recognises a counselor roster with %s for full/part-time', (employment) => {
    const found = findHeader([['序号', '职工号', '姓 名', '系部', employment, '联系电话']]);
    expect(found).toMatchObject({ ok: true, kind: 'counselors', row: 0 });
    if (found.ok) expect(found.unmapped).toEqual(['序号', '联系电话']);
  });

  it('names the closest kind and the columns it misses when no header fits', () => {
    const found = findHeader([['序号', '工号', '姓名', '系部', '备注']]);
    expect(found).toMatchObject({ ok: false, ambiguous: [] });
    if (!found.ok) expect(found.closest[0]).toEqual({ kind: 'counselors', label: '辅导员名册', missing: ['专兼职'] });
  });

  it('reads seed 000\'s 考核情况汇总表 (no 系部; with or without 考核成绩) as assessments and the assistants\' roster, not as ambiguous', () => {
    for (const header of [['姓  名', '专  业', '年 级', '聘用岗位(班级)', '聘用起止时间', '考核结果'], ['姓名', '专业', '年级', '聘用岗位(班级)', '聘用起止时间', '考核成绩', '考核结果']]) {
      const found = findHeader([header]);
      expect(found).toMatchObject({ ok: true, kind: 'assessments', also: { kind: 'assistants' }, unmapped: [] });
    }
  });

  it('needs no 系部 column: a table may take its department from its title, file name or folder', () => {
    expect(findHeader([['年级', '在校生人数']])).toMatchObject({ ok: true, kind: 'enrollment', columns: { grade: 0, students: 1 } });
    expect(findHeader([['工号', '姓名', '专兼职']])).toMatchObject({ ok: true, kind: 'counselors' });
  });

  it('flags contact columns as personal', () => {
    for (const h of ['联系电话', '手机号码', 'QQ', 'ＱＱ号', '电子邮件', 'E-mail', '身份证号', '邮箱']) expect(isPersonalColumn(h)).toBe(true);
    for (const h of ['姓名', '工号', '系部']) expect(isPersonalColumn(h)).toBe(false);
  });
});

describe('non-data rows after the header', () => {
  const header = ['序号', '系部', '在校生人数', '备注'];
  it.each([
    [['', '', '', ''], 'blank'],
    [['', '合计', '1,140', ''], 'total'],
    [['合计', '', '1140', ''], 'total'],
    [['总计：', '', '1140', ''], 'total'],
    [['填表人：张三　　审核人：李四', '', '', ''], 'footer'],
    [['审核人：李四'], 'footer'],
    [['单位（盖章）：', '', '', ''], 'footer'],
    [['填报日期：2025年9月15日'], 'footer'],
    [['', '', '2025年9月15日', ''], 'footer'],
    [['序号', '系部', '在校生人数', '备注'], 'header_repeat'],
    [['1', '机电工程系', '120', ''], 'data'],
    [['1', '机电工程系', 'abc', ''], 'data'],
    // Signature and stamp lines, whatever their wording (seed 000's forms among them).
    [['聘用系部负责人签字：              2026年7月8日'], 'footer'],
    [['聘用单位（盖章）：', '', '单位负责人签字：', '填报日期：'], 'footer'],
    [['（公章）'], 'footer'],
    [['', '单位负责人签名：李主任', '', ''], 'footer'],
    [['经办人：张三'], 'footer'],
    [['机电工程系（盖章）'], 'footer'],
    // A job title is data: 负责人 only counts before a colon.
    [['学工办负责人', '001001', '王芳', '专职'], 'data'],
  ] as const)('%j is %s', (cells, expected) => {
    expect(classifyRow([...cells], normaliseHeaderRow(header))).toBe(expected);
  });
});
