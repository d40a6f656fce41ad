/**
 * Tables a reader works with, in Chromium on the demo site (助理 page): a department table sorted
 * by a number column and by the department's name (全院 kept on top, pinyin order), the 199-row
 * eligibility list searched and sorted, the shared URL opened afresh giving the same view, the
 * CSV download holding the rows in the order and selection shown; and every control of the page
 * reached with the Tab key, its focus visible, a table frame too wide for a phone scrolled with
 * the arrow keys, and the changes announced through polite live regions.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { download, parseCsvDownload, percentText, setFilters, startHarness, waitForEngine, type Harness } from '../support/site.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

interface ShownRow {
  key: string;
  cells: Record<string, string>;
}

/** The rows a table shows, in their order (folded ones included: they are in the table, behind the switch). */
const shownRows = (page: Page, tableId: string): Promise<ShownRow[]> =>
  page.$eval(`#${tableId}`, (table) => {
    // A cell's column is its header's.
    const columns = [...table.querySelectorAll('thead th')].map((th) => th.getAttribute('data-col')!);
    return [...table.querySelectorAll('tbody tr[data-key]')].map((tr) => ({
      key: tr.getAttribute('data-key')!,
      cells: Object.fromEntries([...tr.querySelectorAll('th, td')].map((cell, i) => [columns[i]!, cell.textContent!.trim()])),
    }));
  });

const sortState = (page: Page, tableId: string) =>
  page.$$eval(`#${tableId} thead th`, (ths) => ths.map((th) => [th.getAttribute('data-col'), th.getAttribute('aria-sort'), th.querySelector('.sort-mark')?.textContent]));

/** Click a column heading (the button in it) and wait until the table says it is sorted so. */
async function sortBy(page: Page, tableId: string, column: string, dir: 'ascending' | 'descending'): Promise<void> {
  for (let i = 0; i < 3 && (await page.getAttribute(`#${tableId} th[data-col="${column}"]`, 'aria-sort')) !== dir; i++)
    await page.click(`#${tableId} th[data-col="${column}"] button`);
  expect(await page.getAttribute(`#${tableId} th[data-col="${column}"]`, 'aria-sort')).toBe(dir);
}

const TEXT_COLUMNS = ['department', 'name', 'class_name', 'year_level', 'political_status', 'problems'];
/** Known pinyin order of three demo departments: 化 huà, 机 jī, 信 xìn (by code point 信 U+4FE1 would come first). */
const PINYIN = ['化学与生物工程学院', '机电工程系', '信息工程系'];

