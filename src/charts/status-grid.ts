/**
 * Units × measures as a grid of cells (the overview's picture): each cell carries the unit's value
 * as text and is coloured by one thing only, whether the value meets its requirement — 达标,
 * 未达标, 未设目标 (nothing to judge by) in blue-grey, or 无数据 in grey. The first row (the institution) is set apart by a rule under it.
 */
import * as Plot from '@observablehq/plot';
import { CHART_WIDTH, FONT_STACK, fitText, isNarrow, labelColumn, textWidth } from './layout.ts';

/** 未设目标: a figure shown without a requirement to judge it by (the team's structure, unless the institution sets a target). */
export type CellStatus = '达标' | '未达标' | '未设目标' | '无数据';
export const GRID_COLORS: Record<CellStatus, string> = { 达标: '#d9eadf', 未达标: '#f3c9c3', 未设目标: '#e3e9f1', 无数据: '#eeeeea' };

export interface GridCell {
  row: string;
  column: string;
  text: string;
  status: CellStatus;
}

export interface StatusGridOptions {
  document: Document;
  ariaLabel: string;
  rows: readonly string[];
  columns: readonly string[];
  width?: number;
}

export function statusGrid(cells: readonly GridCell[], o: StatusGridOptions): HTMLElement | SVGSVGElement {
  const width = o.width ?? CHART_WIDTH;
  // On a phone each row's name gets a line of its own above its cells, which then share the width.
  const narrow = isNarrow(width);
  const font = narrow ? 11 : 13;
  const labels = labelColumn(o.rows, width, font, narrow ? 0.9 : 0.22);
  const left = narrow ? 4 : labels.margin;
  const cellWidth = (width - left - 4) / o.columns.length;
  const rowHeight = narrow ? 46 : 32;
  const used = (Object.keys(GRID_COLORS) as CellStatus[]).filter((s) => cells.some((c) => c.status === s));
  // Column headings wrap onto as many lines as they need (never cut): a phone's columns are narrow.
  const heading = (label: string) => {
    const lines: string[] = [];
    let line = '';
    for (const ch of label) {
      if (line && textWidth(line + ch, font) > cellWidth - 4) {
        lines.push(line);
        line = '';
      }
      line += ch;
    }
    return [...lines, line].join('\n');
  };
  // A value smaller than its column if it must be, before it is ever cut ("1:251…" says nothing).
  const valueFont = (text: string) => (textWidth(text, font) <= cellWidth - 6 ? font : Math.max(9, Math.floor((font * (cellWidth - 6)) / textWidth(text, font))));
  const rowLabel = { tickFormat: labels.fit, title: (d: string) => (labels.fit(d) === d ? null : d) };
  return Plot.plot({
    document: o.document,
    width,
    height: 52 + o.rows.length * rowHeight,
    marginLeft: left,
    marginRight: 4,
    marginTop: narrow ? 56 : 48,
    marginBottom: 4,
    style: { fontFamily: FONT_STACK, fontSize: `${font}px` },
    ariaLabel: o.ariaLabel,
    x: { domain: [...o.columns], axis: null, padding: 0 },
    y: { domain: [...o.rows], axis: null, padding: 0 },
    color: { domain: used, range: used.map((s) => GRID_COLORS[s]), legend: true },
    marks: [
      Plot.cell(cells, { x: 'column', y: 'row', fill: 'status', inset: 1.5, insetTop: narrow ? 19 : 1.5, title: (c: GridCell) => `${c.row} · ${c.column}：${c.text}（${c.status}）` }),
      Plot.text(cells, { x: 'column', y: 'row', text: (c: GridCell) => fitText(c.text, ((cellWidth - 6) * font) / valueFont(c.text), font), fontSize: (c: GridCell) => valueFont(c.text), dy: narrow ? 9 : 0, fill: '#1a1a1a' }),
      Plot.axisX({ anchor: 'top', tickSize: 0, label: null, tickFormat: heading, lineHeight: 1.1, fontWeight: 'bold' }),
      narrow
        ? Plot.text(o.rows, { y: (d: string) => d, text: rowLabel.tickFormat, title: rowLabel.title, frameAnchor: 'left', dy: -13, textAnchor: 'start', fontWeight: 'bold' })
        : Plot.axisY({ tickSize: 0, label: null, ...rowLabel }),
      // The institution's row is set apart from the departments' by a rule under it.
      Plot.ruleY([o.rows[1]].filter(Boolean), { stroke: '#1a1a1a', strokeWidth: 1.5, dy: -rowHeight / 2 }),
    ],
  });
}
