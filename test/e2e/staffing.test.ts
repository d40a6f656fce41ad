/**
 * The 师生比 page against the demo exports, in real Chromium from a subfolder of a plain static
 * server: numbers equal those computed independently from the input files, switching semester
 * goes through DuckDB-WASM, and nothing is requested from another host.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeTruth, expected, institution, type Truth } from '../support/oracle.ts';
import { computeMetricsTruth, type MetricsTruth } from '../support/oracle-metrics.ts';
import { num, ratioText, readTable, setFilters, startHarness, waitForEngine, waitForShown, type Harness } from '../support/site.ts';

let h: Harness;
let truth: Truth;
let metrics: MetricsTruth;
let semesters: string[];

beforeAll(async () => {
  truth = await computeTruth('data/exports');
  metrics = await computeMetricsTruth('data/exports');
  semesters = [...truth.keys()].sort();
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

function checkTable(table: Record<string, Record<string, string>>, semester: string, mode: 'full_time' | 'weighted' = 'full_time') {
  const units = truth.get(semester)!;
  expect(Object.keys(table).sort()).toEqual([...units.keys()].sort());
  for (const [dept, unit] of units) {
    const want = expected(unit);
    const row = table[dept]!;
    expect.soft(num(row.students), `${semester} ${dept} 在校生`).toBe(want.students);
    expect.soft(num(row.full_time), `${semester} ${dept} 专职`).toBe(want.fullTime);
    expect.soft(num(row.part_time), `${semester} ${dept} 兼职`).toBe(want.partTime);
    expect.soft(ratioText(row.ratio_full_time), `${semester} ${dept} 师生比`).toBe(want.ratioFullTime);
    expect.soft(ratioText(row.ratio_weighted), `${semester} ${dept} 折算师生比`).toBe(want.ratioWeighted);
    expect.soft(num(row.gap), `${semester} ${dept} 缺口`).toBe(want.gap);
    expect.soft(row.status!.startsWith('达标'), `${semester} ${dept} 达标`).toBe(mode === 'full_time' ? want.compliant : want.compliantWeighted);
    // Counselors hired through 劳务派遣 or 人事代理, counted from the rosters: blank for none.
    const hires = (metrics.flaggedHiring.get(semester) ?? []).filter((p) => p.department === dept).length;
    expect.soft(row.flagged_hiring, `${semester} ${dept} 派遣、代理聘用人数`).toBe(hires > 0 ? String(hires) : '');
  }
}

/** The trend table: each unit's strict ratio in every semester (— where it had no full-time counselor or no data). */
function checkTrend(table: Record<string, Record<string, string>>) {
  const units = new Set([...truth.values()].flatMap((m) => [...m.keys()]));
  expect(Object.keys(table).sort(), '趋势 units').toEqual([...units, '全院'].sort());
  for (const semester of semesters) {
    const all = truth.get(semester)!;
    expect.soft(ratioText(table['全院']![semester]), `趋势 全院 ${semester}`).toBe(expected(institution(all.values())).ratioFullTime);
    for (const dept of units) {
      const unit = all.get(dept);
      expect.soft(ratioText(table[dept]![semester]), `趋势 ${dept} ${semester}`).toBe(unit ? expected(unit).ratioFullTime : '—');
    }
  }
}

/** The list of counselors hired through 劳务派遣 or 人事代理: exactly those of the rosters, with their employment and hiring. */
function checkHiring(table: Record<string, Record<string, string>>, semester: string, department: string | null = null) {
  const want = (metrics.flaggedHiring.get(semester) ?? []).filter((p) => !department || p.department === department);
  expect(Object.keys(table).sort(), `${semester} 派遣代理聘用`).toEqual(want.map((p) => `${p.department}|${p.staffId}`).sort());
  for (const p of want) {
    const row = table[`${p.department}|${p.staffId}`]!;
    expect.soft([row.name, row.employment, row.hiring], `${semester} ${p.name}`).toEqual([p.name, p.fullTime ? '专职' : '兼职', p.hiring]);
  }
}

async function checkSummary(page: import('playwright-core').Page, semester: string) {
  const want = expected(institution(truth.get(semester)!.values()));
  const figure = (key: string) => page.textContent(`[data-figure="${key}"] dd`).then((t) => t ?? '');
  expect(num(await figure('students'))).toBe(want.students);
  expect(num(await figure('full_time'))).toBe(want.fullTime);
  expect(num(await figure('part_time'))).toBe(want.partTime);
  expect(ratioText(await figure('ratio_full_time'))).toBe(want.ratioFullTime);
  expect(num(await figure('gap'))).toBe(want.gap);
  expect(await figure('status')).toBe(want.compliant ? '达标' : '未达标');
}

