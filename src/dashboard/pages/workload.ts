/** 工作量: for each norm of the rule profile, the share of person-weeks (or months) meeting it, by department and role. */
import { hbars } from '../../charts/hbars.ts';
import { weekHeatmap } from '../../charts/week-heatmap.ts';
import { ROLE_LABELS, type Role } from '../../domain/cells.ts';
import type { WorkloadNorm } from '../../domain/rules.ts';
import {
  allWeeklyNormsSql,
  heatmapSql,
  normSharesSql,
  personNormSql,
  shortfallsSql,
  type AllNormsRow,
  type HeatCell,
  type NormShareRow,
  type PersonNormRow,
  type ShortfallRow,
} from '../../metrics/workload.ts';
import { sqlString } from '../../metrics/sql.ts';
import { formatPercent, type Column } from '../../views/table.ts';
import { formatInt } from '../../domain/format.ts';
import { citeText, ratio, ruleHtml, ruleSource, scopeLabel, semesterTitle, unitsLabel } from '../common.ts';
import { workloadParams, type DashboardContext } from '../context.ts';
import { POPULATIONS, rolePopulations } from '../../domain/disclosure.ts';
import { countsPanel, NO_LIMIT } from '../counts.ts';
import { perRole } from '../groups.ts';
import type { Panel, PageSpec, State } from '../types.ts';

const roleLabel = (r: string) => ROLE_LABELS[r as Role] ?? r;
const periodLabel = (n: WorkloadNorm) => (n.per === 'month' ? '人·月' : '人·周');
const target = (ctx: DashboardContext) => ctx.rules.workload_target_share;
/** The role the department chart and heat map show: the one selected, else counselors. */
const chartRole = (s: State) => s.role ?? 'counselor';

const normsRule = (ctx: DashboardContext) =>
  ruleHtml([
    ...ctx.rules.workload_norms.map((n) => [`${roleLabel(n.role)}：${n.label}`, citeText(ctx, n.source)] as const),
    ['每条工作记录为一人一周；空白按 0 计（未记录即未完成）。按月的要求按自然月合计后判断。', undefined],
    [`“达到全部周工作要求”的人周次比例不低于 ${formatPercent(target(ctx))} 为达标；各项要求的达标率也以此为参照线。`, ruleSource(ctx, 'workload.target_share')],
  ]);

/**
 * The per-norm table's columns (the page and the report): a norm some departments' forms lacked says
 * so beside it (不含…：该项未报送), and one no department in view had shows 该项未报送 in place of its figures.
 */
export function normShareColumns<R extends NormShareRow>(norms: readonly WorkloadNorm[]): Column<R>[] {
  const absent = (r: R) => r.periods == null;
  const figure = (r: R, text: string) => (absent(r) ? '该项未报送' : text);
  return [
    { key: 'role', label: '角色', format: 'role', rowHeader: true },
    { key: 'norm', label: '工作要求', display: (r) => `${norms[r.norm]!.label}${r.not_reported && !absent(r) ? `（不含${r.not_reported}：该项未报送）` : ''}` },
    { key: 'unit', label: '统计单位', display: (r) => periodLabel(norms[r.norm]!) },
    { key: 'met', label: '达到要求', format: 'int', display: (r) => figure(r, formatInt(r.met ?? 0)) },
    { key: 'periods', label: '记录数', format: 'int', display: (r) => figure(r, formatInt(r.periods ?? 0)) },
    { key: 'share', label: '达标率', format: 'percent', value: (r) => ratio(r.met, r.periods), display: (r) => figure(r, formatPercent(ratio(r.met, r.periods))) },
  ];
}

