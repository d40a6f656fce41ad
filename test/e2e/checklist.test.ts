/**
 * The 报送 checklist on 数据质量: for the latest semester (JavaScript off) and another chosen through
 * the engine, every department × export shows the status, rows and last file's date that an
 * independent reading of the input files gives (oracle-submissions.ts); the return lists it links
 * to are served; its download holds what is shown; every page's data line links to it.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeSubmissions, expectedExports, type SubmissionTruth } from '../support/oracle-submissions.ts';
import { download, parseCsvDownload, readTable, setFilters, startHarness, waitForEngine, type Harness } from '../support/site.ts';

let h: Harness;
let truth: SubmissionTruth;
let semesters: string[];

beforeAll(async () => {
  h = await startHarness();
  truth = await computeSubmissions();
  semesters = [...truth.keys()].sort();
});
afterAll(async () => {
  await h?.close();
});

/** What a cell must say: 已报送 / 部分有误 (拒绝 n 行) / 未报送, the rows accepted, the date; — when not expected. */
function expectedCell(semester: string, department: string, exportName: string): string {
  const s = truth.get(semester)?.get(department)?.get(exportName);
  if (!s || s.accepted + s.rejected === 0) return expectedExports(truth, semester).includes(exportName) ? '未报送' : '—';
  const rows = s.accepted.toLocaleString('en-US');
  return s.rejected > 0 ? `部分有误\n拒绝 ${s.rejected} 行，接受 ${rows} 行\n${s.lastDate}` : `已报送\n${rows} 行\n${s.lastDate}`;
}

/** The checklist as shown: department → export name → the cell's lines. */
async function shownChecklist(page: Page): Promise<Record<string, Record<string, string>>> {
  // A heading's label, without the sort sign beside it (hidden from screen readers too).
  const heads = await page.$$eval('#checklist-table thead th', (ths) => ths.map((th) => [th.getAttribute('data-col')!, (th.querySelector('.sort-button')?.firstChild ?? th).textContent!.trim()] as const));
  const labels = Object.fromEntries(heads);
  // A cell's column is its header's; the row's own header (the department) is not an export.
  const cells = await page.$$eval('#checklist-table tbody tr[data-key]', (rows) =>
    rows.map((tr) => [tr.getAttribute('data-key')!, [...tr.querySelectorAll('th, td')].map((cell, i) => ({ i, data: cell.tagName === 'TD', text: (cell as HTMLElement).innerText.trim() }))] as const),
  );
  return Object.fromEntries(
    cells.map(([department, row]) => [
      department,
      Object.fromEntries(row.filter(({ i, data }) => data && heads[i]![0] !== 'returns').map(({ i, text }) => [labels[heads[i]![0]]!, text])),
    ]),
  );
}

function checkAgainstFiles(shown: Record<string, Record<string, string>>, semester: string) {
  const departments = [...new Set(semesters.flatMap((s) => [...truth.get(s)!.keys()]))];
  expect(Object.keys(shown).sort()).toEqual(departments.sort());
  const names = Object.keys(Object.values(shown)[0]!);
  // Every export someone sent this semester or all are expected to send has its column.
  const sent = [...truth.get(semester)!.values()].flatMap((d) => [...d.keys()]);
  expect(names.sort()).toEqual([...new Set([...sent, ...expectedExports(truth, semester)])].sort());
  for (const [department, row] of Object.entries(shown))
    for (const [name, text] of Object.entries(row)) expect.soft(text, `${semester} ${department} ${name}`).toBe(expectedCell(semester, department, name));
}

describe('报送清单', () => {
  it('shows, for the latest semester, what each department sent, as the files say (JavaScript off)', async () => {
    const page = await h.open('quality.html', { javaScriptEnabled: false });
    const latest = semesters.at(-1)!;
    expect(await page.textContent('#checklist-title')).toContain('2026-2027学年第一学期');
    checkAgainstFiles(await shownChecklist(page), latest);
    await page.context().close();
  });

  it('for another semester, with rows rejected: 部分有误, and the download holds the matrix shown', async () => {
    const page = await h.open('quality.html');
    await waitForEngine(page);
    const semester = '2025-2026-1';
    await setFilters(page, { semester });
    const shown = await shownChecklist(page);
    checkAgainstFiles(shown, semester);
    // The demo's three rows rejected that semester (a training level 市级, a count 五, an employment 外聘).
    const problems = Object.entries(shown).flatMap(([d, row]) => Object.entries(row).filter(([, t]) => t.startsWith('部分有误')).map(([n]) => `${d}·${n}`));
    expect(problems.sort()).toEqual(['机电工程系·培训记录', '机电工程系·工作记录', '艺术设计系·辅导员名册'].sort());

    const csv = parseCsvDownload((await download(page, 'checklist', 'csv')).bytes);
    // The download says which semester it is of, then holds the matrix.
    const at = (label: string) => csv.header.indexOf(label);
    expect(csv.rows.every((r) => r[at('学期')] === '2025-2026学年第一学期')).toBe(true);
    const table = await readTable(page, 'checklist-table');
    expect(csv.rows.map((r) => r[at('系部')])).toEqual(Object.keys(table));
    const machine = csv.rows.find((r) => r[at('系部')] === '机电工程系')!;
    expect(machine[at('工作记录')]).toBe(expectedCell(semester, '机电工程系', '工作记录'));
    await page.context().close();
  });

  it('links the return lists, which are served as Excel files', async () => {
    const page = await h.open('quality.html', { javaScriptEnabled: false });
    const links = await page.$$eval('[data-figure="return-lists"] a', (as) => as.map((a): [string, string] => [a.textContent!, a.getAttribute('href')!]));
    expect(links.map(([d]) => d)).toContain('机电工程系');
    for (const [, href] of links) {
      const res = await fetch(new URL(href, page.url()));
      expect(res.status, href).toBe(200);
      expect((await res.arrayBuffer()).byteLength).toBeGreaterThan(1000);
    }
    expect(await page.getAttribute('.panel a[href$="guide.html"]', 'href')).toBeTruthy();
    await page.context().close();
  });

  it('is linked from every page’s data line', async () => {
    const page = await h.open('index.html', { javaScriptEnabled: false });
    await page.click('footer a[href$="quality.html#panel-checklist"]');
    await page.waitForURL(/quality\.html#panel-checklist$/);
    expect(await page.isVisible('#panel-checklist')).toBe(true);
    await page.context().close();
    expect(h.external).toEqual([]);
  });
});
