/**
 * A template's 填表说明 sheet: what the table is for, how to fill it in, and for every column what
 * it means, whether it must be filled in, what may be written, an example, and which rule of the
 * active profile uses it with the policy document it comes from — generated from the data
 * dictionary, the column guides and the rules, so that it says what the ingest will do. Its name
 * is one the ingest skips as notes. Dropdown lists too long to be written into the rule itself
 * are kept at its end, and the data sheet's dropdowns point there.
 */
import { semesterLabel } from '../domain/semester.ts';
import { TABLES, type TableKind } from '../domain/tables/index.ts';
import { displayWidth } from '../domain/text.ts';
import { citeSource } from './citations.ts';
import type { TemplateContext } from './template-columns.ts';
import type { TemplateColumn } from './template.ts';
import type { CellSpec, ColumnRange, SheetSpec } from './workbook.ts';

export const NOTES_SHEET = '填表说明';

/** What each kind of table holds, one row being what. */
const PURPOSE: Record<TableKind, string> = {
  enrollment: '本学期各系部的在校生人数。一个系部填一行；也可按年级或培养层次分多行填写，统计时相加。',
  counselors:
    '本学期在岗的辅导员，专职、兼职都填，每人一行。在系部全职从事学生工作的党总支副书记、学工办负责人、分团委书记按专职辅导员填写。',
  worklogs: '辅导员、班主任、辅导员（班主任）助理和研究生德育工作助理的工作记录，每人每周一行。',
  training: '辅导员参加培训的记录，每人每次培训一行。',
  assessments: '本学期的考核结果，每名被考核人员一行。可填写总分、考核量化表的 14 项得分或考核等次（至少其一）。',
  assistants: '本学年聘任的辅导员（班主任）助理，每人一行；每个班级至多聘任 1 名。',
  classes: '本系部的班级名单，每个班级一行，写明辅导员或班主任。',
  graduate_assistants: '研究生德育工作助理名册，每人一行。',
};

/** Where a dropdown's values sit on this sheet, when they are too many to be written into the rule. */
export interface ListPlacement {
  placeOf(key: string): ColumnRange | null;
}

/** Column widths of the sheet (Excel characters): 列名, 必填, 含义, 填写要求, 示例, 用于哪项统计, 依据. */
const WIDTHS = [16, 10, 26, 36, 16, 34, 40];
const WIDTH = WIDTHS.reduce((a, b) => a + b, 0);
const LINE_POINTS = 15;
/** A title line (16 pt) on one line. */
export const TITLE_POINTS = 32;

/** The lines a text takes in a cell this wide (Excel characters; a Chinese character takes two). */
function linesIn(text: string, width: number): number {
  return text.split('\n').reduce((n, line) => n + Math.max(1, Math.ceil(displayWidth(line) / Math.max(1, width - 1))), 0);
}
const heightFor = (lines: number) => lines * LINE_POINTS + 4;

