/** A chart prerendered at build time (src/site/render-chart.ts): positions written to a hundredth of a pixel, its words untouched. */
import { describe, expect, it } from 'vitest';
import { renderToHtml } from '../../src/site/render-chart.ts';

describe('a prerendered chart', () => {
  it('writes positions to a hundredth of a pixel, and leaves its words and short numbers as they are', () => {
    const html = renderToHtml((document) => {
      const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
      svg.setAttribute('aria-label', '占比 0.33333 的系部');
      const rect = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
      rect.setAttribute('x', '205.60000000000002');
      rect.setAttribute('width', '453.33333333333337');
      rect.setAttribute('y', '30');
      rect.setAttribute('transform', 'translate(-12.345678,7.5)');
      const title = document.createElementNS('http://www.w3.org/2000/svg', 'title');
      title.textContent = '1.23456 人';
      rect.append(title);
      svg.append(rect);
      return svg;
    });
    expect(html).toContain('x="205.6"');
    expect(html).toContain('width="453.33"');
    expect(html).toContain('y="30"');
    expect(html).toContain('transform="translate(-12.35,7.5)"');
    expect(html).toContain('aria-label="占比 0.33333 的系部"');
    expect(html).toContain('<title>1.23456 人</title>');
  });
});
