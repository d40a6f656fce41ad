/**
 * Panels for the rules about people across semesters, shown on the pages of their area:
 * 考核 — counselors rated 不合格 in consecutive years, and 十佳辅导员 candidates (seed 004);
 * 助理 — assistants late more than three times (seed 002), graduate assistants' posts and tenure (seed 003);
 * 培训 — new counselors' 岗前培训 hours (教育部令第43号).
 */
import { ROLE_LABELS, type Role } from '../../domain/cells.ts';
import { GRADUATE_POST_LABELS, POLITICAL_LABELS, type GraduatePost, type Political } from '../../domain/people.ts';
import { semesterLabel } from '../../domain/semester.ts';
import {
  consecutiveFailSql,
  graduateAssistantsSql,
  graduatePostsSql,
  latenessSql,
  topCounselorsSql,
  type ConsecutiveFailRow,
  type GraduateAssistantRow,
  type GraduatePostRow,
  type LatenessRow,
  type TopCounselorRow,
} from '../../metrics/people.ts';
import { inductionSql, type InductionRow } from '../../metrics/training.ts';
import { citeText, gradeColumn, ruleHtml, ruleSource, scopeLabel, semesterTitle } from '../common.ts';
import { POPULATIONS, rolePopulations } from '../../domain/disclosure.ts';
import { countsPanel } from '../counts.ts';
import { counting } from '../groups.ts';
import type { Panel } from '../types.ts';

const year = (semester: string) => `${semester.slice(0, 9)}学年`;

export const consecutiveFailPanel: Panel = {
  id: 'consecutive-fail',
  title: (s, ctx) => `连续${ctx.rules.people.consecutive_fail_years}年考核不合格的辅导员 · ${scopeLabel(s)} · 截至${semesterTitle(s)}`,
  queries: (s, ctx) => ({ rows: consecutiveFailSql({ years: ctx.rules.people.consecutive_fail_years }, s) }),
  render: (data, s, ctx) => ({
    table: {
      title: `连续不合格_${s.semester}`,
      rows: data.rows as unknown as ConsecutiveFailRow[],
      rowKey: (r) => `${r.department}|${r.person_id ?? r.name}`,
      flagged: () => true,
      empty: `所选范围内没有连续${ctx.rules.people.consecutive_fail_years}个学年考核不合格的辅导员。`,
      columns: [
        { key: 'department', label: '系部', rowHeader: true },
        { key: 'name', label: '姓名' },
        { key: 'person_id', label: '工号', display: (r) => r.person_id ?? '' },
        { key: 'failed_semesters', label: '考核不合格的学期', display: (r) => r.failed_semesters.split(',').map(semesterLabel).join('、') },
      ],
    },
  }),
  rule: (ctx) =>
    ruleHtml([
      [`所选学期所在学年及其前 ${ctx.rules.people.consecutive_fail_years - 1} 个学年，每个学年都有一次辅导员考核为“不合格”的，列入本表（考核每学期一次，一个学年内任一学期不合格即计为该学年不合格；同一人按工号识别，无工号时按系部和姓名）。`, ruleSource(ctx, 'people.consecutive_fail_years')],
    ]),
  public: {
    panel: countsPanel({
      title: (s, ctx) => `连续${ctx.rules.people.consecutive_fail_years}年考核不合格的辅导员人数 · ${scopeLabel(s)} · 截至${semesterTitle(s)}`,
      list: (s, ctx) => consecutiveFailSql({ years: ctx.rules.people.consecutive_fail_years }, s),
      populations: () => [POPULATIONS.assessed('counselor')],
      label: '人数',
      tableTitle: `连续不合格人数`,
      empty: (_s, ctx) => `所选范围内没有连续${ctx.rules.people.consecutive_fail_years}个学年考核不合格的辅导员。`,
      rule: (ctx) =>
        ruleHtml([
          [`所选学期所在学年及其前 ${ctx.rules.people.consecutive_fail_years - 1} 个学年，每个学年都有一次辅导员考核为“不合格”的人数（一个学年内任一学期不合格即计为该学年不合格）。`, ruleSource(ctx, 'people.consecutive_fail_years')],
        ]),
    }),
  },
};

