/** 培训: school-level hours per full-time counselor against the yearly norm; who has had no national or provincial course within the window. */
import { hbars } from '../../charts/hbars.ts';
import { trainingPeopleSql, trainingUnitsSql, type TrainingPersonRow, type TrainingUnitRow } from '../../metrics/training.ts';
import { formatPercent } from '../../views/table.ts';
import { institutionFirst, ratio, ruleHtml, ruleSource, scopeLabel, semesterTitle, unitsLabel } from '../common.ts';
import { trainingParams, type DashboardContext } from '../context.ts';
import { POPULATIONS } from '../../domain/disclosure.ts';
import { countsPanel } from '../counts.ts';
import { counting } from '../groups.ts';
import { restingOn } from '../coverage-notes.ts';
import type { Panel, PageSpec } from '../types.ts';
import { inductionPanel } from './people-rules.ts';

export const trainingRule = (ctx: DashboardContext) => {
  const t = ctx.rules.training;
  return ruleHtml([
    [`每名专职辅导员每年参加校级培训不少于 ${t.school_hours_per_year} 学时。第一学期按学期开始的当年统计，第二学期按次年统计。`, ruleSource(ctx, 'training.school_hours_per_year')],
    [`每 ${t.national_or_provincial_every_years} 年至少参加 1 次国家级或省级（自治区级）培训：本年度及此前 ${t.national_or_provincial_every_years - 1} 年内有此类培训即为达到。`, ruleSource(ctx, 'training.national_or_provincial_every_years')],
    ['统计对象为本学期辅导员名册中的专职辅导员；培训记录按工号匹配，工号不一致时按同一系部的姓名匹配。', undefined],
  ]);
};

const units: Panel = {
  id: 'units',
  title: (s) => `${unitsLabel(s)}专职辅导员校级培训学时 · ${semesterTitle(s)}`,
  // 全院 row only for the whole institution: with a department selected it would be that department's numbers under 全院.
  queries: (s, ctx) => ({
    rows: trainingUnitsSql(trainingParams(ctx), s, 'department'),
    ...(s.department ? {} : { total: trainingUnitsSql(trainingParams(ctx), s, 'institution') }),
  }),
  render: (data, s, ctx) => {
    const norm = ctx.rules.training.school_hours_per_year;
    const rows = institutionFirst<TrainingUnitRow>(data).map((r) => ({
      ...r,
      mean: r.counselors && r.school_hours != null ? r.school_hours / r.counselors : null,
      share: r.meets_hours == null ? null : ratio(r.meets_hours, r.counselors),
    }));
    // A unit with a note (no training record for the year) has no bar: the note stands in the table.
    const depts = rows.filter((r) => r.department !== '全院' && r.note == null).sort((a, b) => (a.share ?? 0) - (b.share ?? 0) || (a.mean ?? 0) - (b.mean ?? 0));
    return {
      // One encoding: the bar is the share of counselors reaching the hours, green only when all do (the requirement).
      chart: depts.length
        ? (document, width) =>
            hbars(
              depts.map((r) => ({ label: r.department, value: r.share, ok: r.meets_hours === r.counselors, text: `${r.meets_hours ?? 0}/${r.counselors} 人达到；人均 ${(r.mean ?? 0).toFixed(1)} 学时` })),
              {
                document,
                width,
                percent: true,
                max: 1,
                ariaLabel: `各系部专职辅导员中校级培训达到 ${norm} 学时的比例`,
                xLabel: `校级培训达到每年 ${norm} 学时的专职辅导员比例 →`,
                rule: { value: 1, label: '要求：全部达到' },
              },
            )
        : undefined,
      chartAlt: `条形长度为各系部专职辅导员中校级培训学时达到每年 ${norm} 学时的比例，虚线为全部达到的要求；全部达到为绿色，否则为红色。右侧注明人数和人均学时，数值见下表。`,
      table: {
        title: '培训学时',
        rows,
        rowKey: (r) => r.department,
        flagged: (r) => r.note == null && ((r.meets_hours ?? 0) < r.counselors || (r.without_higher ?? 0) > 0),
        empty: '无数据：所选学期和范围内没有专职辅导员。',
        columns: [
          { key: 'department', label: '系部', rowHeader: true },
          { key: 'counselors', label: '专职辅导员', format: 'int' },
          { key: 'mean', label: '人均校级学时', format: 'decimal1' },
          { key: 'meets_hours', label: `达到 ${norm} 学时人数`, format: 'int' },
          { key: 'share', label: '达到比例', format: 'percent' },
          { key: 'without_higher', label: `${ctx.rules.training.national_or_provincial_every_years} 年内无国家级、省级培训人数`, format: 'int' },
        ],
      },
    };
  },
  rule: trainingRule,
  noteForAll: true,
  public: { rows: { rows: counting([POPULATIONS.fullTime]), total: counting([POPULATIONS.fullTime]) } },
};