const norms: Panel = {
  id: 'norms',
  title: (s) => `各项工作要求达标率 · ${scopeLabel(s)} · ${semesterTitle(s)}`,
  queries: (s, ctx) => ({ rows: normSharesSql(workloadParams(ctx), s, 'institution') }),
  render: (data, s, ctx) => {
    const list = ctx.rules.workload_norms;
    const rows = (data.rows as unknown as NormShareRow[]).map((r) => ({ ...r, n: list[r.norm]!, share: ratio(r.met, r.periods) }));
    const rated = rows.filter((r) => r.periods != null && r.periods > 0);
    const t = target(ctx);
    return {
      chart: rated.length
        ? (document, width) =>
            hbars(
              rated.map((r) => ({ label: `${roleLabel(r.role)}·${r.n.label}`, value: r.share, ok: (r.share ?? 0) >= t, text: `${formatPercent(r.share)}（${r.met}/${r.periods}）` })),
              { document, width, percent: true, max: 1, ariaLabel: '各项工作要求的达标率', xLabel: '达到该项要求的人周次（人月次）比例 →', rule: { value: t, label: `目标 ${formatPercent(t)}` } },
            )
        : undefined,
      chartAlt: `每个条形为一项工作要求的达标率：达到要求的人周次（按月的要求为人月次）占全部记录的比例；虚线为 ${formatPercent(t)} 的目标，达到目标为绿色。数值见下表。`,
      table: {
        title: '各项工作要求达标率',
        empty: '无数据：所选范围内没有工作记录。',
        rows,
        rowKey: (r) => `${r.role}|${r.n.field}|${r.n.per}`,
        columns: normShareColumns<(typeof rows)[number]>(ctx.rules.workload_norms),
      },
    };
  },
  rule: normsRule,
  public: { rows: { rows: perRole('worklog') } },
};

const departments: Panel = {
  id: 'departments',
  title: (s) => `${unitsLabel(s)}达到全部周工作要求的比例 · ${semesterTitle(s)}`,
  queries: (s, ctx) => ({ rows: allWeeklyNormsSql(workloadParams(ctx), s, 'department') }),
  render: (data, s, ctx) => {
    const t = target(ctx);
    const rows = (data.rows as unknown as AllNormsRow[]).map((r) => ({ ...r, share: ratio(r.met, r.periods) }));
    const shown = rows.filter((r) => r.role === chartRole(s)).sort((a, b) => (a.share ?? 0) - (b.share ?? 0));
    return {
      chart: shown.length
        ? (document, width) =>
        hbars(
          shown.map((r) => ({ label: r.department, value: r.share, ok: (r.share ?? 0) >= t, text: `${formatPercent(r.share)}${(r.share ?? 0) >= t ? '' : '  未达标'}` })),
          {
            document,
            width,
            percent: true,
            max: 1,
            ariaLabel: `各系部${roleLabel(chartRole(s))}达到全部周工作要求的人周次比例`,
            xLabel: `${roleLabel(chartRole(s))}达到全部周工作要求的人周次比例 →`,
            rule: { value: t, label: `达标线 ${formatPercent(t)}` },
          },
        )
        : undefined,
      chartAlt: `图中为${roleLabel(chartRole(s))}：每个系部达到全部周工作要求的人周次占比，虚线为 ${formatPercent(t)} 达标线；所有角色的数值见下表。`,
      table: {
        title: '周工作要求达标情况',
        rows,
        empty: '无数据：所选范围内没有按周或逐日填写的工作记录（按月报送的只计入每月的要求）。',
        rowKey: (r) => `${r.department}|${r.role}`,
        flagged: (r) => (r.share ?? 0) < t,
        columns: [
          { key: 'department', label: '系部', rowHeader: true },
          { key: 'role', label: '角色', format: 'role' },
          { key: 'met', label: '达到全部要求的人周次', format: 'int' },
          { key: 'periods', label: '人周次', format: 'int' },
          { key: 'share', label: '比例', format: 'percent' },
          { key: 'status', label: '达标情况', display: (r) => ((r.share ?? 0) >= t ? '达标' : '未达标') },
        ],
      },
    };
  },
  rule: normsRule,
  public: { rows: { rows: perRole('worklog') } },
};

