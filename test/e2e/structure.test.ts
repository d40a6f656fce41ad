/**
 * The 队伍结构 page and the department pages' structure panels against the demo exports: every
 * figure (shares of women, party members, master's or above, senior titles, the mean age, the
 * categories with their 未填写) equals what test/support/oracle-structure.ts computes from the
 * rosters, in the first view and after filter changes through DuckDB-WASM; the people lists hold
 * exactly the people the rules pick out; a download holds the rows shown.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharePercent as pct, semesterText } from '../support/format.ts';
import { computeStructureTruth, described, meanAge, type Scope, type StructureTruth, type StructureUnit } from '../support/oracle-structure.ts';
import { download, num, parseCsvDownload, readTable, setFilters, startHarness, waitForEngine, type Harness } from '../support/site.ts';

const INSTITUTION = '全院';
let h: Harness;
let truth: StructureTruth;
let semesters: string[];

beforeAll(async () => {
  truth = await computeStructureTruth();
  semesters = [...truth.keys()].sort();
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

const unit = (semester: string, dept: string, scope: Scope = 'full_time') => truth.get(semester)!.get(dept)!.get(scope)!;
const ageText = (u: StructureUnit) => (meanAge(u) === null ? '—' : `${meanAge(u)!.toFixed(1)} 岁`);
const previous = (semester: string) => semesters[semesters.indexOf(semester) - 1] ?? null;

/** The headline figures as README defines them: [id, count, unknown]. */
const figures = (u: StructureUnit) =>
  [
    ['women', u.women, u.people.length - u.genderKnown],
    ['young', u.young, u.people.length - u.ageKnown],
    ['party', u.party, u.people.length - u.politicalKnown],
    ['masters', u.masters, u.people.length - u.educationKnown],
    ['senior', u.senior, u.people.length - u.titleKnown],
    ['below_min_education', u.below, u.people.length - u.educationKnown],
  ] as const;

/** How a change of a share is written: points with one decimal, under 0.05 points 持平. */
function shareChange(a: number, an: number, b: number, bn: number): string {
  const d = a / an - b / bn;
  return Math.abs(d) < 5e-4 ? '持平' : `${d > 0 ? '上升' : '下降'}${Math.abs(d * 100).toFixed(1)}个百分点`;
}

async function checkSummary(page: Page, semester: string, dept: string, scope: Scope, prefix = '') {
  const u = unit(semester, dept, scope);
  const n = u.people.length;
  const at = `${semester} ${dept} ${scope}`;
  const card = (key: string) => page.textContent(`#panel-${prefix}summary [data-figure="${key}"] dd`).then((t) => t ?? '');
  expect.soft(await card('people'), at).toBe(`${n} 人`);
  expect.soft(await card('mean_age'), at).toBe(ageText(u));
  for (const [id, count] of figures(u)) expect.soft(await card(id), `${at} ${id}`).toBe(`${count} 人 · ${pct(count, n)}`);

  const table = await readTable(page, `${prefix}summary-table`);
  const prev = previous(semester);
  const before = prev && truth.get(prev)?.get(dept)?.get(scope);
  const comparable = before && before.people.length > 0 && described(before) ? before : null;
  for (const [id, count, unknown] of figures(u)) {
    const row = table[id]!;
    expect.soft(num(row.count), `${at} ${id} 人数`).toBe(count);
    expect.soft(row.value, `${at} ${id} 占比`).toBe(pct(count, n));
    expect.soft(num(row.unknown), `${at} ${id} 未填写`).toBe(unknown);
    const bc = comparable ? Object.fromEntries(figures(comparable).map(([k, c]) => [k, c]))[id]! : null;
    expect.soft(row.previous, `${at} ${id} 上学期`).toBe(comparable ? pct(bc!, comparable.people.length) : '无数据');
    expect.soft(row.change, `${at} ${id} 变化`).toBe(comparable ? shareChange(count, n, bc!, comparable.people.length) : '—');
  }
  expect.soft(table.mean_age!.value, `${at} 平均年龄`).toBe(ageText(u));
  expect.soft(num(table.mean_age!.unknown), `${at} 年龄未填写`).toBe(n - u.ageKnown);
  expect.soft(table.people!.value, `${at} 人数`).toBe(String(n));
}

