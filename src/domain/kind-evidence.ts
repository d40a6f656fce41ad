/**
 * What besides its columns says which kind of export a sheet is: the words of its title lines,
 * its sheet name and its file name, and a clerk's own mapping in rules.json. A kind the title
 * or name contradicts is never read; a heading every kind may carry (合计, 姓名…) never decides.
 */
import type { TableKind } from './tables/types.ts';
import { compactCell } from './text.ts';

const ROSTERS: TableKind[] = ['counselors', 'assistants', 'graduate_assistants'];

/** Words of a title or name, and the kinds they name (a table of rules, not a ladder of ifs). */
const KIND_WORDS: ReadonlyArray<readonly [RegExp, readonly TableKind[]]> = [
  [/工作量|工作记录|工作日志|工作日记|周记录|工作台账|工作纪实|工作月报|工作周报/, ['worklogs']],
  [/考核|测评|考评/, ['assessments']],
  [/培训/, ['training']],
  [/名册|基本情况|信息表|人员信息|队伍情况/, ROSTERS],
  [/班级名单|班级信息|班级一览/, ['classes']],
  [/在校生|学生人数|学生数统计/, ['enrollment']],
];

/**
 * Headings any kind may carry: they fill a field once the kind is known, but never decide the
 * kind (a 辅导员工作量统计表's 合计 is not an assessment's total).
 */
export const GENERIC_HEADINGS: ReadonlySet<string> = new Set(['合计', '小计', '总计', '共计', '备注', '序号', '姓名']);

/** The kinds a text names (empty: it names none). */
export function kindsNamedIn(text: string): Set<TableKind> {
  const compact = compactCell(text);
  const kinds = new Set<TableKind>();
  for (const [words, named] of KIND_WORDS) if (words.test(compact)) for (const k of named) kinds.add(k);
  return kinds;
}

/** A clerk's entry in rules.json (file_kinds), resolved for one file. */
export interface KindMapping {
  /** The file-name pattern as written, for the manifest. */
  pattern: string;
  kind: TableKind;
  /** Heading as written in the file → the field's key. */
  headings: Record<string, string>;
}

/** Besides the header: the sheet's name, its file's name, and a mapping from rules.json. */
export interface KindEvidence {
  /** Most specific first: the sheet name (workbooks), then the file name. */
  names: readonly string[];
  mapping?: KindMapping;
}

/** Where the kinds named come from, for messages. */
export type NamedBy = 'title' | 'name';

/**
 * The kinds the most specific source names: the title lines above the header, else the sheet
 * name, else the file name. A workbook named 工作材料 holds a sheet 培训记录: the sheet decides.
 */
export function kindsNamed(titleLines: readonly (readonly string[])[], evidence: KindEvidence | undefined): { kinds: Set<TableKind>; by: NamedBy } | null {
  const title = kindsNamedIn(titleLines.map((cells) => cells.join(' ')).join(' '));
  if (title.size > 0) return { kinds: title, by: 'title' };
  for (const name of evidence?.names ?? []) {
    const kinds = kindsNamedIn(name);
    if (kinds.size > 0) return { kinds, by: 'name' };
  }
  return null;
}

/** A file-name pattern of rules.json: `*` and `?` as wildcards over the whole name, else a part of it. */
export function patternMatches(pattern: string, fileName: string): boolean {
  if (!/[*?]/.test(pattern)) return fileName.includes(pattern);
  const source = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${source}$`).test(fileName);
}