const heatmap: Panel = {
  id: 'heatmap',
  title: (s) => `${unitsLabel(s)}逐周工作情况（${roleLabel(chartRole(s))}） · ${semesterTitle(s)}`,
  queries: (s, ctx) => ({ rows: heatmapSql(workloadParams(ctx), { ...s, role: chartRole(s) }) }),
  render: (data, s, ctx) => {
    const weeks = ctx.rules.calendar.semester_weeks;
    const cells = (data.rows as unknown as HeatCell[]).map((c) => ({ ...c, share: c.met / c.periods }));
    const byDept = new Map<string, Map<number, (typeof cells)[number]>>();
    for (const c of cells) (byDept.get(c.department) ?? byDept.set(c.department, new Map()).get(c.department)!).set(c.week_no, c);
    const worst = [...cells].sort((a, b) => a.share - b.share)[0];
    return {
      chart: cells.length ? (document) => weekHeatmap(cells, { document, weeks, target: target(ctx), ariaLabel: '各系部逐周达到全部周工作要求的人周次比例' }) : undefined,
      chartAlt: worst
        ? `每格为一个系部一个教学周中达到全部周工作要求的人周次比例（格内数字为百分比）。最低为${worst.department}第 ${worst.week_no} 周（${formatPercent(worst.share)}）。`
        : '',
      table: {
        title: '逐周工作情况',
        rows: [...byDept.keys()].map((department) => ({ department })),
        empty: '无数据：所选范围内没有该角色的工作记录。',
        rowKey: (r) => r.department,
        columns: [
          { key: 'department', label: '系部', rowHeader: true },
          ...Array.from({ length: weeks }, (_, i) => ({
            key: `w${i + 1}`,
            label: `第${i + 1}周`,
            format: 'percent' as const,
            value: (r: { department: string }) => {
              const c = byDept.get(r.department)?.get(i + 1);
              return c ? c.share : null;
            },
          })),
        ],
      },
    };
  },
  rule: (ctx) =>
    ruleHtml([
      [`教学周按校历计算（第 1 周自学期第一天所在周的周一起，共 ${ctx.rules.calendar.semester_weeks} 周）；学期外的记录不在此图中，但计入其他统计，并在“数据质量”页提示。`, undefined],
    ]),
  // A week's cell is the people who kept a log that week (one row a person-week).
  public: { rows: { rows: { populations: (s) => [POPULATIONS.worklog(chartRole(s))], size: (row) => Number(row.periods) } } },
};

const shortfalls: Panel = {
  id: 'shortfalls',
  title: (s) => `未达到周工作要求次数最多的人员 · ${scopeLabel(s)} · ${semesterTitle(s)}`,
  // "Everyone met every norm" only where someone kept a log: no records is no data, not compliance.
  queries: (s, ctx) => ({ rows: shortfallsSql(workloadParams(ctx), s, 15), kept: allWeeklyNormsSql(workloadParams(ctx), s, 'institution') }),
  render: (data) => ({
    table: {
      title: '工作量差距最大人员',
      rows: data.rows as unknown as ShortfallRow[],
      rowKey: (r) => `${r.department}|${r.role}|${r.staff_id ?? r.name}`,
      empty: (data.kept as unknown as AllNormsRow[]).some((r) => r.periods > 0) ? '所选范围内所有人员每周均达到要求。' : '无数据：所选范围内没有按周或逐日填写的工作记录（按月报送的只计入每月的要求）。',
      columns: [
        { key: 'department', label: '系部', rowHeader: true },
        { key: 'name', label: '姓名' },
        { key: 'role', label: '角色', format: 'role' },
        { key: 'weeks', label: '记录周数', format: 'int' },
        { key: 'weeks_missed', label: '未达要求周数', format: 'int' },
        // No column adds the norms' shortfalls up: they are in different units (次, 人次, 小时), and a
        // week over a maximum (研究生 above 20 hours) misses with no shortfall at all.
      ],
    },
  }),
  rule: () => ruleHtml([['按“未达到至少一项周工作要求的周数”从多到少列出前 15 人；周数相同的，差得多的在前。各项要求的单位不同（次、人次、小时），不相加列示。', undefined]]),
  public: {
    panel: countsPanel({
      title: (s) => `有未达到周工作要求的周次的人数 · ${scopeLabel(s)} · ${semesterTitle(s)}`,
      list: (s, ctx) => shortfallsSql(workloadParams(ctx), s, NO_LIMIT),
      populations: (s) => rolePopulations('worklog', s.role),
      perRole: 'worklog',
      label: '人数',
      tableTitle: '未达周工作要求人数',
      empty: () => '所选范围内没有未达到周工作要求的人员，或没有工作记录。',
      rule: () => ruleHtml([['至少有一周未达到该角色的某项周工作要求的人数（按人计，不论几周）。', undefined]]),
    }),
  },
};

const assistantsRule = (ctx: DashboardContext) =>
  ruleHtml(
    ctx.rules.workload_norms
      .filter((n) => n.role === 'assistant' || n.role === 'graduate_assistant')
      .map((n) => [`${roleLabel(n.role)}：${n.label}`, citeText(ctx, n.source)] as const),
  );

/** The assistants' weekly norms the view selects, by index into the profile's norms. */
const assistantNorms = (s: State, ctx: DashboardContext) =>
  ctx.rules.workload_norms
    .map((n, i) => [n, i] as const)
    .filter(([n]) => (n.role === 'assistant' || n.role === 'graduate_assistant') && n.per !== 'month' && (!s.role || s.role === n.role))
    .map(([, i]) => i);

