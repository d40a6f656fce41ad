/**
 * The 优秀名额 page against the demo exports, in real Chromium: per department and role, those
 * assessed, 优秀 allowed (⌊n × 20 %⌋) and used, and exactly the units over quota, equal to what
 * the metrics oracle reads straight from the input files; the institution's cards add the units
 * up. In the prerendered first view and after changing semester, department and role through
 * DuckDB-WASM; the URL keeps the filters; downloads hold the rows on screen.
 */
import type { Page } from 'playwright-core';
import { readSheet } from 'read-excel-file/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeMetricsTruth, INSTITUTION, type MetricsTruth, type QuotaCell, type Role } from '../support/oracle-metrics.ts';
import { download, num, parseCsvDownload, readTable, setFilters, startHarness, waitForEngine, type Harness, reopenShared } from '../support/site.ts';
import { ROLE_TEXT, semesterText } from '../support/format.ts';

let h: Harness;
let truth: MetricsTruth;
let semesters: string[];

beforeAll(async () => {
  truth = await computeMetricsTruth('data/exports');
  semesters = [...truth.workload.keys()].sort();
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

const ROLE: Record<Role, string> = ROLE_TEXT;
const TERM = semesterText;
const count = (text: string | null | undefined) => Number(String(text).replace(/[,\s人个]/g, ''));

interface Filters {
  semester: string;
  department: string | null;
  role: Role | null;
}
const fromForm = (f: Record<string, string>, base: Filters): Filters => ({
  semester: f.semester ?? base.semester,
  department: f.department === undefined ? base.department : f.department || null,
  role: f.role === undefined ? base.role : ((f.role || null) as Role | null),
});

/** The units (department × role) in the filters, from the oracle. */
function units(f: Filters): Array<{ department: string; role: Role; q: QuotaCell }> {
  return [...(truth.quota.get(f.semester) ?? new Map<string, Map<Role, QuotaCell>>())].flatMap(([d, roles]) =>
    d === INSTITUTION || (f.department && d !== f.department) ? [] : [...roles].filter(([r]) => !f.role || r === f.role).map(([role, q]) => ({ department: d, role, q })),
  );
}

const status = (q: QuotaCell) => (q.over ? `超额 ${q.used - q.allowed} 人` : '未超额');

async function checkTotal(page: Page, f: Filters) {
  const list = units(f);
  expect(await page.textContent('#total-title')).toBe(`${f.department ?? '全院'}优秀名额使用情况 · ${TERM(f.semester)}`);
  if (!list.length) {
    expect(await page.textContent('#panel-total .empty')).toBe('无数据：所选学期和范围内没有考核数据。');
    expect(await page.$('#panel-total [data-figure]')).toBeNull();
    return;
  }
  const sum = (k: 'n' | 'allowed' | 'used') => list.reduce((a, u) => a + u.q[k], 0);
  const over = list.filter((u) => u.q.over).length;
  const figure = (key: string) => page.textContent(`#panel-total [data-figure="${key}"] dd`);
  expect(
    { assessed: count(await figure('assessed')), allowed: count(await figure('allowed')), used: count(await figure('used')), over: count(await figure('units_over')) },
    `cards ${JSON.stringify(f)}`,
  ).toEqual({ assessed: sum('n'), allowed: sum('allowed'), used: sum('used'), over });
  expect(await page.textContent('#panel-total [data-figure="units_over"] .card__status .flag')).toBe(over > 0 ? '未达标' : '达标');
  // Units over quota while the totals are within it: the card says the quota is per unit.
  const note = await page.$('#panel-total [data-figure="units_over"] .card__note');
  expect(note !== null, `note ${JSON.stringify(f)}`).toBe(over > 0 && sum('used') <= sum('allowed'));
  // For the whole institution, the cards are the oracle's 全院 figures (the units' allowed counts added up, not ⌊Σn × 20 %⌋).
  if (!f.department && !f.role) {
    const inst = [...(truth.quota.get(f.semester)?.get(INSTITUTION)?.values() ?? [])];
    expect(sum('allowed')).toBe(inst.reduce((a, q) => a + q.allowed, 0));
    expect(over).toBe(inst.reduce((a, q) => a + q.unitsOver, 0));
  }
}

async function checkUnits(page: Page, f: Filters) {
  const list = units(f);
  const table = await readTable(page, 'units-table');
  expect(
    Object.fromEntries(Object.entries(table).map(([k, r]) => [k, { ...r, assessed: String(num(r.assessed)), allowed: String(num(r.allowed)), used: String(num(r.used)) }])),
    `units ${JSON.stringify(f)}`,
  ).toEqual(
    Object.fromEntries(
      list.map(({ department, role, q }) => [
        `${department}|${role}`,
        { department, role: ROLE[role], assessed: String(q.n), allowed: String(q.allowed), used: String(q.used), status: status(q) },
      ]),
    ),
  );
  // Exactly the units over quota are marked.
  const flagged = await page.$$eval('#units-table tbody tr.row--bad', (rows) => rows.map((r) => r.getAttribute('data-key')));
  expect(flagged.sort()).toEqual(list.filter((u) => u.q.over).map((u) => `${u.department}|${u.role}`).sort());
  expect(await page.textContent('#units-title')).toBe(`${f.department ? `${f.department}各角色` : '各系部、各角色'}优秀名额 · ${TERM(f.semester)}`);
  if (!list.length) {
    expect(await page.$('#units-chart')).toBeNull();
    expect(await page.textContent('#units-table tbody')).toContain('所选学期和范围内没有考核数据');
    return;
  }
  // The chart: one bar per unit, each with "优秀 u / 名额 a" and the excess in words.
  const chart = await page.$$eval('#units-chart svg[aria-label="各系部各角色评为优秀的人数与名额"]', ([svg]) => {
    const labels = [...svg!.querySelectorAll('g[aria-label="y-axis tick label"] text')].map((t) => t.textContent ?? '');
    const texts = [...svg!.querySelectorAll('g[aria-label="bar"] ~ g[aria-label="text"] text')].map((t) => t.textContent ?? '');
    return { bars: svg!.querySelectorAll('g[aria-label="bar"] rect').length, pairs: labels.map((l, i) => `${l} ${texts[i]}`) };
  });
  expect(chart.bars).toBe(list.length);
  expect(chart.pairs.sort()).toEqual(
    list.map(({ department, role, q }) => `${department}·${ROLE[role]} 优秀 ${q.used} / 名额 ${q.allowed}${q.over ? `  超 ${q.used - q.allowed} 人` : ''}`).sort(),
  );
}

async function checkAll(page: Page, f: Filters) {
  await checkTotal(page, f);
  await checkUnits(page, f);
}

describe('优秀名额 page', () => {
  it('shows the latest semester in the HTML itself, equal to the oracle, with JavaScript off', async () => {
    const latest = semesters.at(-1)!;
    const page = await h.open('quota.html', { javaScriptEnabled: false });
    expect(await page.inputValue('#filter-semester')).toBe(latest);
    await checkAll(page, { semester: latest, department: null, role: null });
    await page.context().close();
  });

  it('flags exactly the two counselor units over quota in 2026-2027-1', async () => {
    const page = await h.open('quota.html', { javaScriptEnabled: false });
    const flagged = await page.$$eval('#units-table tbody tr.row--bad', (rows) => rows.map((r) => r.getAttribute('data-key')));
    expect(flagged.sort()).toEqual(['旅游与酒店管理系|counselor', '经济管理系|counselor']);
    const table = await readTable(page, 'units-table');
    for (const key of flagged) expect(table[key!]!.status).toBe(`超额 ${num(table[key!]!.used) - num(table[key!]!.allowed)} 人`);
    expect(count(await page.textContent('#panel-total [data-figure="units_over"] dd'))).toBe(2);
    // allowed = ⌊n × 20 %⌋ in every row, read off the page.
    for (const [key, r] of Object.entries(table)) expect(num(r.allowed), key).toBe(Math.floor(num(r.assessed) / 5));
    await page.context().close();
  });

  it('changes semester, department and role through DuckDB-WASM: cards, table and chart follow, and the URL keeps the view', async () => {
    const page = await h.open('quota.html');
    await waitForEngine(page);
    let f: Filters = { semester: semesters.at(-1)!, department: null, role: null };
    const combos: Array<Record<string, string>> = [
      { semester: '2025-2026-2' },
      // Assessments exist only in 2025-2026-2 and 2026-2027-1.
      { semester: semesters[0]! },
      { semester: '2026-2027-1', department: '旅游与酒店管理系' },
      { department: '', role: 'assistant' },
      { role: 'counselor' },
      { semester: '2025-2026-2', department: '经济管理系', role: 'counselor' },
    ];
    for (const combo of combos) {
      await setFilters(page, combo);
      f = fromForm(combo, f);
      await checkAll(page, f);
      const url = new URL(page.url()).searchParams;
      expect([url.get('semester'), url.get('department'), url.get('role')]).toEqual([f.semester, f.department, f.role]);
    }
    // The last view: 经济管理系's counselors, over quota in 2025-2026-2 as well.
    expect(await page.$$eval('#units-table tbody tr.row--bad', (r) => r.length)).toBe(1);

    const again = await reopenShared(h, page, 'quota.html', f);
    await checkAll(again, f);
    await again.context().close();
  });

  it('downloads exactly the filtered rows: CSV with BOM and Chinese headers, a valid Excel file, SVG and PNG charts', async () => {
    const page = await h.open('quota.html');
    await waitForEngine(page);
    const f: Filters = { semester: '2026-2027-1', department: null, role: 'counselor' };
    await setFilters(page, { role: 'counselor' });
    await checkUnits(page, f);
    const screen = await readTable(page, 'units-table');

    const csv = await download(page, 'units', 'csv');
    expect(csv.bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(csv.name).toBe(`优秀名额_${f.semester}_全院_辅导员.csv`);
    const { header, rows } = parseCsvDownload(csv.bytes);
    expect(header).toEqual(['学期', '系部', '角色', '参评人数', '优秀名额', '评为优秀', '是否超额']);
    expect(rows).toHaveLength(Object.keys(screen).length);
    expect(rows.map((r) => r.join('|')).sort()).toEqual(
      units(f).map(({ department, role, q }) => [TERM(f.semester), department, ROLE[role], q.n, q.allowed, q.used, status(q)].join('|')).sort(),
    );
    expect(rows.filter((r) => r[6]!.startsWith('超额')).map((r) => r[1]).sort()).toEqual(['旅游与酒店管理系', '经济管理系']);

    const xlsx = await download(page, 'units', 'xlsx');
    expect(xlsx.bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    const sheet = await readSheet(xlsx.bytes);
    expect(sheet[0]).toEqual(header);
    expect(sheet.slice(1).map((r) => r.join('|')).sort()).toEqual(rows.map((r) => r.join('|')).sort());

    const svg = (await download(page, 'units', 'svg')).bytes.toString('utf8');
    expect(svg.startsWith('<?xml') || svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('超 1 人');
    const png = (await download(page, 'units', 'png')).bytes;
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    await page.context().close();
  });

  it('made no request to any other host, asked the server for nothing missing, and logged no error', () => {
    expect(h.external).toEqual([]);
    expect(h.server.failures).toEqual([]);
    expect(h.consoleErrors).toEqual([]);
  });
});
