/**
 * The return list (退回清单) of a department: everything in its files the clerk sends back for
 * correction — files set aside, rejected rows, warnings — each with the file, sheet, row, column,
 * the value as written, what is wrong and how to fix it, sorted by file and row; then the kinds
 * of export it should have sent this semester and did not (checklist.ts). A file not counted
 * because a later version of it is (a resent or corrected export, a copy) is listed too, as
 * nothing to fix; versions none of which could be chosen are files set aside. A summary line
 * counts them. Pure: fed by the ingest's records at the end of a run; write-returns.ts writes the files.
 */
import { semesterLabel } from '../domain/semester.ts';
import { TABLES, type TableKind } from '../domain/tables/index.ts';
import { displayWidth } from '../domain/text.ts';
import { buildChecklist, senderOf, type SubmittedSheet } from './checklist.ts';
import { templateFileName } from './template.ts';
import { TITLE_POINTS } from './template-notes.ts';
import type { CellSpec, SheetSpec, WorkbookSpec } from './workbook.ts';

/** What a department is asked to do about an item, most urgent first. */
export type ReturnCategory = 'set_aside' | 'rejected' | 'warning' | 'missing_column' | 'superseded' | 'missing';

const CATEGORIES: Record<ReturnCategory, { label: string; fix: string }> = {
  set_aside: { label: '整个文件未能导入', fix: '请按原因修改后重新报送整个文件。' },
  rejected: { label: '本行未导入', fix: '请改正后重新报送该文件。' },
  warning: { label: '已导入，请核对', fix: '请核对；确有错误的，改正后重新报送。' },
  missing_column: { label: '缺少一列，该项未报送', fix: '请按模板补上该列后重新报送（没有发生的填 0，不要删去该列）。' },
  superseded: { label: '旧版本或副本，未计入', fix: '无需修改（已按较新的版本计入）。' },
  missing: { label: '未报送', fix: '' },
};

const CATEGORY_ORDER = Object.keys(CATEGORIES) as ReturnCategory[];

/** A problem of a row or file, as the ingest recorded it (rejects and warnings). */
export interface Finding {
  file: string;
  sheet: string | null;
  row: number | null;
  column: string | null;
  value?: string | null;
  message: string;
  /** The ingest's code (a warning that a version replaced another is said by the superseded item instead). */
  code?: string;
}

/** Warnings on the version read naming the one it replaced: the return list lists the one replaced. */
const VERSION_NOTES = new Set(['SUPERSEDES', 'IDENTICAL_COPY_IGNORED']);

export interface ReturnItem {
  category: ReturnCategory;
  semester: string | null;
  file: string | null;
  sheet: string | null;
  row: number | null;
  column: string | null;
  value: string | null;
  reason: string;
  fix: string;
  /** The kind not sent (a missing item). */
  kind?: TableKind;
}

export interface ReturnList {
  department: string;
  items: ReturnItem[];
  summary: string;
}

/**
 * A message "「在校生人数」应为…，请改为数字（如 1020）。" as its reason and its fix: the fix is
 * from the first 请 after a comma, full stop or semicolon; a message without one gets the category's.
 */
export function splitAdvice(message: string, category: ReturnCategory): { reason: string; fix: string } {
  const at = message.search(/[，。；,;]\s*请/);
  if (at < 0) return { reason: message, fix: CATEGORIES[category].fix };
  const reason = message.slice(0, at + 1).replace(/[，,;；]$/, '。');
  const fix = message.slice(at + 1).trim();
  return { reason, fix };
}

/** Files that cannot be told apart by department (a summary file of several) go back to whoever sent them: the folder they came in, else this. */
export const UNASSIGNED = '未能确定报送单位的文件';

function senderName(sheet: SubmittedSheet | undefined, file: string, departments: readonly string[]): string {
  const sender = sheet ? senderOf(sheet, departments) : null;
  if (sender) return sender;
  // The folder it was filed under, unless that is a semester's.
  const folder = file.split('/').slice(0, -1).reverse().find((part) => !/^\d{4}-\d{4}-[12]$/.test(part));
  return folder ?? UNASSIGNED;
}

