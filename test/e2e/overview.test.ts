/**
 * The 总览 page (index.html): the six area cards show the institution's figure, 达标/未达标 and
 * the change against the previous semester; the department table shows every department's
 * figures; the links to the department pages work. Expected values come from the independent
 * oracles through test/support/expected-measures.ts.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectedCompared, expectedDelta, expectedReading, hasValue, MEASURE_IDS, semesterLabel, statusWord, type Expected, type MeasureId } from '../support/expected-measures.ts';
import { computeMetricsTruth, INSTITUTION, type MetricsTruth } from '../support/oracle-metrics.ts';
import { computeTruth, expected, institution, type Truth } from '../support/oracle.ts';
import { readTable, setFilters, startHarness, waitForEngine, type Harness } from '../support/site.ts';

let h: Harness;
let staffing: Truth;
let truth: MetricsTruth;
let semesters: string[];
let departments: string[];

beforeAll(async () => {
  [staffing, truth] = await Promise.all([computeTruth('data/exports'), computeMetricsTruth()]);
  semesters = [...staffing.keys()].sort();
  departments = [...new Set([...staffing.values()].flatMap((m) => [...m.keys()]))];
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

const LABELS: Record<MeasureId, string> = {
  ratio: '师生比',
  workload: '周工作要求达成率',
  assessment: '考核完成率',
  quota: '优秀名额超额',
  training: '培训',
  assistants: '助理配备率',
  structure: '队伍结构',
};

const reading = (m: MeasureId, semester: string, unit: string) => expectedReading(m, semester, unit, staffing, truth);

/** The sentence under a card saying how the figure moved since the previous semester. */
function expectedChange(m: MeasureId, semester: string, now: Expected | null): string {
  const i = semesters.indexOf(semester);
  if (i === 0) return '无上一学期数据可比';
  const prev = semesters[i - 1]!;
  const before = reading(m, prev, INSTITUTION);
  if (!hasValue(now) || !hasValue(before)) return `上学期（${semesterLabel(prev)}）无可比数据`;
  return expectedCompared(m, now, before, '上学期');
}

async function checkCards(page: Page, semester: string) {
  for (const m of MEASURE_IDS) {
    const want = reading(m, semester, INSTITUTION);
    const card = page.locator(`[data-figure="${m}"]`);
    const at = `${semester} ${m}`;
    expect.soft(await card.locator('dt').textContent(), at).toContain(LABELS[m]);
    expect.soft(await card.locator('dd.card__value').textContent(), at).toBe(want ? want.text : '无数据');
    // 达标/未达标 as a flag beside the value.
    expect.soft(await card.locator('dd.card__status .flag').textContent(), at).toBe(statusWord(want));
    expect.soft(await card.locator('dd.card__note').textContent(), at).toBe(`${want ? `${want.detail}。` : ''}${expectedChange(m, semester, want)}。`);
    // Green or red as the words say, never colour alone.
    const cls = (await card.getAttribute('class')) ?? '';
    expect.soft(cls.includes('card--ok'), at).toBe(want?.ok === true);
    // A missed requirement of weight (师生比) red, a lesser one amber.
    expect.soft(cls.includes('card--bad'), at).toBe(want?.ok === false && m === 'ratio');
    expect.soft(cls.includes('card--warn'), at).toBe(want?.ok === false && m !== 'ratio');
  }
  // The table under the cards says the same.
  const table = await readTable(page, 'areas-table');
  expect(Object.keys(table)).toEqual([...MEASURE_IDS]);
  const i = semesters.indexOf(semester);
  for (const m of MEASURE_IDS) {
    const want = reading(m, semester, INSTITUTION);
    const before = i > 0 ? reading(m, semesters[i - 1]!, INSTITUTION) : null;
    const row = table[m]!;
    expect.soft(row.value, `${semester} ${m} 表`).toBe(want?.text ?? '无数据');
    expect.soft(row.status, `${semester} ${m} 表`).toBe(statusWord(want));
    expect.soft(row.previous, `${semester} ${m} 上学期`).toBe(before?.text ?? '无数据');
    expect.soft(row.change, `${semester} ${m} 变化`).toBe(hasValue(want) && hasValue(before) ? expectedDelta(m, want, before) : '—');
  }
}

async function checkDepartments(page: Page, semester: string) {
  const table = await readTable(page, 'departments-table');
  expect(Object.keys(table).sort()).toEqual([...departments].sort());
  for (const d of departments)
    for (const m of MEASURE_IDS) {
      const want = reading(m, semester, d);
      expect.soft(table[d]![m], `${semester} ${d} ${m}`).toBe(want ? `${want.text}${want.ok === false ? ' 未达标' : ''}` : '—');
    }
}

