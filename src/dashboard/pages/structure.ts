/**
 * 队伍结构: who the counselors are — gender, age, 政治面貌, 学历 and 学位, 职称, years in post — as
 * counts and shares against the previous semester, per department side by side, the age pyramid,
 * and the people who do not meet a rule of the profile. Full-time counselors by default.
 */
import { agePyramid } from '../../charts/age-pyramid.ts';
import { shareStacks, type Segment } from '../../charts/share-stacks.ts';
import { formatInt } from '../../domain/format.ts';
import { EDUCATION_LABELS, POLITICAL_LABELS, ageBands, type Education, type Political } from '../../domain/people.ts';
import { semesterLabel } from '../../domain/semester.ts';
import {
  EMPLOYMENT_SCOPES,
  UNKNOWN,
  UNKNOWN_LABEL,
  agePyramidSql,
  breakdownSql,
  completenessSql,
  dimensions,
  peopleFlagsSql,
  structureSummarySql,
  type AgePyramidRow,
  type BreakdownRow,
  type CompletenessRow,
  type EmploymentScope,
  type PersonFlagRow,
  type StructureFilters,
  type StructureSummaryRow,
} from '../../metrics/structure.ts';
import { meanAgeText, pointsDelta, structureFigures } from '../../views/structure.ts';
import { formatPercent, type Column } from '../../views/table.ts';
import { cardsHtml, citeText, ratio, ruleHtml, ruleSource, scopeLabel, semesterTitle } from '../common.ts';
import { previousSemester, structureParams, type DashboardContext } from '../context.ts';
import { countsPanel } from '../counts.ts';
import { rosterPopulations } from '../groups.ts';
import { restingOn } from '../coverage-notes.ts';
import type { Panel, PageSpec, RowPeople, State } from '../types.ts';

const employmentOf = (s: State) => (s.employment ?? 'full_time') as EmploymentScope;
const who = (s: State) => EMPLOYMENT_SCOPES[employmentOf(s)];
const scope = (s: State, semester = s.semester): StructureFilters => ({ semester, department: s.department, employment: employmentOf(s) });
const unitOf = (s: State) => (s.department ? 'department' : 'institution');
const DIMENSION_DEFAULT = 'education';
/** Rows about the counselors in scope (the previous semester's for `prev`). */
const inScope: RowPeople = { populations: (s) => rosterPopulations(employmentOf(s)) };
const previous: RowPeople = { ...inScope, semester: (s, ctx) => previousSemester(ctx, s.semester) };
const withPreviousRows = (now: string) => ({ [now]: inScope, prev: previous });

export const structureRule = (ctx: DashboardContext) => {
  const st = ctx.rules.structure;
  return ruleHtml([
    ['统计对象为所选学期辅导员名册上的人员，默认为专职辅导员（可选兼职或全部）。各项占比的分母为全部人数；未填写或无法识别的单列为“未填写”，不从分母中剔除。', undefined],
    ['年龄和从事辅导员工作年限按学期第一天（教学日历所定的开学日）计算周岁和整年。出生年月只用于计算年龄，不发布。', undefined],
    [`年龄段：${ageBands(st.age_bands).map((b) => b.label).join('、')}；“${st.young_age}岁及以下”含${st.young_age}岁（汇报中“${st.young_age}岁以下”同此口径）。平均年龄按填写了出生年月的人员计算。`, ruleSource(ctx, 'structure.age_bands')],
    ['中共党员含中共预备党员。硕士及以上学历指硕士研究生、博士研究生。职称按名称归入正高级（教授、研究员等）、副高级（副教授、高级讲师、高级工程师等）、中级（讲师等）、初级（助教等）和未定级，副高级及以上含正高级、副高级。', undefined],
    [`辅导员应具备${EDUCATION_LABELS[st.min_education]}及以上学历；原则上应为中共党员（“原则上”，非党员仅作提示，不计为不符合）。`, ruleSource(ctx, 'structure.party_expected')],
  ]);
};

