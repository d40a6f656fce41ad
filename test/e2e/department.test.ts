/**
 * The department pages (departments/<name>.html, listed on departments.html): each names its
 * department, and its ranks table shows the department's figure for every area, 达标/未达标, the
 * institution's figure and the department's rank among all departments — each computed here from
 * the independent oracles (ties share a rank; lower is better for 师生比 and 超额, higher for the rest).
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectedRank, expectedRankText, expectedReading, MEASURE_IDS, statusWord } from '../support/expected-measures.ts';
import { computeMetricsTruth, INSTITUTION, type MetricsTruth } from '../support/oracle-metrics.ts';
import { computeTruth, type Truth } from '../support/oracle.ts';
import { num, readTable, setFilters, startHarness, waitForEngine, type Harness } from '../support/site.ts';

let h: Harness;
let staffing: Truth;
let truth: MetricsTruth;
let semesters: string[];
let departments: string[];
/** Department → page path from the site root, as departments.html links them. */
let pages: Map<string, string>;

beforeAll(async () => {
  [staffing, truth] = await Promise.all([computeTruth('data/exports'), computeMetricsTruth()]);
  semesters = [...staffing.keys()].sort();
  departments = [...new Set([...staffing.values()].flatMap((m) => [...m.keys()]))].sort();
  h = await startHarness();
  const list = await h.open('departments.html', { javaScriptEnabled: false });
  const links = await list.$$eval('.department-list a[href]', (as) => as.map((a) => [a.textContent!.trim(), a.getAttribute('href')!] as [string, string]));
  await list.context().close();
  pages = new Map(links);
  // Every department of the exports has its page linked (the checks below loop over them).
  expect([...pages.keys()].sort(), 'department pages linked from departments.html').toEqual(expect.arrayContaining(departments.filter((d) => d !== '全院')));
});
afterAll(async () => {
  await h?.close();
});

function checkRanks(table: Record<string, Record<string, string>>, semester: string, department: string) {
  expect(Object.keys(table)).toEqual([...MEASURE_IDS]);
  for (const m of MEASURE_IDS) {
    const own = expectedReading(m, semester, department, staffing, truth);
    const all = expectedReading(m, semester, INSTITUTION, staffing, truth);
    const rank = expectedRank(m, semester, department, departments, staffing, truth);
    const row = table[m]!;
    const at = `${semester} ${department} ${m}`;
    expect.soft(row.value, `${at} 本系部`).toBe(own?.text ?? '无数据');
    expect.soft(row.detail, `${at} 依据`).toBe(own?.detail ?? '');
    expect.soft(row.status, `${at} 达标情况`).toBe(statusWord(own));
    expect.soft(row.rank, `${at} 排名`).toBe(expectedRankText(rank));
    expect.soft(row.institution, `${at} 全院`).toBe(all?.text ?? '无数据');
  }
}

/**
 * The area panels a department page repeats, for that department, against the oracle: the same
 * figures the area pages' tests check under a department filter.
 */
async function checkAreaPanels(page: Page, semester: string, department: string) {
  const at = (what: string) => `${semester} ${department} ${what}`;
  const keys = async (id: string) => Object.keys(await readTable(page, id)).sort();
  const hires = (truth.flaggedHiring.get(semester) ?? []).filter((p) => p.department === department);
  expect.soft(await keys('hiring-table'), at('派遣代理')).toEqual(hires.map((p) => `${department}|${p.staffId}`).sort());

  const norms = await readTable(page, 'workload-norms-table');
  const roles = truth.workload.get(semester)?.get(department) ?? new Map();
  const wantNorms = truth.norms.flatMap((n) => {
    const r = roles.get(n.role)?.norms.get(n.field);
    return r && r.periods > 0 ? [[`${n.role}|${n.field}|${n.per}`, `${r.met}/${r.periods}`]] : [];
  });
  expect.soft(Object.entries(norms).map(([k, r]) => [k, `${num(r.met)}/${num(r.periods)}`]).sort(), at('工作要求')).toEqual(wantNorms.sort());

  const missing = [...(truth.shortfalls.get(semester)?.get(department)?.values() ?? [])].flat().filter((p) => p.weeksMissing > 0);
  expect.soft((await keys('workload-shortfalls-table')).length, at('未达要求人员')).toBe(Math.min(15, missing.length));

  const grades = await readTable(page, 'assessment-grades-table');
  const assessed = [...(truth.assessment.get(semester)?.get(department) ?? new Map())];
  expect.soft(Object.keys(grades).sort(), at('考核')).toEqual(assessed.map(([r]) => `${department}|${r}`).sort());
  for (const [role, u] of assessed)
    expect.soft(['assessed', 'excellent', 'good', 'pass', 'fail'].map((c) => num(grades[`${department}|${role}`]?.[c])), at(`考核 ${role}`)).toEqual([
      u.count, u.grades.excellent, u.grades.good, u.grades.pass, u.grades.fail,
    ]);
  expect.soft((await keys('assessment-mismatches-table')).length, at('等次不符')).toBe(assessed.reduce((n, [, u]) => n + u.mismatches.length, 0));

  const quota = await readTable(page, 'quota-units-table');
  for (const [role, q] of truth.quota.get(semester)?.get(department) ?? new Map())
    expect.soft(['assessed', 'allowed', 'used'].map((c) => num(quota[`${department}|${role}`]?.[c])), at(`优秀名额 ${role}`)).toEqual([q.n, q.allowed, q.used]);

  const training = truth.training.get(semester)?.get(department)?.people ?? [];
  expect.soft(await keys('training-people-table'), at('培训未达要求')).toEqual(
    training.filter((p) => !p.metHours || !p.hasWider).map((p) => `${department}|${p.staffId}`).sort(),
  );

  const a = truth.assistants.get(semester)?.get(department);
  expect.soft(await keys('assistants-uncovered-table'), at('未配助理班级')).toEqual((a?.uncovered ?? []).map((c) => `${department}|${c}`).sort());
  const flagged = (a?.people ?? []).filter(
    (p) => !(p.studyYear === 2 || p.studyYear === 3) || !['中共党员', '中共预备党员'].includes(p.political) || p.failedCourses !== 0 || !p.classListed || a!.multiple.includes(p.className),
  );
  expect.soft(await keys('assistants-eligibility-table'), at('助理条件')).toEqual(flagged.map((p) => `${department}|${p.studentId ?? p.name}|${p.className}`).sort());
}