export const topCounselorsPanel: Panel = {
  id: 'top-counselors',
  title: (s, ctx) => `“十佳辅导员”候选（全院前 ${ctx.rules.people.top_counselors} 名） · ${year(s.semester)}${s.department ? ` · ${s.department}` : ''}`,
  queries: (s, ctx) => ({ rows: topCounselorsSql({ count: ctx.rules.people.top_counselors }, s) }),
  render: (data, s) => ({
    table: {
      title: `十佳候选_${s.semester}`,
      rows: data.rows as unknown as TopCounselorRow[],
      rowKey: (r) => `${r.department}|${r.person_id ?? r.name}`,
      empty: s.department ? `${s.department}没有辅导员进入全院前列。` : '所选学年尚无辅导员考核得分。',
      columns: [
        { key: 'rank', label: '名次', rowHeader: true, format: 'int' },
        { key: 'department', label: '系部' },
        { key: 'name', label: '姓名' },
        { key: 'mean_percent', label: '平均得分率', display: (r) => `${r.mean_percent.toFixed(1)}%` },
        { key: 'assessments', label: '考核次数', format: 'int' },
        { key: 'excellent', label: '评为优秀次数', format: 'int' },
      ],
    },
  }),
  rule: (ctx) =>
    ruleHtml([
      [`所选学期所在学年（截至所选学期）辅导员考核得分率（得分 ÷ 满分）的平均值，全院排名前 ${ctx.rules.people.top_counselors} 名（并列者一并列入）；该学年有“不合格”的不列入。选定系部时只显示该系部进入全院前列的人员。名单供评选参考，不代替评选程序。`, ruleSource(ctx, 'people.top_counselors')],
    ]),
  public: {
    panel: countsPanel({
      title: (s, ctx) => `进入全院前 ${ctx.rules.people.top_counselors} 名的辅导员人数 · ${year(s.semester)}${s.department ? ` · ${s.department}` : ''}`,
      list: (s, ctx) => topCounselorsSql({ count: ctx.rules.people.top_counselors }, s),
      populations: () => [POPULATIONS.assessed('counselor')],
      label: '人数',
      tableTitle: `十佳候选人数`,
      empty: (s) => (s.department ? `${s.department}没有辅导员进入全院前列。` : '所选学年尚无辅导员考核得分。'),
      rule: (ctx) =>
        ruleHtml([
          [`所选学期所在学年（截至所选学期）辅导员考核平均得分率全院排名前 ${ctx.rules.people.top_counselors} 名（并列者一并计入）的人数，按系部统计；该学年有“不合格”的不计入。`, ruleSource(ctx, 'people.top_counselors')],
        ]),
    }),
  },
};

export const latenessPanel: Panel = {
  id: 'lateness',
  title: (s, ctx) => `迟到超过 ${ctx.rules.people.lateness.max} 次的助理 · ${scopeLabel(s)} · ${semesterTitle(s)}`,
  queries: (s, ctx) => ({ rows: latenessSql(ctx.rules.people.lateness, s) }),
  render: (data, s, ctx) => ({
    table: {
      title: `助理迟到_${s.semester}`,
      rows: data.rows as unknown as LatenessRow[],
      rowKey: (r) => `${r.department}|${r.person_id ?? r.name}|${r.role}`,
      flagged: (r) => !r.applied,
      empty: `所选范围内没有本学期迟到超过 ${ctx.rules.people.lateness.max} 次的助理（只统计考核表填写了“迟到次数”的）。`,
      columns: [
        { key: 'department', label: '系部', rowHeader: true },
        { key: 'name', label: '姓名' },
        { key: 'role', label: '角色', display: (r) => ROLE_LABELS[r.role as Role] ?? r.role },
        { key: 'late_count', label: '迟到次数', format: 'int' },
        gradeColumn<LatenessRow>(ctx.rules.assessment, 'grade', '评定等次'),
        gradeColumn<LatenessRow>(ctx.rules.assessment, 'grade_recorded', '填报等次'),
        { key: 'status', label: '处理情况', display: (r) => (r.applied ? '已评为不合格' : '应评为不合格，请核实') },
      ],
    },
  }),
  rule: (ctx) =>
    ruleHtml([
      [`考核表“迟到次数”超过 ${ctx.rules.people.lateness.max} 次的，按规定综合评价为不合格，不再聘任；评定或填报的等次好于“不合格”的所在行标红，并在“数据质量”页提示（等次不自动更改）。`, ruleSource(ctx, 'people.lateness')],
    ]),
  public: {
    panel: countsPanel({
      title: (s, ctx) => `迟到超过 ${ctx.rules.people.lateness.max} 次的助理人数 · ${scopeLabel(s)} · ${semesterTitle(s)}`,
      list: (s, ctx) => latenessSql(ctx.rules.people.lateness, s),
      populations: (_s, ctx) => ctx.rules.people.lateness.roles.flatMap((r) => rolePopulations('assessed', r)),
      perRole: 'assessed',
      label: '人数',
      tableTitle: `助理迟到人数`,
      empty: (_s, ctx) => `所选范围内没有本学期迟到超过 ${ctx.rules.people.lateness.max} 次的助理（只统计考核表填写了“迟到次数”的）。`,
      rule: (ctx) =>
        ruleHtml([[`考核表“迟到次数”超过 ${ctx.rules.people.lateness.max} 次的，按规定综合评价为不合格，不再聘任。`, ruleSource(ctx, 'people.lateness')]]),
    }),
  },
};