describe('sorting, searching, sharing and downloading a table', () => {
  let page: Page;
  let everyEligible: ShownRow[];
  let found: ShownRow[];
  const TERM = '大数据';

  it('sorts a department table by a number column (numbers as numbers), 全院 staying on top', async () => {
    page = await h.open('assistants.html');
    await waitForEngine(page);
    const before = await shownRows(page, 'coverage-table');
    expect(before.length).toBeGreaterThan(10);
    await sortBy(page, 'coverage-table', 'share', 'ascending');
    let rows = await shownRows(page, 'coverage-table');
    expect(rows.map((r) => r.key).sort()).toEqual(before.map((r) => r.key).sort());
    expect(rows[0]!.key).toBe('全院');
    const shares = rows.slice(1).map((r) => percentText(r.cells.share));
    expect(shares.every((s) => s != null)).toBe(true);
    expect(shares).toEqual([...shares].sort((a, b) => a! - b!));
    expect(new Set(shares).size).toBeGreaterThan(3); // an order that says something
    expect(await page.textContent('#coverage-table-status')).toBe('按“配备比例”升序排列');
    const marks = await sortState(page, 'coverage-table');
    expect(marks.find(([c]) => c === 'share')).toEqual(['share', 'ascending', '▲']);
    expect(marks.filter(([, sort]) => sort != null)).toHaveLength(1);

    // Descending, by 班级数 (counts up to hundreds: "1,020" after "980" only as numbers).
    await sortBy(page, 'coverage-table', 'classes', 'descending');
    rows = await shownRows(page, 'coverage-table');
    expect(rows[0]!.key).toBe('全院');
    const classes = rows.slice(1).map((r) => Number(r.cells.classes!.replace(/,/g, '')));
    expect(classes).toEqual([...classes].sort((a, b) => b - a));
  });

  it('sorts by the department’s name in pinyin order', async () => {
    await sortBy(page, 'coverage-table', 'department', 'ascending');
    const names = (await shownRows(page, 'coverage-table')).map((r) => r.key);
    expect(names[0]).toBe('全院');
    const at = PINYIN.map((d) => names.indexOf(d));
    expect(at.every((i) => i > 0)).toBe(true);
    expect(at).toEqual([...at].sort((a, b) => a - b));
    await sortBy(page, 'coverage-table', 'department', 'descending');
    const back = (await shownRows(page, 'coverage-table')).map((r) => r.key);
    expect(back).toEqual([names[0], ...names.slice(1).reverse()]);
  });

  it('searches the long eligibility list: the rows holding the words, "显示 n / N 行"', async () => {
    everyEligible = await shownRows(page, 'eligibility-table');
    expect(everyEligible.length).toBeGreaterThan(150);
    expect(await page.textContent('#eligibility-table-status')).toBe(`共 ${everyEligible.length} 行`);
    await page.fill('#eligibility-table-find', TERM);
    await page.waitForFunction((term) => document.querySelector('#eligibility-table')?.getAttribute('data-shown') !== document.querySelector('#eligibility-table')?.getAttribute('data-rows') || term === '', TERM);
    found = await shownRows(page, 'eligibility-table');
    const want = everyEligible.filter((r) => TEXT_COLUMNS.some((c) => r.cells[c]?.includes(TERM)));
    expect(want.length).toBeGreaterThan(3);
    expect(want.length).toBeLessThan(everyEligible.length);
    expect(found.map((r) => r.key)).toEqual(want.map((r) => r.key));
    expect(await page.textContent('#eligibility-table-status')).toBe(`显示 ${want.length} / ${everyEligible.length} 行`);
    // The search box keeps the focus while the list is drawn again under it.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('eligibility-table-find');

    // Sorted by name, descending, among the rows found.
    await sortBy(page, 'eligibility-table', 'name', 'descending');
    found = await shownRows(page, 'eligibility-table');
    expect(found.map((r) => r.key).sort()).toEqual(want.map((r) => r.key).sort());
    const names = found.map((r) => r.cells.name!);
    expect(names).toEqual([...names].sort(new Intl.Collator('zh-CN').compare).reverse());
    expect(await page.textContent('#eligibility-table-status')).toBe(`显示 ${want.length} / ${everyEligible.length} 行；按“姓名”降序排列`);
  });

  it('gives the same view from the shared URL, after a filter change and back', async () => {
    const semester = await page.inputValue('#filter-semester');
    const other = await page.$eval('#filter-semester', (s: HTMLSelectElement) => [...s.options].map((o) => o.value).find((v) => v && v !== s.value)!);
    const coverage = await shownRows(page, 'coverage-table');
    // A filter changed and changed back keeps each table's order and search.
    await setFilters(page, { semester: other });
    expect(await page.inputValue('#eligibility-table-find')).toBe(TERM);
    expect(await page.getAttribute('#eligibility-table th[data-col="name"]', 'aria-sort')).toBe('descending');
    await setFilters(page, { semester });
    expect((await shownRows(page, 'eligibility-table')).map((r) => r.key)).toEqual(found.map((r) => r.key));

    const url = new URL(page.url());
    expect(url.searchParams.get('sort-eligibility')).toBe('name.desc');
    expect(url.searchParams.get('find-eligibility')).toBe(TERM);
    expect(url.searchParams.get('sort-coverage')).toBe('department.desc');
    const again = await h.open(url.href.slice(url.href.indexOf('assistants.html')));
    await waitForEngine(again);
    expect(await again.inputValue('#eligibility-table-find')).toBe(TERM);
    expect((await shownRows(again, 'eligibility-table')).map((r) => r.key)).toEqual(found.map((r) => r.key));
    expect((await shownRows(again, 'coverage-table')).map((r) => r.key)).toEqual(coverage.map((r) => r.key));
    expect(await sortState(again, 'eligibility-table')).toEqual(await sortState(page, 'eligibility-table'));
    expect(await again.textContent('#eligibility-table-status')).toBe(await page.textContent('#eligibility-table-status'));
    await again.context().close();
  });

  it('downloads the rows sorted and searched as shown', async () => {
    const { header, rows } = parseCsvDownload((await download(page, 'eligibility', 'csv')).bytes);
    const [department, name, className] = ['系部', '姓名', '聘用班级'].map((label) => header.indexOf(label));
    expect(Math.min(department!, name!, className!)).toBeGreaterThanOrEqual(0);
    expect(rows.map((r) => [r[department!], r[name!], r[className!]])).toEqual(found.map((r) => [r.cells.department, r.cells.name, r.cells.class_name]));

    const coverage = parseCsvDownload((await download(page, 'coverage', 'csv')).bytes);
    const at = coverage.header.indexOf('系部');
    expect(coverage.rows.map((r) => r[at])).toEqual((await shownRows(page, 'coverage-table')).map((r) => r.key));
    await page.context().close();
  });
});

