/**
 * What every chart shares about space: its width (wide on a desktop, the screen's on a phone),
 * when to lay out for a narrow screen, and how long labels are fitted — truncated with "…" and
 * the full text kept as a tooltip — so that no label ever pushes the plot area to nothing or runs
 * into a neighbour, whatever the length of a department's name.
 */
export const FONT_STACK =
  '"PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", sans-serif';

/** The width charts are drawn at on a desktop (they scale down to fit narrower columns and print). */
export const CHART_WIDTH = 960;
/** Below this width a chart is laid out for a phone: labels above their bars, fewer columns. */
export const NARROW_WIDTH = 600;

export const isNarrow = (width: number) => width < NARROW_WIDTH;

/** The width of a text in pixels at a font size: CJK characters (and full-width forms) are square, the rest about half as wide. */
export function textWidth(text: string, fontPx: number): number {
  let em = 0;
  for (const ch of text) em += /[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 1 : 0.58;
  return em * fontPx;
}

/** The text cut to `maxPx` with a trailing "…" (unchanged when it fits). */
export function fitText(text: string, maxPx: number, fontPx: number): string {
  if (textWidth(text, fontPx) <= maxPx) return text;
  const chars = [...text];
  while (chars.length > 1 && textWidth(chars.join('') + '…', fontPx) > maxPx) chars.pop();
  return chars.join('') + '…';
}

/**
 * The left column for row labels: as wide as the longest label needs, but never more than
 * `share` of the chart, so the plot keeps most of the width; labels that do not fit are cut.
 */
export function labelColumn(labels: readonly string[], width: number, fontPx: number, share = 0.32): { margin: number; fit: (label: string) => string } {
  const longest = Math.max(4 * fontPx, ...labels.map((l) => textWidth(l, fontPx)));
  const margin = Math.floor(Math.min(longest + 16, Math.max(6 * fontPx, width * share)));
  return { margin, fit: (label) => fitText(label, margin - 12, fontPx) };
}

/** Whole-number ticks for counts of people: never a tick at half a person. */
export function integerTicks(max: number, most = 10): number[] {
  const step = Math.max(1, Math.ceil(max / most));
  const nice = [1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000].find((s) => s >= step) ?? step;
  return Array.from({ length: Math.floor(max / nice) + 1 }, (_, i) => i * nice);
}

/**
 * Plot names every mark's group (aria-label="bar", "rule", "frame"); a group holding only shapes
 * tells a screen reader nothing, and ARIA allows no name on a group without a role. Such groups are
 * hidden from assistive technology, as Plot hides its grid and ticks; the chart keeps its name (the
 * svg's aria-label) and its text alternative (the figure's caption), and groups of text its labels.
 */
export function readableChart<E extends Element>(chart: E): E {
  for (const group of chart.querySelectorAll('g[aria-label]:not([aria-hidden])')) if (!group.querySelector('text, title')) group.setAttribute('aria-hidden', 'true');
  return chart;
}
