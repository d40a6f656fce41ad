/**
 * Cell schemas (zod): raw cell text → typed value, or an issue carrying a reject code and a
 * Chinese message a department clerk can act on. A table's row schema is an object of these.
 */
import { z } from 'zod';
import { cleanCell, compactCell, parseCount } from './text.ts';
import { findSemester, type SemesterId } from './semester.ts';

export type RejectCode =
  | 'MISSING_VALUE'
  | 'NOT_A_COUNT'
  | 'COUNT_TOO_LARGE'
  | 'UNKNOWN_EMPLOYMENT'
  | 'BAD_SEMESTER'
  | 'NO_SEMESTER'
  | 'DUPLICATE_PERSON';

interface Failure {
  reject: RejectCode;
  message: string;
}
const fail = (reject: RejectCode, message: string): Failure => ({ reject, message });
const isFailure = (v: unknown): v is Failure => typeof v === 'object' && v !== null && 'reject' in v;

/** A column's schema, given the column's Chinese label for its messages. */
export type CellSchema<T> = (label: string) => z.ZodType<T, string>;

function cellSchema<T>(parse: (raw: string, label: string) => T | Failure): CellSchema<T> {
  return (label) =>
    z.string().transform((raw, ctx) => {
      const result = parse(raw, label);
      if (!isFailure(result)) return result;
      ctx.addIssue({ code: 'custom', message: result.message, params: { reject: result.reject } });
      return z.NEVER;
    });
}

/** The reject code a zod issue carries (MISSING_VALUE when zod itself raised it). */
export function rejectCodeOf(issue: z.core.$ZodIssue): RejectCode {
  return ((issue as { params?: { reject?: RejectCode } }).params?.reject ?? 'MISSING_VALUE') as RejectCode;
}

/** Largest count one row may hold; a bigger one is a typing slip, not a department. */
export const MAX_COUNT_PER_ROW = 100_000;

const missing = (label: string, hint = '请补填') => fail('MISSING_VALUE', `「${label}」不能为空，${hint}。`);

export const text = cellSchema((raw, label) => cleanCell(raw) || missing(label));

/** Names and codes: inner spaces removed ("王 芳" → "王芳"); IDs stay text so leading zeros survive. */
export const compactText = cellSchema((raw, label) => compactCell(raw) || missing(label));

export const optionalText = cellSchema((raw) => cleanCell(raw) || null);

function parseCountCell(raw: string, label: string): number | Failure {
  if (!cleanCell(raw)) return missing(label, '请填写人数（不小于0的整数）');
  const n = parseCount(raw);
  if (n === null)
    return fail('NOT_A_COUNT', `「${label}」应为不小于0的整数，实际为「${cleanCell(raw)}」，请改为数字（如 1020）。`);
  if (n > MAX_COUNT_PER_ROW)
    return fail('COUNT_TOO_LARGE', `「${label}」为 ${n}，超过单行上限 ${MAX_COUNT_PER_ROW}，请核对是否多输了数字。`);
  return n;
}

export const count = cellSchema(parseCountCell);

export const optionalCount = cellSchema((raw, label) => (cleanCell(raw) ? parseCountCell(raw, label) : null));

export type Employment = 'full_time' | 'part_time';

/** 专职 / 兼职 and the variants departments write ("兼 职", 兼职（教师）, 兼职（研究生）). */
const EMPLOYMENT_SPELLINGS: Array<[RegExp, Employment]> = [
  [/^专职/, 'full_time'],
  [/^兼职/, 'part_time'],
];

export const employment = cellSchema<Employment>((raw, label) => {
  const value = compactCell(raw);
  if (!value) return missing(label, '请填写“专职”或“兼职”');
  const match = EMPLOYMENT_SPELLINGS.find(([pattern]) => pattern.test(value));
  return match
    ? match[1]
    : fail('UNKNOWN_EMPLOYMENT', `「${label}」的值「${value}」无法识别，请填写“专职”或“兼职”（可加括号注明，如“兼职（教师）”）。`);
});

export const semester = cellSchema<SemesterId>((raw, label) =>
  !cleanCell(raw)
    ? fail('NO_SEMESTER', `「${label}」为空，标题行和文件夹名中也没有写明学期，请补填（如“2025-2026学年第一学期”）。`)
    : findSemester(cleanCell(raw)) ??
    fail('BAD_SEMESTER', `「${label}」的值「${cleanCell(raw)}」无法识别为学期，请写成“2025-2026学年第一学期”的形式。`),
);
