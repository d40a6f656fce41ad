/**
 * Horizontal bars, one per unit, against an optional standard line. One encoding: the bar's
 * length is the value and its colour says whether that value meets the standard drawn as the
 * line (the legend lists only the colours used). Each value is written in a column of its own at
 * the right, clear of bars and line, with the status in words, so nothing rests on colour alone.
 *
 * Wide: labels in a left column (fitted: see layout.ts). Narrow (a phone): each label on a line
 * of its own across the whole width, the value on the next line, then the bar.
 */
import * as Plot from '@observablehq/plot';
import { CHART_WIDTH, FONT_STACK, fitText, integerTicks, isNarrow, labelColumn, textWidth } from './layout.ts';

export { FONT_STACK } from './layout.ts';

export const STATUS = { ok: '达标', bad: '未达标' } as const;
export const STATUS_COLORS = { ok: '#4a7f5c', bad: '#b8322a', none: '#8a8a8a' } as const;

export interface Bar {
  label: string;
  /** null: nothing to draw (the text says why). */
  value: number | null;
  ok: boolean | null;
  text: string;
}

export interface HBarsOptions {
  document: Document;
  ariaLabel: string;
  xLabel: string;
  /** A standard line, e.g. 1:200 or 90 %. */
  rule?: { value: number; label: string };
  /** Upper end of the axis at least this (e.g. 1 for shares). */
  max?: number;
  percent?: boolean;
  /** Counts of people: whole-number ticks only. */
  integer?: boolean;
  width?: number;
}

const FONT = 13;

export function hbars(bars: readonly Bar[], o: HBarsOptions): HTMLElement | SVGSVGElement {
  const width = o.width ?? CHART_WIDTH;
  const narrow = isNarrow(width);
  const data = bars.map((b) => ({ ...b, status: b.ok == null ? '—' : b.ok ? STATUS.ok : STATUS.bad }));
  const max = Math.max(o.max ?? 0, o.rule?.value ?? 0, ...data.map((d) => d.value ?? 0));
  const used = [STATUS.ok, STATUS.bad].filter((s) => data.some((d) => d.status === s));
  const withStatus = used.length > 0;
  const fill = withStatus ? 'status' : STATUS_COLORS.none;
  // The value column: as wide as the longest text needs, within a third of the chart.
  const textColumn = narrow ? 0 : Math.min(Math.round(width / 3), Math.max(90, ...data.map((d) => textWidth(d.text, FONT) + 20)));
  const labels = labelColumn(
    data.map((d) => d.label),
    width - textColumn,
    FONT,
    narrow ? 0.55 : 0.45,
  );
  // On a phone a label has the whole width (less the axis' room at either side).
  const wholeLine = (label: string) => fitText(label, width - 34, FONT);
  const domain: [number, number] = o.percent ? [0, Math.max(1, max)] : [0, max > 0 ? max * 1.05 : 1];
  const marks: Plot.Markish[] = narrow
    ? [
        // Three lines a row: the label across the whole width, the value under it at the left (clear
        // of the standard line near the right), then the bar.
        Plot.barX(data.filter((d) => d.value != null), { x: 'value', y: 'label', fill, insetTop: 36, insetBottom: 4 }),
        Plot.text(data, { y: 'label', text: (d) => wholeLine(d.label), title: (d) => (wholeLine(d.label) === d.label ? null : d.label), frameAnchor: 'left', dy: -19, textAnchor: 'start', fill: '#1a1a1a', stroke: '#fff', strokeWidth: 3, paintOrder: 'stroke' }),
        Plot.text(data, { y: 'label', text: 'text', frameAnchor: 'left', dy: -2, textAnchor: 'start', fill: '#444', fontSize: FONT - 1 }),
      ]
    : [
        Plot.barX(data.filter((d) => d.value != null), { x: 'value', y: 'label', fill, insetTop: 4, insetBottom: 4 }),
        Plot.text(data, { y: 'label', text: 'text', frameAnchor: 'right', dx: 10, textAnchor: 'start', fill: '#1a1a1a' }),
        Plot.axisY({ tickSize: 0, tickFormat: labels.fit, title: (d: string) => (labels.fit(d) === d ? null : d), label: null }),
      ];
  if (o.rule) {
    const rule = o.rule;
    // The line's label sits above the plot, on the side of the line with room for it.
    const nearEnd = (rule.value - domain[0]) / (domain[1] - domain[0]) > 0.7;
    marks.push(
      Plot.ruleX([rule.value], { stroke: '#1a1a1a', strokeWidth: 1.5, strokeDasharray: '5 3' }),
      Plot.text([rule.value], { x: (d: number) => d, text: () => rule.label, frameAnchor: 'top', dy: -8, textAnchor: nearEnd ? 'end' : 'start', dx: nearEnd ? -4 : 4, fontWeight: 'bold' }),
    );
  }
  const ticks = o.integer ? integerTicks(domain[1], narrow ? 5 : 10) : undefined;
  return Plot.plot({
    document: o.document,
    width,
    height: 80 + data.length * (narrow ? 60 : 30),
    // On a phone the axis' first and last tick labels need a little room at either side.
    marginLeft: narrow ? 14 : labels.margin,
    marginRight: narrow ? 20 : textColumn,
    marginTop: 32,
    marginBottom: 44,
    style: { fontFamily: FONT_STACK, fontSize: `${FONT}px` },
    ariaLabel: o.ariaLabel,
    x: {
      label: o.xLabel,
      labelAnchor: 'center',
      labelOffset: 38,
      grid: true,
      domain,
      nice: !o.percent && !o.integer,
      ...(ticks ? { ticks, tickFormat: (v: number) => String(v) } : {}),
      ...(o.percent ? { tickFormat: (v: number) => `${Math.round(v * 100)}%`, ticks: narrow ? 5 : 10 } : {}),
    },
    y: { label: null, domain: data.map((d) => d.label), axis: null },
    color: withStatus ? { domain: used, range: used.map((s) => (s === STATUS.ok ? STATUS_COLORS.ok : STATUS_COLORS.bad)), legend: true } : undefined,
    marks,
  });
}
