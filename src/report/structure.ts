/**
 * The report's 队伍结构: the paragraph 基本情况 opens with, in the standard phrasing ("专职辅导员X人，
 * 其中女性…人；平均年龄…岁，35岁以下占…%；中共党员…人，占…%；…"), compared with the same term a
 * year earlier (else the previous semester); its tables; and the 存在问题 that follow from the
 * people rules. Figures come from the dashboard's own SQL (src/metrics/structure.ts, people.ts).
 */
import { escapeHtml, formatInt } from '../domain/format.ts';
import { EDUCATION_LABELS } from '../domain/people.ts';
import type { ActiveRules } from '../domain/rules.ts';
import { semesterLabel } from '../domain/semester.ts';
import { structureParams, type DashboardContext } from '../dashboard/context.ts';
import { consecutiveFailSql, graduateAssistantsSql, latenessSql, type ConsecutiveFailRow, type GraduateAssistantRow, type LatenessRow } from '../metrics/people.ts';
import type { QueryRunner } from '../metrics/sql.ts';
import { peopleFlagsSql, structureSummarySql, type PersonFlagRow, type StructureSummaryRow } from '../metrics/structure.ts';
import { inductionSql, type InductionRow } from '../metrics/training.ts';
import { structureFigures, type StructureFigure } from '../views/structure.ts';
import { formatPercent, type Column, type TableView } from '../views/table.ts';
import { n, r, when } from './narrative.ts';
import { reportQuery } from './query.ts';
import { counting } from '../dashboard/groups.ts';
import { isWithheld, POPULATIONS } from '../domain/disclosure.ts';
import { INSTITUTION } from '../metrics/staffing.ts';

export interface StructureReportFigures {
  /** The lists below name people (internal build); else they hold only departments, a withheld group's as 其他系部. */
  named: boolean;
  /** Full-time counselors, institution-wide; null when the roster lists none. */
  institution: StructureSummaryRow | null;
  departments: StructureSummaryRow[];
  belowEducation: PersonFlagRow[];
  consecutiveFail: ConsecutiveFailRow[];
  /** Assistants late too often and not rated 不合格. */
  latenessNotApplied: LatenessRow[];
  graduatesLeftEarly: GraduateAssistantRow[];
  inductionShort: InductionRow[];
}

export async function collectStructure(db: QueryRunner, ctx: DashboardContext, semester: string): Promise<StructureReportFigures> {
  const p = structureParams(ctx);
  const fullTime = { semester, employment: 'full_time' as const };
  const people = ctx.rules.people;
  const q = reportQuery(db, ctx, semester);
  const named = ctx.audience !== 'public';
  /**
   * A list of people: as it is in the internal build; in a public one, each only by department
   * (a withheld group's as 其他系部, whose people together are at least the threshold), and not
   * at all where the institution has fewer than the threshold (even a count would be theirs).
   */
  const listed = async <T extends { department: string }>(sql: string, populations: (row: T) => readonly string[], keep: (row: T) => boolean): Promise<T[]> => {
    const rows = (await db.query<T>(sql)).filter(keep);
    if (named) return rows;
    return rows.filter((r) => !isWithheld(ctx.withheld, semester, populations(r), INSTITUTION)).map((r) => {
      const withheld = isWithheld(ctx.withheld, semester, populations(r), r.department);
      return { department: withheld ? OTHER_DEPARTMENTS : r.department } as T;
    });
  };
  const fullTimers = () => [POPULATIONS.fullTime];
  return {
    named,
    institution: (await q<StructureSummaryRow>(structureSummarySql(p, fullTime, 'institution'), counting(fullTimers())))[0] ?? null,
    departments: await q<StructureSummaryRow>(structureSummarySql(p, fullTime, 'department'), counting(fullTimers())),
    belowEducation: await listed<PersonFlagRow>(peopleFlagsSql({ ...p, partyExpected: false, disallowedHiring: [] }, fullTime), fullTimers, (r) => r.below_education),
    consecutiveFail: await listed<ConsecutiveFailRow>(consecutiveFailSql({ years: people.consecutive_fail_years }, { semester }), () => [POPULATIONS.assessed('counselor')], () => true),
    latenessNotApplied: await listed<LatenessRow>(latenessSql(people.lateness, { semester }), (r) => [POPULATIONS.assessed(r.role)], (r) => !r.applied),
    graduatesLeftEarly: await listed<GraduateAssistantRow>(graduateAssistantsSql({ minMonths: people.graduate_min_months }, { semester }), () => [POPULATIONS.graduates], (r) => r.left_early),
    inductionShort: await listed<InductionRow>(
      inductionSql({ hours: ctx.rules.training.induction_hours, keywords: ctx.rules.training.induction_keywords }, { semester }),
      fullTimers,
      // NULL: no training record for the year — nothing to judge by, not short.
      (r) => r.meets === false,
    ),
  };
}

