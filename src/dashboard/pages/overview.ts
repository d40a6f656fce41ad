/** 总览: one card per area with its key figure, 达标/未达标, and the change against the previous semester; then every department at a glance. */
import { escapeHtml } from '../../domain/format.ts';
import { semesterLabel } from '../../domain/semester.ts';
import { INSTITUTION } from '../../metrics/staffing.ts';
import { cardsHtml, ruleHtml, semesterTitle } from '../common.ts';
import { previousSemester } from '../context.ts';
import { MEASURES, changeText, statusWord, type Reading } from '../measures.ts';
import type { Panel, PageSpec } from '../types.ts';

const areas: Panel = {
  id: 'areas',
  title: (s) => `全院各项指标 · ${semesterTitle(s)}`,
  queries: (s, ctx) => {
    const prev = previousSemester(ctx, s.semester);
    return Object.fromEntries(
      MEASURES.flatMap((m) => [[m.id, m.sql(ctx, s.semester, 'institution')], ...(prev ? [[`${m.id}_prev`, m.sql(ctx, prev, 'institution')]] : [])]),
    );
  },
  render: (data, s, ctx) => {
    const prev = previousSemester(ctx, s.semester);
    const change = (m: (typeof MEASURES)[number], now: Reading | null) => {
      if (!prev) return '无上一学期数据可比';
      const before = m.read(data[`${m.id}_prev`] ?? [], INSTITUTION, ctx);
      if (!now || now.value == null || !before || before.value == null) return `上学期（${semesterLabel(prev)}）无可比数据`;
      return `较上学期 ${changeText(m, now.value, before.value)}（上学期 ${before.text}）`;
    };
    return {
      html: cardsHtml(
        MEASURES.map((m) => {
          const now = m.read(data[m.id] ?? [], INSTITUTION, ctx);
          return {
            key: m.id,
            label: m.label,
            value: now ? `${now.text} · ${statusWord(now)}` : '无数据',
            tone: now?.ok == null ? undefined : now.ok ? 'ok' : 'bad',
            note: `${now ? `${now.detail}。` : ''}${change(m, now)}`,
            href: ctx.root + m.page,
          };
        }),
      ),
      table: {
        title: `全院各项指标_${s.semester}`,
        rows: MEASURES.map((m) => ({ m, now: m.read(data[m.id] ?? [], INSTITUTION, ctx), before: prev ? m.read(data[`${m.id}_prev`] ?? [], INSTITUTION, ctx) : null })),
        rowKey: (r) => r.m.id,
        flagged: (r) => r.now?.ok === false,
        columns: [
          { key: 'measure', label: '指标', rowHeader: true, display: (r) => r.m.label },
          { key: 'value', label: semesterLabel(s.semester), display: (r) => r.now?.text ?? '无数据' },
          { key: 'detail', label: '依据', display: (r) => r.now?.detail ?? '' },
          { key: 'status', label: '达标情况', display: (r) => statusWord(r.now) },
          { key: 'previous', label: prev ? `上学期（${semesterLabel(prev)}）` : '上学期', display: (r) => r.before?.text ?? '无数据' },
          { key: 'change', label: '变化', display: (r) => (r.now?.value != null && r.before?.value != null ? changeText(r.m, r.now.value, r.before.value) : '—') },
        ],
      },
    };
  },
  rule: (ctx) =>
    ruleHtml([
      [`师生比：专职辅导员按 1:${ctx.rules.max_students_per_counselor} 配备，不超过即达标。`, 'seeds/004'],
      ['周工作要求达成率：辅导员达到全部周工作要求的人周次 ÷ 全部人周次，不低于规则方案 workload.target_share 为达标。', 'seeds/001'],
      ['考核完成率：名册上的辅导员中本学期有考核结果的比例，全部完成为达标。', 'seeds/000、004'],
      ['优秀名额：按系部和角色分别核定，无一超额为达标。', 'seeds/000'],
      [`培训：专职辅导员校级培训学时达到每年 ${ctx.rules.training.school_hours_per_year} 学时的比例，全部达到为达标。`, 'seeds/004'],
      ['助理：已配备助理的班级比例，每班有且只有 1 名为达标。', 'seeds/000'],
      ['队伍结构：专职辅导员中规则方案所选指标（中共党员、硕士及以上学历或副高级及以上职称）的占比；规则方案设有目标比例时判断是否达标，否则只列数值（“未设目标”）。', 'seeds/004；规则方案 structure.headline'],
    ]),
};

const departments: Panel = {
  id: 'departments',
  title: (s) => `各系部一览 · ${semesterTitle(s)}`,
  queries: (s, ctx) => Object.fromEntries(MEASURES.map((m) => [m.id, m.sql(ctx, s.semester, 'department')])),
  render: (data, s, ctx) => ({
    table: {
      title: `各系部一览_${s.semester}`,
      rows: ctx.departments.map((department) => ({ department, readings: new Map(MEASURES.map((m) => [m.id, m.read(data[m.id] ?? [], department, ctx)])) })),
      rowKey: (r) => r.department,
      flagged: (r) => [...r.readings.values()].some((x) => x?.ok === false),
      columns: [
        { key: 'department', label: '系部', rowHeader: true },
        ...MEASURES.map((m) => ({
          key: m.id,
          label: m.label,
          display: (r: { readings: Map<string, Reading | null> }) => {
            const x = r.readings.get(m.id) ?? null;
            return x ? `${x.text}${x.ok === false ? ' ▲未达标' : ''}` : '—';
          },
        })),
      ],
    },
    html: `<p class="note">点击系部名称查看该系部的详细情况及在各系部中的排名：${ctx.departments
      .map((d) => `<a href="${escapeHtml(ctx.root + ctx.departmentPages[d]!)}">${escapeHtml(d)}</a>`)
      .join('、')}</p>`,
  }),
};

export const overviewPage: PageSpec = {
  id: 'overview',
  path: 'index.html',
  navLabel: '总览',
  title: '辅导员队伍建设总览',
  lede: (ctx) => `${ctx.rules.institution}辅导员队伍建设各项指标，对照规则方案（${ctx.rules.profile_label}）判断是否达标，并与上一学期比较。`,
  filters: ['semester'],
  panels: [areas, departments],
};
