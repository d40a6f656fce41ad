/**
 * Table downloads as a clerk opens them in Excel/WPS: CSV bytes and quoting, formula injection,
 * the .xlsx read back cell by cell, sheet and file names Windows and Excel accept, and the
 * buttons (markup and the click → file path) in jsdom.
 */
import { unzipSync, strFromU8 } from 'fflate';
import { JSDOM } from 'jsdom';
import readXlsxFile, { readSheet } from 'read-excel-file/node';
import { describe, expect, it, vi } from 'vitest';
import { downloadButtonsHtml, wireDownloads } from '../../src/downloads/buttons.ts';
import { safeFilename } from '../../src/downloads/save.ts';
import { sheetName, tableToCsv, tableToXlsxSchema, type DownloadTable } from '../../src/downloads/table.ts';
import { tableToXlsxBlob } from '../../src/downloads/xlsx.ts';
import { decodeText, parseCsvText } from '../../src/ingest/readers/csv.ts';

const TABLE: DownloadTable = {
  title: '各系部辅导员配比',
  columns: [
    { key: 'department', label: '系部' },
    { key: 'students', label: '在校生人数' },
    { key: 'delta', label: '较上学期' },
    { key: 'ok', label: '是否达标' },
    { key: 'since', label: '统计日期' },
    { key: 'note', label: '备注' },
  ],
  rows: [
    { department: '机电工程系', students: 1020, delta: -3, ok: true, since: new Date('2025-09-01T00:00:00Z'), note: '含专升本, 共 2 个班' },
    { department: '信息工程系', students: 12345.5, delta: 0, ok: false, since: null, note: '他说"够了"\n下学期再议' },
    { department: '=HYPERLINK("http://x","点我")', students: undefined, delta: 7, ok: null, since: undefined, note: '+1' },
    { department: '@SUM(A1:A2)', students: 3, delta: 1, ok: true, since: null, note: '-1' },
  ],
};

/** The bytes a browser writes for the CSV Blob. */
async function csvBytes(table: DownloadTable): Promise<Uint8Array> {
  return new Uint8Array(await new Blob([tableToCsv(table)], { type: 'text/csv;charset=utf-8' }).arrayBuffer());
}

describe('CSV for Excel/WPS', () => {
  it('is UTF-8 with a BOM, so Excel on Windows shows Chinese instead of mojibake', async () => {
    const csv = tableToCsv(TABLE);
    expect(csv.startsWith('\uFEFF系部,在校生人数,较上学期,是否达标,统计日期,备注\r\n')).toBe(true);
    const bytes = await csvBytes(TABLE);
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(decodeText(bytes).encoding).toBe('utf-8-bom');
  });

  it('ends every row with CRLF and has no bare LF outside quoted cells', () => {
    const csv = tableToCsv(TABLE);
    expect(csv.endsWith('\r\n')).toBe(true);
    const unquoted = csv.replace(/"(?:[^"]|"")*"/g, '');
    expect(unquoted.split('\r\n')).toHaveLength(TABLE.rows.length + 2);
    expect(/[^\r]\n/.test(unquoted)).toBe(false);
  });

  it('quotes commas, quotes and line breaks, and reads back to the same cells', async () => {
    const csv = tableToCsv(TABLE);
    expect(csv).toContain(',"含专升本, 共 2 个班"\r\n');
    expect(csv).toContain(',"他说""够了""\n下学期再议"\r\n');
    const rows = parseCsvText(decodeText(await csvBytes(TABLE)).text);
    expect(rows).toHaveLength(TABLE.rows.length + 1);
    expect(rows[1]).toEqual(['机电工程系', '1020', '-3', '是', '2025-09-01', '含专升本, 共 2 个班']);
    expect(rows[2]).toEqual(['信息工程系', '12345.5', '0', '否', '', '他说"够了"\n下学期再议']);
  });

  it('neutralises text that Excel would run as a formula, but keeps real negative numbers', () => {
    const rows = parseCsvText(tableToCsv(TABLE).slice(1));
    expect(rows[3]).toEqual([`'=HYPERLINK("http://x","点我")`, '', '7', '', '', "'+1"]);
    expect(rows[4]).toEqual(["'@SUM(A1:A2)", '3', '1', '是', '', "'-1"]);
    // -3 is a number: written as -3 so Excel sums it.
    expect(rows[1]![2]).toBe('-3');
  });

  it('also neutralises text starting with a tab or CR', () => {
    const csv = tableToCsv({ title: 't', columns: [{ key: 'a', label: 'A' }], rows: [{ a: '\t=1+1' }, { a: '\r=1+1' }] });
    expect(parseCsvText(csv.slice(1))).toEqual([['A'], ["'\t=1+1"], ["'\r=1+1"]]);
  });

  it('writes numbers plainly: no thousands separators, no exponent for ordinary sizes', () => {
    const csv = tableToCsv({ title: 't', columns: [{ key: 'n', label: 'N' }], rows: [{ n: 1234567 }, { n: 0.25 }, { n: -0 }, { n: Number.NaN }, { n: 9007199254740993n }] });
    expect(csv).toBe('\uFEFFN\r\n1234567\r\n0.25\r\n0\r\n\r\n9007199254740993\r\n');
  });
});