/** Where a public report counts people of departments it does not name one by one. */
const OTHER_DEPARTMENTS = '其他系部';

/** A structure with at least one attribute filled in. */
function described(r: StructureSummaryRow | null | undefined): r is StructureSummaryRow {
  return r != null && r.described > 0;
}

export interface Comparison {
  semester: string;
  /** 上年同期 or 上学期. */
  label: string;
  figures: StructureReportFigures;
}

const T = 'tbl-structure-figures';
const pct = (count: number, total: number) => formatPercent(total > 0 ? count / total : null);
const points = (a: number, b: number) => `${Math.abs((a - b) * 100).toFixed(1)}个百分点`;
/** A number of the structure table's row `row`, this semester (`now`) or its change (`change`). */
const cell = (key: string, text: string, row: StructureFigure['id'], col: 'now' | 'change' = 'now') => n(key, text, T, { row, col });

/**
 * 基本情况's paragraph on the team: the standard phrasing, compared with a year earlier (else the
 * previous semester). Shares are over everyone on the roster; who has a field not filled in is
 * said in the 附件's 数据质量说明, not here.
 */
export function structureParagraph(f: StructureReportFigures, semester: string, cmp: Comparison | null, rules: ActiveRules): string {
  const i = f.institution;
  if (!i) return '本学期尚未收到辅导员名册，无法分析队伍结构。';
  if (i.described === 0) return '本学期辅导员名册未填写性别、出生年月、政治面貌、学历、职称等信息，无法分析队伍结构。';
  const young = rules.structure.young_age;
  let text =
    `专职辅导员队伍中，女性${cell('structure_women', formatInt(i.women), 'women')}人；` +
    `平均年龄${cell('structure_mean_age', i.mean_age == null ? '—' : i.mean_age.toFixed(1), 'mean_age')}岁，${r(young)}岁及以下占${cell('structure_young_share', pct(i.young, i.people), 'young')}；` +
    `中共党员（含预备党员）${cell('structure_party', formatInt(i.party), 'party')}人，占${cell('structure_party_share', pct(i.party, i.people), 'party')}；` +
    `硕士及以上学历${cell('structure_masters', formatInt(i.masters), 'masters')}人，占${cell('structure_masters_share', pct(i.masters, i.people), 'masters')}；` +
    `副高级及以上职称${cell('structure_senior', formatInt(i.senior), 'senior')}人，占${cell('structure_senior_share', pct(i.senior, i.people), 'senior')}。`;
  const before = cmp?.figures.institution;
  if (cmp && described(before)) {
    const share = (name: string, row: StructureFigure['id'], a: number, b: number) =>
      Math.abs(a - b) < 5e-4 ? `${name}持平` : `${name}${a > b ? '提高' : '降低'}${cell(`structure_${row}_change`, points(a, b), row, 'change')}`;
    const headcount =
      i.people === before.people ? '人数持平' : `人数${i.people > before.people ? '增加' : '减少'}${cell('structure_people_change', formatInt(Math.abs(i.people - before.people)), 'people', 'change')}人`;
    const age =
      i.mean_age != null && before.mean_age != null
        ? Math.abs(i.mean_age - before.mean_age) < 0.05
          ? '平均年龄持平'
          : `平均年龄${i.mean_age > before.mean_age ? '增加' : '减少'}${cell('structure_mean_age_change', Math.abs(i.mean_age - before.mean_age).toFixed(1), 'mean_age', 'change')}岁`
        : null;
    const parts = [
      headcount,
      share('中共党员占比', 'party', i.party / i.people, before.party / before.people),
      share('硕士及以上学历占比', 'masters', i.masters / i.people, before.masters / before.people),
      share('副高级及以上职称占比', 'senior', i.senior / i.people, before.senior / before.people),
      age,
    ].filter(Boolean);
    text += `与${cmp.label}（${when(cmp.semester)}）相比，${parts.join('，')}。`;
  } else text += `${cmp ? cmp.label : '上年同期和上学期'}无可比的队伍结构数据。`;
  if (i.below_min_education > 0)
    text += `另有${cell('structure_below', formatInt(i.below_min_education), 'below_min_education')}人学历低于${EDUCATION_LABELS[rules.structure.min_education]}。`;
  return text;
}

