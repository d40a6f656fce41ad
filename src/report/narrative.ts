/**
 * The report's paragraphs in formal Chinese, generated from the figures. Every number from the
 * data is wrapped in a link to the table (and the row and column) it comes from, so a reader — and
 * the tests — can trace it; a number a rule sets (1:200, 16学时) is marked as the rule's. Prose
 * writes people and ratios whole (1:193, 5人); the tables in the 附件 keep the decimals. Data
 * caveats (fields not filled in, records to check) are not here: they go to the 附件's
 * 数据质量说明 (annex.ts). Pure functions of the figures, unit-tested.
 */
import { ROLE_LABELS, type Grade, type Role } from '../domain/cells.ts';
import { gradesShown } from '../domain/scoring.ts';
import { escapeHtml, formatFteWhole, formatInt, formatRatioWhole } from '../domain/format.ts';
import { semesterLabel } from '../domain/semester.ts';
import { belowStaffingTarget, INSTITUTION } from '../metrics/staffing.ts';
import { formatPercent } from '../views/table.ts';
import { MEASURES, change, comparable, type Measure, type Reading } from '../dashboard/measures.ts';
import type { ActiveRules } from '../domain/rules.ts';
import type { SemesterFigures } from './figures.ts';

/**
 * Where a number in the text comes from: a table of the 附件 (its exhibit id), and in it one cell
 * (row key, column key), or a column added up over the departments' rows (`sum`), or the rows
 * counted (`count`: rows whose column is above zero; `flagged`: rows marked as missing the requirement), or the
 * column added up over the flagged rows only (`flagged-sum`). The 全院 row is never in an aggregate.
 */
export interface Source {
  row?: string;
  col?: string;
  agg?: 'sum' | 'count' | 'flagged' | 'flagged-sum';
}

/** A number in the text, linked to the table it comes from. */
export const n = (key: string, text: string, table: string, source: Source = {}) =>
  `<a class="n" href="#${table}-title" data-n="${escapeHtml(key)}" data-table="${table}"` +
  (source.row != null ? ` data-row="${escapeHtml(source.row)}"` : '') +
  (source.col != null ? ` data-col="${escapeHtml(source.col)}"` : '') +
  (source.agg ? ` data-agg="${source.agg}"` : '') +
  `>${escapeHtml(text)}</a>`;

/** A number a rule sets, or a rule's wording with its numbers (not the data's): marked so the tests can tell the two apart. */
export const r = (text: string | number) => `<span class="rule-n">${escapeHtml(String(text))}</span>`;

/** The semester as a heading writes it; its digits are no figure. */
export const when = (semester: string) => `<span class="when">${escapeHtml(semesterLabel(semester))}</span>`;

const list = (items: string[]) => items.join('、');
const STAFFING = 'tbl-staffing-departments';

/** The share of a rule as prose: 90% (the rule's figure, as written: no "90.0%"). */
export const rulePercent = (share: number) => r(`${Math.round(share * 1000) / 10}%`);

/** Departments with students and a full-time ratio over the target. */
/** Departments below the ratio: only those whose roster and enrollment were read (a note stands for the others). */
export const staffingBelow = (f: SemesterFigures) => f.staffing.departments.filter(belowStaffingTarget);
/** The full-time counselors the departments below the target need, added up. */
export const staffingGapSum = (f: SemesterFigures) => staffingBelow(f).reduce((s, d) => s + (d.gap ?? 0), 0);

