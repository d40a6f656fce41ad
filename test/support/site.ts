/**
 * The e2e harness: the built site under a subfolder of a plain static server, real Chromium,
 * every request to another host aborted and counted, console errors collected.
 */
import { join } from 'node:path';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { expect } from 'vitest';
import { launchChromium } from '../../src/io/chromium.ts';
import { serveStatic, type StaticServer } from '../../src/io/static-server.ts';

export const MOUNT = '/dashboards/xg/';

export interface Harness {
  server: StaticServer;
  browser: Browser;
  external: string[];
  consoleErrors: string[];
  open(path: string, options?: BrowserContextOptions): Promise<Page>;
  close(): Promise<void>;
}

export async function startHarness(distDir = join(process.env.E2E_DIR ?? '.cache/e2e', 'dist')): Promise<Harness> {
  const server = await serveStatic(distDir, { mount: MOUNT });
  const browser = await launchChromium();
  const origin = new URL(server.url).origin;
  const external: string[] = [];
  const consoleErrors: string[] = [];
  return {
    server,
    browser,
    external,
    consoleErrors,
    async open(path, options) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
      await context.route('**/*', (route) => {
        const url = route.request().url();
        if (new URL(url).origin !== origin && !url.startsWith('data:') && !url.startsWith('blob:')) {
          external.push(url);
          return route.abort();
        }
        return route.continue();
      });
      const page = await context.newPage();
      page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
      page.on('pageerror', (e) => consoleErrors.push(e.message));
      page.on('response', (r) => r.status() >= 400 && consoleErrors.push(`HTTP ${r.status()} ${r.url()}`));
      await page.goto(server.url + path);
      return page;
    },
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

/** Wait until DuckDB-WASM has loaded and the page reports itself interactive. */
export async function waitForEngine(page: Page): Promise<void> {
  await page.waitForSelector('#engine-status[data-state="ready"], #engine-status[data-state="error"]', { timeout: 90_000 });
  const state = await page.getAttribute('#engine-status', 'data-state');
  if (state !== 'ready') throw new Error(`engine failed: ${await page.textContent('#engine-status')}`);
}

export const num = (text: string | undefined) => Number(String(text).replace(/[,人\s]/g, ''));
export const ratioText = (text: string | undefined) => String(text).replace(/,/g, '');

/** A panel's table as { row key → { column → text } } (rows carry data-key; a cell's column is its header's, thead th[data-col]). */
export async function readTable(page: Page, tableId: string): Promise<Record<string, Record<string, string>>> {
  return page.$eval(`#${tableId}`, (table) => {
    const columns = [...table.querySelectorAll('thead th')].map((th) => th.getAttribute('data-col')!);
    return Object.fromEntries(
      [...table.querySelectorAll('tbody tr[data-key]')].map((tr) => [
        tr.getAttribute('data-key')!,
        Object.fromEntries([...tr.querySelectorAll('th, td')].map((cell, i) => [columns[i]!, cell.textContent!.trim()])),
      ]),
    );
  });
}

/** Change the page's filters (select names: semester, department, role, or page options) and wait until every panel shows them. */
export async function setFilters(page: Page, values: Record<string, string>): Promise<void> {
  for (const [name, value] of Object.entries(values)) await page.selectOption(`#filter-${name}`, value);
  await waitForShown(page, values);
}

/** Wait until every panel shows the given filter values (set from the URL or the form). */
export async function waitForShown(page: Page, values: Record<string, string>): Promise<void> {
  await page.waitForFunction(
    (want) => {
      // A failed query will not render: stop waiting at once and report it below.
      if (document.querySelector('#engine-status')?.getAttribute('data-state') === 'error') return true;
      const shown = document.body.dataset.shown;
      if (!shown) return false;
      const state = JSON.parse(shown) as Record<string, string | null>;
      return Object.entries(want).every(([k, v]) => (state[k] ?? '') === v) && document.querySelector('#engine-status')?.getAttribute('data-state') === 'ready';
    },
    values,
    { timeout: 60_000 },
  );
  if ((await page.getAttribute('#engine-status', 'data-state')) === 'error') throw new Error(`query failed: ${await page.textContent('#engine-status')}`);
}

/** Click a panel's download button and return the file's name and bytes. */
export async function download(page: Page, panelId: string, kind: 'csv' | 'xlsx' | 'svg' | 'png'): Promise<{ name: string; bytes: Buffer }> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.click(`button[data-download="${kind}"][data-target="${panelId}"]`)]);
  const stream = await file.createReadStream();
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return { name: file.suggestedFilename(), bytes: Buffer.concat(chunks) };
}

/** Parse a downloaded CSV (UTF-8 with BOM, CRLF) into header + rows. */
export function parseCsvDownload(bytes: Buffer): { header: string[]; rows: string[][] } {
  const text = bytes.toString('utf8');
  if (!text.startsWith('\uFEFF')) throw new Error('CSV without BOM');
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const body = text.slice(1);
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (quoted) {
      if (ch === '"' && body[i + 1] === '"') (cell += '"'), i++;
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') row.push(cell), (cell = '');
    else if (ch === '\r' && body[i + 1] === '\n') row.push(cell), rows.push(row), (row = []), (cell = ''), i++;
    else cell += ch;
  }
  if (cell || row.length) row.push(cell), rows.push(row);
  return { header: rows[0] ?? [], rows: rows.slice(1) };
}

/** "93.8%" → 0.938; "—" → null. */
export const percentText = (text: string | undefined) => (text == null || text === '—' ? null : Number(text.replace('%', '')) / 100);

/**
 * Close `page` and open its URL afresh, as a colleague given the link would: the filters must come
 * back from the URL alone. Returns the new page, ready, for the caller's checks of what it shows.
 */
export async function reopenShared(h: Harness, page: Page, file: string, f: { semester: string; department: string | null; role: string | null }): Promise<Page> {
  const shared = page.url();
  await page.context().close();
  const again = await h.open(shared.slice(shared.indexOf(file)));
  await waitForEngine(again);
  await waitForShown(again, { semester: f.semester, department: f.department ?? '', role: f.role ?? '' });
  expect([await again.inputValue('#filter-semester'), await again.inputValue('#filter-department'), await again.inputValue('#filter-role')]).toEqual([
    f.semester,
    f.department ?? '',
    f.role ?? '',
  ]);
  return again;
}
