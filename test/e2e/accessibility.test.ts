/**
 * Pages everyone can use: axe-core's WCAG 2 A and AA rules on every page of the demo site (every
 * HTML file the build wrote: the navigation's pages, every department's, every semester's report)
 * at 1440 px and on a 390 px phone, once the query engine is ready, and on a page with a table
 * sorted and searched.
 * axe-core is read from node_modules and injected into the page as a script: nothing is fetched.
 * No serious or critical violation is allowed.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NAV } from '../../src/dashboard/registry.ts';
import { startHarness, waitForEngine, type Harness } from '../support/site.ts';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const WIDTHS = [
  { width: 1440, options: { viewport: { width: 1440, height: 900 } } },
  { width: 390, options: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 } },
] as const;

let h: Harness;
let pages: string[];

/** Every page of the built site: each .html file under it (the engine's and the data's folders hold none). */
function sitePages(dist: string, under = ''): string[] {
  return readdirSync(join(dist, under), { withFileTypes: true })
    .flatMap((entry) => (entry.isDirectory() ? (entry.name.startsWith('_') ? [] : sitePages(dist, join(under, entry.name))) : entry.name.endsWith('.html') ? [join(under, entry.name)] : []))
    .sort();
}

beforeAll(async () => {
  h = await startHarness();
  pages = sitePages(join(process.env.E2E_DIR ?? '.cache/e2e', 'dist')).map((path) => path.split(sep).map(encodeURIComponent).join('/'));
});
afterAll(async () => {
  await h?.close();
});

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/** axe-core's WCAG 2 A/AA rules on the page as it is now; the serious and critical violations. */
async function seriousViolations(page: Page): Promise<Violation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: AXE });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: string[]; html: string }> }> }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')} ${n.html.slice(0, 120)}`) }));
  });
}

describe('accessibility (axe-core, WCAG 2 A and AA)', () => {
  for (const { width, options } of WIDTHS)
    it(`no page has a serious or critical violation at ${width} px`, async () => {
      // Every page in the navigation, every department's, every semester's report.
      expect(pages).toEqual(expect.arrayContaining(NAV.map((n) => n.path)));
      expect(pages.filter((p) => p.startsWith('departments/')).length).toBeGreaterThan(5);
      expect(pages.filter((p) => p.startsWith('report/')).length).toBeGreaterThan(1);
      const found: Record<string, Violation[]> = {};
      // One tab per width, going from page to page as a reader would.
      const page = await h.open(pages[0]!, options);
      for (const path of pages) {
        if (path !== pages[0]) await page.goto(h.server.url + path);
        if (await page.$('#engine-status')) await waitForEngine(page);
        const violations = await seriousViolations(page);
        if (violations.length) found[path] = violations;
      }
      await page.context().close();
      expect(found).toEqual({});
    }, 600_000);

  it('none either with a long list sorted and searched, its fold opened, and a filter changed', async () => {
    const page = await h.open('assistants.html?sort-eligibility=name.desc&find-eligibility=2024', WIDTHS[0].options);
    await waitForEngine(page);
    await page.click('#eligibility-table-view .fold-label');
    await page.selectOption('#filter-semester', { index: 1 });
    await page.waitForFunction(() => document.querySelector('#engine-status')?.getAttribute('data-state') === 'ready' && document.body.dataset.shown?.includes('"semester"'));
    expect(await page.getAttribute('#eligibility-table th[data-col="name"]', 'aria-sort')).toBe('descending');
    expect(await seriousViolations(page)).toEqual([]);
    await page.context().close();
  });

  it('made no request to any other host and logged no error', () => {
    expect(h.external).toEqual([]);
    expect(h.server.failures).toEqual([]);
    expect(h.consoleErrors).toEqual([]);
  });
});
