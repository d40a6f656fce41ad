/** 师生比: students per counselor against 1:N, the trend over semesters, and hiring methods flagged. */
import { trendFacets } from '../../charts/trend-facets.ts';
import { staffingBars } from '../../charts/staffing-bars.ts';
import { formatFraction, formatRatio } from '../../domain/format.ts';
import { semesterLabel } from '../../domain/semester.ts';
import {
  departmentStaffingSql,
  flaggedHiringSql,
  institutionStaffingSql,
  type FlaggedHiringRow,
  type StaffingRow,
} from '../../metrics/staffing.ts';
import { MODE_LABELS, SORT_LABELS, compliantOf, sortRows, statusText, summaryHtml, type RatioMode, type SortKey } from '../../views/staffing.ts';
import type { TableView } from '../../views/table.ts';
import { ruleHtml, ruleSource, scopeLabel, semesterTitle, shortSemester, unitsLabel } from '../common.ts';
import { staffingParams, type DashboardContext } from '../context.ts';
import { POPULATIONS } from '../../domain/disclosure.ts';
import { countsPanel } from '../counts.ts';
import { staffingRows } from '../groups.ts';
import type { Panel, PageSpec, State } from '../types.ts';

const mode = (s: State) => (s.mode ?? 'full_time') as RatioMode;
const weightLabel = (ctx: DashboardContext) => formatFraction(ctx.rules.part_time_weight);

const staffingRule = (ctx: DashboardContext) => {
  const p = ctx.rules;
  return ruleHtml([
    [`师生比 = 在校生人数 ÷ 辅导员人数；每名辅导员对应学生数不超过 ${p.max_students_per_counselor} 为达标（恰好 1:${p.max_students_per_counselor} 为达标）。`, ruleSource(ctx, 'staffing.max_students_per_counselor')],
    [`兼职辅导员按 ${weightLabel(ctx)} 折算（“兼职按折算计入”口径）。`, ruleSource(ctx, 'staffing.part_time_weight')],
    [`专职缺口 = 在校生 ÷ ${p.max_students_per_counselor} 向上取整 − 专职人数，不足 0 计 0；全院缺口按全院合计计算，不等于各系部缺口之和。`, undefined],
    ['数据来源：各系部报送的在校生人数表和辅导员名册。', undefined],
  ]);
};

export function departmentTableView(rows: readonly StaffingRow[], m: RatioMode, target: number, title: string): TableView<StaffingRow> {
  return {
    title,
    rows: [...rows],
    rowKey: (r) => r.department,
    flagged: (r) => r.note == null && (r.students ?? 0) > 0 && compliantOf(r, m) === false,
    columns: [
      { key: 'department', label: '系部', rowHeader: true },
      { key: 'students', label: '在校生', format: 'int' },
      { key: 'full_time', label: '专职', format: 'int' },
      { key: 'part_time', label: '兼职', format: 'int' },
      { key: 'fte', label: '折算人数', format: 'decimal' },
      { key: 'ratio_full_time', label: '师生比（仅计专职）', format: 'ratio', target },
      { key: 'ratio_weighted', label: '师生比（兼职折算）', format: 'ratio', target },
      { key: 'status', label: `达标情况（${MODE_LABELS[m]}）`, display: (r) => statusText(r, m) },
      { key: 'gap', label: '专职缺口', format: 'int' },
      // Empty for none; — where the public build withholds it.
      { key: 'flagged_hiring', label: '派遣、代理聘用人数', display: (r) => (r.flagged_hiring == null ? '—' : typeof (r.flagged_hiring as unknown) === 'string' || r.flagged_hiring > 0 ? String(r.flagged_hiring) : ''), numeric: true },
    ],
  };
}

const summary: Panel = {
  id: 'summary',
  title: (s) => `${scopeLabel(s)}概况 · ${semesterTitle(s)}`,
  queries: (s, ctx) =>
    s.department
      ? { unit: departmentStaffingSql(staffingParams(ctx), s.semester), all: departmentStaffingSql(staffingParams(ctx), s.semester) }
      : { unit: institutionStaffingSql(staffingParams(ctx), s.semester), all: departmentStaffingSql(staffingParams(ctx), s.semester) },
  render: (data, s, ctx) => {
    const all = data.all as unknown as StaffingRow[];
    const unit = s.department ? all.find((r) => r.department === s.department) : (data.unit as unknown as StaffingRow[])[0];
    if (!unit) return { html: '<p class="empty">无数据：所选学期和系部没有在校生或辅导员数据。</p>' };
    return { html: `<dl class="cards" id="summary">${summaryHtml(unit, s.department ? null : all, ctx.rules.max_students_per_counselor, weightLabel(ctx), scopeLabel(s))}</dl>` };
  },
  rule: staffingRule,
  public: { rows: { unit: staffingRows({ silent: true }), all: staffingRows({ silent: true }) } },
};

const ratioPanel: Panel = {
  id: 'ratio',
  title: (s) => `${unitsLabel(s)}师生比与缺口 · ${semesterTitle(s)}`,
  queries: (s, ctx) => ({ rows: departmentStaffingSql(staffingParams(ctx), s.semester) }),
  render: (data, s, ctx) => {
    const target = ctx.rules.max_students_per_counselor;
    const rows = sortRows(
      (data.rows as unknown as StaffingRow[]).filter((r) => !s.department || r.department === s.department),
      (s.sort ?? 'ratio') as SortKey,
      mode(s),
    );
    return {
      chart: (document, width) => staffingBars(rows, { mode: mode(s), target, document, width }),
      chartAlt: `条形长度为每名辅导员对应的在校生人数（${MODE_LABELS[mode(s)]}），虚线为 1:${target} 标准线，越过虚线即未达标；各系部数值见下表。`,
      table: departmentTableView(rows, mode(s), target, '师生比'),
    };
  },
  rule: staffingRule,
  public: { rows: { rows: staffingRows() } },
};