/** Where the keyboard's focus is, and whether a sighted reader can see it (an outline of 2 px or more). */
const focusNow = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return null;
    // The fold switch is a checkbox hidden under its label: the label shows its focus.
    const shows = el.matches('.fold-toggle') ? el.parentElement!.querySelector('.fold-label')! : el;
    const style = getComputedStyle(shows);
    return {
      at: [...document.querySelectorAll('*')].indexOf(el),
      what: el.matches('.sort-button') ? 'sort' : el.matches('.table-find') ? 'find' : el.matches('select') ? 'filter' : el.matches('.download-button') ? 'download' : el.matches('.fold-toggle') ? 'fold' : el.tagName.toLowerCase(),
      visible: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
      html: el.outerHTML.slice(0, 100),
    };
  });

describe('keyboard and screen readers', () => {
  it('reaches every control of the page with Tab, each showing its focus, and sorts with Enter', async () => {
    const page = await h.open('assistants.html');
    await waitForEngine(page);
    // A list folded on a phone only has no switch on a wide screen.
    const controls = await page.$$eval('.sort-button, .table-find, #controls select, .download-button, .fold:not(.fold--phone) > .fold-toggle', (els) => els.length);
    const reached = new Map<number, NonNullable<Awaited<ReturnType<typeof focusNow>>>>();
    let stops = 0;
    for (let i = 0; i < 1000; i++) {
      await page.keyboard.press('Tab');
      const now = await focusNow(page);
      if (!now) break;
      if (reached.has(now.at)) break; // round again
      reached.set(now.at, now);
      stops++;
    }
    const seen = [...reached.values()];
    expect(seen.filter((f) => ['sort', 'find', 'filter', 'download', 'fold'].includes(f.what))).toHaveLength(controls);
    expect(seen.filter((f) => !f.visible).map((f) => f.html)).toEqual([]);
    expect(stops).toBeGreaterThan(50);

    // Enter on a heading sorts, and the focus stays on it for the next press.
    await page.focus('#eligibility-table th[data-col="failed_courses"] button');
    await page.keyboard.press('Enter');
    expect(await page.getAttribute('#eligibility-table th[data-col="failed_courses"]', 'aria-sort')).toBe('ascending');
    expect(await page.evaluate(() => document.activeElement?.closest('th')?.getAttribute('data-col'))).toBe('failed_courses');
    await page.keyboard.press('Enter');
    expect(await page.getAttribute('#eligibility-table th[data-col="failed_courses"]', 'aria-sort')).toBe('descending');
    await page.context().close();
  });

  it('lets the keyboard scroll a frame too wide for a phone, and no frame that fits is a tab stop', async () => {
    const page = await h.open('workload.html', { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await waitForEngine(page);
    const frames = await page.$$eval('.table-wrap, figure.chart', (els) =>
      els.map((el) => ({ scrolls: el.scrollWidth > el.clientWidth + 1, stop: el.getAttribute('tabindex') === '0', named: el.hasAttribute('aria-labelledby') || el.tagName === 'FIGURE' })),
    );
    expect(frames.some((f) => f.scrolls)).toBe(true);
    expect(frames.filter((f) => f.scrolls !== f.stop)).toEqual([]);
    expect(frames.filter((f) => f.stop && !f.named)).toEqual([]);
    const frame = page.locator('.table-wrap[tabindex="0"], figure.chart[tabindex="0"]').first();
    await frame.focus();
    const left = await frame.evaluate((el) => el.scrollLeft);
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction((l) => (document.activeElement?.scrollLeft ?? 0) > l, left);
    await page.context().close();
  });

  it('announces politely that the engine is ready, the filter applied and the rows found', async () => {
    const page = await h.open('assistants.html');
    await waitForEngine(page);
    const live = (selector: string) => page.$eval(selector, (el) => [el.getAttribute('role'), el.getAttribute('aria-live')]);
    // role=status is a polite live region.
    expect(await live('#engine-status')).toEqual(['status', 'polite']);
    expect(await page.textContent('#engine-status')).toContain('交互查询已就绪');
    const other = await page.$eval('#filter-semester', (s: HTMLSelectElement) => [...s.options].map((o) => o.value).find((v) => v && v !== s.value)!);
    await setFilters(page, { semester: other });
    expect(await page.textContent('#engine-status')).toMatch(/^交互查询已就绪：当前显示\d{4}-\d{4}学年第[一二]学期/);
    expect(await live('#eligibility-table-status')).toEqual(['status', 'polite']);
    await page.fill('#eligibility-table-find', '没有这个人');
    await page.waitForFunction(() => document.querySelector('#eligibility-table-status')?.textContent?.startsWith('显示 0 /'));
    expect(await page.textContent('#eligibility-table tbody')).toContain('没有与“没有这个人”相符的行。');
    await page.context().close();
  });

  it('made no request to any other host and logged no error', () => {
    expect(h.external).toEqual([]);
    expect(h.server.failures).toEqual([]);
    expect(h.consoleErrors).toEqual([]);
  });
});
