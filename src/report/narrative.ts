/**
 * The report's paragraphs in formal Chinese, generated from the figures. Every number is wrapped
 * in a link to the table it comes from (data-n names it), so a reader — and the tests — can trace
 * it. Pure functions of the figures: the edge cases (met or not, no previous semester, no data)
 * are plain branches here and unit-tested.
 */
import { GRADE_LABELS, ROLE_LABELS, type Role } from '../domain/cells.ts';
import { escapeHtml, formatFte, formatInt, formatRatio } from '../domain/format.ts';
import { semesterLabel } from '../domain/semester.ts';
import { formatPercent } from '../views/table.ts';
import type { ActiveRules } from '../domain/rules.ts';
import type { SemesterFigures } from './figures.ts';

/** A number in the text, linked to its table. */
export const n = (key: string, text: string, table: string) => `<a class="n" href="#${table}" data-n="${escapeHtml(key)}">${escapeHtml(text)}</a>`;
const list = (items: string[]) => items.join('、');

export function staffingParagraph(f: SemesterFigures, prev: SemesterFigures | null, rules: ActiveRules): string {
  const t = rules.max_students_per_counselor;
  const i = f.staffing.institution;
  const label = semesterLabel(f.semester);
  if (!i || (!i.students && !i.full_time && !i.part_time)) return `截至${label}，尚未收到在校生人数和辅导员名册数据，无法计算师生比。`;
  const T = 'tbl-staffing';
  // 全院 over the departments whose roster and enrollment were read: the others named beside it.
  const scope = i.excluded ? `全院（不含${escapeHtml(i.excluded)}）` : '全院';
  let text =
    `截至${label}，${scope}在校生${n('students', formatInt(i.students ?? 0), T)}人，专职辅导员${n('full_time', formatInt(i.full_time ?? 0), T)}人、` +
    `兼职辅导员${n('part_time', formatInt(i.part_time ?? 0), T)}人（兼职按${escapeHtml(rules.part_time_weight.numerator + '/' + rules.part_time_weight.denominator)}折算后合计${n('fte', formatFte(i.fte ?? 0), T)}人），`;
  if (i.ratio_full_time == null) text += `没有专职辅导员，未达到1:${t}的配备要求，尚缺${n('gap', formatInt(i.gap ?? 0), T)}人。`;
  else
    text +=
      `专职辅导员师生比为${n('ratio_full_time', formatRatio(i.ratio_full_time, t), T)}，` +
      (i.compliant_full_time ? `达到1:${t}的配备要求。` : `未达到1:${t}的配备要求，尚缺${n('gap', formatInt(i.gap ?? 0), T)}人。`);
  const p = prev?.staffing.institution;
  if (p?.ratio_full_time != null && i.ratio_full_time != null) {
    // The number is students per counselor: say what it did (增加/减少) and, separately, what that means (变差/改善).
    const before = `上学期（${semesterLabel(prev!.semester)}，${formatRatio(p.ratio_full_time, t)}）`;
    const delta = Math.abs(i.ratio_full_time - p.ratio_full_time).toFixed(1);
    text +=
      i.ratio_full_time === p.ratio_full_time || delta === '0.0'
        ? `每名专职辅导员对应的学生数与${before}基本持平。`
        : `每名专职辅导员对应的学生数较${before}${i.ratio_full_time > p.ratio_full_time ? '增加' : '减少'}${delta}人，配备状况${i.ratio_full_time > p.ratio_full_time ? '有所变差' : '有所改善'}。`;
  }
  const below = f.staffing.departments.filter((d) => d.note == null && (d.students ?? 0) > 0 && d.compliant_full_time === false);
  const withData = f.staffing.departments.filter((d) => d.note == null && (d.students ?? 0) > 0);
  if (withData.length === 0) text += '各系部均未报送在校生人数。';
  else if (below.length === 0) text += `${withData.length}个系部均达到配备要求。`;
  else
    text +=
      `${withData.length}个系部中，` +
      list(below.map((d) => `${escapeHtml(d.department)}（${d.ratio_full_time == null ? '无专职辅导员' : formatRatio(d.ratio_full_time, t)}，缺${d.gap}人）`)) +
      `${below.length > 1 ? '等' : ''}${n('departments_below', formatInt(below.length), 'tbl-staffing-departments')}个系部未达到配备要求。`;
  if (f.staffing.flaggedHiring > 0)
    text += `另有${n('flagged_hiring', formatInt(f.staffing.flaggedHiring), 'tbl-hiring')}名辅导员以${escapeHtml(rules.disallowed_hiring.join('、'))}方式聘用，不符合“原则上不得以此类方式聘用辅导员”的要求。`;
  return text;
}

export function workloadParagraph(f: SemesterFigures, rules: ActiveRules): string {
  const w = f.workload.institution;
  if (!w || w.periods === 0) return '本学期尚未收到辅导员工作记录，无法统计工作落实情况。';
  const target = rules.workload_target_share;
  const T = 'tbl-workload';
  const share = w.met / w.periods;
  let text =
    `本学期共收到辅导员工作记录${n('workload_periods', formatInt(w.periods), T)}人周次，其中达到全部周工作要求的${n('workload_met', formatInt(w.met), T)}人周次，` +
    `占${n('workload_share', formatPercent(share), T)}，${share >= target ? '达到' : '低于'}${formatPercent(target)}的目标。`;
  const counselorNorms = f.workload.norms.filter((r) => r.role === 'counselor' && r.periods > 0);
  const lowest = [...counselorNorms].sort((a, b) => a.met / a.periods - b.met / b.periods)[0];
  if (lowest) text += `各项要求中，“${escapeHtml(rules.workload_norms[lowest.norm]!.label)}”达标率最低，为${formatPercent(lowest.met / lowest.periods)}。`;
  const below = f.workload.departments.filter((d) => d.periods > 0 && d.met / d.periods < target);
  text +=
    below.length === 0
      ? '各系部均达到目标。'
      : `${list(below.map((d) => `${escapeHtml(d.department)}（${formatPercent(d.met / d.periods)}）`))}${below.length > 1 ? '等' : ''}${n('workload_departments_below', formatInt(below.length), 'tbl-workload-departments')}个系部低于目标。`;
  return text;
}

