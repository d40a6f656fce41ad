/**
 * Where the table is inside a sheet: which row is the header, which kind of export it is,
 * and which rows around the data are not data (title lines, totals, footers, blanks).
 */
import { TABLES, normaliseHeader, type InputColumn, type TableKind } from './tables.ts';
import { cleanCell, compactCell, isBlankRow } from './text.ts';

export type SkipReason = 'title' | 'header' | 'blank' | 'total' | 'footer' | 'header_repeat';

export const SKIP_REASON_LABELS: Record<SkipReason, string> = {
  title: '标题行',
  header: '表头行',
  blank: '空行',
  total: '合计行',
  footer: '表尾（填表人、审核人、盖章、日期等）',
  header_repeat: '重复的表头',
};

/** How many rows from the top may hold titles before the header. */
export const HEADER_SCAN_ROWS = 15;

export interface HeaderMatch {
  ok: true;
  kind: TableKind;
  row: number;
  /** Column index in the sheet for each input column key found. */
  columns: Record<string, number>;
  /** Header cells that no column of the kind reads (published nowhere). */
  unmapped: string[];
}

export interface HeaderFailure {
  ok: false;
  /** The kind whose required columns were best matched in any one row, with what it missed. */
  closest: { kind: TableKind; label: string; missing: string[] } | null;
  ambiguous: TableKind[];
}

function matchColumns(headerCells: readonly string[], input: readonly InputColumn[]): Record<string, number> {
  const found: Record<string, number> = {};
  headerCells.forEach((raw, index) => {
    const header = normaliseHeader(raw);
    if (!header) return;
    const column = input.find((c) => !(c.key in found) && c.aliases.includes(header));
    if (column) found[column.key] = index;
  });
  return found;
}

/** Scan the top rows for the first row that carries every required column of exactly one kind. */
export function findHeader(rows: readonly (readonly string[])[]): HeaderMatch | HeaderFailure {
  let closest: HeaderFailure['closest'] = null;
  let closestFound = -1;
  const limit = Math.min(rows.length, HEADER_SCAN_ROWS);
  for (let r = 0; r < limit; r++) {
    const cells = rows[r]!;
    const complete: Array<{ kind: TableKind; columns: Record<string, number> }> = [];
    for (const spec of Object.values(TABLES)) {
      const columns = matchColumns(cells, spec.input);
      const required = spec.input.filter((c) => c.required);
      const missing = required.filter((c) => !(c.key in columns));
      if (missing.length === 0) complete.push({ kind: spec.kind, columns });
      else if (required.length - missing.length > closestFound) {
        closestFound = required.length - missing.length;
        closest = { kind: spec.kind, label: spec.label, missing: missing.map((c) => c.label) };
      }
    }
    if (complete.length === 0) continue;
    complete.sort((a, b) => Object.keys(b.columns).length - Object.keys(a.columns).length);
    if (complete.length > 1 && Object.keys(complete[0]!.columns).length === Object.keys(complete[1]!.columns).length)
      return { ok: false, closest: null, ambiguous: complete.map((c) => c.kind) };
    const best = complete[0]!;
    const used = new Set(Object.values(best.columns));
    const unmapped = cells.map((c, i) => (used.has(i) ? '' : cleanCell(c))).filter((c) => c !== '');
    return { ok: true, kind: best.kind, row: r, columns: best.columns, unmapped };
  }
  return { ok: false, closest, ambiguous: [] };
}

/** Rows after the header that are not data. Checked in order; the first that fits wins. */
const NON_DATA_RULES: Array<{ reason: SkipReason; test: (cells: string[], header: string[]) => boolean }> = [
  { reason: 'blank', test: (cells) => isBlankRow(cells) },
  {
    // 合计 / 总计 / 小计 in one of the first cells that hold anything (序号 is often empty there).
    reason: 'total',
    test: (cells) => firstFilled(cells, 3).some((c) => /^(合计|总计|小计|共计|总数|全系合计|全院合计)/.test(compactCell(c))),
  },
  {
    reason: 'footer',
    test: (cells) => {
      const filled = firstFilled(cells, cells.length);
      const first = compactCell(filled[0] ?? '');
      return (
        /^(填表人|填报人|制表人|审核人|审批人|负责人|联系人|单位\(盖章\)|单位（盖章）|\(盖章\)|（盖章）|盖章|填报日期|填表日期|制表日期|报送日期|日期[:：]|注[:：]|备注[:：]|说明[:：])/.test(first) ||
        (filled.length === 1 && /^\d{4}(年|[-/.])\d{1,2}((月|[-/.])\d{1,2}日?)?$/.test(first))
      );
    },
  },
  {
    reason: 'header_repeat',
    test: (cells, header) =>
      header.length > 0 && cells.every((c, i) => normaliseHeader(c) === normaliseHeader(header[i] ?? '')),
  },
];

function firstFilled(cells: readonly string[], n: number): string[] {
  return cells.filter((c) => cleanCell(c) !== '').slice(0, n);
}

export function classifyRow(cells: string[], header: string[]): SkipReason | 'data' {
  return NON_DATA_RULES.find((rule) => rule.test(cells, header))?.reason ?? 'data';
}
