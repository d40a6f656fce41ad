/**
 * The 考核 page against the demo exports, in real Chromium: grade counts, score distributions,
 * the 德/能/勤/绩 breakdown and the score-vs-grade mismatches equal what the metrics oracle reads
 * straight from the input files, in the prerendered first view and after changing semester,
 * department and role through DuckDB-WASM; the URL keeps the filters; downloads hold the rows on
 * screen.
 */
import type { Page } from 'playwright-core';
import { readSheet } from 'read-excel-file/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeMetricsTruth, INSTITUTION, type Assessed, type Dimension, type Grade, type MetricsTruth, type Role } from '../support/oracle-metrics.ts';
import { download, num, parseCsvDownload, readTable, setFilters, startHarness, waitForEngine, type Harness, reopenShared } from '../support/site.ts';
import { sharePercent as pct, ROLE_TEXT, semesterText } from '../support/format.ts';

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

// ───────────── how the page writes things (written here, not imported from the product) ─────────────

const ROLE: Record<Role, string> = ROLE_TEXT;
const GRADE: Record<Grade, string> = { excellent: '优秀', good: '良好', pass: '合格', fail: '不合格' };
const GRADES: Grade[] = ['excellent', 'good', 'pass', 'fail'];
const DIMS: Array<[Dimension, string]> = [['德', 'de'], ['能', 'neng'], ['勤', 'qin'], ['绩', 'ji']];
const TERM = semesterText;


/** A mean shown with one decimal ("83.4"): within rounding of the exact value (either side of a tie). */
function oneDecimal(text: string | undefined, value: number, what: string) {
  expect(text, what).toMatch(/^\d+\.\d$/);
  expect(Math.abs(Number(text) - value), `${what}: ${text} for ${value}`).toBeLessThanOrEqual(0.05 + 1e-9);
}

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
const fits = (f: Filters, d: string, r: Role) => (!f.department || d === f.department) && (!f.role || r === f.role);
const rowsOf = (f: Filters): Assessed[] => truth.assessed.filter((a) => a.semester === f.semester && fits(f, a.department, a.role));
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

type Table = Record<string, Record<string, string>>;

// ───────────────────────────── expected ─────────────────────────────

interface GradeRow {
  department: string;
  role: Role;
  count: number;
  grades: Record<Grade, number>;
  percents: number[];
}

/** The grades table: department × role, then — for the whole institution only — 全院 × role. */
function expectedGrades(f: Filters): GradeRow[] {
  const depts = truth.assessment.get(f.semester) ?? new Map();
  const out: GradeRow[] = [];
  const percents = (d: string | null, r: Role) => rowsOf(f).filter((a) => (d === null || a.department === d) && a.role === r && a.percent !== null).map((a) => a.percent!);
  for (const [d, roles] of depts) {
    if (d === INSTITUTION) continue;
    for (const [r, u] of roles) if (fits(f, d, r)) out.push({ department: d, role: r, count: u.count, grades: u.grades, percents: percents(d, r) });
  }
  if (!f.department)
    for (const [r, u] of depts.get(INSTITUTION) ?? new Map())
      if (fits(f, INSTITUTION, r)) out.push({ department: INSTITUTION, role: r, count: u.count, grades: u.grades, percents: percents(null, r) });
  return out;
}

async function checkGrades(page: Page, f: Filters) {
  const want = expectedGrades(f);
  const table = await readTable(page, 'grades-table');
  expect(Object.keys(table).sort(), `grades ${JSON.stringify(f)}`).toEqual(want.map((w) => `${w.department}|${w.role}`).sort());
  for (const w of want) {
    const row = table[`${w.department}|${w.role}`]!;
    const what = `${f.semester} ${w.department} ${w.role}`;
    expect(
      { department: row.department, role: row.role, assessed: num(row.assessed), ...Object.fromEntries(GRADES.map((g) => [g, num(row[g])])), share: row.excellent_share },
      what,
    ).toEqual({ department: w.department, role: ROLE[w.role], assessed: w.count, ...w.grades, share: pct(w.grades.excellent, w.count) });
    if (w.percents.length) oneDecimal(row.mean_percent!.replace(/%$/, ''), mean(w.percents), `${what} 平均得分率`);
    else expect(row.mean_percent, what).toBe('—');
  }
  expect(await page.textContent('#grades-title')).toBe(`考核等次分布 · ${TERM(f.semester)}`);
  // The chart: one bar per department (and role, when several are shown), a labelled segment per grade present.
  const units = want.filter((w) => w.department !== INSTITUTION);
  if (!want.length) {
    expect(await page.$('#grades-chart')).toBeNull();
    expect(await page.textContent('#grades-table tbody')).toContain('所选学期和范围内没有考核数据');
    return;
  }
  const multiRole = new Set(want.map((w) => w.role)).size > 1;
  const label = (w: GradeRow) => (multiRole ? `${w.department}·${ROLE[w.role]}` : w.department);
  const chart = await page.$$eval('#grades-chart svg[aria-label="各系部考核等次人数"]', ([svg]) => ({
    units: [...svg!.querySelectorAll('g[aria-label="y-axis tick label"] text')].map((t) => t.textContent),
    segments: [...svg!.querySelectorAll('g[aria-label="bar"] ~ g[aria-label="text"] text')].map((t) => t.textContent),
  }));
  expect(chart.units.sort()).toEqual(units.map(label).sort());
  // Each bar's counts are written beside it, grade by grade ("优1 良4 合2"): every grade present, with its count.
  expect(chart.segments.flatMap((t) => t!.split(' ')).sort()).toEqual(units.flatMap((w) => GRADES.filter((g) => w.grades[g] > 0).map((g) => `${GRADE[g].slice(0, 1)}${w.grades[g]}`)).sort());
  expect(chart.segments).toHaveLength(units.length);
}

