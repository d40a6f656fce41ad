/**
 * Coverage: what every figure rests on. The demo's latest semester changed the way real semesters
 * go wrong — one department's roster unreadable (set aside), one sent in two versions neither of
 * which can be chosen, one not sent, one with a row rejected, one 班主任 work log without its
 * 联系任课教师 column — then ingested and built (internal and public). The pages and the report
 * must show each status in place of a figure, never a zero, a gap or 未达标, and every 全院 figure
 * must leave those departments out and say so; the expected figures come from the independent
 * staffing oracle over the changed folder.
 */
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeTruth, expected, institution, ratioString, type Unit } from '../support/oracle.ts';
import { runScript } from '../support/scripts.ts';
import { readTable, startHarness, type Harness } from '../support/site.ts';

const S = '2026-2027-1';
/** The semester before it, sent as the demo has it. */
const PREVIOUS = readdirSync('data/exports').filter((n) => /^\d{4}-\d{4}-[12]$/.test(n) && n < S).sort().at(-1)!;
const SET_ASIDE = '艺术设计系';
const UNDECIDED = '外国语学院';
const NOT_SENT = '经济管理系';
const PARTLY = '机电工程系';
const NO_COLUMN = '建筑工程系';
const LEFT_OUT = [UNDECIDED, NOT_SENT, SET_ASIDE];
const NOTES: Record<string, string> = {
  [SET_ASIDE]: '辅导员名册未能导入，待重新报送',
  [UNDECIDED]: '辅导员名册有多个版本未能确定采用哪一个，待重新报送',
  [NOT_SENT]: '未报送辅导员名册',
};

const DIR = resolve(process.env.E2E_DIR ?? '.cache/e2e', 'coverage');
const EXPORTS = join(DIR, 'exports');

/** A CSV of the demo as text, in its own encoding (UTF-8, with or without BOM, else GBK), and back. */
function editCsv(path: string, edit: (rows: string[][]) => string[][]): void {
  const bytes = readFileSync(path);
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  let text: string;
  let utf8 = true;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bom ? bytes.subarray(3) : bytes);
  } catch {
    (utf8 = false), (text = iconv.decode(bytes, 'gbk'));
  }
  const rows = text.split(/\r?\n/).filter((l) => l !== '').map((l) => l.split(','));
  const out = edit(rows).map((r) => r.join(',')).join('\r\n') + '\r\n';
  const encoded = utf8 ? Buffer.from(out, 'utf8') : iconv.encode(out, 'gbk');
  writeFileSync(path, bom ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), encoded]) : encoded);
}

const headerIndex = (rows: string[][], cell: string) => rows.findIndex((r) => r.includes(cell));

/**
 * The demo's latest semester, changed (see the module's comment), and the one before it as sent
 * (the change since last semester is checked); the demo's settings. The earlier semesters would
 * only add minutes: the public build computes every view of every semester.
 */
function makeExports(): void {
  rmSync(EXPORTS, { recursive: true, force: true });
  for (const semester of [PREVIOUS, S]) cpSync(join('data/exports', semester), join(EXPORTS, semester), { recursive: true });
  cpSync('data/exports/rules.json', join(EXPORTS, 'rules.json'));
  const at = (dept: string, file: string) => join(EXPORTS, S, dept, file);
  // Its header cannot be read: the whole roster is set aside.
  writeFileSync(at(SET_ASIDE, '辅导员名册.csv'), '甲乙丙,丁戊\r\n1,2\r\n3,4\r\n');
  // A second version, one name changed, no date, no 更正 in its name: neither can be chosen.
  cpSync(at(UNDECIDED, '辅导员名册.csv'), at(UNDECIDED, '辅导员名册（二）.csv'));
  editCsv(at(UNDECIDED, '辅导员名册（二）.csv'), (rows) => {
    const h = headerIndex(rows, '姓名');
    rows[h + 1]![rows[h]!.indexOf('姓名')] = '改名者';
    return rows;
  });
  unlinkSync(at(NOT_SENT, '辅导员名册.csv'));
  // One row's 专兼职 not a value the form allows: that row rejected, the rest read.
  editCsv(at(PARTLY, '辅导员名册.csv'), (rows) => {
    const h = headerIndex(rows, '姓名');
    const col = rows[h]!.findIndex((c) => c.includes('专兼职') || c.includes('专职'));
    rows[h + 1]![col] = '临时';
    return rows;
  });
  editCsv(at(NO_COLUMN, `${NO_COLUMN}班主任工作记录.csv`), (rows) => {
    const col = rows[headerIndex(rows, '姓名')]!.findIndex((c) => c.startsWith('联系任课教师'));
    return rows.map((r) => r.filter((_, i) => i !== col));
  });
}

