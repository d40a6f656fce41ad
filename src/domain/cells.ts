/**
 * Cell parsers: raw cell text → typed value, or a Failure carrying a reject code and a Chinese
 * message a department clerk can act on. One parser per kind of value; a table's columns name
 * theirs. They are plain functions, not zod schemas: at a million rows per-row zod object
 * parsing cost 2.4 µs a row, half the ingest's time budget (README, "Performance").
 */
import { parseDate } from './dates.ts';
import { findSemester, type SemesterId } from './semester.ts';
import { cleanCell, compactCell, isBlankCell, parseCount, parseDecimal, plainDigits } from './text.ts';

export type RejectCode =
  | 'MISSING_VALUE'
  | 'NOT_A_COUNT'
  | 'NOT_A_NUMBER'
  | 'COUNT_TOO_LARGE'
  | 'FORMULA_CELL'
  | 'ID_LOST_DIGITS'
  | 'UNNAMED_CELL'
  | 'BAD_DATE'
  | 'UNKNOWN_EMPLOYMENT'
  | 'UNKNOWN_ROLE'
  | 'UNKNOWN_LEVEL'
  | 'UNKNOWN_GRADE'
  | 'UNKNOWN_ACTIVITY'
  | 'UNKNOWN_DEPARTMENT'
  | 'BAD_SEMESTER'
  | 'NO_SEMESTER'
  | 'NO_WEEK'
  | 'DUPLICATE_PERSON';

/** Why a cell was refused. A class, so that telling it from a value is one instanceof. */
export class Failure {
  readonly reject: RejectCode;
  readonly message: string;
  constructor(reject: RejectCode, message: string) {
    this.reject = reject;
    this.message = message;
  }
}
export const fail = (reject: RejectCode, message: string): Failure => new Failure(reject, message);

/** A column's parser: the raw cell text and the column's Chinese label (for messages). */
export type Cell<T> = (raw: string, label: string) => T | Failure;

