/**
 * Every kind of export the ingest understands. Adding a kind: write its module and list it here.
 */
import type { Role } from '../cells.ts';
import { compactCell } from '../text.ts';
import { assessments, ITEM_KEYS } from './assessments.ts';
import { assistants } from './assistants.ts';
import { classes } from './classes.ts';
import { counselors } from './counselors.ts';
import { enrollment } from './enrollment.ts';
import { graduateAssistants } from './graduate-assistants.ts';
import { training } from './training.ts';
import type { OutputColumn, TableKind, TableSpec } from './types.ts';
import { worklogs } from './worklogs.ts';

export * from './types.ts';

export const TABLES: Record<TableKind, TableSpec> = {
  enrollment,
  counselors,
  worklogs,
  training,
  assessments,
  assistants,
  classes,
  graduate_assistants: graduateAssistants,
};

export const TABLE_KINDS = Object.keys(TABLES) as TableKind[];

/**
 * Kinds one table is at once. Seed 000's 考核情况汇总表 (姓名, 专业, 年级, 聘用岗位(班级), 聘用起止时间,
 * 考核结果) is the assistants' assessment result — what the ≤ 20 % 优秀 quota applies to — and
 * lists the classes they were appointed to: a header fitting both is read as both. A row counts
 * once; it goes to each table whose part of it it fills (a grade or score: an assessment; a
 * class: a roster entry). The role of such a table, unless a column or its title says, is the
 * assistants'.
 */
export const COMBINED: ReadonlyArray<{ kind: TableKind; also: TableKind; role: Role; kindKeys: readonly string[]; alsoKeys: readonly string[] }> = [
  { kind: 'assessments', also: 'assistants', role: 'assistant', kindKeys: ['total', 'grade_recorded', ...ITEM_KEYS], alsoKeys: ['post'] },
];

/** The rejects table: one row per problem cell of a rejected row, and one per file or sheet set aside (quarantine). */
export const REJECTS_OUTPUT: readonly OutputColumn[] = [
  { name: 'file', type: 'VARCHAR', nullable: false, label: '文件' },
  { name: 'sheet', type: 'VARCHAR', nullable: true, label: '工作表（CSV 为空）' },
  { name: 'row', type: 'INTEGER', nullable: true, label: '行号（整个文件或工作表未能导入时为空）' },
  { name: 'column', type: 'VARCHAR', nullable: true, label: '列（表头原文）' },
  { name: 'value', type: 'VARCHAR', nullable: true, label: '原始值' },
  { name: 'code', type: 'VARCHAR', nullable: false, label: '错误代码' },
  { name: 'message', type: 'VARCHAR', nullable: false, label: '原因及修改建议' },
];

/** The coverage table: what every figure rests on, per semester × department × export (src/collection/coverage.ts). */
export const COVERAGE_OUTPUT: readonly OutputColumn[] = [
  { name: 'semester', type: 'VARCHAR', nullable: false, label: '学期' },
  { name: 'department', type: 'VARCHAR', nullable: false, label: '系部' },
  { name: 'kind', type: 'VARCHAR', nullable: false, label: '报表（数据表名）' },
  { name: 'role', type: 'VARCHAR', nullable: true, label: '角色（缺列时）' },
  { name: 'field', type: 'VARCHAR', nullable: true, label: '字段（缺列时）' },
  { name: 'status', type: 'VARCHAR', nullable: false, label: '报送状态代码' },
  { name: 'note', type: 'VARCHAR', nullable: false, label: '说明' },
  { name: 'accepted', type: 'INTEGER', nullable: false, label: '采用行数' },
  { name: 'rejected', type: 'INTEGER', nullable: false, label: '未采用行数' },
  { name: 'set_aside', type: 'INTEGER', nullable: false, label: '未能导入的文件数' },
];

/** The warnings table: findings that did not reject a row (cross-checks, how a sheet was read), for the data-quality page. */
export const WARNINGS_OUTPUT: readonly OutputColumn[] = [
  { name: 'file', type: 'VARCHAR', nullable: false, label: '文件' },
  { name: 'sheet', type: 'VARCHAR', nullable: true, label: '工作表' },
  { name: 'row', type: 'INTEGER', nullable: true, label: '行号' },
  { name: 'table', type: 'VARCHAR', nullable: true, label: '数据表（整个工作表或文件的提示为空）' },
  { name: 'column', type: 'VARCHAR', nullable: true, label: '列' },
  { name: 'code', type: 'VARCHAR', nullable: false, label: '检查项代码' },
  { name: 'message', type: 'VARCHAR', nullable: false, label: '说明' },
];

/**
 * Columns with personal contact data. They are never read into any output, whatever the
 * table; the manifest lists them as dropped so a reviewer can see they were there.
 */
const PERSONAL_COLUMN = /电话|手机|联系方式|QQ|微信|邮箱|e-?mail|电子邮件|身份证|证件号|住址|家庭地址|通讯地址|银行卡/i;

export function isPersonalColumn(header: string): boolean {
  return PERSONAL_COLUMN.test(compactCell(header));
}

/** Header text as compared with aliases: half-width, no spaces, no required-column mark ("*姓名", as templates write it), no trailing unit like "(人)" or "（人次）". */
export function normaliseHeader(header: string): string {
  return compactCell(header)
    .replace(/^[*＊]+/, '')
    .replace(/\((人|人次|次|个|名|小时|学时|分|h)\)$/i, '')
    .replace(/[:：*＊]$/, '');
}
