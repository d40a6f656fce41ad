/**
 * Every page as a reader meets it, in Chromium: at 1440 px and printed on A4 no table hides a
 * column (and the report's cells keep their figures on one line); on a 390 px phone no page scrolls sideways and no navigation label breaks into a column;
 * the overview's chart is in the HTML; and no page shows a policy text's file name, a
 * configuration key, an error code or a command.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NAV } from '../../src/dashboard/registry.ts';
import { startHarness, waitForEngine, type Harness } from '../support/site.ts';

let h: Harness;
let pages: string[];
let departmentPages: string[];

beforeAll(async () => {
  h = await startHarness();
  const list = await h.open('departments.html', { javaScriptEnabled: false });
  departmentPages = await list.$$eval('.department-list a[href]', (as) => as.map((a) => a.getAttribute('href')!));
  await list.goto(list.url().replace('departments.html', 'report.html'));
  const latestReport = await list.$eval('.report-list a:not(.pdf-link)', (a) => a.getAttribute('href')!);
  await list.context().close();
  // Every page in the navigation, one department's page and the latest report.
  pages = [...NAV.map((n) => n.path), departmentPages[0]!, latestReport];
});
afterAll(async () => {
  await h?.close();
});

/** Tables whose content is wider than their frame: the columns past its edge are hidden from view. */
function overflowingTables(page: Page, only: 'all' | 'wide' | 'upright' = 'all') {
  return page.$$eval(
    'table.data-table',
    (tables, only) =>
      tables
        .filter((t) => {
          const wide = !!t.closest('.panel')?.querySelector('.data-table--wide');
          return only === 'all' || (only === 'wide') === wide;
        })
        .filter((t) => (t as HTMLElement).offsetParent !== null)
        .map((t) => {
          const frame = t.parentElement!;
          const right = Math.max(...[...t.querySelectorAll('th, td')].map((c) => c.getBoundingClientRect().right));
          return { id: t.id, table: t.scrollWidth, frame: frame.clientWidth, over: Math.round(right - frame.getBoundingClientRect().right) };
        })
        .filter((x) => x.table > x.frame + 1 || x.over > 1),
    only,
  );
}

