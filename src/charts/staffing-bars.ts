/**
 * Students per counselor by department, as horizontal bars against the 1:N line. One spec for
 * the build (rendered into the HTML with jsdom) and the browser (re-rendered after each query).
 */
import { formatRatio } from '../domain/format.ts';
import type { StaffingRow } from '../metrics/staffing.ts';
import { MODE_LABELS, compliantOf, ratioOf, type RatioMode } from '../views/staffing.ts';
import { hbars } from './hbars.ts';


export interface StaffingBarsOptions {
  mode: RatioMode;
  target: number;
  document: Document;
  width?: number;
}

/** Rows in display order (already sorted); returns a <figure> with legend and SVG. */
export function staffingBars(rows: readonly StaffingRow[], options: StaffingBarsOptions): HTMLElement | SVGSVGElement {
  const { mode, target } = options;
  const bars = rows
    .filter((r) => r.note != null || (r.students ?? 0) > 0 || (r.full_time ?? 0) + (r.part_time ?? 0) > 0)
    .map((r) => {
      const value = ratioOf(r, mode);
      const ok = compliantOf(r, mode);
      return {
        label: r.department,
        value,
        ok,
        // A roster or enrollment not sent or not read: its note, never 无专职辅导员.
        text: r.note ?? (value == null ? '无专职辅导员，无法计算' : `${formatRatio(value, target)}${ok ? '' : '  未达标'}`),
      };
    });
  return hbars(bars, {
    document: options.document,
    width: options.width,
    ariaLabel: `各系部每名辅导员对应在校生人数（${MODE_LABELS[mode]}），虚线为 1:${target} 标准`,
    xLabel: `每名辅导员对应在校生人数（${MODE_LABELS[mode]}）→`,
    rule: { value: target, label: `1:${target} 标准线` },
  });
}