/** Code-point order, as the ingest reads the files. */
const compare = (a: string | null, b: string | null) => ((a ?? '') < (b ?? '') ? -1 : (a ?? '') > (b ?? '') ? 1 : 0);
/** By file, sheet, row (a whole file first) and column; the exports not sent last. */
const byPlace = (a: ReturnItem, b: ReturnItem) =>
  (a.file === null ? 1 : 0) - (b.file === null ? 1 : 0) ||
  compare(a.file, b.file) ||
  compare(a.sheet, b.sheet) ||
  (a.row ?? 0) - (b.row ?? 0) ||
  compare(a.column, b.column) ||
  CATEGORY_ORDER.indexOf(a.category) - CATEGORY_ORDER.indexOf(b.category);

function summaryOf(items: readonly ReturnItem[]): string {
  const count = (c: ReturnCategory) => items.filter((i) => i.category === c);
  const files = (list: readonly ReturnItem[]) => new Set(list.map((i) => i.file)).size;
  const rows = (list: readonly ReturnItem[]) => new Set(list.map((i) => `${i.file}|${i.sheet}|${i.row}`)).size;
  const aside = count('set_aside');
  const rejected = count('rejected');
  const warnings = count('warning');
  const superseded = count('superseded');
  const missing = count('missing');
  const parts = [
    aside.length ? `${aside.length} 个文件未能导入` : '',
    rejected.length ? `${files(rejected)} 个文件中有 ${rows(rejected)} 行未导入（${rejected.length} 处问题）` : '',
    warnings.length ? `${warnings.length} 条提示请核对` : '',
    count('missing_column').length ? `${count('missing_column').length} 项因表中缺少该列未能统计` : '',
    superseded.length ? `${superseded.length} 个文件是重复或旧版本，未计入，无需修改` : '',
    missing.length ? `${missing.length} 类报表未报送（${missing.map((m) => TABLES[m.kind!].label).join('、')}）` : '',
  ].filter(Boolean);
  const resend = aside.length + rejected.length > 0 ? '请按“修改办法”改正后，重新报送整个文件（不要只报送改动的行）。' : '';
  return `共 ${items.length} 项：${parts.join('；')}。${resend}`;
}

export interface ReturnInputs {
  sheets: readonly SubmittedSheet[];
  /** Rejects (a file set aside has no row) and warnings, as the ingest recorded them. */
  rejects: readonly Finding[];
  warnings: readonly Finding[];
  departments: readonly string[];
  /** The semester being collected: the kinds not sent are listed for it. */
  semester: string | null;
  /** The rules' expected_exports, as written. */
  expected?: readonly string[];
  /** Fields a metric counts that a department's form had no column for (coverage's 该项未报送 rows). */
  missingColumns?: ReadonlyArray<{ semester: string; department: string; note: string }>;
}

