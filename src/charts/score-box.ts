/** Score distributions per unit (percentage of maximum) as box plots, with the grade band boundaries marked. */
import * as Plot from '@observablehq/plot';
import { CHART_WIDTH, FONT_STACK, isNarrow, labelColumn } from './layout.ts';

const FONT = 12;

export function scoreBoxes(
  scores: ReadonlyArray<{ unit: string; percent: number }>,
  o: { document: Document; ariaLabel: string; bands: ReadonlyArray<{ min: number; label: string }>; width?: number },
): HTMLElement | SVGSVGElement {
  const width = o.width ?? CHART_WIDTH;
  const narrow = isNarrow(width);
  const units = [...new Set(scores.map((s) => s.unit))];
  const labels = labelColumn(units, width, FONT, narrow ? 0.3 : 0.25);
  const low = Math.max(0, Math.floor(Math.min(60, ...scores.map((s) => s.percent)) / 10) * 10);
  const bounds = o.bands.filter((b) => b.min > 0);
  return Plot.plot({
    document: o.document,
    width,
    height: 80 + units.length * 30,
    marginLeft: labels.margin,
    marginRight: 30,
    marginTop: 30,
    marginBottom: 44,
    style: { fontFamily: FONT_STACK, fontSize: `${FONT}px` },
    ariaLabel: o.ariaLabel,
    x: { domain: [low, Math.max(100, ...scores.map((s) => s.percent))], label: '得分率（得分 ÷ 满分，%）→', labelAnchor: 'center', labelOffset: 38, grid: true, ticks: narrow ? 5 : 10 },
    y: { domain: units, label: null, axis: null },
    marks: [
      Plot.ruleX(bounds, { x: 'min', stroke: '#555', strokeDasharray: '4 3' }),
      // Each boundary is labelled with the grade it starts: "优秀线 90%".
      Plot.text(bounds, { x: 'min', text: (b: { label: string; min: number }) => (narrow ? `${b.min}%` : `${b.label}线 ${b.min}%`), frameAnchor: 'top', dy: -8, fontSize: 11 }),
      Plot.boxX(scores, { x: 'percent', y: 'unit', fill: '#d8c9a3', stroke: '#1a1a1a', r: 2 }),
      Plot.axisY({ tickSize: 0, label: null, tickFormat: labels.fit, title: (d: string) => (labels.fit(d) === d ? null : d) }),
    ],
  });
}
