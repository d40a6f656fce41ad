/**
 * What the site does with awkward department names and long lists: every department gets its own
 * page file (readable, distinct, safe on any server); lookups by name never hit an object's
 * built-ins; charts keep a positive plot area and fitted labels whatever the name's length; long
 * tables fold; downloads say which view they come from.
 */
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { fitText, labelColumn, textWidth } from '../../src/charts/layout.ts';
import { hbars } from '../../src/charts/hbars.ts';
import { staffingBars } from '../../src/charts/staffing-bars.ts';
import { statusGrid } from '../../src/charts/status-grid.ts';
import { departmentPage, type DashboardContext } from '../../src/dashboard/context.ts';
import { namesDepartment, rowsForDepartment } from '../../src/dashboard/common.ts';
import { downloadScope } from '../../src/dashboard/download-scope.ts';
import { MEASURES, needingAttention } from '../../src/dashboard/measures.ts';
import { overviewPage } from '../../src/dashboard/pages/overview.ts';
import { workloadPage } from '../../src/dashboard/pages/workload.ts';
import { departmentFiles, hrefOf } from '../../src/site/department-files.ts';
import { downloadRows, tableHtml, type TableView } from '../../src/views/table.ts';
import { staffingUnit as unit } from '../support/figures.ts';

const { document } = new JSDOM('<!doctype html><html><body></body></html>').window;
const LONG = '新疆维吾尔自治区阿克苏地区某某职业技术学院继续教育与社会培训学院（国际交流合作处）'; // 41 characters

