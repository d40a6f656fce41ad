/**
 * Every kind of export the ingest understands. Adding a kind: write its module and list it here.
 */
import { compactCell } from '../text.ts';
import { assessments } from './assessments.ts';
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

/** The rejects table: one row per problem cell of a rejected row. */
export const REJECTS_OUTPUT: readonly OutputColumn[] = [
  { name: 'file', type: 'VARCHAR', nullable: false, label: '文件' },
  { name: 'sheet', type: 'VARCHAR', nullable: true, label: '工作表（CSV 为空）' },
  { name: 'row', type: 'INTEGER', nullable: false, label: '行号' },
  { name: 'column', type: 'VARCHAR', nullable: true, label: '列（表头原文）' },
  { name: 'value', type: 'VARCHAR', nullable: true, label: '原始值' },
  { name: 'code', type: 'VARCHAR', nullable: false, label: '错误代码' },
  { name: 'message', type: 'VARCHAR', nullable: false, label: '原因及修改建议' },
];

/** The warnings table: findings that did not reject a row (cross-checks), for the data-quality page. */
export const WARNINGS_OUTPUT: readonly OutputColumn[] = [
  { name: 'file', type: 'VARCHAR', nullable: false, label: '文件' },
  { name: 'sheet', type: 'VARCHAR', nullable: true, label: '工作表' },
  { name: 'row', type: 'INTEGER', nullable: true, label: '行号' },
  { name: 'table', type: 'VARCHAR', nullable: false, label: '数据表' },
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

/** Header text as compared with aliases: half-width, no spaces, no trailing unit like "(人)" or "（人次）". */
export function normaliseHeader(header: string): string {
  return compactCell(header)
    .replace(/\((人|人次|次|个|名|小时|学时|分|h)\)$/i, '')
    .replace(/[:：*＊]$/, '');
}
