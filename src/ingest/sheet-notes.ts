/**
 * What a sheet's reading noticed that does not reject a row but must not pass silently — each
 * becomes one warning for the sheet, naming the rows and columns: rows hidden in Excel that were
 * counted, hidden columns read or passed over, invisible characters removed, cells beyond the
 * columns read, a hidden sheet, department names written in full-width characters, a 学期 column
 * contradicting the title or folder, scores written as percentages.
 *
 * Notes are plain data, so that the worker reading a large CSV's second half can hand its own
 * back (tail-read.ts) to be added to the first half's.
 */
import { columnLetter } from '../domain/layout.ts';
import type { InvisibleColumn } from '../domain/invisible.ts';
import { semesterLabel } from '../domain/semester.ts';
import type { TableKind } from '../domain/tables/index.ts';
import { cleanCell } from '../domain/text.ts';
import type { Sheet } from './readers/types.ts';
import type { WarningRecord } from './records.ts';

/** How many row numbers a message lists before it says "等". */
const LISTED_ROWS = 10;

/** Rows of a kind, counted, with the first few row numbers (from 1). */
export interface RowList {
  count: number;
  rows: number[];
}

export interface SheetNotes {
  /** Data rows (accepted or rejected) that Excel hides. */
  hiddenRows: RowList;
  /** Rows whose 学期 cell names another semester than the title or folder. */
  semester: { value: string; first: number; count: number } | null;
  /** Department names written with full-width letters or digits (ＩＴ学院), by spelling. */
  departments: Array<{ raw: string; value: string; first: number; count: number }>;
  /** Score cells written as a percentage (95%), by column. */
  percents: Array<{ column: string; raw: string; first: number; count: number }>;
}

export function emptyNotes(): SheetNotes {
  return { hiddenRows: { count: 0, rows: [] }, semester: null, departments: [], percents: [] };
}

export function addRow(list: RowList, row: number): void {
  list.count++;
  if (list.rows.length < LISTED_ROWS) list.rows.push(row);
}

/** One note of a kind, by key (a spelling, a column): counted, with its first row. */
export function tally<T extends { first: number; count: number }>(list: T[], match: (entry: T) => boolean, make: () => Omit<T, 'count'>): void {
  const entry = list.find(match);
  if (entry) entry.count++;
  else list.push({ ...make(), count: 1 } as T);
}


/** A tail's notes added to its head's (the tail's rows come after the head's). */
export function mergeNotes(into: SheetNotes, from: SheetNotes): void {
  for (const row of from.hiddenRows.rows) if (into.hiddenRows.rows.length < LISTED_ROWS) into.hiddenRows.rows.push(row);
  into.hiddenRows.count += from.hiddenRows.count;
  if (from.semester) {
    if (into.semester && into.semester.value === from.semester.value) into.semester.count += from.semester.count;
    else into.semester ??= { ...from.semester };
  }
  addCounts(into.departments, from.departments, (a, b) => a.raw === b.raw);
  addCounts(into.percents, from.percents, (a, b) => a.column === b.column);
}

function addCounts<T extends { count: number }>(into: T[], from: readonly T[], same: (a: T, b: T) => boolean): void {
  for (const f of from) {
    const entry = into.find((e) => same(e, f));
    if (entry) entry.count += f.count;
    else into.push({ ...f });
  }
}

const rowsText = (list: RowList) => `第 ${list.rows.join('、')} 行${list.count > list.rows.length ? '等' : ''}`;

export interface NoteSheet {
  file: string;
  sheet: string | null;
  table: TableKind | null;
  /** The header row's cells, to name columns; null for a form or a sheet without a table. */
  header: readonly string[] | null;
  /** Row number of the semester's place (title or folder), and which it is. */
  semesterFrom?: { semester: string; source: 'title' | 'folder' | 'form' } | null;
}

