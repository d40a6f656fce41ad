/**
 * 总览, what a leader reads in ten seconds: one card per area in a row (key figure, 达标/未达标 as
 * a flag, the change against the previous semester); then what needs attention — each department
 * and indicator that misses its requirement, the furthest first — and every department × indicator
 * as a grid of cells coloured by status, with its table. All of it is driven by the list of
 * measures (measures.ts): a new measure there is a new card, column and grid column here.
 */
import { statusGrid, type CellStatus, type GridCell } from '../../charts/status-grid.ts';
import { escapeHtml, formatInt, formatRatioWhole } from '../../domain/format.ts';
import { belowStaffingTarget, departmentStaffingSql, staffingRead, type StaffingRow } from '../../metrics/staffing.ts';
import { staffingRows } from '../groups.ts';
import { foldControlHtml, foldedRowClass, foldOf } from '../../views/fold.ts';
import { semesterLabel } from '../../domain/semester.ts';
import { INSTITUTION } from '../../metrics/staffing.ts';
import { cardsHtml, citeText, ruleHtml, ruleSource, semesterTitle } from '../common.ts';
import { departmentPage, previousSemester, staffingParams, type DashboardContext } from '../context.ts';
import { MEASURES, comparedText, departmentReading, readingChangeText, measureRows, needingAttention, ruleKindOf, statusWord, type Measure, type Reading } from '../measures.ts';
import type { Panel, PageSpec, PanelData, RowPeople, State } from '../types.ts';

/**
 * The measures by weight, the order of the cards, the headline and 需要关注: the weight each rule has
 * in the rules file (staffing first — a shortfall the committee must fill by hiring —, then the
 * daily work, training and assessment, then the quota, the assistants and the structure). A missed
 * measure of weight is red; a lesser one amber.
 */
const TONES: ReadonlyArray<readonly [string, 'high' | 'medium' | 'low']> = [
  ['ratio', 'high'],
  ['workload', 'medium'],
  ['training', 'medium'],
  ['assessment', 'medium'],
];
const byWeight = (ctx: DashboardContext): Measure[] =>
  [...MEASURES].sort((a, b) => ruleKindOf(a, ctx).weight - ruleKindOf(b, ctx).weight || MEASURES.indexOf(a) - MEASURES.indexOf(b));
const weightOf = (id: string) => TONES.find(([m]) => m === id)?.[1] ?? 'low';

/** The semesters a card's trend shows: up to five before the one viewed, oldest first. */
const HISTORY = 5;
function earlier(ctx: DashboardContext, semester: string, back: number): string | null {
  const i = ctx.semesters.indexOf(semester);
  return i - back >= 0 ? ctx.semesters[i - back]! : null;
}
/** The query key of a measure `back` semesters before the one viewed (1 is the previous semester's, '_prev'). */
const backKey = (id: string, back: number) => (back === 1 ? `${id}_prev` : `${id}_back${back}`);

/** The note under a card: the counts behind the figure, and how it moved since the previous semester. */
function comparison(m: Measure, now: Reading | null, before: Reading | null, prev: string | null): string {
  if (!prev) return '无上一学期数据可比';
  if (!now || now.value == null || !before || before.value == null) return `上学期（${semesterLabel(prev)}）无可比数据`;
  return comparedText(m, now, before, '上学期');
}

/** The institution's readings this semester and the previous one: the same queries for the cards and the table. */
const institutionQueries = (s: State, ctx: DashboardContext) => {
  const prev = previousSemester(ctx, s.semester);
  return Object.fromEntries(MEASURES.flatMap((m) => [[m.id, m.sql(ctx, s.semester, 'institution')], ...(prev ? [[`${m.id}_prev`, m.sql(ctx, prev, 'institution')]] : [])]));
};

/** The cards' queries: the institution now and before (the trend), and the departments' staffing (the headline). */
const cardQueries = (s: State, ctx: DashboardContext) => {
  const history = MEASURES.flatMap((m) =>
    Array.from({ length: HISTORY - 1 }, (_, i) => i + 2).flatMap((back) => {
      const semester = earlier(ctx, s.semester, back);
      return semester ? [[backKey(m.id, back), m.sql(ctx, semester, 'institution')] as const] : [];
    }),
  );
  return { ...institutionQueries(s, ctx), ...Object.fromEntries(history), headline_departments: departmentStaffingSql(staffingParams(ctx), s.semester) };
};

