/**
 * The 党委会汇报 report: its numbers equal those computed independently from the input files and
 * those the dashboard shows; the problems it lists follow from the data; `npm run report` writes
 * a PDF per semester with the expected pages and text.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeTruth, expected, institution, type Truth } from '../support/oracle.ts';
import { computeMetricsTruth, INSTITUTION, POLICY, type MetricsTruth } from '../support/oracle-metrics.ts';
import { num, ratioText, startHarness, type Harness } from '../support/site.ts';
import { sharePercent as pct, semesterText } from '../support/format.ts';
import { computeStructureTruth, meanAge, type StructureTruth } from '../support/oracle-structure.ts';
import type { Page } from 'playwright-core';

const E2E = process.env.E2E_DIR ?? '.cache/e2e';
let h: Harness;
let staffing: Truth;
let metrics: MetricsTruth;
let semesters: string[];
let structure: StructureTruth;

const int = (n: number) => n.toLocaleString('en-US');
/** "1:192.5" → "1:193": the ratio as the report's prose writes it. */
const whole = (ratio: string) => `1:${Math.round(Number(ratio.replace(/,/g, '').slice(2)))}`;

beforeAll(async () => {
  staffing = await computeTruth('data/exports');
  metrics = await computeMetricsTruth();
  structure = await computeStructureTruth();
  semesters = [...staffing.keys()].sort();
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

const numbersOf = (page: Page) =>
  page.$$eval('a.n[data-n]', (links) => Object.fromEntries(links.map((a) => [a.getAttribute('data-n')!, a.textContent!.trim()])));

describe('党委会汇报', () => {
  it('is linked from every dashboard page and lists every semester', async () => {
    const page = await h.open('index.html', { javaScriptEnabled: false });
    await page.click('nav a:has-text("党委会汇报")');
    const links = await page.$$eval('.report-list a:not(.pdf-link)', (as) => as.map((a) => a.getAttribute('href')));
    expect(links).toEqual([...semesters].reverse().map((s) => `report/${s}.html`));
    await page.context().close();
  });

  it('states the latest semester’s figures as the input files give them, and as the dashboard shows them', async () => {
    const s = semesters.at(-1)!;
    const page = await h.open(`report/${s}.html`, { javaScriptEnabled: false });
    const got = await numbersOf(page);
    const want = expected(institution(staffing.get(s)!.values()));
    expect(num(got.students)).toBe(want.students);
    expect(num(got.full_time)).toBe(want.fullTime);
    expect(num(got.part_time)).toBe(want.partTime);
    // Prose writes the ratio whole (the table keeps its decimal): 1:192.5 → 1:193.
    expect(ratioText(got.ratio_full_time)).toBe(whole(want.ratioFullTime));

    const w = metrics.workload.get(s)!.get(INSTITUTION)!.get('counselor')!.allWeekly;
    expect(num(got.workload_periods)).toBe(w.periods);
    expect(num(got.workload_met)).toBe(w.met);
    expect(got.workload_share).toBe(pct(w.met, w.periods));

    const quota = [...metrics.quota.get(s)!.get(INSTITUTION)!.values()];
    expect(num(got.quota_allowed)).toBe(quota.reduce((n, q) => n + q.allowed, 0));
    expect(num(got.quota_used)).toBe(quota.reduce((n, q) => n + q.used, 0));
    expect(num(got.quota_units_over)).toBe(quota.reduce((n, q) => n + q.unitsOver, 0));

    const t = metrics.training.get(s)!.get(INSTITUTION)!;
    expect(num(got.training_counselors)).toBe(t.counselors);
    expect(num(got.training_meets)).toBe(t.meetingHours);
    expect(num(got.training_without_higher)).toBe(t.withoutWider);

    // Counselors hired through 劳务派遣 or 人事代理, counted from the rosters.
    expect(num(got.p_flagged_hiring)).toBe(metrics.flaggedHiring.get(s)!.length);
    expect(num(got.training_short)).toBe(t.counselors - t.meetingHours);

    const a = metrics.assistants.get(s)!.get(INSTITUTION)!;
    expect(num(got.classes)).toBe(a.classes);
    expect(num(got.covered)).toBe(a.covered);
    expect(got.coverage).toBe(pct(a.covered, a.classes));

    // The dashboard's staffing cards show the same figures.
    const dash = await h.open('staffing.html', { javaScriptEnabled: false });
    const card = (key: string) => dash.textContent(`[data-figure="${key}"] dd`).then((x) => x ?? '');
    expect(num(await card('students'))).toBe(num(got.students));
    expect(whole(ratioText(await card('ratio_full_time')))).toBe(ratioText(got.ratio_full_time));
    await dash.context().close();
    await page.context().close();
  });

  it('lists as problems exactly the departments below 1:200 and the units over quota', async () => {
    const s = semesters.at(-1)!;
    const page = await h.open(`report/${s}.html`, { javaScriptEnabled: false });
    const staffingProblem = (await page.textContent('[data-problem="staffing"]')) ?? '';
    const below = [...staffing.get(s)!].filter(([, u]) => u.students > 0 && !expected(u).compliant).map(([d]) => d);
    expect(below.length).toBeGreaterThan(0);
    for (const d of below) expect(staffingProblem).toContain(d);
    for (const [d, u] of staffing.get(s)!) if (expected(u).compliant) expect(staffingProblem).not.toContain(`${d}（`);

    const quotaProblem = (await page.textContent('[data-problem="quota"]')) ?? '';
    const over = [...metrics.quota.get(s)!].filter(([d]) => d !== INSTITUTION).flatMap(([d, roles]) => [...roles].filter(([, q]) => q.over).map(() => d));
    expect(over.length).toBeGreaterThan(0);
    for (const d of over) expect(quotaProblem).toContain(d);
    // …and none of the departments whose units are all within the quota.
    for (const d of metrics.quota.get(s)!.keys()) if (d !== INSTITUTION && !over.includes(d)) expect(quotaProblem, d).not.toContain(d);
    await page.context().close();
  });

  it('opens 基本情况 with the full-time counselors’ structure as the rosters give it, compared with a year earlier', async () => {
    const s = semesters.at(-1)!;
    const yearAgo = semesters.at(-3)!; // 2025-2026-1
    const page = await h.open(`report/${s}.html`, { javaScriptEnabled: false });
    const got = await numbersOf(page);
    const u = structure.get(s)!.get(INSTITUTION)!.get('full_time')!;
    const n = u.people.length;
    expect(num(got.full_time)).toBe(n);
    expect(num(got.structure_women)).toBe(u.women);
    expect(got.structure_mean_age).toBe(meanAge(u)!.toFixed(1));
    expect(got.structure_young_share).toBe(pct(u.young, n));
    expect(num(got.structure_party)).toBe(u.party);
    expect(got.structure_party_share).toBe(pct(u.party, n));
    expect(num(got.structure_masters)).toBe(u.masters);
    expect(got.structure_masters_share).toBe(pct(u.masters, n));
    expect(num(got.structure_senior)).toBe(u.senior);
    expect(got.structure_senior_share).toBe(pct(u.senior, n));
    expect(num(got.structure_below)).toBe(u.below);
    // The standard phrasing, and the comparison with the same term a year earlier.
    const first = (await page.textContent('#sec-basic .narrative:nth-of-type(2)')) ?? '';
    expect(first).toContain(`专职辅导员队伍中，女性${u.women}人；平均年龄${meanAge(u)!.toFixed(1)}岁，35岁及以下占${pct(u.young, n)}；中共党员（含预备党员）${u.party}人，占${pct(u.party, n)}；`);
    const y = structure.get(yearAgo)!.get(INSTITUTION)!.get('full_time')!;
    const move = (a: number, b: number) => `${a > b ? '提高' : '降低'}${Math.abs((a - b) * 100).toFixed(1)}个百分点`;
    expect(first).toContain(`与上年同期（${semesterText(yearAgo)}）相比，人数${n > y.people.length ? '增加' : '减少'}${Math.abs(n - y.people.length)}人，中共党员占比${move(u.party / n, y.party / y.people.length)}`);
    // The structure table says the same as the page's first view.
    const table = await page.$$eval('#tbl-structure-figures tr[data-key="party"] td', (tds) => tds.map((td) => td.textContent!.trim()));
    expect(table[0]).toBe(`${u.party}人（${pct(u.party, n)}）`);
    expect(table[1]).toBe(`${y.party}人（${pct(y.party, y.people.length)}）`);
    const dash = await h.open('structure.html', { javaScriptEnabled: false });
    expect(await dash.textContent('[data-figure="party"] dd')).toBe(`${u.party} 人 · ${pct(u.party, n)}`);
    await dash.context().close();
    await page.context().close();

    // 2024-2025-2's rosters have no such columns: said in words.
    const oldest = await h.open(`report/${semesters[0]}.html`, { javaScriptEnabled: false });
    expect(await oldest.textContent('#sec-basic .narrative:nth-of-type(2)')).toContain('无法分析队伍结构');
    await oldest.context().close();
  });

  it('raises what the people rules find without naming anyone in the body; names only in the internal 附件; single-person matters in the 附件', async () => {
    const s = semesters.at(-1)!;
    const page = await h.open(`report/${s}.html`, { javaScriptEnabled: false });
    const problem = (id: string) => page.textContent(`[data-problem="${id}"]`).then((t) => t ?? null).catch(() => null);
    const other = (await page.textContent('#list-other')) ?? '';
    const people = (await page.textContent('#tbl-people')) ?? '';
    const below = structure.get(s)!.get(INSTITUTION)!.get('full_time')!.people.filter((c) => c.education === '专科');
    expect(below).toHaveLength(1);
    expect(other).toContain(`1名专职辅导员学历低于本科（${below[0]!.department}1人）`);
    const failed = (sem: string) => metrics.assessed.filter((a) => a.semester === sem && a.role === 'counselor' && a.grade === 'fail');
    const twice = failed(s).filter((a) => failed(semesters.at(-2)!).some((b) => b.personId === a.personId));
    expect(twice).toHaveLength(1);
    // In the body by department only, and put to the committee; the name is in the internal 附件's table.
    const twiceText = (await problem('consecutive-fail')) ?? '';
    expect(twiceText).toContain(`${twice.length}名辅导员连续${POLICY.consecutiveFailYears}个学年考核不合格（${twice[0]!.department}1人）`);
    expect(twiceText).not.toContain(twice[0]!.name);
    expect(await page.textContent('#sec-committee')).toContain(`${twice.length}名连续${POLICY.consecutiveFailYears}个学年考核不合格辅导员的处理意见`);
    expect(people).toContain(`${twice[0]!.department}${twice[0]!.name}`);
    // Per department, how many the oracle finds (in any wording that gives the department and its count).
    const perDepartment = (found: Array<{ department: string }>) => {
      const m = new Map<string, number>();
      for (const p of found) m.set(p.department, (m.get(p.department) ?? 0) + 1);
      return [...m];
    };
    // Single-person matters go to the 附件's 其他需关注事项, counted from the oracle.
    const late = metrics.lateness.get(s)!.filter((p) => !p.applied);
    expect(late.length).toBeGreaterThan(0);
    expect(other).toMatch(new RegExp(`(^|\\D)${late.length}名助理本学期迟到超过${POLICY.lateMax}次`));
    for (const [d, n] of perDepartment(late)) expect(other).toMatch(new RegExp(`${d}\\D{0,3}${n}\\s*(人|名)`));
    const short = metrics.induction.get(s)!.filter((p) => !p.meets);
    expect(short.length).toBeGreaterThan(0);
    expect(other).toMatch(new RegExp(`(^|\\D)${short.length}\\s*名新入职专职辅导员岗前培训不足${POLICY.inductionHours}学时`));
    for (const [d, n] of perDepartment(short)) expect(other).toMatch(new RegExp(`${d}\\D{0,3}${n}\\s*(人|名)`));
    expect(other).not.toContain('研究生德育工作助理在岗不足');
    await page.context().close();

    // The graduate assistant who left after eight months is on 2025-2026-2's roster.
    const spring = await h.open(`report/${semesters.at(-2)!}.html`, { javaScriptEnabled: false });
    const leftEarly = metrics.graduates.get(semesters.at(-2)!)!.filter((p) => p.left && p.monthsInPost! < POLICY.graduateMinMonths);
    expect(leftEarly.length).toBeGreaterThan(0);
    const tenure = (await spring.textContent('#list-other')) ?? '';
    expect(tenure).toMatch(new RegExp(`(^|\\D)${leftEarly.length}\\s*名研究生德育工作助理在岗不足${POLICY.graduateMinMonths}个月即离岗`));
    for (const [d, n] of perDepartment(leftEarly)) expect(tenure).toMatch(new RegExp(`${d}\\D{0,3}${n}\\s*(人|名)`));
    expect(await spring.$('[data-problem="consecutive-fail"]')).toBeNull();
    await spring.context().close();
  });

  it('compares with the previous semester and a year earlier, and says when there is none', async () => {
    const oldest = await h.open(`report/${semesters[0]}.html`, { javaScriptEnabled: false });
    const row = await oldest.$$eval('#tbl-compare tr[data-key="ratio"] td', (tds) => tds.map((td) => td.textContent!.trim()));
    expect(row.slice(1)).toEqual(['无数据', '—', '无数据', '—']);
    expect(await oldest.textContent('#sec-basic')).not.toContain('上学期');
    await oldest.context().close();

    const s = semesters.at(-1)!; // 2026-2027-1: previous 2025-2026-2, a year earlier 2025-2026-1
    const page = await h.open(`report/${s}.html`, { javaScriptEnabled: false });
    // A change is written on two lines: what the number did, then better or worse.
    const ratioRow = await page.$$eval('#tbl-compare tr[data-key="ratio"] td', (tds) => tds.map((td) => td.textContent!.trim().replace('\n', '，')));
    const [prev, yearAgo] = [semesters.at(-2)!, semesters.at(-3)!];
    const now = expected(institution(staffing.get(s)!.values()));
    const p = expected(institution(staffing.get(prev)!.values()));
    const y = expected(institution(staffing.get(yearAgo)!.values()));
    expect(ratioText(ratioRow[0])).toBe(now.ratioFullTime);
    expect(ratioText(ratioRow[1])).toBe(p.ratioFullTime);
    expect(ratioText(ratioRow[3])).toBe(y.ratioFullTime);
    // What the number did, then — separately — whether that is better or worse: a higher ratio is worse.
    const change = (a: string, b: string) => {
      const [x, z] = [Number(a.slice(2)), Number(b.slice(2))];
      return x === z ? '持平' : `${x > z ? '上升' : '下降'}${Math.abs(x - z).toFixed(1)}，${x > z ? '变差' : '改善'}`;
    };
    expect(ratioRow[2]).toBe(change(now.ratioFullTime, p.ratioFullTime));
    expect(ratioRow[4]).toBe(change(now.ratioFullTime, y.ratioFullTime));
    await page.context().close();
  });

  it.each([0, 1, 2, 3])('semester %i: every number in the text is its table’s, and the body reads as a report (≤ 6 problems, 下一步 filled, whole people and ratios, no one named)', async (i) => {
    const s = semesters[i]!;
    const page = await h.open(`report/${s}.html`, { javaScriptEnabled: false });
    // Each linked number against its source: a cell (row, column), or a column added up / rows counted over the departments.
    const mismatches = await page.$$eval('article a.n', (links) => {
      const numbersIn = (t: string) => (t.replace(/,/g, '').match(/\d+(\.\d+)?/g) ?? []).map(Number);
      const bad: string[] = [];
      for (const a of links as HTMLElement[]) {
        const { n: key, table: tableId, row, col, agg } = a.dataset;
        const table = document.getElementById(tableId ?? '');
        if (!table) {
          bad.push(`${key}: no table ${tableId}`);
          continue;
        }
        const rows = [...table.querySelectorAll<HTMLElement>('tbody tr[data-key]')];
        const departments = rows.filter((tr) => tr.dataset.key !== '全院');
        const cell = (tr: Element) => tr.querySelector(`[data-col="${col}"]`)?.textContent ?? '';
        const first = (tr: Element) => numbersIn(cell(tr))[0] ?? 0;
        const flagged = departments.filter((tr) => tr.classList.contains('row--bad'));
        let candidates: number[];
        if (agg === 'count') candidates = [departments.filter((tr) => first(tr) > 0).length];
        else if (agg === 'flagged') candidates = [flagged.length];
        else if (agg === 'sum') candidates = [departments.reduce((t, tr) => t + first(tr), 0)];
        else if (agg === 'flagged-sum') candidates = [flagged.reduce((t, tr) => t + first(tr), 0)];
        else {
          const tr = rows.find((x) => x.dataset.key === row);
          if (!tr || !tr.querySelector(`[data-col="${col}"]`)) {
            bad.push(`${key}: no cell ${row}/${col} in ${tableId}`);
            continue;
          }
          candidates = numbersIn(cell(tr));
        }
        const text = a.textContent ?? '';
        const value = numbersIn(text).at(-1);
        // A whole number in the prose may be the table's decimal rounded (1:193 for 1:192.5; 约78 for 78.33).
        const matches = (c: number) => (value !== undefined && Number.isInteger(value) && !Number.isInteger(c) ? Math.abs(value - c) <= 0.5 : value === c);
        if (!candidates.some(matches)) bad.push(`${key}: text ${text}, table ${tableId} ${row ?? agg}/${col}: ${candidates.join(' ')}`);
      }
      return bad;
    });
    expect(mismatches).toEqual([]);

    // The body: every figure in it is a linked one, a rule's, or a date; nothing else carries a digit.
    const body = await page.$eval('article.report', (article) => {
      const copy = article.cloneNode(true) as HTMLElement;
      copy.querySelectorAll('.report-annex, a.n, .rule-n, .when, [data-source="office"], .report-signature, .report-audience').forEach((e) => e.remove());
      return copy.textContent ?? '';
    });
    const unlinked = body.replace(/\d{4}-\d{4}学年第[一二]学期/g, '');
    expect(unlinked.match(/.{0,12}\d.{0,12}/g) ?? []).toEqual([]);
    const text = await page.$eval('article.report', (article) => {
      const copy = article.cloneNode(true) as HTMLElement;
      copy.querySelector('.report-annex')?.remove();
      return copy.textContent ?? '';
    });
    expect(text, 'no decimal ratio before the 附件').not.toMatch(/1:[\d,]+\.\d/);
    expect(text, 'no fractional person before the 附件').not.toMatch(/\d+\.\d+(人|名)/);
    const counselors = new Set(metrics.assessed.filter((a) => a.semester === s && a.role === 'counselor').map((a) => a.name));
    expect([...counselors].filter((name) => text.includes(name))).toEqual([]);

    expect(await page.$$eval('[data-problem]', (p) => p.length)).toBeLessThanOrEqual(6);
    // …in the rules file's order of weight, each finding by the rule it is judged against.
    const profile = JSON.parse(readFileSync('data/rules.json', 'utf8')).profiles.default;
    const ruleOf: Record<string, string> = {
      staffing: 'staffing.max_students_per_counselor',
      hiring: 'staffing.disallowed_hiring',
      'consecutive-fail': 'people.consecutive_fail_years',
      workload: 'workload.target_share',
      training: 'training.school_hours_per_year',
      induction: 'training.induction_hours',
      assessment: 'assessment.completion',
      quota: 'assessment.excellence_quota',
      assistants: 'assistants.per_class',
      'structure-education': 'structure.min_education',
      'structure-targets': 'structure.party_share_target',
    };
    const ids = await page.$$eval('[data-problem]', (ps) => ps.map((p) => p.getAttribute('data-problem')!));
    const weights = ids.map((id) => {
      const [area, name] = ruleOf[id]!.split('.');
      return profile[area!][name!].weight as number;
    });
    expect(weights, ids.join(' ')).toEqual([...weights].sort((a, b) => a - b));
    const next = await page.$$eval('#sec-next .item', (items) => items.map((x) => x.textContent ?? ''));
    expect(next.length).toBeGreaterThan(0);
    for (const item of next) expect(item.length).toBeGreaterThan(10);
    await page.context().close();
  });

  it('prints to A4 PDFs in the form of a 汇报: 基本情况 … 提请党委研究的事项, page numbers — n —, ≤ 6 problems, 下一步 printed, whole people and ratios, no one named before the 附件, no page with fewer than three lines (npm run report)', () => {
    // On a copy of the site: the command adds PDFs and rewrites the report pages, which other test
    // files read from the shared build, perhaps at the same moment.
    const dist = join(mkdtempSync(join(tmpdir(), 'report-pdf-')), 'dist');
    cpSync(join(E2E, 'dist'), dist, { recursive: true });
    const out = execFileSync(process.execPath, ['scripts/report.ts', '--dist', dist], { encoding: 'utf8' });
    expect(out).toContain(`已生成 ${semesters.length} 份 PDF`);
    const s = semesters.at(-1)!;
    const pdf = join(dist, 'report', `${s}.pdf`);
    expect(existsSync(pdf)).toBe(true);
    const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
    const pages = Number(/Pages:\s+(\d+)/.exec(info)![1]);
    expect(pages).toBeGreaterThanOrEqual(6);
    expect(pages).toBeLessThanOrEqual(16);
    expect(info).toMatch(/Page size:\s+59[45](\.\d+)? x 84[12]/); // A4 in points
    // pdftotext drops or adds spaces between CJK glyphs: compare without white space.
    const text = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    const want = expected(institution(staffing.get(s)!.values()));
    const headings = ['一、基本情况', '二、主要工作与成效', '三、存在的问题', '四、下一步工作打算', '五、提请党委研究的事项'];
    for (const phrase of ['清河职业技术学院', '关于辅导员队伍建设情况的报告', '校党委：', ...headings, '（一）部分系部专职辅导员配备不足。', '附件', '表1', '图1', `— ${pages} —`, int(want.students), want.ratioFullTime])
      expect(text, phrase).toContain(phrase.replace(/\s+/g, ''));
    // In order, and 下一步 has its measures.
    const at = headings.map((x) => text.indexOf(x));
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(text.slice(at[3]!, at[4]!)).toMatch(/（一）.{10,}/);
    // The body as printed, read as a committee member reads it: at most six problems, whole people
    // and ratios, and no counselor named before the 附件 (its title opens the annex page).
    const annexAt = text.search(/附件\d{4}-\d{4}学年第[一二]学期辅导员队伍建设主要数据表/);
    expect(annexAt).toBeGreaterThan(at[4]!);
    const body = text.slice(0, annexAt);
    const problems = text.slice(at[2]!, at[3]!).match(/（[一二三四五六七八九十]+）/g) ?? [];
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.length).toBeLessThanOrEqual(6);
    expect(body.match(/.{0,8}1:[\d,]+\.\d.{0,4}/g), 'no decimal ratio before the 附件').toBeNull();
    expect(body.match(/.{0,8}\d+\.\d+(人|名).{0,4}/g), 'no fractional person before the 附件').toBeNull();
    const counselors = new Set(metrics.assessed.filter((a) => a.semester === s && a.role === 'counselor').map((a) => a.name));
    expect(counselors.size).toBeGreaterThan(10);
    expect([...counselors].filter((name) => body.includes(name))).toEqual([]);
    // …while the internal 附件 does name the one who failed twice: the check above reads real names.
    expect([...counselors].some((name) => text.slice(annexAt).includes(name))).toBe(true);
    // No page of any semester's PDF holds only a line or two (a signature line, the build's line) — the page number and the header aside.
    for (const semester of semesters) {
      const file = join(dist, 'report', `${semester}.pdf`);
      const count = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1]);
      for (let p = 1; p <= count; p++) {
        const lines = execFileSync('pdftotext', ['-f', String(p), '-l', String(p), '-layout', file, '-'], { encoding: 'utf8' })
          .split('\n')
          .map((l) => l.trim())
          .filter((l) => l && !/^—\s*\d+\s*—$/.test(l) && !/^(内部版|公开版)$/.test(l));
        expect(lines.length, `${semester} page ${p}: ${lines.join(' / ')}`).toBeGreaterThanOrEqual(3);
      }
    }
    // The report index and the report page now link the PDF.
    expect(readFileSync(join(dist, 'report.html'), 'utf8')).not.toMatch(/class="pdf-link"[^>]*hidden/);
    expect(readFileSync(join(dist, 'report', `${s}.html`), 'utf8')).not.toMatch(/class="pdf-link"[^>]*hidden/);
    rmSync(dirname(dist), { recursive: true, force: true });
  });

  it('made no request to any other host and logged no error', () => {
    expect(h.external).toEqual([]);
    expect(h.server.failures).toEqual([]);
    expect(h.consoleErrors).toEqual([]);
  });
});
