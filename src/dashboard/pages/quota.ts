/** 优秀名额: per department and role, those assessed, 优秀 allowed and used; over quota flagged. */
import { hbars } from '../../charts/hbars.ts';
import { ROLE_LABELS, type Role } from '../../domain/cells.ts';
import { formatInt } from '../../domain/format.ts';
import { quotaSql, quotaTotalSql, type QuotaRow, type QuotaTotalRow } from '../../metrics/quota.ts';
import { formatPercent } from '../../views/table.ts';
import { cardsHtml, ruleHtml, ruleSource, scopeLabel, semesterTitle } from '../common.ts';
import { quotaParams, type DashboardContext } from '../context.ts';
import { acrossRoles, perRole } from '../groups.ts';
import type { Panel, PageSpec } from '../types.ts';

const roleLabel = (r: string) => ROLE_LABELS[r as Role] ?? r;

export const quotaRule = (ctx: DashboardContext) => {
  const a = ctx.rules.assessment;
  const rounding = { floor: '向下取整', round: '四舍五入', ceil: '向上取整' }[a.quota_rounding];
  return ruleHtml([
    [`优秀名额 = 参评人数 × ${formatPercent(a.excellence_quota)}，${rounding}；按学期、系部、角色分别计算。优秀人数超过名额即为超额。`, ruleSource(ctx, 'assessment.excellence_quota')],
    ['全院名额为各系部、各角色名额之和（名额按系部和角色分别核定），不等于全院参评人数 × 比例。', undefined],
    ['优秀人数按评定等次计：有得分的按得分评定，只有填报等次的按填报等次。', undefined],
  ]);
};

const total: Panel = {
  id: 'total',
  title: (s) => `${scopeLabel(s)}优秀名额使用情况 · ${semesterTitle(s)}`,
  queries: (s, ctx) => ({ rows: quotaTotalSql(quotaParams(ctx), s) }),
  render: (data) => {
    const t = (data.rows as unknown as QuotaTotalRow[])[0];
    if (!t || t.assessed === 0) return { html: '<p class="empty">无数据：所选学期和范围内没有考核数据。</p>' };
    return {
      html: cardsHtml([
        { key: 'assessed', label: '参评人数', value: `${formatInt(t.assessed)} 人` },
        { key: 'allowed', label: '优秀名额（合计）', value: `${formatInt(t.allowed)} 人` },
        { key: 'used', label: '评为优秀', value: `${formatInt(t.used)} 人`, tone: t.used > t.allowed ? 'bad' : undefined },
        {
          key: 'units_over',
          label: '超出名额的系部（角色）',
          value: `${formatInt(t.units_over)} 个`,
          tone: t.units_over > 0 ? 'bad' : 'ok',
          status: t.units_over > 0 ? '未达标' : '达标',
          // The totals can be within the quota while units are over it: the quota is set per unit.
          note: t.units_over > 0 && t.used <= t.allowed ? '合计未超出，但名额按系部、角色分别核定，超出的单位不能用其他单位的名额抵补。' : undefined,
        },
      ]),
    };
  },
  rule: quotaRule,
  // The total adds up every role the view selects.
  public: { rows: { rows: acrossRoles('assessed') } },
};

const units: Panel = {
  id: 'units',
  title: (s) => `${s.department ? `${s.department}各角色` : '各系部、各角色'}优秀名额 · ${semesterTitle(s)}`,
  queries: (s, ctx) => ({ rows: quotaSql(quotaParams(ctx), s) }),
  render: (data) => {
    const rows = data.rows as unknown as QuotaRow[];
    const label = (r: QuotaRow) => `${r.department}·${roleLabel(r.role)}`;
    return {
      chart: rows.length
        ? (document, width) =>
            hbars(
              rows.map((r) => ({ label: label(r), value: r.used, ok: !r.over, text: `优秀 ${r.used} / 名额 ${r.allowed}${r.over && !Number.isNaN(r.used - r.allowed) ? `  超 ${r.used - r.allowed} 人` : ''}` })),
              { document, width, integer: true, ariaLabel: '各系部各角色评为优秀的人数与名额', xLabel: '评为优秀的人数 →' },
            )
        : undefined,
      chartAlt: '条形长度为评为优秀的人数，右侧文字为优秀人数与名额；未超出名额为绿色，超出的标为“超”并以红色显示。数值见下表。',
      table: {
        title: '优秀名额',
        rows,
        rowKey: (r) => `${r.department}|${r.role}`,
        flagged: (r) => r.over,
        empty: '无数据：所选学期和范围内没有考核数据。',
        columns: [
          { key: 'department', label: '系部', rowHeader: true },
          { key: 'role', label: '角色', format: 'role' },
          { key: 'assessed', label: '参评人数', format: 'int' },
          { key: 'allowed', label: '优秀名额', format: 'int' },
          { key: 'used', label: '评为优秀', format: 'int' },
          { key: 'status', label: '是否超额', display: (r) => (r.over ? (Number.isNaN(r.used - r.allowed) ? '超额' : `超额 ${r.used - r.allowed} 人`) : '未超额') },
        ],
      },
    };
  },
  rule: quotaRule,
  public: { rows: { rows: perRole('assessed') } },
};

export const quotaPage: PageSpec = {
  id: 'quota',
  path: 'quota.html',
  navLabel: '优秀名额',
  title: '优秀名额使用情况',
  lede: (ctx) => `考核优秀等次不超过参评人数的 ${formatPercent(ctx.rules.assessment.excellence_quota)}。名额按系部和角色分别核定：一个系部（角色）超出名额，不能用其他系部（角色）未用完的名额抵补。`,
  filters: ['semester', 'department', 'role'],
  roles: ['counselor', 'class_teacher', 'assistant', 'graduate_assistant'],
  panels: [total, units],
};
