/**
 * Invisible characters: what a clerk cannot see in a cell but a computer compares — control
 * characters (a NUL pasted from a web system), zero-width spaces and joiners, direction marks,
 * the word joiner, a byte-order mark in the middle of text. A 系部 cell holding one becomes a
 * second department that looks exactly like the first, and the real one then lacks its rows.
 * So they are removed from every cell before anything is matched (the readers do it, and say
 * where: `InvisibleTally`), and cleanCell drops any left (text.ts).
 *
 * Tab, line feed, vertical tab, form feed and carriage return are white space, not invisible:
 * a line break inside a cell (Alt+Enter) is folded to a space like any other run of spaces.
 */

/** The invisible characters: C0 controls but the white-space ones, DEL and C1, soft hyphen, zero-width and direction marks, word joiner and its kin, BOM. */
const INVISIBLE_SOURCE = '[\\u0000-\\u0008\\u000e-\\u001f\\u007f-\\u009f\\u00ad\\u200b-\\u200f\\u202a-\\u202e\\u2060-\\u2064\\u2066-\\u2069\\ufeff]';
const ANY_INVISIBLE = new RegExp(INVISIBLE_SOURCE);
const EVERY_INVISIBLE = new RegExp(INVISIBLE_SOURCE, 'g');

/** Whether code unit `c` is an invisible character (the same set as INVISIBLE_SOURCE). */
export function isInvisible(c: number): boolean {
  return (
    c < 0x09 || (c >= 0x0e && c < 0x20) || (c >= 0x7f && c <= 0x9f) || c === 0xad ||
    (c >= 0x200b && c <= 0x200f) || (c >= 0x202a && c <= 0x202e) || (c >= 0x2060 && c <= 0x2064) || (c >= 0x2066 && c <= 0x2069) || c === 0xfeff
  );
}

/** Whether a text holds any invisible character (one regular-expression scan: run once over a whole decoded file). */
export function hasInvisible(text: string): boolean {
  return ANY_INVISIBLE.test(text);
}

export function stripInvisible(text: string): string {
  return text.replace(EVERY_INVISIBLE, '');
}

const NAMES: Record<number, string> = {
  0x00: '空字符', 0x7f: '删除符', 0xad: '软连字符', 0x200b: '零宽空格', 0x200c: '零宽非连接符', 0x200d: '零宽连接符',
  0x200e: '从左至右标记', 0x200f: '从右至左标记', 0x2060: '单词连接符', 0xfeff: '零宽不换行空格（BOM）',
};

/** "零宽空格（U+200B）": what the first invisible character of a text is, for a message. */
export function describeInvisible(text: string): string {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (!isInvisible(c)) continue;
    const code = `U+${c.toString(16).toUpperCase().padStart(4, '0')}`;
    return `${NAMES[c] ?? (c < 0xa0 ? '控制字符' : '不可见字符')}（${code}）`;
  }
  return '';
}

/** Where a sheet's cells held invisible characters, per column: how many cells, and the first. */
export interface InvisibleColumn {
  /** Column index, from 0. */
  column: number;
  cells: number;
  /** The first such cell: its row index (from 0) and what the character was. */
  row: number;
  what: string;
}

/**
 * Strips invisible characters from a sheet's cells as they are read, and remembers where they
 * were (for a warning naming the columns, once the header is known).
 */
export class InvisibleTally {
  private readonly columns = new Map<number, InvisibleColumn>();

  /** The row's cells without invisible characters (the same array, changed in place). */
  clean(cells: string[], row: number): string[] {
    for (let c = 0; c < cells.length; c++) {
      const cell = cells[c]!;
      if (!ANY_INVISIBLE.test(cell)) continue;
      cells[c] = stripInvisible(cell);
      const seen = this.columns.get(c);
      if (seen) seen.cells++;
      else this.columns.set(c, { column: c, cells: 1, row, what: describeInvisible(cell) });
    }
    return cells;
  }

  add(other: readonly InvisibleColumn[]): void {
    for (const o of other) {
      const seen = this.columns.get(o.column);
      if (!seen) this.columns.set(o.column, { ...o });
      else {
        seen.cells += o.cells;
        if (o.row < seen.row) Object.assign(seen, { row: o.row, what: o.what });
      }
    }
  }

  get entries(): InvisibleColumn[] {
    return [...this.columns.values()].sort((a, b) => a.column - b.column);
  }
}