async function openDepartment(department: string, options?: { javaScriptEnabled?: boolean; viewport?: { width: number; height: number } }): Promise<Page> {
  const page = await h.open(pages.get(department)!, options);
  expect(await page.textContent('h1'), department).toBe(`${department}辅导员队伍建设情况`);
  return page;
}

describe('department pages', () => {
  it('departments.html links one page per department', () => {
    expect([...pages.keys()].sort()).toEqual(departments);
    expect(departments).toHaveLength(12);
    // Readable file names: the department's own name, percent-encoded in the link.
    for (const [department, path] of pages) expect(path, department).toBe(`departments/${encodeURIComponent(department)}.html`);
  });

  it('the demo gives the ranks something to decide: ties, and both directions', () => {
    const latest = semesters.at(-1)!;
    const ranks = (m: (typeof MEASURE_IDS)[number]) => departments.map((d) => expectedRank(m, latest, d, departments, staffing, truth)?.rank);
    expect(new Set(ranks('ratio')).size).toBeLessThan(departments.length); // a tie on 师生比
    expect(new Set(ranks('training')).size).toBeGreaterThan(2);
  });

  it('every department page shows its values, status, institution figure and rank for the latest semester, with JavaScript off', async () => {
    const latest = semesters.at(-1)!;
    for (const department of departments) {
      const page = await openDepartment(department, { javaScriptEnabled: false });
      expect(await page.inputValue('#filter-semester')).toBe(latest);
      checkRanks(await readTable(page, 'ranks-table'), latest, department);
      await checkAreaPanels(page, latest, department);
      // The area panels below are the department's own: no row labelled 全院 holding the department's numbers.
      const training = await readTable(page, 'training-units-table');
      expect(Object.keys(training)).toEqual([department]);
      expect(num(training[department]!.counselors)).toBe(truth.training.get(latest)!.get(department)!.counselors);
      expect(Object.keys(await readTable(page, 'assistants-coverage-table'))).toEqual([department]);
      expect(num((await readTable(page, 'assistants-coverage-table'))[department]!.classes)).toBe(truth.assistants.get(latest)!.get(department)!.classes);
      expect(await page.$$eval('tbody tr[data-key^="全院"]', (rows) => rows.length), `${department}: a 全院 row on the department's page`).toBe(0);
      // Its own labels: no heading or figure speaks of 各系部 or of 全院 as if the page were the institution's.
      const labels = await page.$$eval('main h2, main .card dt', (els) => els.map((e) => e.textContent ?? ''));
      for (const label of labels) expect(label, `${department}: ${label}`).not.toMatch(/^各系部|全院专职辅导员缺口|未达标系部/);
      expect(await page.textContent('[data-figure="gap"] dt')).toBe(`${department}专职辅导员缺口`);
      await page.context().close();
    }
  });

  it('on a phone, where the page draws its panels again from the rows it embeds, still shows each rank with its ties', async () => {
    const latest = semesters.at(-1)!;
    // Every department shares 考核完成率's first place in the demo (the test above checks there are ties).
    const department = departments[0]!;
    const page = await openDepartment(department, { viewport: { width: 390, height: 844 } });
    await waitForEngine(page);
    checkRanks(await readTable(page, 'ranks-table'), latest, department);
    await page.context().close();
  });

  it('switches semester on a department page through DuckDB-WASM', async () => {
    // A department whose ranks move between semesters, so a stale table would show.
    const department = '医学护理系';
    const page = await openDepartment(department);
    await waitForEngine(page);
    for (const semester of [semesters[2]!, semesters[0]!]) {
      await setFilters(page, { semester });
      expect(page.url()).toContain(`semester=${semester}`);
      expect(page.url()).not.toContain('department=');
      checkRanks(await readTable(page, 'ranks-table'), semester, department);
      expect(await page.textContent('h1')).toBe(`${department}辅导员队伍建设情况`);
    }
    await page.context().close();
  });

  it('opens a section 口径与依据 with the same text as the area page’s (a department page leaves it to its script)', async () => {
    const page = await openDepartment('医学护理系');
    const area = await h.open('workload.html', { javaScriptEnabled: false });
    const rule = (p: Page, panel: string) => p.$eval(`#panel-${panel} details.rule`, (d) => d.textContent!.replace(/^口径与依据/, '').trim());
    const expected = await rule(area, 'norms');
    expect(expected.length).toBeGreaterThan(20);
    await page.click('#panel-workload-norms details.rule summary');
    await expect.poll(() => rule(page, 'workload-norms')).toBe(expected);
    await page.context().close();
    await area.context().close();
  });

  it('made no request to any other host, asked the server for nothing missing, and logged no error', () => {
    expect(h.external).toEqual([]);
    expect(h.server.failures).toEqual([]);
    expect(h.consoleErrors).toEqual([]);
  });
});
