/**
 * The rules behind issue 10's decisions, on hand-made inputs: which version of a resent export
 * is read, where a 填报日期 is found, the nearest official department name, invisible characters,
 * hours written as times and scores as percentages — and a text too long to decode at once.
 */
import { describe, expect, it } from 'vitest';
import { optionalHours, optionalScore } from '../../src/domain/cells.ts';
import { describeInvisible, InvisibleTally } from '../../src/domain/invisible.ts';
import { editDistance, nearestName } from '../../src/domain/nearest.ts';
import { cleanCell, compactCell, isBlankCell } from '../../src/domain/text.ts';
import { decideVersions, filledOnIn, type Version } from '../../src/domain/versions.ts';
import { csvReader } from '../../src/ingest/readers/csv.ts';

const v = (file: string, digest: string, filledOn: string | null = null): Version => ({ file, sheet: null, digest, filledOn });
const outcome = (versions: Version[]) => decideVersions(versions).map((o) => [o.version.file, o.read ? 'read' : o.code]);

describe('versions of one export', () => {
  it('identical copies: the one not named as a copy is read, the copies are not counted again', () => {
    expect(outcome([v('a/在校生人数 - 副本.csv', 'x'), v('a/在校生人数(1).csv', 'x'), v('a/在校生人数.csv', 'x')])).toEqual([
      ['a/在校生人数.csv', 'read'],
      ['a/在校生人数 - 副本.csv', 'IDENTICAL_COPY'],
      ['a/在校生人数(1).csv', 'IDENTICAL_COPY'],
    ]);
  });

  it('different versions: the one named 更正 wins whatever its 填报日期 (issue 21: the clerk who names it so means it)', () => {
    expect(outcome([v('a/在校生人数（更正）.csv', 'x', '2025-09-10'), v('a/在校生人数.csv', 'y', '2025-09-20')])).toEqual([
      ['a/在校生人数（更正）.csv', 'read'],
      ['a/在校生人数.csv', 'SUPERSEDED'],
    ]);
  });

  it('two named 更正: the latest 填报日期 decides between them', () => {
    expect(outcome([v('a/名册（更正）.csv', 'x', '2025-09-10'), v('a/名册（修改）.csv', 'y', '2025-09-20')])).toEqual([
      ['a/名册（修改）.csv', 'read'],
      ['a/名册（更正）.csv', 'SUPERSEDED'],
    ]);
  });

  it('the one whose name says 更正/修改/最新…, when exactly one does, with or without dates', () => {
    expect(outcome([v('a/名册.csv', 'x', '2025-09-10'), v('a/名册（最新）.csv', 'y')])).toEqual([
      ['a/名册（最新）.csv', 'read'],
      ['a/名册.csv', 'SUPERSEDED'],
    ]);
  });

  it('else none is chosen: two dates alike, two corrections, a copy named (1): all set aside', () => {
    expect(outcome([v('a/x.csv', 'x', '2025-09-10'), v('a/y.csv', 'y', '2025-09-10')]).map(([, o]) => o)).toEqual(['CONFLICTING_VERSIONS', 'CONFLICTING_VERSIONS']);
    expect(outcome([v('a/x（更正）.csv', 'x'), v('a/x（修改）.csv', 'y')]).map(([, o]) => o)).toEqual(['CONFLICTING_VERSIONS', 'CONFLICTING_VERSIONS']);
    expect(outcome([v('a/x.csv', 'x'), v('a/x(1).csv', 'y')]).map(([, o]) => o)).toEqual(['CONFLICTING_VERSIONS', 'CONFLICTING_VERSIONS']);
  });

  it('finds the 填报日期 of a title or footer line, in any spelling', () => {
    expect(filledOnIn(['填报日期：2025年9月20日'])).toBe('2025-09-20');
    expect(filledOnIn(['填表人：林老师', '', '填表时间: 2025-9-2'])).toBe('2025-09-02');
    expect(filledOnIn(['单位（盖章）', '报送日期 2025.10.01'])).toBe('2025-10-01');
    expect(filledOnIn(['日期：', '年  月  日'])).toBeNull();
    expect(filledOnIn(['机电工程系2025-2026学年第一学期在校生人数'])).toBeNull();
  });
});

