/**
 * The e2e harness: the built site under a subfolder of a plain static server, real Chromium,
 * every request to another host aborted and counted, console errors collected.
 */
import { join } from 'node:path';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
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

export async function startHarness(distDir = join('.cache/e2e/dist')): Promise<Harness> {
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

/** The department table as { department → { column → text } }. */
export async function readDepartmentTable(page: Page): Promise<Record<string, Record<string, string>>> {
  return page.$$eval('#dept-rows tr', (rows) =>
    Object.fromEntries(
      rows.map((tr) => [
        tr.getAttribute('data-department')!,
        Object.fromEntries([...tr.querySelectorAll('td')].map((td) => [td.getAttribute('data-col')!, td.textContent!.trim()])),
      ]),
    ),
  );
}

export const num = (text: string | undefined) => Number(String(text).replace(/[,人\s]/g, ''));
export const ratioText = (text: string | undefined) => String(text).replace(/,/g, '');
