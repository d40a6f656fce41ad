/**
 * Where the table is inside a sheet: which row is the header, which kind of export it is,
 * and which rows around the data are not data (title lines, totals, footers, blanks).
 */
import { COMBINED, TABLES, normaliseHeader, type InputColumn, type TableKind, type TableSpec } from './tables/index.ts';
import { cleanCell, compactCell } from './text.ts';

export type SkipReason = 'title' | 'header' | 'blank' | 'total' | 'footer' | 'header_repeat' | 'notes' | 'form';

export const SKIP_REASON_LABELS: Record<SkipReason, string> = {
  title: '标题行',
  header: '表头行',
  blank: '空行',
  total: '合计行',
  footer: '表尾（填表人、审核人、盖章、日期等）',
  header_repeat: '重复的表头',
  notes: '说明类工作表（填表说明、封面等）',
  form: '表单的栏目行（考核量化表、考核登记表的各项，已汇总为一条记录）',
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
  /** A second kind the same rows are also read as (COMBINED), with its columns. */
  also?: { kind: TableKind; columns: Record<string, number> };
}

export interface HeaderFailure {
  ok: false;
  /** The kinds nearest to fitting (fewest columns missing), nearest first, with what they missed. */
  closest: Array<{ kind: TableKind; label: string; missing: string[] }>;
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

/** What a kind still lacks in this header: its required columns, and one of each any-of group. */
function missingFor(spec: TableSpec, columns: Record<string, number>): string[] {
  const label = (key: string) => spec.input.find((c) => c.key === key)?.label ?? key;
  // A column that may come from the title, file name or folder instead (系部) is not missed here.
  const missing = spec.input.filter((c) => c.required && !c.fromContext && !(c.key in columns)).map((c) => c.label);
  for (const group of spec.requireAnyOf ?? [])
    if (!group.some((key) => key in columns)) missing.push(group.slice(0, 3).map(label).join('或') + (group.length > 3 ? '等' : ''));
  return missing;
}

interface Fit {
  kind: TableKind;
  columns: Record<string, number>;
  also?: { kind: TableKind; columns: Record<string, number> };
  /** Sheet columns read, by this kind and the one it is combined with. */
  read: Set<number>;
}

/** Two kinds that fit one header and are one table (COMBINED) become one fit reading both kinds' columns. */
function combine(fits: Fit[]): Fit[] {
  for (const { kind, also } of COMBINED) {
    const a = fits.find((f) => f.kind === kind);
    const b = fits.find((f) => f.kind === also);
    if (!a || !b) continue;
    const both: Fit = { kind, columns: a.columns, also: { kind: also, columns: b.columns }, read: new Set([...a.read, ...b.read]) };
    fits = [both, ...fits.filter((f) => f !== a && f !== b)];
  }
  return fits;
}

/**
 * Scan the top rows for the first row that carries everything one kind requires. When two kinds
 * fit, the one reading more columns wins only if it reads every column the other would; else
 * the file is ambiguous and stops (no column silently goes unread) — unless the two are one
 * table by the seeds' own forms (COMBINED).
 */
export function findHeader(rows: readonly (readonly string[])[]): HeaderMatch | HeaderFailure {
  const near = new Map<TableKind, { kind: TableKind; label: string; missing: string[]; matched: number }>();
  const limit = Math.min(rows.length, HEADER_SCAN_ROWS);
  for (let r = 0; r < limit; r++) {
    const cells = rows[r]!;
    let fits: Fit[] = [];
    for (const spec of Object.values(TABLES)) {
      const columns = matchColumns(cells, spec.input);
      const missing = missingFor(spec, columns);
      if (missing.length === 0) fits.push({ kind: spec.kind, columns, read: new Set(Object.values(columns)) });
      else if (Object.keys(columns).length > 0 && missing.length < (near.get(spec.kind)?.missing.length ?? Infinity))
        near.set(spec.kind, { kind: spec.kind, label: spec.label, missing, matched: Object.keys(columns).length });
    }
    if (fits.length === 0) continue;
    fits = combine(fits).sort((a, b) => b.read.size - a.read.size);
    const [best, ...others] = fits;
    const unread = others.filter((o) => [...o.read].some((i) => !best!.read.has(i)));
    if (unread.length > 0) return { ok: false, closest: [], ambiguous: [best!.kind, ...unread.map((o) => o.kind)] };
    const unmapped = cells.map((c, i) => (best!.read.has(i) ? '' : cleanCell(c))).filter((c) => c !== '');
    return { ok: true, kind: best!.kind, row: r, columns: best!.columns, unmapped, ...(best!.also ? { also: best!.also } : {}) };
  }
  // Nearest: most columns recognised net of those missing, then fewest missing.
  const closest = [...near.values()]
    .sort((a, b) => b.matched - b.missing.length - (a.matched - a.missing.length) || a.missing.length - b.missing.length)
    .slice(0, 2)
    .map(({ kind, label, missing }) => ({ kind, label, missing }));
  return { ok: false, closest, ambiguous: [] };
}

const TOTAL_WORDS = ['合计', '总计', '小计', '共计', '总数', '全系合计', '全院合计'];
/** Regex sources, each starting with a literal character (or an escaped one). */
const FOOTER_WORDS = [
  '填表人', '填报人', '制表人', '审核人', '审批人', '负责人', '联系人', '单位\\(盖章\\)', '\\(盖章\\)', '盖章',
  '填报日期', '填表日期', '制表日期', '报送日期', '日期[:：]', '注[:：]', '备注[:：]', '说明[:：]',
];
const TOTAL = new RegExp(`^(${TOTAL_WORDS.join('|')})`);
const FOOTER = new RegExp(`^(${FOOTER_WORDS.join('|')})`);
const LONE_DATE = /^\d{4}(年|[-/.])\d{1,2}((月|[-/.])\d{1,2}日?)?$/;
/**
 * The characters a total or footer line can start with: a cell starting otherwise (nearly every
 * data cell) needs no regular expression at all — this runs for every row.
 */
const TOTAL_FIRST = new Set(TOTAL_WORDS.map((w) => w[0]));
const FOOTER_FIRST = new Set(FOOTER_WORDS.map((w) => (w[0] === '\\' ? w[1] : w[0])));
/**
 * A signature or stamp line, whatever its wording: "聘用系部负责人签字：", "（公章）", "单位负责人签名",
 * "经办人：", "日期：…". Its words may stand anywhere in the first cell; those that are also
 * job titles (负责人, 联系人) only before a colon, so that a roster's 职务 "学工办负责人" stays data.
 */
const SIGNATURE = /签字|签名|签章|盖章|公章|(负责人|联系人|经办人|填表人|填报人|制表人|审核人|审批人|日期)[:：]/;
const isTotal = (text: string) => TOTAL_FIRST.has(text[0]!) && TOTAL.test(text);
/** Every signature line holds 签, 章 or a colon (after half-width folding): other cells need no regular expression. */
const mayBeSignature = (text: string) => text.includes('签') || text.includes('章') || text.includes(':');
const isFooter = (text: string) => (FOOTER_FIRST.has(text[0]!) && FOOTER.test(text)) || (mayBeSignature(text) && SIGNATURE.test(text));

/**
 * Rows after the header that are not data, by the first rule that fits, in this order:
 * blank (nothing in any cell); total (合计… in one of the first three cells that hold anything,
 * 序号 often being the empty one); footer (its first filled cell a 填表人/审核人/盖章/日期 line or
 * a signature line, or a date standing alone); the header repeated. The cells are looked at
 * once, in one pass (this runs for every row).
 */
export function classifyRow(cells: readonly string[], header: readonly string[]): SkipReason | 'data' {
  // The first three cells that hold anything, compacted; counting stops at three.
  let filled = 0;
  let first = '';
  let second = '';
  let third = '';
  for (let i = 0; i < cells.length && filled < 3; i++) {
    const raw = cells[i]!;
    if (raw === '') continue;
    const text = compactCell(raw);
    if (text === '') continue;
    if (filled === 0) first = text;
    else if (filled === 1) second = text;
    else third = text;
    filled++;
  }
  if (filled === 0) return 'blank';
  if (isTotal(first) || (filled > 1 && isTotal(second)) || (filled > 2 && isTotal(third))) return 'total';
  if (isFooter(first) || (filled === 1 && LONE_DATE.test(first))) return 'footer';
  if (header.length > 0 && first === firstFilled(header) && cells.every((c, i) => normaliseHeader(c) === (header[i] ?? ''))) return 'header_repeat';
  return 'data';
}

function firstFilled(header: readonly string[]): string | undefined {
  for (const h of header) if (h !== '') return h;
  return undefined;
}

/** The header row as the rules compare it; computed once per sheet. */
export function normaliseHeaderRow(cells: readonly string[]): string[] {
  return cells.map(normaliseHeader);
}