describe('the nearest official department name', () => {
  const official = ['机电工程系', '信息工程系', '数学与物理学院', '医学护理系'];
  it('is a name containing the one written, or differing in at most half its characters', () => {
    expect(editDistance('机电系', '机电工程系')).toBe(2);
    expect(nearestName('机电系', official)).toBe('机电工程系');
    expect(nearestName('信息工程', official)).toBe('信息工程系');
    expect(nearestName('数学物理学院', official)).toBe('数学与物理学院');
    expect(nearestName('护理系', official)).toBe('医学护理系');
  });
  it('is nothing when every name is far', () => {
    expect(nearestName('外语系', official)).toBeNull();
    expect(nearestName('学工部', official)).toBeNull();
  });
});

describe('invisible characters', () => {
  it('are dropped by cleanCell; a cell of nothing else is blank', () => {
    expect(compactCell('机电\u200b工程系')).toBe('机电工程系');
    expect(cleanCell('\ufeff机电工程系\u0000')).toBe('机电工程系');
    expect(cleanCell('心理危机干预\n实务')).toBe('心理危机干预 实务');
    expect(isBlankCell('\u200b\u00a0\u2060')).toBe(true);
    expect(isBlankCell('\u200b0')).toBe(false);
  });
  it('are removed from a row as it is read, counted per column with the first', () => {
    const tally = new InvisibleTally();
    expect(tally.clean(['a', '机电\u200b工程系'], 4)).toEqual(['a', '机电工程系']);
    tally.clean(['b\u0007', '信息工程系\u200e'], 5);
    expect(tally.entries).toEqual([
      { column: 0, cells: 1, row: 5, what: '控制字符（U+0007）' },
      { column: 1, cells: 2, row: 4, what: '零宽空格（U+200B）' },
    ]);
    expect(describeInvisible('x\ufeff')).toBe('零宽不换行空格（BOM）（U+FEFF）');
  });
});

describe('hours written as a time, scores as a percentage', () => {
  it('7:30 is 7.5 hours, 18:00:00 is 18; 25:61 is no time', () => {
    expect(optionalHours('7:30', '工作时长')).toBe(7.5);
    expect(optionalHours('18:00:00', '工作时长')).toBe(18);
    expect(optionalHours('２０：１５', '工作时长')).toBe(20.25);
    expect(optionalHours('25:61', '工作时长')).toMatchObject({ reject: 'NOT_A_NUMBER' });
    expect(optionalHours('200:00', '工作时长')).toMatchObject({ reject: 'COUNT_TOO_LARGE' });
  });
  it('95% is a score of 95; a count does not take a percentage', () => {
    expect(optionalScore('95%', '总分')).toBe(95);
    expect(optionalScore('87.5%', '总分')).toBe(87.5);
    expect(optionalHours('50%', '工作时长')).toMatchObject({ reject: 'NOT_A_NUMBER' });
  });
});

describe('a text too long to decode at once', () => {
  it('(one 600 MB line) sets the file aside as a line too long, instead of crashing with ERR_STRING_TOO_LONG', async () => {
    const bytes = new Uint8Array(600 * 2 ** 20).fill(0x61);
    const book = await csvReader.read(bytes, {});
    expect(() => book.sheets[0]!.forEachRow(() => {})).toThrow(expect.objectContaining({ code: 'FILE_TOO_LARGE', message: expect.stringMatching(/^文件中有一行太长（超过 64 MB），无法按表格读取：文件可能已损坏，或整个文件只有很长的一行/) }));
  }, 30_000);
});