const trend: Panel = {
  id: 'trend',
  title: (s) => `师生比变化趋势（仅计专职）${s.department ? ` · ${s.department}` : ''}`,
  queries: (_s, ctx) => ({ rows: departmentStaffingSql(staffingParams(ctx)), inst: institutionStaffingSql(staffingParams(ctx)) }),
  render: (data, s, ctx) => {
    const target = ctx.rules.max_students_per_counselor;
    const rows = [...(data.inst as unknown as StaffingRow[]), ...(data.rows as unknown as StaffingRow[])].filter(
      (r) => !s.department || r.department === s.department,
    );
    const units = [...new Set(rows.map((r) => r.department))];
    const semesters = ctx.semesters;
    const byKey = new Map(rows.map((r) => [`${r.department}|${r.semester}`, r]));
    return {
      chart: (document, width) =>
        trendFacets(
          rows.map((r) => ({ department: r.department, semester: r.semester, value: r.ratio_full_time })),
          { document, width, ariaLabel: `各学期每名专职辅导员对应在校生人数，虚线为 1:${target}`, rule: target, tick: shortSemester },
        ),
      chartAlt: `每个小图为一个单位各学期的师生比（每名专职辅导员对应的在校生人数），虚线为 1:${target} 标准线，点在虚线以上即未达标；数值见下表。`,
      table: {
        title: '师生比变化趋势',
        // Every unit on a wide screen (the chart above draws each); a phone folds it like any long list.
        fold: 'phone',
        rows: units.map((department) => ({ department })),
        rowKey: (r) => r.department,
        columns: [
          { key: 'department', label: '单位', rowHeader: true },
          ...semesters.map((sem) => ({
            key: sem,
            label: semesterLabel(sem),
            numeric: true,
            display: (r: { department: string }) => formatRatio(byKey.get(`${r.department}|${sem}`)?.ratio_full_time ?? null, target),
          })),
        ],
      },
    };
  },
  rule: staffingRule,
  public: { rows: { rows: staffingRows({ silent: true }), inst: staffingRows({ silent: true }) } },
};

const hiringRule = (ctx: DashboardContext) =>
  ruleHtml([
    [`原则上不得以${ctx.rules.disallowed_hiring.join('、')}方式聘用辅导员；此类人员仍计入上表人数，在此单独列出（下载的表格注明其所在文件和行号）。`, ruleSource(ctx, 'staffing.disallowed_hiring')],
  ]);

const hiring: Panel = {
  id: 'hiring',
  title: (s) => `以劳务派遣、人事代理方式聘用的辅导员 · ${semesterTitle(s)}`,
  queries: (s, ctx) => ({ rows: flaggedHiringSql(staffingParams(ctx), s) }),
  render: (data, s) => ({
    table: {
      title: '派遣代理聘用辅导员',
      rows: data.rows as unknown as FlaggedHiringRow[],
      rowKey: (r) => `${r.department}|${r.staff_id}`,
      empty: '所选范围内没有以劳务派遣、人事代理方式聘用的辅导员。',
      columns: [
        { key: 'department', label: '系部', rowHeader: true },
        { key: 'name', label: '姓名' },
        { key: 'staff_id', label: '工号' },
        { key: 'employment', label: '专兼职', display: (r) => (r.employment === 'full_time' ? '专职' : '兼职') },
        { key: 'hiring', label: '聘用方式' },
        { key: 'source', label: '来源', display: (r) => `${r.source_file} 第 ${r.source_row} 行`, downloadOnly: true },
      ],
    },
  }),
  rule: hiringRule,
  public: {
    panel: countsPanel({
      title: (s) => `以劳务派遣、人事代理方式聘用的辅导员人数 · ${semesterTitle(s)}`,
      list: (s, ctx) => flaggedHiringSql(staffingParams(ctx), s),
      populations: () => [POPULATIONS.roster],
      label: '人数',
      tableTitle: '派遣代理聘用人数',
      empty: () => '所选范围内没有以劳务派遣、人事代理方式聘用的辅导员。',
      rule: (ctx) =>
        ruleHtml([[`原则上不得以${ctx.rules.disallowed_hiring.join('、')}方式聘用辅导员；此类人员仍计入上表人数，在此按系部统计人数。`, ruleSource(ctx, 'staffing.disallowed_hiring')]]),
    }),
  },
};

export const staffingPage: PageSpec = {
  id: 'staffing',
  path: 'staffing.html',
  navLabel: '师生比',
  title: '辅导员配备与师生比',
  lede: (ctx) =>
    `专职辅导员按总体师生比不低于 1:${ctx.rules.max_students_per_counselor} 配备，兼职辅导员工作量按专职的 ${weightLabel(ctx)} 折算。`,
  filters: ['semester', 'department'],
  options: [
    { name: 'mode', label: '计算口径', options: Object.entries(MODE_LABELS), default: 'full_time' },
    { name: 'sort', label: '排序', options: Object.entries(SORT_LABELS), default: 'ratio' },
  ],
  panels: [summary, ratioPanel, trend, hiring],
};

