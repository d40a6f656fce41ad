/** Score distributions per unit (percentage of maximum) as box plots, with the grade band boundaries marked. */
import * as Plot from '@observablehq/plot';
import { FONT_STACK } from './hbars.ts';

export function scoreBoxes(
  scores: ReadonlyArray<{ unit: string; percent: number }>,
  o: { document: Document; ariaLabel: string; bands: ReadonlyArray<{ min: number; label: string }> },
): HTMLElement | SVGSVGElement {
  const units = [...new Set(scores.map((s) => s.unit))];
  const longest = Math.max(4, ...units.map((u) => [...u].length));
  const low = Math.max(0, Math.floor(Math.min(60, ...scores.map((s) => s.percent)) / 10) * 10);
  const bounds = o.bands.filter((b) => b.min > 0);
  return Plot.plot({
    document: o.document,
    width: 860,
    height: 80 + units.length * 30,
    marginLeft: 16 + longest * 13,
    marginRight: 30,
    marginTop: 30,
    marginBottom: 44,
    style: { fontFamily: FONT_STACK, fontSize: '12px' },
    ariaLabel: o.ariaLabel,
    x: { domain: [low, Math.max(100, ...scores.map((s) => s.percent))], label: '得分率（得分 ÷ 满分，%）→', labelAnchor: 'center', labelOffset: 38, grid: true },
    y: { domain: units, label: null, tickSize: 0 },
    marks: [
      Plot.ruleX(bounds, { x: 'min', stroke: '#555', strokeDasharray: '4 3' }),
      Plot.text(bounds, { x: 'min', text: (b: { label: string; min: number }) => `${b.label} ≥${b.min}`, frameAnchor: 'top', dy: -6, fontSize: 11 }),
      Plot.boxX(scores, { x: 'percent', y: 'unit', fill: '#d8c9a3', stroke: '#1a1a1a', r: 2 }),
    ],
  });
}
