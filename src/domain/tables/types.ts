/**
 * What describes a kind of export: how to recognise it from its header row, how each column
 * is parsed, what is derived from the parsed fields, and the published columns (the data
 * dictionary). Each kind is one module beside this file; index.ts lists them.
 */
import type { Cell, RejectCode, Role } from '../cells.ts';
import type { ActiveRules } from '../rules.ts';
import type { SemesterId } from '../semester.ts';

export type TableKind = 'enrollment' | 'counselors' | 'worklogs' | 'training' | 'assessments' | 'assistants' | 'classes' | 'graduate_assistants';

export interface InputColumn {
  key: string;
  /** Canonical Chinese label, used in messages. */
  label: string;
  /** Header spellings, compared after full-width→half-width and removing spaces and a trailing unit such as （人）. */
  aliases: readonly string[];
  required: boolean;
  /** Required, but a table without the column may take its value from its title, file name or folder (domain/context.ts). */
  fromContext?: true;
  /** The cell's parser: raw text in, typed value or a reject out. */
  parse: Cell<unknown>;
  /**
   * Several columns of one header may fill it (年级 and 层次 of 在校生人数): their texts are joined,
   * in header order. Any other field read from two columns is a problem for the file (layout.ts).
   */
  joined?: true;
  /** What the cells hold, where the reading depends on it: dates (a bare serial counts from 1904 in a 1904 workbook), scores (95% is read as shown). */
  value?: 'date' | 'score';
  /**
   * A number merged down several rows of a workbook: 'fill' — an attribute of every row under it
   * (a course's 学时, its date, a 周次), given to each; otherwise an additive quantity (在校生人数,
   * a count, a score), kept once in its first row (a warning says so).
   */
  merged?: 'fill';
  /**
   * A quantity its parts add up to (在校生人数 = 男 + 女): split under a group heading into the
   * parts of a known partition (parts.ts), its columns are added up, and it is said so.
   */
  additive?: true;
}

export type SqlType = 'VARCHAR' | 'INTEGER' | 'DOUBLE' | 'DATE';

export interface OutputColumn {
  name: string;
  type: SqlType;
  nullable: boolean;
  /** Chinese label for the data dictionary and downloads. */
  label: string;
  /** A person's name: published as the rules say (full, masked or pseudonym). */
  person?: true;
}

export type OutputRecord = Record<string, string | number | null>;

/** What a kind's derive step may know beyond the row itself. */
export interface DeriveContext {
  rules: ActiveRules;
  /** The semester of the file (title or folder), when the row has none of its own. */
  fileSemester: SemesterId | null;
  /** The role the title, file name or folder names, when the table has no role column. */
  titleRole: Role | null;
}

/** A row-level finding that does not reject the row: it goes to the data-quality output. */
export interface RowWarning {
  code: string;
  column?: string;
  message: string;
}

export type Derived =
  | { ok: true; record: Record<string, unknown>; warnings?: RowWarning[] }
  | { ok: false; column: string; code: RejectCode; message: string };

export interface TableSpec {
  kind: TableKind;
  /** Chinese name of the export, for messages. */
  label: string;
  /** Parquet file name in the output folder. */
  file: string;
  input: readonly InputColumn[];
  /** Groups of input keys of which at least one must be in the header (e.g. a total, item scores or a grade). */
  requireAnyOf?: readonly (readonly string[])[];
  /**
   * Columns not read where a `without` column is (when given) and no `with` column is (when given):
   * a diary's 工作类型 and 次数 beside activity columns (there a 工作内容 is free text), 次数 with
   * no 工作类型. Applied in order; a column dropped so is a column not read, and said.
   */
  readOnly?: ReadonlyArray<{ keys: readonly string[]; with?: readonly string[]; without?: readonly string[] }>;
  /** Whether rows need a semester (from a column, the title or the folder); training is dated instead. */
  needsSemester: boolean;
  /** Whether rows need a role (from a column or the title line). */
  needsRole?: boolean;
  /** Parsed fields → the published record's fields (derived values, lookups); may reject the row. */
  derive?(fields: Record<string, unknown>, ctx: DeriveContext): Derived;
  /** One person once per key (e.g. semester + staff id): a second listing is rejected. */
  uniqueKey?: readonly string[];
  /**
   * What a record is about — two records with these equal are the same record, written twice
   * (a file sent again, files.ts): published columns, a list meaning the first of them not null
   * (a staff ID, else the name).
   */
  identity: ReadonlyArray<string | readonly string[]>;
  output: readonly OutputColumn[];
}

/** Columns every published table ends with, so that a number can be traced to its row. */
export const PROVENANCE: readonly OutputColumn[] = [
  { name: 'source_file', type: 'VARCHAR', nullable: false, label: '来源文件' },
  { name: 'source_sheet', type: 'VARCHAR', nullable: true, label: '来源工作表（CSV 为空）' },
  { name: 'source_row', type: 'INTEGER', nullable: false, label: '来源行号' },
];