describe('department page files', () => {
  it('gives departments whose 8-hex hashes collided (第132789系, 第729192系) two pages', () => {
    const files = departmentFiles(['第132789系', '第729192系']);
    expect(files.get('第132789系')).toBe('departments/第132789系.html');
    expect(files.get('第729192系')).toBe('departments/第729192系.html');
  });

  it('keeps names readable, and distinct even when they differ only by characters a file name cannot hold, or by letter case', () => {
    const names = ['机电工程系', 'A/B系', 'A_B系', 'A:B系', 'Ab系', 'aB系', '.隐藏系', 'CON', '', '  '];
    const files = departmentFiles(names);
    const paths = [...files.values()];
    expect(new Set(paths.map((p) => p.toLowerCase())).size).toBe(new Set(names).size);
    for (const p of paths) {
      expect(p).toMatch(/^departments\/[^/\\:*?"<>|#%&\s]+\.html$/);
      expect(p).not.toMatch(/^departments\/\./);
      expect(p.toLowerCase()).not.toBe('departments/con.html');
    }
    expect(files.get('机电工程系')).toBe('departments/机电工程系.html');
    // The same names always give the same files, whatever their order.
    expect([...departmentFiles([...names].reverse())].sort()).toEqual([...files].sort());
  });

  it('shortens a very long name and still keeps pages apart', () => {
    const files = departmentFiles([LONG, `${LONG}（一）`, `${LONG}（二）`]);
    expect(new Set(files.values()).size).toBe(3);
    for (const p of files.values()) expect([...p].length).toBeLessThanOrEqual('departments/'.length + 60 + 3 + '.html'.length);
  });

  it('finds the page of a department called __proto__ or constructor, and of no department that is not there', () => {
    const departments = ['__proto__', 'constructor', 'toString', '机电工程系'];
    const ctx = { departmentPages: [...departmentFiles(departments)] } as unknown as DashboardContext;
    expect(departmentPage(ctx, '__proto__')).toBe('departments/__proto__.html');
    expect(departmentPage(ctx, 'constructor')).toBe('departments/constructor.html');
    expect(departmentPage(ctx, '机电工程系')).toBe(hrefOf('departments/机电工程系.html'));
    expect(departmentPage(ctx, 'hasOwnProperty')).toBeNull();
    expect(hrefOf('departments/机电工程系.html')).toBe('departments/%E6%9C%BA%E7%94%B5%E5%B7%A5%E7%A8%8B%E7%B3%BB.html');
  });

  it('reads a file’s rows per department through a Map: "constructor" is not in every file', () => {
    const file = JSON.parse('{"departments": {"__proto__": 5, "机电工程系": 3}}') as Parameters<typeof rowsForDepartment>[0];
    expect(rowsForDepartment(file, '__proto__')).toBe(5);
    expect(rowsForDepartment(file, 'constructor')).toBe(0);
    expect(namesDepartment(file, 'constructor')).toBe(false);
    expect(namesDepartment(file, 'toString')).toBe(false);
    expect(namesDepartment(file, '机电工程系')).toBe(true);
  });
});

/** The chart's own <svg> (a figure with a legend also holds the legend's swatches). */
const chartSvg = (el: Element) => (el.localName === 'svg' ? el : [...el.querySelectorAll('svg')].find((s) => s.querySelector('g[aria-label]'))!);

function barGeometry(svg: Element) {
  return [...svg.querySelectorAll('g[aria-label="bar"] rect')].map((r) => ({ x: Number(r.getAttribute('x')), width: Number(r.getAttribute('width')) }));
}

describe('charts with a 41-character department name', () => {
  it('the report’s staffing chart (640 px) keeps every bar at a positive width inside the chart, the name cut with the full name as its tooltip', () => {
    expect([...LONG]).toHaveLength(41);
    const el = staffingBars([unit(LONG, 1800, 6), unit('机电工程系', 900, 5), unit('信息工程系', 1200, 5)], { mode: 'full_time', target: 200, document: document as unknown as Document, width: 640 });
    const svg = chartSvg(el);
    const bars = barGeometry(svg);
    expect(bars).toHaveLength(3);
    for (const b of bars) {
      expect(b.width).toBeGreaterThan(0);
      expect(b.x + b.width).toBeLessThanOrEqual(640);
    }
    // The plot keeps most of the width: the bars' scale spans at least half the chart.
    const left = Math.min(...bars.map((b) => b.x));
    expect(left).toBeLessThan(640 * 0.4);
    const labels = [...svg.querySelectorAll('g[aria-label="y-axis tick label"] text')];
    const long = labels.find((t) => t.querySelector('title')?.textContent === LONG)!;
    expect(long).toBeDefined();
    expect(long.firstChild!.textContent!.endsWith('…')).toBe(true);
    expect(textWidth(long.firstChild!.textContent!, 13)).toBeLessThanOrEqual(left);
    // Short names are written whole, with no tooltip.
    expect(labels.find((t) => t.textContent === '机电工程系')).toBeDefined();
  });

  it('the overview grid and a phone-width bar chart fit the name too', () => {
    const cells = MEASURES.map((m) => ({ row: LONG, column: m.short, text: '1:300.0', status: '未达标' as const }));
    for (const width of [960, 360]) {
      const el = statusGrid(cells, { document: document as unknown as Document, rows: ['全院', LONG], columns: MEASURES.map((m) => m.short), ariaLabel: 'x', width });
      const svg = chartSvg(el);
      for (const r of svg.querySelectorAll('g[aria-label="cell"] rect')) expect(Number(r.getAttribute('width'))).toBeGreaterThan(20);
      const bars = hbars([{ label: LONG, value: 0.5, ok: false, text: '50.0%  未达标' }], { document: document as unknown as Document, ariaLabel: 'x', xLabel: 'x', percent: true, width });
      for (const b of barGeometry(chartSvg(bars))) expect(b.width).toBeGreaterThan(0);
    }
  });

  it('fits labels by their drawn width (a CJK character is square)', () => {
    expect(textWidth('机电', 10)).toBe(20);
    expect(fitText('机电工程系', 100, 13)).toBe('机电工程系');
    expect(fitText(LONG, 100, 13)).toMatch(/…$/);
    expect(textWidth(fitText(LONG, 100, 13), 13)).toBeLessThanOrEqual(100);
    const column = labelColumn([LONG], 640, 13);
    expect(column.margin).toBeLessThanOrEqual(640 * 0.32);
  });

  it('counts of people get whole-number ticks only', () => {
    const el = hbars([{ label: '甲系', value: 3, ok: true, text: '优秀 3 / 名额 4' }], { document: document as unknown as Document, ariaLabel: 'x', xLabel: 'x', integer: true });
    const ticks = [...el.querySelectorAll('g[aria-label="x-axis tick label"] text')].map((t) => t.textContent);
    expect(ticks.length).toBeGreaterThan(1);
    for (const t of ticks) expect(t).toMatch(/^\d+$/);
  });
});

describe('tables', () => {
  const view = (n: number): TableView<{ k: number; code: string }> => ({
    title: '名单',
    rows: Array.from({ length: n }, (_, k) => ({ k, code: 'X_CODE' })),
    rowKey: (r) => String(r.k),
    columns: [
      { key: 'k', label: '序号', format: 'int' },
      { key: 'code', label: '代码', downloadOnly: true },
    ],
  });

  it('fold a long list after its first rows (on a phone after three), with a switch that works without JavaScript; a short one stays whole', () => {
    const dom = new JSDOM(`<body>${tableHtml(view(40), 't')}</body>`).window.document;
    expect(dom.querySelectorAll('#t tbody tr')).toHaveLength(40);
    expect(dom.querySelectorAll('#t tbody tr.row--folded')).toHaveLength(30);
    expect(dom.querySelectorAll('#t tbody tr.row--folded-phone')).toHaveLength(7);
    expect(dom.querySelector('input.fold-toggle[type=checkbox]')).not.toBeNull();
    expect(dom.querySelector('label.fold-label')!.textContent).toContain('展开全部 40 行');
    expect(dom.querySelector('.fold--phone')).toBeNull();
    // Fifteen rows show whole on a wide screen; a phone shows three, its switch drawn for the phone only.
    const medium = new JSDOM(`<body>${tableHtml(view(15), 't')}</body>`).window.document;
    expect(medium.querySelectorAll('tr.row--folded')).toHaveLength(0);
    expect(medium.querySelectorAll('tr.row--folded-phone')).toHaveLength(12);
    expect(medium.querySelector('.fold--phone .fold-label')!.textContent).toContain('展开全部 15 行');
    // A report's table folds on a phone only, however long.
    const report = new JSDOM(`<body>${tableHtml({ ...view(40), fold: 'phone' }, 't')}</body>`).window.document;
    expect(report.querySelectorAll('tr.row--folded')).toHaveLength(0);
    expect(report.querySelectorAll('tr.row--folded-phone')).toHaveLength(37);
    const short = new JSDOM(`<body>${tableHtml(view(4), 't')}</body>`).window.document;
    expect(short.querySelectorAll('tr.row--folded, tr.row--folded-phone')).toHaveLength(0);
    expect(short.querySelector('.fold-label')).toBeNull();
  });

  it('keep a download-only column (a problem code) out of the page and in the file; label every data cell for a phone, not the row header', () => {
    const dom = new JSDOM(`<body>${tableHtml(view(2), 't')}</body>`).window.document;
    expect(dom.body.textContent).not.toContain('X_CODE');
    expect(dom.querySelector('tbody tr > :first-child')!.getAttribute('data-label')).toBeNull();
    const labelled = new JSDOM(`<body>${tableHtml({ ...view(2), columns: [{ key: 'n', label: '姓名', rowHeader: true }, ...view(2).columns] } as TableView<{ k: number; code: string }>, 't')}</body>`).window.document;
    expect(labelled.querySelector('tbody tr > td')!.getAttribute('data-label')).toBe('序号');
    expect(labelled.querySelector('tbody tr > th')!.getAttribute('data-label')).toBeNull();
    expect(dom.querySelector('tbody tr > :first-child')!.classList.contains('cell--num')).toBe(true);
    // A page's cells take their column from the header; a report's name it, for its sentences' links.
    expect(dom.querySelector('thead th')!.getAttribute('data-col')).toBe('k');
    expect(dom.querySelector('tbody [data-col]')).toBeNull();
    const report = new JSDOM(`<body>${tableHtml({ ...view(2), sortable: false, cellKeys: true }, 't')}</body>`).window.document;
    expect(report.querySelector('tbody tr > :first-child')!.getAttribute('data-col')).toBe('k');
    const file = downloadRows(view(2));
    expect(file.columns.map((c) => c.label)).toEqual(['序号', '代码']);
    expect(file.rows[0]).toEqual({ k: 0, code: 'X_CODE' });
  });
});

describe('downloads carry their view', () => {
  it('names the semester, department and role, and adds them as columns the table lacks', () => {
    const state = { semester: '2025-2026-2', department: '机电工程系', role: 'counselor' };
    const scope = downloadScope(workloadPage, state);
    expect(scope.suffix).toBe('2025-2026-2_机电工程系_辅导员');
    const file = downloadRows({ title: '各项工作要求', rows: [{ norm: '谈心', met: 3 }], columns: [{ key: 'norm', label: '工作要求' }, { key: 'met', label: '达到', format: 'int' }] }, scope.columns);
    expect(file.columns.map((c) => c.label)).toEqual(['学期', '系部', '角色', '工作要求', '达到']);
    expect(file.rows[0]).toEqual({ semester: '2025-2026学年第二学期', department: '机电工程系', role: '辅导员', norm: '谈心', met: 3 });
    // A table with its own department column keeps it: no second 系部 column.
    const own = downloadRows({ title: 't', rows: [{ department: '甲系' }], columns: [{ key: 'department', label: '系部' }] }, scope.columns);
    expect(own.columns.map((c) => c.label)).toEqual(['学期', '角色', '系部']);
    // Unfiltered: the whole institution, all roles.
    expect(downloadScope(workloadPage, { semester: '2025-2026-2', department: null, role: null }).suffix).toBe('2025-2026-2_全院_全部角色');
    expect(downloadScope(overviewPage, { semester: '2025-2026-2', department: null, role: null }).suffix).toBe('2025-2026-2');
  });
});

describe('需要关注', () => {
  it('lists only what misses its requirement, the furthest from it first', () => {
    const ctx = { rules: { max_students_per_counselor: 200, workload_target_share: 0.9, training: { school_hours_per_year: 16 }, kinds: {} } } as unknown as DashboardContext;
    const r = (value: number | null, ok: boolean | null, text: string) => ({ value, ok, text, detail: '' });
    const readings = new Map([
      ['甲系', new Map([['ratio', r(260, false, '1:260.0')], ['workload', r(0.95, true, '95.0%')]])],
      ['乙系', new Map([['ratio', r(210, false, '1:210.0')], ['workload', r(0.6, false, '60.0%')], ['quota', r(null, null, '无数据')]])],
    ]);
    const items = needingAttention(readings, ctx);
    expect(items.map((x) => `${x.department}|${x.m.id}`)).toEqual(['乙系|workload', '甲系|ratio', '乙系|ratio']);
  });
});
