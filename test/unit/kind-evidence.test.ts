/** Which kind a sheet is: decided by evidence (issue 21), never by one generic heading. */
import { describe, expect, it } from 'vitest';
import { kindsNamedIn, patternMatches } from '../../src/domain/kind-evidence.ts';
import { findHeader, joinTwoLevelHeader } from '../../src/domain/layout.ts';
import { knownPartition } from '../../src/domain/parts.ts';
import { findWeekColumns, rowsByWeek } from '../../src/domain/week-columns.ts';

describe('kind evidence', () => {
  it('names kinds by the words of a title or file name', () => {
    expect([...kindsNamedIn('辅导员工作量统计表（第1-16周）')]).toEqual(['worklogs']);
    expect([...kindsNamedIn('2025年度辅导员考核结果汇总表')]).toEqual(['assessments']);
    expect([...kindsNamedIn('辅导员花名册')]).toEqual(['counselors', 'assistants', 'graduate_assistants']);
    expect([...kindsNamedIn('信息工程系报表')]).toEqual([]);
  });

  it('matches a file-name pattern as a part of the name, or with * and ?', () => {
    expect(patternMatches('统计表', '机电工程系统计表.csv')).toBe(true);
    expect(patternMatches('*统计表.xlsx', '机电工程系统计表.csv')).toBe(false);
    expect(patternMatches('机电??系*.csv', '机电工程系统计表.csv')).toBe(true);
  });

  it('a 合计 beside 姓名 decides nothing: without a title it is unclear, under a work-log title never an assessment', () => {
    const rows = [['姓名', '工号', '合计']];
    const plain = findHeader(rows);
    expect(plain.ok).toBe(false);
    expect(!plain.ok && plain.unclear?.map((u) => [u.kind, u.generic])).toEqual([['assessments', ['合计']]]);
    const titled = findHeader([['辅导员工作量统计表'], ...rows]);
    expect(titled.ok || titled.unclear).toBeFalsy();
    // Named as an assessment, the 合计 is its total.
    const named = findHeader([['辅导员考核结果'], ...rows]);
    expect(named.ok && [named.kind, named.columns.total]).toEqual(['assessments', 2]);
  });

  it('a mapping from rules.json settles the kind and names headings', () => {
    const h = findHeader([['工号', '姓名', '民主评议']], new Set(), { names: [], mapping: { pattern: 'x', kind: 'assessments', headings: { 民主评议: '考核结果' } } });
    expect(h.ok && [h.kind, h.columns.grade_recorded]).toEqual(['assessments', 2]);
  });
});

describe('reshaped layouts', () => {
  it('weeks as columns under activities become person-weeks; a row of counts is not a row of weeks', () => {
    const group = ['姓名', '谈心谈话', '', '查课', '', '合计'];
    const layout = findWeekColumns([group, ['', '第1周', '第2周', '1', '2', '']])!;
    expect(layout.header).toEqual(['姓名', '合计', '周次', '谈心谈话', '查课']);
    expect(rowsByWeek(layout, ['王芳', '5', '', '2', '', '7'])).toEqual([['王芳', '7', '1', '5', '2']]);
    expect(findWeekColumns([['姓名', '周次', '谈心谈话', '查课'], ['王芳', '3', '5', '2']])).toBeNull();
  });

  it('joins a two-level header under a group merged across, but not under a title line', () => {
    const rows = [
      ['工号', '学历', '学历', '职称', '职称'],
      ['工号', '最高学历', '最高学位', '职称', '取得时间'],
    ];
    const merges = [{ top: 0, bottom: 0, left: 1, right: 2 }, { top: 0, bottom: 0, left: 3, right: 4 }, { top: 0, bottom: 1, left: 0, right: 0 }];
    expect(joinTwoLevelHeader(rows, merges)).toEqual({ row: 1, cells: ['工号', '最高学历', '最高学位', '职称', '职称取得时间'], from: 0 });
    expect(joinTwoLevelHeader([['某系在校生人数统计表'], ['序号', '系部', '在校生人数']], [{ top: 0, bottom: 0, left: 0, right: 2 }])).toBeNull();
  });

  it('joins the same header saved as CSV (each group in its first cell, blanks after it), and three levels', () => {
    const csv = [
      ['工号', '学历', '', '职称', ''],
      ['', '最高学历', '最高学位', '职称', '取得时间'],
      ['006001', '硕士研究生', '硕士', '讲师', '2019.12'],
    ];
    expect(joinTwoLevelHeader(csv, [])).toEqual({ row: 1, cells: ['工号', '最高学历', '最高学位', '职称', '职称取得时间'], from: 0 });
    // 个人信息 over 学历 and 职称 over their headings; 出生年月 written once over two blank rows.
    const three = [
      ['工号', '个人信息', '', '', '', ''],
      ['', '学历', '', '职称', '', '出生年月'],
      ['', '最高学历', '最高学位', '职称', '取得时间', ''],
    ];
    expect(joinTwoLevelHeader(three, [])).toEqual({ row: 2, cells: ['工号', '最高学历', '最高学位', '职称', '职称取得时间', '出生年月'], from: 0 });
    // A data row under a one-row header is no level of it.
    expect(joinTwoLevelHeader([['工号', '姓名', '学历'], ['006001', '宋平', '硕士']], [])).toBeNull();
  });

  it('an additive field over the parts of a whole (在校生人数 over 男 | 女) keeps the parts as notes and is read as their sum; over anything else it is not', () => {
    expect(knownPartition(['男', '女'])).toEqual(['男', '女']);
    expect(knownPartition(['男生', '女生'])).toEqual(['男生', '女生']);
    expect(knownPartition(['本科', '专科'])).toEqual(['本科', '专科']);
    expect(knownPartition(['一年级', '二年级', '三年级'])).toEqual(['一年级', '二年级', '三年级']);
    expect(knownPartition(['2024级', '2025级'])).toEqual(['2024级', '2025级']);
    // Not a whole: one part, a part twice, parts of two families, 男 without 女, subsets (其中…).
    for (const parts of [['男'], ['男', '男生'], ['本科', '一年级'], ['男', '本科'], ['其中少数民族', '其中女生'], ['人数', '其中女生']]) expect(knownPartition(parts), parts.join('|')).toBeNull();

    const csv = [
      ['序号', '系部', '在校生人数', ''],
      ['', '', '男', '女'],
    ];
    const joined = joinTwoLevelHeader(csv, [])!;
    expect(joined.cells).toEqual(['序号', '系部', '在校生人数（男）', '在校生人数（女）']);
    const header = findHeader([joined.cells]);
    expect(header.ok && [header.kind, header.joined.students]).toEqual(['enrollment', [2, 3]]);
    // Subsets of the whole are no parts of it: joined as one heading each, read by no field.
    expect(joinTwoLevelHeader([csv[0]!, ['', '', '其中少数民族', '其中女生']], [])!.cells).toEqual(['序号', '系部', '在校生人数其中少数民族', '在校生人数其中女生']);
    // 职称 is no quantity: its 职称 | 取得时间 stay joined as before.
    expect(joinTwoLevelHeader([['工号', '职称', ''], ['', '职称', '取得时间']], [])!.cells).toEqual(['工号', '职称', '职称取得时间']);
    // Two flat columns of one quantity that are not parts of a whole stay a duplicate.
    expect(findHeader([['系部', '在校生人数', '在校生人数']]).ok).toBe(false);
  });
});