const people: Panel = {
  id: 'people',
  title: (s) => `培训未达要求的专职辅导员 · ${scopeLabel(s)} · ${semesterTitle(s)}`,
  queries: (s, ctx) => ({ rows: trainingPeopleSql(trainingParams(ctx), s) }),
  render: (data, s, ctx) => {
    const years = ctx.rules.training.national_or_provincial_every_years;
    const rows = (data.rows as unknown as TrainingPersonRow[]).filter((r) => r.note == null && (!r.meets_hours || r.higher_courses === 0));
    return {
      table: {
        title: '培训未达要求人员',
        rows,
        rowKey: (r) => `${r.department}|${r.staff_id}`,
        flagged: () => true,
        // "All trained" only where there are full-time counselors to speak of.
        empty: (data.rows as unknown as TrainingPersonRow[]).length ? '所选范围内的专职辅导员培训均达到要求。' : '无数据：所选学期和范围内没有专职辅导员。',
        columns: [
          { key: 'department', label: '系部', rowHeader: true },
          { key: 'name', label: '姓名' },
          { key: 'staff_id', label: '工号' },
          { key: 'year', label: '培训年度', display: (r) => `${r.year} 年` },
          { key: 'school_hours', label: '校级学时', format: 'decimal1' },
          { key: 'meets_hours', label: '校级学时达到', format: 'yesno' },
          { key: 'higher', label: `${years} 年内国家级、省级培训`, display: (r) => (r.higher_courses > 0 ? `${r.higher_courses} 次` : '无') },
          { key: 'last_higher_year', label: '最近一次国家级、省级培训', display: (r) => (r.last_higher_year == null ? '无记录' : `${r.last_higher_year} 年`) },
        ],
      },
    };
  },
  rule: trainingRule,
  noteForAll: true,
  // The counts per department are in the table above (达到学时人数, 无国家级、省级培训人数): this list adds only who.
  public: {
    panel: countsPanel({
      title: (s) => `培训未达要求的专职辅导员人数 · ${scopeLabel(s)} · ${semesterTitle(s)}`,
      list: (s, ctx) => `SELECT * FROM (${trainingPeopleSql(trainingParams(ctx), s)}) WHERE note IS NULL AND (NOT meets_hours OR higher_courses = 0)`,
      noteFrom: (s, ctx) => trainingPeopleSql(trainingParams(ctx), s),
      populations: () => [POPULATIONS.fullTime],
      label: '人数',
      tableTitle: '培训未达要求人数',
      empty: () => '所选范围内的专职辅导员培训均达到要求，或没有专职辅导员。',
      rule: trainingRule,
    }),
  },
};

export const trainingPage: PageSpec = {
  id: 'training',
  path: 'training.html',
  navLabel: '培训',
  title: '培训情况',
  lede: (ctx) =>
    `专职辅导员每年校级培训不少于 ${ctx.rules.training.school_hours_per_year} 学时，每 ${ctx.rules.training.national_or_provincial_every_years} 年至少参加一次国家级或省级（自治区级）培训。达到比例以 ${formatPercent(1)} 为达标。`,
  filters: ['semester', 'department'],
  // Over the roster's full-time counselors: a department whose roster was not read shows its note.
  panels: restingOn(['counselors'], [units, people, inductionPanel]),
};
