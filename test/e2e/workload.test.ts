/**
 * The 工作量 page against the demo exports, in real Chromium: every table (and what each chart
 * says) equals the shares computed independently from the input files by the metrics oracle, in
 * the prerendered first view and after changing semester, department and role through
 * DuckDB-WASM; the URL keeps the filters; downloads hold the rows on screen.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { readSheet } from 'read-excel-file/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeMetricsTruth, INSTITUTION, type MetricsTruth, type PersonShortfall, type Role } from '../support/oracle-metrics.ts';
import { download, num, parseCsvDownload, readTable, setFilters, startHarness, waitForEngine, type Harness, reopenShared } from '../support/site.ts';
import { sharePercent as pct, ROLE_TEXT, semesterText } from '../support/format.ts';

let h: Harness;
let truth: MetricsTruth;
let semesters: string[];
/** Columns of the heat map: teaching weeks 1…semester_weeks of the calendar settings. */
const WEEKS: number = JSON.parse(readFileSync('data/rules.json', 'utf8')).calendar.semester_weeks;

beforeAll(async () => {
  truth = await computeMetricsTruth('data/exports');
  semesters = [...truth.workload.keys()].sort();
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

// ───────────── how the page writes things (written here, not imported from the product) ─────────────

const ROLE: Record<Role, string> = ROLE_TEXT;
const TERM = semesterText;

/** The same share as a download writes it: a number of percent with one decimal. */
const pctNumber = (met: number, periods: number) => Math.floor((2000 * met + periods) / (2 * periods)) / 10;

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
const meets = (met: number, periods: number) => met * 1000 >= Math.round(truth.workloadTargetShare! * 1000) * periods;
const departmentsOf = <T>(m: Map<string, T> | undefined, f: Filters) =>
  [...(m ?? new Map<string, T>())].filter(([d]) => d !== INSTITUTION && (!f.department || d === f.department));
const roleFits = (r: Role, f: Filters) => !f.role || r === f.role;
const chartRole = (f: Filters): Role => f.role ?? 'counselor';

type Table = Record<string, Record<string, string>>;

// ───────────────────────────── expected tables ─────────────────────────────

function expectedNorms(f: Filters): Table {
  const unit = truth.workload.get(f.semester)?.get(f.department ?? INSTITUTION);
  const out: Table = {};
  for (const n of truth.norms) {
    if (!roleFits(n.role, f)) continue;
    const r = unit?.get(n.role)?.norms.get(n.field);
    if (!r || r.periods === 0) continue;
    out[`${n.role}|${n.field}|${n.per}`] = {
      role: ROLE[n.role], norm: n.label, unit: n.per === 'month' ? '人·月' : '人·周', met: String(r.met), periods: String(r.periods), share: pct(r.met, r.periods),
    };
  }
  return out;
}

function expectedDepartments(f: Filters): Table {
  const out: Table = {};
  for (const [d, roles] of departmentsOf(truth.workload.get(f.semester), f))
    for (const [r, u] of roles) {
      if (!roleFits(r, f) || u.allWeekly.periods === 0) continue;
      const { met, periods } = u.allWeekly;
      out[`${d}|${r}`] = { department: d, role: ROLE[r], met: String(met), periods: String(periods), share: pct(met, periods), status: meets(met, periods) ? '达标' : '未达标' };
    }
  return out;
}

function expectedHeatmap(f: Filters): { table: Table; cells: Array<{ department: string; week: number; met: number; periods: number }> } {
  const table: Table = {};
  const cells = [];
  for (const [d, roles] of departmentsOf(truth.heatmap.get(f.semester), f)) {
    const weeks = roles.get(chartRole(f));
    if (!weeks) continue;
    const row: Record<string, string> = { department: d };
    for (let w = 1; w <= WEEKS; w++) {
      const r = weeks.get(w);
      row[`w${w}`] = r ? pct(r.met, r.periods) : '—';
      if (r) cells.push({ department: d, week: w, ...r });
    }
    table[d] = row;
  }
  return { table, cells };
}

function people(f: Filters): PersonShortfall[] {
  return departmentsOf(truth.shortfalls.get(f.semester), f).flatMap(([, roles]) => [...roles].filter(([r]) => roleFits(r, f)).flatMap(([, list]) => list));
}
const personKey = (p: PersonShortfall) => `${p.department}|${p.role}|${p.staffId ?? p.name}`;

/** The assistants panel: one row per assistant / graduate assistant and weekly norm of the role. */
function expectedAssistants(f: Filters): Table {
  const out: Table = {};
  for (const p of people(f)) {
    if (p.role !== 'assistant' && p.role !== 'graduate_assistant') continue;
    const weekly = truth.norms.filter((n) => n.role === p.role && n.per === 'week');
    // With one weekly norm, the weeks missing "a weekly norm" are the weeks missing this one.
    expect(weekly).toHaveLength(1);
    const met = p.weeks - p.weeksMissing;
    out[`${personKey(p)}|${weekly[0]!.field}`] = {
      department: p.department, name: p.name, role: ROLE[p.role], norm: weekly[0]!.label, weeks: String(p.weeks), met: String(met), share: pct(met, p.weeks),
    };
  }
  return out;
}

// ───────────────────────────── reading the page ─────────────────────────────

/** The table without the columns the oracle does not compute, numbers without thousands separators. */
function comparable(table: Table, drop: string[] = []): Table {
  return Object.fromEntries(
    Object.entries(table).map(([k, row]) => [k, Object.fromEntries(Object.entries(row).filter(([c]) => !drop.includes(c)).map(([c, v]) => [c, /^[\d,]+$/.test(v) ? String(num(v)) : v]))]),
  );
}

/** An hbars chart as label → the text written beside its bar. */
async function barTexts(page: Page, panel: string): Promise<Array<[string, string]>> {
  return page.$$eval(`#${panel}-chart svg`, (svgs) => {
    const svg = svgs.find((s) => s.querySelector('g[aria-label="y-axis tick label"]') || s.querySelector('g[aria-label="bar"]'));
    if (!svg) return [];
    const labels = [...svg.querySelectorAll('g[aria-label="y-axis tick label"] text')].map((t) => t.textContent ?? '');
    const texts = [...(svg.querySelector('g[aria-label="text"]')?.querySelectorAll('text') ?? [])].map((t) => t.textContent ?? '');
    return labels.map((l, i) => [l, texts[i] ?? ''] as [string, string]);
  });
}
const barCount = (page: Page, panel: string) => page.$$eval(`#${panel}-chart svg g[aria-label="bar"] rect`, (r) => r.length);

async function checkNorms(page: Page, f: Filters) {
  const want = expectedNorms(f);
  expect(comparable(await readTable(page, 'norms-table')), `norms ${JSON.stringify(f)}`).toEqual(want);
  expect(await page.textContent('#norms-title')).toBe(`各项工作要求达标率 · ${f.department ?? '全院'} · ${TERM(f.semester)}`);
  const bars = truth.norms
    .filter((n) => want[`${n.role}|${n.field}|${n.per}`])
    .map((n) => {
      const r = want[`${n.role}|${n.field}|${n.per}`]!;
      return [`${ROLE[n.role]}·${n.label}`, `${r.share}（${r.met}/${r.periods}）`];
    });
  expect(await barTexts(page, 'norms')).toEqual(bars);
}

async function checkDepartments(page: Page, f: Filters) {
  const want = expectedDepartments(f);
  expect(comparable(await readTable(page, 'departments-table')), `departments ${JSON.stringify(f)}`).toEqual(want);
  // Rows below the target are marked on screen, in words and as a flagged row.
  const flagged = await page.$$eval('#departments-table tbody tr.row--bad', (rows) => rows.map((r) => r.getAttribute('data-key')));
  expect(flagged.sort()).toEqual(Object.keys(want).filter((k) => want[k]!.status === '未达标').sort());
  // The chart shows one role: the one selected, else counselors.
  const role = chartRole(f);
  const shown = Object.values(want).filter((r) => r.role === ROLE[role]);
  // Nothing to draw: no empty chart, the table says 无数据.
  if (!shown.length) {
    expect(await page.$('#departments-chart')).toBeNull();
    return;
  }
  expect(await page.getAttribute('#departments-chart svg[aria-label]', 'aria-label')).toBe(`各系部${ROLE[role]}达到全部周工作要求的人周次比例`);
  const bars = (await barTexts(page, 'departments')).sort(([a], [b]) => a.localeCompare(b));
  expect(bars).toEqual(shown.map((r) => [r.department, `${r.share}${r.status === '达标' ? '' : '  未达标'}`]).sort(([a], [b]) => a!.localeCompare(b!)));
  expect(await barCount(page, 'departments')).toBe(shown.length);
}

async function checkHeatmap(page: Page, f: Filters) {
  const { table, cells } = expectedHeatmap(f);
  expect(comparable(await readTable(page, 'heatmap-table')), `heatmap ${JSON.stringify(f)}`).toEqual(table);
  expect(await page.textContent('#heatmap-title')).toBe(`${f.department ?? '各系部'}逐周工作情况（${ROLE[chartRole(f)]}） · ${TERM(f.semester)}`);
  if (!cells.length) {
    expect(await page.$('#heatmap-chart')).toBeNull();
    return;
  }
  // One cell per department and week with records, each with its (truncated) percentage written in it.
  expect(await page.$$eval('#heatmap-chart svg g[aria-label="cell"] rect', (r) => r.length)).toBe(cells.length);
  const written = await page.$$eval('#heatmap-chart svg g[aria-label="cell"] ~ g[aria-label="text"] text', (t) => t.map((e) => e.textContent));
    // Whole percent rounded half up, never 100 below 1 nor 0 above 0 (computed exactly from the counts).
  const whole = (met: number, periods: number) => {
    const p = Math.floor((200 * met + periods) / (2 * periods));
    return String(met < periods && p === 100 ? 99 : met > 0 && p === 0 ? 1 : p);
  };
  expect(written.sort()).toEqual(cells.map((c) => whole(c.met, c.periods)).sort());
  // The text alternative names the lowest cell.
  const alt = (await page.textContent('#heatmap-alt')) ?? '';
  const m = /最低为(.+)第 (\d+) 周（(.+)）/.exec(alt);
  expect(m, alt).not.toBeNull();
  const lowest = Math.min(...cells.map((c) => c.met / c.periods));
  const cell = cells.find((c) => c.department === m![1] && c.week === Number(m![2]))!;
  expect(cell, alt).toBeDefined();
  expect(cell.met / cell.periods).toBe(lowest);
  expect(m![3]).toBe(pct(cell.met, cell.periods));
}

async function checkShortfalls(page: Page, f: Filters) {
  const all = people(f).filter((p) => p.weeksMissing > 0);
  const byKey = new Map(all.map((p) => [personKey(p), p]));
  const table = await readTable(page, 'shortfalls-table');
  const keys = Object.keys(table);
  expect(keys.length, `shortfalls ${JSON.stringify(f)}`).toBe(Math.min(15, all.length));
  for (const k of keys) {
    const p = byKey.get(k);
    expect(p, `${k} is not among the people missing a norm`).toBeDefined();
    const row = table[k]!;
    expect({ department: row.department, name: row.name, role: row.role, weeks: num(row.weeks), missed: num(row.weeks_missed) }, k).toEqual({
      department: p!.department, name: p!.name, role: ROLE[p!.role], weeks: p!.weeks, missed: p!.weeksMissing,
    });
    // No sum across different units (次, 人次, 小时) is shown.
    expect(row.shortfall, k).toBeUndefined();
  }
  // Ordered by weeks missed, then shortfall; and nobody left out ranks above the last one shown.
  const rank = (p: PersonShortfall) => [p.weeksMissing, p.shortfall] as const;
  const above = (a: PersonShortfall, b: PersonShortfall) => rank(a)[0] > rank(b)[0] || (rank(a)[0] === rank(b)[0] && rank(a)[1] > rank(b)[1]);
  const shown = keys.map((k) => byKey.get(k)!);
  shown.forEach((p, i) => i > 0 && expect(above(p, shown[i - 1]!), `${personKey(p)} after ${personKey(shown[i - 1]!)}`).toBe(false));
  const last = shown.at(-1);
  if (last) for (const p of all) if (above(p, last)) expect(keys, `${personKey(p)} is missing`).toContain(personKey(p));
  // "Everyone met the norms" only where someone kept a log; with no log at all, 无数据.
  if (!all.length)
    expect(await page.textContent('#shortfalls-table tbody')).toContain(people(f).length ? '所选范围内所有人员每周均达到要求' : '无数据');
}

async function checkAssistants(page: Page, f: Filters) {
  const want = expectedAssistants(f);
  const table = await readTable(page, 'assistants-table');
  expect(comparable(table, ['mean']), `assistants ${JSON.stringify(f)}`).toEqual(want);
  // 周平均: the norm's field summed over the person's weeks ÷ weeks, one decimal with its unit.
  for (const p of people(f)) {
    if (p.role !== 'assistant' && p.role !== 'graduate_assistant') continue;
    const n = truth.norms.find((x) => x.role === p.role && x.per === 'week')!;
    const shown = table[`${personKey(p)}|${n.field}`]?.mean ?? '';
    const unit = n.field === 'hours' ? ' 小时' : ' 次';
    expect.soft(shown, `${personKey(p)} 周平均`).toMatch(new RegExp(`^\\d+\\.\\d${unit}$`));
    expect.soft(Math.abs(Number(shown.replace(unit, '')) - p.sums[n.field]! / p.weeks), `${personKey(p)} 周平均 ${shown}`).toBeLessThanOrEqual(0.05 + 1e-9);
  }
}

async function checkAll(page: Page, f: Filters) {
  await checkNorms(page, f);
  await checkDepartments(page, f);
  await checkHeatmap(page, f);
  await checkShortfalls(page, f);
  await checkAssistants(page, f);
}

// ───────────────────────────── the tests ─────────────────────────────

describe('工作量 page', () => {
  it('shows the latest semester in the HTML itself, equal to the oracle, with JavaScript off', async () => {
    const latest = semesters.at(-1)!;
    const page = await h.open('workload.html', { javaScriptEnabled: false });
    expect(await page.inputValue('#filter-semester')).toBe(latest);
    const f: Filters = { semester: latest, department: null, role: null };
    await checkAll(page, f);
    await page.context().close();
  });

  it('states the demo facts a report would quote', async () => {
    const latest = semesters.at(-1)!;
    const page = await h.open('workload.html', { javaScriptEnabled: false });
    // Institution: the counselors' 个别谈心 share, to one decimal.
    const talks = truth.workload.get(latest)!.get(INSTITUTION)!.get('counselor')!.norms.get('talks')!;
    expect((await readTable(page, 'norms-table'))['counselor|talks|week']!.share).toBe(pct(talks.met, talks.periods));
    // Heat map: every department with counselors, 18 weeks of records each; one cell checked by hand from the rows.
    const heat = expectedHeatmap({ semester: latest, department: null, role: null });
    expect(Object.keys(heat.table)).toHaveLength(12);
    expect(heat.cells).toHaveLength(12 * 18);
    const rendered = await readTable(page, 'heatmap-table');
    const cell = truth.heatmap.get(latest)!.get('医学护理系')!.get('counselor')!.get(17)!;
    expect(rendered['医学护理系']!.w17).toBe(pct(cell.met, cell.periods));
    expect(rendered['医学护理系']!.w19).toBe('—');
    // Graduate assistants: three in 数学与物理学院, each with weeks met of 15–20 hours.
    const grads = Object.entries(await readTable(page, 'assistants-table')).filter(([k]) => k.includes('|graduate_assistant|'));
    expect(grads.map(([, r]) => r.department)).toEqual(['数学与物理学院', '数学与物理学院', '数学与物理学院']);
    expect(grads.every(([, r]) => r.norm === '每周工作15至20小时')).toBe(true);
    // A graduate assistant's missed weeks are listed like anyone's (no total of hours added to counts).
    const xiong = people({ semester: latest, department: '数学与物理学院', role: 'graduate_assistant' }).find((p) => p.name === '熊燕梦')!;
    const row = Object.values(await readTable(page, 'shortfalls-table')).find((r) => r.name === '熊燕梦');
    if (row) expect(num(row.weeks_missed)).toBe(xiong.weeksMissing);
    await page.context().close();
  });

  it('changes semester, department and role through DuckDB-WASM: every table and chart follows, and the URL keeps the view', async () => {
    const page = await h.open('workload.html');
    await waitForEngine(page);
    let f: Filters = { semester: semesters.at(-1)!, department: null, role: null };
    const combos: Array<Record<string, string>> = [
      { semester: '2025-2026-1', department: '外国语学院', role: '' },
      { semester: '2025-2026-2', department: '', role: 'class_teacher' },
      // No graduate assistant kept a log before 2026-2027-1: every panel empty.
      { semester: semesters[0]!, department: '', role: 'graduate_assistant' },
      { semester: '2026-2027-1', department: '数学与物理学院', role: 'graduate_assistant' },
    ];
    let emptyViews = 0;
    for (const combo of combos) {
      await setFilters(page, combo);
      f = fromForm(combo, f);
      await checkAll(page, f);
      const url = new URL(page.url()).searchParams;
      expect([url.get('semester'), url.get('department'), url.get('role')]).toEqual([f.semester, f.department, f.role]);
      if (Object.keys(expectedNorms(f)).length === 0) {
        expect(await barCount(page, 'norms')).toBe(0);
        expect(await page.textContent('#assistants-table tbody')).toContain('所选范围内没有助理或研究生德育助理的工作记录');
        emptyViews++;
      }
    }
    // The graduate assistants before their first log: the empty view above was checked once.
    expect(emptyViews).toBe(1);

    // The URL restores the same view in a fresh page.
    const again = await reopenShared(h, page, 'workload.html', f);
    await checkAll(again, f);
    await again.context().close();
  });

  it('downloads exactly the filtered rows: CSV with BOM and Chinese headers, a valid Excel file, SVG and PNG charts', async () => {
    const page = await h.open('workload.html');
    await waitForEngine(page);
    const f: Filters = { semester: '2025-2026-2', department: null, role: null };
    await setFilters(page, { semester: f.semester });
    await checkDepartments(page, f);
    const screen = await readTable(page, 'departments-table');
    const want = expectedDepartments(f);

    const csv = await download(page, 'departments', 'csv');
    expect(csv.bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    // Named after the view: the table, the semester, the department (全院) and the role (全部角色).
    expect(csv.name).toBe(`周工作要求达标情况_${f.semester}_全院_全部角色.csv`);
    const { header, rows } = parseCsvDownload(csv.bytes);
    // The semester the rows are for leads each row: the table has no column of its own for it.
    expect(header).toEqual(['学期', '系部', '角色', '达到全部要求的人周次', '人周次', '比例（%）', '达标情况']);
    expect(rows).toHaveLength(Object.keys(screen).length);
    const fromCsv = Object.fromEntries(rows.map((r) => [`${r[1]}|${Object.entries(ROLE).find(([, l]) => l === r[2])?.[0]}`, r]));
    expect(Object.keys(fromCsv).sort()).toEqual(Object.keys(screen).sort());
    for (const [key, r] of Object.entries(fromCsv)) {
      const w = want[key]!;
      expect(r, key).toEqual([TERM(f.semester), w.department, w.role, w.met, w.periods, String(pctNumber(Number(w.met), Number(w.periods))), w.status]);
    }

    // The shortfall list as downloaded: same people, same numbers as on screen.
    const shortCsv = parseCsvDownload((await download(page, 'shortfalls', 'csv')).bytes);
    // No column adds shortfalls of different units.
    expect(shortCsv.header).toEqual(['学期', '系部', '姓名', '角色', '记录周数', '未达要求周数']);
    const shortScreen = Object.values(await readTable(page, 'shortfalls-table'));
    expect(shortCsv.rows.map((r) => r[0])).toEqual(shortScreen.map(() => TERM(f.semester)));
    expect(shortCsv.rows.map((r) => [r[1], r[2], r[3], Number(r[4]), Number(r[5])])).toEqual(
      shortScreen.map((r) => [r.department, r.name, r.role, num(r.weeks), num(r.weeks_missed)]),
    );

    const xlsx = await download(page, 'departments', 'xlsx');
    expect(xlsx.bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    const sheet = await readSheet(xlsx.bytes);
    expect(sheet[0]).toEqual(header);
    expect(sheet).toHaveLength(rows.length + 1);
    const excelRows = sheet.slice(1).map((r) => `${r[1]}|${r[2]}|${r[3]}|${r[4]}`).sort();
    expect(excelRows).toEqual(Object.values(want).map((w) => `${w.department}|${w.role}|${w.met}|${w.periods}`).sort());

    const svgFile = await download(page, 'heatmap', 'svg');
    const svg = svgFile.bytes.toString('utf8');
    expect(svg.startsWith('<?xml') || svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('各系部逐周达到全部周工作要求的人周次比例');
    // The file says what it shows: the chart's title is drawn in it.
    expect(svg).toContain(`<text x="12" y="24" font-size="16" fill="#1a1a1a" text-anchor="start" font-weight="bold">各系部逐周工作情况（辅导员） · ${TERM(f.semester)}</text>`);
    expect(svgFile.name).toBe(`逐周工作情况_${f.semester}_全院_全部角色.svg`);
    const pngFile = await download(page, 'heatmap', 'png');
    expect(pngFile.bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    // Taller than the chart by the title's band: width and height from the PNG header (2× scale).
    const chartSize = await page.$eval('#heatmap-chart svg[aria-label]', (el) => [Number(el.getAttribute('width')), Number(el.getAttribute('height'))]);
    expect([pngFile.bytes.readUInt32BE(16), pngFile.bytes.readUInt32BE(20)]).toEqual([chartSize[0]! * 2, (chartSize[1]! + 36) * 2]);
    await page.context().close();
  });

  it('made no request to any other host, asked the server for nothing missing, and logged no error', () => {
    expect(h.external).toEqual([]);
    expect(h.server.failures).toEqual([]);
    expect(h.consoleErrors).toEqual([]);
  });
});