let h: Harness;
let hp: Harness;
let units: Map<string, Unit>;

beforeAll(async () => {
  if (!(process.env.E2E_REUSE === '1' && existsSync(join(DIR, 'dist-public', 'index.html')))) {
    makeExports();
    await runScript('scripts/ingest.ts', ['--input', EXPORTS, '--out', join(DIR, 'public/data'), '--quiet']);
    await Promise.all([
      runScript('scripts/build.ts', ['--public', join(DIR, 'public'), '--out', join(DIR, 'dist')]),
      runScript('scripts/build.ts', ['--public', join(DIR, 'public'), '--out', join(DIR, 'dist-public'), '--audience', 'public']),
    ]);
  }
  units = (await computeTruth(EXPORTS)).get(S)!;
  h = await startHarness(join(DIR, 'dist'));
  hp = await startHarness(join(DIR, 'dist-public'));
}, 900_000);
afterAll(async () => {
  await h?.close();
  await hp?.close();
});

/** 全院 over the departments whose roster and enrollment were read, from the oracle. */
const counted = () => institution([...units].filter(([d]) => !LEFT_OUT.includes(d)).map(([, u]) => u));
const group = (n: number) => n.toLocaleString('en-US');
const ratioText = (u: Unit) => ratioString(u.students, u.fullTime).replace(/(?<=^1:)\d+/, (d) => group(Number(d)));

async function textOf(harness: Harness, path: string): Promise<string> {
  const page = await harness.open(path, { javaScriptEnabled: false });
  const text = (await page.textContent('main'))!.replace(/\s+/g, '');
  await page.context().close();
  return text;
}

describe('the ingest records what each figure rests on', () => {
  it('writes each status into the manifest and the coverage table', () => {
    const manifest = JSON.parse(readFileSync(join(DIR, 'public/data/manifest.json'), 'utf8'));
    const status = (d: string, kind: string, field: string | null = null) =>
      manifest.coverage.find((c: { semester: string; department: string; kind: string; field: string | null }) => c.semester === S && c.department === d && c.kind === kind && c.field === field)?.status;
    expect(status(SET_ASIDE, 'counselors')).toBe('unreadable');
    expect(status(UNDECIDED, 'counselors')).toBe('unreadable');
    expect(status(NOT_SENT, 'counselors')).toBe('missing');
    expect(status(PARTLY, 'counselors')).toBe('partial');
    expect(status(NO_COLUMN, 'counselors')).toBe('received');
    expect(status(NO_COLUMN, 'worklogs', 'teacher_contacts')).toBe('column_missing');
    expect(existsSync(join(DIR, 'public/data/coverage.parquet'))).toBe(true);
  });
});