export function assessmentParagraph(f: SemesterFigures, rules: ActiveRules): string {
  const grades = f.assessment.grades;
  if (!grades.length) return '本学期尚未报送考核结果（考核于学期末进行），本节暂无数据。';
  const T = 'tbl-assessment';
  const total = grades.reduce((s, g) => s + g.assessed, 0);
  const byRole = grades.map((g) => `${ROLE_LABELS[g.role as Role] ?? g.role}${g.assessed}人`);
  const sum = (k: 'excellent' | 'good' | 'pass' | 'fail') => grades.reduce((s, g) => s + g[k], 0);
  let text =
    `本学期参加考核${n('assessed', formatInt(total), T)}人（${list(byRole)}），评为${GRADE_LABELS.excellent}${n('excellent', formatInt(sum('excellent')), T)}人、` +
    `${GRADE_LABELS.good}${formatInt(sum('good'))}人、${GRADE_LABELS.pass}${formatInt(sum('pass'))}人、${GRADE_LABELS.fail}${n('fail', formatInt(sum('fail')), T)}人。`;
  const c = f.assessment.coverage;
  if (c && c.roster > 0)
    text += c.assessed === c.roster ? `名册上的${formatInt(c.roster)}名辅导员均已完成考核。` : `名册上的${formatInt(c.roster)}名辅导员中，${formatInt(c.roster - c.assessed)}人未见考核结果。`;
  const q = f.quota.total;
  if (q && q.assessed > 0) {
    const over = f.quota.units.filter((u) => u.over);
    text +=
      `按优秀比例不超过${formatPercent(rules.assessment.excellence_quota)}核定，优秀名额合计${n('quota_allowed', formatInt(q.allowed), 'tbl-quota')}个，实际评为优秀${n('quota_used', formatInt(q.used), 'tbl-quota')}人，` +
      (over.length === 0
        ? '各系部均未超出名额。'
        : `${list(over.map((u) => `${escapeHtml(u.department)}${ROLE_LABELS[u.role as Role] ?? u.role}（名额${u.allowed}个，评优${u.used}人）`))}${over.length > 1 ? '等' : ''}${n('quota_units_over', formatInt(over.length), 'tbl-quota')}个系部（角色）超出名额。名额按系部、角色分别核定，超出的不能用其他系部（角色）未用完的名额抵补。`);
  }
  if (f.assessment.mismatches > 0) text += `另有${n('mismatches', formatInt(f.assessment.mismatches), T)}条记录的得分与填报等次不一致，需核实。`;
  return text;
}

export function trainingParagraph(f: SemesterFigures, rules: ActiveRules): string {
  const t = f.training.institution;
  if (!t || t.counselors === 0) return '本学期辅导员名册中没有专职辅导员，无法统计培训情况。';
  const T = 'tbl-training';
  const year = Number(f.semester.slice(0, 4)) + (f.semester.endsWith('-2') ? 1 : 0);
  const short = t.counselors - t.meets_hours;
  let text =
    `${year}年度，全院${n('training_counselors', formatInt(t.counselors), T)}名专职辅导员人均参加校级培训${n('training_mean', (t.school_hours / t.counselors).toFixed(1), T)}学时，` +
    `${n('training_meets', formatInt(t.meets_hours), T)}人达到每年${rules.training.school_hours_per_year}学时的要求` +
    (short > 0 ? `，${n('training_short', formatInt(short), T)}人未达到` : '，全部达到要求') +
    '；';
  text +=
    t.without_higher > 0
      ? `${n('training_without_higher', formatInt(t.without_higher), T)}人近${rules.training.national_or_provincial_every_years}年内未参加国家级或省级（自治区级）培训。`
      : `每人近${rules.training.national_or_provincial_every_years}年内均参加过国家级或省级（自治区级）培训。`;
  return text;
}

export function assistantsParagraph(f: SemesterFigures): string {
  const a = f.assistants.institution;
  if (!a || (a.classes === 0 && a.assistants === 0)) return '本学期未收到班级名单和助理名册，无法统计助理配备情况。';
  const T = 'tbl-assistants';
  let text =
    `全院共有班级${n('classes', formatInt(a.classes), T)}个，已配备助理的${n('covered', formatInt(a.covered), T)}个，占${n('coverage', formatPercent(a.classes ? a.covered / a.classes : null), T)}` +
    (a.shared > 0 ? `；${formatInt(a.shared)}个班级多于1名助理，不符合“每班至多1名”的要求` : '') +
    `。在任助理${n('assistants', formatInt(a.assistants), T)}人，其中年级符合要求${formatInt(a.year_ok)}人，中共党员（含预备党员）${n('political_ok', formatInt(a.political_ok), T)}人，无不及格课程${formatInt(a.courses_ok)}人。`;
  const g = f.assistants.grades;
  if (g && g.assessed > 0) text += `本学期助理参加考核${formatInt(g.assessed)}人，评为优秀${formatInt(g.excellent)}人、不合格${formatInt(g.fail)}人。`;
  return text;
}
