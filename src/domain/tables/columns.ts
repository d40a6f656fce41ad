/** Input columns that several kinds of export share, with the header spellings departments use. */
import * as cell from '../cells.ts';
import type { InputColumn, OutputColumn } from './types.ts';

export const department: InputColumn = {
  key: 'department',
  label: '系部',
  aliases: ['系部', '院系', '学院', '部门', '所在单位', '单位', '系别', '所在系部', '所在院系', '二级学院', '所在系', '系'],
  required: true,
  fromContext: true,
  parse: cell.department,
};

export const semester: InputColumn = { key: 'semester', label: '学期', aliases: ['学期', '学年学期', '所属学期'], required: false, parse: cell.semester };

export const staffId: InputColumn = { key: 'staff_id', label: '工号', aliases: ['工号', '职工号', '教工号', '人员编号'], required: true, parse: cell.identifier };

export const name: InputColumn = { key: 'name', label: '姓名', aliases: ['姓名', '辅导员姓名', '班主任姓名', '助理姓名'], required: true, parse: cell.compactText };

export const role: InputColumn = { key: 'role', label: '角色', aliases: ['角色', '身份', '岗位', '人员类别', '人员类型', '职务类别'], required: false, parse: cell.optionalRole };

export const outSemester: OutputColumn = { name: 'semester', type: 'VARCHAR', nullable: false, label: '学期（如 2025-2026-1）' };
export const outDepartment: OutputColumn = { name: 'department', type: 'VARCHAR', nullable: false, label: '系部' };
export const outName: OutputColumn = { name: 'name', type: 'VARCHAR', nullable: false, label: '姓名（按配置发布：全名、脱敏或代号）', person: true };
export const outRole: OutputColumn = {
  name: 'role',
  type: 'VARCHAR',
  nullable: false,
  label: '角色：counselor 辅导员 / class_teacher 班主任 / assistant 辅导员（班主任）助理 / graduate_assistant 研究生德育助理',
};
