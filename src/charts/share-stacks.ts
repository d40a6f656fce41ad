/**
 * Shares as 100 % stacked bars, one bar per row (a department, or a dimension of the team's
 * structure): each segment written with its share — and its category too where categories differ
 * from bar to bar — so nothing rests on colour alone; 未填写 is grey and always shown.
 */
import * as Plot from '@observablehq/plot';
import { CHART_WIDTH, FONT_STACK, isNarrow, labelColumn } from './layout.ts';

export interface Segment {
  row: string;
  /** The category's name, as the legend or the segment writes it. */
  category: string;
  /** Position of the category within its row's categories (colour follows it). */
  position: number;
  count: number;
  /** 未填写: grey, whatever its position. */
  unknown?: boolean;
}

export interface ShareStacksOptions {
  document: Document;
  ariaLabel: string;
  /** The categories are the same on every bar: a legend names them and segments show only the share. */
  categories?: readonly string[];
  width?: number;
}

/** Blues from dark to light, then warm tones: neighbouring categories stay apart. */
const PALETTE = ['#1f4e79', '#3d78a8', '#79a6cf', '#b7d0e6', '#e3c48c', '#c98f5a', '#9c5f3b'];
const UNKNOWN_COLOR = '#cfcfcf';
const LIGHT = new Set(['#b7d0e6', '#e3c48c', UNKNOWN_COLOR]);

const colorOf = (s: Segment) => (s.unknown ? UNKNOWN_COLOR : PALETTE[s.position % PALETTE.length]!);
const percent = (share: number) => (Number.isNaN(share) ? '—' : `${Math.round(share * 100)}%`);

export function shareStacks(segments: readonly Segment[], o: ShareStacksOptions): HTMLElement | SVGSVGElement {
  const rows = [...new Set(segments.map((s) => s.row))];
  const totals = new Map(rows.map((r) => [r, segments.filter((s) => s.row === r).reduce((n, s) => n + Number(s.count), 0)]));
  const data = segments
    .filter((s) => s.count > 0)
    .map((s) => ({ ...s, share: s.count / totals.get(s.row)!, color: colorOf(s) }));
  const width = o.width ?? CHART_WIDTH;
  // On a phone each row's name goes on a line of its own above its bar, which then has the whole width.
  const narrow = isNarrow(width);
  const labels = labelColumn(rows, width, 12, narrow ? 0.9 : 0.3);
  const plotWidth = width - (narrow ? 24 : labels.margin + 20);
  const legend = o.categories;
  // A segment is labelled where it is wide enough for its text.
  const label = (d: (typeof data)[number]) => {
    const text = legend ? percent(d.share) : `${d.category} ${percent(d.share)}`;
    return d.share * plotWidth >= [...text].length * 11 + 6 ? text : '';
  };
  // Colours by the category's place, whether or not any bar has it.
  const colors = legend ? legend.map((c) => { const s = segments.find((x) => x.category === c); return s ? colorOf(s) : UNKNOWN_COLOR; }) : undefined;
  return Plot.plot({
    document: o.document,
    width,
    height: 60 + rows.length * (narrow ? 46 : 34),
    marginLeft: narrow ? 12 : labels.margin,
    marginRight: narrow ? 18 : 20,
    marginBottom: 40,
    style: { fontFamily: FONT_STACK, fontSize: '12px' },
    ariaLabel: o.ariaLabel,
    x: { label: '占比 →', labelAnchor: 'center', labelOffset: 34, tickFormat: (v: number) => `${Math.round(v * 100)}%`, domain: [0, 1] },
    y: { domain: rows, label: null, axis: null },
    color: legend ? { type: 'ordinal', domain: [...legend], range: colors, legend: true } : undefined,
    marks: [
      Plot.barX(data, Plot.stackX({ x: 'share', y: 'row', fill: legend ? 'category' : 'color', order: 'position', insetTop: narrow ? 20 : 4, insetBottom: 4, title: (d: (typeof data)[number]) => `${d.row} · ${d.category}：${d.count} 人（${percent(d.share)}）` })),
      Plot.text(
        data,
        Plot.stackX({ x: 'share', y: 'row', z: 'category', order: 'position', text: label, dy: narrow ? 8 : 0, fill: (d: (typeof data)[number]) => (LIGHT.has(d.color) ? '#1a1a1a' : 'white'), fontSize: 11 }),
      ),
      narrow
        ? Plot.text(rows, { y: (d: string) => d, text: labels.fit, frameAnchor: 'left', dy: -12, textAnchor: 'start', fill: '#1a1a1a', fontWeight: 'bold' })
        : Plot.axisY({ tickSize: 0, label: null, tickFormat: labels.fit, title: (d: string) => (labels.fit(d) === d ? null : d) }),
    ],
  });
}