/** The roster's fields not filled in, for the 附件's 数据质量说明: "性别未填写3人、…" (empty when complete). */
export function structureGaps(f: StructureReportFigures): string[] {
  const i = f.institution;
  if (!i || i.described === 0) return [];
  return (
    [
      ['性别', i.people - i.gender_known],
      ['出生年月', i.people - i.age_known],
      ['政治面貌', i.people - i.political_known],
      ['学历', i.people - i.education_known],
      ['职称', i.people - i.title_known],
    ] as const
  )
    .filter(([, k]) => k > 0)
    .map(([what, k]) => `${what}未填写${k}人`);
}

type Row = { f: StructureFigure };

/** A figure as the report's table writes it: "35人（43.2%）", "34.8岁", "81人". */
function figureText(r: Row, x: StructureSummaryRow | null | undefined): string {
  if (!described(x)) return '—';
  if (r.f.id === 'mean_age') return x.mean_age == null ? '—' : `${x.mean_age.toFixed(1)}岁`;
  if (r.f.id === 'people') return `${formatInt(x.people)}人`;
  return `${formatInt(r.f.count(x)!)}人（${formatPercent(r.f.value(x))}）`;
}

/** The structure table: each figure now, a year (or a semester) earlier, and the change. */
export function structureTable(f: StructureReportFigures, semester: string, cmp: Comparison | null, rules: ActiveRules): TableView<Row> {
  const now = f.institution;
  const before = described(cmp?.figures.institution) ? cmp!.figures.institution : null;
  return {
    title: '专职辅导员队伍结构',
    rows: structureFigures(rules.structure).map((fig) => ({ f: fig })),
    rowKey: (r) => r.f.id,
    flagged: (r) => !!r.f.rule && described(now) && r.f.count(now)! > 0,
    columns: [
      { key: 'figure', label: '项目', rowHeader: true, display: (r) => r.f.label },
      { key: 'now', label: semesterLabel(semester), display: (r) => figureText(r, now) },
      { key: 'before', label: cmp ? `${cmp.label}（${semesterLabel(cmp.semester)}）` : '上年同期', display: (r) => figureText(r, before) },
      {
        key: 'change',
        label: '变化',
        display: (r) => {
          const a = described(now) ? r.f.value(now) : null;
          const b = before ? r.f.value(before) : null;
          return a == null || b == null ? '—' : r.f.delta(a, b);
        },
      },
    ],
  };
}

