/**
 * Merged cells, before any row is classified. A workbook keeps a merged range's value in its
 * first cell only; read as it is, a 系部 merged down its 年级 rows leaves every row after the
 * first without a department. So each merged range's text is given to every cell it covers,
 * down and across — with two exceptions, each for the figures' sake:
 *
 * - a line: a range one row high that is all its row holds (a title, a footer, a note across
 *   the table) stays one cell, as a line of text is read; and a row that holds nothing of its
 *   own (a template's unused rows under a merged 系部) is left blank;
 * - a number: a count or score merged over several cells belongs to them together, and copied
 *   it would be counted once per cell (1,830 students merged over three 年级 rows would become
 *   5,490). It stays in its first cell; the ranges kept so are reported for a warning.
 */
import { isBlankCell } from '../domain/text.ts';
import { sheetOfRows, type MergedRange, type Sheet } from './readers/types.ts';

export interface FilledSheet {
  sheet: Sheet;
  /** Cells given their range's value. */
  filled: number;
  /** Merged numbers left in their first cell, with their text (a warning once the sheet's columns are known). */
  numbers: Array<MergedRange & { value: string }>;
  /**
   * Gives a merged number to every cell of its range, once the sheet's columns show it is an
   * attribute of each row (a course's 学时): the rows not yet read see it. Returns the cells filled.
   */
  fillNumber: (m: MergedRange & { value: string }) => number;
}

function isLine(rows: readonly string[][], m: MergedRange): boolean {
  if (m.top !== m.bottom) return false;
  const row = rows[m.top] ?? [];
  for (let c = 0; c < row.length; c++) if ((c < m.left || c > m.right) && !isBlankCell(row[c])) return false;
  return true;
}

/** The sheet with its merged ranges filled (a sheet without merges is returned as it is, unread). */
export function fillMerges(sheet: Sheet): FilledSheet {
  const merges = sheet.merges ?? [];
  if (merges.length === 0) return { sheet, filled: 0, numbers: [], fillNumber: () => 0 };
  const rows: string[][] = [];
  sheet.forEachRow((cells) => rows.push([...cells]));
  const own = rows.map((row) => row.some((c) => !isBlankCell(c)));
  let filled = 0;
  const numbers: FilledSheet['numbers'] = [];
  for (const m of merges) {
    const value = rows[m.top]?.[m.left] ?? '';
    if (isBlankCell(value) || (m.top === m.bottom && m.left === m.right) || isLine(rows, m)) continue;
    if (m.number) {
      numbers.push({ ...m, value });
      continue;
    }
    filled += fillRange(m, value);
  }
  /** The range's cells that are blank, in rows that hold something of their own, given its value (rows are read after this, in place). */
  function fillRange(m: MergedRange, value: string): number {
    let n = 0;
    for (let r = m.top; r <= m.bottom; r++) {
      if (!own[r]) continue;
      const row = rows[r]!;
      while (row.length <= m.right) row.push('');
      for (let c = m.left; c <= m.right; c++) {
        if ((r === m.top && c === m.left) || !isBlankCell(row[c])) continue;
        row[c] = value;
        n++;
      }
    }
    return n;
  }
  const { name, forEachRow: _read, split: _split, ...more } = sheet;
  return { sheet: sheetOfRows(name, rows, more), filled, numbers, fillNumber: (m) => fillRange(m, m.value) };
}