const changeOf = (now: number | null, before: number | null, delta: (a: number, b: number) => string) => (now != null && before != null ? delta(now, before) : '—');

/** The same query for the selected semester (`now`) and, when there is one, the previous (`prev`). */
function withPrevious(s: State, ctx: DashboardContext, now: string, sql: (semester: string) => string): Record<string, string> {
  const prev = previousSemester(ctx, s.semester);
  return { [now]: sql(s.semester), ...(prev ? { prev: sql(prev) } : {}) };
}

const summary: Panel = {
  id: 'summary',
  title: (s) => `${scopeLabel(s)}${who(s)}队伍结构 · ${semesterTitle(s)}`,
  queries: (s, ctx) => withPrevious(s, ctx, 'now', (semester) => structureSummarySql(structureParams(ctx), scope(s, semester), unitOf(s))),
  render: (data, s, ctx) => {
    const now = (data.now as unknown as StructureSummaryRow[])[0];
    const before = (data.prev as unknown as StructureSummaryRow[] | undefined)?.[0];
    const prev = previousSemester(ctx, s.semester);
    if (!now) return { html: `<p class="empty">所选学期和范围内的辅导员名册中没有${who(s)}。</p>` };
    if (now.described === 0)
      return { html: `<p class="empty">所选学期的辅导员名册没有填写性别、出生年月、政治面貌、学历、职称等信息，无法统计队伍结构（共 ${formatInt(now.people)} 人）。请按辅导员信息表报送。</p>` };
    const comparable = before && before.described > 0 ? before : null;
    const figures = structureFigures(ctx.rules.structure);
    return {
      html: cardsHtml(
        figures.map((f) => {
          const unknown = f.unknown(now);
          const change = comparable ? `较上学期${changeOf(f.value(now), f.value(comparable), f.delta)}` : prev ? '上学期无可比数据' : '无上一学期数据可比';
          return {
            key: f.id,
            label: f.label,
            value: f.text(now),
            tone: f.rule ? (f.count(now)! > 0 ? 'bad' : 'ok') : undefined,
            note: `${unknown > 0 ? `未填写 ${unknown} 人。` : ''}${change}`,
          };
        }),
      ),
      table: {
        title: `队伍结构_${s.semester}`,
        rows: figures.map((f) => ({ f, now, before: comparable })),
        rowKey: (r) => r.f.id,
        flagged: (r) => !!r.f.rule && r.f.count(now)! > 0,
        columns: [
          { key: 'figure', label: '项目', rowHeader: true, display: (r) => r.f.label },
          { key: 'count', label: '人数', format: 'int', value: (r) => r.f.count(r.now) },
          { key: 'value', label: semesterLabel(s.semester), display: (r) => (r.f.id === 'mean_age' ? meanAgeText(r.now) : r.f.id === 'people' ? formatInt(r.now.people) : formatPercent(r.f.value(r.now))) },
          { key: 'unknown', label: '未填写', format: 'int', value: (r) => r.f.unknown(r.now) },
          { key: 'previous', label: prev ? `上学期（${semesterLabel(prev)}）` : '上学期', display: (r) => (r.before ? (r.f.id === 'mean_age' ? meanAgeText(r.before) : r.f.id === 'people' ? formatInt(r.before.people) : formatPercent(r.f.value(r.before))) : '无数据') },
          { key: 'change', label: '变化', display: (r) => (r.before ? changeOf(r.f.value(r.now), r.f.value(r.before), r.f.delta) : '—') },
        ],
      },
    };
  },
  rule: structureRule,
  public: { rows: withPreviousRows('now') },
};

