/**
 * A measure over semesters, one small chart per department (small multiples rather than a dozen
 * crossing lines with long labels), with the standard as a dashed line in each.
 */
import * as Plot from '@observablehq/plot';
import { CHART_WIDTH, FONT_STACK, fitText, isNarrow } from './layout.ts';

export interface TrendPoint {
  department: string;
  semester: string;
  value: number | null;
}

export interface TrendOptions {
  document: Document;
  ariaLabel: string;
  rule?: number;
  /** Short semester tick labels, e.g. 25秋. */
  tick: (semester: string) => string;
  columns?: number;
  width?: number;
}

export function trendFacets(points: readonly TrendPoint[], o: TrendOptions): HTMLElement | SVGSVGElement {
  const departments = [...new Set(points.map((p) => p.department))];
  const width = o.width ?? CHART_WIDTH;
  const columns = o.columns ?? (isNarrow(width) ? 2 : 4);
  // Each small chart's title fits its own width.
  const title = (d: string) => fitText(d, (width - 44) / columns - 8, 12);
  const cell = new Map(departments.map((d, i) => [d, { fx: i % columns, fy: Math.floor(i / columns) }]));
  const data = points.filter((p) => p.value != null).map((p) => ({ ...p, ...cell.get(p.department)! }));
  const semesters = [...new Set(points.map((p) => p.semester))].sort();
  const max = Math.max(o.rule ?? 0, ...data.map((d) => d.value as number));
  const titles = departments.map((d) => ({ department: d, ...cell.get(d)! }));
  return Plot.plot({
    document: o.document,
    width,
    height: 40 + Math.ceil(departments.length / columns) * (isNarrow(width) ? 130 : 150),
    marginLeft: 44,
    marginTop: 30,
    marginBottom: 34,
    style: { fontFamily: FONT_STACK, fontSize: '12px' },
    ariaLabel: o.ariaLabel,
    fx: { axis: null, padding: 0.12 },
    fy: { axis: null, padding: 0.3 },
    x: { domain: semesters, tickFormat: o.tick, label: null, padding: 0.3 },
    // The unit is in the caption: an axis label here would sit on the first small chart's title.
    y: { domain: [0, max * 1.1], label: null, grid: true, ticks: 4 },
    marks: [
      Plot.frame({ stroke: '#d9d4cc' }),
      ...(o.rule != null ? [Plot.ruleY([o.rule], { stroke: '#1a1a1a', strokeDasharray: '4 3' })] : []),
      Plot.line(data, { x: 'semester', y: 'value', fx: 'fx', fy: 'fy', z: 'department', stroke: '#9b1c1c', strokeWidth: 2 }),
      Plot.dot(data, { x: 'semester', y: 'value', fx: 'fx', fy: 'fy', fill: '#9b1c1c', r: 3 }),
      Plot.text(titles, { fx: 'fx', fy: 'fy', text: (d: { department: string }) => title(d.department), title: (d: { department: string }) => (title(d.department) === d.department ? null : d.department), frameAnchor: 'top-left', dy: -9, fontWeight: 'bold' }),
    ],
  });
}