/** Per department, the same figures side by side. */
export function structureDepartmentsTable(f: StructureReportFigures, rules: ActiveRules): TableView<StructureSummaryRow> {
  const figures = structureFigures(rules.structure).filter((x) => x.id !== 'people');
  return {
    title: '各系部专职辅导员队伍结构',
    rows: [...f.departments, ...(f.institution ? [f.institution] : [])],
    rowKey: (r) => r.department,
    flagged: (r) => r.below_min_education > 0,
    empty: '本学期尚未收到辅导员名册。',
    columns: [
      { key: 'department', label: '系部', rowHeader: true },
      { key: 'people', label: '专职', format: 'int' },
      ...figures.map(
        (x): Column<StructureSummaryRow> =>
          x.id === 'mean_age'
            ? { key: x.id, label: '平均年龄', format: 'decimal1', value: (r) => (described(r) ? r.mean_age : null) }
            : x.rule
              ? { key: x.id, label: x.short, format: 'int', value: (r) => (described(r) ? x.count(r) : null) }
              : { key: x.id, label: x.short, format: 'percent', value: (r) => (described(r) ? x.value(r) : null) },
      ),
    ],
  };
}

/** The annex table of people-rule findings (one row per finding), which the problems' numbers cite. */
export const PEOPLE_TABLE = 'tbl-people';

/** "艺术设计系1人、信息工程系2人", each count linked to its finding's row of the annex table. */
const byDepartment = (rows: ReadonlyArray<{ department: string }>, id: string) => {
  const counts = new Map<string, number>();
  for (const x of rows) counts.set(x.department, (counts.get(x.department) ?? 0) + 1);
  return [...counts].map(([d, k]) => `${escapeHtml(d)}${n(`${id}_${d}`, formatInt(k), PEOPLE_TABLE, { row: id, col: 'departments' })}人`).join('、');
};
const headcount = (rows: readonly unknown[], id: string) => n(id, formatInt(rows.length), PEOPLE_TABLE, { row: id, col: 'count' });

/** The people rules' findings for 存在的问题, each a heading and the sentences that state it (as src/report/problems.ts); by department, never by name. */
export const STRUCTURE_CHECKS: ReadonlyArray<readonly [string, (f: StructureReportFigures, rules: ActiveRules) => { title: string; detail: string } | null]> = [
  [
    'structure-education',
    (f, rules) =>
      f.belowEducation.length
        ? {
            title: '个别专职辅导员学历不符合条件',
            detail: `${headcount(f.belowEducation, 'structure-education')}名专职辅导员学历低于${EDUCATION_LABELS[rules.structure.min_education]}（${byDepartment(f.belowEducation, 'structure-education')}），不符合辅导员“具备${EDUCATION_LABELS[rules.structure.min_education]}及以上学历”的基本条件。`,
          }
        : null,
  ],
  [
    'structure-targets',
    (f, rules) => {
      const i = f.institution;
      if (!described(i)) return null;
      const targets: Array<[string, StructureFigure['id'], number, number | null]> = [
        ['中共党员（含预备党员）占比', 'party', i.party / i.people, rules.structure.party_share_target],
        ['硕士及以上学历占比', 'masters', i.masters / i.people, rules.structure.masters_share_target],
        ['副高级及以上职称占比', 'senior', i.senior / i.people, rules.structure.senior_share_target],
      ];
      const below = targets.filter(([, , v, t]) => t != null && v < t);
      return below.length
        ? {
            title: '队伍结构未达到规划目标',
            detail: `${below.map(([what, row, v, t]) => `${what}为${cell(`target_${row}`, formatPercent(v), row)}，低于${r(formatPercent(t))}`).join('；')}。`,
          }
        : null;
    },
  ],
  [
    'consecutive-fail',
    (f, rules) =>
      f.consecutiveFail.length
        ? {
            title: '个别辅导员连续考核不合格',
            detail: `${headcount(f.consecutiveFail, 'consecutive-fail')}名辅导员连续${r(rules.people.consecutive_fail_years)}个学年考核不合格（${byDepartment(f.consecutiveFail, 'consecutive-fail')}），按规定应调离辅导员岗位或解除聘用合同，需研究处理。`,
          }
        : null,
  ],
  [
    'lateness',
    (f, rules) =>
      f.latenessNotApplied.length
        ? {
            title: '助理考核等次需核实',
            detail: `${headcount(f.latenessNotApplied, 'lateness')}名助理本学期迟到超过${r(rules.people.lateness.max)}次，但未评为不合格（${byDepartment(f.latenessNotApplied, 'lateness')}）。`,
          }
        : null,
  ],
  [
    'graduates-tenure',
    (f, rules) =>
      f.graduatesLeftEarly.length
        ? {
            title: '研究生德育工作助理在岗时间不足',
            detail: `${headcount(f.graduatesLeftEarly, 'graduates-tenure')}名研究生德育工作助理在岗不足${r(rules.people.graduate_min_months)}个月即离岗（${byDepartment(f.graduatesLeftEarly, 'graduates-tenure')}），不符合“在岗时间至少为一年”的要求。`,
          }
        : null,
  ],
  [
    'induction',
    (f, rules) =>
      f.inductionShort.length
        ? {
            title: '新入职辅导员岗前培训不足',
            detail: `${headcount(f.inductionShort, 'induction')}名新入职专职辅导员岗前培训不足${r(rules.training.induction_hours)}学时（${byDepartment(f.inductionShort, 'induction')}）。`,
          }
        : null,
  ],
];