/** Excel writes a dropdown's values into the rule as "a,b,c", at most 255 characters and no comma in a value. */
export function fitsInRule(values: readonly string[]): boolean {
  return values.every((v) => !/[",]/.test(v)) && values.join(',').length + 2 <= 255;
}

function requirement(c: TemplateColumn, ctx: TemplateContext, placed: boolean): string {
  const parts: string[] = [];
  const choices = c.guide.choices?.(ctx);
  if (choices) {
    const list = placed ? '见本页末尾的列表' : choices.values.join('、');
    parts.push(choices.closed ? `从下拉列表中选择：${list}` : `可从下拉列表中选择（${list}），也可填写其他`);
  }
  const bounds = c.guide.bounds?.(ctx);
  if (c.guide.format === 'integer' || c.guide.format === 'decimal')
    parts.push(`${c.guide.format === 'integer' ? '整数' : '数字'}${bounds ? (bounds.max !== undefined ? `，${bounds.min} 至 ${bounds.max}` : `，不小于 ${bounds.min}`) : ''}`);
  if (c.guide.format === 'date') parts.push('日期，如 2025-09-01');
  const hint = c.guide.hint?.(ctx);
  if (hint) parts.push(hint);
  return parts.join('；');
}

/** 必填 / 至少填一项 / 可不填: required columns, and the groups of which one must be filled in. */
function obligation(kind: TableKind, c: TemplateColumn): string {
  if (c.required) return '必填';
  return TABLES[kind].requireAnyOf?.some((group) => group.includes(c.key)) ? '至少填一项' : '可不填';
}

export function notesSheet(kind: TableKind, ctx: TemplateContext, columns: readonly TemplateColumn[]): { sheet: SheetSpec; lists: ListPlacement } {
  const rows: Array<Array<CellSpec | null>> = [];
  const merges: NonNullable<SheetSpec['merges']>[number][] = [];
  const heights: Record<number, number> = {};
  const span = WIDTHS.length;
  const whole = (value: string, style: CellSpec['style']) => {
    merges.push({ row: rows.length, column: 0, columns: span });
    if (style === 'wrap' || style === 'subtitle') heights[rows.length] = heightFor(linesIn(value, WIDTH));
    if (style === 'title') heights[rows.length] = TITLE_POINTS;
    rows.push([{ value, style }, ...Array<null>(span - 1).fill(null)]);
  };
  const gap = () => rows.push([]);

  const spec = TABLES[kind];
  whole(`填表说明：${spec.label}`, 'title');
  whole(`${ctx.rules.institution}${ctx.department ?? ''}${semesterLabel(ctx.semester)}。本工作表为说明，导入时自动跳过，不必删除。`, 'subtitle');
  gap();
  whole('一、这张表填什么', 'heading');
  whole(PURPOSE[kind], 'wrap');
  gap();
  whole('二、填写要求', 'heading');
  const instructions = [
    `学期已写在标题中（${semesterLabel(ctx.semester)}），请勿修改标题；每学期请使用当学期的模板。${ctx.department ? `本表为${ctx.department}专用，系部已写在标题中，不必另填。` : ''}`,
    '第 3 行是表头，请勿修改、删除或调换列名；暂时没有数据的列留空即可。',
    '从第 4 行起逐行填写，不要合并单元格，不要插入空行或小计行；表末的“合计”行和“填表人”“审核人”等落款行导入时自动跳过。',
    '表头带 * 的列必须填写，否则该行不能导入；标为“至少填一项”的几列，至少填写其中一列。',
    '工号、学号等列已设为文本格式，开头的 0 会保留。从其他表格复制时请用“选择性粘贴—数值”，不要粘贴公式。',
    '日期列请填写日期，如 2025-09-01；只需年月的填 2025-09。有下拉箭头的列请从列表中选择，数字列只能填写数字。',
    '联系电话、身份证号、QQ、电子邮箱等个人信息不要填写；即使填写，导入时也会删除，不会公布。',
    `填好后直接保存（Excel、WPS 均可；保持 .xlsx 格式，下拉选项和格式都会保留），报送${ctx.rules.report.issuer}。`,
  ];
  instructions.forEach((text, i) => whole(`${i + 1}. ${text}`, 'wrap'));
  gap();
  whole('三、各列说明', 'heading');
  rows.push(['列名', '是否必填', '含义', '填写要求', '示例', '用于哪项统计', '依据'].map((value): CellSpec => ({ value, style: 'header' })));

  const long = columns.filter((c) => {
    const choices = c.guide.choices?.(ctx);
    return choices && !fitsInRule(choices.values);
  });
  for (const c of columns) {
    const use = c.guide.use?.(ctx) ?? null;
    const cells = [
      c.header,
      obligation(kind, c),
      c.guide.meaning,
      requirement(c, ctx, long.includes(c)),
      String(c.guide.example(ctx) || '（不填）'),
      use?.text ?? '',
      use?.source ? citeSource(use.source, ctx.rules) : '',
    ];
    heights[rows.length] = heightFor(Math.max(...cells.map((text, i) => linesIn(text, WIDTHS[i]!))));
    rows.push(cells.map((value, i): CellSpec => ({ value, style: i === 0 && c.required ? 'flag' : 'wrap' })));
  }

  // Lists too long for a rule: one value a row in the first column, under a heading naming the column.
  const placed = new Map<string, ColumnRange>();
  if (long.length > 0) {
    gap();
    whole('四、下拉列表的可选值', 'heading');
    for (const c of long) {
      whole(`${c.name}：`, 'heading');
      const values = c.guide.choices!(ctx)!.values;
      placed.set(c.key, { column: 0, firstRow: rows.length, lastRow: rows.length + values.length - 1 });
      for (const value of values) rows.push([{ value, style: 'text' }]);
    }
  }
  return {
    sheet: { name: NOTES_SHEET, rows, widths: WIDTHS, merges, rowHeights: heights, landscape: true },
    lists: { placeOf: (key) => placed.get(key) ?? null },
  };
}
