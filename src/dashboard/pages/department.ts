/**
 * 部门: one page per department with every area for it, and its rank among the departments on each
 * measure, so that a department head can see where it stands. The area panels are the same ones
 * the area pages use, with the department filter fixed.
 */
import { INSTITUTION } from '../../metrics/staffing.ts';
import { ruleHtml, semesterTitle } from '../common.ts';
import { MEASURES, departmentReading, measureRows, rankOf, rankText, rowsOf, statusWord, type Measure } from '../measures.ts';
import type { Panel, PanelData, PageSpec } from '../types.ts';
import { assessmentPage } from './assessment.ts';
import { assistantsPage } from './assistants.ts';
import { quotaPage } from './quota.ts';
import { staffingPage } from './staffing.ts';
import { structurePage } from './structure.ts';
import { trainingPage } from './training.ts';
import { workloadPage } from './workload.ts';

/** A measure's rank as the page embeds it (`${id}_rank`), or, queried in the browser, from every department's rows. */
const rankFrom = (data: PanelData, m: Measure, unit: string, ctx: Parameters<typeof rankOf>[4]) => {
  const embedded = data[`${m.id}_rank`] as Array<{ rank: number | null; of: number | null; tied: number | null }> | undefined;
  if (!embedded) return rankOf(m, data[m.id] ?? [], unit, ctx.departments, ctx);
  const [r] = embedded;
  // With its ties: drawn again from what the page embeds, 并列第 1 名 stays 并列.
  return r?.rank == null || r.of == null ? null : { rank: r.rank, of: r.of, tied: r.tied ?? 1 };
};

const ranks: Panel = {
  id: 'ranks',
  title: (s) => `${s.department}在各系部中的位置 · ${semesterTitle(s)}`,
  queries: (s, ctx) =>
    Object.fromEntries(MEASURES.flatMap((m) => [[m.id, m.sql(ctx, s.semester, 'department')], [`${m.id}_all`, m.sql(ctx, s.semester, 'institution')]])),
  render: (data, s, ctx) => {
    const unit = s.department!;
    return {
      table: {
        title: `${unit}排名_${s.semester}`,
        rows: MEASURES.map((m) => ({
          m,
          own: departmentReading(m, data[m.id] ?? [], unit, s.semester, ctx),
          all: m.read(data[`${m.id}_all`] ?? [], INSTITUTION, ctx),
          rank: rankFrom(data, m, unit, ctx),
        })),
        rowKey: (r) => r.m.id,
        flagged: (r) => r.own?.ok === false,
        columns: [
          { key: 'measure', label: '指标', rowHeader: true, display: (r) => r.m.label },
          { key: 'value', label: '本系部', display: (r) => r.own?.text ?? '无数据' },
          { key: 'detail', label: '依据', display: (r) => r.own?.detail ?? '' },
          { key: 'status', label: '达标情况', display: (r) => statusWord(r.own) },
          { key: 'rank', label: '排名', display: (r) => (r.rank ? rankText(r.rank) : '—') },
          { key: 'institution', label: '全院', display: (r) => r.all?.text ?? '无数据' },
        ],
      },
    };
  },
  rule: () =>
    ruleHtml([
      ['排名在有数据的系部中计算，第 1 名为最好：师生比、超额个数越小越好，其余比例越大越好；数值相同者名次相同。', undefined],
    ]),
  public: { rows: measureRows(['', '_all']) },
  // Every department's rows are read for the rank; the page embeds its own rows and the rank only.
  embed: (data, s, ctx) =>
    Object.fromEntries(
      MEASURES.flatMap((m) => {
        const rank = rankOf(m, data[m.id] ?? [], s.department!, ctx.departments, ctx);
        return [
          [m.id, rowsOf(data[m.id] ?? [], s.department!)],
          [`${m.id}_all`, data[`${m.id}_all`] ?? []],
          [`${m.id}_rank`, [{ rank: rank?.rank ?? null, of: rank?.of ?? null, tied: rank?.tied ?? null }]],
        ];
      }),
    ),
};

const pick = (page: PageSpec, ids: string[]) => page.panels.filter((p) => ids.includes(p.id));

export const departmentPage: PageSpec = {
  id: 'department',
  path: 'departments.html',
  navLabel: '系部',
  title: '系部情况',
  lede: (ctx) => `本页汇总一个系部的各项指标及其在全院 ${ctx.departments.length} 个系部中的排名；各项的口径与依据见对应页面。`,
  filters: ['semester'],
  panels: [
    ranks,
    ...pick(staffingPage, ['summary', 'hiring']),
    ...pick(structurePage, ['summary', 'breakdown', 'people']).map((p) => ({ ...p, id: `structure-${p.id}` })),
    ...pick(workloadPage, ['norms', 'shortfalls']).map((p) => ({ ...p, id: `workload-${p.id}` })),
    ...pick(assessmentPage, ['grades', 'mismatches']).map((p) => ({ ...p, id: `assessment-${p.id}` })),
    ...pick(quotaPage, ['units']).map((p) => ({ ...p, id: `quota-${p.id}` })),
    ...pick(trainingPage, ['units', 'people']).map((p) => ({ ...p, id: `training-${p.id}` })),
    ...pick(assistantsPage, ['coverage', 'eligibility', 'uncovered']).map((p) => ({ ...p, id: `assistants-${p.id}` })),
  ],
};