/** The warnings a sheet's notes give, in a fixed order. */
export function noteWarnings(s: NoteSheet, notes: SheetNotes): WarningRecord[] {
  const out: WarningRecord[] = [];
  const warn = (row: number | null, column: string | null, code: string, message: string) =>
    out.push({ file: s.file, sheet: s.sheet, row, table: s.table, column, code, message });
  if (notes.hiddenRows.count > 0)
    warn(notes.hiddenRows.rows[0]!, null, 'HIDDEN_ROWS',
      `有 ${notes.hiddenRows.count} 行数据在 Excel 中是隐藏的（${rowsText(notes.hiddenRows)}），已照常读取并计入统计。如这些行不应计入（如旧数据、已调离人员），请删除后重新报送。`);
  if (notes.semester && s.semesterFrom) {
    const where = s.semesterFrom.source === 'title' ? '标题' : s.semesterFrom.source === 'folder' ? '所在文件夹' : '表中日期';
    warn(notes.semester.first, '学期', 'SEMESTER_COLUMN_MISMATCH',
      `「学期」列写的是${semesterLabel(notes.semester.value)}（第 ${notes.semester.first} 行起共 ${notes.semester.count} 行），${where}却是${semesterLabel(s.semesterFrom.semester)}；已按「学期」列计入。如有误，请改正后重新报送。`);
  }
  for (const d of notes.departments)
    warn(d.first, '系部', 'DEPARTMENT_SPELLING',
      `系部名称「${d.raw}」含全角字母或数字（第 ${d.first} 行起共 ${d.count} 行），已按「${d.value}」计入；请统一写法。`);
  for (const p of notes.percents)
    warn(p.first, p.column, 'PERCENT_SCORE',
      `「${p.column}」填的是百分数（如「${p.raw}」，第 ${p.first} 行起共 ${p.count} 个），已按所显示的数计分（${p.raw} 计为 ${p.raw.replace(/%$/, '')} 分）。如应为其他分值，请改为分数后重新报送。`);
  return out;
}

/** The warnings about how a workbook sheet's cells were read: hidden columns, invisible characters, cells beyond the columns read. */
export function readingWarnings(
  s: NoteSheet,
  source: Pick<Sheet, 'beyond' | 'invisible'>,
  hidden: { read: readonly number[]; passedOver: ReadonlyArray<{ label: string; used: number; hidden: number }> } = { read: [], passedOver: [] },
): WarningRecord[] {
  const out: WarningRecord[] = [];
  const name = (column: number) => {
    const header = s.header?.[column];
    return `第 ${columnLetter(column)} 列${header && cleanCell(header) ? `「${cleanCell(header)}」` : ''}`;
  };
  const warn = (row: number | null, column: string | null, code: string, message: string) =>
    out.push({ file: s.file, sheet: s.sheet, row, table: s.table, column, code, message });
  if (hidden.read.length > 0)
    warn(null, null, 'HIDDEN_COLUMNS_READ', `${hidden.read.map(name).join('、')}在 Excel 中是隐藏的，已照常读取。请确认这些列的内容无误。`);
  for (const p of hidden.passedOver)
    warn(null, p.label, 'HIDDEN_COLUMN_PASSED_OVER',
      `${name(p.hidden)}（隐藏列）和${name(p.used)}都对应「${p.label}」；已读取可见的${name(p.used)}，隐藏列未读取。如应以隐藏列为准，请取消隐藏并删去另一列后重新报送。`);
  for (const c of source.invisible?.entries ?? [])
    warn(c.row + 1, s.header?.[c.column] ? cleanCell(s.header[c.column]) : null, 'INVISIBLE_CHARACTERS', invisibleMessage(name(c.column), c));
  if (source.beyond)
    warn(source.beyond.row + 1, null, 'CELLS_BEYOND_TABLE',
      `第 ${source.beyond.row + 1} 行第 ${columnLetter(source.beyond.column)} 列有内容「${cleanCell(source.beyond.text).slice(0, 20)}」，远在表格之外（只读取前 1024 列）${source.beyond.cells > 1 ? `，这样的单元格共 ${source.beyond.cells} 个` : ''}，未读取。如这些内容有用，请移入表格；否则请删除后重新报送。`);
  return out;
}

function invisibleMessage(column: string, c: InvisibleColumn): string {
  return `${column}有 ${c.cells} 个单元格含不可见字符（如第 ${c.row + 1} 行的${c.what}），已删除后读取，与不含这些字符的同名内容合并计算（如系部名称）。请在原表中清除这些字符。`;
}

/** A hidden sheet is not read: what it held, counted and said. */
export function hiddenSheetWarning(file: string, sheet: string, rows: number): WarningRecord {
  return {
    file, sheet, row: null, table: null, column: null, code: 'HIDDEN_SHEET',
    message: `工作表「${sheet}」在 Excel 中是隐藏的，其 ${rows} 行未导入、未计入统计。如需导入，请取消隐藏（右键工作表标签—取消隐藏）后重新报送；若是留作参考的旧数据，可不处理。`,
  };
}
