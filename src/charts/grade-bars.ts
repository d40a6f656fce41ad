/**
 * Grades per unit as stacked bars: length is the number of people, colour the grade (as the
 * legend says). The counts are written once per bar, at its right ("优12 良30 合5 不1"), where
 * no segment can be too narrow to hold them; the table below has the same numbers.
 */
import * as Plot from '@observablehq/plot';
import { CHART_WIDTH, FONT_STACK, integerTicks, isNarrow, labelColumn, textWidth } from './layout.ts';

export const GRADE_ORDER = ['优秀', '良好', '合格', '不合格'] as const;
const GRADE_COLORS = ['#2f6b43', '#7fa88a', '#d8c9a3', '#b8322a'];

export interface GradeSegment {
  unit: string;
  grade: (typeof GRADE_ORDER)[number];
  count: number;
}

const FONT = 12;

export function gradeBars(segments: readonly GradeSegment[], o: { document: Document; ariaLabel: string; width?: number }): HTMLElement | SVGSVGElement {
  const width = o.width ?? CHART_WIDTH;
  const narrow = isNarrow(width);
  const units = [...new Set(segments.map((s) => s.unit))];
  const data = segments.filter((s) => s.count > 0);
  const summary = units.map((unit) => ({
    unit,
    text: GRADE_ORDER.flatMap((g) => data.filter((s) => s.unit === unit && s.grade === g).map((s) => `${g.slice(0, 1)}${s.count}`)).join(' '),
    total: data.filter((s) => s.unit === unit).reduce((n, s) => n + Number(s.count), 0),
  }));
  const textColumn = narrow ? 0 : Math.min(Math.round(width / 3), Math.max(80, ...summary.map((s) => textWidth(s.text, FONT) + 20)));
  const labels = labelColumn(units, width - textColumn, FONT, narrow ? 0.55 : 0.4);
  const max = Math.max(1, ...summary.map((s) => s.total));
  return Plot.plot({
    document: o.document,
    width,
    height: 80 + units.length * (narrow ? 38 : 28),
    marginLeft: narrow ? 14 : labels.margin,
    marginRight: narrow ? 20 : textColumn,
    marginBottom: 44,
    style: { fontFamily: FONT_STACK, fontSize: `${FONT}px` },
    ariaLabel: o.ariaLabel,
    x: { label: '人数 →', labelAnchor: 'center', labelOffset: 38, grid: true, domain: [0, max], ticks: integerTicks(max, narrow ? 5 : 10), tickFormat: (v: number) => String(v) },
    y: { domain: units, label: null, axis: null },
    color: { domain: [...GRADE_ORDER], range: GRADE_COLORS, legend: true },
    marks: [
      Plot.barX(data, Plot.stackX({ x: 'count', y: 'unit', fill: 'grade', order: [...GRADE_ORDER], insetTop: narrow ? 20 : 3, insetBottom: 3 })),
      narrow
        ? Plot.text(summary, { y: 'unit', text: 'text', frameAnchor: 'right', dy: -8, textAnchor: 'end', fill: '#1a1a1a' })
        : Plot.text(summary, { y: 'unit', text: 'text', frameAnchor: 'right', dx: 10, textAnchor: 'start', fill: '#1a1a1a' }),
      narrow
        ? Plot.text(units, { y: (d: string) => d, text: labels.fit, frameAnchor: 'left', dy: -8, textAnchor: 'start', fill: '#1a1a1a' })
        : Plot.axisY({ tickSize: 0, label: null, tickFormat: labels.fit, title: (d: string) => (labels.fit(d) === d ? null : d) }),
    ],
  });
}
