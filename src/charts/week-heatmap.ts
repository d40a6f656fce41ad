/**
 * Department × teaching week: the share of person-weeks meeting all weekly norms. Each cell also
 * carries its percentage as text, so the colour is never the only signal.
 */
import * as Plot from '@observablehq/plot';
import { FONT_STACK, labelColumn } from './layout.ts';

/** Whole percent, rounded, but never 100 for a share below 1 nor 0 above 0. */
export function cellPercent(share: number): string {
  const p = Math.round(share * 100);
  return String(share < 1 && p === 100 ? 99 : share > 0 && p === 0 ? 1 : p);
}

export interface HeatCellDatum {
  department: string;
  week_no: number;
  share: number;
}

export function weekHeatmap(cells: readonly HeatCellDatum[], o: { document: Document; weeks: number; ariaLabel: string; target: number }): HTMLElement | SVGSVGElement {
  const departments = [...new Set(cells.map((c) => c.department))];
  const weeks = Array.from({ length: o.weeks }, (_, i) => i + 1);
  // Weeks keep a legible width (a phone scrolls this one chart sideways); names fit a fifth of it.
  const labels = labelColumn(departments, 40 + o.weeks * 34 * 1.25, 12, 0.2);
  return Plot.plot({
    document: o.document,
    width: labels.margin + 24 + o.weeks * 34,
    height: 80 + departments.length * 28,
    marginLeft: labels.margin,
    marginTop: 40,
    marginBottom: 44,
    style: { fontFamily: FONT_STACK, fontSize: '12px' },
    ariaLabel: o.ariaLabel,
    // Kept at its width on a phone (the stylesheet lets it scroll sideways in its frame).
    className: 'chart-scroll',
    x: { domain: weeks, label: '教学周 →', labelAnchor: 'center', tickSize: 0, axis: 'top' },
    y: { domain: departments, label: null, axis: null },
    // Bands rather than a continuous ramp: the top band starts at the target, so 达标 cells read at a glance.
    color: {
      type: 'threshold',
      domain: [0.5, 0.7, o.target],
      range: ['#b8322a', '#e0a88f', '#e9e3cf', '#5f8f6c'],
      legend: true,
      label: '达到全部周工作要求的人周次比例',
      tickFormat: (v: number) => `${Math.round(v * 100)}%`,
    },
    marks: [
      Plot.cell(cells, { x: 'week_no', y: 'department', fill: 'share', inset: 1 }),
      Plot.text(cells, { x: 'week_no', y: 'department', text: (d: HeatCellDatum) => cellPercent(d.share), fill: (d: HeatCellDatum) => (d.share < 0.5 || d.share >= o.target ? 'white' : 'black'), fontSize: 10 }),
      Plot.axisY({ tickSize: 0, label: null, tickFormat: labels.fit, title: (d: string) => (labels.fit(d) === d ? null : d) }),
    ],
  });
}
