/** Renders a chart spec to markup at build time, with jsdom standing in for the browser's document. */
import { JSDOM } from 'jsdom';
import { readableChart } from '../charts/layout.ts';

const { document } = new JSDOM('<!doctype html><html><body></body></html>').window;

export function renderToHtml(make: (document: Document) => Element): string {
  return readableChart(make(document as unknown as Document)).outerHTML;
}