/** The cards' rows as the public build stores them: each semester's as its measure's, the departments' staffing as the staffing page's. */
function cardRows(): Record<string, RowPeople | 'as-is'> {
  const at = (p: RowPeople | 'as-is', back: number): RowPeople | 'as-is' => (p === 'as-is' ? p : { ...p, semester: (s, ctx) => earlier(ctx, s.semester, back) });
  const history = MEASURES.flatMap((m) => Array.from({ length: HISTORY - 1 }, (_, i) => i + 2).map((back) => [backKey(m.id, back), at(m.people, back)] as const));
  return { ...measureRows(['', '_prev']), ...Object.fromEntries(history), headline_departments: staffingRows() };
}

/**
 * The sentence a leader reads first: the team and the ratio, the departments short and how many
 * counselors they need, then the other measures missed, by weight.
 */
function headlineHtml(data: PanelData, s: State, ctx: DashboardContext): string {
  const t = ctx.rules.max_students_per_counselor;
  const institution = MEASURES.find((m) => m.id === 'ratio')!.read(data.ratio ?? [], INSTITUTION, ctx);
  // Only departments whose roster and enrollment were read: the others are named, never counted as short.
  const departments = ((data.headline_departments ?? []) as unknown as StaffingRow[]).filter(staffingRead);
  const below = departments.filter(belowStaffingTarget);
  const gaps = below.reduce((n, d) => n + (d.gap ?? 0), 0);
  const staffing = ((data.ratio ?? []) as unknown as StaffingRow[]).find((r) => r.department === INSTITUTION);
  const parts: string[] = [];
  if (staffing && institution?.value != null) {
    parts.push(
      `${staffing.excluded ? `全院（不含${staffing.excluded}）` : ''}专职辅导员${formatInt(staffing.full_time ?? 0)}人，师生比${formatRatioWhole(institution.value, t)}，${institution.ok ? `总体达到1:${t}要求` : `未达到1:${t}要求`}` +
        (below.length ? `；${below.length}个系部未达标，合计需增配${formatInt(gaps)}人` : departments.length ? '，各系部均达标' : ''),
    );
  } else parts.push('本学期尚无在校生人数或辅导员名册数据，无法计算师生比');
  const missed = byWeight(ctx).filter((m) => m.id !== 'ratio').flatMap((m) => {
    const r = m.read(data[m.id] ?? [], INSTITUTION, ctx);
    return r?.ok === false ? [`${m.short}${m.brief?.(r) ?? r.text}（${m.target(ctx)}）`] : [];
  });
  if (missed.length) parts.push(`${missed.join('，')}未达到要求`);
  else parts.push('其他各项指标均达到要求或尚无数据');
  return `<p class="headline" id="headline">${escapeHtml(semesterLabel(s.semester))}：${escapeHtml(parts.join('；'))}。</p>`;
}

/** A card's trend: its values over the semesters, oldest first, as a small line with the last point marked. */
function sparkline(m: Measure, points: ReadonlyArray<{ semester: string; r: Reading | null }>): string | undefined {
  const known = points.filter((p): p is { semester: string; r: Reading & { value: number } } => p.r?.value != null);
  if (known.length < 2) return undefined;
  const [w, h, pad] = [100, 24, 3];
  const values = known.map((p) => p.r.value);
  const [lo, hi] = [Math.min(...values), Math.max(...values)];
  const x = (i: number) => pad + (i * (w - 2 * pad)) / (points.length - 1);
  const y = (v: number) => (hi === lo ? h / 2 : h - pad - ((v - lo) * (h - 2 * pad)) / (hi - lo));
  const xy = points.flatMap((p, i) => (p.r?.value != null ? [[x(i), y(p.r.value)] as const] : []));
  const path = xy.map(([a, b], i) => `${i ? 'L' : 'M'}${a.toFixed(1)},${b.toFixed(1)}`).join('');
  const [lx, ly] = xy.at(-1)!;
  const words = known.map((p) => `${semesterLabel(p.semester)} ${p.r.text}`).join('，');
  return (
    `<svg viewBox="0 0 ${w} ${h}" role="img" aria-label="${escapeHtml(`${m.short}近${known.length}个学期：${words}`)}"><title>${escapeHtml(words)}</title>` +
    `<path class="spark-line" d="${path}"/><circle class="spark-now" cx="${lx.toFixed(1)}" cy="${ly.toFixed(1)}" r="2.5"/></svg>`
  );
}

