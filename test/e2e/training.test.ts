/**
 * The 培训 page against the demo exports: per department the full-time counselors, their mean
 * school-level hours, how many reach the yearly hours and how many have had no national/provincial
 * course in the window; and the list of exactly those who miss either requirement. The numbers are
 * compared with test/support/oracle-metrics.ts, which reads the input files without the product's code.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeMetricsTruth, INSTITUTION, type MetricsTruth, type TrainingPerson } from '../support/oracle-metrics.ts';
import { download, num, parseCsvDownload, readTable, setFilters, startHarness, waitForEngine, type Harness } from '../support/site.ts';
import { sharePercent as pct, semesterText } from '../support/format.ts';

let h: Harness;
let truth: MetricsTruth;
let semesters: string[];

beforeAll(async () => {
  truth = await computeMetricsTruth();
  semesters = [...truth.training.keys()].sort();
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});


/** A decimal shown with at most two decimals (22.67, 17, 1,234.5) is the value to within rounding. */
function expectDecimal(text: string | undefined, value: number, what: string) {
  expect.soft(text, what).toMatch(/^[\d,]+\.\d$/);
  expect.soft(Math.abs(num(text) - value), `${what}: ${text} vs ${value}`).toBeLessThanOrEqual(0.05 + 1e-9);
}

const missesTraining = (p: TrainingPerson) => !p.metHours || !p.hasWider;
const personKey = (p: { department: string; staffId: string }) => `${p.department}|${p.staffId}`;

/** The units table: one row per department with full-time counselors, and 全院 — but no 全院 row for one department (it would be that department's numbers). */
function checkUnits(table: Record<string, Record<string, string>>, semester: string, department: string | null) {
  const units = truth.training.get(semester)!;
  const want = department ? [department] : [...units.keys()];
  expect(Object.keys(table).sort(), `${semester} rows`).toEqual(want.sort());
  for (const dept of want) {
    const u = units.get(dept)!;
    const row = table[dept]!;
    const at = `${semester} ${dept}`;
    expect.soft(num(row.counselors), `${at} 专职辅导员`).toBe(u.counselors);
    expectDecimal(row.mean, u.meanSchoolHours, `${at} 人均校级学时`);
    expect.soft(num(row.meets_hours), `${at} 达到 16 学时`).toBe(u.meetingHours);
    expect.soft(row.share, `${at} 达到比例`).toBe(pct(u.meetingHours, u.counselors));
    expect.soft(num(row.without_higher), `${at} 无国家级/省级`).toBe(u.withoutWider);
  }
}

/** The people list: exactly the counselors under the hours or without a national/provincial course in the window. */
function checkPeople(table: Record<string, Record<string, string>>, semester: string, department: string | null) {
  const people = [...truth.training.get(semester)!.entries()]
    .filter(([d]) => d !== INSTITUTION && (!department || d === department))
    .flatMap(([, u]) => u.people)
    .filter(missesTraining);
  expect(Object.keys(table).sort(), `${semester} ${department ?? '全部系部'} people`).toEqual(people.map(personKey).sort());
  for (const p of people) {
    const row = table[personKey(p)]!;
    const at = `${semester} ${p.department} ${p.name}`;
    expect.soft(row.name, `${at} 姓名`).toBe(p.name);
    expect.soft(row.staff_id, `${at} 工号`).toBe(p.staffId);
    expect.soft(row.year, `${at} 培训年度`).toBe(`${truth.trainingYear.get(semester)} 年`);
    expectDecimal(row.school_hours, p.schoolHours, `${at} 校级学时`);
    expect.soft(row.meets_hours, `${at} 校级学时达到`).toBe(p.metHours ? '是' : '否');
    expect.soft(row.higher, `${at} 国家级/省级`).toBe(p.hasWider ? `${p.widerCourses} 次` : '无');
  }
}

/** 岗前培训: exactly the new full-time counselors of the rosters, with their induction hours (to one decimal) and whether they reach 40. */
function checkInduction(table: Record<string, Record<string, string>>, semester: string, department: string | null) {
  const want = (truth.induction.get(semester) ?? []).filter((p) => !department || p.department === department);
  expect(Object.keys(table).sort(), `${semester} ${department ?? '全部系部'} 岗前培训`).toEqual(want.map(personKey).sort());
  for (const p of want) {
    const row = table[personKey(p)]!;
    const at = `${semester} ${p.department} ${p.name} 岗前培训`;
    expect.soft(row.name, at).toBe(p.name);
    expectDecimal(row.induction_hours, p.hours, `${at}学时`);
    expect.soft(row.status, at).toBe(p.meets ? '达到' : '未达到');
  }
}