async function checkScores(page: Page, f: Filters) {
  const byDept = new Map<string, number[]>();
  for (const a of rowsOf(f)) if (a.percent !== null) (byDept.get(a.department) ?? byDept.set(a.department, []).get(a.department)!).push(a.percent);
  const table = await readTable(page, 'scores-table');
  expect(Object.keys(table).sort(), `scores ${JSON.stringify(f)}`).toEqual([...byDept.keys()].sort());
  for (const [d, values] of byDept) {
    const sorted = [...values].sort((a, b) => a - b);
    const mid = sorted.length / 2;
    const median = sorted.length % 2 ? sorted[Math.floor(mid)]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
    const row = table[d]!;
    expect(num(row.n), d).toBe(values.length);
    oneDecimal(row.min, sorted[0]!, `${d} 最低`);
    oneDecimal(row.median, median, `${d} 中位数`);
    oneDecimal(row.max, sorted.at(-1)!, `${d} 最高`);
    oneDecimal(row.mean, mean(values), `${d} 平均`);
  }
  expect(await page.textContent('#scores-title')).toBe(`得分率分布 · ${f.department ?? '全院'} · ${TERM(f.semester)}`);
  if (!byDept.size) expect(await page.$('#scores-chart')).toBeNull();
  else {
    const ticks = await page.$$eval('#scores-chart svg g[aria-label="y-axis tick label"] text', (t) => t.map((e) => e.textContent));
    expect(ticks.sort()).toEqual([...byDept.keys()].sort());
  }
}

async function checkDimensions(page: Page, f: Filters) {
  // Means over rows with item scores: each role's mean weighted by its rows.
  const want = new Map<string, { rows: number; sums: Record<Dimension, number> }>();
  const depts = truth.assessment.get(f.semester) ?? new Map();
  for (const [d, roles] of depts) {
    if (d === INSTITUTION && f.department) continue;
    for (const [r, u] of roles) {
      if ((d !== INSTITUTION && !fits(f, d, r)) || (f.role && r !== f.role) || !u.withItems) continue;
      const w = want.get(d) ?? want.set(d, { rows: 0, sums: { 德: 0, 能: 0, 勤: 0, 绩: 0 } }).get(d)!;
      w.rows += u.withItems;
      for (const [dim] of DIMS) w.sums[dim] += u.dimensions![dim] * u.withItems;
    }
  }
  const table = await readTable(page, 'dimensions-table');
  expect(Object.keys(table).sort(), `dimensions ${JSON.stringify(f)}`).toEqual([...want.keys()].sort());
  for (const [d, w] of want) {
    expect(num(table[d]!.rows), d).toBe(w.rows);
    for (const [dim, key] of DIMS) oneDecimal(table[d]![key], w.sums[dim] / w.rows, `${f.semester} ${d} ${dim}`);
  }
  if (!want.size) expect(await page.textContent('#dimensions-table tbody')).toContain('所选范围内没有填报考核量化表分项得分的记录');
}

