import { describe, expect, it } from 'vitest';
import { findSemester, semesterLabel, isSemesterId } from '../../src/domain/semester.ts';
import { cleanCell, compactCell, parseCount, toHalfWidth } from '../../src/domain/text.ts';

describe('cell text', () => {
  it('turns full-width digits, letters, brackets and the ideographic space into half-width', () => {
    expect(toHalfWidth('１２０（人）ＱＱ　号')).toBe('120(人)QQ 号');
  });

  it('folds stray spaces; names lose them entirely', () => {
    expect(cleanCell('  机电 \u3000 工程系 ')).toBe('机电 工程系');
    expect(compactCell('王 芳')).toBe('王芳');
  });

  it.each([
    ['王芳', '王芳'],
    ['100234', '100234'],
    ['王\u3000芳', '王芳'],
    ['\u00a0王芳', '王芳'],
    ['王芳\t', '王芳'],
    ['王\n芳', '王芳'],
    ['ＡＢ１２', 'AB12'],
    ['机电\ufeff工程系', '机电工程系'],
    ['机电\u200b工程系', '机电工程系'],
    ['  ', ''],
  ])('compacts %j to %j as names and codes are compared', (raw, expected) => {
    expect(compactCell(raw)).toBe(expected);
  });

  it.each([
    ['1,020', 1020],
    ['"1,020"'.replace(/"/g, ''), 1020],
    ['１２０', 120],
    ['120 ', 120],
    ['120人', 120],
    ['0', 0],
    ['1,020.0', 1020],
  ])('reads the count %j as %d', (raw, expected) => {
    expect(parseCount(raw)).toBe(expected);
  });

  it.each(['12a', '-5', '1.5', '', '一百', '=SUM(A1:A3)'])('refuses %j as a count', (raw) => {
    expect(parseCount(raw)).toBeNull();
  });
});

describe('semester spellings', () => {
  it.each([
    ['2025-2026学年第一学期', '2025-2026-1'],
    ['2025—2026学年第1学期', '2025-2026-1'],
    ['2024-2025学年第二学期', '2024-2025-2'],
    ['２０２４－２０２５学年第２学期', '2024-2025-2'],
    ['2025-2026学年度第一学期', '2025-2026-1'],
    ['2025-2026学年上学期', '2025-2026-1'],
    ['2025-2026-2', '2025-2026-2'],
    ['2024秋', '2024-2025-1'],
    ['2025春', '2024-2025-2'],
    ['2025年春季学期', '2024-2025-2'],
    ['机电工程系2025-2026学年第一学期在校生人数统计表', '2025-2026-1'],
    ['data/2025-2026-1/机电工程系', '2025-2026-1'],
  ])('reads %j as %s', (text, id) => {
    expect(findSemester(text)).toBe(id);
  });

  it.each(['2025-2027学年第一学期', '2025-2026学年第三学期', '机电工程系在校生人数', '2025-2026-3', '12025-2026-1'])(
    'finds no semester in %j',
    (text) => {
      expect(findSemester(text)).toBeNull();
    },
  );

  it('labels canonical ids in Chinese and recognises only canonical ids as ids', () => {
    expect(semesterLabel('2025-2026-1')).toBe('2025-2026学年第一学期');
    expect(semesterLabel('2024-2025-2')).toBe('2024-2025学年第二学期');
    expect(isSemesterId('2025-2026-1')).toBe(true);
    expect(isSemesterId('2025秋')).toBe(false);
  });
});

describe('ratio display', () => {
  it('writes one decimal with thousands separators', async () => {
    const { formatRatio } = await import('../../src/domain/format.ts');
    expect(formatRatio(224.33, 200)).toBe('1:224.3');
    expect(formatRatio(1140, 200)).toBe('1:1,140.0');
    expect(formatRatio(200, 200)).toBe('1:200.0');
    expect(formatRatio(null, 200)).toBe('—');
  });

  it('never rounds an exceeded target down to look met', async () => {
    const { formatRatio } = await import('../../src/domain/format.ts');
    expect(formatRatio(16201 / 81, 200)).toBe('1:200.01');
    expect(formatRatio(200.04, 200)).toBe('1:200.04');
    expect(formatRatio(200.3, 200)).toBe('1:200.3');
    expect(formatRatio(199.96, 200)).toBe('1:200.0');
  });
});
