/** 培训记录: who attended which course, at what level, for how many hours (seed 004's training norms). */
import * as cell from '../cells.ts';
import { department, name, outDepartment, outName, staffId } from './columns.ts';
import { PROVENANCE, type TableSpec } from './types.ts';

export const training: TableSpec = {
  kind: 'training',
  label: '培训记录',
  file: 'training.parquet',
  input: [
    { ...staffId, required: false, parse: cell.optionalIdentifier },
    name,
    department,
    { key: 'course', label: '培训名称', aliases: ['培训名称', '培训项目', '项目名称', '培训内容', '培训主题', '课程名称'], required: true, parse: cell.text },
    { key: 'level', label: '级别', aliases: ['级别', '培训级别', '层级', '培训层次', '类别'], required: true, parse: cell.trainingLevel },
    { key: 'hours', label: '学时', aliases: ['学时', '培训学时', '学时数', '时长'], required: true, parse: cell.optionalHours, merged: 'fill' },
    { key: 'date', label: '日期', aliases: ['日期', '培训日期', '培训时间', '开始日期', '开始时间', '时间'], required: true, parse: cell.date, value: 'date', merged: 'fill' },
  ],
  needsSemester: false,
  derive: (fields) => {
    if (fields.hours == null) return { ok: false, column: '学时', code: 'MISSING_VALUE', message: '「学时」不能为空，请填写培训学时数。' };
    return { ok: true, record: { ...fields, staff_id: fields.staff_id ?? null, year: Number(String(fields.date).slice(0, 4)) } };
  },
  identity: ['department', ['staff_id', 'name'], 'course', 'date'],
  output: [
    { name: 'staff_id', type: 'VARCHAR', nullable: true, label: '工号' },
    outName,
    outDepartment,
    { name: 'course', type: 'VARCHAR', nullable: false, label: '培训名称' },
    { name: 'level', type: 'VARCHAR', nullable: false, label: '级别：school 校级 / provincial 省级（自治区级） / national 国家级' },
    { name: 'hours', type: 'DOUBLE', nullable: false, label: '学时' },
    { name: 'date', type: 'DATE', nullable: false, label: '培训日期' },
    { name: 'year', type: 'INTEGER', nullable: false, label: '年度（培训日期所在年）' },
    ...PROVENANCE,
  ],
};
