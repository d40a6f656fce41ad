import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeText, parseCsvText } from '../../src/ingest/readers/csv.ts';

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
