/** Renders a chart spec to markup at build time, with jsdom standing in for the browser's document. */
import { JSDOM } from 'jsdom';
import { readableChart } from '../charts/layout.ts';

const { document } = new JSDOM('<!doctype html><html><body></body></html>').window;

export function renderToHtml(make: (document: Document) => Element): string {
  return shortCoordinates(readableChart(make(document as unknown as Document)).outerHTML);
}

/** An attribute of the markup, and a number in it with more than two decimals (Plot writes positions such as 205.60000000000002). */
const ATTRIBUTE = / ([a-z][\w:-]*)="([^"]*)"/g;
const LONG_DECIMAL = /-?\d+\.\d{3,}/g;
const HAS_LONG_DECIMAL = /\d\.\d{3}/;

/**
 * Positions and sizes to a hundredth of a pixel — what a screen or a print can show — in every
 * attribute but the chart's words (aria-*): a province's pages held 0.3 MB of digits beyond it.
 */
function shortCoordinates(html: string): string {
  return html.replace(ATTRIBUTE, (whole, name: string, value: string) =>
    name.startsWith('aria-') || !HAS_LONG_DECIMAL.test(value) ? whole : ` ${name}="${value.replace(LONG_DECIMAL, (n) => String(Number(Number(n).toFixed(2))))}"`,
  );
}