describe('layout', () => {
  it('at 1440 px no table hides a column, and no page is wider than the window', async () => {
    for (const path of pages) {
      const page = await h.open(path, { javaScriptEnabled: false, viewport: { width: 1440, height: 900 } });
      expect(await overflowingTables(page), path).toEqual([]);
      expect(await page.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(1440);
      // Every table is there to check (an empty page would pass the check above).
      if (!path.startsWith('report') && path !== 'departments.html') expect(await page.$$eval('table.data-table', (t) => t.length), path).toBeGreaterThan(0);
      await page.context().close();
    }
  });

  it('printed on A4 no table hides a column: upright pages hold the narrower tables, landscape pages the wide ones', async () => {
    // The printable width in CSS pixels (96 per inch): A4 less the margins of the print stylesheets.
    const mm = 96 / 25.4;
    const upright = Math.floor((210 - 24) * mm);
    const landscape = Math.floor((297 - 24) * mm);
    const report = Math.floor(156 * mm); // the official document's type area
    for (const path of pages) {
      const page = await h.open(path, { javaScriptEnabled: false, viewport: { width: path.startsWith('report/') ? report : upright, height: 1100 } });
      await page.emulateMedia({ media: 'print' });
      expect(await overflowingTables(page, 'upright'), `${path} upright`).toEqual([]);
      // Every row prints: folded lists are unfolded on paper.
      expect(await page.$$eval('tr.row--folded', (rows) => rows.filter((r) => getComputedStyle(r).display === 'none').length), path).toBe(0);
      // The report's tables fit their columns: a figure ("下降1.0个百分点", "1:235.6") and a department's name never break over two lines.
      if (path.startsWith('report/')) {
        const broken = await page.$$eval('.report table:not(#tbl-compare) tbody th[scope="row"], .report td.cell--num, .report #tbl-structure-figures td', (cells) =>
          cells
            .filter((c) => {
              const range = document.createRange();
              range.selectNodeContents(c);
              return new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top))).size > 1;
            })
            .map((c) => `${c.closest('table')!.id}: ${c.textContent}`),
        );
        expect(broken, path).toEqual([]);
      }
      if (!path.startsWith('report/')) {
        await page.setViewportSize({ width: landscape, height: 800 });
        expect(await overflowingTables(page, 'wide'), `${path} landscape`).toEqual([]);
        // The wide tables really are set on landscape pages.
        const pagesOf = await page.$$eval('.panel', (panels) => panels.filter((p) => p.querySelector('.data-table--wide')).map((p) => getComputedStyle(p).page));
        for (const name of pagesOf) expect(name, path).toBe('wide');
      }
      await page.context().close();
    }
  });

  it('at 390 px no page scrolls sideways, and every navigation label stays on one line', async () => {
    // The guide too (its tables are the text's, not data tables: only this check applies to it).
    for (const path of [...pages, 'guide.html']) {
      const page = await h.open(path, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
      if (await page.$('#engine-status')) await waitForEngine(page);
      expect(await page.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(390);
      const labels = await page.$$eval('header nav a', (as) =>
        as.map((a) => ({ text: a.textContent!, lines: a.getClientRects().length, height: a.getBoundingClientRect().height, line: parseFloat(getComputedStyle(a).lineHeight) })),
      );
      expect(labels.length, path).toBeGreaterThanOrEqual(10);
      expect(labels.at(-1)!.text).toBe('党委会汇报');
      for (const l of labels) {
        expect(l.lines, `${path}: ${l.text}`).toBe(1);
        expect(l.height, `${path}: ${l.text} is ${l.height}px tall`).toBeLessThan(l.line * 1.5 + 4);
      }
      // Tables stack: each row a block no wider than the screen.
      const wide = await page.$$eval('table.data-table tr', (rows) => rows.filter((r) => (r as HTMLElement).offsetParent !== null && r.getBoundingClientRect().right > 391).length);
      expect(wide, path).toBe(0);
      // Charts are laid out for the phone: labels at least 9 px high as drawn.
      const tiny = await page.$$eval('figure.chart svg[aria-label]:not(.chart-scroll) text', (texts) =>
        texts.filter((t) => (t as SVGGraphicsElement).getBoundingClientRect().height > 0 && (t as SVGGraphicsElement).getBoundingClientRect().height < 9).map((t) => t.textContent),
      );
      expect(tiny, path).toEqual([]);
      await page.context().close();
    }
  });

  it('at 390 px every page is in the navigation’s view, and no chart label is cut or crossed: 工作量’s norms, the overview’s grid; the week grid says it scrolls', async () => {
    const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
    // The navigation wraps: every page, 党委会汇报 included, is on screen without scrolling it sideways.
    const index = await h.open('index.html', phone);
    await waitForEngine(index);
    const links = await index.$$eval('header nav a', (as) => as.map((a) => ({ text: a.textContent!, left: a.getBoundingClientRect().left, right: a.getBoundingClientRect().right })));
    expect(links.map((l) => l.text)).toContain('党委会汇报');
    for (const l of links) expect([l.text, l.left >= 0 && l.right <= 390]).toEqual([l.text, true]);
    // The overview's grid: every value and heading whole ("1:251.4", never "1:251…").
    const grid = await index.$$eval('#departments-chart svg text', (texts) => texts.map((t) => t.textContent ?? ''));
    expect(grid.some((t) => /^1:\d/.test(t))).toBe(true);
    expect(grid.filter((t) => t.includes('…'))).toEqual([]);
    await index.context().close();

    const workload = await h.open('workload.html', phone);
    await waitForEngine(workload);
    const norms = await workload.$eval('#norms-chart svg[aria-label="各项工作要求的达标率"]', (svg) => {
      const rule = svg.querySelector('g[aria-label="rule"] line')?.getBoundingClientRect().left ?? Infinity;
      const texts = [...svg.querySelectorAll('text')].map((t) => ({ text: t.textContent ?? '', right: t.getBoundingClientRect().right }));
      return { rule, cut: texts.filter((t) => t.text.includes('…')).map((t) => t.text), values: texts.filter((t) => /\d+\/\d+/.test(t.text)) };
    });
    // The norm names whole ("班主任·每月联系任课教师不少于1次", not "…不…"), the values clear of the 90 % line.
    expect(norms.cut).toEqual([]);
    expect(norms.values.length).toBeGreaterThan(5);
    for (const v of norms.values) expect([v.text, v.right < norms.rule]).toEqual([v.text, true]);
    // The week-by-week grid keeps its width and scrolls in its frame: the reader is told so.
    const heat = await workload.$eval('#heatmap-chart', (figure) => ({
      wider: figure.scrollWidth > figure.clientWidth + 1,
      cue: (figure.querySelector('.scroll-cue') as HTMLElement | null)?.offsetParent != null ? figure.querySelector('.scroll-cue')!.textContent : null,
    }));
    expect(heat.wider).toBe(true);
    expect(heat.cue).toContain('左右滑动');
    await workload.context().close();
  });

  it('at 390 px long lists are folded: no page runs past 18 screens, no panel past 2½, and every row still prints', async () => {
    // A phone's screen is 844 px tall. Unfolded, a page stacked every table row into a block of
    // label–value lines and ran 20,000–25,000 px; folded (a list past its third row on a phone, a
    // table of a week per column past its first), each panel shows its figures, its chart and first
    // rows in at most two and a half screens — a reader passes it in two flicks — and the longest
    // page, a department's seventeen panels, stays under 18 screens (about 16 now), well short of
    // what the issue measured. (The clerk's guide is a manual read from top to bottom: not here.)
    const screen = 844;
    for (const path of pages) {
      const page = await h.open(path, { javaScriptEnabled: false, viewport: { width: 390, height: screen }, isMobile: true, hasTouch: true });
      const height = await page.evaluate(() => document.documentElement.scrollHeight);
      expect(height, `${path} is ${height}px long`).toBeLessThanOrEqual(18 * screen);
      const tall = await page.$$eval('.panel, .report-section, .report .exhibit', (els, most) => els.map((e) => [e.id || e.querySelector('h2, h3')?.textContent, Math.round(e.getBoundingClientRect().height)]).filter(([, h]) => (h as number) > most), 2.5 * screen);
      expect(tall, path).toEqual([]);
      // Every long list has its switch in view, saying how many rows it holds; opened, the rows show.
      const folds = await page.$$eval('.fold', (els) => els.map((f) => ({ rows: Number((f as HTMLElement).dataset.fold), label: (f.querySelector('.fold-label') as HTMLElement).innerText, shown: f.querySelectorAll('.row--folded-phone, .row--folded').length })));
      for (const f of folds) {
        expect(f.label, path).toContain(`展开全部 ${f.rows} `);
        expect(f.shown, path).toBeGreaterThan(0);
      }
      const hidden = () => page.$$eval('.row--folded-phone, .row--folded', (rows) => rows.filter((r) => getComputedStyle(r).display === 'none').length);
      if (folds.length) {
        expect(await hidden(), path).toBeGreaterThan(0);
        await page.click('.fold-label >> nth=0');
        const first = await page.$eval('.fold', (f) => [...f.querySelectorAll('.row--folded-phone, .row--folded')].filter((r) => getComputedStyle(r).display === 'none').length);
        expect(first, `${path}: opened`).toBe(0);
      }
      // On paper every row prints.
      await page.emulateMedia({ media: 'print' });
      expect(await hidden(), `${path} printed`).toBe(0);
      await page.context().close();
    }
    // The report's annex tables, whole at 1440 px with no switch: only a phone folds them.
    const report = await h.open(pages.at(-1)!, { javaScriptEnabled: false, viewport: { width: 1440, height: 900 } });
    expect(await report.$$eval('.report tr', (rows) => rows.filter((r) => getComputedStyle(r).display === 'none').length)).toBe(0);
    expect(await report.$$eval('.fold-label', (labels) => labels.filter((l) => (l as HTMLElement).offsetParent !== null).length)).toBe(0);
    await report.context().close();
  });

  it('the overview’s chart is in the HTML itself (drawn at build time)', async () => {
    const page = await h.open('index.html', { javaScriptEnabled: false });
    expect(await page.$$eval('#departments-chart svg g[aria-label="cell"] rect', (r) => r.length)).toBeGreaterThan(12 * 6);
    await page.context().close();
  });
});

