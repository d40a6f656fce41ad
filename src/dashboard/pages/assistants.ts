/** 助理: classes with and without an assistant (at most one per class), eligibility flags, assessment results. */
import { hbars } from '../../charts/hbars.ts';
import { gradeCountsSql, type GradeCountRow } from '../../metrics/assessment.ts';
import {
  ELIGIBLE_POLITICAL_STATUS,
  assistantListSql,
  classCoverageSql,
  uncoveredClassesSql,
  type AssistantRow,
  type ClassCoverageRow,
  type UncoveredClassRow,
} from '../../metrics/assistants.ts';
import { formatPercent } from '../../views/table.ts';
import { citeText, institutionFirst, ratio, ruleHtml, scopeLabel, semesterTitle, unitsLabel } from '../common.ts';
import type { DashboardContext } from '../context.ts';
import { POPULATIONS } from '../../domain/disclosure.ts';
import { ASSISTANT_ATTRIBUTES } from '../../metrics/assistants.ts';
import { countsPanel } from '../counts.ts';
import { counting } from '../groups.ts';
import type { Panel, PageSpec } from '../types.ts';
import { gradeCountColumns } from './assessment.ts';
import { graduatesPanel, latenessPanel } from './people-rules.ts';

export const assistantRule = (ctx: DashboardContext) =>
  ruleHtml([
    ['每个班级至多聘任 1 名助理；助理名册和班级名单按学年报送，第二学期沿用同一学年第一学期的名单（本学期另有报送时以本学期为准）。', citeText(ctx, 'seeds/000')],
    [`任职条件：二、三年级（学年首年 − 年级 + 1 为 2 或 3）；政治面貌为${ELIGIBLE_POLITICAL_STATUS.join('或')}；无不及格课程（未填写视为未报送）。`, citeText(ctx, 'seeds/000')],
  ]);

const coverageRows = counting([POPULATIONS.assistants], { columns: ASSISTANT_ATTRIBUTES });

const coverage: Panel = {
  id: 'coverage',
  title: (s) => `${unitsLabel(s)}班级助理配备情况 · ${semesterTitle(s)}`,
  // 全院 row only for the whole institution: with a department selected it would be that department's numbers under 全院.
  queries: (s) => ({ rows: classCoverageSql(s, 'department'), ...(s.department ? {} : { total: classCoverageSql(s, 'institution') }) }),
  render: (data, s) => {
    // A unit with neither classes nor assistants in force (the institution in a semester before any list) has nothing to show.
    const rows = institutionFirst<ClassCoverageRow>(data)
      .filter((r) => r.classes > 0 || r.assistants > 0)
      .map((r) => ({ ...r, share: ratio(r.covered, r.classes) }));
    const depts = rows.filter((r) => r.department !== '全院').sort((a, b) => (a.share ?? 0) - (b.share ?? 0));
    return {
      chart: depts.length
        ? (document, width) =>
            hbars(
              depts.map((r) => ({ label: r.department, value: r.share, ok: r.classes > 0 && r.covered === r.classes && r.shared === 0, text: `${r.covered}/${r.classes} 个班${r.shared ? `；${r.shared} 个班多于 1 人` : ''}` })),
              { document, width, percent: true, max: 1, ariaLabel: '各系部已配备助理的班级比例', xLabel: '已配备助理的班级比例 →', rule: { value: 1, label: '要求：每班 1 名' } },
            )
        : undefined,
      chartAlt: '条形长度为已配备助理的班级占全部班级的比例，虚线为每班都配备的要求；每班都有且仅有 1 名助理为绿色（达标），否则为红色。数值见下表。',
      table: {
        title: '助理配备',
        rows,
        rowKey: (r) => r.department,
        flagged: (r) => r.covered < r.classes || r.shared > 0 || r.unmatched > 0,
        empty: '无数据：所选学期和范围内没有班级名单或助理名册。',
        columns: [
          { key: 'department', label: '系部', rowHeader: true },
          { key: 'classes', label: '班级数', format: 'int' },
          { key: 'covered', label: '已配助理班级', format: 'int' },
          { key: 'share', label: '配备比例', format: 'percent' },
          { key: 'shared', label: '多于 1 名助理的班级', format: 'int' },
          { key: 'assistants', label: '助理人数', format: 'int' },
          { key: 'unmatched', label: '班级不在名单中的助理', format: 'int' },
          { key: 'year_ok', label: '年级符合', format: 'int' },
          { key: 'political_ok', label: '政治面貌符合', format: 'int' },
          { key: 'courses_ok', label: '无不及格课程', format: 'int' },
        ],
      },
    };
  },
  rule: assistantRule,
  // Classes and heads are no one's attribute; the eligibility counts are the assistants'.
  public: { rows: { rows: coverageRows, total: coverageRows } },
};

