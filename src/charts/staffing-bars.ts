/**
 * Students per counselor by department, as horizontal bars against the 1:N line. One spec for
 * the build (rendered into the HTML with jsdom) and the browser (re-rendered after each query).
 */
import * as Plot from '@observablehq/plot';
import { formatRatio } from '../domain/format.ts';
import type { StaffingRow } from '../metrics/staffing.ts';
import { MODE_LABELS, compliantOf, ratioOf, type RatioMode } from '../views/staffing.ts';

export const FONT_STACK =
  '"PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", sans-serif';

const STATUS = { ok: '达标', bad: '未达标' } as const;

export interface StaffingBarsOptions {
  mode: RatioMode;
  target: number;
  document: Document;
  width?: number;
}

/** Rows in display order (already sorted); returns a <figure> with legend and SVG. */
export function staffingBars(rows: readonly StaffingRow[], options: StaffingBarsOptions): HTMLElement | SVGSVGElement {
  const { mode, target } = options;
  const data = rows
    .filter((r) => r.students > 0 || r.full_time + r.part_time > 0)
    .map((r) => {
      const value = ratioOf(r, mode);
      const ok = compliantOf(r, mode);
      return {
        department: r.department,
        value,
        status: ok ? STATUS.ok : STATUS.bad,
        // Text beside each bar, so the status never rests on colour alone.
        label: value == null ? '无专职辅导员，无法计算' : `${formatRatio(value, target)}${ok ? '' : '  未达标'}`,
      };
    });
  const longest = Math.max(4, ...data.map((d) => d.department.length));
  const max = Math.max(target, ...data.map((d) => d.value ?? 0));
  return Plot.plot({
    document: options.document,
    width: options.width ?? 860,
    height: 70 + data.length * 30,
    marginLeft: 16 + longest * 13,
    marginRight: 150,
    marginTop: 30,
    marginBottom: 44,
    style: { fontFamily: FONT_STACK, fontSize: '13px' },
    ariaLabel: `各系部每名辅导员对应在校生人数（${MODE_LABELS[mode]}），虚线为 1:${target} 标准`,
    x: { label: `每名辅导员对应在校生人数（${MODE_LABELS[mode]}）→`, labelAnchor: 'center', labelOffset: 38, grid: true, domain: [0, max * 1.05], nice: true },
    y: { label: null, domain: data.map((d) => d.department), tickSize: 0 },
    color: { domain: [STATUS.ok, STATUS.bad], range: ['#4a7f5c', '#b8322a'], legend: true },
    marks: [
      Plot.barX(data.filter((d) => d.value != null), { x: 'value', y: 'department', fill: 'status', insetTop: 4, insetBottom: 4 }),
      Plot.ruleX([target], { stroke: '#1a1a1a', strokeWidth: 1.5, strokeDasharray: '5 3' }),
      Plot.text([target], { x: (d: number) => d, text: () => `1:${target} 标准线`, frameAnchor: 'top', dy: -6, textAnchor: 'start', dx: 4, fontWeight: 'bold' }),
      // Values in a column of their own at the right, clear of the bars and the standard line.
      Plot.text(data, { y: 'department', text: 'label', frameAnchor: 'right', dx: 10, textAnchor: 'start', fill: '#1a1a1a' }),
    ],
  });
}