/** The public build's form of the list below: per department and post type, how many, and how many under the minimum tenure. */
const graduateCounts: Panel = {
  id: 'graduates',
  title: (s) => `研究生德育工作助理人数 · ${scopeLabel(s)} · ${semesterTitle(s)}`,
  queries: (s, ctx) => ({ rows: graduatePostsSql({ minMonths: ctx.rules.people.graduate_min_months }, s) }),
  render: (data, _s, ctx) => ({
    table: {
      title: `研究生德育助理人数`,
      rows: data.rows as unknown as GraduatePostRow[],
      rowKey: (r) => `${r.department}|${r.post_type ?? ''}`,
      empty: '所选学期和范围内没有研究生德育工作助理名册。',
      columns: [
        { key: 'department', label: '系部', rowHeader: true },
        { key: 'post_type', label: '岗位类型', display: (r) => (r.post_type ? GRADUATE_POST_LABELS[r.post_type as GraduatePost] : '其他') },
        { key: 'people', label: '人数', format: 'int' },
        { key: 'short_tenure', label: `在岗不足 ${ctx.rules.people.graduate_min_months} 个月`, format: 'int' },
      ],
    },
  }),
  rule: (ctx) =>
    ruleHtml([
      ['岗位类型：党建、团工作、学术、就业、实践、文体、信息（宣传）、教育管理。', citeText(ctx, 'seeds/003“岗位职责”')],
      [`在岗时间至少为一年：在岗月数算至离岗时间，仍在岗的算至学期第一天。`, ruleSource(ctx, 'people.graduate_min_months')],
    ]),
  public: { rows: { rows: counting([POPULATIONS.graduates]) } },
};

export const graduatesPanel: Panel = {
  id: 'graduates',
  title: (s) => `研究生德育工作助理 · ${scopeLabel(s)} · ${semesterTitle(s)}`,
  queries: (s, ctx) => ({
    rows: graduateAssistantsSql({ minMonths: ctx.rules.people.graduate_min_months }, s),
    posts: graduatePostsSql({ minMonths: ctx.rules.people.graduate_min_months }, s),
  }),
  render: (data, s, ctx) => {
    const min = ctx.rules.people.graduate_min_months;
    const posts = data.posts as unknown as GraduatePostRow[];
    const summary = posts.length
      ? `<p class="note">按岗位类型：${Object.entries(
          posts.reduce<Record<string, number>>((acc, r) => ((acc[r.post_type ?? ''] = (acc[r.post_type ?? ''] ?? 0) + r.people), acc), {}),
        )
          .map(([t, n]) => `${t ? GRADUATE_POST_LABELS[t as GraduatePost] : '其他'} ${n} 人`)
          .join('，')}。</p>`
      : '';
    const what = (r: GraduateAssistantRow) =>
      [
        r.left_early && `在岗 ${r.months_in_post} 个月即离岗，不足 ${min} 个月`,
        r.under_minimum && `上岗未满 ${min} 个月（${r.months_in_post} 个月）`,
        r.political_ok === false && (r.post_type === 'party' ? '党建助理应由正式党员担任' : '应为预备党员或正式党员'),
      ]
        .filter(Boolean)
        .join('；');
    return {
      html: summary,
      table: {
        title: `研究生德育助理_${s.semester}`,
        rows: data.rows as unknown as GraduateAssistantRow[],
        rowKey: (r) => `${r.department}|${r.student_id ?? r.name}`,
        flagged: (r) => r.left_early || r.political_ok === false,
        empty: '所选学期和范围内没有研究生德育工作助理名册。',
        columns: [
          { key: 'department', label: '系部', rowHeader: true },
          { key: 'name', label: '姓名' },
          { key: 'post_type', label: '岗位类型', display: (r) => (r.post_type ? GRADUATE_POST_LABELS[r.post_type as GraduatePost] : r.post) },
          { key: 'in_post_since', label: '上岗时间', display: (r) => r.in_post_since ?? '' },
          { key: 'left_on', label: '离岗时间', display: (r) => r.left_on ?? '' },
          { key: 'months_in_post', label: '在岗月数', format: 'int' },
          { key: 'political_status', label: '政治面貌', display: (r) => (r.political_status ? POLITICAL_LABELS[r.political_status as Political] : '未填写') },
          { key: 'what', label: '情况', display: what },
        ],
      },
    };
  },
  rule: (ctx) =>
    ruleHtml([
      ['岗位类型：党建、团工作、学术、就业、实践、文体、信息（宣传）、教育管理。', citeText(ctx, 'seeds/003“岗位职责”')],
      [`在岗时间至少为一年：已离岗且在岗不足 ${ctx.rules.people.graduate_min_months} 个月的所在行标红；仍在岗、上岗未满 ${ctx.rules.people.graduate_min_months} 个月的仅作提示。在岗月数算至离岗时间，仍在岗的算至学期第一天。`, ruleSource(ctx, 'people.graduate_min_months')],
      ['须为预备党员或正式党员，党建助理应由正式党员担任（不符合的所在行标红）。', citeText(ctx, 'seeds/003“助理选拔”')],
    ]),
  public: { panel: graduateCounts },
};

