/**
 * 研究生德育工作助理名册 (seed 003): the graduate students who serve as moral-education assistants,
 * with their post type (党建、团工作、学术、就业、实践、文体、信息（宣传）、教育管理) and when they took up
 * the post — seed 003 asks for at least a year in post. Their weekly hours are in the work logs.
 *
 * Its post column is usually headed 岗位类型, which on a counselor roster means 专职/兼职: a
 * counselor roster has 工号 and no 上岗时间, this one 上岗时间 and (usually) 学号, so the two never
 * fit the same header.
 */
import { semesterFirstDay } from '../calendar.ts';
import * as cell from '../cells.ts';
import { VOCABULARY_HINTS, completedMonths, graduatePostOf, parsePastDate, politicalOf } from '../people.ts';
import { cleanCell, compactCell, isBlankCell } from '../text.ts';
import { department, name, outDepartment, outName, outSemester, semester } from './columns.ts';
import { PROVENANCE, type RowWarning, type TableSpec } from './types.ts';

const dateText: cell.Cell<string | null> = (raw) => (isBlankCell(raw) || cell.isFormula(raw) ? null : cleanCell(raw));

export const graduateAssistants: TableSpec = {
  kind: 'graduate_assistants',
  label: '研究生德育助理名册',
  file: 'graduate_assistants.parquet',
  input: [
    name,
    { key: 'student_id', label: '学号', aliases: ['学号'], required: false, parse: cell.optionalIdentifier },
    department,
    { key: 'post', label: '岗位类型', aliases: ['岗位类型', '助理岗位', '岗位类别', '设岗类型', '助理类型', '岗位名称'], required: true, parse: cell.compactText },
    { key: 'since', label: '上岗时间', aliases: ['上岗时间', '上岗日期', '上岗年月', '任职起始时间', '聘任起始时间'], required: true, parse: dateText, value: 'date' },
    { key: 'left', label: '离岗时间', aliases: ['离岗时间', '离岗日期', '卸任时间'], required: false, parse: dateText, value: 'date' },
    { key: 'political', label: '政治面貌', aliases: ['政治面貌'], required: false, parse: cell.optionalText },
    semester,
  ],
  needsSemester: true,
  derive: (fields, { rules }) => {
    if (fields.since == null)
      return { ok: false, column: '上岗时间', code: 'MISSING_VALUE', message: '「上岗时间」不能为空，请补填（如 2025年9月），在岗是否满一年据此计算。' };
    const warnings: RowWarning[] = [];
    const post = String(fields.post);
    const post_type = graduatePostOf(post);
    if (!post_type) warnings.push({ code: 'ATTRIBUTE_UNREADABLE', column: '岗位类型', message: `「岗位类型」的值「${post}」不是研究生德育工作助理的岗位类型，${VOCABULARY_HINTS.graduatePost}。` });
    const date = (key: 'since' | 'left', label: string) => {
      const raw = fields[key] as string | null | undefined;
      if (raw == null) return null;
      const iso = parsePastDate(raw);
      if (!iso) warnings.push({ code: 'ATTRIBUTE_UNREADABLE', column: label, message: `「${label}」的值「${raw}」无法识别为日期，请写成 2025年9月 或 2025-09-01。` });
      return iso;
    };
    const since = date('since', '上岗时间');
    const left = date('left', '离岗时间');
    // In post until they left, or until the semester's first day.
    const until = left ?? semesterFirstDay(String(fields.semester), rules.calendar);
    const political = fields.political == null ? null : politicalOf(String(fields.political));
    if (fields.political != null && !political)
      warnings.push({ code: 'ATTRIBUTE_UNREADABLE', column: '政治面貌', message: `「政治面貌」的值「${fields.political}」无法识别，按未填写统计；${VOCABULARY_HINTS.political}。` });
    return {
      ok: true,
      warnings,
      record: {
        ...fields,
        student_id: fields.student_id ?? null,
        post: compactCell(post),
        post_type,
        in_post_since: since,
        left_on: left,
        months_in_post: since ? Math.max(0, completedMonths(since, until)) : null,
        political_status: political,
      },
    };
  },
  identity: ['semester', 'department', ['student_id', 'name']],
  output: [
    outSemester,
    outDepartment,
    { name: 'student_id', type: 'VARCHAR', nullable: true, label: '学号' },
    outName,
    { name: 'post', type: 'VARCHAR', nullable: false, label: '岗位（原文）' },
    { name: 'post_type', type: 'VARCHAR', nullable: true, label: '岗位类型：party 党建 / league 团工作 / academic 学术 / employment 就业 / practice 实践 / culture_sports 文体 / information 信息（宣传） / education_management 教育管理' },
    { name: 'in_post_since', type: 'DATE', nullable: true, label: '上岗时间' },
    { name: 'left_on', type: 'DATE', nullable: true, label: '离岗时间' },
    { name: 'months_in_post', type: 'INTEGER', nullable: true, label: '在岗月数（整月，至离岗时间，未离岗的至学期第一天）' },
    { name: 'political_status', type: 'VARCHAR', nullable: true, label: '政治面貌（代码同辅导员名册）' },
    ...PROVENANCE,
  ],
};