async function checkMismatches(page: Page, f: Filters) {
  const want = truth.mismatches.filter((m) => m.semester === f.semester && fits(f, m.department, m.role));
  const table = await readTable(page, 'mismatches-table');
  expect(table, `mismatches ${JSON.stringify(f)}`).toEqual(
    Object.fromEntries(
      want.map((m) => [
        `${m.file}|${m.row}`,
        {
          // The source file and row are for the clerk: in the download (checked below), not on the page.
          department: m.department, name: m.name, role: ROLE[m.role], score: `${m.score} / ${m.scoreMax}`, grade: GRADE[m.derived], grade_recorded: GRADE[m.recorded],
        },
      ]),
    ),
  );
  // "All consistent" only where something was assessed; otherwise the page says nothing was.
  const assessed = truth.assessed.some((a) => a.semester === f.semester && fits(f, a.department, a.role));
  if (!want.length)
    expect(await page.textContent('#mismatches-table tbody')).toContain(assessed ? '所选范围内得分与填报等次全部一致' : '所选范围内没有考核数据');
}

/** 连续不合格 and 十佳 candidates, against the oracle's reading of every semester's assessments (role filter not applied: both are counselors'). */
async function checkPeopleRules(page: Page, f: Filters) {
  const key = (p: { department: string; personId: string | null; name: string }) => `${p.department}|${p.personId ?? p.name}`;
  const inScope = (p: { department: string }) => !f.department || p.department === f.department;
  const fails = (truth.consecutiveFail.get(f.semester) ?? []).filter(inScope);
  const failTable = await readTable(page, 'consecutive-fail-table');
  expect(Object.keys(failTable).sort(), `连续不合格 ${JSON.stringify(f)}`).toEqual(fails.map(key).sort());
  for (const p of fails) expect.soft(failTable[key(p)]!.failed_semesters!.split('、'), p.name).toHaveLength(p.failedSemesters.length);

  const top = (truth.topCounselors.get(f.semester) ?? []).filter(inScope);
  const topTable = await readTable(page, 'top-counselors-table');
  expect(Object.keys(topTable).sort(), `十佳 ${JSON.stringify(f)}`).toEqual(top.map(key).sort());
  for (const p of top) {
    const row = topTable[key(p)]!;
    expect.soft([num(row.rank), row.name, row.mean_percent, num(row.assessments), num(row.excellent)], `十佳 ${p.name}`).toEqual([
      p.rank, p.name, `${p.meanPercent.toFixed(1)}%`, p.assessments, p.excellent,
    ]);
  }
}

async function checkAll(page: Page, f: Filters) {
  await checkGrades(page, f);
  await checkScores(page, f);
  await checkDimensions(page, f);
  await checkMismatches(page, f);
  await checkPeopleRules(page, f);
}

// ───────────────────────────── the tests ─────────────────────────────

