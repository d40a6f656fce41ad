/** 考核: grades per department and role, score distributions, the 德/能/勤/绩 breakdown, and score-vs-grade mismatches. */
import { gradeBars } from '../../charts/grade-bars.ts';
import { scoreBoxes } from '../../charts/score-box.ts';
import { ROLE_LABELS, type Role } from '../../domain/cells.ts';
import { gradeLabels, gradesShown, type ScoringRules } from '../../domain/scoring.ts';
import {
  DIMENSIONS,
  dimensionKey,
  dimensionsSql,
  gradeCountsSql,
  mismatchesSql,
  scoresSql,
  type DimensionRow,
  type GradeCountRow,
  type MismatchRow,
  type ScoreRow,
} from '../../metrics/assessment.ts';
import { filterSql } from '../../metrics/filters.ts';
import { formatPercent, type Column } from '../../views/table.ts';
import { gradeColumn, institutionFirst, ratio, ruleHtml, ruleSource, scopeLabel, semesterTitle } from '../common.ts';
import type { DashboardContext } from '../context.ts';
import { countsPanel } from '../counts.ts';
import { acrossRoles, perRole } from '../groups.ts';
import { rolePopulations } from '../../domain/disclosure.ts';
import type { Panel, PageSpec } from '../types.ts';
import { consecutiveFailPanel, topCounselorsPanel } from './people-rules.ts';

const roleLabel = (r: string) => ROLE_LABELS[r as Role] ?? r;

export const gradingRule = (ctx: DashboardContext) => {
  const a = ctx.rules.assessment;
  const unit = a.basis === 'percent' ? '%' : '分';
  const label = gradeLabels(a);
  const bands = a.bands.map((b, i) => (i === a.bands.length - 1 ? `不足 ${a.bands[i - 1]?.min ?? b.min}${unit}为${label[b.grade]}` : `${b.min}${unit}及以上为${label[b.grade]}`)).join('，');
  return ruleHtml([
    [`等次：${bands}${a.basis === 'percent' ? '（按得分占满分的百分比）' : '（按原始得分）'}；恰在分界处的归入较高等次。`, ruleSource(ctx, 'assessment.bands')],
    [`满分：填报总分按 ${a.total_max} 分，14 项得分之和按 ${a.items_max} 分（考核量化表各项合计为 ${a.items_max} 分，合计栏却写 100 分，取此口径）。`, ruleSource(ctx, 'assessment.basis')],
    ['填报的等次是学校的评定结果，统计（等次分布、优秀名额）一律以填报等次为准；未填报等次时才按上述分数段由得分评定。得分所在分数段与填报等次不一致的记录单独列出，仅作提示，不改变等次。', undefined],
  ]);
};

/**
 * The counts per grade and the 优秀 share: the same columns wherever grade counts are tabled (考核, 助理, the
 * report), one per grade of the school's scheme under its own name (and any other grade that was filed).
 */
export const gradeCountColumns = <R extends GradeCountRow>(rules: Pick<ScoringRules, 'bands'>, rows: readonly R[]): Column<R>[] => [
  { key: 'assessed', label: '参评人数', format: 'int' },
  ...gradesShown(rules, rows).map(({ grade, label }): Column<R> => ({ key: grade, label, format: 'int' })),
  { key: 'excellent_share', label: `${gradeLabels(rules).excellent}率`, format: 'percent', value: (r) => ratio(r.excellent, r.assessed) },
];

/** Grade counts are over those assessed; the mean score over those of them with a score. */
export const gradeRows = [perRole('assessed'), perRole('scored', { columns: ['mean_percent'] })];