async function checkBreakdown(page: Page, semester: string, dept: string, scope: Scope, prefix = '') {
  const u = unit(semester, dept, scope);
  const n = u.people.length;
  const rows = Object.values(await readTable(page, `${prefix}breakdown-table`));
  for (const [dimension, categories] of u.categories) {
    const shown = rows.filter((r) => r.dimension === dimension);
    // Every category the page lists, with its count; those the oracle never saw are 0.
    const got = Object.fromEntries(shown.map((r) => [r.category, num(r.people)]));
    const want = Object.fromEntries(shown.map((r) => [r.category, categories.get(r.category!) ?? 0]));
    expect.soft(got, `${semester} ${dept} ${dimension}`).toEqual(want);
    for (const c of categories.keys()) expect.soft(Object.keys(got), `${semester} ${dept} ${dimension} lists ${c}`).toContain(c);
    for (const r of shown) expect.soft(r.share, `${semester} ${dept} ${dimension} ${r.category}`).toBe(pct(categories.get(r.category!) ?? 0, n));
  }
}

async function checkCompare(page: Page, semester: string, scope: Scope, only?: string) {
  const table = await readTable(page, 'compare-table');
  const depts = [...truth.get(semester)!.keys()].filter((d) => d !== INSTITUTION && unit(semester, d, scope).people.length > 0);
  expect(Object.keys(table).sort()).toEqual(only ? [only] : [...depts, INSTITUTION].sort());
  for (const [d, row] of Object.entries(table)) {
    const u = unit(semester, d, scope);
    const n = u.people.length;
    const at = `${semester} ${d}`;
    expect.soft(num(row.people), at).toBe(n);
    expect.soft(row.mean_age, `${at} 平均年龄`).toBe(meanAge(u) === null ? '—' : meanAge(u)!.toFixed(1));
    for (const [id, count] of figures(u)) expect.soft(id === 'below_min_education' ? num(row[id]) : row[id], `${at} ${id}`).toBe(id === 'below_min_education' ? count : pct(count, n));
  }
}

/** 学历 per department (the stacked bars' table) and 未填写 per attribute (the completeness table), from the rosters. */
async function checkStacksAndCompleteness(page: Page, semester: string, scope: Scope) {
  const departments = [...truth.get(semester)!.keys()].filter((d) => d !== INSTITUTION && unit(semester, d, scope).people.length > 0);
  const count = (u: StructureUnit, dimension: string, category: string) => u.categories.get(dimension)?.get(category) ?? 0;
  const stacks = await readTable(page, 'stacks-table');
  expect(Object.keys(stacks).sort(), `${semester} 学历构成`).toEqual([...departments].sort());
  const EDUCATION: Array<[string, string]> = [['doctor', '博士研究生'], ['master', '硕士研究生'], ['bachelor', '本科'], ['college', '专科'], ['secondary', '中专及以下'], ['unknown', '未填写']];
  for (const d of departments) {
    const u = unit(semester, d, scope);
    expect.soft(EDUCATION.map(([col]) => num(stacks[d]![col])), `${semester} ${d} 学历`).toEqual(EDUCATION.map(([, label]) => count(u, '学历', label)));
    expect.soft(num(stacks[d]!.total), `${semester} ${d} 合计`).toBe(u.people.length);
  }
  const completeness = await readTable(page, 'completeness-table');
  const ATTRIBUTES: Array<[string, string]> = [['gender', '性别'], ['age', '年龄'], ['political', '政治面貌'], ['education', '学历'], ['degree', '学位'], ['title', '职称'], ['years', '从事辅导员工作年限']];
  expect(Object.keys(completeness).sort(), `${semester} 未填写`).toEqual([...departments].sort());
  for (const d of departments) {
    const u = unit(semester, d, scope);
    expect.soft(ATTRIBUTES.map(([col]) => num(completeness[d]![col])), `${semester} ${d} 未填写`).toEqual(ATTRIBUTES.map(([, dim]) => count(u, dim, '未填写')));
  }
}

