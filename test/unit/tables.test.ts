/**
 * Tables a reader can work with (src/views/table.ts, table-order.ts): sorting by the values behind
 * the cells (numbers as numbers, Chinese by pinyin, empty cells last, ties kept, the institution's
 * row on top), searching the text cells, the order in the URL, the markup a screen reader and a
 * keyboard need; and, on the demo data, every number column of every page sorting by the number
 * each cell shows.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JSDOM } from 'jsdom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildContext, type DashboardContext } from '../../src/dashboard/context.ts';
import { PAGE_LIST } from '../../src/dashboard/registry.ts';
import { queryPanel } from '../../src/dashboard/run.ts';
import { runIngest } from '../../src/ingest/run.ts';
import { NodeRunner } from '../../src/io/duckdb-node.ts';
import { AttachedTables } from '../../src/metrics/table-files.ts';
import { loadManifest, writeSiteDatabase } from '../../src/site/build-data.ts';
import { initialState } from '../../src/views/controls.ts';
import { arrange, nextSort, numberIn, parseSortParam, sortParam, type OrderColumn } from '../../src/views/table-order.ts';
import { arrangedView, cellText, downloadRows, screenColumns, shownRows, sortKeyOf, tableHtml, tableStatusText, type TableView } from '../../src/views/table.ts';

type Row = { department: string; name: string | null; students: number | null; share: number | null; ratio: number | null };

const ROWS: Row[] = [
  { department: '机电工程系', name: '张伟', students: 980, share: 0.932, ratio: 196 },
  { department: '全院', name: null, students: 5020, share: 0.9, ratio: 185.9 },
  { department: '信息工程系', name: '艾丽', students: 1020, share: null, ratio: 235.6 },
  { department: '汽车工程系', name: '陈晨', students: null, share: 0.05, ratio: null },
  { department: '化学与生物工程学院', name: '王芳', students: 1020, share: 1, ratio: 1000.5 },
];

const view = (rows: Row[] = ROWS): TableView<Row> => ({
  title: '测试表',
  rows,
  rowKey: (r) => r.department,
  columns: [
    { key: 'department', label: '系部', rowHeader: true },
    { key: 'name', label: '姓名' },
    { key: 'students', label: '在校生', format: 'int' },
    { key: 'share', label: '达标率', format: 'percent' },
    { key: 'ratio', label: '师生比', format: 'ratio', target: 200 },
    // A number shown through `display`, with a unit and no value of its own under its key.
    { key: 'shown', label: '人数', numeric: true, display: (r) => (r.students == null ? '—' : `${r.students} 人`) },
  ],
});
const departments = (rows: Row[]) => rows.map((r) => r.department);

describe('sorting', () => {
  it('sorts numbers as numbers (1,020 after 980; 1:1,000.5 after 1:235.6), whatever the text shows', () => {
    const v = view();
    expect(shownRows(v, { sort: { key: 'students', dir: 'asc' } }).map((r) => cellText(r, v.columns[2]!))).toEqual(['5,020', '980', '1,020', '1,020', '—']);
    expect(departments(shownRows(v, { sort: { key: 'ratio', dir: 'desc' } }))).toEqual(['全院', '化学与生物工程学院', '信息工程系', '机电工程系', '汽车工程系']);
    expect(departments(shownRows(v, { sort: { key: 'shown', dir: 'desc' } }))).toEqual(['全院', '信息工程系', '化学与生物工程学院', '机电工程系', '汽车工程系']);
    // A share sorts by its value (0.05 is 5.0 %, below 90 %), not by "5.0%" against "90.0%" as text.
    expect(departments(shownRows(v, { sort: { key: 'share', dir: 'asc' } }))).toEqual(['全院', '汽车工程系', '机电工程系', '化学与生物工程学院', '信息工程系']);
  });

  it('sorts Chinese text in pinyin order (化 hua, 机 ji, 汽 qi, 信 xin), not by code point', () => {
    const v = view();
    const asc = departments(shownRows(v, { sort: { key: 'department', dir: 'asc' } }));
    expect(asc).toEqual(['全院', '化学与生物工程学院', '机电工程系', '汽车工程系', '信息工程系']);
    expect([...asc.slice(1)].sort()).not.toEqual(asc.slice(1)); // code-point order would differ
    expect(departments(shownRows(v, { sort: { key: 'name', dir: 'asc' } })).slice(1)).toEqual(['信息工程系', '汽车工程系', '化学与生物工程学院', '机电工程系']); // 艾 陈 王 张
  });

  it('keeps empty cells last in both directions, rows that tie in their order, and the institution’s row on top', () => {
    const v = view();
    for (const dir of ['asc', 'desc'] as const) {
      const rows = shownRows(v, { sort: { key: 'students', dir } });
      expect(rows[0]!.department).toBe('全院');
      expect(rows.at(-1)!.department).toBe('汽车工程系');
    }
    // An empty text cell ("—") too, when no row is pinned.
    for (const dir of ['asc', 'desc'] as const) expect(shownRows({ ...v, pinned: () => false }, { sort: { key: 'name', dir } }).at(-1)!.department).toBe('全院');
    // 信息工程系 and 化学与生物工程学院 both have 1,020: given order kept either way.
    expect(departments(shownRows(v, { sort: { key: 'students', dir: 'desc' } })).slice(1, 3)).toEqual(['信息工程系', '化学与生物工程学院']);
    // No order chosen: the table's own.
    expect(shownRows(v)).toEqual(ROWS);
    // A pinned row of the table's own choosing.
    expect(departments(shownRows({ ...v, pinned: (r) => r.department === '汽车工程系' }, { sort: { key: 'students', dir: 'asc' } }))[0]).toBe('汽车工程系');
  });

  it('sorts grades from 优秀 down and semesters in time', () => {
    const columns: OrderColumn<{ g: string }>[] = [{ key: 'g', label: '等次', numeric: false, text: (r) => r.g, sortKey: (r) => r.g }];
    expect(arrange([{ g: 'b' }, { g: 'a' }], columns, { sort: { key: 'g', dir: 'asc' } }).map((r) => r.g)).toEqual(['a', 'b']);
    const grades = ['pass', 'excellent', 'fail', 'good'].map((grade) => ({ grade }));
    expect(grades.map((r) => sortKeyOf(r, { key: 'grade', label: '等次', format: 'grade' }))).toEqual([2, 0, 3, 1]);
    expect(sortKeyOf({ s: '2025-2026-2' }, { key: 's', label: '学期', format: 'semester' })).toBe('2025-2026-2');
  });

  it('reads the number a cell shows', () => {
    expect(['1:186.6', '93.2%', '1,020', '12.5 人', '第 3 名', '—', '无数据', '-4.5'].map(numberIn)).toEqual([186.6, 93.2, 1020, 12.5, 3, null, null, -4.5]);
  });

  it('cycles a header: ascending, descending, the table’s own order; kept in the URL as <column>.<direction>', () => {
    expect(nextSort(null, 'gap')).toEqual({ key: 'gap', dir: 'asc' });
    expect(nextSort({ key: 'gap', dir: 'asc' }, 'gap')).toEqual({ key: 'gap', dir: 'desc' });
    expect(nextSort({ key: 'gap', dir: 'desc' }, 'gap')).toBeNull();
    expect(nextSort({ key: 'gap', dir: 'desc' }, 'students')).toEqual({ key: 'students', dir: 'asc' });
    for (const sort of [{ key: '2025-2026-1', dir: 'desc' }, { key: 'a.b', dir: 'asc' }] as const) expect(parseSortParam(sortParam(sort))).toEqual(sort);
    for (const bad of [null, '', 'gap', 'gap.up', '.asc']) expect(parseSortParam(bad)).toBeNull();
  });
});

describe('searching', () => {
  it('keeps the rows where every word is in one of the text cells, not in the numbers', () => {
    const v = view();
    expect(departments(shownRows(v, { query: '工程' }))).toEqual(['机电工程系', '信息工程系', '汽车工程系', '化学与生物工程学院']);
    expect(departments(shownRows(v, { query: ' 工程  王 ' }))).toEqual(['化学与生物工程学院']);
    expect(shownRows(v, { query: '1,020' })).toEqual([]);
    expect(tableStatusText(v, { query: '工程' })).toBe('');
    const long = view(Array.from({ length: 40 }, (_, i) => ({ ...ROWS[i % 5]!, name: `人员${i}` })));
    expect(tableStatusText(long, {})).toBe('共 40 行');
    expect(tableStatusText(long, { query: '人员1', sort: { key: 'students', dir: 'desc' } })).toBe('显示 11 / 40 行；按“在校生”降序排列');
  });
});

const dom = (html: string) => new JSDOM(`<body>${html}</body>`).window.document;

describe('the markup', () => {
  it('makes every heading a button, marks the sorted one with aria-sort and a visible sign, and writes table roles out', () => {
    const d = dom(tableHtml(view(), 't', { sort: { key: 'students', dir: 'desc' } }));
    const heads = [...d.querySelectorAll('thead th')];
    // Each heading's button sorts by the heading's column.
    expect(heads.map((th) => th.querySelector('button.sort-button') && th.getAttribute('data-col'))).toEqual(['department', 'name', 'students', 'share', 'ratio', 'shown']);
    expect(heads.map((th) => th.getAttribute('aria-sort'))).toEqual([null, null, 'descending', null, null, null]);
    expect(d.querySelector('th[aria-sort] .sort-mark')!.textContent).toBe('▼');
    expect(d.querySelector('th[aria-sort] .sort-mark')!.getAttribute('aria-hidden')).toBe('true');
    expect(d.querySelector('table')!.getAttribute('role')).toBe('table');
    expect([...d.querySelectorAll('tbody tr')].every((tr) => tr.getAttribute('role') === 'row')).toBe(true);
    expect(d.querySelector('tbody th')!.getAttribute('role')).toBe('rowheader');
    expect(d.querySelector('tbody td')!.getAttribute('role')).toBe('cell');
    expect(d.querySelector('thead th')!.getAttribute('role')).toBe('columnheader');
    expect(d.querySelector('#t-status')!.getAttribute('role')).toBe('status');
    expect(d.querySelector('#t-status')!.getAttribute('aria-live')).toBe('polite');
    expect(d.querySelector('#t-status')!.textContent).toBe('按“在校生”降序排列');
    // The institution's row leads, set apart, whatever the order.
    expect([...d.querySelectorAll('tbody tr.row--pinned')].map((tr) => tr.getAttribute('data-key'))).toEqual(['全院']);
    expect(d.querySelector('tbody tr')!.getAttribute('data-key')).toBe('全院');
    // A short table has no search box.
    expect(d.querySelector('input.table-find')).toBeNull();
  });

  it('gives a long list a labelled search box (usable once the page’s script runs), and folds the rows found', () => {
    const rows = Array.from({ length: 40 }, (_, i) => ({ ...ROWS[i % 5]!, name: `人员${i}` }));
    const first = dom(tableHtml(view(rows), 't'));
    const box = first.querySelector<HTMLInputElement>('input.table-find')!;
    expect(box.disabled).toBe(true);
    expect(first.querySelector(`label[for="${box.id}"]`)!.textContent).toBe('在本表中查找');
    expect(box.placeholder).toBe('系部、姓名');
    expect(first.querySelectorAll('tbody tr')).toHaveLength(40); // the first view holds every row
    const live = dom(tableHtml(view(rows), 't', { live: true, query: '工程', open: true }));
    expect(live.querySelector<HTMLInputElement>('input.table-find')!.disabled).toBe(false);
    expect(live.querySelector<HTMLInputElement>('input.table-find')!.value).toBe('工程');
    expect(live.querySelectorAll('tbody tr')).toHaveLength(32);
    expect(live.querySelectorAll('tbody tr.row--folded')).toHaveLength(22);
    expect(live.querySelector('.fold-label')!.textContent).toContain('展开全部 32 行');
    expect(live.querySelector<HTMLInputElement>('.fold-toggle')!.checked).toBe(true);
    expect(live.querySelector('#t-status')!.textContent).toBe('显示 32 / 40 行');
    const none = dom(tableHtml(view(rows), 't', { live: true, query: '没有这个人' }));
    expect(none.querySelector('tbody tr.row--empty')!.textContent).toBe('没有与“没有这个人”相符的行。');
  });

  it('leaves a document’s table (the report’s) as it is: no buttons, no search, no status', () => {
    const d = dom(tableHtml({ ...view(Array.from({ length: 20 }, () => ROWS[0]!)), sortable: false, fold: false }, 't', { sort: { key: 'students', dir: 'asc' } }));
    expect(d.querySelector('button, input, [role=status], [aria-sort]')).toBeNull();
  });

  it('downloads the rows in the order and selection shown', () => {
    const v = view();
    const file = downloadRows(arrangedView(v, { sort: { key: 'students', dir: 'desc' }, query: '工程' }));
    expect(file.rows.map((r) => r.department)).toEqual(['信息工程系', '化学与生物工程学院', '机电工程系', '汽车工程系']);
    expect(file.rows.map((r) => r.students)).toEqual([1020, 1020, 980, null]);
  });
});

describe('every table of every page, on the demo data', () => {
  let scratch: string;
  let db: AttachedTables;
  let ctx: DashboardContext;
  beforeAll(async () => {
    scratch = mkdtempSync(join(tmpdir(), 'tables-'));
    const publicDir = join(scratch, 'public');
    await runIngest({ input: 'data/exports', out: join(publicDir, 'data') });
    const files = await writeSiteDatabase(publicDir);
    ctx = buildContext(loadManifest(join(publicDir, 'data')));
    const runner = await NodeRunner.inMemory();
    db = new AttachedTables(files, { query: (sql) => runner.query(sql), open: async (file) => join(publicDir, file) });
  }, 120_000);
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('sorts each number column by the number each cell shows', async () => {
    let checked = 0;
    for (const page of PAGE_LIST) {
      const state = initialState(page, ctx, page.id === 'department' ? { department: ctx.departments[0]! } : {});
      for (const panel of page.panels) {
        const table = panel.render(await queryPanel(panel, state, ctx, db), state, ctx).table;
        if (!table) continue;
        for (const column of screenColumns(table).filter((c) => c.numeric || ['int', 'decimal', 'decimal1', 'percent', 'ratio'].includes(c.format ?? ''))) {
          const at = `${page.id} / ${panel.id} / ${column.label}`;
          const sorted = shownRows(table, { sort: { key: column.key, dir: 'asc' } }).filter((r) => !table.pinned?.(r) && (r as { department?: string }).department !== '全院');
          // Every cell that shows a number sorts by one; the numbers shown come out in order.
          const shown = sorted.map((r) => numberIn(cellText(r, column)));
          const keys = sorted.map((r) => sortKeyOf(r, column));
          shown.forEach((n, i) => n != null && expect(typeof keys[i], `${at}: ${cellText(sorted[i], column)}`).toBe('number'));
          const numbers = shown.filter((n): n is number => n != null);
          expect(numbers, at).toEqual([...numbers].sort((a, b) => a - b));
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(60);
  });

  it('sorts the 报送 checklist by what needs doing: 未报送, 未能导入 or 部分有误, 已报送, then the kinds not expected', async () => {
    const page = PAGE_LIST.find((p) => p.id === 'quality')!;
    const panel = page.panels.find((p) => p.id === 'checklist')!;
    const state = initialState(page, ctx, {});
    const table = panel.render(await queryPanel(panel, state, ctx, db), state, ctx).table!;
    const rank = ['未报送', '未能导入|部分有误', '已报送', '—'];
    let seen = 0;
    for (const column of screenColumns(table).filter((c) => c.key !== 'department' && c.key !== 'returns' && c.key !== 'other')) {
      const statuses = shownRows(table, { sort: { key: column.key, dir: 'asc' } }).map((r) => rank.findIndex((w) => w.split('|').includes(cellText(r, column).split('\n')[0]!)));
      expect(statuses.every((i) => i >= 0), column.label).toBe(true);
      expect(statuses, column.label).toEqual([...statuses].sort((a, b) => a - b));
      if (new Set(statuses).size > 1) seen++;
    }
    expect(seen).toBeGreaterThan(0);
  });
});