export const inductionPanel: Panel = {
  id: 'induction',
  title: (s) => `新入职专职辅导员岗前培训 · ${scopeLabel(s)} · ${semesterTitle(s)}`,
  queries: (s, ctx) => ({ rows: inductionSql({ hours: ctx.rules.training.induction_hours, keywords: ctx.rules.training.induction_keywords }, s) }),
  render: (data, s, ctx) => ({
    table: {
      title: `岗前培训_${s.semester}`,
      rows: data.rows as unknown as InductionRow[],
      rowKey: (r) => `${r.department}|${r.staff_id}`,
      flagged: (r) => r.meets === false,
      empty: '所选范围内没有新入职（从事辅导员工作不满 1 年）的专职辅导员，或名册未填写任辅导员时间。',
      columns: [
        { key: 'department', label: '系部', rowHeader: true },
        { key: 'name', label: '姓名' },
        { key: 'staff_id', label: '工号' },
        { key: 'induction_hours', label: '岗前培训学时', format: 'decimal1' },
        { key: 'status', label: `达到 ${ctx.rules.training.induction_hours} 学时`, display: (r) => (r.meets == null ? (r.note ?? '') : r.meets ? '达到' : '未达到') },
      ],
    },
  }),
  noteForAll: true,
  rule: (ctx) =>
    ruleHtml([
      [`新入职辅导员岗前培训不少于 ${ctx.rules.training.induction_hours} 学时。新入职指名册“任辅导员时间”至学期第一天不满 1 年；岗前培训指培训名称含“${ctx.rules.training.induction_keywords.join('”或“')}”的培训（不论级别），计至本培训年度。`, ruleSource(ctx, 'training.induction_hours') ?? citeText(ctx, '教育部令第43号')],
    ]),
  public: {
    panel: countsPanel({
      title: (s, ctx) => `岗前培训不足 ${ctx.rules.training.induction_hours} 学时的新入职专职辅导员人数 · ${scopeLabel(s)} · ${semesterTitle(s)}`,
      list: (s, ctx) => `SELECT * FROM (${inductionSql({ hours: ctx.rules.training.induction_hours, keywords: ctx.rules.training.induction_keywords }, s)}) WHERE NOT meets`,
      noteFrom: (s, ctx) => inductionSql({ hours: ctx.rules.training.induction_hours, keywords: ctx.rules.training.induction_keywords }, s),
      populations: () => [POPULATIONS.fullTime],
      label: '人数',
      tableTitle: `岗前培训不足人数`,
      empty: () => '所选范围内没有岗前培训不足的新入职专职辅导员，或名册未填写任辅导员时间。',
      rule: (ctx) =>
        ruleHtml([
          [`新入职辅导员岗前培训不少于 ${ctx.rules.training.induction_hours} 学时。新入职指名册“任辅导员时间”至学期第一天不满 1 年；岗前培训指培训名称含“${ctx.rules.training.induction_keywords.join('”或“')}”的培训。`, ruleSource(ctx, 'training.induction_hours') ?? citeText(ctx, '教育部令第43号')],
        ]),
    }),
  },
};