/**
 * The list of people to look at (the 队伍结构 page's, or a department page's with `prefix`):
 * exactly those the rosters show below 本科, hired by a disallowed method, or not party members,
 * each with what applies; the first two marked as rules not met. Returns how many it expected.
 */
async function checkPeople(page: Page, semester: string, dept: string, prefix = ''): Promise<number> {
  const people = unit(semester, dept).people;
  const notMember = (c: (typeof people)[number]) => c.political !== null && !['中共党员', '中共预备党员'].includes(c.political);
  const ruleNotMet = (c: (typeof people)[number]) => c.education === '专科' || ['人事代理', '劳务派遣'].includes(c.hiring);
  const key = (c: (typeof people)[number]) => `${c.department}|${c.staffId}`;
  const want = people.filter((c) => ruleNotMet(c) || notMember(c));
  const table = await readTable(page, `${prefix}people-table`);
  expect(Object.keys(table).sort(), `${semester} ${dept} 需要关注的人员`).toEqual(want.map(key).sort());
  for (const c of want) {
    const row = table[key(c)]!;
    expect.soft(row.what!.includes('学历低于本科'), c.name).toBe(c.education === '专科');
    expect.soft(row.what!.includes('非中共党员（提示）'), c.name).toBe(notMember(c));
  }
  // Below 本科 and disallowed hiring are marked as rules not met; non-membership is not.
  const flagged = await page.$$eval(`#${prefix}people-table tr.row--bad`, (rows) => rows.map((r) => r.getAttribute('data-key')));
  expect(flagged.sort(), `${semester} ${dept} 不符合要求`).toEqual(people.filter(ruleNotMet).map(key).sort());
  return want.length;
}