describe('XLSX', () => {
  it('reads back with the Chinese header and the same cells; numbers are numbers, dates are dates', async () => {
    const blob = await tableToXlsxBlob(TABLE);
    expect(blob.type).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const data = await readSheet(Buffer.from(await blob.arrayBuffer()));
    expect(data[0]).toEqual(['系部', '在校生人数', '较上学期', '是否达标', '统计日期', '备注']);
    expect(data[1]).toEqual(['机电工程系', 1020, -3, '是', new Date('2025-09-01T00:00:00Z'), '含专升本, 共 2 个班']);
    expect(data[2]).toEqual(['信息工程系', 12345.5, 0, '否', null, '他说"够了"\n下学期再议']);
    // Text cells are stored as text: no apostrophe, and Excel does not evaluate them.
    expect(data[3]).toEqual(['=HYPERLINK("http://x","点我")', null, 7, null, null, '+1']);
    expect(data[4]).toEqual(['@SUM(A1:A2)', 3, 1, '是', null, '-1']);
    expect(typeof data[1]![1]).toBe('number');
    expect(typeof data[1]![2]).toBe('number');
  });

  it('names the sheet after the title, bolds and freezes the header, and sizes columns for Chinese text', async () => {
    const blob = await tableToXlsxBlob({ ...TABLE, title: '辅导员配比[2025/2026]：按系部' });
    const bytes = new Uint8Array(await blob.arrayBuffer());
    const [sheet] = await readXlsxFile(Buffer.from(bytes));
    expect(sheet!.sheet).toBe('辅导员配比20252026：按系部');

    const files = unzipSync(bytes);
    const sheetXml = strFromU8(files['xl/worksheets/sheet1.xml']!);
    const stylesXml = strFromU8(files['xl/styles.xml']!);
    expect(sheetXml).toMatch(/<pane [^>]*ySplit="1"/);
    expect(stylesXml).toContain('<b/>');
    const widths = [...sheetXml.matchAll(/<col [^>]*width="([\d.]+)"/g)].map((m) => Number(m[1]));
    // 系部 column holds 机电工程系 (5 Chinese characters = 10 widths); 备注 holds a 19-wide text.
    expect(widths).toHaveLength(6);
    expect(widths[0]).toBeGreaterThanOrEqual(10);
    expect(widths[5]).toBeGreaterThanOrEqual(19);
  });

  it('gives header cells bold and body cells types', () => {
    const schema = tableToXlsxSchema(TABLE);
    expect(schema.data[0]![0]).toEqual({ value: '系部', type: String, fontWeight: 'bold' });
    expect(schema.data[1]![1]).toEqual({ value: 1020, type: Number });
    expect(schema.data[3]![1]).toBeNull();
  });
});