/** The text a reader can see or hear on the page: body text (hidden notes included), titles, alternative texts; not scripts or data. */
async function readerText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const body = document.body.cloneNode(true) as HTMLElement;
    for (const el of body.querySelectorAll('script, style, template')) el.remove();
    const attributes = [...body.querySelectorAll('[title], [aria-label], [alt], [data-placeholder]')].flatMap((el) =>
      ['title', 'aria-label', 'alt', 'data-placeholder'].map((a) => el.getAttribute(a) ?? ''),
    );
    return [document.title, body.textContent ?? '', ...attributes].join('\n');
  });
}

const FORBIDDEN: ReadonlyArray<[string, RegExp]> = [
  ['a policy text’s file name', /seeds?[\s/]*\d{3}|\d{3}_[0-9a-f]{16}|\.txt\b|DOMAIN\.md/i],
  ['a configuration key', /\b[a-z]+(?:_[a-z]+)+\b|\b[a-z]+\.(?:json|[a-z]+_[a-z_]+)\b|规则方案/],
  ['an error code', /\b[A-Z]{2,}(?:_[A-Z]+)+\b/],
  ['a command', /\bnpm\b|\bnode\s|命令行/],
];

describe('words for readers', () => {
  it('no page shows a policy text’s file name, a configuration key, an error code or a command', async () => {
    for (const path of [...pages, ...departmentPages.slice(1)]) {
      const page = await h.open(path, { javaScriptEnabled: false });
      const text = await readerText(page);
      for (const [what, pattern] of FORBIDDEN) expect(pattern.exec(text)?.[0] ?? null, `${path}: ${what}`).toBeNull();
      await page.context().close();
    }
  });

  it('names the policy documents by their titles', async () => {
    const page = await h.open('staffing.html', { javaScriptEnabled: false });
    const text = await readerText(page);
    expect(text).toContain('《阿克苏职业技术学院落实〈新时代自治区普通高等学校辅导员队伍建设管理办法（试行）〉的实施细则》');
    expect(text).toContain('教育部令第43号《普通高等学校辅导员队伍建设规定》');
    await page.context().close();
  });

  it('the checks above would catch each kind of slip', () => {
    for (const [what, slip] of [
      ['a policy text’s file name', '依据：seeds/004'],
      ['a policy text’s file name', '004_9e76ab30d9c7d5e8.txt'],
      ['a configuration key', '规则方案 workload.target_share'],
      ['a configuration key', 'max_students_per_counselor'],
      ['an error code', '代码 UNKNOWN_LEVEL'],
      ['a command', '运行 npm run report'],
    ] as const)
      expect(FORBIDDEN.find(([w]) => w === what)![1].test(slip), slip).toBe(true);
    for (const fine of ['1:200', '2025-2026-1/机电工程系/在校生人数.csv', '下载 PDF 版', '第 3 行']) for (const [, p] of FORBIDDEN) expect(p.test(fine), fine).toBe(false);
  });

  it('made no request to any other host, asked the server for nothing missing, and logged no error', () => {
    expect(h.external).toEqual([]);
    expect(h.server.failures).toEqual([]);
    expect(h.consoleErrors).toEqual([]);
  });
});
