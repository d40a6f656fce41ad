/**
 * The 助理 page against the demo exports: per department the classes, the classes with an
 * assistant, the share, classes with two or more, assistants, assistants whose class is not
 * listed and the eligibility counts; the classes without an assistant; the assistants who miss a
 * condition; the assistants' assessment results; and the spring semester served by the autumn
 * roster and class list of its academic year. Compared with test/support/oracle-metrics.ts.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeMetricsTruth, INSTITUTION, POLICY, type AssistantPerson, type AssistantUnit, type MetricsTruth } from '../support/oracle-metrics.ts';
import { num, readTable, setFilters, startHarness, waitForEngine, waitForShown, type Harness } from '../support/site.ts';
import { sharePercent as pct } from '../support/format.ts';

let h: Harness;
let truth: MetricsTruth;
let latest: string;
const AUTUMN = '2025-2026-1';
const SPRING = '2025-2026-2';
/** Sent seed 000's 考核情况汇总表 for the spring semester: it lists the classes, so it is that department's roster then. */
const OWN_SPRING_ROSTER = '机电工程系';
/** A table's rows but those of that department and of 全院 (which adds it in). */
const othersOf = (table: Record<string, Record<string, string>>) =>
  Object.fromEntries(Object.entries(table).filter(([key, row]) => !key.includes(OWN_SPRING_ROSTER) && !Object.values(row).includes(OWN_SPRING_ROSTER) && !key.includes(INSTITUTION)));

beforeAll(async () => {
  truth = await computeMetricsTruth();
  latest = [...truth.trainingYear.keys()].sort().at(-1)!;
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});


const yearOk = (p: AssistantPerson) => p.studyYear === 2 || p.studyYear === 3;
const politicalOk = (p: AssistantPerson) => p.political === '中共党员' || p.political === '中共预备党员';
const flagged = (p: AssistantPerson, u: AssistantUnit) => !yearOk(p) || !politicalOk(p) || p.failedCourses !== 0 || !p.classListed || u.multiple.includes(p.className);

/** The departments shown under a department filter (or all), from the oracle's semester. */
function unitsOf(semester: string, department: string | null): Array<[string, AssistantUnit]> {
  return [...(truth.assistants.get(semester) ?? new Map<string, AssistantUnit>())].filter(([d]) => d !== INSTITUTION && (!department || d === department));
}

function checkCoverage(table: Record<string, Record<string, string>>, semester: string, department: string | null) {
  const units = unitsOf(semester, department);
  // 全院 for the whole institution only: under a department filter it would be that department's numbers.
  const want: Array<[string, AssistantUnit]> = department ? units : [...units, [INSTITUTION, truth.assistants.get(semester)!.get(INSTITUTION)!]];
  expect(Object.keys(table).sort(), `${semester} rows`).toEqual(want.map(([d]) => d).sort());
  for (const [dept, u] of want) {
    const row = table[dept]!;
    const at = `${semester} ${dept}`;
    expect.soft(num(row.classes), `${at} 班级数`).toBe(u.classes);
    expect.soft(num(row.covered), `${at} 已配助理班级`).toBe(u.covered);
    expect.soft(row.share, `${at} 配备比例`).toBe(pct(u.covered, u.classes));
    expect.soft(num(row.shared), `${at} 多于 1 名助理`).toBe(u.multiple.length);
    expect.soft(num(row.assistants), `${at} 助理人数`).toBe(u.assistants);
    expect.soft(num(row.unmatched), `${at} 班级不在名单中`).toBe(u.unmatched.length);
    expect.soft(num(row.year_ok), `${at} 年级符合`).toBe(u.yearEligible);
    expect.soft(num(row.political_ok), `${at} 政治面貌符合`).toBe(u.politicalEligible);
    expect.soft(num(row.courses_ok), `${at} 无不及格课程`).toBe(u.noFailed);
  }
}