function institutionReadings(data: PanelData, s: State, ctx: DashboardContext) {
  const prev = previousSemester(ctx, s.semester);
  return {
    prev,
    rows: MEASURES.map((m) => ({
      m,
      now: m.read(data[m.id] ?? [], INSTITUTION, ctx),
      before: prev ? m.read(data[`${m.id}_prev`] ?? [], INSTITUTION, ctx) : null,
    })),
  };
}

/** What each measure counts and its requirement, with the documents behind them. */
const measuresRule = (ctx: DashboardContext) =>
  ruleHtml([
    [`师生比：专职辅导员按 1:${ctx.rules.max_students_per_counselor} 配备，每名专职辅导员对应的在校生不超过 ${ctx.rules.max_students_per_counselor} 人即达标。`, ruleSource(ctx, 'staffing.max_students_per_counselor')],
    [`周工作要求达成率：辅导员达到全部周工作要求的人周次占全部人周次的比例，不低于 ${Math.round(ctx.rules.workload_target_share * 100)}% 为达标。`, ruleSource(ctx, 'workload.target_share')],
    ['考核完成率：名册上的辅导员中本学期已有考核结果的比例，全部完成为达标。', undefined],
    ['优秀名额：按系部和角色分别核定，没有一个系部（角色）超出名额为达标。', ruleSource(ctx, 'assessment.excellence_quota')],
    [`培训：专职辅导员中校级培训学时达到每年 ${ctx.rules.training.school_hours_per_year} 学时的比例，全部达到为达标。`, ruleSource(ctx, 'training.school_hours_per_year')],
    [`助理：已配备助理的班级比例，仅作提示（“每班可配备${ctx.rules.assistants_per_class}名”是允许而非要求，未配备不计为未达标）；某班多于${ctx.rules.assistants_per_class}名即超出，列入“需要关注”。`, ruleSource(ctx, 'assistants.per_class')],
    ['队伍结构：专职辅导员中本校选定指标（中共党员、硕士及以上学历或副高级及以上职称）所占比例；本校设有目标比例时判断是否达标，否则只列数值（“未设目标”）。', citeText(ctx, 'seeds/004')],
    ['变化：“上升”“下降”说的是数值本身，“改善”“变差”说的是对照要求的好坏。师生比数值越小越好，其余比例越大越好。', undefined],
  ]);

/** The headline and the cards, at the top: what a leader reads first, by weight. */
const cards: Panel = {
  id: 'cards',
  title: (s) => `全院各项指标 · ${semesterTitle(s)}`,
  queries: cardQueries,
  render: (data, s, ctx) => {
    const { prev, rows } = institutionReadings(data, s, ctx);
    const order = byWeight(ctx);
    const ordered = [...rows].sort((a, b) => order.indexOf(a.m) - order.indexOf(b.m));
    const trend = (m: Measure) =>
      Array.from({ length: HISTORY }, (_, i) => HISTORY - 1 - i).flatMap((back) => {
        const semester = back === 0 ? s.semester : earlier(ctx, s.semester, back);
        if (!semester) return [];
        return [{ semester, r: m.read(data[back === 0 ? m.id : backKey(m.id, back)] ?? [], INSTITUTION, ctx) }];
      });
    return {
      html:
        headlineHtml(data, s, ctx) +
        cardsHtml(
          ordered.map(({ m, now, before }) => ({
            key: m.id,
            label: m.label,
            value: now?.text ?? '无数据',
            status: statusWord(now),
            tone: now?.ok == null ? undefined : now.ok ? 'ok' : weightOf(m.id) === 'high' ? 'bad' : 'warn',
            spark: sparkline(m, trend(m)),
            note: `${now ? `${now.detail}。` : ''}${comparison(m, now, before, prev)}。`,
            href: ctx.root + m.page,
          })),
          'cards--row',
        ),
    };
  },
  rule: measuresRule,
  public: { rows: cardRows() },
};

