/**
 * The kinds of export the ingest understands: how to recognise each from its header row,
 * how each column is parsed, and the published columns (the data dictionary).
 * Adding a kind of export means adding one entry to TABLES.
 */
import * as cell from './cells.ts';
import type { CellSchema } from './cells.ts';
import { compactCell } from './text.ts';

export type TableKind = 'enrollment' | 'counselors';

export interface InputColumn {
  key: string;
  /** Canonical Chinese label, used in messages. */
  label: string;
  /** Header spellings, compared after full-width→half-width and removing spaces and a trailing unit such as （人）. */
  aliases: readonly string[];
  required: boolean;
  /** The cell's schema: raw text in, typed value or a reject out. */
  schema: CellSchema<unknown>;
}

export type SqlType = 'VARCHAR' | 'INTEGER' | 'DOUBLE';

export interface OutputColumn {
  name: string;
  type: SqlType;
  nullable: boolean;
  /** Chinese label for the data dictionary and downloads. */
  label: string;
}

export interface TableSpec {
  kind: TableKind;
  /** Chinese name of the export, for messages. */
  label: string;
  /** Parquet file name in the output folder. */
  file: string;
  input: readonly InputColumn[];
  output: readonly OutputColumn[];
  /** Order of rows in the published file; with a stable input order it makes outputs byte-identical. */
  orderBy: readonly string[];
}

const DEPARTMENT_ALIASES = ['系部', '院系', '学院', '部门', '所在单位', '单位', '系别', '所在系部', '所在院系', '二级学院'];
const SEMESTER_ALIASES = ['学期', '学年学期', '所属学期'];

const department: InputColumn = { key: 'department', label: '系部', aliases: DEPARTMENT_ALIASES, required: true, schema: cell.compactText };
const semester: InputColumn = { key: 'semester', label: '学期', aliases: SEMESTER_ALIASES, required: false, schema: cell.semester };

/** Columns every published table ends with, so that a number can be traced to its row. */
const PROVENANCE: OutputColumn[] = [
  { name: 'source_file', type: 'VARCHAR', nullable: false, label: '来源文件' },
  { name: 'source_row', type: 'INTEGER', nullable: false, label: '来源行号' },
];

export const TABLES: Record<TableKind, TableSpec> = {
  enrollment: {
    kind: 'enrollment',
    label: '在校生人数',
    file: 'enrollment.parquet',
    input: [
      department,
      { key: 'students', label: '在校生人数', aliases: ['在校生人数', '学生人数', '学生数', '人数', '在校学生数', '在籍学生数'], required: true, schema: cell.count },
      { key: 'grade', label: '年级/层次', aliases: ['年级', '层次', '培养层次', '学历层次', '专业'], required: false, schema: cell.optionalText },
      semester,
    ],
    output: [
      { name: 'semester', type: 'VARCHAR', nullable: false, label: '学期' },
      { name: 'department', type: 'VARCHAR', nullable: false, label: '系部' },
      { name: 'grade', type: 'VARCHAR', nullable: true, label: '年级/层次' },
      { name: 'students', type: 'INTEGER', nullable: false, label: '在校生人数' },
      ...PROVENANCE,
    ],
    orderBy: ['semester', 'department', 'source_file', 'source_row'],
  },
  counselors: {
    kind: 'counselors',
    label: '辅导员名册',
    file: 'counselors.parquet',
    input: [
      { key: 'staff_id', label: '工号', aliases: ['工号', '职工号', '教工号', '人员编号'], required: true, schema: cell.compactText },
      { key: 'name', label: '姓名', aliases: ['姓名', '辅导员姓名'], required: true, schema: cell.compactText },
      department,
      { key: 'employment', label: '专兼职', aliases: ['专兼职', '专/兼职', '岗位类型', '类别', '类型', '专职/兼职'], required: true, schema: cell.employment },
      { key: 'students_assigned', label: '所带学生数', aliases: ['所带学生数', '所带学生人数', '带学生数'], required: false, schema: cell.optionalCount },
      { key: 'hiring', label: '聘用方式', aliases: ['聘用方式', '用工方式', '聘用形式', '编制类型'], required: false, schema: cell.optionalText },
      semester,
    ],
    output: [
      { name: 'semester', type: 'VARCHAR', nullable: false, label: '学期' },
      { name: 'department', type: 'VARCHAR', nullable: false, label: '系部' },
      { name: 'staff_id', type: 'VARCHAR', nullable: false, label: '工号' },
      { name: 'name', type: 'VARCHAR', nullable: false, label: '姓名' },
      { name: 'employment', type: 'VARCHAR', nullable: false, label: '专兼职（full_time 专职 / part_time 兼职）' },
      { name: 'fte', type: 'DOUBLE', nullable: false, label: '折算专职人数（专职 1，兼职按规则折算，默认 1/3）' },
      { name: 'students_assigned', type: 'INTEGER', nullable: true, label: '所带学生数' },
      { name: 'hiring', type: 'VARCHAR', nullable: true, label: '聘用方式' },
      ...PROVENANCE,
    ],
    orderBy: ['semester', 'department', 'staff_id', 'source_file', 'source_row'],
  },
};

/** The rejects table: one row per problem cell of a rejected row. */
export const REJECTS_OUTPUT: readonly OutputColumn[] = [
  { name: 'file', type: 'VARCHAR', nullable: false, label: '文件' },
  { name: 'sheet', type: 'VARCHAR', nullable: true, label: '工作表' },
  { name: 'row', type: 'INTEGER', nullable: false, label: '行号' },
  { name: 'column', type: 'VARCHAR', nullable: true, label: '列' },
  { name: 'value', type: 'VARCHAR', nullable: true, label: '原始值' },
  { name: 'code', type: 'VARCHAR', nullable: false, label: '错误代码' },
  { name: 'message', type: 'VARCHAR', nullable: false, label: '原因及修改建议' },
];

/**
 * Columns with personal contact data. They are never read into any output, whatever the
 * table; the manifest lists them as dropped so a reviewer can see they were there.
 */
const PERSONAL_COLUMN = /电话|手机|联系方式|QQ|微信|邮箱|e-?mail|电子邮件|身份证|证件号|住址|家庭地址/i;

export function isPersonalColumn(header: string): boolean {
  return PERSONAL_COLUMN.test(compactCell(header));
}

/** Header text as compared with aliases: half-width, no spaces, no trailing unit like "(人)" or "（人次）". */
export function normaliseHeader(header: string): string {
  return compactCell(header).replace(/\((人|人次|次|个|名|小时|学时)\)$/, '').replace(/[:：*＊]$/, '');
}