function checkUncovered(table: Record<string, Record<string, string>>, semester: string, department: string | null) {
  const want = unitsOf(semester, department).flatMap(([d, u]) => u.uncovered.map((c) => `${d}|${c}`));
  expect(Object.keys(table).sort(), `${semester} uncovered classes`).toEqual(want.sort());
  for (const key of want) expect.soft(table[key]!.class_name, key).toBe(key.split('|')[1]);
}

function checkEligibility(table: Record<string, Record<string, string>>, semester: string, department: string | null) {
  const want = unitsOf(semester, department).flatMap(([, u]) => u.people.filter((p) => flagged(p, u)).map((p) => ({ p, u })));
  const key = (p: AssistantPerson) => `${p.department}|${p.studentId ?? p.name}|${p.className}`;
  expect(Object.keys(table).sort(), `${semester} eligibility list`).toEqual(want.map(({ p }) => key(p)).sort());
  for (const { p, u } of want) {
    const row = table[key(p)]!;
    const at = `${semester} ${p.department} ${p.name}`;
    expect.soft(row.name, at).toBe(p.name);
    expect.soft(row.class_name, at).toBe(p.className);
    expect.soft(row.failed_courses, `${at} 不及格课程数`).toBe(p.failedCourses === null ? '未填' : String(p.failedCourses));
    // The problems column names each condition missed, and no other.
    expect.soft(row.problems!.includes('年级不符'), `${at} ${row.problems}`).toBe(!yearOk(p));
    expect.soft(row.problems!.includes('政治面貌'), `${at} ${row.problems}`).toBe(!politicalOk(p));
    expect.soft(row.problems!.includes('不及格课程'), `${at} ${row.problems}`).toBe(p.failedCourses !== 0);
    expect.soft(row.problems!.includes('班级不在班级名单中'), `${at} ${row.problems}`).toBe(!p.classListed);
    expect.soft(row.problems!.includes('该班有多名助理'), `${at} ${row.problems}`).toBe(u.multiple.includes(p.className));
  }
}

function checkResults(table: Record<string, Record<string, string>>, semester: string, department: string | null) {
  const units = [...(truth.assessment.get(semester) ?? new Map())]
    .map(([d, roles]) => [d, roles.get('assistant')] as const)
    .filter(([d, u]) => u && d !== INSTITUTION && (!department || d === department));
  const total = truth.assessment.get(semester)?.get(INSTITUTION)?.get('assistant');
  const want = total && !department ? [...units, [INSTITUTION, total] as const] : units;
  expect(Object.keys(table).sort(), `${semester} results`).toEqual(want.map(([d]) => d).sort());
  for (const [dept, u] of want) {
    const row = table[dept]!;
    const at = `${semester} ${dept} 助理考核`;
    expect.soft(num(row.assessed), `${at} 参评`).toBe(u!.count);
    expect.soft(num(row.excellent), `${at} 优秀`).toBe(u!.grades.excellent);
    expect.soft(num(row.good), `${at} 良好`).toBe(u!.grades.good);
    expect.soft(num(row.pass), `${at} 合格`).toBe(u!.grades.pass);
    expect.soft(num(row.fail), `${at} 不合格`).toBe(u!.grades.fail);
    expect.soft(row.excellent_share, `${at} 优秀率`).toBe(pct(u!.grades.excellent, u!.count));
  }
}

const GRADE_TEXT: Record<string, string> = { excellent: '优秀', good: '良好', pass: '合格', fail: '不合格' };

