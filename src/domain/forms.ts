/**
 * Per-person forms: seed 000's 考核量化表 and 考核登记表 are filled in one sheet (or one file) per
 * assistant, laid out vertically — not a header row over rows of records. Each layout here says
 * how to recognise itself from a sheet's top rows and where its values stand; the values are
 * then parsed and checked exactly as a row of the wide 考核结果 table would be (same columns,
 * same bands, same warnings), so a form is one record of `assessments`.
 *
 *  考核量化表: a 考核对象：… 考核部门：… 时间：… line; a header 项目 | 考核内容 | 分值 | 考核成绩; the 14
 *              items by name (项目 merged over each dimension's items), each with its score under
 *              考核成绩; a 合计 row; an 等次 row (then 指导老师签名).
 *  考核登记表: 填表时间：…; 姓名 | … | 性别 | …; 受聘班级及人数; 自我总评 …; 考核成绩 | (优秀/良好/合格/不合格, or a
 *              score) | 聘用系部负责人签字：….
 */
import { ASSESSMENT_ITEMS } from './tables/assessments.ts';
import { cleanCell, compactCell, isBlankCell } from './text.ts';

export type FormId = 'quantified_form' | 'register_form';

/** One value found on a form: which assessments column it is, its cell text, and the row it stands on (from 0). */
export interface FormValue {
  key: string;
  raw: string;
  row: number;
}

export interface FormReading {
  /** The row naming the person (or, without one, the form's first row): the form's row in rejects and provenance. */
  anchor: number;
  /** The form's first row: rows above it are its title. */
  first: number;
  values: FormValue[];
  /** What the form itself says of the department (考核部门) and the date (时间, 填表时间), as written. */
  department: string | null;
  date: string | null;
  /** Nothing filled in at all: a blank template. */
  blank: boolean;
}

export interface FormLayout {
  id: FormId;
  /** The form's name, for messages and the manifest. */
  label: string;
  /** Whether a sheet's top rows are this form. */
  detect(top: readonly (readonly string[])[]): boolean;
  read(rows: readonly (readonly string[])[]): FormReading;
}

const compactRow = (row: readonly string[] | undefined) => (row ?? []).map((c) => compactCell(c));
const rowText = (row: readonly string[] | undefined) => (row ?? []).map((c) => cleanCell(c)).filter(Boolean).join(' ');

/** The value after `label：` in a line of text, up to the next of `labels` (or the end). */
function labelled(text: string, label: string, labels: readonly string[]): string | null {
  const at = text.search(new RegExp(`${label.split('').join('\\s*')}\\s*[:：]?`));
  if (at < 0) return null;
  const rest = text.slice(at).replace(new RegExp(`^${label.split('').join('\\s*')}\\s*[:：]?\\s*`), '');
  let end = rest.length;
  for (const next of labels) {
    const i = rest.search(new RegExp(next.split('').join('\\s*')));
    if (i >= 0 && i < end) end = i;
  }
  return rest.slice(0, end).trim();
}

/** The first cell after column `from` that holds something and is not a label (a word ending a line's caption). */
function valueAfter(row: readonly string[], from: number, isLabel: (compact: string) => boolean): string {
  for (let c = from + 1; c < row.length; c++) {
    const text = compactCell(row[c]);
    if (!text) continue;
    if (isLabel(text)) return '';
    return cleanCell(row[c]);
  }
  return '';
}

/** "时间：  年  月  日" — a template's empty date — is no date. */
const realDate = (text: string | null) => (text && /\d/.test(text) ? text : null);

// ───────────────────────────── 考核量化表 ─────────────────────────────

const ITEM_KEYS_BY_LABEL = new Map(ASSESSMENT_ITEMS.map(([key, label]) => [label, key]));
const SCORE_HEADERS = new Set(['考核成绩', '得分', '考核得分', '评分', '实得分']);
const MAX_HEADERS = new Set(['分值', '满分', '标准分']);
const PERSON_LINE = ['考核对象', '考核部门', '时间'];

/** The header row (分值 and 考核成绩) within the rows given, and its score column. */
function scoreHeader(rows: readonly (readonly string[])[]): { row: number; score: number } | null {
  for (let r = 0; r < rows.length; r++) {
    const cells = compactRow(rows[r]);
    const score = cells.findIndex((c) => SCORE_HEADERS.has(c));
    if (score >= 0 && cells.some((c) => MAX_HEADERS.has(c))) return { row: r, score };
  }
  return null;
}

const personLine = (rows: readonly (readonly string[])[]) => rows.findIndex((row) => compactRow(row).some((c) => c.startsWith('考核对象')));

