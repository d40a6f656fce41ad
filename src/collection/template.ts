/**
 * The template of one kind of export, as sent to departments: a data sheet — title line naming
 * the institution, (the department,) the semester and the kind; the canonical header with the
 * required columns marked; empty rows formatted so that IDs stay text and dates are dates;
 * dropdowns and number checks — and a 填表说明 sheet (template-notes.ts), which the ingest skips
 * as notes. Filled in, it reads with no reject: the title gives the semester (and the
 * department of a department's own copy), the header is the one the ingest knows.
 */
import { semesterLabel } from '../domain/semester.ts';
import { TABLES, normaliseHeader, type InputColumn, type TableKind } from '../domain/tables/index.ts';
import { displayWidth } from '../domain/text.ts';
import { COLUMN_GUIDES, LEFT_OUT, type CellFormat, type ColumnGuide, type TemplateContext } from './template-columns.ts';
import { NOTES_SHEET, notesSheet, type ListPlacement } from './template-notes.ts';
import type { CellSpec, CellStyle, SheetSpec, Validation, WorkbookSpec } from './workbook.ts';

export interface TemplateColumn {
  key: string;
  input: InputColumn;
  guide: ColumnGuide;
  /** The header cell as written: the canonical name, with * when it must be filled in. */
  header: string;
  name: string;
  required: boolean;
}

/** Rows 1–2 are the title and a line of instructions, row 3 the header; data from row 4. */
export const HEADER_ROW = 2;
export const FIRST_DATA_ROW = 3;
/** Empty rows formatted and validated: a semester's work log of a department runs to several hundred. */
const BLANK_ROWS: Partial<Record<TableKind, number>> = { enrollment: 50, worklogs: 1000 };
const DEFAULT_BLANK_ROWS = 300;
export const blankRows = (kind: TableKind) => BLANK_ROWS[kind] ?? DEFAULT_BLANK_ROWS;

export const REQUIRED_MARK = '*';

/** The canonical header of a column: its label when the ingest reads it as written, else its first spelling. */
function canonicalName(input: InputColumn): string {
  return input.aliases.includes(normaliseHeader(input.label)) ? input.label : input.aliases[0]!;
}

/** The columns of a kind's template, in the data dictionary's order. A department's own copy names the department in its title instead of a 系部 column. */
export function templateColumns(kind: TableKind, ctx: Pick<TemplateContext, 'department'>): TemplateColumn[] {
  const spec = TABLES[kind];
  return spec.input
    .filter((input) => !LEFT_OUT.has(input.key) && !(ctx.department && input.key === 'department'))
    .map((input) => {
      const guide = COLUMN_GUIDES[kind][input.key];
      if (!guide) throw new Error(`no template guide for ${kind}.${input.key}`);
      // A table without a role in its title needs the 角色 column filled in.
      const required = input.required || (input.key === 'role' && spec.needsRole === true);
      const name = canonicalName(input);
      return { key: input.key, input, guide, name, header: required ? `${REQUIRED_MARK}${name}` : name, required };
    });
}

export function templateTitle(kind: TableKind, ctx: Pick<TemplateContext, 'rules' | 'semester' | 'department'>): string {
  return `${ctx.rules.institution}${ctx.department ?? ''}${semesterLabel(ctx.semester)}${TABLES[kind].label}`;
}

/** The file a template is written to, inside the semester's folder (and the department's). */
export const templateFileName = (kind: TableKind) => `${TABLES[kind].label}.xlsx`;

const INSTRUCTIONS = `请先阅读“${NOTES_SHEET}”工作表。带 ${REQUIRED_MARK} 的列必须填写；有下拉箭头的列请从列表中选择；请勿修改标题和表头，不要合并单元格。`;

const STYLE_OF: Record<CellFormat, CellStyle> = { text: 'text', date: 'date', month: 'month', integer: 'integer', decimal: 'decimal' };

/** Excel's limits for the texts of a validation: title 32 characters, message 255 (error 225). */
const clip = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

