/**
 * 助理名册: student assistants of counselors and 班主任 (seed 000's 汇总表 and 报名表 fields): who,
 * which class, appointed when, and what the eligibility rules look at (年级, 政治面貌, 不及格课程).
 */
import * as cell from '../cells.ts';
import { parseDate } from '../dates.ts';
import { department, name, outDepartment, outName, outSemester, semester } from './columns.ts';
import { PROVENANCE, type TableSpec } from './types.ts';

/** "2023.09-2024.07", "2023年9月至2024年7月", "2023/9/1—2024/6/30" → [start, end]. */
export function parsePeriod(text: string): [string | null, string | null] {
  const parts = text.split(/\s*(?:至|到|~|～|—|–|－|--|-(?=\d{4}))\s*/).filter(Boolean);
  if (parts.length !== 2) return [null, null];
  return [parseDate(parts[0]!), parseDate(parts[1]!)];
}

export const assistants: TableSpec = {
  kind: 'assistants',
  label: '助理名册',
  file: 'assistants.parquet',
  input: [
    name,
    { key: 'student_id', label: '学号', aliases: ['学号'], required: false, parse: cell.optionalIdentifier },
    department,
    { key: 'major', label: '专业', aliases: ['专业', '所学专业', '系别专业'], required: false, parse: cell.optionalText },
    { key: 'year_level', label: '年级', aliases: ['年级', '所在年级'], required: false, parse: cell.optionalText },
    { key: 'post', label: '聘用岗位（班级）', aliases: ['聘用岗位(班级)', '聘用岗位', '所带班级', '协助班级', '负责班级', '岗位(班级)'], required: true, parse: cell.compactText },
    { key: 'period', label: '聘用起止时间', aliases: ['聘用起止时间', '聘期', '聘用时间', '任职时间', '起止时间'], required: false, parse: cell.optionalText },
    { key: 'political_status', label: '政治面貌', aliases: ['政治面貌'], required: false, parse: cell.optionalText },
    { key: 'previous_roles', label: '曾任职务', aliases: ['曾任职务', '担任职务', '学生干部经历'], required: false, parse: cell.optionalText },
    { key: 'failed_courses', label: '不及格课程数', aliases: ['不及格课程数', '不及格门数', '不及格课程', '挂科门数'], required: false, parse: cell.optionalCount },
    { key: 'grade_recorded', label: '考核结果', aliases: ['考核结果', '考核等次', '等次'], required: false, parse: cell.optionalGrade },
    semester,
  ],
  needsSemester: true,
  derive: (fields) => {
    const [appointed_from, appointed_to] = fields.period ? parsePeriod(String(fields.period)) : [null, null];
    return {
      ok: true,
      record: {
        ...fields,
        student_id: fields.student_id ?? null,
        appointed_from,
        appointed_to,
        class_name: fields.post,
      },
    };
  },
  identity: ['semester', 'department', ['student_id', 'name']],
  output: [
    outSemester,
    outDepartment,
    { name: 'student_id', type: 'VARCHAR', nullable: true, label: '学号' },
    outName,
    { name: 'major', type: 'VARCHAR', nullable: true, label: '专业' },
    { name: 'year_level', type: 'VARCHAR', nullable: true, label: '年级' },
    { name: 'class_name', type: 'VARCHAR', nullable: false, label: '聘用岗位（班级）' },
    { name: 'period', type: 'VARCHAR', nullable: true, label: '聘用起止时间（原文）' },
    { name: 'appointed_from', type: 'DATE', nullable: true, label: '聘用开始日期' },
    { name: 'appointed_to', type: 'DATE', nullable: true, label: '聘用结束日期' },
    { name: 'political_status', type: 'VARCHAR', nullable: true, label: '政治面貌' },
    { name: 'previous_roles', type: 'VARCHAR', nullable: true, label: '曾任职务' },
    { name: 'failed_courses', type: 'INTEGER', nullable: true, label: '不及格课程数' },
    { name: 'grade_recorded', type: 'VARCHAR', nullable: true, label: '考核结果（汇总表填报）' },
    ...PROVENANCE,
  ],
};
