/**
 * Grades per unit as stacked bars: length is the number of people, colour the grade (as the
 * legend says). The counts are written once per bar, at its right ("优12 良30 合5 不1"), where
 * no segment can be too narrow to hold them; the table below has the same numbers.
 */
import * as Plot from '@observablehq/plot';
import type { Grade } from '../domain/cells.ts';
import type { SchemeGrade } from '../domain/scoring.ts';
import { CHART_WIDTH, FONT_STACK, integerTicks, isNarrow, labelColumn, textWidth } from './layout.ts';

/** A colour per grade, whatever the school calls it: the best green, the worst red. */
const GRADE_COLORS: Record<Grade, string> = { excellent: '#2f6b43', good: '#7fa88a', pass: '#d8c9a3', fail: '#b8322a' };

export interface GradeSegment {
  unit: string;
  grade: Grade;
  count: number;
}

const FONT = 12;

/** `scheme`: the grades shown, best first, under the school's names (优秀/称职/基本称职/不称职; 优秀/合格/不合格). */
export function gradeBars(
  segments: readonly GradeSegment[],
  o: { document: Document; ariaLabel: string; scheme: readonly SchemeGrade[]; width?: number },
): HTMLElement | SVGSVGElement {
  const width = o.width ?? CHART_WIDTH;
  const narrow = isNarrow(width);
  const order = o.scheme.map((g) => g.label);
  const labelOf = new Map(o.scheme.map((g) => [g.grade, g.label]));
  const units = [...new Set(segments.map((s) => s.unit))];
  const data = segments.filter((s) => s.count > 0 && labelOf.has(s.grade)).map((s) => ({ ...s, grade: labelOf.get(s.grade)! }));
  const summary = units.map((unit) => ({
    unit,
    text: order.flatMap((g) => data.filter((s) => s.unit === unit && s.grade === g).map((s) => `${g.slice(0, 1)}${s.count}`)).join(' '),
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
    color: { domain: order, range: o.scheme.map((g) => GRADE_COLORS[g.grade]), legend: true },
    marks: [
      Plot.barX(data, Plot.stackX({ x: 'count', y: 'unit', fill: 'grade', order, insetTop: narrow ? 20 : 3, insetBottom: 3 })),
      narrow
        ? Plot.text(summary, { y: 'unit', text: 'text', frameAnchor: 'right', dy: -8, textAnchor: 'end', fill: '#1a1a1a' })
        : Plot.text(summary, { y: 'unit', text: 'text', frameAnchor: 'right', dx: 10, textAnchor: 'start', fill: '#1a1a1a' }),
      narrow
        ? Plot.text(units, { y: (d: string) => d, text: labels.fit, frameAnchor: 'left', dy: -8, textAnchor: 'start', fill: '#1a1a1a' })
        : Plot.axisY({ tickSize: 0, label: null, tickFormat: labels.fit, title: (d: string) => (labels.fit(d) === d ? null : d) }),
    ],
  });
}