/** 基本情况: students, counselors, the ratio (whole), the weighted figures labelled 折算, the departments below, and the change since last semester. */
export function staffingParagraph(f: SemesterFigures, prev: SemesterFigures | null, rules: ActiveRules): string {
  const t = rules.max_students_per_counselor;
  const i = f.staffing.institution;
  const label = when(f.semester);
  if (i?.note) return `截至${label}，${escapeHtml(i.note)}。`;
  if (!i || (!i.students && !i.full_time && !i.part_time)) return `截至${label}，尚未收到在校生人数和辅导员名册数据，无法计算师生比。`;
  const at = (col: string) => ({ row: INSTITUTION, col });
  // 全院 over the departments whose roster and enrollment were read: the others named beside it.
  const scope = i.excluded ? `全院（不含${escapeHtml(i.excluded)}）` : '全院';
  let text = `截至${label}，${scope}在校生${n('students', formatInt(i.students ?? 0), STAFFING, at('students'))}人，专职辅导员${n('full_time', formatInt(i.full_time ?? 0), STAFFING, at('full_time'))}人、兼职辅导员${n('part_time', formatInt(i.part_time ?? 0), STAFFING, at('part_time'))}人。`;
  if (i.ratio_full_time == null) text += `全院没有专职辅导员，未达到${r(`1:${t}`)}的配备要求，按此标准应配备${n('gap', formatInt(i.gap ?? 0), STAFFING, at('gap'))}人。`;
  else
    text +=
      `专职辅导员师生比为${n('ratio_full_time', formatRatioWhole(i.ratio_full_time, t), STAFFING, at('ratio_full_time'))}，` +
      (i.compliant_full_time ? `总体达到${r(`1:${t}`)}的配备要求。` : `未达到${r(`1:${t}`)}的配备要求，全院尚缺专职辅导员${n('gap', formatInt(i.gap ?? 0), STAFFING, at('gap'))}人。`);
  if ((i.part_time ?? 0) > 0 && i.ratio_weighted != null)
    text +=
      `兼职辅导员按${r(`${rules.part_time_weight.numerator}/${rules.part_time_weight.denominator}`)}折算后，专兼职合计折合专职辅导员${n('fte', formatFteWhole(i.fte ?? 0), STAFFING, at('fte'))}人，` +
      `折算师生比为${n('ratio_weighted', formatRatioWhole(i.ratio_weighted), STAFFING, at('ratio_weighted'))}。`;
  const withData = f.staffing.departments.filter((d) => d.note == null && (d.students ?? 0) > 0);
  const below = staffingBelow(f);
  if (withData.length === 0) text += '各系部均未报送在校生人数。';
  else if (below.length === 0) text += `${n('departments', formatInt(withData.length), STAFFING, { agg: 'count', col: 'students' })}个系部均达到配备要求。`;
  else if (below.length === withData.length)
    text += `${n('departments_below', formatInt(below.length), STAFFING, { agg: 'flagged' })}个系部均未达到要求，按${r(`1:${t}`)}测算合计需增配专职辅导员${n('gap_sum', formatInt(staffingGapSum(f)), STAFFING, { agg: 'sum', col: 'gap' })}人。`;
  else
    text +=
      `${n('departments', formatInt(withData.length), STAFFING, { agg: 'count', col: 'students' })}个系部中，${n('departments_below', formatInt(below.length), STAFFING, { agg: 'flagged' })}个系部未达到要求，` +
      `按${r(`1:${t}`)}测算合计需增配专职辅导员${n('gap_sum', formatInt(staffingGapSum(f)), STAFFING, { agg: 'sum', col: 'gap' })}人。`;
  const p = prev?.staffing.institution;
  if (p?.students && i.students != null && i.full_time != null && p.full_time != null) {
    const moved = (key: string, what: string, now: number, before: number, unit: string) =>
      now === before ? `${what}持平` : `${what}${now > before ? '增加' : '减少'}${n(key, formatInt(Math.abs(now - before)), STAFFING, at(`${key}`))}${unit}`;
    text += `与上学期相比，${moved('students_change', '在校生', i.students, p.students, '人')}，${moved('full_time_change', '专职辅导员', i.full_time, p.full_time, '人')}。`;
  }
  return text;
}

/** A measure's reading as prose writes it: a whole ratio, a count of units, else the share. */
function readingText(m: Measure, x: Reading, rules: ActiveRules): string {
  if (m.id === 'ratio') return formatRatioWhole(x.value, rules.max_students_per_counselor);
  if (m.id === 'quota') return `${formatInt(x.value ?? 0)}个`;
  return formatPercent(x.value);
}

/** What a measure is called in a sentence about its change. */
const PROSE_LABEL: Record<string, string> = { ratio: '专职辅导员师生比', quota: '超出优秀名额的单位', structure: '专职辅导员中共党员占比' };
/** How a better reading is said: a ratio "改善为", a count "减少到", a share "提高到". */
const BETTER_VERB: Record<string, string> = { ratio: '改善为', quota: '减少到' };