describe('队伍结构 page', () => {
  it('shows the full-time counselors’ structure of the latest semester in the HTML, with JavaScript off', async () => {
    const page = await h.open('structure.html', { javaScriptEnabled: false });
    const latest = semesters.at(-1)!;
    expect(await page.inputValue('#filter-semester')).toBe(latest);
    expect(await page.inputValue('#filter-employment')).toBe('full_time');
    await checkSummary(page, latest, INSTITUTION, 'full_time');
    await checkBreakdown(page, latest, INSTITUTION, 'full_time');
    await checkCompare(page, latest, 'full_time');
    await checkStacksAndCompleteness(page, latest, 'full_time');
    // Charts are in the HTML: the shares per dimension, per department, and the age pyramid.
    for (const id of ['breakdown-chart', 'stacks-chart', 'pyramid-chart']) expect(await page.$$eval(`#${id} svg rect`, (r) => r.length), id).toBeGreaterThan(0);
    await page.context().close();
  });

  it('the age pyramid counts each band by gender, 未填写 included', async () => {
    const page = await h.open('structure.html', { javaScriptEnabled: false });
    const latest = semesters.at(-1)!;
    const u = unit(latest, INSTITUTION);
    const table = Object.values(await readTable(page, 'pyramid-table'));
    const count = (band: string, g: '男' | '女' | null) => u.people.filter((c) => (c.ageBand ?? '未填写') === band && c.gender === g).length;
    for (const r of table) {
      expect.soft(num(r.male), r.band).toBe(count(r.band!, '男'));
      expect.soft(num(r.female), r.band).toBe(count(r.band!, '女'));
      expect.soft(num(r.unknown), r.band).toBe(count(r.band!, null));
    }
    expect(table.reduce((s, r) => s + num(r.total), 0)).toBe(u.people.length);
    await page.context().close();
  });

  it('lists exactly the people below 本科, hired by a disallowed method, or not party members (the last as information)', async () => {
    const page = await h.open('structure.html', { javaScriptEnabled: false });
    const picked = await checkPeople(page, semesters.at(-1)!, INSTITUTION);
    expect(picked, 'people listed on the 队伍结构 page').toBeGreaterThan(3);
    await page.context().close();
  });

  it('switches semester, department and 专职/兼职 through DuckDB-WASM, and says when a roster has no structure columns', async () => {
    const page = await h.open('structure.html');
    await waitForEngine(page);
    const earlier = semesters.at(-3)!; // 2025-2026-1: the first with the 辅导员信息表 columns
    await setFilters(page, { semester: earlier });
    await checkSummary(page, earlier, INSTITUTION, 'full_time');
    await checkCompare(page, earlier, 'full_time');
    await setFilters(page, { department: '机电工程系', employment: 'part_time' });
    await checkSummary(page, earlier, '机电工程系', 'part_time');
    await checkBreakdown(page, earlier, '机电工程系', 'part_time');
    await checkCompare(page, earlier, 'part_time', '机电工程系');
    await setFilters(page, { department: '', employment: 'all', semester: semesters.at(-1)! });
    await checkSummary(page, semesters.at(-1)!, INSTITUTION, 'all');
    await checkBreakdown(page, semesters.at(-1)!, INSTITUTION, 'all');
    expect(page.url()).toContain('employment=all');

    // 2024-2025-2's rosters carry none of the columns: said in words, not shown as zeros.
    await setFilters(page, { semester: semesters[0]!, employment: 'full_time' });
    expect(await page.textContent('#panel-summary')).toContain('没有填写性别、出生年月、政治面貌、学历、职称等信息');
    expect(await page.$$('#panel-summary [data-figure]')).toHaveLength(0);
    await page.context().close();
  });

  it('the department comparison downloads as the rows shown', async () => {
    const page = await h.open('structure.html');
    await waitForEngine(page);
    const latest = semesters.at(-1)!;
    const file = await download(page, 'compare', 'csv');
    const csv = parseCsvDownload(file.bytes);
    // The semester the rows are for leads each row (the table has no column of its own for it).
    expect(csv.header.slice(0, 4)).toEqual(['学期', '系部', '人数', '女性（%）']);
    const shown = await readTable(page, 'compare-table');
    expect(csv.rows.map((r) => r[1]).sort()).toEqual(Object.keys(shown).sort());
    for (const r of csv.rows) {
      const u = unit(latest, r[1]!);
      expect.soft(r[0], r[1]).toBe(semesterText(latest));
      expect.soft(Number(r[2]), r[1]).toBe(u.people.length);
      // A percentage goes out as the number shown (43.2), not as text.
      expect.soft(Number(r[3]), r[1]).toBe(Number(pct(u.women, u.people.length).replace('%', '')));
    }
    await page.context().close();
  });

  it('every department page shows its own structure and its people to look at, as the rosters give them', async () => {
    const list = await h.open('departments.html', { javaScriptEnabled: false });
    const links = await list.$$eval('.department-list a[href]', (as) => as.map((a) => [a.textContent!.trim(), a.getAttribute('href')!] as [string, string]));
    await list.context().close();
    // The loop below checks each linked page: there must be one per department with a roster.
    expect(links.map(([d]) => d).sort()).toEqual(expect.arrayContaining([...truth.get(semesters.at(-1)!)!.keys()].filter((d) => d !== '全院')));
    const latest = semesters.at(-1)!;
    let listed = 0;
    for (const [dept, path] of links) {
      const page = await h.open(path, { javaScriptEnabled: false });
      await checkSummary(page, latest, dept, 'full_time', 'structure-');
      await checkBreakdown(page, latest, dept, 'full_time', 'structure-');
      listed += await checkPeople(page, latest, dept, 'structure-');
      await page.context().close();
    }
    // The people lists above were not all empty: some department page lists someone.
    expect(listed, 'people listed over the department pages').toBeGreaterThan(0);
  });

  it('made no request to any other host and logged no error', () => {
    expect(h.external).toEqual([]);
    expect(h.server.failures).toEqual([]);
    expect(h.consoleErrors).toEqual([]);
  });
});

