/** 辅导员名册: who the counselors are, full- or part-time, and how they were hired. */
import * as cell from '../cells.ts';
import { department, name, outDepartment, outName, outSemester, semester, staffId } from './columns.ts';
import { PROVENANCE, type TableSpec } from './types.ts';

export const counselors: TableSpec = {
  kind: 'counselors',
  label: '辅导员名册',
  file: 'counselors.parquet',
  input: [
    staffId,
    name,
    department,
    { key: 'employment', label: '专兼职', aliases: ['专兼职', '专/兼职', '岗位类型', '类别', '类型', '专职/兼职'], required: true, parse: cell.employment },
    { key: 'students_assigned', label: '所带学生数', aliases: ['所带学生数', '所带学生人数', '带学生数'], required: false, parse: cell.optionalCount },
    { key: 'hiring', label: '聘用方式', aliases: ['聘用方式', '用工方式', '聘用形式', '编制类型'], required: false, parse: cell.optionalText },
    semester,
  ],
  needsSemester: true,
  derive: (fields, { rules }) => ({
    ok: true,
    record: { ...fields, fte: fields.employment === 'full_time' ? 1 : rules.part_time_fte },
  }),
  uniqueKey: ['semester', 'staff_id'],
  output: [
    outSemester,
    outDepartment,
    { name: 'staff_id', type: 'VARCHAR', nullable: false, label: '工号（文本，前导零保留）' },
    outName,
    { name: 'employment', type: 'VARCHAR', nullable: false, label: '专兼职：full_time 专职 / part_time 兼职' },
    { name: 'fte', type: 'DOUBLE', nullable: false, label: '折算专职人数：专职 1，兼职按规则（默认 1/3）' },
    { name: 'students_assigned', type: 'INTEGER', nullable: true, label: '所带学生数' },
    { name: 'hiring', type: 'VARCHAR', nullable: true, label: '聘用方式（如 事业编制、人事代理、劳务派遣）' },
    ...PROVENANCE,
  ],
};