const grades: Panel = {
  id: 'grades',
  title: (s) => `考核等次分布 · ${semesterTitle(s)}`,
  // 全院 rows only for the whole institution: with a department selected they would be that department's numbers under 全院.
  queries: (s) => ({ rows: gradeCountsSql(s, 'department'), ...(s.department ? {} : { total: gradeCountsSql(s, 'institution') }) }),
  render: (data, s, ctx) => {
    const rows = institutionFirst<GradeCountRow>(data);
    const multiRole = new Set(rows.map((r) => r.role)).size > 1;
    const unit = (r: GradeCountRow) => (multiRole ? `${r.department}·${roleLabel(r.role)}` : r.department);
    const scheme = gradesShown(ctx.rules.assessment, rows);
    const names = scheme.map((g) => g.label);
    return {
      chart: rows.length
        ? (document, width) =>
            gradeBars(
              (data.rows as unknown as GradeCountRow[]).flatMap((r) => scheme.map((g) => ({ unit: unit(r), grade: g.grade, count: r[g.grade] }))),
              { document, width, scheme, ariaLabel: '各系部考核等次人数' },
            )
        : undefined,
      chartAlt: `每个条形为一个系部（及角色）参加考核的人数，按${names.join('、')}分色；条形右侧为各等次人数（${names.map((n) => n.slice(0, 1)).join('、')}分别为${names.join('、')}）。数值见下表。`,
      table: {
        title: '考核等次分布',
        rows,
        rowKey: (r) => `${r.department}|${r.role}`,
        empty: '无数据：所选学期和范围内没有考核数据。',
        columns: [
          { key: 'department', label: '系部', rowHeader: true },
          { key: 'role', label: '角色', format: 'role' },
          ...gradeCountColumns<GradeCountRow>(ctx.rules.assessment, rows),
          { key: 'mean_percent', label: '平均得分率', numeric: true, display: (r) => (r.mean_percent == null ? '—' : `${r.mean_percent.toFixed(1)}%`) },
        ],
      },
    };
  },
  rule: gradingRule,
  public: { rows: { rows: gradeRows, total: gradeRows } },
};

const quantile = (sorted: number[], q: number) => {
  if (!sorted.length) return null;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  return sorted[lo]! + (sorted[Math.min(lo + 1, sorted.length - 1)]! - sorted[lo]!) * (pos - lo);
};

const scores: Panel = {
  id: 'scores',
  title: (s) => `得分率分布 · ${scopeLabel(s)} · ${semesterTitle(s)}`,
  queries: (s) => ({ rows: scoresSql(s), assessed: `SELECT COUNT(*)::INTEGER AS n FROM assessments WHERE ${filterSql(s)}` }),
  render: (data, s, ctx) => {
    const rows = data.rows as unknown as ScoreRow[];
    const byUnit = new Map<string, number[]>();
    for (const r of rows) (byUnit.get(r.department) ?? byUnit.set(r.department, []).get(r.department)!).push(r.percent);
    const summary = [...byUnit].map(([department, values]) => {
      const sorted = [...values].sort((a, b) => a - b);
      return { department, n: sorted.length, min: sorted[0]!, median: quantile(sorted, 0.5)!, max: sorted[sorted.length - 1]!, mean: sorted.reduce((a, b) => a + b, 0) / sorted.length };
    });
    const label = gradeLabels(ctx.rules.assessment);
    const bands = ctx.rules.assessment.bands.map((b) => ({ min: b.min, label: label[b.grade] }));
    const one = (v: number) => v.toFixed(1);
    return {
      chart: rows.length
        ? (document, width) => scoreBoxes(rows.map((r) => ({ unit: r.department, percent: r.percent })), { document, width, bands, ariaLabel: '各系部考核得分率分布（箱线图）' })
        : undefined,
      chartAlt: '箱线图：箱体为中间一半人员的得分率范围，箱中竖线为中位数，两端线延伸至非异常的最高、最低值，圆点为异常值；虚线为等次界线。各系部最低、中位、最高得分率见下表。',
      table: {
        title: '得分率分布',
        rows: summary,
        rowKey: (r) => r.department,
        // Grades without scores is a different thing from nothing at all: say which.
        empty: Number(data.assessed?.[0]?.n ?? 0) > 0 ? '所选范围内的考核结果只填报了等次，没有得分。' : '无数据：所选学期和范围内没有考核数据。',
        columns: [
          { key: 'department', label: '系部', rowHeader: true },
          { key: 'n', label: '有得分人数', format: 'int' },
          { key: 'min', label: '最低（%）', numeric: true, display: (r) => one(r.min) },
          { key: 'median', label: '中位数（%）', numeric: true, display: (r) => one(r.median) },
          { key: 'max', label: '最高（%）', numeric: true, display: (r) => one(r.max) },
          { key: 'mean', label: '平均（%）', numeric: true, display: (r) => one(r.mean) },
        ],
      },
    };
  },
  rule: gradingRule,
  // Every score, and the lowest and highest, are single people's: the public build shows the grades and the mean above.
  public: 'omit',
};

