/**
 * Where the table is inside a sheet: which row is the header, which kind of export it is,
 * and which rows around the data are not data (title lines, totals, footers, blanks).
 */
import { COMBINED, TABLES, normaliseHeader, type InputColumn, type TableKind, type TableSpec } from './tables/index.ts';
import { cleanCell, compactCell } from './text.ts';
import { GENERIC_HEADINGS, kindsNamed, type KindEvidence, type NamedBy } from './kind-evidence.ts';
import { knownPartition } from './parts.ts';

export type SkipReason = 'title' | 'header' | 'blank' | 'total' | 'footer' | 'header_repeat' | 'notes' | 'form' | 'hidden';

export const SKIP_REASON_LABELS: Record<SkipReason, string> = {
  title: '标题行',
  header: '表头行',
  blank: '空行',
  total: '合计行',
  footer: '表尾（填表人、审核人、盖章、日期等）',
  header_repeat: '重复的表头',
  notes: '说明类工作表（填表说明、封面等）',
  form: '表单的栏目行（考核量化表、考核登记表的各项，已汇总为一条记录）',
  hidden: '隐藏工作表中的行（未导入）',
};

/** How many rows from the top may hold titles before the header. */
export const HEADER_SCAN_ROWS = 15;

/** Which sheet column each input column of one kind is read from. */
export interface ColumnMap {
  /** Column index in the sheet for each input column key found (a joined key: its first column). */
  columns: Record<string, number>;
  /** Keys filled from several columns (a `joined` input column with more than one): all of them, in header order. */
  joined: Record<string, number[]>;
}

export interface HeaderMatch extends ColumnMap {
  ok: true;
  kind: TableKind;
  row: number;
  /** Header cells that no column of the kind reads (published nowhere). */
  unmapped: string[];
  /** A second kind the same rows are also read as (COMBINED), with its columns. */
  also?: { kind: TableKind } & ColumnMap;
  /** Hidden columns read because they are the only one for their field (a warning says so). */
  hiddenRead: number[];
  /** Hidden columns passed over because a visible column fills the same field (a warning says so). */
  hiddenPassedOver: Array<{ label: string; used: number; hidden: number }>;
}

export interface HeaderFailure {
  ok: false;
  /** The kinds nearest to fitting (fewest columns missing), nearest first, with what they missed. */
  closest: Array<{ kind: TableKind; label: string; missing: string[] }>;
  ambiguous: TableKind[];
  /** The header fits a kind, but one of its fields is in two columns (neither hidden): which, and the header's row. */
  duplicate?: { label: string; columns: number[]; cells: string[]; row: number };
  /** The title or name names these kinds, but the header fits only others (never read as those). */
  contradicted?: { named: TableKind[]; by: NamedBy; fits: TableKind[] };
  /** Kinds the header fits only by headings any kind carries (合计…), that nothing names: with what else each lacks. */
  unclear?: Array<{ kind: TableKind; label: string; generic: string[]; missing: string[] }>;
}