/** One list per department that has something to fix or to send; none for the others. */
export function buildReturnLists(input: ReturnInputs): ReturnList[] {
  const lists = new Map<string, ReturnItem[]>();
  const add = (department: string, item: ReturnItem) => (lists.get(department) ?? lists.set(department, []).get(department)!).push(item);
  const sheetOf = (file: string, sheet: string | null) => input.sheets.find((s) => s.file === file && s.sheet === sheet) ?? input.sheets.find((s) => s.file === file);
  const place = (f: Finding, category: ReturnCategory): ReturnItem => {
    const sheet = sheetOf(f.file, f.sheet);
    return { category, semester: sheet?.semester ?? null, file: f.file, sheet: f.sheet, row: f.row, column: f.column, value: f.value ?? null, ...splitAdvice(f.message, category) };
  };
  for (const f of input.rejects) {
    const sheet = sheetOf(f.file, f.sheet);
    add(senderName(sheet, f.file, input.departments), place(f, f.row === null && sheet?.set_aside ? 'set_aside' : 'rejected'));
  }
  for (const f of input.warnings)
    if (!VERSION_NOTES.has(f.code ?? '')) add(senderName(sheetOf(f.file, f.sheet), f.file, input.departments), place(f, 'warning'));
  for (const s of input.sheets)
    if (s.superseded)
      add(senderName(s, s.file, input.departments), {
        category: 'superseded',
        semester: s.semester,
        file: s.file,
        sheet: s.sheet,
        row: null,
        column: null,
        value: null,
        reason: s.superseded.message,
        fix: CATEGORIES.superseded.fix,
      });
  for (const m of input.missingColumns ?? [])
    add(m.department, { category: 'missing_column', semester: m.semester, file: null, sheet: null, row: null, column: null, value: null, reason: `${m.note}。`, fix: CATEGORIES.missing_column.fix });
  if (input.semester) {
    const checklist = buildChecklist(input.sheets, input.departments, input.semester, input.expected);
    for (const { department, cells } of checklist.rows)
      for (const kind of checklist.kinds)
        if (cells[kind].status === 'missing')
          add(department, {
            category: 'missing',
            semester: input.semester,
            file: null,
            sheet: null,
            row: null,
            column: null,
            value: null,
            reason: `未收到${semesterLabel(input.semester)}的“${TABLES[kind].label}”`,
            fix: `请用模板“${templateFileName(kind)}”填写后报送。`,
            kind,
          });
  }
  return [...lists.entries()]
    .sort(([a], [b]) => a.localeCompare(b, 'zh-CN'))
    .map(([department, items]) => {
      const sorted = [...items].sort(byPlace);
      return { department, items: sorted, summary: summaryOf(sorted) };
    });
}

const COLUMNS: Array<{ label: string; width: number; value: (i: ReturnItem, n: number) => string | number | null }> = [
  { label: '序号', width: 6, value: (_, n) => n },
  { label: '类别', width: 16, value: (i) => CATEGORIES[i.category].label },
  { label: '学期', width: 22, value: (i) => (i.semester ? semesterLabel(i.semester) : null) },
  { label: '文件', width: 30, value: (i) => i.file },
  { label: '工作表', width: 12, value: (i) => i.sheet },
  { label: '行号', width: 7, value: (i) => i.row },
  { label: '列', width: 14, value: (i) => i.column },
  { label: '填写的值', width: 16, value: (i) => i.value },
  { label: '问题', width: 44, value: (i) => i.reason },
  { label: '修改办法', width: 44, value: (i) => i.fix },
];

const LINE_POINTS = 15;
const rowHeight = (texts: ReadonlyArray<string | number | null>) =>
  Math.max(1, ...texts.map((t, i) => Math.ceil(displayWidth(String(t ?? '')) / (COLUMNS[i]!.width - 1)))) * LINE_POINTS + 4;

/** The list as a workbook: a title, the summary line, then one row per item. */
export function returnListWorkbook(list: ReturnList, institution: string): WorkbookSpec {
  const width = COLUMNS.length;
  const total = COLUMNS.reduce((n, c) => n + c.width, 0);
  const whole = (value: string, style: CellSpec['style']): Array<CellSpec | null> => [{ value, style }, ...Array<null>(width - 1).fill(null)];
  const rows: Array<Array<CellSpec | null>> = [
    whole(`${list.department}报送数据需修改的问题`, 'title'),
    whole(`${institution}　${list.summary}`, 'subtitle'),
    COLUMNS.map((c): CellSpec => ({ value: c.label, style: 'header' })),
  ];
  const heights: Record<number, number> = { 0: TITLE_POINTS, 1: Math.ceil(displayWidth(`${institution}　${list.summary}`) / total + 1) * LINE_POINTS + 4 };
  list.items.forEach((item, n) => {
    const values = COLUMNS.map((c) => c.value(item, n + 1));
    heights[rows.length] = rowHeight(values);
    rows.push(values.map((value, i): CellSpec => ({ value, style: i === 1 && item.category !== 'warning' && item.category !== 'superseded' ? 'flag' : 'wrap' })));
  });
  const sheet: SheetSpec = {
    name: '需修改的问题',
    rows,
    widths: COLUMNS.map((c) => c.width),
    merges: [
      { row: 0, column: 0, columns: width },
      { row: 1, column: 0, columns: width },
    ],
    rowHeights: heights,
    frozenRows: 3,
    landscape: true,
  };
  return { sheets: [sheet] };
}