describe('总览 page', () => {
  it('the demo has what the checks need: 达标 and 未达标 cards, and changes both ways', () => {
    const latest = semesters.at(-1)!;
    const now = MEASURE_IDS.map((m) => reading(m, latest, INSTITUTION));
    expect(now.some((r) => r?.ok === true)).toBe(true);
    expect(now.some((r) => r?.ok === false)).toBe(true);
    expect(semesters.length).toBeGreaterThanOrEqual(3);
  });

  it('shows the latest semester’s cards, changes and department table in the HTML, with JavaScript off', async () => {
    const page = await h.open('index.html', { javaScriptEnabled: false });
    const latest = semesters.at(-1)!;
    expect(await page.inputValue('#filter-semester')).toBe(latest);
    await checkCards(page, latest);
    await checkDepartments(page, latest);
    await page.context().close();
  });

  it('leads with a headline sentence, then the cards by weight, each with its trend over the semesters — all in the HTML, with JavaScript off', async () => {
    const page = await h.open('index.html', { javaScriptEnabled: false });
    const latest = semesters.at(-1)!;
    const units = [...staffing.get(latest)!];
    const all = expected(institution(units.map(([, u]) => u)));
    const below = units.filter(([, u]) => u.students > 0 && !expected(u).compliant);
    const gaps = below.reduce((n, [, u]) => n + expected(u).gap, 0);
    const headline = (await page.textContent('#headline')) ?? '';
    const whole = `1:${Math.round(Number(all.ratioFullTime.replace(/,/g, '').slice(2)))}`;
    expect(headline).toContain(`专职辅导员${all.fullTime}人，师生比${whole}，${all.compliant ? '总体达到' : '未达到'}1:200要求；${below.length}个系部未达标，合计需增配${gaps}人`);
    // Every other measure missed is named in the sentence, in the cards' order.
    const missed = MEASURE_IDS.filter((m) => m !== 'ratio' && reading(m, latest, INSTITUTION)?.ok === false);
    expect(missed.length).toBeGreaterThan(0);
    // The cards by weight: staffing first, then daily work, training and assessment, then the rest.
    const order = await page.$$eval('#panel-cards [data-figure]', (cards) => cards.map((c) => c.getAttribute('data-figure')!));
    expect(order).toEqual(['ratio', 'workload', 'training', 'assessment', 'quota', 'assistants', 'structure']);
    const SHORT: Record<string, string> = { workload: '周工作要求达成率', assessment: '考核完成率', quota: '优秀名额', training: '培训学时达标率', assistants: '助理配备率', structure: '队伍结构' };
    const at = order.filter((m) => missed.includes(m as MeasureId)).map((m) => headline.indexOf(SHORT[m]!));
    expect(at.length).toBe(missed.length);
    expect(at.every((i) => i > 0)).toBe(true);
    expect(at).toEqual([...at].sort((a, b) => a - b));
    // A trend per card with at least two semesters of data, its semesters said in words.
    const sparks = await page.$$eval('#panel-cards [data-figure]', (cards) => cards.map((c) => ({ key: c.getAttribute('data-figure')!, label: c.querySelector('.card__spark svg')?.getAttribute('aria-label') ?? null })));
    for (const { key, label } of sparks) {
      const known = semesters.filter((s) => hasValue(reading(key as MeasureId, s, INSTITUTION)));
      if (known.length < 2) continue;
      expect(label, key).toContain(`近${known.length}个学期`);
      for (const s of known) expect(label, key).toContain(`${semesterLabel(s)} ${reading(key as MeasureId, s, INSTITUTION)!.text}`);
    }
    // 需要关注 in the same order as the cards.
    const attention = await page.$$eval('.attention li[data-attention]', (items) => items.map((li) => li.getAttribute('data-attention')!.split('|')[1]!));
    const ranks = attention.map((m) => order.indexOf(m));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    await page.context().close();
  });

  it('draws every department × indicator as a prerendered grid, 全院 first, each cell coloured by whether it meets its requirement', async () => {
    const page = await h.open('index.html', { javaScriptEnabled: false });
    const latest = semesters.at(-1)!;
    const grid = await page.$$eval('#departments-chart svg[aria-label="全院及各系部各项指标达标情况"]', ([svg]) => {
      const cells = [...svg!.querySelectorAll('g[aria-label="cell"] rect')].map((r) => r.querySelector('title')?.textContent ?? '');
      const rows = [...svg!.querySelectorAll('g[aria-label="y-axis tick label"] text')].map((t) => t.textContent);
      return { cells, rows };
    });
    expect(grid.rows[0]).toBe(INSTITUTION);
    expect([...grid.rows.slice(1)].sort()).toEqual([...departments].sort());
    expect(grid.cells).toHaveLength((departments.length + 1) * MEASURE_IDS.length);
    // Each cell's tooltip: "<unit> · <indicator>：<value>（<status>）", the status the oracle's.
    for (const unit of [INSTITUTION, ...departments]) {
      const own = grid.cells.filter((c) => c.startsWith(`${unit} · `));
      expect(own, unit).toHaveLength(MEASURE_IDS.length);
      const statuses = MEASURE_IDS.map((m) => statusWord(reading(m, latest, unit)));
      expect(own.map((c) => /（(达标|未达标|未设目标|无数据)）$/.exec(c)?.[1]), unit).toEqual(statuses);
    }
    await page.context().close();
  });

  it('lists under 需要关注 exactly the departments and indicators that miss their requirement', async () => {
    const page = await h.open('index.html', { javaScriptEnabled: false });
    const latest = semesters.at(-1)!;
    const listed = await page.$$eval('.attention li[data-attention]', (items) => items.map((li) => li.getAttribute('data-attention')!));
    const want = departments.flatMap((d) => MEASURE_IDS.filter((m) => reading(m, latest, d)?.ok === false).map((m) => `${d}|${m}`));
    expect(want.length).toBeGreaterThan(5);
    expect([...listed].sort()).toEqual([...want].sort());
    // In the rules file's order of weight (师生比 first), as written there beside each rule's source.
    const profile = JSON.parse(readFileSync('data/rules.json', 'utf8')).profiles.default;
    const RULE_OF: Record<string, [string, string]> = {
      ratio: ['staffing', 'max_students_per_counselor'], workload: ['workload', 'target_share'], assessment: ['assessment', 'completion'],
      quota: ['assessment', 'excellence_quota'], training: ['training', 'school_hours_per_year'], assistants: ['assistants', 'per_class'], structure: ['structure', 'headline'],
    };
    const weight = (m: string) => profile[RULE_OF[m]![0]]?.[RULE_OF[m]![1]]?.weight ?? 9;
    const order = listed.map((x) => weight(x.split('|')[1]!));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    // Classes without an assistant are information (每班可配备1名): never listed for that alone.
    for (const x of listed.filter((x) => x.endsWith('|assistants'))) expect(reading('assistants', latest, x.split('|')[0]!)?.ok).toBe(false);
    // The first eight are in view; the rest are one click away.
    expect(await page.$$eval('.attention ol > li', (items) => items.filter((li) => getComputedStyle(li).display !== 'none').length)).toBe(Math.min(8, want.length));
    if (want.length > 8) expect(await page.textContent('.attention .fold-label')).toContain(`展开全部 ${want.length} 项`);
    await page.context().close();
  });

  it('switches semester through DuckDB-WASM, down to the oldest, which has no previous semester', async () => {
    const page = await h.open('index.html');
    await waitForEngine(page);
    for (const semester of [semesters[1]!, semesters[0]!]) {
      await setFilters(page, { semester });
      await checkCards(page, semester);
      await checkDepartments(page, semester);
    }
    await page.context().close();
  });

  it('links every department to its page, and the page opens without an error', async () => {
    const page = await h.open('index.html', { javaScriptEnabled: false });
    const links = await page.$$eval('#panel-departments a[href]', (as) => as.map((a) => ({ text: a.textContent!.trim(), href: (a as HTMLAnchorElement).href })));
    expect(links.map((l) => l.text).sort()).toEqual([...departments].sort());
    for (const link of links) {
      const res = await page.request.get(link.href);
      expect(res.status(), link.href).toBe(200);
      expect(await res.text(), link.href).toContain(`<h1>${link.text}`);
    }
    await page.context().close();

    // Follow one link as a user would, with JavaScript on, until the page is interactive.
    const live = await h.open('index.html');
    const target = links[0]!;
    const [response] = await Promise.all([live.waitForNavigation(), live.click(`#panel-departments a:text-is("${target.text}")`)]);
    expect(response?.status()).toBe(200);
    expect(live.url()).toBe(target.href);
    expect(await live.textContent('h1')).toContain(target.text);
    await waitForEngine(live);
    // The area cards link to their pages too.
    await live.context().close();
    const cards = await h.open('index.html', { javaScriptEnabled: false });
    const cardLinks = await cards.$$eval('[data-figure] a[href]', (as) => as.map((a) => (a as HTMLAnchorElement).href));
    expect(cardLinks).toHaveLength(MEASURE_IDS.length);
    for (const href of cardLinks) expect((await cards.request.get(href)).status(), href).toBe(200);
    await cards.context().close();
  });

  it('made no request to any other host, asked the server for nothing missing, and logged no error', () => {
    expect(h.external).toEqual([]);
    expect(h.server.failures).toEqual([]);
    expect(h.consoleErrors).toEqual([]);
  });
});
