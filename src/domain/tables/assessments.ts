/**
 * 考核: semester assessments of counselors and assistants — a total, the 14 item scores of the
 * 考核量化表 (seed 000), and/or a recorded grade. The grade published is the filed one — the
 * school's decision; the active rule profile's score bands give a grade only where none was filed,
 * and a score whose band disagrees with the filed grade is a warning, never a re-grade.
 */
import * as cell from '../cells.ts';
import { gradeLabels, gradeOf } from '../scoring.ts';
import { department, name, outDepartment, outName, outRole, outSemester, role, semester } from './columns.ts';
import { type Grade, type Role } from '../cells.ts';
import { PROVENANCE, type InputColumn, type OutputColumn, type RowWarning, type TableSpec } from './types.ts';

const round2 = (n: number) => Math.round(n * 100) / 100;

/** The 考核量化表's 14 items: [key, label, dimension, form maximum]. The maxima add up to 90. */
export const ASSESSMENT_ITEMS: ReadonlyArray<readonly [string, string, '德' | '能' | '勤' | '绩', number]> = [
  ['item_ideology', '思想素质', '德', 5],
  ['item_attitude', '工作态度', '德', 5],
  ['item_style', '工作作风', '德', 5],
  ['item_organising', '组织能力', '能', 10],
  ['item_analysis', '分析能力', '能', 5],
  ['item_innovation', '创新能力', '能', 5],
  ['item_efficiency', '工作效率', '能', 10],
  ['item_on_post', '到岗', '勤', 10],
  ['item_on_site', '到位', '勤', 5],
  ['item_meetings', '到会', '勤', 5],
  ['item_completion', '工作完成情况', '绩', 10],
  ['item_management', '日常管理效果', '绩', 5],
  ['item_activities', '活动开展效果', '绩', 5],
  ['item_incidents', '突发事件处理', '绩', 5],
];
export const ITEM_KEYS = ASSESSMENT_ITEMS.map(([key]) => key);

const itemColumns: InputColumn[] = ASSESSMENT_ITEMS.map(([key, label]) => ({ key, label, aliases: [label], required: false, parse: cell.optionalScore, value: 'score' }));