/** A cell Excel exported as its formula text, e.g. "=HYPERLINK(…)" or "=SUM(C3:C9)". */
const FORMULA = /^=[A-Za-z_]+\(|^=[A-Z]+\d/;

/**
 * Every parser refuses formula text first: it is neither the value nor safe to republish. The
 * message names the function only — the formula may carry a link or an address.
 */
function cell<T>(parse: Cell<T>): Cell<T> {
  return (raw, label) => (isFormula(raw) ? formulaCell(raw, label) : parse(raw, label));
}

const formulaCell = (raw: string, label: string) =>
  fail('FORMULA_CELL', `「${label}」是公式（${formulaName(raw)}）而不是值，请在 Excel 中复制该列后“选择性粘贴—数值”，再报送。`);

/** "=HYPERLINK(…)" for any formula text: what a reject may show of it. */
export function formulaName(raw: string): string {
  return `=${(raw.match(/^=([A-Za-z_]+)\(/)?.[1] ?? raw.slice(1).match(/^[A-Z]+\d+/)?.[0] ?? '').toUpperCase()}(…)`;
}

export function isFormula(raw: string): boolean {
  return raw.charCodeAt(0) === 61 /* = */ && FORMULA.test(raw);
}

/** Optional columns: an empty cell is null, anything else goes through the required parser. */
function optional<T>(required: Cell<T>): Cell<T | null> {
  // cell() written out, one call fewer per cell.
  return (raw, label) => (isFormula(raw) ? formulaCell(raw, label) : isBlankCell(raw) ? null : required(raw, label));
}

const missing = (label: string, hint = '请补填') => fail('MISSING_VALUE', `「${label}」不能为空，${hint}。`);

const parseText = (raw: string, label: string) => cleanCell(raw) || missing(label);
const parseCompact = (raw: string, label: string) => compactCell(raw) || missing(label);

export const text = cell(parseText);
export const optionalText = optional(parseText);
/** Names and codes: inner spaces removed ("王 芳" → "王芳"); IDs stay text so leading zeros survive. */
export const compactText = cell(parseCompact);
export const optionalCompactText = optional(parseCompact);

/** A blank 系部 is most often a merged cell (系部 merged down its rows), which reads as empty. */
export const department = cell(
  (raw, label) => compactCell(raw) || missing(label, '若该列用了合并单元格，请取消合并并把系部名称填到每一行'),
);

/**
 * 工号 / 学号: kept as text, leading zeros and all. A number Excel showed in scientific notation
 * ("2.02301E+11") has lost its digits for good and is refused.
 */
const parseIdentifier = (raw: string, label: string) => {
  const value = compactCell(raw);
  if (!value) return missing(label);
  return (value.includes('E') || value.includes('e')) && /^\d+(\.\d+)?E\+?\d+$/i.test(value)
    ? fail('ID_LOST_DIGITS', `「${label}」显示为科学计数法「${value}」，原号码的后几位已丢失。请在 Excel 中把该列设为“文本”格式，重新填入完整号码后报送。`)
    : value;
};
export const identifier = cell(parseIdentifier);
export const optionalIdentifier = optional(parseIdentifier);

/** Largest count one row may hold unless a column says otherwise; a bigger one is a typing slip. */
export const MAX_COUNT_PER_ROW = 100_000;

function countUpTo(max: number) {
  return (raw: string, label: string): number | Failure => {
    // Plain digits, the common case, need neither the clean-up nor the checks for text.
    const plain = plainDigits(raw);
    if (plain >= 0 && plain <= max) return plain;
    if (isBlankCell(raw)) return missing(label, '请填写数字（不小于0的整数）');
    const n = parseCount(raw);
    if (n === null)
      return fail('NOT_A_COUNT', `「${label}」应为不小于0的整数，实际为「${cleanCell(raw)}」，请改为数字（如 1020）。`);
    if (n > max) return fail('COUNT_TOO_LARGE', `「${label}」为 ${n}，超过合理上限 ${max}，请核对是否多输了数字。`);
    return n;
  };
}

/** How a decimal column also reads a value: hours written as a time (7:30), scores as a percentage (95%). */
type Alternative = (text: string) => number | null;

/** "7:30" or "18:00:00" → hours (7.5, 18): a 工作时长 typed or formatted as a time (README, "Values"). */
const hoursAsTime: Alternative = (text) => {
  const m = /^(\d{1,3}):([0-5]\d)(?::([0-5]\d))?$/.exec(text);
  return m ? Number(m[1]) + Number(m[2]) / 60 + Number(m[3] ?? 0) / 3600 : null;
};

/** "95%" → 95: a score read as the cell shows it (a warning says so: sheet-notes.ts). */
const percentAsShown: Alternative = (text) => {
  const m = /^(\d+(?:\.\d+)?)%$/.exec(text);
  return m ? Number(m[1]) : null;
};

function decimalUpTo(max: number, alternative?: Alternative) {
  return (raw: string, label: string): number | Failure => {
    if (isBlankCell(raw)) return missing(label, '请填写数字');
    const n = parseDecimal(raw) ?? (alternative ? alternative(compactCell(raw)) : null);
    if (n === null) return fail('NOT_A_NUMBER', `「${label}」应为不小于0的数字，实际为「${cleanCell(raw)}」。`);
    if (n > max) return fail('COUNT_TOO_LARGE', `「${label}」为 ${n}，超过合理上限 ${max}，请核对。`);
    return n;
  };
}

export const count = cell(countUpTo(MAX_COUNT_PER_ROW));
export const optionalCount = optional(countUpTo(MAX_COUNT_PER_ROW));
/** Weekly activity counts: a person does not hold 500 talks in a week. */
export const weeklyCount = optional(countUpTo(500));
export const optionalHours = optional(decimalUpTo(168, hoursAsTime));
/** Scores may exceed the form's maximum (a warning, not a reject), but not absurdly. */
export const optionalScore = optional(decimalUpTo(1000, percentAsShown));

const parseDateCell = (raw: string, label: string) =>
  !cleanCell(raw)
    ? missing(label, '请填写日期，如 2025-09-01')
    : parseDate(raw) ?? fail('BAD_DATE', `「${label}」的值「${cleanCell(raw)}」无法识别为日期，请写成 2025-09-01 或 2025年9月1日。`);
export const date = cell(parseDateCell);
export const optionalDate = optional(parseDateCell);

/**
 * 月份 of a monthly report: "2025年10月", "2025-10", "2025.10", "2025/10" (a date cell too, as its
 * month) → "2025-10"; a bare "10月", "10月份", "10" → "10", its year found from the semester (monthInSemester).
 */
export const optionalMonth = optional((raw, label) => {
  const text = compactCell(cleanCell(raw)).replace(/份$/, '');
  const bare = text.match(/^(\d{1,2})月?$/);
  if (bare && +bare[1]! >= 1 && +bare[1]! <= 12) return bare[1]!.padStart(2, '0');
  const date = parseDate(text);
  return date ? date.slice(0, 7) : fail('BAD_DATE', `「${label}」的值「${cleanCell(raw)}」无法识别为月份，请写成“2025年10月”或“10月”。`);
});

/** A fixed vocabulary read through a table of spellings, tried in order; first match wins. */
function vocabulary<T extends string>(spellings: ReadonlyArray<readonly [RegExp, T]>, code: RejectCode, hint: string) {
  const matched = new Map<string, T | null>();
  // The spelling last looked up: most often the next row's too, found without hashing it again.
  let lastValue = '';
  let lastKnown: T | null = null;
  return (raw: string, label: string): T | Failure => {
    const value = compactCell(raw);
    if (!value) return missing(label, hint);
    // A column holds the same few spellings row after row: each is matched once.
    let known = value === lastValue ? lastKnown : matched.get(value);
    if (known === undefined) {
      known = spellings.find(([pattern]) => pattern.test(value))?.[1] ?? null;
      if (matched.size >= 1000) matched.clear();
      matched.set(value, known);
    }
    lastValue = value;
    lastKnown = known;
    return known ?? fail(code, `「${label}」的值「${value}」无法识别，${hint}。`);
  };
}

export type Employment = 'full_time' | 'part_time';
/** 专职 / 兼职 and the variants departments write ("兼 职", 兼职（教师）, 兼职（研究生）). */
export const EMPLOYMENT_SPELLINGS = [
  [/^专职/, 'full_time'],
  [/^兼职/, 'part_time'],
] as const;
export const employment = cell(
  vocabulary<Employment>(EMPLOYMENT_SPELLINGS, 'UNKNOWN_EMPLOYMENT', '请填写“专职”或“兼职”（可加括号注明，如“兼职（教师）”）'),
);

export type Role = 'counselor' | 'class_teacher' | 'assistant' | 'graduate_assistant';
/** Most specific first: 研究生德育助理 before 助理, 辅导员助理 before 辅导员. */
export const ROLE_SPELLINGS = [
  [/研究生.*助理|德育.*助理/, 'graduate_assistant'],
  [/助理|助管/, 'assistant'],
  [/班主任/, 'class_teacher'],
  [/辅导员/, 'counselor'],
] as const;
export const ROLE_LABELS: Record<Role, string> = {
  counselor: '辅导员',
  class_teacher: '班主任',
  assistant: '辅导员（班主任）助理',
  graduate_assistant: '研究生德育工作助理',
};
const ROLE_HINT = '请填写“辅导员”“班主任”“辅导员助理”或“研究生德育助理”';
export const optionalRole = optional(vocabulary<Role>(ROLE_SPELLINGS, 'UNKNOWN_ROLE', ROLE_HINT));

export type TrainingLevel = 'school' | 'provincial' | 'national';
export const LEVEL_SPELLINGS = [
  [/国家|全国|教育部|部级/, 'national'],
  [/省|自治区|直辖市|厅/, 'provincial'],
  [/校|院级|学院|系级/, 'school'],
] as const;
export const trainingLevel = cell(
  vocabulary<TrainingLevel>(LEVEL_SPELLINGS, 'UNKNOWN_LEVEL', '请填写“校级”“省级（自治区级）”或“国家级”'),
);

export type Grade = 'excellent' | 'good' | 'pass' | 'fail';
export const GRADE_SPELLINGS = [
  [/^不合格|^不称职|^不及格/, 'fail'],
  [/^优秀/, 'excellent'],
  [/^良好|^良$|^称职/, 'good'],
  [/^合格|^基本称职|^及格/, 'pass'],
] as const;
export const GRADE_LABELS: Record<Grade, string> = { excellent: '优秀', good: '良好', pass: '合格', fail: '不合格' };
export const optionalGrade = optional(
  vocabulary<Grade>(GRADE_SPELLINGS, 'UNKNOWN_GRADE', '请填写“优秀”“良好”“合格”或“不合格”'),
);

export const semester = cell<SemesterId>((raw, label) =>
  !cleanCell(raw)
    ? fail('NO_SEMESTER', `「${label}」为空，标题行和文件夹名中也没有写明学期，请补填（如“2025-2026学年第一学期”）。`)
    : findSemester(cleanCell(raw)) ??
      fail('BAD_SEMESTER', `「${label}」的值「${cleanCell(raw)}」无法识别为学期，请写成“2025-2026学年第一学期”的形式。`),
);

/** 周次: "3", "第3周", "3周". */
export const optionalWeekNumber = optional((raw, label) => {
  let n = raw.length <= 2 ? plainDigits(raw) : -1; // "3", the common case
  if (n < 0) {
    const m = compactCell(raw).match(/^第?(\d{1,2})周?$/);
    n = m ? Number(m[1]) : NaN;
  }
  return n >= 1 && n <= 30 ? n : fail('NOT_A_COUNT', `「${label}」应为 1–30 的周次（如“3”或“第3周”），实际为「${cleanCell(raw)}」。`);
});