const breakdown: Panel = {
  id: 'breakdown',
  title: (s) => `${who(s)}各项构成 · ${scopeLabel(s)} · ${semesterTitle(s)}`,
  queries: (s, ctx) => withPrevious(s, ctx, 'rows', (semester) => breakdownSql(structureParams(ctx), scope(s, semester), unitOf(s))),
  render: (data, s, ctx) => {
    const dims = dimensions(structureParams(ctx));
    const count = (rows: BreakdownRow[], d: string, c: string) => rows.find((r) => r.dimension === d && r.category === c)?.people ?? 0;
    const rows = data.rows as unknown as BreakdownRow[];
    const prevRows = (data.prev ?? []) as unknown as BreakdownRow[];
    const total = (list: BreakdownRow[]) => list.filter((r) => r.dimension === 'gender').reduce((n, r) => n + Number(r.people), 0);
    const n = total(rows);
    const m = total(prevRows);
    // A previous semester without any attribute is no comparison (every category but 未填写 empty).
    const prevDescribed = prevRows.some((r) => r.category !== UNKNOWN && r.people > 0);
    const table = dims.flatMap((d) =>
      d.categories.map((c) => {
        const people = count(rows, d.id, c.code);
        const before = prevDescribed && m > 0 ? count(prevRows, d.id, c.code) / m : null;
        return { id: `${d.id}|${c.code}`, dimension: d.label, category: c.label, people, share: ratio(people, n), before };
      }),
    );
    const described = rows.some((r) => r.category !== UNKNOWN && r.people > 0);
    return {
      chart:
        n > 0 && described
          ? (document, width) =>
              shareStacks(
                dims.flatMap((d) =>
                  d.categories.map((c, position): Segment => ({ row: d.label, category: c.label, position, count: count(rows, d.id, c.code), unknown: c.code === UNKNOWN })),
                ),
                { document, width, ariaLabel: `${scopeLabel(s)}${who(s)}各项构成（占全部人数的比例）` },
              )
          : undefined,
      chartAlt: `每个条形为一项构成（性别、年龄、政治面貌、学历等），按类别分段，段内文字为类别和占全部${who(s)}的比例，灰色为未填写；较窄的段未标注，人数和占比见下表。`,
      table: {
        title: `队伍结构构成_${s.semester}`,
        rows: table,
        rowKey: (r) => r.id,
        empty: '所选学期和范围内没有辅导员名册。',
        columns: [
          { key: 'dimension', label: '项目', rowHeader: true },
          { key: 'category', label: '类别' },
          { key: 'people', label: '人数', format: 'int' },
          { key: 'share', label: '占比', format: 'percent' },
          { key: 'before', label: '上学期占比', format: 'percent' },
          { key: 'change', label: '变化', display: (r) => changeOf(r.share, r.before, pointsDelta) },
        ],
      },
    };
  },
  rule: structureRule,
  public: { rows: withPreviousRows('rows') },
};

const compare: Panel = {
  id: 'compare',
  title: (s) => `各系部${who(s)}队伍结构对比 · ${semesterTitle(s)}`,
  // 全院 row only for the whole institution: with a department selected it would be that department's numbers under 全院.
  queries: (s, ctx) => ({
    rows: structureSummarySql(structureParams(ctx), scope(s), 'department'),
    ...(s.department ? {} : { total: structureSummarySql(structureParams(ctx), scope(s), 'institution') }),
  }),
  render: (data, s, ctx) => {
    const figures = structureFigures(ctx.rules.structure).filter((f) => f.id !== 'people');
    const rows = [...(data.rows as unknown as StructureSummaryRow[]), ...((data.total ?? []) as unknown as StructureSummaryRow[])];
    return {
      table: {
        title: `各系部队伍结构_${s.semester}`,
        rows,
        rowKey: (r) => r.department,
        flagged: (r) => r.below_min_education > 0,
        empty: '所选学期和范围内没有辅导员名册。',
        columns: [
          { key: 'department', label: '系部', rowHeader: true },
          { key: 'people', label: '人数', format: 'int' },
          ...figures.map(
            (f): Column<StructureSummaryRow> =>
              f.id === 'mean_age'
                ? { key: f.id, label: `${f.short}（岁）`, format: 'decimal1', value: (r) => r.mean_age }
                : f.rule
                  ? { key: f.id, label: `${f.short}（人）`, format: 'int', value: (r) => f.count(r) }
                  : { key: f.id, label: f.short, format: 'percent', value: (r) => f.value(r) },
          ),
        ],
      },
    };
  },
  rule: structureRule,
  public: { rows: { rows: inScope, total: inScope } },
};