function validationsOf(columns: readonly TemplateColumn[], ctx: TemplateContext, rows: number, lists: ListPlacement): Validation[] {
  const out: Validation[] = [];
  columns.forEach((c, column) => {
    const range = { column, firstRow: FIRST_DATA_ROW, lastRow: FIRST_DATA_ROW + rows - 1 };
    const prompt = { title: clip(c.name, 32), text: clip([c.guide.meaning, c.guide.hint?.(ctx)].filter(Boolean).join('；'), 255) };
    const choices = c.guide.choices?.(ctx);
    const bounds = c.guide.bounds?.(ctx);
    if (choices) {
      const placed = lists.placeOf(c.key);
      out.push({
        range,
        rule: placed ? { kind: 'list-range', sheet: NOTES_SHEET, range: placed } : { kind: 'list', values: choices.values },
        strictness: choices.closed ? 'stop' : 'information',
        prompt,
        error: { title: clip(c.name, 32), text: clip(`请从下拉列表中选择：${choices.values.slice(0, 12).join('、')}${choices.values.length > 12 ? '等' : ''}`, 225) },
      });
    } else if (bounds && (c.guide.format === 'integer' || c.guide.format === 'decimal')) {
      const { min, max } = bounds as { min: number; max?: number };
      out.push({
        range,
        rule: { kind: c.guide.format === 'integer' ? 'whole' : 'decimal', min, ...(max !== undefined ? { max } : {}) },
        strictness: 'stop',
        prompt,
        error: { title: clip(c.name, 32), text: `请填写${c.guide.format === 'integer' ? '整数' : '数字'}，${max !== undefined ? `${min} 至 ${max}` : `不小于 ${min}`}。` },
      });
    } else if (bounds && (c.guide.format === 'date' || c.guide.format === 'month')) {
      // A date typed as text (2018年9月) is read too: a warning, not a refusal.
      out.push({
        range,
        rule: { kind: 'date', min: String(bounds.min), ...(bounds.max !== undefined ? { max: String(bounds.max) } : {}) },
        strictness: 'warning',
        prompt,
        error: { title: clip(c.name, 32), text: '请填写日期，如 2025-09-01（年月可写 2025-09）。' },
      });
    } else out.push({ range, rule: { kind: 'any' }, strictness: 'information', prompt });
  });
  return out;
}

/** The class list pre-filled in a department's own 班级名单: its last list, to be checked and updated. */
function prefilled(kind: TableKind, columns: readonly TemplateColumn[], ctx: TemplateContext): Array<Array<CellSpec | null>> {
  if (kind !== 'classes' || !ctx.department) return [];
  return ctx.classes.map((c) =>
    columns.map((col) => {
      const value = (c as Record<string, string | number | null>)[col.key] ?? null;
      return { value, style: STYLE_OF[col.guide.format] };
    }),
  );
}

function dataSheet(kind: TableKind, ctx: TemplateContext, lists: ListPlacement): SheetSpec {
  const columns = templateColumns(kind, ctx);
  const filled = prefilled(kind, columns, ctx);
  const rows = Math.max(blankRows(kind), filled.length + 50);
  const width = columns.length;
  const title: Array<CellSpec | null> = [{ value: templateTitle(kind, ctx), style: 'title' }, ...Array<null>(width - 1).fill(null)];
  const note: Array<CellSpec | null> = [{ value: INSTRUCTIONS, style: 'subtitle' }, ...Array<null>(width - 1).fill(null)];
  const header = columns.map((c): CellSpec => ({ value: c.header, style: c.required ? 'header-required' : 'header' }));
  const body = Array.from({ length: rows }, (_, i) => filled[i] ?? columns.map((c): CellSpec => ({ value: null, style: STYLE_OF[c.guide.format] })));
  const widths = columns.map((c) => Math.min(40, Math.max(8, displayWidth(c.header) + 2, displayWidth(String(c.guide.example(ctx))) + 2)));
  // The title (16 pt, about 1.5 times as wide as body text) and the instructions wrap across the merged width.
  const across = widths.reduce((a, b) => a + b, 0);
  const lines = (text: string, scale: number) => Math.max(1, Math.ceil((displayWidth(text) * scale) / across));
  return {
    name: TABLES[kind].label,
    rows: [title, note, header, ...body],
    widths,
    merges: [
      { row: 0, column: 0, columns: width },
      { row: 1, column: 0, columns: width },
    ],
    rowHeights: { 0: lines(String(title[0]!.value), 1.5) * 22 + 10, 1: lines(INSTRUCTIONS, 1) * 15 + 4 },
    frozenRows: FIRST_DATA_ROW,
    validations: validationsOf(columns, ctx, rows, lists),
    landscape: width > 8,
  };
}

export function templateWorkbook(kind: TableKind, ctx: TemplateContext): WorkbookSpec {
  const notes = notesSheet(kind, ctx, templateColumns(kind, ctx));
  return { sheets: [dataSheet(kind, ctx, notes.lists), notes.sheet] };
}
