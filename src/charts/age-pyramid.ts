/**
 * The age pyramid: people per age band, men to the left and women to the right, each bar written
 * with its count. Bands run from the youngest at the bottom to the oldest at the top.
 */
import * as Plot from '@observablehq/plot';
import { FONT_STACK } from './layout.ts';

export interface PyramidBar {
  band: string;
  gender: '男' | '女';
  count: number;
}

const COLORS = { 男: '#3d78a8', 女: '#b65a4a' } as const;

export function agePyramid(bars: readonly PyramidBar[], o: { document: Document; bands: readonly string[]; ariaLabel: string; width?: number }): HTMLElement | SVGSVGElement {
  const data = bars.map((b) => ({ ...b, x: b.gender === '男' ? -b.count : b.count }));
  const max = Math.max(1, ...bars.map((b) => b.count));
  const longest = Math.max(4, ...o.bands.map((b) => [...b].length));
  return Plot.plot({
    document: o.document,
    // Narrower than the other charts: two sides of a few bands need no more, and it stays legible on a phone.
    width: o.width ?? 640,
    height: 70 + o.bands.length * 34,
    marginLeft: 16 + longest * 13,
    marginRight: 40,
    marginBottom: 44,
    style: { fontFamily: FONT_STACK, fontSize: '12px' },
    ariaLabel: o.ariaLabel,
    x: { label: '← 男　　人数　　女 →', labelAnchor: 'center', labelOffset: 36, domain: [-max * 1.15, max * 1.15], tickFormat: (v: number) => String(Math.abs(v)), grid: true },
    y: { domain: [...o.bands].reverse(), label: null, tickSize: 0 },
    color: { domain: ['男', '女'], range: [COLORS.男, COLORS.女], legend: true },
    marks: [
      Plot.barX(data, { x: 'x', y: 'band', fill: 'gender', insetTop: 4, insetBottom: 4 }),
      Plot.ruleX([0], { stroke: '#1a1a1a' }),
      Plot.text(data.filter((d) => d.count > 0 && d.x < 0), { x: 'x', y: 'band', text: 'count', dx: -6, textAnchor: 'end', fill: '#1a1a1a' }),
      Plot.text(data.filter((d) => d.count > 0 && d.x > 0), { x: 'x', y: 'band', text: 'count', dx: 6, textAnchor: 'start', fill: '#1a1a1a' }),
    ],
  });
}