describe('sheet names', () => {
  it('drops the characters Excel forbids: [ ] : * ? / \\', () => {
    expect(sheetName('a[b]c:d*e?f/g\\h')).toBe('abcdefgh');
  });
  it('keeps at most 31 characters', () => {
    const long = '二〇二五至二〇二六学年第一学期各系部专职与兼职辅导员配备及师生比情况统计表';
    expect(long.length).toBeGreaterThan(31);
    expect(sheetName(long)).toBe(long.slice(0, 31));
  });
  it('never splits a character outside the BMP, and is never empty', () => {
    expect(sheetName('𠀾'.repeat(20))).toBe('𠀾'.repeat(15));
    expect(sheetName(' []:*? ')).toBe('Sheet1');
    expect(sheetName("'引号'")).toBe('引号');
  });
});

describe('file names', () => {
  it('replaces what Windows forbids and trims', () => {
    expect(safeFilename('  师生比 1:200 <2025/2026> "最新" | a*b?c\\d  ')).toBe('师生比 1_200 _2025_2026_ _最新_ _ a_b_c_d');
    expect(safeFilename('报表...')).toBe('报表');
    expect(safeFilename('CON')).toBe('_CON');
    expect(safeFilename(' / ')).toBe('_');
    expect(safeFilename('')).toBe('下载');
  });
});

describe('download buttons', () => {
  function page(title: string) {
    const dom = new JSDOM(`<!doctype html><body><section id="p">${downloadButtonsHtml('staffing-table', ['csv', 'xlsx', 'svg', 'png'], title)}</section></body>`);
    return { dom, buttons: [...dom.window.document.querySelectorAll('button')] };
  }

  it('are real buttons with Chinese labels that say what is downloaded', () => {
    const { buttons } = page('各系部辅导员配比');
    expect(buttons.map((b) => b.textContent)).toEqual(['下载 CSV', '下载 Excel', '下载 SVG', '下载 PNG']);
    for (const b of buttons) {
      expect(b.type).toBe('button');
      expect(b.classList.contains('download-button')).toBe(true);
      expect(b.dataset.target).toBe('staffing-table');
      expect(b.getAttribute('aria-label')).toContain('各系部辅导员配比');
      expect(b.getAttribute('aria-label')!.startsWith(b.textContent!)).toBe(true);
    }
    expect(buttons.map((b) => b.dataset.download)).toEqual(['csv', 'xlsx', 'svg', 'png']);
  });

  it('escape the title', () => {
    const { buttons } = page('"><img src=x onerror=alert(1)>');
    expect(buttons).toHaveLength(4);
    expect(buttons[0]!.getAttribute('aria-label')).toContain('"><img src=x onerror=alert(1)>');
  });

  it('turn a click into a CSV named after the table, and report a missing table in Chinese', async () => {
    const { dom, buttons } = page('各系部辅导员配比');
    const saved: { blob: Blob; name: string }[] = [];
    const errors: string[] = [];
    const tables: Record<string, DownloadTable> = { 'staffing-table': { ...TABLE, title: '辅导员配比 2025/2026' } };
    const unwire = wireDownloads(dom.window.document, (id) => tables[id], () => undefined, {
      save: (blob, name) => saved.push({ blob, name }),
      onError: (message) => errors.push(message),
    });
    vi.spyOn(console, 'error').mockImplementation(() => {});

    buttons[0]!.click();
    await vi.waitFor(() => expect(saved).toHaveLength(1));
    expect(saved[0]!.name).toBe('辅导员配比 2025_2026.csv');
    // Blob.text() would drop the BOM: compare the bytes that land on disk.
    expect(new Uint8Array(await saved[0]!.blob.arrayBuffer())).toEqual(await csvBytes(tables['staffing-table']!));
    expect(saved[0]!.blob.type).toBe('text/csv;charset=utf-8');

    buttons[1]!.click();
    await vi.waitFor(() => expect(saved).toHaveLength(2));
    expect(saved[1]!.name).toBe('辅导员配比 2025_2026.xlsx');
    expect((await readSheet(Buffer.from(await saved[1]!.blob.arrayBuffer())))[0]![0]).toBe('系部');

    buttons[3]!.click(); // no chart registered
    await vi.waitFor(() => expect(errors).toHaveLength(1));
    expect(errors[0]).toBe('下载失败：没有找到图表“staffing-table”');

    unwire();
    buttons[0]!.click();
    await new Promise((r) => setTimeout(r, 50));
    expect(saved).toHaveLength(2);
  });
});
