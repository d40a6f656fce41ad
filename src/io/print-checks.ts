/**
 * Checks that what the report prints can be read, so that `npm run report` never says it made a
 * PDF full of empty boxes: before printing, that the browser has a font with Chinese glyphs for
 * each of the report's font stacks; after, that the PDF's text holds the report's title.
 */
import { execFileSync } from 'node:child_process';
import type { Page } from 'playwright-core';

/** Elements whose font stacks the report uses (title, headings, body, tables): one of each is checked. */
const SAMPLED = '.report-title, .report-subtitle, .report h2, .report p, .report .data-table th, .report .data-table td';

/**
 * Whether Chinese text renders with real glyphs in every font stack of the page. With no font that
 * has them, every character is drawn as the same box: a few distinct characters drawn alike give
 * it away (document.fonts.check cannot: it reports on fonts being loaded, not on system fonts).
 */
export async function chineseGlyphsRender(page: Page): Promise<boolean> {
  await page.evaluate(() => document.fonts.ready);
  return page.evaluate((selector) => {
    const stacks = new Set([...document.querySelectorAll(selector), document.body].map((el) => getComputedStyle(el).fontFamily));
    const canvas = document.createElement('canvas');
    canvas.width = canvas.height = 64;
    const context = canvas.getContext('2d', { willReadFrequently: true })!;
    const drawn = (stack: string, character: string) => {
      context.clearRect(0, 0, 64, 64);
      context.font = `48px ${stack}`;
      context.fillText(character, 4, 52);
      return context.getImageData(0, 0, 64, 64).data.join('');
    };
    return [...stacks].every((stack) => new Set(['辅', '导', '员', '党', '委'].map((c) => drawn(stack, c))).size === 5);
  }, SAMPLED);
}

const compact = (text: string) => text.replace(/\s+/g, '');

/**
 * Whether the PDF's text holds `title` (poppler's pdftotext reads it, as a reader's viewer would).
 * null: pdftotext is not installed, so this cannot be checked here.
 */
export function pdfHoldsTitle(path: string, title: string): boolean | null {
  let text: string;
  try {
    text = execFileSync('pdftotext', ['-enc', 'UTF-8', path, '-'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 64 * 2 ** 20 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    return false;
  }
  return compact(text).includes(compact(title));
}