/** The public build's form of the list below: per department and norm, how many kept a log and how many met the norm every week. */
const assistantCounts: Panel = {
  id: 'assistants',
  title: (s) => `助理与研究生德育助理工作情况（人数） · ${scopeLabel(s)} · ${semesterTitle(s)}`,
  queries: (s, ctx) => {
    const counts = assistantNorms(s, ctx).map(
      (i) =>
        `SELECT department, ${i} AS norm, ${sqlString(ctx.rules.workload_norms[i]!.role)} AS role, COUNT(*)::INTEGER AS people, (COUNT(*) FILTER (WHERE met = weeks))::INTEGER AS every_week
  FROM (${personNormSql(workloadParams(ctx), s, i)}) GROUP BY ALL`,
    );
    return { rows: counts.length ? `SELECT * FROM (${counts.join('\nUNION ALL\n')}) ORDER BY norm, department` : `SELECT NULL AS department WHERE FALSE` };
  },
  render: (data, _s, ctx) => {
    const rows = (data.rows as unknown as Array<{ department: string; norm: number; people: number; every_week: number }>).map((r) => ({
      ...r,
      n: ctx.rules.workload_norms[r.norm]!,
      share: ratio(r.every_week, r.people),
    }));
    return {
      table: {
        title: '助理工作情况人数',
        rows,
        rowKey: (r) => `${r.department}|${r.n.role}|${r.n.field}`,
        empty: '无数据：所选范围内没有助理或研究生德育助理的工作记录。',
        columns: [
          { key: 'department', label: '系部', rowHeader: true },
          { key: 'role', label: '角色', display: (r) => roleLabel(r.n.role) },
          { key: 'norm', label: '工作要求', display: (r) => r.n.label },
          { key: 'people', label: '有工作记录人数', format: 'int' },
          { key: 'every_week', label: '每周均达到要求人数', format: 'int' },
          { key: 'share', label: '比例', format: 'percent' },
        ],
      },
    };
  },
  rule: assistantsRule,
  public: { rows: { rows: perRole('worklog') } },
};

const assistants: Panel = {
  id: 'assistants',
  title: (s) => `助理与研究生德育助理工作情况 · ${scopeLabel(s)} · ${semesterTitle(s)}`,
  queries: (s, ctx) => Object.fromEntries(assistantNorms(s, ctx).map((i) => [`n${i}`, personNormSql(workloadParams(ctx), s, i)])),
  render: (data, s, ctx) => {
    const rows = Object.entries(data).flatMap(([key, list]) => {
      const n = ctx.rules.workload_norms[Number(key.slice(1))]!;
      return (list as unknown as PersonNormRow[]).map((r) => ({ ...r, n, share: ratio(r.met, r.weeks) }));
    });
    return {
      table: {
        title: '助理工作情况',
        rows,
        rowKey: (r) => `${r.department}|${r.n.role}|${r.staff_id ?? r.name}|${r.n.field}`,
        flagged: (r) => r.met < r.weeks,
        empty: '无数据：所选范围内没有助理或研究生德育助理的工作记录。',
        columns: [
          { key: 'department', label: '系部', rowHeader: true },
          { key: 'name', label: '姓名' },
          { key: 'role', label: '角色', display: (r) => roleLabel(r.n.role) },
          { key: 'norm', label: '工作要求', display: (r) => r.n.label },
          { key: 'weeks', label: '记录周数', format: 'int' },
          { key: 'met', label: '达到要求周数', format: 'int' },
          { key: 'share', label: '达标率', format: 'percent' },
          { key: 'mean', label: '周平均', numeric: true, display: (r) => (r.mean == null ? '—' : `${r.mean.toFixed(1)}${r.n.field === 'hours' ? ' 小时' : ' 次'}`) },
        ],
      },
    };
  },
  rule: assistantsRule,
  public: { panel: assistantCounts },
};

export const workloadPage: PageSpec = {
  id: 'workload',
  path: 'workload.html',
  navLabel: '工作量',
  title: '工作量落实情况',
  lede: (ctx) =>
    `对照有关文件规定的每周工作要求，统计每条工作记录（一人一周）是否达到要求。辅导员、班主任、助理和研究生德育助理分别对照各自的要求。`,
  filters: ['semester', 'department', 'role'],
  panels: [norms, departments, heatmap, shortfalls, assistants],
};