const quantified: FormLayout = {
  id: 'quantified_form',
  label: '考核量化表',
  detect: (top) => personLine(top) >= 0 || (scoreHeader(top) !== null && top.some((row) => compactRow(row).some((c) => ITEM_KEYS_BY_LABEL.has(c)))),
  read(rows) {
    const person = personLine(rows);
    const header = scoreHeader(rows);
    const line = person >= 0 ? rowText(rows[person]) : '';
    const values: FormValue[] = [];
    const anchor = person >= 0 ? person : (header?.row ?? 0);
    const name = person >= 0 ? labelled(line, '考核对象', PERSON_LINE) : null;
    if (name !== null) values.push({ key: 'name', raw: name, row: anchor });
    if (header) {
      for (let r = header.row + 1; r < rows.length; r++) {
        const row = rows[r]!;
        const cells = compactRow(row);
        const scoreCell = (label: string) => (cells[header.score] === label ? '' : (row[header.score] ?? ''));
        const item = cells.slice(0, header.score).find((c) => ITEM_KEYS_BY_LABEL.has(c));
        const first = cells.find((c) => c !== '') ?? '';
        if (item) values.push({ key: ITEM_KEYS_BY_LABEL.get(item)!, raw: scoreCell(item), row: r });
        else if (first.startsWith('合计')) values.push({ key: 'total', raw: scoreCell(first), row: r });
        else if (first === '等次') {
          const at = cells.lastIndexOf('等次');
          values.push({ key: 'grade_recorded', raw: valueAfter(row, at, (c) => c === '等次' || /签|意见/.test(c)), row: r });
        }
      }
    }
    const department = person >= 0 ? labelled(line, '考核部门', PERSON_LINE) : null;
    return {
      anchor,
      first: Math.min(...[person, header?.row ?? -1].filter((i) => i >= 0), rows.length),
      values,
      department: department || null,
      date: realDate(person >= 0 ? labelled(line, '时间', PERSON_LINE) : null),
      blank: values.every((v) => isBlankCell(v.raw)),
    };
  },
};

// ───────────────────────────── 考核登记表 ─────────────────────────────

/** The captions of the 登记表's cells (a value is any other text). */
const REGISTER_LABELS = /^(姓名|性别|政治面貌|联系方式|联系电话|受聘班级及人数|受聘班级|自我总评|工作内容|工作效果|存在问题|考核成绩|填表时间)[:：]?$|签字|签名|负责人/;
const isRegisterLabel = (c: string) => REGISTER_LABELS.test(c);
const cellRow = (rows: readonly (readonly string[])[], label: string) => {
  for (let r = 0; r < rows.length; r++) {
    const c = compactRow(rows[r]).findIndex((t) => t === label || t === `${label}:`);
    if (c >= 0) return { r, c };
  }
  return null;
};

const register: FormLayout = {
  id: 'register_form',
  label: '考核登记表',
  detect: (top) =>
    top.some((row) => compactRow(row).some((c) => c.startsWith('受聘班级') || c === '自我总评')) ||
    (top.some((row) => compactRow(row).some((c) => c.includes('考核登记表'))) && cellRow(top, '姓名') !== null),
  read(rows) {
    const values: FormValue[] = [];
    const name = cellRow(rows, '姓名');
    if (name) values.push({ key: 'name', raw: valueAfter(rows[name.r]!, name.c, isRegisterLabel), row: name.r });
    const result = cellRow(rows, '考核成绩');
    if (result) {
      const raw = valueAfter(rows[result.r]!, result.c, isRegisterLabel);
      // 考核成绩记优秀、良好、合格、不合格 (the form's note); a number written there is a score.
      values.push({ key: /^\d+(\.\d+)?$/.test(compactCell(raw)) ? 'total' : 'grade_recorded', raw, row: result.r });
    }
    const filled = rows.findIndex((row) => compactRow(row).some((c) => c.startsWith('填表时间')));
    const anchor = name?.r ?? result?.r ?? 0;
    return {
      anchor,
      first: Math.min(...[filled, anchor].filter((i) => i >= 0)),
      values,
      department: null,
      date: realDate(filled >= 0 ? labelled(rowText(rows[filled]), '填表时间', []) : null),
      blank: values.every((v) => isBlankCell(v.raw)),
    };
  },
};

/** The per-person forms the ingest recognises, tried in this order before a sheet is read as a table. */
export const FORMS: readonly FormLayout[] = [quantified, register];

export function findForm(top: readonly (readonly string[])[]): FormLayout | null {
  return FORMS.find((form) => form.detect(top)) ?? null;
}