/** The people-rule findings as rows of the annex table: what, how many, where, and (internal build only) who. */
export interface PeopleFinding {
  id: string;
  what: string;
  count: number;
  departments: string;
  names: string;
}

const PEOPLE_FINDINGS: ReadonlyArray<readonly [string, string, (f: StructureReportFigures) => ReadonlyArray<{ department: string; name?: string }>]> = [
  ['structure-education', '学历低于规定', (f) => f.belowEducation],
  ['consecutive-fail', '连续考核不合格', (f) => f.consecutiveFail],
  ['induction', '岗前培训不足', (f) => f.inductionShort],
  ['lateness', '助理迟到超过规定次数未评为不合格', (f) => f.latenessNotApplied],
  ['graduates-tenure', '研究生德育工作助理在岗时间不足', (f) => f.graduatesLeftEarly],
];

export function peopleFindings(f: StructureReportFigures): PeopleFinding[] {
  return PEOPLE_FINDINGS.flatMap(([id, what, rows]) => {
    const list = rows(f);
    if (!list.length) return [];
    const counts = new Map<string, number>();
    for (const x of list) counts.set(x.department, (counts.get(x.department) ?? 0) + 1);
    return [
      {
        id,
        what,
        count: list.length,
        departments: [...counts].map(([d, k]) => `${d}${k}人`).join('、'),
        names: f.named ? list.map((x) => `${x.department}${x.name ?? ''}`).join('、') : '',
      },
    ];
  });
}

export function peopleTable(f: StructureReportFigures): TableView<PeopleFinding> {
  return {
    title: '需研究处理或核实的人员情况',
    rows: peopleFindings(f),
    rowKey: (x) => x.id,
    empty: '本学期无此类情况。',
    columns: [
      { key: 'what', label: '事项', rowHeader: true },
      { key: 'count', label: '人数', format: 'int' },
      { key: 'departments', label: '所在系部' },
      ...(f.named ? [{ key: 'names', label: '人员（内部）' } as Column<PeopleFinding>] : []),
    ],
  };
}

export const structureTableNote = (rules: ActiveRules) =>
  `统计对象为专职辅导员。占比的分母为全部人数（含信息未填写者）；年龄按学期第一天计算周岁，“${rules.structure.young_age}岁以下”含${rules.structure.young_age}岁；中共党员含预备党员；副高级及以上职称含正高级。`;

