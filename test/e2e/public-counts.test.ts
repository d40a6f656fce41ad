/**
 * The public build's count panels — where the internal build lists people, the public one shows
 * how many per department (and 全院) — against the oracle's own lists, for the latest semester in
 * the prerendered pages. audience.test.ts compares every table both builds show alike; these
 * tables differ from the internal ones, so they are checked here. A count of 1 or 2 reads 少于3人 and
 * must be 1 or 2 in the oracle; a cell withheld with it (不公布) is not compared; every table must compare some rows.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeMetricsTruth, INSTITUTION, POLICY, type MetricsTruth } from '../support/oracle-metrics.ts';
import { readTable, startHarness, type Harness } from '../support/site.ts';

const PUBLIC_DIST = join(process.env.E2E_DIR ?? '.cache/e2e', 'dist-public');
let h: Harness;
let truth: MetricsTruth;
let latest: string;

beforeAll(async () => {
  truth = await computeMetricsTruth();
  latest = [...truth.trainingYear.keys()].sort().at(-1)!;
  h = await startHarness(PUBLIC_DIST);
});
afterAll(async () => {
  await h?.close();
});

/** Counts per `${department}|${rest}` key, with the 全院 total under `全院|${rest}`. */
function countBy<T extends { department: string }>(items: T[], rest: (x: T) => string = () => ''): Map<string, number> {
  const m = new Map<string, number>();
  for (const x of items) for (const d of [x.department, INSTITUTION]) m.set(`${d}|${rest(x)}`, (m.get(`${d}|${rest(x)}`) ?? 0) + 1);
  return m;
}

/** The public build's threshold (seed-independent: the rules' publish.min_group_size default) and how a small cell reads. */
const THRESHOLD = 3;
const SMALL = `少于${THRESHOLD}人`;

/** Every row that shows a number equals the oracle's count (0 where the oracle has none); returns how many were compared. */
function compare(table: Record<string, Record<string, string>>, want: Map<string, number>, column: string, what: string): number {
  let compared = 0;
  for (const [key, row] of Object.entries(table)) {
    const text = row[column] ?? '';
    const n = want.get(key) ?? 0;
    if (text === SMALL) {
      // The disclosure rule: a count of 1 or 2 people is shown as 少于3人, never as the number.
      expect.soft(n > 0 && n < THRESHOLD, `${what} ${key}: 少于${THRESHOLD}人 for ${n}`).toBe(true);
      compared++;
      continue;
    }
    if (!/^\d+$/.test(text)) continue; // withheld with another cell (不公布), so that no total gives it back
    expect.soft(Number(text), `${what} ${key}`).toBe(n);
    expect.soft(Number(text) > 0 && Number(text) < THRESHOLD, `${what} ${key}: a count under ${THRESHOLD} published`).toBe(false);
    compared++;
  }
  expect(compared, `${what}: rows compared`).toBeGreaterThan(0);
  return compared;
}

async function tables(path: string, ids: string[]) {
  const page = await h.open(path, { javaScriptEnabled: false });
  expect(await page.inputValue('#filter-semester')).toBe(latest);
  const out = Object.fromEntries(await Promise.all(ids.map(async (id) => [id, await readTable(page, id)] as const)));
  await page.context().close();
  return out;
}

describe('the public build’s counts', () => {
  it('师生比: counselors hired through 劳务派遣 or 人事代理 per department', async () => {
    const t = await tables('staffing.html', ['hiring-table']);
    compare(t['hiring-table']!, countBy(truth.flaggedHiring.get(latest)!), 'people', '派遣代理');
  });

  it('考核: two years 不合格, 十佳 candidates and grade mismatches per department', async () => {
    const t = await tables('assessment.html', ['consecutive-fail-table', 'top-counselors-table', 'mismatches-table']);
    compare(t['consecutive-fail-table']!, countBy(truth.consecutiveFail.get(latest)!), 'people', '连续不合格');
    compare(t['top-counselors-table']!, countBy(truth.topCounselors.get(latest)!), 'people', '十佳');
    compare(t['mismatches-table']!, countBy(truth.mismatches.filter((m) => m.semester === latest), (m) => m.role), 'people', '等次不符');
  });

  it('培训: counselors missing a training requirement, and new ones short of 40 hours of 岗前培训', async () => {
    const t = await tables('training.html', ['people-table', 'induction-table']);
    const people = [...truth.training.get(latest)!].filter(([d]) => d !== INSTITUTION).flatMap(([, u]) => u.people);
    compare(t['people-table']!, countBy(people.filter((p) => !p.metHours || !p.hasWider)), 'people', '培训未达要求');
    compare(t['induction-table']!, countBy(truth.induction.get(latest)!.filter((p) => !p.meets)), 'people', '岗前培训不足');
  });

  it('助理: assistants missing a condition, late more than 3 times, and graduate assistants per post type with those under a year', async () => {
    const t = await tables('assistants.html', ['eligibility-table', 'lateness-table', 'graduates-table']);
    const units = [...truth.assistants.get(latest)!].filter(([d]) => d !== INSTITUTION);
    const flagged = units.flatMap(([, u]) =>
      u.people.filter((p) => !(p.studyYear === 2 || p.studyYear === 3) || !['中共党员', '中共预备党员'].includes(p.political) || p.failedCourses !== 0 || !p.classListed || u.multiple.includes(p.className)),
    );
    compare(t['eligibility-table']!, countBy(flagged), 'people', '助理条件');
    compare(t['lateness-table']!, countBy(truth.lateness.get(latest)!, (p) => p.role), 'people', '迟到');
    const POST_CODES: Record<string, string> = { 党建: 'party', 团工作: 'league', 学术: 'academic', 就业: 'employment', 实践: 'practice', 文体: 'culture_sports', '信息（宣传）': 'information', 教育管理: 'education_management' };
    const grads = truth.graduates.get(latest)!;
    const byPost = (list: typeof grads) => new Map([...countBy(list, (p) => (p.post ? POST_CODES[p.post]! : ''))].filter(([k]) => !k.startsWith(INSTITUTION)));
    compare(t['graduates-table']!, byPost(grads), 'people', '研究生德育助理');
    compare(t['graduates-table']!, byPost(grads.filter((p) => p.monthsInPost !== null && p.monthsInPost < POLICY.graduateMinMonths)), 'short_tenure', '在岗不足一年');
  });

  it('工作量: people missing a weekly norm per role, and assistants keeping a log and meeting their norm every week', async () => {
    const t = await tables('workload.html', ['shortfalls-table', 'assistants-table']);
    const people = [...truth.shortfalls.get(latest)!].flatMap(([, roles]) => [...roles.values()].flat());
    compare(t['shortfalls-table']!, countBy(people.filter((p) => p.weeksMissing > 0), (p) => p.role), 'people', '未达要求人员');
    const assistants = people.filter((p) => p.role === 'assistant' || p.role === 'graduate_assistant');
    const field = (p: (typeof people)[number]) => `${p.role}|${truth.norms.find((n) => n.role === p.role && n.per === 'week')!.field}`;
    const noTotal = (m: Map<string, number>) => new Map([...m].filter(([k]) => !k.startsWith(INSTITUTION)));
    compare(t['assistants-table']!, noTotal(countBy(assistants, field)), 'people', '助理有工作记录');
    compare(t['assistants-table']!, noTotal(countBy(assistants.filter((p) => p.weeksMissing === 0), field)), 'every_week', '助理每周均达到');
  });

  it('made no request to any other host and logged no error', () => {
    expect(h.external).toEqual([]);
    expect(h.consoleErrors).toEqual([]);
  });
});