/** The cards' figures as a table (to read aloud, compare and download), after the departments. */
const areas: Panel = {
  id: 'areas',
  title: (s) => `全院各项指标与上学期比较 · ${semesterTitle(s)}`,
  queries: institutionQueries,
  render: (data, s, ctx) => {
    const { prev, rows } = institutionReadings(data, s, ctx);
    return {
      table: {
        title: '全院各项指标',
        rows,
        rowKey: (r) => r.m.id,
        flagged: (r) => r.now?.ok === false,
        columns: [
          { key: 'measure', label: '指标', rowHeader: true, display: (r) => r.m.label },
          { key: 'value', label: semesterLabel(s.semester), display: (r) => r.now?.text ?? '无数据', numeric: true },
          { key: 'detail', label: '依据', display: (r) => r.now?.detail ?? '' },
          { key: 'status', label: '达标情况', display: (r) => statusWord(r.now) },
          { key: 'target', label: '要求', display: (r) => r.m.target(ctx) },
          { key: 'previous', label: prev ? `上学期（${semesterLabel(prev)}）` : '上学期', display: (r) => r.before?.text ?? '无数据', numeric: true },
          { key: 'change', label: '较上学期', display: (r) => readingChangeText(r.m, r.now, r.before) },
        ],
      },
    };
  },
  rule: measuresRule,
  public: { rows: measureRows(['', '_prev']) },
};

type DepartmentRow = { department: string; readings: Map<string, Reading | null> };

const ORDERS: ReadonlyArray<readonly [string, string]> = [
  ['attention', '未达标项多的在前'],
  ['name', '按系部名称'],
  ...MEASURES.map((m) => [m.id, `按${m.short}（差的在前）`] as const),
];

function departmentRows(data: PanelData, s: State, ctx: DashboardContext): DepartmentRow[] {
  const rows = ctx.departments.map((department) => ({ department, readings: new Map(MEASURES.map((m) => [m.id, departmentReading(m, data[m.id] ?? [], department, s.semester, ctx)])) }));
  const collator = new Intl.Collator('zh-CN');
  const misses = (r: DepartmentRow) => [...r.readings.values()].filter((x) => x?.ok === false).length;
  const shortfall = (r: DepartmentRow) => MEASURES.reduce((n, m) => n + (r.readings.get(m.id) ? m.shortfall(r.readings.get(m.id)!, ctx) : 0), 0);
  const byName = (a: DepartmentRow, b: DepartmentRow) => collator.compare(a.department, b.department);
  const order = s.order ?? 'attention';
  const m = MEASURES.find((x) => x.id === order);
  // Worst first on one measure; no value (no data) last.
  const worst = (r: DepartmentRow) => {
    const v = m ? r.readings.get(m.id)?.value : null;
    return v == null ? -Infinity : m!.better === 'lower' ? v : -v;
  };
  return rows.sort(
    order === 'name' ? byName : m ? (a, b) => worst(b) - worst(a) || byName(a, b) : (a, b) => misses(b) - misses(a) || shortfall(b) - shortfall(a) || byName(a, b),
  );
}

const cellStatus = (r: Reading | null): CellStatus => statusWord(r) as CellStatus;

