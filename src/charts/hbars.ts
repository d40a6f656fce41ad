/**
 * Horizontal bars, one per unit, against an optional standard line, with each value written in a
 * column of its own at the right (clear of bars and line) and the status in words beside it, so
 * nothing rests on colour alone. Long Chinese department names get the left margin they need.
 */
import * as Plot from '@observablehq/plot';

export const FONT_STACK =
  '"PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", sans-serif';

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
  width?: number;
}

export function hbars(bars: readonly Bar[], o: HBarsOptions): HTMLElement | SVGSVGElement {
  const data = bars.map((b) => ({ ...b, status: b.ok == null ? '—' : b.ok ? STATUS.ok : STATUS.bad }));
  const longest = Math.max(4, ...data.map((d) => [...d.label].length));
  const max = Math.max(o.max ?? 0, o.rule?.value ?? 0, ...data.map((d) => d.value ?? 0));
  const withStatus = data.some((d) => d.ok != null);
  const marks: Plot.Markish[] = [
    Plot.barX(
      data.filter((d) => d.value != null),
      { x: 'value', y: 'label', fill: withStatus ? 'status' : STATUS_COLORS.none, insetTop: 4, insetBottom: 4 },
    ),
    Plot.text(data, { y: 'label', text: 'text', frameAnchor: 'right', dx: 10, textAnchor: 'start', fill: '#1a1a1a' }),
  ];
  if (o.rule) {
    const rule = o.rule;
    marks.push(
      Plot.ruleX([rule.value], { stroke: '#1a1a1a', strokeWidth: 1.5, strokeDasharray: '5 3' }),
      Plot.text([rule.value], { x: (d: number) => d, text: () => rule.label, frameAnchor: 'top', dy: -6, textAnchor: 'start', dx: 4, fontWeight: 'bold' }),
    );
  }
  return Plot.plot({
    document: o.document,
    width: o.width ?? 860,
    height: 70 + data.length * 30,
    marginLeft: 16 + longest * 13,
    marginRight: 170,
    marginTop: 30,
    marginBottom: 44,
    style: { fontFamily: FONT_STACK, fontSize: '13px' },
    ariaLabel: o.ariaLabel,
    x: {
      label: o.xLabel,
      labelAnchor: 'center',
      labelOffset: 38,
      grid: true,
      domain: [0, max > 0 ? max * 1.05 : 1],
      nice: !o.percent,
      ...(o.percent ? { tickFormat: (v: number) => `${Math.round(v * 100)}%`, domain: [0, Math.max(1, max)] } : {}),
    },
    y: { label: null, domain: data.map((d) => d.label), tickSize: 0 },
    color: withStatus ? { domain: [STATUS.ok, STATUS.bad], range: [STATUS_COLORS.ok, STATUS_COLORS.bad], legend: true } : undefined,
    marks,
  });
}
