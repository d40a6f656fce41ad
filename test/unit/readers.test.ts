import iconv from 'iconv-lite';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fillMerges } from '../../src/ingest/merges.ts';
import { decodeText, parseCsvText } from '../../src/ingest/readers/csv.ts';
import { sheetOfRows, type MergedRange, type Sheet } from '../../src/ingest/readers/types.ts';
import { workbookReader } from '../../src/ingest/readers/workbook.ts';

const SAMPLE = '机电工程系2025-2026学年第一学期在校生人数统计表\r\n序号,系部,在校生人数\r\n1,机电工程系,"1,020"\r\n';

describe('CSV decoding', () => {
  it('reads GBK, as Windows Excel writes it', () => {
    const { text, encoding } = decodeText(new Uint8Array(iconv.encode(SAMPLE, 'gbk')));
    expect(encoding).toBe('gb18030');
    expect(text).toBe(SAMPLE);
  });

  it('reads GB18030 characters outside GBK', () => {
    const rare = '姓名\r\n𠀾\r\n';
    expect(decodeText(new Uint8Array(iconv.encode(rare, 'gb18030'))).text).toBe(rare);
  });

  it('reads UTF-8 with a BOM ("CSV UTF-8") and drops the BOM', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(SAMPLE)]);
    expect(decodeText(bytes)).toEqual({ text: SAMPLE, encoding: 'utf-8-bom' });
  });

  it('reads UTF-8 without a BOM', () => {
    expect(decodeText(new TextEncoder().encode(SAMPLE))).toEqual({ text: SAMPLE, encoding: 'utf-8' });
  });

  it('reads UTF-16 "Unicode text" with tabs', () => {
    const tabbed = '系部\t人数\r\n机电工程系\t120\r\n';
    const bytes = new Uint8Array([0xff, 0xfe, ...iconv.encode(tabbed, 'utf-16le')]);
    const { text, encoding } = decodeText(bytes);
    expect(encoding).toBe('utf-16le');
    expect(parseCsvText(text)).toEqual([['系部', '人数'], ['机电工程系', '120']]);
  });
});

describe('CSV rows', () => {
  it('keeps quoted thousands separators in one cell and does not add a row for the final line break', () => {
    expect(parseCsvText(SAMPLE)).toEqual([
      ['机电工程系2025-2026学年第一学期在校生人数统计表'],
      ['序号', '系部', '在校生人数'],
      ['1', '机电工程系', '1,020'],
    ]);
  });

  it('keeps blank lines in the middle as rows, so they are counted', () => {
    expect(parseCsvText('a,b\n\n1,2\n')).toHaveLength(3);
  });

  it('returns no rows for an empty file', () => {
    expect(parseCsvText('')).toEqual([]);
  });
});

describe('workbooks (one reader for .xlsx, .xlsm, .xls; files saved by LibreOffice)', () => {
  const read = async (path: string) => workbookReader.read(new Uint8Array(readFileSync(path)));
  const rows = (sheet: Sheet) => {
    const out: string[][] = [];
    sheet.forEachRow((r) => out.push(r));
    return out;
  };

  it('reads a BIFF8 .xls: text ids keep their zeros, date cells are ISO days, numbers their value, merges as ranges', async () => {
    const book = await read('test/corpus/cases/38-old-xls/2025-2026-1/机电工程系/辅导员名册.xls');
    expect(book.encoding).toBe('xls');
    const [roster, training] = book.sheets;
    expect(rows(roster!)[2]).toEqual(['1', '001001', '王芳', '机电工程系', '专职', '事业编制']);
    expect(rows(roster!)[3]![3]).toBe(''); // under the merged 系部: empty until merges.ts fills it
    expect(roster!.merges).toContainEqual({ top: 2, left: 3, bottom: 4, right: 3, number: false });
    expect(rows(training!).slice(1).map((r) => [r[5], r[6]])).toEqual([['8', '2025-09-20'], ['12.5', '2025-10-11']]);
  });

  it('reports hidden sheets, rows and columns as the file records them (nothing is dropped for it here)', async () => {
    const book = await read('test/corpus/office/hidden.xlsx');
    expect(book.sheets.map((s) => [s.name, s.visibility])).toEqual([
      ['辅导员名册', { hidden: false, rows: [2], columns: [4] }],
      ['旧名册', { hidden: true, rows: [], columns: [] }],
    ]);
    expect(rows(book.sheets[0]!)).toHaveLength(3);
  });

  it('says a password-protected workbook has a password, and a damaged one is damaged', async () => {
    await expect(read('test/corpus/cases/36-password-protected-xlsx/2025-2026-1/机电工程系/辅导员名册.xlsx')).rejects.toMatchObject({ code: 'PASSWORD_PROTECTED' });
    await expect(read('test/corpus/cases/79-one-bad-file-among-good/2025-2026-1/信息工程系/辅导员名册.xls')).rejects.toMatchObject({ code: 'UNREADABLE_FILE', message: expect.stringContaining('损坏') });
  });
});

describe('merged cells (merges.ts)', () => {
  const merged = (rows: string[][], merges: MergedRange[]) => {
    const { sheet, filled, numbers } = fillMerges(sheetOfRows('S', rows, { merges }));
    const out: string[][] = [];
    sheet.forEachRow((r) => out.push(r));
    return { rows: out, filled, numbers };
  };
  const range = (top: number, left: number, bottom: number, right: number, number = false): MergedRange => ({ top, left, bottom, right, number });

  it('gives text merged down or across to every cell it covers', () => {
    const r = merged([['系部', '年级', '人数'], ['甲系', '2024级', '10'], ['', '', '12'], ['合计', '', '22']], [range(1, 0, 2, 0), range(1, 1, 2, 1), range(3, 0, 3, 1)]);
    expect(r.rows).toEqual([['系部', '年级', '人数'], ['甲系', '2024级', '10'], ['甲系', '2024级', '12'], ['合计', '合计', '22']]);
    expect(r.filled).toBe(3);
  });

  it('leaves a line (a title or footer merged across an otherwise empty row) as one cell, and rows with nothing of their own blank', () => {
    const r = merged([['甲系在校生人数统计表', '', ''], ['系部', '人数', ''], ['甲系', '10', ''], ['', '', '']], [range(0, 0, 0, 2), range(2, 0, 3, 0)]);
    expect(r.rows[0]).toEqual(['甲系在校生人数统计表', '', '']);
    expect(r.rows[3]).toEqual(['', '', '']);
    expect(r.filled).toBe(0);
  });

  it('counts a merged number once: it stays in its first cell and is reported', () => {
    const r = merged([['系部', '人数'], ['甲系', '760'], ['甲系', '']], [range(1, 1, 2, 1, true)]);
    expect(r.rows[2]).toEqual(['甲系', '']);
    expect(r.numbers).toEqual([{ ...range(1, 1, 2, 1, true), value: '760' }]);
  });
});