/** 迟到: exactly the assistants late more than 3 times (seed 002), with their count, grades and whether the rule was applied. */
function checkLateness(table: Record<string, Record<string, string>>, semester: string, department: string | null) {
  const want = (truth.lateness.get(semester) ?? []).filter((p) => !department || p.department === department);
  const key = (p: (typeof want)[number]) => `${p.department}|${p.personId ?? p.name}|${p.role}`;
  expect(Object.keys(table).sort(), `${semester} 迟到`).toEqual(want.map(key).sort());
  for (const p of want) {
    const row = table[key(p)]!;
    expect.soft([row.name, num(row.late_count), row.grade, row.grade_recorded, row.status], `${semester} ${p.name} 迟到`).toEqual([
      p.name, p.lateCount, GRADE_TEXT[p.grade], p.recorded ? GRADE_TEXT[p.recorded] : '', p.applied ? '已评为不合格' : '应评为不合格，请核实',
    ]);
  }
}

/** 研究生德育工作助理: every one on the semester's roster, post type, months in post (to leaving, or to the semester's first day), what is flagged; the count per post type. */
async function checkGraduates(page: Page, semester: string, department: string | null) {
  const want = (truth.graduates.get(semester) ?? []).filter((p) => !department || p.department === department);
  const key = (p: (typeof want)[number]) => `${p.department}|${p.studentId ?? p.name}`;
  const table = await readTable(page, 'graduates-table');
  expect(Object.keys(table).sort(), `${semester} 研究生德育助理`).toEqual(want.map(key).sort());
  const min = POLICY.graduateMinMonths;
  for (const p of want) {
    const row = table[key(p)]!;
    const at = `${semester} ${p.name}`;
    expect.soft([row.name, row.post_type, num(row.months_in_post)], at).toEqual([p.name, p.post ?? p.postText, p.monthsInPost]);
    const short = p.monthsInPost !== null && p.monthsInPost < min;
    expect.soft(row.what!.includes('即离岗'), `${at} ${row.what}`).toBe(p.left && short);
    expect.soft(row.what!.includes('上岗未满'), `${at} ${row.what}`).toBe(!p.left && short);
    const partyOk = p.post === '党建' ? p.political === '中共党员' : p.political === '中共党员' || p.political === '中共预备党员';
    expect.soft(row.what!.includes('党员'), `${at} 政治面貌 ${row.what}`).toBe(!partyOk && p.political !== '');
  }
  const note = (await page.textContent('#panel-graduates .note').catch(() => null)) ?? '';
  const perPost = new Map<string, number>();
  for (const p of want) perPost.set(p.post ?? '其他', (perPost.get(p.post ?? '其他') ?? 0) + 1);
  for (const [post, n] of perPost) expect.soft(note, `${semester} 按岗位类型`).toContain(`${post} ${n} 人`);
}

async function checkPage(page: Page, semester: string, department: string | null) {
  checkCoverage(await readTable(page, 'coverage-table'), semester, department);
  checkUncovered(await readTable(page, 'uncovered-table'), semester, department);
  checkEligibility(await readTable(page, 'eligibility-table'), semester, department);
  checkResults(await readTable(page, 'results-table'), semester, department);
  checkLateness(await readTable(page, 'lateness-table'), semester, department);
  await checkGraduates(page, semester, department);
}

