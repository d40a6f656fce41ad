/** Grades per unit as stacked bars, each segment labelled with its count (colour is not the only signal). */
import * as Plot from '@observablehq/plot';
import { FONT_STACK } from './hbars.ts';

export const GRADE_ORDER = ['优秀', '良好', '合格', '不合格'] as const;
const GRADE_COLORS = ['#2f6b43', '#7fa88a', '#d8c9a3', '#b8322a'];

export interface GradeSegment {
  unit: string;
  grade: (typeof GRADE_ORDER)[number];
  count: number;
}

export function gradeBars(segments: readonly GradeSegment[], o: { document: Document; ariaLabel: string }): HTMLElement | SVGSVGElement {
  const units = [...new Set(segments.map((s) => s.unit))];
  const longest = Math.max(4, ...units.map((u) => [...u].length));
  const data = segments.filter((s) => s.count > 0);
  return Plot.plot({
    document: o.document,
    width: 860,
    height: 80 + units.length * 28,
    marginLeft: 16 + longest * 13,
    marginRight: 30,
    marginBottom: 44,
    style: { fontFamily: FONT_STACK, fontSize: '12px' },
    ariaLabel: o.ariaLabel,
    x: { label: '人数 →', labelAnchor: 'center', labelOffset: 38, grid: true },
    y: { domain: units, label: null, tickSize: 0 },
    color: { domain: [...GRADE_ORDER], range: GRADE_COLORS, legend: true },
    marks: [
      Plot.barX(data, Plot.stackX({ x: 'count', y: 'unit', fill: 'grade', order: [...GRADE_ORDER], insetTop: 3, insetBottom: 3 })),
      Plot.text(
        data,
        Plot.stackX({ x: 'count', y: 'unit', z: 'grade', order: [...GRADE_ORDER], text: (d: GradeSegment) => `${d.grade.slice(0, 1)}${d.count}`, fill: (d: GradeSegment) => (d.grade === '合格' ? 'black' : 'white'), fontSize: 10 }),
      ),
    ],
  });
}