const dimensions: Panel = {
  id: 'dimensions',
  title: (s) => `德、能、勤、绩分项得分率 · ${semesterTitle(s)}`,
  queries: (s) => ({ rows: dimensionsSql(s, 'department'), ...(s.department ? {} : { total: dimensionsSql(s, 'institution') }) }),
  render: (data) => ({
    table: {
      title: '德能勤绩分项',
      rows: institutionFirst<DimensionRow>(data),
      rowKey: (r) => String(r.department),
      empty: '无数据：所选范围内没有填报考核量化表分项得分的记录。',
      columns: [
        { key: 'department', label: '系部', rowHeader: true },
        { key: 'rows', label: '有分项得分人数', format: 'int' },
        ...DIMENSIONS.map((d) => ({ key: dimensionKey(d), label: `${d}（%）`, numeric: true, display: (r: DimensionRow) => (r[dimensionKey(d)] as number).toFixed(1) })),
      ],
    },
  }),
  rule: (ctx) =>
    ruleHtml([
      ['各维度得分率 = 该维度各项得分之和 ÷ 该维度满分 × 100，取有分项得分人员的平均值。满分：德 15 分（思想素质、工作态度、工作作风），能 30 分（组织、分析、创新能力、工作效率），勤 20 分（到岗、到位、到会），绩 25 分（工作完成、日常管理、活动开展、突发事件处理）。', ruleSource(ctx, 'assessment.items_max')],
    ]),
  // A department's row is over every role the view selects.
  public: { rows: { rows: acrossRoles('itemised'), total: acrossRoles('itemised') } },
};

const mismatches: Panel = {
  id: 'mismatches',
  title: (s) => `得分与填报等次不一致的记录 · ${scopeLabel(s)} · ${semesterTitle(s)}`,
  queries: (s) => ({ rows: mismatchesSql(s), assessed: `SELECT COUNT(*)::INTEGER AS n FROM assessments WHERE ${filterSql(s)}` }),
  render: (data, _s, ctx) => ({
    table: {
      title: '等次不一致',
      rows: data.rows as unknown as MismatchRow[],
      rowKey: (r) => `${r.source_file}|${r.source_row}`,
      flagged: () => true,
      // "All consistent" only where something was assessed; otherwise say that nothing was.
      empty: Number(data.assessed?.[0]?.n ?? 0) > 0 ? '所选范围内得分与填报等次全部一致。' : '无数据：所选范围内没有考核数据。',
      columns: [
        { key: 'department', label: '系部', rowHeader: true },
        { key: 'name', label: '姓名' },
        { key: 'role', label: '角色', format: 'role' },
        { key: 'score', label: '得分', display: (r) => `${r.score} / ${r.score_max}` },
        gradeColumn<MismatchRow>(ctx.rules.assessment, 'grade', '按得分评定'),
        gradeColumn<MismatchRow>(ctx.rules.assessment, 'grade_recorded', '填报等次'),
        { key: 'source', label: '来源', display: (r) => `${r.source_file} 第 ${r.source_row} 行`, downloadOnly: true },
      ],
    },
  }),
  rule: gradingRule,
  public: {
    panel: countsPanel({
      title: (s) => `得分与填报等次不一致的记录数 · ${scopeLabel(s)} · ${semesterTitle(s)}`,
      list: (s) => mismatchesSql(s),
      populations: (s) => rolePopulations('assessed', s.role),
      perRole: 'assessed',
      label: '记录数',
      tableTitle: '等次不一致记录数',
      empty: () => '所选范围内得分与填报等次全部一致，或没有考核数据。',
      rule: gradingRule,
    }),
  },
};

export const assessmentPage: PageSpec = {
  id: 'assessment',
  path: 'assessment.html',
  navLabel: '考核',
  title: '考核情况',
  lede: (ctx) =>
    `每学期末对辅导员及其助理进行考核，等次由得分评定；优秀名额的使用见“优秀名额”页。优秀率 = 优秀人数 ÷ 参评人数，上限为 ${formatPercent(ctx.rules.assessment.excellence_quota)}。`,
  filters: ['semester', 'department', 'role'],
  roles: ['counselor', 'class_teacher', 'assistant', 'graduate_assistant'],
  panels: [grades, scores, dimensions, mismatches, consecutiveFailPanel, topCounselorsPanel],
};