const DIMENSION_OPTIONS: ReadonlyArray<readonly [string, string]> = [
  ['education', '学历'],
  ['political', '政治面貌'],
  ['title', '职称'],
  ['age', '年龄'],
  ['gender', '性别'],
  ['degree', '学位'],
  ['years', '从事辅导员工作年限'],
  ['major', '所学专业'],
  ['ethnicity', '民族'],
];

const stacks: Panel = {
  id: 'stacks',
  title: (s) => `各系部${who(s)}${DIMENSION_OPTIONS.find(([id]) => id === (s.dimension ?? DIMENSION_DEFAULT))![1]}构成 · ${semesterTitle(s)}`,
  queries: (s, ctx) => ({ rows: breakdownSql(structureParams(ctx), scope(s), 'department') }),
  render: (data, s, ctx) => {
    const dim = dimensions(structureParams(ctx)).find((d) => d.id === (s.dimension ?? DIMENSION_DEFAULT))!;
    const rows = (data.rows as unknown as BreakdownRow[]).filter((r) => r.dimension === dim.id);
    const departments = [...new Set(rows.map((r) => r.department))];
    const count = (d: string, c: string) => rows.find((r) => r.department === d && r.category === c)?.people ?? 0;
    const described = rows.some((r) => r.category !== UNKNOWN && r.people > 0);
    return {
      chart:
        departments.length && described
          ? (document, width) =>
              shareStacks(
                departments.flatMap((d) => dim.categories.map((c, position): Segment => ({ row: d, category: c.label, position, count: count(d, c.code), unknown: c.code === UNKNOWN }))),
                { document, width, categories: dim.categories.map((c) => c.label), ariaLabel: `各系部${who(s)}${dim.label}构成（占比）` },
              )
          : undefined,
      chartAlt: `每个条形为一个系部的${who(s)}，按${dim.label}分段，段内数字为占该系部人数的比例，灰色为未填写；人数见下表。`,
      table: {
        title: `各系部${dim.label}构成_${s.semester}`,
        rows: departments.map((department) => ({ department })),
        rowKey: (r) => r.department,
        empty: '所选学期和范围内没有辅导员名册。',
        columns: [
          { key: 'department', label: '系部', rowHeader: true },
          ...dim.categories.map((c): Column<{ department: string }> => ({ key: c.code, label: c.label, format: 'int', value: (r) => count(r.department, c.code) })),
          { key: 'total', label: '合计', format: 'int', value: (r) => dim.categories.reduce((n, c) => n + Number(count(r.department, c.code)), 0) },
        ],
      },
    };
  },
  rule: structureRule,
  public: { rows: { rows: inScope } },
};