describe('师生比', () => {
  it('shows each left-out department its status in place of its figures, and the partly rejected one over the rows read', async () => {
    const page = await h.open('staffing.html', { javaScriptEnabled: false });
    const table = await readTable(page, 'ratio-table');
    for (const d of LEFT_OUT) {
      expect(table[d]!.status, d).toBe(NOTES[d]);
      expect(table[d]!.gap, d).toBe('—');
      expect(table[d]!.ratio_full_time, d).toBe('—');
    }
    // Its students were read: shown; its counselors were not: not a 0.
    expect(table[SET_ASIDE]!.students).toBe(group(units.get(SET_ASIDE)!.students));
    expect(table[SET_ASIDE]!.full_time).toBe('—');
    const partly = units.get(PARTLY)!;
    expect(table[PARTLY]!.full_time).toBe(group(partly.fullTime));
    expect(table[PARTLY]!.ratio_full_time).toBe(ratioText(partly));
    const text = (await page.textContent('main'))!;
    for (const d of LEFT_OUT) expect(text).not.toMatch(new RegExp(`${d}[^。；]{0,20}无专职辅导员`));
    await page.context().close();
  });

  it('computes 全院 without them and says so; 各系部合计需增配 beside the institution gap', async () => {
    const page = await h.open('staffing.html', { javaScriptEnabled: false });
    const card = (key: string) => page.$eval(`#summary [data-figure="${key}"]`, (el) => [el.querySelector('dt')!.textContent!.trim(), el.querySelector('.card__value')!.textContent!.trim()]);
    const all = counted();
    const [label, ratio] = await card('ratio_full_time');
    expect(ratio).toBe(ratioText(all));
    for (const d of LEFT_OUT) expect(label).toContain(`${d}：${NOTES[d]!.replace('，待重新报送', '')}`);
    const [studentsLabel, students] = await card('students');
    expect(students).toBe(`${group(all.students)} 人`);
    expect(studentsLabel).toContain('不含');
    const [, gap] = await card('gap');
    expect(gap).toBe(`${expected(all).gap} 人`);
    const needed = [...units].filter(([d]) => !LEFT_OUT.includes(d)).reduce((n, [, u]) => n + expected(u).gap, 0);
    const [neededLabel, neededValue] = await card('needed');
    expect(neededLabel).toContain('各系部合计需增配');
    expect(neededValue).toBe(`${needed} 人`);
    await page.context().close();
  });
});

describe('the overview and the department page', () => {
  it('shows no verdict and no 需要关注 item for a department whose roster was not read, and names them beside 全院', async () => {
    const page = await h.open('index.html', { javaScriptEnabled: false });
    const listed = await page.$$eval('.attention li[data-attention]', (items) => items.map((li) => li.getAttribute('data-attention')!));
    for (const d of LEFT_OUT) expect(listed, d).not.toContain(`${d}|ratio`);
    const note = await page.$eval('.card[data-figure="ratio"] .card__note', (el) => el.textContent!);
    expect(note).toContain('全院（不含');
    for (const d of LEFT_OUT) expect(note).toContain(d);
    expect(await page.$eval('.card[data-figure="ratio"] .card__value', (el) => el.textContent!.trim())).toBe(ratioText(counted()));
    const grid = await readTable(page, 'departments-table');
    for (const d of LEFT_OUT) expect(grid[d]!.ratio, d).toBe(NOTES[d]);
    // Every figure over the roster says why it is missing: 考核完成率, 培训, 队伍结构 — not — or 无数据.
    for (const d of LEFT_OUT) for (const col of ['assessment', 'training', 'structure']) expect(grid[d]![col], `${d} ${col}`).toBe(NOTES[d]);
    // The partly rejected and the column-missing departments keep their figures.
    for (const d of [PARTLY, NO_COLUMN]) for (const col of ['ratio', 'assessment', 'training', 'structure']) expect(grid[d]![col], `${d} ${col}`).toMatch(/\d/);
    await page.context().close();
  });

  it("the department's page shows its status, no rank, no verdict", async () => {
    const page = await h.open(`departments/${SET_ASIDE}.html`, { javaScriptEnabled: false });
    const ranks = await readTable(page, 'ranks-table');
    expect(ranks.ratio).toMatchObject({ value: NOTES[SET_ASIDE], status: '无数据', rank: '—' });
    expect(ranks.ratio!.institution).toBe(ratioText(counted()));
    for (const id of ['assessment', 'training', 'structure']) expect(ranks[id], id).toMatchObject({ value: NOTES[SET_ASIDE], status: '无数据', rank: '—' });
    await page.context().close();
  });
});

