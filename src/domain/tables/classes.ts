/** 班级: the classes of a department with their counselor and 班主任 — for assistant coverage. */
import * as cell from '../cells.ts';
import { department, outDepartment, outSemester, semester } from './columns.ts';
import { PROVENANCE, type TableSpec } from './types.ts';

export const classes: TableSpec = {
  kind: 'classes',
  label: '班级名单',
  file: 'classes.parquet',
  input: [
    { key: 'class_name', label: '班级', aliases: ['班级', '班级名称', '行政班'], required: true, parse: cell.compactText },
    department,
    { key: 'students', label: '人数', aliases: ['人数', '班级人数', '学生人数', '学生数'], required: false, parse: cell.optionalCount, additive: true },
    { key: 'counselor', label: '辅导员', aliases: ['辅导员', '辅导员姓名'], required: false, parse: cell.optionalCompactText },
    { key: 'class_teacher', label: '班主任', aliases: ['班主任', '班主任姓名'], required: false, parse: cell.optionalCompactText },
    semester,
  ],
  requireAnyOf: [['counselor', 'class_teacher']],
  needsSemester: true,
  identity: ['semester', 'department', 'class_name'],
  output: [
    outSemester,
    outDepartment,
    { name: 'class_name', type: 'VARCHAR', nullable: false, label: '班级' },
    { name: 'students', type: 'INTEGER', nullable: true, label: '人数' },
    { name: 'counselor', type: 'VARCHAR', nullable: true, label: '辅导员（按配置发布姓名）', person: true },
    { name: 'class_teacher', type: 'VARCHAR', nullable: true, label: '班主任（按配置发布姓名）', person: true },
    ...PROVENANCE,
  ],
};