describe('师生比 page', () => {
  it('shows the latest semester in the HTML itself, readable with JavaScript off', async () => {
    const page = await h.open('staffing.html', { javaScriptEnabled: false });
    const latest = semesters.at(-1)!;
    expect(await page.inputValue('#filter-semester')).toBe(latest);
    expect(await page.$$eval('#ratio-chart svg rect', (r) => r.length)).toBeGreaterThan(0);
    await checkSummary(page, latest);
    checkTable(await readTable(page, 'ratio-table'), latest);
    checkHiring(await readTable(page, 'hiring-table'), latest);
    checkTrend(await readTable(page, 'trend-table'));
    await page.context().close();
  });

  it('the demo has counselors hired through each disallowed way, in more than one department, in every semester', () => {
    for (const semester of semesters) {
      const hires = metrics.flaggedHiring.get(semester) ?? [];
      expect(new Set(hires.map((p) => p.hiring)), semester).toEqual(new Set(['劳务派遣', '人事代理']));
      expect(new Set(hires.map((p) => p.department)).size, semester).toBeGreaterThan(1);
    }
  });

  it('declares utf-8 and zh-CN, since plain servers send no charset', async () => {
    const page = await h.open('staffing.html', { javaScriptEnabled: false });
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
    expect(await page.$eval('meta[charset]', (m) => m.getAttribute('charset')?.toLowerCase())).toBe('utf-8');
    expect(await page.title()).toContain('辅导员');
    await page.context().close();
  });

  it('switches semester through DuckDB-WASM and shows the right numbers for each', async () => {
    const page = await h.open('staffing.html');
    await waitForEngine(page);
    for (const semester of [semesters[1]!, semesters[0]!]) {
      await setFilters(page, { semester });
      checkTable(await readTable(page, 'ratio-table'), semester);
      checkHiring(await readTable(page, 'hiring-table'), semester);
      await checkSummary(page, semester);
      const bars = await page.$$eval('#ratio-chart svg g[aria-label="bar"] rect', (r) => r.length);
      const withFullTime = [...truth.get(semester)!.values()].filter((u) => u.fullTime > 0).length;
      expect(bars).toBe(withFullTime);
      expect(page.url()).toContain(`semester=${semester}`);
    }
    await page.context().close();
  });

  it('toggles to part-time counted at 1/3 and re-sorts by department name', async () => {
    const semester = semesters.at(-1)!;
    const page = await h.open('staffing.html');
    await waitForEngine(page);
    await setFilters(page, { mode: 'weighted' });
    const labels = await page.$$eval('#ratio-chart svg text', (t) => t.map((e) => e.textContent ?? ''));
    const weightedLabels = labels.filter((l) => l.startsWith('1:') && !l.includes('标准线')).map((l) => l.replace(/,/g, '').split(' ')[0]);
    expect(weightedLabels.sort()).toEqual([...truth.get(semester)!.values()].map((u) => expected(u).ratioWeighted).sort());

    await setFilters(page, { sort: 'department' });
    const order = await page.$$eval('#ratio-table tbody tr[data-key]', (rows) => rows.map((r) => r.getAttribute('data-key')!));
    expect(order).toEqual([...order].sort(new Intl.Collator('zh-CN').compare));
    await page.context().close();
  });

  it('restores a shared view from the URL', async () => {
    const semester = semesters[0]!;
    const page = await h.open(`staffing.html?semester=${semester}&mode=weighted&sort=gap`);
    await waitForEngine(page);
    await waitForShown(page, { semester, mode: 'weighted', sort: 'gap' });
    expect(await page.inputValue('#filter-semester')).toBe(semester);
    expect(await page.inputValue('#filter-mode')).toBe('weighted');
    checkTable(await readTable(page, 'ratio-table'), semester, 'weighted');
    await page.context().close();
  });

  it('made no request to any other host, asked the server for nothing missing, and logged no error', () => {
    expect(h.external).toEqual([]);
    expect(h.server.failures).toEqual([]);
    expect(h.consoleErrors).toEqual([]);
  });
});