async function checkPage(page: Page, semester: string, department: string | null) {
  checkUnits(await readTable(page, 'units-table'), semester, department);
  checkPeople(await readTable(page, 'people-table'), semester, department);
  checkInduction(await readTable(page, 'induction-table'), semester, department);
}

describe('培训 page', () => {
  it('the demo has what the checks need: people missing each requirement, in more than one department', () => {
    const latest = truth.training.get(semesters.at(-1)!)!;
    const people = [...latest.values()].flatMap((u) => u.people);
    expect(people.some((p) => !p.metHours && p.hasWider)).toBe(true);
    expect(people.some((p) => p.metHours && !p.hasWider)).toBe(true);
    expect(latest.get(INSTITUTION)!.counselors).toBeGreaterThan(50);
    // 岗前培训: new counselors in more than one semester, with hours from this training year, and one short of the hours.
    expect([...truth.induction.values()].filter((l) => l.length > 0).length).toBeGreaterThan(1);
    expect([...truth.induction.values()].flat().some((p) => !p.meets)).toBe(true);
    // Course counts other than 1, so that a count is not merely "has one".
    expect(people.some((p) => p.widerCourses > 1)).toBe(true);
  });

  it('shows every department and the people list for the latest semester in the HTML, with JavaScript off', async () => {
    const page = await h.open('training.html', { javaScriptEnabled: false });
    const latest = semesters.at(-1)!;
    expect(await page.inputValue('#filter-semester')).toBe(latest);
    expect(await page.inputValue('#filter-department')).toBe('');
    await checkPage(page, latest, null);
    // One bar per department with full-time counselors.
    const bars = await page.$$eval('#units-chart svg g[aria-label="bar"] rect', (r) => r.length);
    expect(bars).toBe(truth.training.get(latest)!.size - 1);
    await page.context().close();
  });

  it('switches semester and department through DuckDB-WASM', async () => {
    const page = await h.open('training.html');
    await waitForEngine(page);
    // 2025-2026-1 and 2024-2025-2 share the training year 2025; 2025-2026-2 counts 2026.
    for (const semester of [semesters[1]!, semesters[2]!]) {
      await setFilters(page, { semester });
      await checkPage(page, semester, null);
    }
    const semester = semesters[0]!;
    const department = [...truth.training.get(semester)!.entries()].find(([d, u]) => d !== INSTITUTION && u.people.filter(missesTraining).length >= 3)![0];
    await setFilters(page, { semester, department });
    expect(page.url()).toContain(`semester=${semester}`);
    await checkPage(page, semester, department);
    await page.context().close();
  });

  it('downloads the people list as CSV with exactly the rows of the current filters', async () => {
    const semester = semesters[2]!;
    const department = [...truth.training.get(semester)!.entries()].find(([d, u]) => d !== INSTITUTION && u.people.filter(missesTraining).length >= 2)![0];
    const page = await h.open('training.html');
    await waitForEngine(page);
    await setFilters(page, { semester, department });
    const file = await download(page, 'people', 'csv');
    expect(file.name).toBe(`培训未达要求人员_${semester}_${department}.csv`);
    const { header, rows } = parseCsvDownload(file.bytes);
    expect(header.slice(0, 4)).toEqual(['学期', '系部', '姓名', '工号']);
    const col = (label: string) => header.findIndex((c) => c.startsWith(label));
    const want = truth.training.get(semester)!.get(department)!.people.filter(missesTraining);
    expect(rows.map((r) => `${r[1]}|${r[3]}`).sort()).toEqual(want.map(personKey).sort());
    expect(new Set(rows.map((r) => r[0]))).toEqual(new Set([semesterText(semester)]));
    for (const p of want) {
      const r = rows.find((x) => x[3] === p.staffId)!;
      expect.soft(r[2], p.name).toBe(p.name);
      expect.soft(Number(r[col('校级学时')]), `${p.name} 校级学时`).toBe(p.schoolHours);
      expect.soft(r[col('校级学时达到')], `${p.name} 达到`).toBe(p.metHours ? '是' : '否');
    }
    // The whole-institution list would be longer: the download is the filtered view, not everything.
    expect(truth.training.get(semester)!.get(INSTITUTION)!.people.filter(missesTraining).length).toBeGreaterThan(want.length);
    await page.context().close();
  });

  it('made no request to any other host, asked the server for nothing missing, and logged no error', () => {
    expect(h.external).toEqual([]);
    expect(h.server.failures).toEqual([]);
    expect(h.consoleErrors).toEqual([]);
  });
});
