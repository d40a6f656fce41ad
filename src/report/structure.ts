/**
 * The report's 队伍结构: the paragraph 基本情况 opens with, in the standard phrasing ("专职辅导员X人，
 * 其中女性…人；平均年龄…岁，35岁以下占…%；中共党员…人，占…%；…"), compared with the same term a
 * year earlier (else the previous semester); its tables; and the 存在问题 that follow from the
 * people rules. Figures come from the dashboard's own SQL (src/metrics/structure.ts, people.ts).
 */
import { formatInt } from '../domain/format.ts';
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
import { n } from './narrative.ts';

export interface StructureReportFigures {
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
  return {
    institution: (await db.query<StructureSummaryRow>(structureSummarySql(p, fullTime, 'institution')))[0] ?? null,
    departments: await db.query<StructureSummaryRow>(structureSummarySql(p, fullTime, 'department')),
    belowEducation: (await db.query<PersonFlagRow>(peopleFlagsSql({ ...p, partyExpected: false, disallowedHiring: [] }, fullTime))).filter((r) => r.below_education),
    consecutiveFail: await db.query<ConsecutiveFailRow>(consecutiveFailSql({ years: people.consecutive_fail_years }, { semester })),
    latenessNotApplied: (await db.query<LatenessRow>(latenessSql(people.lateness, { semester }))).filter((r) => !r.applied),
    graduatesLeftEarly: (await db.query<GraduateAssistantRow>(graduateAssistantsSql({ minMonths: people.graduate_min_months }, { semester }))).filter((r) => r.left_early),
    inductionShort: (await db.query<InductionRow>(inductionSql({ hours: ctx.rules.training.induction_hours, keywords: ctx.rules.training.induction_keywords }, { semester }))).filter((r) => !r.meets),
  };
}

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

const T = 'tbl-structure';
const pct = (count: number, total: number) => formatPercent(total > 0 ? count / total : null);
const points = (a: number, b: number) => `${Math.abs((a - b) * 100).toFixed(1)}个百分点`;