describe('考核 page', () => {
  it('shows the latest semester in the HTML itself, equal to the oracle, with JavaScript off', async () => {
    const latest = semesters.at(-1)!;
    const page = await h.open('assessment.html', { javaScriptEnabled: false });
    expect(await page.inputValue('#filter-semester')).toBe(latest);
    await checkAll(page, { semester: latest, department: null, role: null });
    await page.context().close();
  });

  it('the demo has what the people rules need: a counselor 不合格 two years running, 十佳 ties at the cut', () => {
    expect(truth.consecutiveFail.get(semesters.at(-1)!)).toHaveLength(1);
    const top = truth.topCounselors.get(semesters.at(-1)!)!;
    expect(top.length).toBeGreaterThan(10);
    expect(top.filter((p) => p.rank === top.at(-1)!.rank).length).toBeGreaterThan(1);
  });

  it('states the demo facts a report would quote', async () => {
    const page = await h.open('assessment.html', { javaScriptEnabled: false });
    // Exactly one score that disagrees with its recorded grade: 机电工程系 尹睿俊, 92/100 is 优秀, recorded 良好.
    const mismatches = Object.values(await readTable(page, 'mismatches-table'));
    expect(mismatches).toHaveLength(1);
    expect(mismatches[0]).toMatchObject({ department: '机电工程系', name: '尹睿俊', role: '辅导员', score: '92 / 100', grade: '优秀', grade_recorded: '良好' });
    // 全院 counselors: grade counts add up to those assessed.
    const inst = (await readTable(page, 'grades-table'))[`${INSTITUTION}|counselor`]!;
    expect(num(inst.excellent) + num(inst.good) + num(inst.pass) + num(inst.fail)).toBe(num(inst.assessed));
    // Only assistants fill in the 14 items: the 全院 breakdown is over them.
    const dims = (await readTable(page, 'dimensions-table'))[INSTITUTION]!;
    expect(num(dims.rows)).toBe(truth.assessment.get(semesters.at(-1)!)!.get(INSTITUTION)!.get('assistant')!.withItems);
    await page.context().close();
  });

  it('changes semester, department and role through DuckDB-WASM: every table and chart follows, and the URL keeps the view', async () => {
    const page = await h.open('assessment.html');
    await waitForEngine(page);
    let f: Filters = { semester: semesters.at(-1)!, department: null, role: null };
    const combos: Array<Record<string, string>> = [
      { semester: '2025-2026-2' },
      // Assessments exist only in 2025-2026-2 and 2026-2027-1.
      { semester: '2025-2026-1' },
      { semester: '2026-2027-1', department: '机电工程系' },
      { department: '经济管理系' },
      { department: '', role: 'counselor' },
      { semester: '2025-2026-2', department: '外国语学院', role: 'assistant' },
    ];
    for (const combo of combos) {
      await setFilters(page, combo);
      f = fromForm(combo, f);
      await checkAll(page, f);
      const url = new URL(page.url()).searchParams;
      expect([url.get('semester'), url.get('department'), url.get('role')]).toEqual([f.semester, f.department, f.role]);
      if (f.department === '机电工程系' && f.semester === '2026-2027-1') expect(Object.keys(await readTable(page, 'mismatches-table'))).toHaveLength(1);
      if (f.department === '经济管理系') expect(Object.keys(await readTable(page, 'mismatches-table'))).toHaveLength(0);
      if (f.semester === '2025-2026-1') expect(Object.keys(await readTable(page, 'grades-table'))).toHaveLength(0);
    }

    const again = await reopenShared(h, page, 'assessment.html', f);
    await checkAll(again, f);
    await again.context().close();
  });

  it('downloads exactly the filtered rows: CSV with BOM and Chinese headers, a valid Excel file, SVG and PNG charts', async () => {
    const page = await h.open('assessment.html');
    await waitForEngine(page);
    const f: Filters = { semester: '2025-2026-2', department: null, role: 'counselor' };
    await setFilters(page, { semester: f.semester, role: 'counselor' });
    await checkGrades(page, f);
    const screen = await readTable(page, 'grades-table');

    const csv = await download(page, 'grades', 'csv');
    expect(csv.bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(csv.name).toBe(`考核等次分布_${f.semester}_全院_辅导员.csv`);
    const { header, rows } = parseCsvDownload(csv.bytes);
    expect(header).toEqual(['学期', '系部', '角色', '参评人数', '优秀', '良好', '合格', '不合格', '优秀率（%）', '平均得分率']);
    expect(rows).toHaveLength(Object.keys(screen).length);
    const want = new Map(expectedGrades(f).map((w) => [w.department, w]));
    for (const r of rows) {
      const w = want.get(r[1]!)!;
      expect(w, r[1]).toBeDefined();
      const onScreen = screen[`${r[1]}|counselor`]!;
      expect(r, r[1]).toEqual([
        TERM(f.semester), w.department, ROLE.counselor, String(w.count), ...GRADES.map((g) => String(w.grades[g])), String(Math.floor((2000 * w.grades.excellent + w.count) / (2 * w.count)) / 10), onScreen.mean_percent,
      ]);
    }

    const xlsx = await download(page, 'grades', 'xlsx');
    expect(xlsx.bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    const sheet = await readSheet(xlsx.bytes);
    expect(sheet[0]).toEqual(header);
    expect(sheet.slice(1).map((r) => [r[1], r[3], r[4]])).toEqual(rows.map((r) => [r[1], Number(r[3]), Number(r[4])]));

    // The mismatch list of the latest semester as downloaded: the one row on screen.
    await setFilters(page, { semester: '2026-2027-1', role: '' });
    const mm = parseCsvDownload((await download(page, 'mismatches', 'csv')).bytes);
    expect(mm.header).toEqual(['学期', '系部', '姓名', '角色', '得分', '按得分评定', '填报等次', '来源']);
    expect(mm.rows).toEqual(
      truth.mismatches
        .filter((m) => m.semester === '2026-2027-1')
        .map((m) => [TERM('2026-2027-1'), m.department, m.name, ROLE[m.role], `${m.score} / ${m.scoreMax}`, GRADE[m.derived], GRADE[m.recorded], `${m.file} 第 ${m.row} 行`]),
    );

    const svg = (await download(page, 'grades', 'svg')).bytes.toString('utf8');
    expect(svg.startsWith('<?xml') || svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('各系部考核等次人数');
    const png = (await download(page, 'grades', 'png')).bytes;
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    await page.context().close();
  });

  it('made no request to any other host, asked the server for nothing missing, and logged no error', () => {
    expect(h.external).toEqual([]);
    expect(h.server.failures).toEqual([]);
    expect(h.consoleErrors).toEqual([]);
  });
});
