/**
 * A workbook as the collection tools describe it — the templates sent to departments, the return
 * lists sent back, the 报送 checklist — before any library writes it: sheets of cells with a
 * named style, merged ranges, frozen rows and data validation (dropdowns, number and date
 * checks). Pure data; src/io/xlsx-workbook.ts turns it into an .xlsx file.
 */

/** What a cell looks like; the writer decides the fonts and fills. Body styles also fix the cell's number format. */
export type CellStyle =
  | 'title'
  | 'subtitle'
  | 'header'
  /** A header of a column that must be filled in (red, marked *). */
  | 'header-required'
  /** Text, and kept as text when typed into (IDs keep their leading zeros). */
  | 'text'
  | 'date'
  /** A date shown as year and month (出生年月, 任辅导员时间). */
  | 'month'
  | 'integer'
  | 'decimal'
  /** Long text, wrapped (notes, reasons). */
  | 'wrap'
  | 'heading'
  /** A cell the reader should look at first (a problem, a missing export). */
  | 'flag';

export interface CellSpec {
  value: string | number | Date | null;
  style?: CellStyle;
}

/** A range of one column's cells, rows counted from 0. */
export interface ColumnRange {
  column: number;
  firstRow: number;
  lastRow: number;
}

export type ValidationRule =
  /** Any value: the validation only shows its prompt when the cell is selected. */
  | { kind: 'any' }
  | { kind: 'list'; values: readonly string[] }
  /** A list kept in cells of the workbook (too long to write into the rule itself). */
  | { kind: 'list-range'; sheet: string; range: ColumnRange }
  | { kind: 'whole'; min: number; max?: number }
  | { kind: 'decimal'; min: number; max?: number }
  | { kind: 'date'; min: string; max?: string };

export interface Validation {
  range: ColumnRange;
  rule: ValidationRule;
  /** stop: only these values; warning / information: other values allowed after a notice (e.g. a 职称 not on the list). */
  strictness: 'stop' | 'warning' | 'information';
  /** Shown when the cell is selected. */
  prompt?: { title: string; text: string };
  /** Shown when a value breaks the rule. */
  error?: { title: string; text: string };
}

export interface Merge {
  row: number;
  column: number;
  rows?: number;
  columns: number;
}

export interface SheetSpec {
  name: string;
  /** Rows of cells; null: nothing in that cell. */
  rows: Array<Array<CellSpec | null>>;
  /** Column widths in Excel characters (a Chinese character takes about two). */
  widths: number[];
  merges?: Merge[];
  /** Heights of rows in points, by row (Excel does not fit merged or wrapped cells' rows itself). */
  rowHeights?: Record<number, number>;
  /** Rows kept in view while scrolling (Excel: 冻结窗格). */
  frozenRows?: number;
  validations?: Validation[];
  landscape?: boolean;
}

export interface WorkbookSpec {
  sheets: SheetSpec[];
}