/** The coverage note a page shows for the departments it leaves out: "以下系部未计入：甲系（…）；乙系（…）。" */
async function coverageNotesOf(harness: Harness, path: string, panel: string): Promise<string> {
  const page = await harness.open(path, { javaScriptEnabled: false });
  const text = await page.$eval(`#panel-${panel}`, (el) => [...el.querySelectorAll('.coverage-note')].map((n) => n.textContent!).join(''));
  await page.context().close();
  return text;
}

describe('培训 and 队伍结构: each status in place of the figures, 全院 over the rosters read', () => {
  it('培训 counts the full-time counselors of the rosters read (partly rejected: the rows read) and names the others with their notes', async () => {
    const page = await h.open('training.html', { javaScriptEnabled: false });
    const table = await readTable(page, 'units-table');
    await page.context().close();
    for (const d of LEFT_OUT) expect(table[d], d).toBeUndefined();
    const read = [...units].filter(([d, u]) => !LEFT_OUT.includes(d) && u.fullTime > 0);
    for (const [d, u] of read) expect(table[d]?.counselors, d).toBe(group(u.fullTime));
    expect(table[PARTLY]!.counselors).toBe(group(units.get(PARTLY)!.fullTime));
    expect(table['全院']!.counselors).toBe(group(read.reduce((n, [, u]) => n + u.fullTime, 0)));
    const notes = await coverageNotesOf(h, 'training.html', 'units');
    for (const d of LEFT_OUT) expect(notes, d).toContain(`${d}（${NOTES[d]}）`);
    for (const d of [PARTLY, NO_COLUMN]) expect(notes, d).not.toContain(d);
  });

  it('队伍结构 names the departments whose roster was not read, with their notes, on every panel', async () => {
    for (const panel of ['summary', 'breakdown', 'people']) {
      const notes = await coverageNotesOf(h, 'structure.html', panel);
      for (const d of LEFT_OUT) expect(notes, `${panel} ${d}`).toContain(`${d}（${NOTES[d]}）`);
      expect(notes).not.toContain(PARTLY);
    }
  });

  it("a department's page shows its note on 培训 and 队伍结构 — not 无数据, not 0 — and a partly rejected one its figures", async () => {
    for (const d of [SET_ASIDE, UNDECIDED, NOT_SENT]) {
      const page = await h.open(`departments/${d}.html`, { javaScriptEnabled: false });
      for (const panel of ['training-units', 'structure-summary']) {
        const text = (await page.$eval(`#panel-${panel}`, (el) => el.textContent!)).replace(/\s+/g, '');
        expect(text, `${d} ${panel}`).toContain(NOTES[d]);
        expect(text, `${d} ${panel}`).not.toMatch(/无数据|没有专职辅导员|没有辅导员/);
      }
      await page.context().close();
    }
    const page = await h.open(`departments/${PARTLY}.html`, { javaScriptEnabled: false });
    const table = await readTable(page, 'training-units-table');
    expect(table[PARTLY]!.counselors).toBe(group(units.get(PARTLY)!.fullTime));
    expect(await page.$$('#panel-training-units .coverage-note')).toHaveLength(0);
    await page.context().close();
  });

  it('the public build shows the same notes', async () => {
    const notes = await coverageNotesOf(hp, 'training.html', 'units');
    for (const d of LEFT_OUT) expect(notes, d).toContain(`${d}（${NOTES[d]}）`);
  });
});

