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
  ] as const)('%j is %s', (cells, expected) => {
    expect(classifyRow([...cells], normaliseHeaderRow(header))).toBe(expected);
  });
});
