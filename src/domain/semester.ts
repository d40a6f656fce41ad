/**
 * Semesters. Canonical id: `2025-2026-1` (第一学期, autumn) and `2025-2026-2` (第二学期, spring).
 * Departments write them many ways; every accepted spelling is a row in SPELLINGS.
 */
import { toHalfWidth } from './text.ts';

export type SemesterId = `${number}-${number}-${1 | 2}`;

const TERM_WORDS: Record<string, 1 | 2> = { 一: 1, '1': 1, 上: 1, 二: 2, '2': 2, 下: 2 };
const DASH = '[-—–－~至到]';

interface Spelling {
  pattern: RegExp;
  toId(m: RegExpMatchArray): SemesterId | null;
}

function fromYears(start: string, end: string, term: string): SemesterId | null {
  const a = Number(start);
  const b = Number(end);
  const t = TERM_WORDS[term];
  if (!t || b !== a + 1) return null;
  return `${a}-${b}-${t}` as SemesterId;
}

const SPELLINGS: Spelling[] = [
  // 2025-2026学年第一学期, 2025—2026学年度第1学期, 2025-2026学年上学期
  {
    pattern: new RegExp(`(\\d{4})\\s*${DASH}\\s*(\\d{4})\\s*学年度?\\s*(?:第\\s*([一二12])\\s*|([上下]))学期`),
    toId: (m) => fromYears(m[1]!, m[2]!, m[3] ?? m[4]!),
  },
  // 2025-2026-1 (canonical), 2025-2026-2
  {
    pattern: new RegExp(`(?<!\\d)(\\d{4})${DASH}(\\d{4})${DASH}([12])(?!\\d)`),
    toId: (m) => fromYears(m[1]!, m[2]!, m[3]!),
  },
  // 2024秋 / 2024年秋季 → 2024-2025-1; 2025春 / 2025年春季 → 2024-2025-2
  {
    pattern: /(?<!\d)(\d{4})\s*年?\s*(秋|春)季?(?:学期)?/,
    toId: (m) => {
      const y = Number(m[1]);
      return (m[2] === '秋' ? `${y}-${y + 1}-1` : `${y - 1}-${y}-2`) as SemesterId;
    },
  },
];

/** The first semester written anywhere in `text` (a cell, a title line, a folder name), or null. */
export function findSemester(text: string): SemesterId | null {
  const normalised = toHalfWidth(text);
  for (const spelling of SPELLINGS) {
    const m = normalised.match(spelling.pattern);
    if (m) {
      const id = spelling.toId(m);
      if (id) return id;
    }
  }
  return null;
}

export function isSemesterId(text: string): text is SemesterId {
  return /^\d{4}-\d{4}-[12]$/.test(text) && findSemester(text) === text;
}

/** "2025-2026学年第一学期" */
export function semesterLabel(id: string): string {
  const [a, b, t] = id.split('-');
  return `${a}-${b}学年第${t === '1' ? '一' : '二'}学期`;
}