describe('工作量: a column a form lacked', () => {
  const KEY = 'class_teacher|teacher_contacts|month';
  it('keeps the norm: 全院 names the department left out; the department shows 该项未报送', async () => {
    let page = await h.open('workload.html', { javaScriptEnabled: false });
    const all = await readTable(page, 'norms-table');
    await page.context().close();
    expect(all[KEY]!.norm).toContain(`不含${NO_COLUMN}：该项未报送`);
    page = await h.open(`departments/${NO_COLUMN}.html`, { javaScriptEnabled: false });
    const own = await readTable(page, 'workload-norms-table');
    await page.context().close();
    expect(own[KEY], 'the norm is listed').toBeDefined();
    for (const col of ['met', 'periods', 'share']) expect(own[KEY]![col], col).toBe('该项未报送');
  });
});

describe('a change since last semester over other departments', () => {
  it('is not shown for 全院 on the overview, and the report says why', async () => {
    const page = await h.open('index.html', { javaScriptEnabled: false });
    const note = await page.$eval('.card[data-figure="ratio"] .card__note', (el) => el.textContent!.replace(/\s+/g, ''));
    const areas = await readTable(page, 'areas-table');
    await page.context().close();
    expect(note).toContain('计入的系部不同，不作比较');
    expect(note).not.toMatch(/较上学期（[^）]*）(上升|下降)/);
    expect(areas.ratio!.change).toBe('计入的系部不同，不作比较');
    const text = await textOf(h, `report/${S}.html`);
    expect(text).toContain('计入的系部不同，不作比较');
    expect(text).not.toMatch(/专职辅导员师生比由1:\d+改善为/);
  });
});

describe('数据质量', () => {
  it('lists what the figures could not rest on: the rosters not read and the column a form lacked, with how each is shown', async () => {
    const page = await h.open('quality.html', { javaScriptEnabled: false });
    const rows = (await page.$$eval('#coverage-table tbody tr', (trs) => trs.map((tr) => (tr.textContent ?? '').replace(/\s+/g, '')))) as string[];
    await page.context().close();
    for (const d of [SET_ASIDE, UNDECIDED]) expect(rows.filter((r) => r.includes(d) && r.includes('辅导员名册') && r.includes('未能导入')), d).toHaveLength(1);
    expect(rows.filter((r) => r.includes(NO_COLUMN) && r.includes('该项未报送') && r.includes('联系任课教师')), NO_COLUMN).toHaveLength(1);
    // Sent and read, or not sent at all, is not listed here (the 报送 checklist has them).
    for (const d of [PARTLY, NOT_SENT]) expect(rows.filter((r) => r.includes(d) && r.includes('辅导员名册')), d).toEqual([]);
  });
});

describe('the report', () => {
  it('raises no shortage for a roster not read, names what was not read, not sent, or lacked a column', async () => {
    const text = await textOf(h, `report/${S}.html`);
    for (const d of [SET_ASIDE, UNDECIDED]) {
      expect(text).not.toMatch(new RegExp(`${d}（无专职辅导员`));
      expect(text).not.toContain(`${d}未报送辅导员名册`);
      expect(text).toContain(`${d}报送的辅导员名册未能导入`);
    }
    expect(text).toContain(`${NOT_SENT}未报送辅导员名册`);
    expect(text).toContain(`${NO_COLUMN}报送的工作记录缺少“联系任课教师”一列`);
    expect(text).toContain(`全院（不含`);
    // Prose gives the ratio whole (1:195), from the table's one decimal; the 全院 over the departments read.
    const c = counted();
    const tenth = Number((c.students / c.fullTime).toFixed(1));
    expect(text).toMatch(new RegExp(`专职辅导员师生比为1:${Math.round(tenth)}[，。]`));
  });
});

describe('the public build', () => {
  it('shows the statuses and the same 全院 figure', async () => {
    const page = await hp.open('staffing.html', { javaScriptEnabled: false });
    const table = await readTable(page, 'ratio-table');
    for (const d of LEFT_OUT) expect(table[d]!.status, d).toBe(NOTES[d]);
    expect(await page.$eval('#summary [data-figure="ratio_full_time"] .card__value', (el) => el.textContent!.trim())).toBe(ratioText(counted()));
    await page.context().close();
  });
});