const flags: Panel = {
  id: 'eligibility',
  title: (s) => `任职条件不符或未报送的助理 · ${scopeLabel(s)} · ${semesterTitle(s)}`,
  queries: (s) => ({ rows: assistantListSql(s) }),
  render: (data, s) => {
    const rows = (data.rows as unknown as AssistantRow[]).filter((r) => !r.year_ok || !r.political_ok || r.courses_ok !== true || !r.class_listed || r.shared_class);
    const problems = (r: AssistantRow) =>
      [
        !r.year_ok && `年级不符（${r.year_level ?? '未填'}，第 ${r.study_year ?? '?'} 学年）`,
        !r.political_ok && `政治面貌：${r.political_status ?? '未填'}`,
        r.courses_ok === false && `不及格课程 ${r.failed_courses} 门`,
        r.courses_ok == null && '不及格课程未填',
        !r.class_listed && '班级不在班级名单中',
        r.shared_class && '该班有多名助理',
      ]
        .filter(Boolean)
        .join('；');
    return {
      table: {
        title: '助理任职条件',
        rows,
        rowKey: (r) => `${r.department}|${r.student_id ?? r.name}|${r.class_name}`,
        flagged: () => true,
        // "All eligible" only when there are assistants: no roster is not a clean roster.
        empty: data.rows!.length ? '所选范围内的助理均符合任职条件。' : '无数据：所选学期和范围内没有助理名册。',
        columns: [
          { key: 'department', label: '系部', rowHeader: true },
          { key: 'name', label: '姓名' },
          { key: 'class_name', label: '聘用班级' },
          { key: 'year_level', label: '年级' },
          { key: 'political_status', label: '政治面貌' },
          { key: 'failed_courses', label: '不及格课程数', numeric: true, display: (r) => (r.failed_courses == null ? '未填' : String(r.failed_courses)) },
          { key: 'problems', label: '问题', display: problems },
        ],
      },
    };
  },
  rule: assistantRule,
  // Each condition's count is in the table above: this list adds only who.
  public: {
    panel: countsPanel({
      title: (s) => `任职条件不符或未报送的助理人数 · ${scopeLabel(s)} · ${semesterTitle(s)}`,
      list: (s) =>
        `SELECT * FROM (${assistantListSql(s)}) WHERE NOT year_ok OR political_ok IS NOT TRUE OR courses_ok IS NOT TRUE OR NOT class_listed OR shared_class`,
      populations: () => [POPULATIONS.assistants],
      label: '人数',
      tableTitle: '任职条件不符人数',
      empty: () => '所选范围内的助理均符合任职条件，或没有助理名册。',
      rule: assistantRule,
    }),
  },
};

/** Classes are no one's: the public build lists them too, without the counselor's name. */
const uncoveredClasses: Panel = {
  id: 'uncovered',
  title: (s) => `尚未配备助理的班级 · ${scopeLabel(s)} · ${semesterTitle(s)}`,
  // Its own ORDER BY (the list's): a subquery's order is not the outer query's, and the public build can ask an ordered query for every department at once.
  queries: (s) => ({ rows: `SELECT department, class_name, students FROM (${uncoveredClassesSql(s)}) ORDER BY department, class_name`, total: classCoverageSql(s, 'institution') }),
  render: (data, s, ctx) => {
    const output = uncovered.render(data, s, ctx);
    return { ...output, table: { ...output.table!, columns: output.table!.columns.filter((c) => c.key !== 'counselor') } };
  },
  rule: assistantRule,
  public: { rows: { rows: 'as-is', total: coverageRows } },
};

const uncovered: Panel = {
  id: 'uncovered',
  title: (s) => `尚未配备助理的班级 · ${scopeLabel(s)} · ${semesterTitle(s)}`,
  queries: (s) => ({ rows: uncoveredClassesSql(s), total: classCoverageSql(s, 'institution') }),
  render: (data, s) => ({
    table: {
      title: '未配助理班级',
      rows: data.rows as unknown as UncoveredClassRow[],
      rowKey: (r) => `${r.department}|${r.class_name}`,
      // "Every class covered" only when there is a class list: no list is not full coverage.
      empty: (data.total as unknown as ClassCoverageRow[]).some((r) => r.classes > 0) ? '所选范围内每个班级都已配备助理。' : '无数据：所选学期和范围内没有班级名单。',
      columns: [
        { key: 'department', label: '系部', rowHeader: true },
        { key: 'class_name', label: '班级' },
        { key: 'students', label: '人数', format: 'int' },
        { key: 'counselor', label: '辅导员' },
      ],
    },
  }),
  rule: assistantRule,
  public: { panel: uncoveredClasses },
};

/** Grade counts over the assistants assessed; the rows' mean score (not shown here) over those with a score. */
const assistantGrades = [counting([POPULATIONS.assessed('assistant')]), counting([POPULATIONS.scored('assistant')], { columns: ['mean_percent'], silent: true })];

const results: Panel = {
  id: 'results',
  title: (s) => `助理考核结果 · ${semesterTitle(s)}`,
  queries: (s) => ({
    rows: gradeCountsSql({ ...s, role: 'assistant' }, 'department'),
    ...(s.department ? {} : { total: gradeCountsSql({ ...s, role: 'assistant' }, 'institution') }),
  }),
  render: (data, s, ctx) => ({
    table: {
      title: '助理考核结果',
      rows: institutionFirst<GradeCountRow>(data),
      rowKey: (r) => r.department,
      empty: '无数据：所选学期没有助理考核结果（考核在学期末进行）。',
      columns: [
        { key: 'department', label: '系部', rowHeader: true },
        ...gradeCountColumns<GradeCountRow>(ctx.rules.assessment, institutionFirst<GradeCountRow>(data)),
      ],
    },
  }),
  public: { rows: { rows: assistantGrades, total: assistantGrades } },
};

export const assistantsPage: PageSpec = {
  id: 'assistants',
  path: 'assistants.html',
  navLabel: '助理',
  title: '辅导员（班主任）助理队伍',
  lede: () => `每个班级至多聘任 1 名助理，从二、三年级的学生党员（含预备党员）中选聘，且无不及格课程。配备比例 ${formatPercent(1)} 且无一班多人为达标。`,
  filters: ['semester', 'department'],
  panels: [coverage, flags, uncovered, results, latenessPanel, graduatesPanel],
};
