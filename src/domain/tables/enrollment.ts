/** 在校生人数: students per department, possibly split by 年级 or 层次 (the rows are summed). */
import * as cell from '../cells.ts';
import { department, outDepartment, outSemester, semester } from './columns.ts';
import { PROVENANCE, type TableSpec } from './types.ts';

export const enrollment: TableSpec = {
  kind: 'enrollment',
  label: '在校生人数',
  file: 'enrollment.parquet',
  input: [
    department,
    { key: 'students', label: '在校生人数', aliases: ['在校生人数', '学生人数', '学生数', '人数', '在校学生数', '在籍学生数'], required: true, parse: cell.count, additive: true },
    { key: 'grade', label: '年级/层次', aliases: ['年级', '层次', '培养层次', '学历层次', '专业'], required: false, parse: cell.optionalText, joined: true },
    semester,
  ],
  needsSemester: true,
  identity: ['semester', 'department', 'grade'],
  output: [
    outSemester,
    outDepartment,
    { name: 'grade', type: 'VARCHAR', nullable: true, label: '年级/层次（一个系部可有多行，合计时相加）' },
    { name: 'students', type: 'INTEGER', nullable: false, label: '在校生人数' },
    ...PROVENANCE,
  ],
};