describe('助理 page', () => {
  it('the demo has what the checks need', () => {
    const all = truth.assistants.get(latest)!.get(INSTITUTION)!;
    expect(all.classes - all.covered).toBeGreaterThan(10);
    expect(all.assistants - all.politicalEligible).toBeGreaterThan(10);
    expect(all.assistants - all.noFailed).toBeGreaterThan(0);
    // The spring semester has no roster or class list of its own: the autumn ones serve it — but for the
    // department whose spring 汇总表 lists classes (no 政治面貌 or 不及格课程数 in it: shown as not reported).
    for (const [d, u] of truth.assistants.get(SPRING)!)
      if (d !== INSTITUTION) expect([u.rosterFrom, u.classesFrom], d).toEqual([d === OWN_SPRING_ROSTER ? SPRING : AUTUMN, AUTUMN]);
    expect(truth.assistants.get(SPRING)!.get(OWN_SPRING_ROSTER)).toMatchObject({ politicalEligible: 0, noFailed: 0 });
    // Lateness: someone late exactly 3 times (not over), someone over and rated 不合格, someone over and rated better.
    expect(truth.assessed.some((a) => a.role === 'assistant' && a.lateCount === 3)).toBe(true);
    const late = [...truth.lateness.values()].flat();
    expect(late.some((p) => p.applied) && late.some((p) => !p.applied)).toBe(true);
    // Graduate assistants: one who left before a year, one in post under a year, one a full year.
    const grads = [...truth.graduates.values()].flat();
    expect(grads.some((p) => p.left && p.monthsInPost! < POLICY.graduateMinMonths)).toBe(true);
    expect(grads.some((p) => !p.left && p.monthsInPost! < POLICY.graduateMinMonths)).toBe(true);
    expect(grads.some((p) => p.monthsInPost === POLICY.graduateMinMonths)).toBe(true);
  });

  it('shows every department, the classes without an assistant, the flagged assistants and the results in the HTML, with JavaScript off', async () => {
    const page = await h.open('assistants.html', { javaScriptEnabled: false });
    expect(await page.inputValue('#filter-semester')).toBe(latest);
    await checkPage(page, latest, null);
    await page.context().close();
  });

  it('the spring semester shows the autumn roster and class list of its academic year, and its own assessment results', async () => {
    const page = await h.open('assistants.html');
    await waitForEngine(page);
    await setFilters(page, { semester: AUTUMN });
    const autumn = {
      coverage: await readTable(page, 'coverage-table'),
      uncovered: await readTable(page, 'uncovered-table'),
      eligibility: await readTable(page, 'eligibility-table'),
    };
    checkCoverage(autumn.coverage, AUTUMN, null);
    expect(await page.textContent('#results-table tbody')).toContain('没有助理考核结果');

    await setFilters(page, { semester: SPRING });
    await checkPage(page, SPRING, null);
    expect(othersOf(await readTable(page, 'coverage-table'))).toEqual(othersOf(autumn.coverage));
    expect(await readTable(page, 'uncovered-table')).toEqual(autumn.uncovered);
    expect(othersOf(await readTable(page, 'eligibility-table'))).toEqual(othersOf(autumn.eligibility));
    expect(Object.keys(othersOf(autumn.eligibility)).length).toBeGreaterThan(10);
    expect(Object.keys(await readTable(page, 'results-table')).length).toBeGreaterThan(1);
    await page.context().close();
  });

  it('narrows to one department through DuckDB-WASM, with no 全院 row standing for that department', async () => {
    const department = [...truth.assistants.get(latest)!.entries()].find(([d, u]) => d !== INSTITUTION && u.uncovered.length > 3)![0];
    const page = await h.open('assistants.html');
    await waitForEngine(page);
    await setFilters(page, { department });
    await checkPage(page, latest, department);
    await page.context().close();
  });

  it('a semester before any roster or class list says there is none, not that all is well', async () => {
    const oldest = [...truth.trainingYear.keys()].sort()[0]!;
    expect(truth.assistants.has(oldest)).toBe(false);
    const page = await h.open(`assistants.html?semester=${oldest}`);
    await waitForEngine(page);
    await waitForShown(page, { semester: oldest });
    // No row of zeros, and never "every class has an assistant" or "all eligible" for lists that do not exist.
    for (const id of ['coverage-table', 'uncovered-table', 'eligibility-table', 'results-table']) expect(await readTable(page, id), id).toEqual({});
    expect(await page.textContent('#coverage-table tbody')).toContain('没有班级名单或助理名册');
    expect(await page.textContent('#uncovered-table tbody')).toContain('没有班级名单');
    expect(await page.textContent('#eligibility-table tbody')).toContain('没有助理名册');
    await page.context().close();
  });

  it('made no request to any other host, asked the server for nothing missing, and logged no error', () => {
    expect(h.external).toEqual([]);
    expect(h.server.failures).toEqual([]);
    expect(h.consoleErrors).toEqual([]);
  });
});