/**
 * 主要工作与成效 opens with what improved: each overview measure better than last semester (and,
 * separately, than a year earlier), from the comparison table.
 */
export function progressParagraph(f: SemesterFigures, prev: SemesterFigures | null, yearAgo: SemesterFigures | null, rules: ActiveRules): string {
  const improved = (other: SemesterFigures | null, col: 'prev' | 'year') =>
    !other
      ? []
      : MEASURES.flatMap((m) => {
          const now = f.measures[m.id];
          const before = other.measures[m.id];
          // Over different departments (one left out in one semester only) a change is not the team's: not said.
          if (now?.value == null || before?.value == null || !comparable(now, before)) return [];
          if (m.id === 'structure' && rules.structure.headline !== 'party') return [];
          if (change(m, now.value, before.value).judgement !== '改善') return [];
          const a = readingText(m, before, rules);
          const b = readingText(m, now, rules);
          if (a === b) return [];
          return [`${PROSE_LABEL[m.id] ?? m.label}由${n(`${m.id}_${col}`, a, 'tbl-compare', { row: m.id, col })}${BETTER_VERB[m.id] ?? (m.better === 'lower' ? '降至' : '提高到')}${n(`${m.id}_now_${col}`, b, 'tbl-compare', { row: m.id, col: 'now' })}`];
        });
  const lastSemester = improved(prev, 'prev');
  const lastYear = improved(yearAgo, 'year');
  const parts = [
    lastSemester.length ? `与上学期相比，${list(lastSemester)}` : prev ? '与上学期相比，各项主要指标未见改善' : '',
    lastYear.length ? `与上年同期相比，${list(lastYear)}` : yearAgo ? '与上年同期相比，各项主要指标未见改善' : '',
  ].filter(Boolean);
  return parts.length ? `${parts.join('；')}。` : '本学期为首个有数据的学期，暂无可比较的上学期和上年同期数据。';
}

export function workloadParagraph(f: SemesterFigures, rules: ActiveRules): string {
  const w = f.workload.institution;
  if (!w || w.periods === 0) return '本学期尚未收到辅导员工作记录，无法统计工作落实情况。';
  const target = rules.workload_target_share;
  const T = 'tbl-workload-departments';
  const at = (col: string) => ({ row: INSTITUTION, col });
  const share = w.met / w.periods;
  let text =
    `落实辅导员日常工作要求。本学期共收到辅导员工作记录${n('workload_periods', formatInt(w.periods), T, at('periods'))}人周次，其中达到全部周工作要求的${n('workload_met', formatInt(w.met), T, at('met'))}人周次，` +
    `占${n('workload_share', formatPercent(share), T, at('share'))}，${share >= target ? '达到' : '低于'}${rulePercent(target)}的目标。`;
  // The lowest of every role's norms, as the norms' table lists them all.
  // A norm no department had the column for (该项未报送) has no rate to compare.
  const rated = f.workload.norms.flatMap((x) => (x.met != null && x.periods != null && x.periods > 0 ? [{ ...x, met: x.met, periods: x.periods }] : []));
  const lowest = [...rated].sort((a, b) => a.met / a.periods - b.met / b.periods)[0];
  if (lowest) {
    const role = ROLE_LABELS[lowest.role as Role] ?? lowest.role;
    text += `各项工作要求中，${escapeHtml(role)}“${r(rules.workload_norms[lowest.norm]!.label)}”的达标率最低，为${n('workload_lowest', formatPercent(lowest.met / lowest.periods), 'tbl-workload', { row: String(lowest.norm), col: 'share' })}。`;
  }
  const below = f.workload.departments.filter((d) => d.periods > 0 && d.met / d.periods < target);
  if (below.length) text += `${n('workload_departments_below', formatInt(below.length), T, { agg: 'flagged' })}个系部低于${rulePercent(target)}的目标。`;
  else text += '各系部均达到目标。';
  return text;
}