/** "D" for column index 3, "XFD" for 16383: how Excel names a column, for messages. */
export function columnLetter(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

/** A note in brackets after a heading: "出生年月（年.月）", "综合得分（百分制）", "总分（某某复核）". */
const TRAILING_NOTE = /(\([^()]*\)|\[[^\[\]]*\]|【[^【】]*】)$/;

/** The parts named in brackets after the headings (在校生人数（男）, 在校生人数（女）), when they are the parts of a known whole (parts.ts). */
export function partsNamed(headings: readonly string[]): string[] | null {
  const notes = headings.map((h) => TRAILING_NOTE.exec(normaliseHeader(h))?.[0].slice(1, -1) ?? '');
  return notes.every(Boolean) ? knownPartition(notes) : null;
}

/** Whether a heading names a quantity some kind adds up from its parts (在校生人数). */
const namesAdditive = (heading: string) => Object.values(TABLES).some((spec) => columnFor(normaliseHeader(heading), spec.input)?.additive);

/** The input column a heading names: as written, else without its note in brackets. */
function columnFor(header: string, input: readonly InputColumn[]): InputColumn | undefined {
  const exact = input.find((c) => c.aliases.includes(header));
  if (exact) return exact;
  let bare = header;
  while (TRAILING_NOTE.test(bare)) bare = normaliseHeader(bare.replace(TRAILING_NOTE, ''));
  return bare !== header && bare ? input.find((c) => c.aliases.includes(bare)) : undefined;
}

/** The input column of a kind a clerk's mapping names (its key, label or one of its spellings). */
export function fieldOf(spec: TableSpec, field: string): InputColumn | undefined {
  const f = normaliseHeader(field);
  return spec.input.find((c) => c.key === field || normaliseHeader(c.label) === f || c.aliases.includes(f));
}

/**
 * For each input column of a kind, every sheet column whose header is one of its spellings (or
 * the clerk's mapping names it); and which sheet columns matched only by a generic heading.
 */
function matchColumns(headerCells: readonly string[], spec: TableSpec, mapped?: ReadonlyMap<string, string>): { found: Record<string, number[]>; generic: Set<number> } {
  const found: Record<string, number[]> = {};
  const generic = new Set<number>();
  headerCells.forEach((raw, index) => {
    const header = normaliseHeader(raw);
    if (!header) return;
    const key = mapped?.get(header) ?? columnFor(header, spec.input)?.key;
    if (!key) return;
    (found[key] ??= []).push(index);
    if (GENERIC_HEADINGS.has(header)) generic.add(index);
  });
  for (const rule of spec.readOnly ?? [])
    if ((!rule.without || rule.without.some((k) => k in found)) && (!rule.with || !rule.with.some((k) => k in found))) for (const k of rule.keys) delete found[k];
  return { found, generic };
}

/** What a kind still lacks in this header: its required columns, and one of each any-of group. */
function missingFor(spec: TableSpec, columns: Record<string, unknown>, deciding: Record<string, unknown> = columns): string[] {
  const label = (key: string) => spec.input.find((c) => c.key === key)?.label ?? key;
  // A column that may come from the title, file name or folder instead (系部) is not missed here.
  const missing = spec.input.filter((c) => c.required && !c.fromContext && !(c.key in columns)).map((c) => c.label);
  for (const group of spec.requireAnyOf ?? [])
    if (!group.some((key) => key in deciding)) missing.push(group.slice(0, 3).map(label).join('或') + (group.length > 3 ? '等' : ''));
  return missing;
}

interface Fit {
  kind: TableKind;
  candidates: Record<string, number[]>;
  also?: { kind: TableKind; candidates: Record<string, number[]> };
  /** Sheet columns read, by this kind and the one it is combined with. */
  read: Set<number>;
}

const columnsRead = (candidates: Record<string, number[]>) => new Set(Object.values(candidates).flat());

/** Two kinds that fit one header and are one table (COMBINED) become one fit reading both kinds' columns. */
function combine(fits: Fit[]): Fit[] {
  for (const { kind, also } of COMBINED) {
    const a = fits.find((f) => f.kind === kind);
    const b = fits.find((f) => f.kind === also);
    if (!a || !b) continue;
    const both: Fit = { kind, candidates: a.candidates, also: { kind: also, candidates: b.candidates }, read: new Set([...a.read, ...b.read]) };
    fits = [both, ...fits.filter((f) => f !== a && f !== b)];
  }
  return fits;
}

/**
 * One kind's columns from its candidates. A field two columns could fill: a joined one reads
 * them all (the visible ones, if any are); otherwise a hidden column never wins over a visible
 * one — the visible one is read and the hidden one passed over — and two visible columns (or
 * two hidden ones) are a duplicate: which one holds the figure is not ours to guess.
 */
function resolveColumns(
  spec: TableSpec,
  candidates: Record<string, number[]>,
  hidden: ReadonlySet<number>,
  cells: readonly string[],
  notes: Pick<HeaderMatch, 'hiddenRead' | 'hiddenPassedOver'>,
): ColumnMap | Omit<NonNullable<HeaderFailure['duplicate']>, 'row'> {
  const map: ColumnMap = { columns: {}, joined: {} };
  for (const column of spec.input) {
    const all = candidates[column.key];
    if (!all) continue;
    const visible = all.filter((i) => !hidden.has(i));
    if (all.length === 1) {
      map.columns[column.key] = all[0]!;
      if (visible.length === 0) notes.hiddenRead.push(all[0]!);
    } else if (column.joined) {
      const read = visible.length > 0 ? visible : all;
      map.columns[column.key] = read[0]!;
      if (read.length > 1) map.joined[column.key] = read;
      for (const i of all) if (!read.includes(i)) notes.hiddenPassedOver.push({ label: column.label, used: read[0]!, hidden: i });
      if (visible.length === 0) notes.hiddenRead.push(...all);
    } else if (column.additive && partsNamed(all.map((i) => cells[i] ?? ''))) {
      // 在校生人数（男） and 在校生人数（女）: the parts of the whole, added up (wide-table.ts).
      map.columns[column.key] = all[0]!;
      map.joined[column.key] = all;
    } else if (visible.length === 1) {
      map.columns[column.key] = visible[0]!;
      for (const i of all) if (i !== visible[0]) notes.hiddenPassedOver.push({ label: column.label, used: visible[0]!, hidden: i });
    } else return { label: column.label, columns: all, cells: all.map((i) => cleanCell(cells[i])) };
  }
  return map;
}

const isDuplicate = (r: ColumnMap | Omit<NonNullable<HeaderFailure['duplicate']>, 'row'>): r is Omit<NonNullable<HeaderFailure['duplicate']>, 'row'> => 'label' in r;

/**
 * Scan the top rows for the first row that carries everything one kind requires. A kind fits
 * only by the columns that decide it: a generic heading (合计, 姓名…) fills a field but decides
 * nothing unless the title or name names the kind. A kind the title lines, sheet name or file
 * name contradict is never read (another kind they name may be). When two kinds fit, the one
 * reading more columns wins only if it reads every column the other would; else the file is
 * ambiguous and stops (no column silently goes unread) — unless the two are one table by the
 * seeds' own forms (COMBINED). A clerk's mapping in rules.json (`evidence.mapping`) settles the
 * kind and names headings. `hidden`: the sheet's hidden columns.
 */
export function findHeader(rows: readonly (readonly string[])[], hidden: ReadonlySet<number> = new Set(), evidence?: KindEvidence): HeaderMatch | HeaderFailure {
  const near = new Map<TableKind, { kind: TableKind; label: string; missing: string[]; matched: number }>();
  const unclear = new Map<TableKind, { kind: TableKind; label: string; generic: string[]; missing: string[] }>();
  let contradicted: HeaderFailure['contradicted'];
  /** The kinds the title or name names, where a header row was looked for under it. */
  let namedSeen: Set<TableKind> | null = null;
  const mapping = evidence?.mapping;
  const specs = mapping ? [TABLES[mapping.kind]] : Object.values(TABLES);
  const mapped = mapping
    ? new Map(Object.entries(mapping.headings).flatMap(([heading, field]) => {
        const column = fieldOf(TABLES[mapping.kind], field);
        return column ? [[normaliseHeader(heading), column.key] as const] : [];
      }))
    : undefined;
  const limit = Math.min(rows.length, HEADER_SCAN_ROWS);
  for (let r = 0; r < limit; r++) {
    const cells = rows[r]!;
    const named = mapping ? null : kindsNamed(rows.slice(0, r), evidence);
    if (named) namedSeen = named.kinds;
    let fits: Fit[] = [];
    for (const spec of specs) {
      const { found: candidates, generic } = matchColumns(cells, spec, mapped);
      const missing = missingFor(spec, candidates);
      if (missing.length === 0) {
        const deciding = Object.fromEntries(Object.entries(candidates).filter(([, at]) => at.some((i) => !generic.has(i))));
        const decided = mapping || named?.kinds.has(spec.kind) || missingFor(spec, candidates, deciding).length === 0;
        if (decided) fits.push({ kind: spec.kind, candidates, read: columnsRead(candidates) });
        else if (!named && !unclear.has(spec.kind))
          unclear.set(spec.kind, {
            kind: spec.kind,
            label: spec.label,
            // The generic headings that stood in for the deciding columns (not 姓名, which every kind has).
            generic: Object.entries(candidates)
              .filter(([key]) => spec.requireAnyOf?.some((group) => group.includes(key)))
              .flatMap(([, at]) => at.filter((i) => generic.has(i)).map((i) => cleanCell(cells[i]))),
            missing: missingFor(spec, candidates, deciding),
          });
      } else if (Object.keys(candidates).length > 0 && missing.length < (near.get(spec.kind)?.missing.length ?? Infinity))
        near.set(spec.kind, { kind: spec.kind, label: spec.label, missing, matched: Object.keys(candidates).length });
    }
    if (fits.length === 0) continue;
    fits = combine(fits);
    if (named) {
      const allowed = fits.filter((f) => named.kinds.has(f.kind) || (f.also && named.kinds.has(f.also.kind)));
      if (allowed.length === 0) {
        contradicted ??= { named: [...named.kinds], by: named.by, fits: fits.map((f) => f.kind) };
        continue;
      }
      fits = allowed;
    }
    fits.sort((a, b) => b.read.size - a.read.size);
    const [best, ...others] = fits;
    const unread = others.filter((o) => [...o.read].some((i) => !best!.read.has(i)));
    if (unread.length > 0) return { ok: false, closest: [], ambiguous: [best!.kind, ...unread.map((o) => o.kind)] };
    const notes: Pick<HeaderMatch, 'hiddenRead' | 'hiddenPassedOver'> = { hiddenRead: [], hiddenPassedOver: [] };
    const main = resolveColumns(TABLES[best!.kind], best!.candidates, hidden, cells, notes);
    if (isDuplicate(main)) return { ok: false, closest: [], ambiguous: [], duplicate: { ...main, row: r } };
    const also = best!.also ? resolveColumns(TABLES[best!.also.kind], best!.also.candidates, hidden, cells, notes) : undefined;
    if (also && isDuplicate(also)) return { ok: false, closest: [], ambiguous: [], duplicate: { ...also, row: r } };
    const read = new Set([...Object.values(main.columns), ...Object.values(main.joined).flat(), ...(also ? [...Object.values(also.columns), ...Object.values(also.joined).flat()] : [])]);
    const unmapped = cells.map((c, i) => (read.has(i) ? '' : cleanCell(c))).filter((c) => c !== '');
    return {
      ok: true,
      kind: best!.kind,
      row: r,
      ...main,
      unmapped,
      ...(also ? { also: { kind: best!.also!.kind, ...also } } : {}),
      hiddenRead: [...new Set(notes.hiddenRead)].sort((a, b) => a - b),
      hiddenPassedOver: notes.hiddenPassedOver,
    };
  }
  // Nearest: most columns recognised net of those missing, then fewest missing.
  const ranked = [...near.values()].sort((a, b) => b.matched - b.missing.length - (a.matched - a.missing.length) || a.missing.length - b.missing.length);
  // A kind the title or name rules out is not offered as the nearest either.
  const named = namedSeen as Set<TableKind> | null;
  const closest = (named ? ranked.filter((c) => named.has(c.kind)) : ranked).slice(0, 2).map(({ kind, label, missing }) => ({ kind, label, missing }));
  return {
    ok: false,
    closest,
    ambiguous: [],
    ...(contradicted ? { contradicted } : {}),
    ...(!contradicted && !named && unclear.size > 0 ? { unclear: [...unclear.values()] } : {}),
  };
}

/** Every header spelling of every kind, normalised: what a row repeating a header is made of. */
const HEADER_WORDS: ReadonlySet<string> = new Set(Object.values(TABLES).flatMap((spec) => spec.input.flatMap((c) => c.aliases)));

/** Whether a heading is one some kind reads (as written, or without its note in brackets). */
export function isKnownHeading(raw: string): boolean {
  const header = normaliseHeader(raw);
  return HEADER_WORDS.has(header) || Object.values(TABLES).some((spec) => columnFor(header, spec.input) !== undefined);
}

type Range = { top: number; bottom: number; left: number; right: number };

const textOnly = (cells: readonly string[]) => cells.every((c) => cleanCell(c) === '' || !/\d/.test(c));

/**
 * The groups of row `r` over the headings under it: its ranges merged across more than one heading
 * (a workbook); with none merged — a CSV saved from such a workbook writes a group in its first
 * cell and leaves the rest blank — a heading followed by blank cells that have headings under them
 * (in the next row, or the one after it when the groups themselves have groups under them).
 */
function groupRanges(rows: readonly (readonly string[])[], r: number, merges: readonly Range[]): Range[] {
  const below = [rows[r + 1] ?? [], rows[r + 2] ?? []].filter(textOnly);
  const headed = (i: number) => below.some((row) => cleanCell(row[i]) !== '');
  const merged = merges.filter((m) => m.top === r && m.bottom === r && m.right > m.left && (rows[r + 1] ?? []).slice(m.left, m.right + 1).filter((c) => cleanCell(c)).length > 1);
  if (merged.length || merges.some((m) => m.top <= r && r <= m.bottom && m.right > m.left)) return merged;
  const group = rows[r]!;
  const ranges: Range[] = [];
  const width = Math.max(group.length, ...below.map((row) => row.length));
  for (let i = 0; i < width; i++) {
    if (!cleanCell(group[i]) || !headed(i)) continue;
    let j = i;
    while (j + 1 < width && !cleanCell(group[j + 1]) && headed(j + 1)) j++;
    if (j > i) ranges.push({ top: r, bottom: r, left: i, right: j });
    i = j;
  }
  return ranges;
}

/**
 * One heading per column from a group row (its text across each group) over the row under it. A
 * quantity split into the parts of a whole (在校生人数 over 男 | 女) keeps each part as a note,
 * 在校生人数（男）: the parts are added up into it (resolveColumns).
 */
function joinLevel(group: readonly string[], sub: readonly string[], groups: readonly Range[]): string[] {
  const inGroup = (i: number) => groups.find((m) => m.left <= i && i <= m.right);
  const parted = new Set(
    groups.filter((m) => namesAdditive(cleanCell(group[m.left])) && knownPartition(sub.slice(m.left, m.right + 1).map((c) => cleanCell(c)))),
  );
  const width = Math.max(group.length, sub.length);
  return Array.from({ length: width }, (_, i) => {
    const range = inGroup(i);
    const g = cleanCell(group[range ? range.left : i]) || cleanCell(group[i]);
    const s = cleanCell(sub[i]);
    if (!s) return cleanCell(group[i]) || (range ? g : '');
    if (!g || g === s || !range) return s;
    if (parted.has(range)) return `${g}（${s}）`;
    return isKnownHeading(s) ? s : `${g}${s}`;
  });
}

/**
 * A two- or three-level header (学历 over 最高学历 | 最高学位; 职称 over 职称 | 取得时间; a 个人信息
 * over such groups) as one row: under a group, each column's own heading when some kind reads it,
 * else the group and the heading joined (职称取得时间); a cell merged down the levels (姓名) is
 * itself. Groups are merged across (a workbook) or written once over blank cells (a CSV saved from
 * one). `row`: the lowest level's index in `rows`, `from` the top one's; `merges` as rows index
 * them (from 0 at `rows[0]`). Null when no row of `rows` is such a group row.
 */
export function joinTwoLevelHeader(rows: readonly (readonly string[])[], merges: readonly Range[]): { row: number; cells: string[]; from: number } | null {
  for (let r = 0; r + 1 < rows.length; r++) {
    const sub = rows[r + 1]!;
    const groups = groupRanges(rows, r, merges);
    if (!textOnly(sub) || groups.length === 0) continue;
    const group = rows[r]!;
    // A title merged across the table is a line, not a group: a group row holds more than one range.
    const outside = group.some((c, i) => cleanCell(c) !== '' && !groups.some((m) => m.left <= i && i <= m.right));
    if (!outside && groups.length < 2) continue;
    const cells = joinLevel(group, sub, groups);
    // A third level: the groups of the middle row over the row under it.
    const next = rows[r + 2];
    const inner = next && textOnly(next) ? groupRanges(rows, r + 1, merges) : [];
    if (inner.length) return { row: r + 2, cells: joinLevel(cells, next!, inner), from: r };
    return { row: r + 1, cells, from: r };
  }
  return null;
}

/**
 * The words a header row of this sheet may start with, compacted as classifyRow compacts a
 * row's first cell: every kind's spellings and this header's own cells (序号 too).
 */
export function headerWords(header: readonly string[]): Set<string> {
  return new Set([...HEADER_WORDS, ...header.map((c) => compactCell(c)).filter(Boolean)]);
}

/**
 * Whether a row after the header is a header again (a second block pasted under the first):
 * at least two of its cells, and at least half of those filled, are header spellings.
 */
export function looksLikeHeader(cells: readonly string[], words: ReadonlySet<string>): boolean {
  let filled = 0;
  let named = 0;
  for (const cell of cells) {
    const text = compactCell(cell);
    if (!text) continue;
    filled++;
    if (words.has(text) || HEADER_WORDS.has(normaliseHeader(cell))) named++;
  }
  return named >= 2 && named * 2 >= filled;
}

const TOTAL_WORDS = ['合计', '总计', '小计', '共计', '总数', '全系合计', '全院合计'];
/** Regex sources, each starting with a literal character (or an escaped one). */
const FOOTER_WORDS = [
  '填表人', '填报人', '制表人', '审核人', '审批人', '负责人', '联系人', '单位\\(盖章\\)', '\\(盖章\\)', '盖章',
  '填报日期', '填表日期', '制表日期', '报送日期', '日期[:：]', '注[:：]', '备注[:：]', '说明[:：]',
  // As 学工 systems and clerks write them without 人: 制表：…  审核：…  复核：…  制表单位：…  统计人：…
  '制表[:：]', '制表单位', '填表[:：]', '填报[:：]', '审核[:：]', '复核[:：]', '复核人', '统计人', '统计[:：]', '经办人',
];
const TOTAL = new RegExp(`^(${TOTAL_WORDS.join('|')})`);
const FOOTER = new RegExp(`^(${FOOTER_WORDS.join('|')})`);
const LONE_DATE = /^\d{4}(年|[-/.])\d{1,2}((月|[-/.])\d{1,2}日?)?$/;
/**
 * The characters a total or footer line can start with: a cell starting otherwise (nearly every
 * data cell) needs no regular expression at all — this runs for every row.
 */
const TOTAL_FIRST = new Set(TOTAL_WORDS.map((w) => w.charCodeAt(0)));
const FOOTER_FIRST = new Set(FOOTER_WORDS.map((w) => (w[0] === '\\' ? w.slice(1) : w).charCodeAt(0)));
/**
 * A signature or stamp line, whatever its wording: "聘用系部负责人签字：", "（公章）", "单位负责人签名",
 * "经办人：", "日期：…". Its words may stand anywhere in the first cell; those that are also
 * job titles (负责人, 联系人) only before a colon, so that a roster's 职务 "学工办负责人" stays data.
 */
const SIGNATURE = /签字|签名|签章|盖章|公章|(负责人|联系人|经办人|填表人|填报人|制表人|审核人|审批人|复核人|统计人|制表|审核|复核|日期)[:：]/;
// By code unit: text[0] would make a one-character string per row.
const isTotal = (text: string) => TOTAL_FIRST.has(text.charCodeAt(0)) && TOTAL.test(text);
/** Every signature line holds 签, 章 or a colon (after half-width folding): other cells need no regular expression. */
const mayBeSignature = (text: string) => text.includes('签') || text.includes('章') || text.includes(':');
const isFooter = (text: string) => (FOOTER_FIRST.has(text.charCodeAt(0)) && FOOTER.test(text)) || (mayBeSignature(text) && SIGNATURE.test(text));

/**
 * Rows after the header that are not data, by the first rule that fits, in this order:
 * blank (nothing in any cell); total (合计… in one of the first three cells that hold anything,
 * 序号 often being the empty one); footer (its first filled cell a 填表人/审核人/盖章/日期 line or
 * a signature line, or a date standing alone); the header repeated; with `words`
 * (headerWords), a header that is not the same (`header_like`: its first cell is a header
 * word and so are most of its cells). The cells are looked at once, in one pass (this runs for
 * every row; a row's first cell is looked up in `words`, nothing more, unless it is one).
 */
export function classifyRow(cells: readonly string[], header: readonly string[], words?: ReadonlySet<string>): SkipReason | 'data' | 'header_like' {
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
  // A header in another order, or with other columns: the caller decides (wide-table.ts).
  if (words?.has(first) && looksLikeHeader(cells, words)) return 'header_like';
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