/** 基本情况's opening paragraph. */
export function structureParagraph(f: StructureReportFigures, semester: string, cmp: Comparison | null, rules: ActiveRules): string {
  const i = f.institution;
  const label = semesterLabel(semester);
  if (!i) return `截至${label}，尚未收到辅导员名册，无法分析队伍结构。`;
  if (i.described === 0)
    return `截至${label}，全院专职辅导员${n('structure_people', formatInt(i.people), T)}人。本学期辅导员名册未填写性别、出生年月、政治面貌、学历、职称等信息，无法分析队伍结构，请各系部按辅导员信息表报送。`;
  const young = rules.structure.young_age;
  let text =
    `截至${label}，全院专职辅导员${n('structure_people', formatInt(i.people), T)}人，其中女性${n('structure_women', formatInt(i.women), T)}人；` +
    `平均年龄${n('structure_mean_age', i.mean_age == null ? '—' : i.mean_age.toFixed(1), T)}岁，${young}岁以下占${n('structure_young_share', pct(i.young, i.people), T)}；` +
    `中共党员（含预备党员）${n('structure_party', formatInt(i.party), T)}人，占${n('structure_party_share', pct(i.party, i.people), T)}；` +
    `硕士及以上学历${n('structure_masters', formatInt(i.masters), T)}人，占${n('structure_masters_share', pct(i.masters, i.people), T)}；` +
    `副高级及以上职称${n('structure_senior', formatInt(i.senior), T)}人，占${n('structure_senior_share', pct(i.senior, i.people), T)}。`;
  const before = cmp?.figures.institution;
  if (cmp && described(before)) {
    const share = (name: string, a: number, b: number) => (Math.abs(a - b) < 5e-4 ? `${name}持平` : `${name}${a > b ? '提高' : '降低'}${points(a, b)}`);
    const headcount = i.people === before.people ? '人数持平' : `人数${i.people > before.people ? '增加' : '减少'}${formatInt(Math.abs(i.people - before.people))}人`;
    const age = i.mean_age != null && before.mean_age != null ? (Math.abs(i.mean_age - before.mean_age) < 0.05 ? '平均年龄持平' : `平均年龄${i.mean_age > before.mean_age ? '增加' : '减少'}${Math.abs(i.mean_age - before.mean_age).toFixed(1)}岁`) : null;
    const parts = [
      headcount,
      share('中共党员占比', i.party / i.people, before.party / before.people),
      share('硕士及以上学历占比', i.masters / i.people, before.masters / before.people),
      share('副高级及以上职称占比', i.senior / i.people, before.senior / before.people),
      age,
    ].filter(Boolean);
    text += `与${cmp.label}（${semesterLabel(cmp.semester)}）相比，${parts.join('，')}。`;
  } else text += `${cmp ? cmp.label : '上年同期和上学期'}无可比的队伍结构数据。`;
  if (i.below_min_education > 0)
    text += `另有${n('structure_below', formatInt(i.below_min_education), T)}人学历低于${EDUCATION_LABELS[rules.structure.min_education]}。`;
  const missing = [
    ['性别', i.people - i.gender_known],
    ['出生年月', i.people - i.age_known],
    ['政治面貌', i.people - i.political_known],
    ['学历', i.people - i.education_known],
    ['职称', i.people - i.title_known],
  ].filter(([, k]) => (k as number) > 0);
  if (missing.length) text += `名册中${missing.map(([what, k]) => `${what}未填写${k}人`).join('、')}，以上占比均按全部人数计算。`;
  return text;
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

const byDepartment = (rows: ReadonlyArray<{ department: string }>) => {
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(r.department, (counts.get(r.department) ?? 0) + 1);
  return [...counts].map(([d, k]) => `${d}${k}人`).join('、');
};

/** 存在问题 that follow from the people rules: a table of checks, each returning its finding or nothing. */
/** The people rules' findings for 存在的问题, each a heading and the sentence that states it (as src/report/problems.ts). */
export const STRUCTURE_CHECKS: ReadonlyArray<readonly [string, (f: StructureReportFigures, rules: ActiveRules) => { title: string; detail: string } | null]> = [
  [
    'structure-education',
    (f, r) =>
      f.belowEducation.length
        ? {
            title: '学历条件不符',
            detail: `${f.belowEducation.length}名专职辅导员学历低于${EDUCATION_LABELS[r.structure.min_education]}（${byDepartment(f.belowEducation)}），不符合辅导员“具备${EDUCATION_LABELS[r.structure.min_education]}及以上学历”的基本条件。`,
          }
        : null,
  ],
  [
    'structure-targets',
    (f, r) => {
      const i = f.institution;
      if (!described(i)) return null;
      const targets: Array<[string, number, number | null]> = [
        ['中共党员（含预备党员）占比', i.party / i.people, r.structure.party_share_target],
        ['硕士及以上学历占比', i.masters / i.people, r.structure.masters_share_target],
        ['副高级及以上职称占比', i.senior / i.people, r.structure.senior_share_target],
      ];
      const below = targets.filter(([, v, t]) => t != null && v < t);
      return below.length
        ? { title: '队伍结构未达到规划目标', detail: `${below.map(([what, v, t]) => `${what}为${formatPercent(v)}，低于${formatPercent(t)}`).join('；')}。` }
        : null;
    },
  ],
  [
    'consecutive-fail',
    (f, r) =>
      f.consecutiveFail.length
        ? {
            title: '连续考核不合格',
            detail: `${f.consecutiveFail.length}名辅导员连续${r.people.consecutive_fail_years}个学年考核不合格（${f.consecutiveFail.map((x) => `${x.department}${x.name}`).join('、')}），按规定可解除聘用合同，需研究处理。`,
          }
        : null,
  ],
  [
    'lateness',
    (f, r) =>
      f.latenessNotApplied.length
        ? {
            title: '助理考核等次需核实',
            detail: `${f.latenessNotApplied.length}名助理本学期迟到超过${r.people.lateness.max}次，但未评为不合格（${byDepartment(f.latenessNotApplied)}）。`,
          }
        : null,
  ],
  [
    'graduates-tenure',
    (f, r) =>
      f.graduatesLeftEarly.length
        ? {
            title: '研究生德育工作助理在岗时间不足',
            detail: `${f.graduatesLeftEarly.length}名研究生德育工作助理在岗不足${r.people.graduate_min_months}个月即离岗（${byDepartment(f.graduatesLeftEarly)}），不符合“在岗时间至少为一年”的要求。`,
          }
        : null,
  ],
  [
    'induction',
    (f, r) =>
      f.inductionShort.length
        ? { title: '岗前培训不足', detail: `${f.inductionShort.length}名新入职专职辅导员岗前培训不足${r.training.induction_hours}学时（${byDepartment(f.inductionShort)}）。` }
        : null,
  ],
];

export const structureTableNote = (rules: ActiveRules) =>
  `统计对象为专职辅导员。占比的分母为全部人数（含信息未填写者）；年龄按学期第一天计算周岁，“${rules.structure.young_age}岁以下”含${rules.structure.young_age}岁；中共党员含预备党员；副高级及以上职称含正高级。`;