export function assessmentParagraph(f: SemesterFigures, rules: ActiveRules): string {
  const grades = f.assessment.grades;
  if (!grades.length) return '本学期尚未报送考核结果（考核于学期末进行）。';
  const T = 'tbl-assessment';
  const total = grades.reduce((s, g) => s + g.assessed, 0);
  const byRole = grades.map((g) => `${escapeHtml(ROLE_LABELS[g.role as Role] ?? g.role)}${n(`assessed_${g.role}`, formatInt(g.assessed), T, { row: g.role, col: 'assessed' })}人`);
  const sum = (k: Grade) => grades.reduce((s, g) => s + g[k], 0);
  // The grades as the school names them (优秀/称职/基本称职/不称职; 优秀/合格/不合格), as its 考核 table shows them.
  const counts = gradesShown(rules.assessment, grades).map(({ grade, label }) => `${escapeHtml(label)}${n(grade, formatInt(sum(grade)), T, { agg: 'sum', col: grade })}人`);
  let text = `开展学期考核。本学期参加考核${n('assessed', formatInt(total), T, { agg: 'sum', col: 'assessed' })}人（${list(byRole)}），评为${counts.join('、')}。`;
  const q = f.quota.total;
  if (q && q.assessed > 0) {
    const over = f.quota.units.filter((u) => u.over);
    text +=
      `按优秀比例不超过${rulePercent(rules.assessment.excellence_quota)}核定优秀名额${n('quota_allowed', formatInt(q.allowed), 'tbl-quota', { agg: 'sum', col: 'allowed' })}个，实际评为优秀${n('quota_used', formatInt(q.used), 'tbl-quota', { agg: 'sum', col: 'used' })}人` +
      (over.length === 0 ? '，各单位均未超出名额。' : `，${n('quota_units_over', formatInt(over.length), 'tbl-quota', { agg: 'flagged' })}个单位超出名额。`);
  }
  return text;
}

export function trainingParagraph(f: SemesterFigures, rules: ActiveRules): string {
  const t = f.training.institution;
  if (!t || t.counselors === 0) return '本学期辅导员名册中没有专职辅导员，无法统计培训情况。';
  const T = 'tbl-training';
  const at = (col: string) => ({ row: INSTITUTION, col });
  const year = Number(f.semester.slice(0, 4)) + (f.semester.endsWith('-2') ? 1 : 0);
  // No training record at all for the year: said as such, never 0 学时 or 未达到.
  if (t.school_hours == null || t.meets_hours == null || t.without_higher == null)
    return `加强辅导员培训。<span class="when">${year}年度</span>${t.note ?? '未报送培训记录'}。全院专职辅导员的培训学时暂无法统计，未作达标判断。`;
  const short = t.counselors - t.meets_hours;
  let text =
    `加强辅导员培训。<span class="when">${year}年度</span>，全院${n('training_counselors', formatInt(t.counselors), T, at('counselors'))}名专职辅导员人均参加校级培训${n('training_mean', (t.school_hours / t.counselors).toFixed(1), T, at('mean'))}学时，` +
    `${n('training_meets', formatInt(t.meets_hours), T, at('meets_hours'))}人达到每年${r(rules.training.school_hours_per_year)}学时的要求` +
    (short > 0 ? `，${n('training_short', formatInt(short), T, at('short'))}人未达到` : '，全部达到要求') +
    '；';
  text +=
    t.without_higher > 0
      ? `${n('training_without_higher', formatInt(t.without_higher), T, at('without_higher'))}人近${r(rules.training.national_or_provincial_every_years)}年内未参加国家级或省级培训。`
      : `每人近${r(rules.training.national_or_provincial_every_years)}年内均参加过国家级或省级培训。`;
  return text;
}

export function assistantsParagraph(f: SemesterFigures): string {
  const a = f.assistants.institution;
  if (!a || (a.classes === 0 && a.assistants === 0)) return '本学期未收到班级名单和助理名册，无法统计助理配备情况。';
  const T = 'tbl-assistants';
  const at = (col: string) => ({ row: INSTITUTION, col });
  return (
    `选配辅导员（班主任）助理。全院共有班级${n('classes', formatInt(a.classes), T, at('classes'))}个，已配备助理的${n('covered', formatInt(a.covered), T, at('covered'))}个，占${n('coverage', formatPercent(a.classes ? a.covered / a.classes : null), T, at('share'))}；` +
    `在任助理${n('assistants', formatInt(a.assistants), T, at('assistants'))}人，其中中共党员（含预备党员）${n('political_ok', formatInt(a.political_ok), T, at('political_ok'))}人。`
  );
}