export const assessments: TableSpec = {
  kind: 'assessments',
  label: '考核结果',
  file: 'assessments.parquet',
  input: [
    { key: 'person_id', label: '工号/学号', aliases: ['工号', '学号', '职工号', '人员编号'], required: false, parse: cell.optionalIdentifier },
    name,
    department,
    role,
    { key: 'total', label: '总分', aliases: ['总分', '考核成绩', '得分', '考核得分', '综合得分', '合计', '考核分数', '总成绩'], required: false, parse: cell.optionalScore, value: 'score' },
    ...itemColumns,
    { key: 'grade_recorded', label: '考核结果', aliases: ['考核结果', '等次', '考核等次', '考核等级', '等级', '考核结论'], required: false, parse: cell.optionalGrade },
    { key: 'late_count', label: '迟到次数', aliases: ['迟到次数', '迟到', '迟到情况', '本学期迟到次数'], required: false, parse: cell.optionalCount },
    semester,
  ],
  requireAnyOf: [['total', 'grade_recorded', ...ITEM_KEYS]],
  needsSemester: true,
  needsRole: true,
  derive(fields, { rules }) {
    const items = ITEM_KEYS.map((k) => fields[k] as number | null | undefined);
    const anyItem = items.some((v) => v != null);
    const itemSum = anyItem ? items.reduce<number>((s, v) => s + (v ?? 0), 0) : null;
    const total = fields.total as number | null | undefined;
    // A total is out of the form's total line (100); a sum of items is out of the items' maxima
    // (90) — and so is a total that merely repeats the sum (a 合计 column beside the items).
    const totalIsItemSum = total != null && itemSum != null && Math.abs(total - itemSum) <= 0.005;
    const [score, score_max] =
      total != null
        ? [total, totalIsItemSum ? rules.assessment.items_max : rules.assessment.total_max]
        : itemSum != null
          ? [itemSum, rules.assessment.items_max]
          : [null, null];
    const recorded = (fields.grade_recorded as string | null | undefined) ?? null;
    if (score == null && recorded == null)
      return { ok: false, column: '总分', code: 'MISSING_VALUE', message: '总分、各项得分和考核结果都为空，请至少填写其一。' };
    // A filed grade is the school's decision: the score bands give a grade only where none was filed.
    const banded = score != null ? gradeOf(score, score_max!, rules.assessment) : null;
    const label = gradeLabels(rules.assessment);
    const grade = recorded ?? banded;
    const itemValues = Object.fromEntries(ITEM_KEYS.map((k) => [k, fields[k] ?? null]));
    // Cross-checks: reported, never silently fixed.
    const warnings: RowWarning[] = [];
    if (score != null && score > score_max!)
      warnings.push({ code: 'SCORE_ABOVE_MAX', column: '总分', message: `得分 ${score} 超过满分 ${score_max}，请核对。` });
    ASSESSMENT_ITEMS.forEach(([key, label, , max], i) => {
      if (items[i] != null && items[i]! > max)
        warnings.push({ code: 'ITEM_ABOVE_MAX', column: label, message: `「${label}」得分 ${items[i]} 超过该项满分 ${max}。` });
    });
    if (total != null && itemSum != null && Math.abs(total - itemSum) > 0.005)
      warnings.push({ code: 'ITEMS_TOTAL_MISMATCH', column: '总分', message: `各项得分之和 ${round2(itemSum)} 与填报总分 ${total} 不一致。` });
    if (banded != null && recorded != null && recorded !== banded)
      warnings.push({
        code: 'GRADE_MISMATCH',
        column: '考核结果',
        message: `填报等次为“${label[recorded as Grade]}”，按得分 ${score}（满分 ${score_max}）和分数段对应“${label[banded as Grade]}”；统计以填报等次为准，请核对。`,
      });
    const late = (fields.late_count as number | null | undefined) ?? null;
    const lateness = rules.people.lateness;
    // Seed 002: late more than the limit in a semester → 不合格. Any better grade is reported, not changed.
    if (late != null && late > lateness.max && lateness.roles.includes(fields.role as Role) && (grade !== 'fail' || (recorded != null && recorded !== 'fail')))
      warnings.push({
        code: 'LATENESS_NOT_FAILED',
        column: '迟到次数',
        message: `本学期迟到 ${late} 次，超过 ${lateness.max} 次，按规定应评为“不合格”，现评定为“${label[grade as Grade]}”${recorded != null && recorded !== grade ? `（填报为“${label[recorded as Grade]}”）` : ''}，请核实。`,
      });
    return {
      ok: true,
      warnings,
      record: { ...fields, ...itemValues, person_id: fields.person_id ?? null, role: fields.role, score, score_max, item_sum: itemSum, grade, grade_recorded: recorded, grade_by_score: banded, late_count: late },
    };
  },
  identity: ['semester', 'department', 'role', ['person_id', 'name']],
  output: [
    outSemester,
    outDepartment,
    { name: 'person_id', type: 'VARCHAR', nullable: true, label: '工号或学号' },
    outName,
    outRole,
    { name: 'score', type: 'DOUBLE', nullable: true, label: '得分（总分；无总分时为各项得分之和）' },
    { name: 'score_max', type: 'DOUBLE', nullable: true, label: '满分（总分按 100，各项之和按 90，见规则配置）' },
    { name: 'grade', type: 'VARCHAR', nullable: false, label: '等次（填报的等次；未填报时按规则由得分评定）：excellent 优秀 / good 良好 / pass 合格 / fail 不合格' },
    { name: 'grade_recorded', type: 'VARCHAR', nullable: true, label: '填报的等次' },
    { name: 'grade_by_score', type: 'VARCHAR', nullable: true, label: '按得分和分数段对应的等次（有得分时；与填报等次不一致时仅作提示）' },
    { name: 'item_sum', type: 'DOUBLE', nullable: true, label: '各项得分之和' },
    ...ASSESSMENT_ITEMS.map(([key, label, dim, max]): OutputColumn => ({ name: key, type: 'DOUBLE', nullable: true, label: `${dim}·${label}（满分 ${max}）` })),
    { name: 'late_count', type: 'INTEGER', nullable: true, label: '本学期迟到次数（填报时）' },
    ...PROVENANCE,
  ],
};