/** The 需要关注 list: department, indicator, value against the requirement; the furthest from it first. */
function attentionHtml(rows: readonly DepartmentRow[], ctx: DashboardContext): string {
  // In the rules' order of weight (each rule's kind and weight are in the rules file), the furthest from the requirement first within each.
  const items = needingAttention(new Map(rows.map((r) => [r.department, r.readings])), ctx);
  if (!items.length) return '<section class="attention" aria-labelledby="attention-title"><h3 id="attention-title">需要关注</h3><p>所选学期各系部各项指标均达到要求，或尚无数据。</p></section>';
  // The first eight in view; the rest one click away (and all of them on paper).
  const fold = foldOf(items.length, 8, 8);
  const li = (x: (typeof items)[number], i: number) =>
    `<li data-attention="${escapeHtml(`${x.department}|${x.m.id}`)}"${fold && foldedRowClass(i, fold) ? ` class="${foldedRowClass(i, fold)}"` : ''}><strong>${escapeHtml(x.department)}</strong>：${escapeHtml(x.m.label)}为${escapeHtml(x.r.text)}，${escapeHtml(x.m.target(ctx))}。</li>`;
  const list = `<ol>${items.map(li).join('')}</ol>`;
  const departments = new Set(items.map((x) => x.department)).size;
  return (
    `<section class="attention" aria-labelledby="attention-title"><h3 id="attention-title">需要关注</h3>` +
    `<p class="note">${departments} 个系部共 ${items.length} 项指标未达到要求或超出上限（只列要求和上限，不列仅作提示的指标），按规则的先后（师生比、聘用方式在前）和与要求的差距排列：</p>` +
    `${fold ? foldControlHtml('attention', fold, list, '项') : list}</section>`
  );
}

const departments: Panel = {
  id: 'departments',
  title: (s) => `各系部一览 · ${semesterTitle(s)}`,
  queries: (s, ctx) => Object.fromEntries(MEASURES.flatMap((m) => [[m.id, m.sql(ctx, s.semester, 'department')], [`${m.id}_all`, m.sql(ctx, s.semester, 'institution')]])),
  render: (data, s, ctx) => {
    const rows = departmentRows(data, s, ctx);
    const institution = new Map(MEASURES.map((m) => [m.id, m.read(data[`${m.id}_all`] ?? [], INSTITUTION, ctx)]));
    const gridRows = [{ department: INSTITUTION, readings: institution }, ...rows];
    const cells: GridCell[] = gridRows.flatMap((r) =>
      MEASURES.map((m) => {
        const x = r.readings.get(m.id) ?? null;
        return { row: r.department, column: m.short, text: !x || x.value == null ? (x?.text === '无数据' || !x ? '—' : x.text) : (m.brief?.(x) ?? x.text), status: cellStatus(x) };
      }),
    );
    return {
      html: attentionHtml(rows, ctx),
      chart: (document, width) =>
        statusGrid(cells, {
          document,
          width,
          rows: gridRows.map((r) => r.department),
          columns: MEASURES.map((m) => m.short),
          ariaLabel: '全院及各系部各项指标达标情况',
        }),
      chartAlt: `每行一个单位（第一行为全院），每列一项指标；格内为数值，底色表示是否达到要求：浅绿为达标，浅红为未达标，浅蓝灰为未设目标，灰色为无数据。各系部数值见下表。`,
      table: {
        title: '各系部一览',
        rows,
        rowKey: (r) => r.department,
        columns: [
          { key: 'department', label: '系部', rowHeader: true, href: (r) => (departmentPage(ctx, r.department) ? ctx.root + departmentPage(ctx, r.department) : null) },
          ...MEASURES.map((m) => ({
            key: m.id,
            label: m.label,
            numeric: true,
            display: (r: DepartmentRow) => r.readings.get(m.id)?.text ?? '—',
            flag: (r: DepartmentRow) => (r.readings.get(m.id)?.ok === false ? '未达标' : null),
          })),
        ],
      },
    };
  },
  rule: (ctx) =>
    ruleHtml([
      ['每项指标的口径与达标要求同上；点击系部名称查看该系部的详细情况及其在各系部中的排名。', undefined],
      ['需要关注：先按指标的轻重（师生比在前，其次为周工作要求、培训、考核，再次为优秀名额、助理和队伍结构），同一指标按与要求的差距（占要求的比例）从大到小排列。', undefined],
    ]),
  public: { rows: measureRows(['', '_all']) },
};

export const overviewPage: PageSpec = {
  id: 'overview',
  path: 'index.html',
  navLabel: '总览',
  title: '辅导员队伍建设总览',
  lede: (ctx) => `${ctx.rules.institution}辅导员队伍建设各项指标对照有关文件的要求判断是否达标，并与上一学期比较；“需要关注”列出未达到要求的系部和指标。`,
  filters: ['semester'],
  options: [{ name: 'order', label: '系部排序', options: ORDERS, default: 'attention' }],
  panels: [cards, departments, areas],
};