const pyramid: Panel = {
  id: 'pyramid',
  title: (s) => `${who(s)}年龄结构（按性别） · ${scopeLabel(s)} · ${semesterTitle(s)}`,
  queries: (s, ctx) => ({ rows: agePyramidSql(structureParams(ctx), scope(s)) }),
  render: (data, s, ctx) => {
    const rows = data.rows as unknown as AgePyramidRow[];
    const bands = [...ageBands(ctx.rules.structure.age_bands), { code: UNKNOWN, label: UNKNOWN_LABEL }];
    const count = (band: string, gender: string) => rows.find((r) => r.band === band && r.gender === gender)?.people ?? 0;
    const known = bands.filter((b) => b.code !== UNKNOWN);
    const drawn = known.reduce((n, b) => n + Number(count(b.code, 'male')) + Number(count(b.code, 'female')), 0);
    return {
      chart:
        drawn > 0
          ? (document, width) =>
              agePyramid(
                known.flatMap((b) => [
                  { band: b.label, gender: '男' as const, count: count(b.code, 'male') },
                  { band: b.label, gender: '女' as const, count: count(b.code, 'female') },
                ]),
                { document, width: width == null ? undefined : Math.min(width, 640), bands: known.map((b) => b.label), ariaLabel: `${scopeLabel(s)}${who(s)}各年龄段男女人数` },
              )
          : undefined,
      chartAlt: `左侧为男性、右侧为女性各年龄段人数，条旁数字为人数；年龄或性别未填写的人员不在图中，见下表。`,
      table: {
        title: `年龄结构_${s.semester}`,
        rows: bands.map((b) => ({ code: b.code, label: b.label })),
        rowKey: (r) => r.code,
        empty: '所选学期和范围内没有辅导员名册。',
        columns: [
          { key: 'band', label: '年龄段', rowHeader: true, display: (r) => r.label },
          { key: 'male', label: '男', format: 'int', value: (r) => count(r.code, 'male') },
          { key: 'female', label: '女', format: 'int', value: (r) => count(r.code, 'female') },
          { key: 'unknown', label: '性别未填写', format: 'int', value: (r) => count(r.code, UNKNOWN) },
          // Number(): a public build's 少于3人 makes the sum NaN (shown as —), not text run together.
          { key: 'total', label: '合计', format: 'int', value: (r) => Number(count(r.code, 'male')) + Number(count(r.code, 'female')) + Number(count(r.code, UNKNOWN)) },
        ],
      },
    };
  },
  rule: structureRule,
  // The rows are the view's unit's (the institution, or the department selected).
  public: { rows: { rows: inScope } },
};

const people: Panel = {
  id: 'people',
  title: (s) => `学历、政治面貌、聘用方式需关注的${who(s)} · ${scopeLabel(s)} · ${semesterTitle(s)}`,
  queries: (s, ctx) => ({
    rows: peopleFlagsSql({ ...structureParams(ctx), partyExpected: ctx.rules.structure.party_expected, disallowedHiring: ctx.rules.disallowed_hiring }, scope(s)),
    summary: structureSummarySql(structureParams(ctx), scope(s), 'institution'),
  }),
  render: (data, s, ctx) => {
    const min = EDUCATION_LABELS[ctx.rules.structure.min_education];
    const sum = (data.summary as unknown as StructureSummaryRow[])[0];
    const what = (r: PersonFlagRow) =>
      [
        r.below_education && `学历低于${min}`,
        r.disallowed_hiring && `${r.hiring}聘用`,
        r.not_party && '非中共党员（提示）',
      ]
        .filter(Boolean)
        .join('；');
    return {
      table: {
        title: `需关注人员_${s.semester}`,
        rows: data.rows as unknown as PersonFlagRow[],
        rowKey: (r) => `${r.department}|${r.staff_id}`,
        flagged: (r) => r.below_education || r.disallowed_hiring,
        // "Everyone meets the rules" only when the roster says who they are.
        empty: !sum ? '所选学期和范围内没有辅导员名册。' : sum.education_known + sum.political_known === 0 ? '名册未填写学历和政治面貌，无法判断。' : `所选范围内的${who(s)}学历均为${min}及以上，均为中共党员（含预备党员），无派遣、代理聘用。`,
        columns: [
          { key: 'department', label: '系部', rowHeader: true },
          { key: 'name', label: '姓名' },
          { key: 'staff_id', label: '工号' },
          { key: 'employment', label: '专兼职', display: (r) => (r.employment === 'full_time' ? '专职' : '兼职') },
          { key: 'education', label: '学历', display: (r) => (r.education ? EDUCATION_LABELS[r.education as Education] : UNKNOWN_LABEL) },
          { key: 'political_status', label: '政治面貌', display: (r) => (r.political_status ? POLITICAL_LABELS[r.political_status as Political] : UNKNOWN_LABEL) },
          { key: 'hiring', label: '聘用方式', display: (r) => r.hiring ?? '' },
          { key: 'what', label: '情况', display: what },
        ],
      },
    };
  },
  rule: (ctx) =>
    ruleHtml([
      [`学历低于${EDUCATION_LABELS[ctx.rules.structure.min_education]}：不符合辅导员基本条件（所在行标红）。`, ruleSource(ctx, 'structure.min_education')],
      [`以 ${ctx.rules.disallowed_hiring.join('、')} 方式聘用：原则上不得以此类方式聘用辅导员（所在行标红，另见“师生比”页）。`, ruleSource(ctx, 'staffing.disallowed_hiring')],
      ['非中共党员：政策要求“原则上应为中共党员”，此处仅作提示，不计为不符合；政治面貌未填写的不列入（计入“未填写”）。', ruleSource(ctx, 'structure.party_expected')],
    ]),
  // Membership is in the 政治面貌 breakdown above and hiring on the staffing page: the public count is of those below the minimum 学历.
  public: {
    panel: countsPanel({
      title: (s, ctx) => `学历低于${EDUCATION_LABELS[ctx.rules.structure.min_education]}的${who(s)}人数 · ${semesterTitle(s)}`,
      list: (s, ctx) =>
        `SELECT * FROM (${peopleFlagsSql({ ...structureParams(ctx), partyExpected: false, disallowedHiring: [] }, scope(s))}) WHERE below_education`,
      populations: (s) => rosterPopulations(employmentOf(s)),
      label: '人数',
      tableTitle: `学历低于要求人数`,
      empty: (s, ctx) => `所选范围内的${who(s)}学历均为${EDUCATION_LABELS[ctx.rules.structure.min_education]}及以上，或名册未填写学历。`,
      rule: (ctx) => ruleHtml([[`学历低于${EDUCATION_LABELS[ctx.rules.structure.min_education]}：不符合辅导员基本条件。`, ruleSource(ctx, 'structure.min_education')]]),
    }),
  },
};

const completeness: Panel = {
  id: 'completeness',
  title: (s) => `名册信息未填写情况 · ${semesterTitle(s)}`,
  queries: (s) => ({ rows: completenessSql(scope(s)) }),
  render: (data, s) => {
    const keys = [['gender', '性别'], ['age', '出生年月（年龄）'], ['political', '政治面貌'], ['education', '学历'], ['degree', '学位'], ['title', '职称'], ['years', '任辅导员时间']] as const;
    return {
      table: {
        title: `名册信息未填写_${s.semester}`,
        rows: data.rows as unknown as CompletenessRow[],
        rowKey: (r) => r.department,
        flagged: (r) => keys.some(([k]) => r[k] > 0),
        empty: '所选学期和范围内没有辅导员名册。',
        caption: '表中为各项未填写（或无法识别）的人数；无法识别的值另见“数据质量”页的提示。',
        columns: [
          { key: 'department', label: '系部', rowHeader: true },
          { key: 'people', label: '人数', format: 'int' },
          ...keys.map(([key, label]): Column<CompletenessRow> => ({ key, label, format: 'int' })),
        ],
      },
    };
  },
  public: { rows: { rows: inScope } },
};

export const structurePage: PageSpec = {
  id: 'structure',
  path: 'structure.html',
  navLabel: '队伍结构',
  title: '辅导员队伍结构',
  lede: (ctx) =>
    `辅导员的性别、年龄、政治面貌、学历学位、职称和从事辅导员工作年限，与上一学期比较；默认统计专职辅导员。辅导员应具备${EDUCATION_LABELS[ctx.rules.structure.min_education]}及以上学历，原则上应为中共党员。`,
  filters: ['semester', 'department'],
  options: [
    { name: 'employment', label: '统计对象', options: Object.entries(EMPLOYMENT_SCOPES), default: 'full_time' },
    { name: 'dimension', label: '各系部对比项', options: DIMENSION_OPTIONS, default: DIMENSION_DEFAULT },
  ],
  // Over the roster: a department whose roster was not read shows its note.
  panels: restingOn(['counselors'], [summary, breakdown, compare, stacks, pyramid, people, completeness]),
};
