/**
 * 存在问题: what the report must raise, listed from the figures by a table of checks. Each check
 * returns its finding — a short heading ("专职辅导员配备不足") and the sentences that state it, with
 * its cause where the data shows one — or nothing. The body lists at most six, the weightiest
 * first (staffing and hiring before the rest); the others, and the findings about single records
 * (a score that disagrees with its grade, an assistant late too often), go to the 附件 (annex.ts).
 * No person is named here: a list of names is the internal 附件's.
 */
import { ROLE_LABELS, type Role } from '../domain/cells.ts';
import { escapeHtml, formatInt, formatRatioWhole } from '../domain/format.ts';
import type { ActiveRules } from '../domain/rules.ts';
import { formatPercent } from '../views/table.ts';
import type { SemesterFigures } from './figures.ts';
import { n, r, rulePercent, staffingBelow } from './narrative.ts';
import { STRUCTURE_CHECKS } from './structure.ts';

export interface Problem {
  id: string;
  title: string;
  /** The finding in one or more sentences, each ending in "。" (HTML: its numbers link to their tables). */
  detail: string;
}

type Check = (f: SemesterFigures, rules: ActiveRules, prev: SemesterFigures | null) => Omit<Problem, 'id'> | null;

const names = (xs: string[]) => xs.join('、');
/** "甲系、乙系等2个系部" — or just "甲系" for one; the count linked to the table's flagged rows. */
const counted = (xs: string[], noun: string, table: string) =>
  xs.length > 1 ? `${names(xs)}等${n(`count_${table}`, formatInt(xs.length), table, { agg: 'flagged' })}个${noun}` : names(xs);
const STAFFING = 'tbl-staffing-departments';

/**
 * Why a department is short, where the data shows it: its students grew while its full-time
 * counselors did not, or counselors left ("学生增加52人而专职辅导员未增加").
 */
function staffingCause(d: SemesterFigures['staffing']['departments'][number], prev: SemesterFigures | null): string | null {
  const before = prev?.staffing.departments.find((x) => x.department === d.department);
  if (!before || !before.students || d.students == null || d.full_time == null || before.full_time == null) return null;
  const grew = d.students - before.students;
  const left = before.full_time - d.full_time;
  const at = (col: string) => ({ row: d.department, col });
  const students = n(`cause_students_${d.department}`, formatInt(Math.abs(grew)), STAFFING, at('students_change'));
  const counselors = n(`cause_full_time_${d.department}`, formatInt(Math.abs(left)), STAFFING, at('full_time_change'));
  if (grew > 0 && left > 0) return `${escapeHtml(d.department)}在校生较上学期增加${students}人，专职辅导员反而减少${counselors}人`;
  if (grew > 0 && left === 0) return `${escapeHtml(d.department)}在校生较上学期增加${students}人，专职辅导员未增加`;
  if (left > 0) return `${escapeHtml(d.department)}专职辅导员较上学期减少${counselors}人`;
  return null;
}

const CHECKS: ReadonlyArray<readonly [string, Check]> = [
  [
    'staffing',
    (f, rules, prev) => {
      // Only departments whose roster and enrollment were read: a missing one is a data matter (附件), not a shortage.
      const below = staffingBelow(f);
      const i = f.staffing.institution;
      if (!below.length && (!i || i.compliant_full_time !== false)) return null;
      const t = rules.max_students_per_counselor;
      const institution =
        i && i.compliant_full_time === false
          ? `${i.excluded ? `全院（不含${escapeHtml(i.excluded)}）` : '全院'}专职辅导员师生比为${n('p_ratio', formatRatioWhole(i.ratio_full_time, t), STAFFING, { row: i.department, col: 'ratio_full_time' })}，未达到${r(`1:${t}`)}的要求，尚缺${n('p_gap', formatInt(i.gap ?? 0), STAFFING, { row: i.department, col: 'gap' })}人。`
          : '';
      const departments = below.length
        ? `${counted(
            below.map(
              (d) =>
                `${escapeHtml(d.department)}（${d.ratio_full_time == null ? '无专职辅导员' : n(`p_ratio_${d.department}`, formatRatioWhole(d.ratio_full_time, t), STAFFING, { row: d.department, col: 'ratio_full_time' })}，缺${n(`p_gap_${d.department}`, formatInt(d.gap ?? 0), STAFFING, { row: d.department, col: 'gap' })}人）`,
            ),
            '系部',
            STAFFING,
          )}未达到${r(`1:${t}`)}的配备要求${i?.needed ? `，各系部合计需增配专职辅导员${n('p_needed', formatInt(i.needed), STAFFING, { agg: 'sum', col: 'gap' })}人` : ''}。`
        : '';
      const causes = below.map((d) => staffingCause(d, prev)).filter((c): c is string => c != null);
      return { title: '部分系部专职辅导员配备不足', detail: institution + departments + (causes.length ? `主要原因是${causes.join('；')}。` : '') };
    },
  ],
  [
    'hiring',
    (f, rules) =>
      f.staffing.flaggedHiring > 0
        ? {
            title: '聘用方式不规范',
            detail: `${n('p_flagged_hiring', formatInt(f.staffing.flaggedHiring), 'tbl-hiring', { agg: 'flagged-sum', col: 'counselors' })}名辅导员以${escapeHtml(rules.disallowed_hiring.join('、'))}方式聘用，不符合“原则上不得以此类方式聘用辅导员”的要求。`,
          }
        : null,
  ],
  [
    'workload',
    (f, rules) => {
      const below = f.workload.departments.filter((d) => d.periods > 0 && d.met / d.periods < rules.workload_target_share);
      return below.length
        ? {
            title: '日常工作要求落实不到位',
            detail: `${counted(
              below.map((d) => `${escapeHtml(d.department)}（${n(`p_workload_${d.department}`, formatPercent(d.met / d.periods), 'tbl-workload-departments', { row: d.department, col: 'share' })}）`),
              '系部',
              'tbl-workload-departments',
            )}辅导员达到全部周工作要求的人周次比例低于${rulePercent(rules.workload_target_share)}的目标。`,
          }
        : null;
    },
  ],
  [
    'quota',
    (f) => {
      const over = f.quota.units.filter((u) => u.over);
      const key = (u: (typeof over)[number]) => `${u.department}|${u.role}`;
      return over.length
        ? {
            title: '优秀等次超出名额',
            detail: `${counted(
              over.map(
                (u) =>
                  `${escapeHtml(u.department)}${escapeHtml(ROLE_LABELS[u.role as Role] ?? u.role)}（名额${n(`p_quota_allowed_${key(u)}`, formatInt(u.allowed), 'tbl-quota', { row: key(u), col: 'allowed' })}个，评优${n(`p_quota_used_${key(u)}`, formatInt(u.used), 'tbl-quota', { row: key(u), col: 'used' })}人）`,
              ),
              '单位',
              'tbl-quota',
            )}评为优秀的人数超出名额。`,
          }
        : null;
    },
  ],
  [
    'assessment',
    (f) => {
      const c = f.assessment.coverage;
      const missing = c && f.assessment.grades.length ? c.roster - c.assessed : 0;
      return missing > 0
        ? { title: '考核工作未全面完成', detail: `辅导员考核完成率为${n('p_assessment', f.measures.assessment?.text ?? '—', 'tbl-compare', { row: 'assessment', col: 'now' })}，名册上尚有辅导员未见考核结果。` }
        : null;
    },
  ],
  [
    'training',
    (f, rules) => {
      const t = f.training.institution;
      // No training record for the year (a note): nothing to judge by, so no problem raised — the paragraph says it was not sent.
      if (!t || t.counselors === 0 || t.meets_hours == null || t.without_higher == null) return null;
      const short = t.counselors - t.meets_hours;
      const at = (col: string) => ({ row: t.department, col });
      const parts = [
        short > 0 && `${n('p_training_short', formatInt(short), 'tbl-training', at('short'))}名专职辅导员校级培训不足${r(rules.training.school_hours_per_year)}学时`,
        t.without_higher > 0 &&
          `${n('p_training_without_higher', formatInt(t.without_higher), 'tbl-training', at('without_higher'))}名专职辅导员近${r(rules.training.national_or_provincial_every_years)}年内未参加国家级或省级培训`,
      ].filter(Boolean);
      return parts.length ? { title: '培训要求未全部落实', detail: `${parts.join('；')}。` } : null;
    },
  ],
  [
    'assistants',
    (f, rules) => {
      const a = f.assistants.institution;
      if (!a || a.classes === 0) return null;
      const at = (col: string) => ({ row: a.department, col });
      const nonMembers = a.assistants - a.political_ok - a.political_unknown;
      const parts = [
        // 每班可配备1名 is an allowance: a class without an assistant is no problem; one with more exceeds it.
        a.shared > 0 && `${n('p_shared', formatInt(a.shared), 'tbl-assistants', at('shared'))}个班级多于${r(rules.assistants_per_class)}名助理`,
        nonMembers > 0 && `${n('p_non_members', formatInt(nonMembers), 'tbl-assistants', at('non_members'))}名助理不是中共党员或预备党员`,
      ].filter(Boolean);
      return parts.length ? { title: '助理队伍建设有待加强', detail: `${parts.join('；')}。` } : null;
    },
  ],
  ...STRUCTURE_CHECKS.map(([id, check]) => [id, (f: SemesterFigures, rules: ActiveRules) => check(f.structure, rules)] as const),
];

/**
 * The rule each finding is judged by: the body lists the findings in the order of their rules' weights
 * in the rules file (staffing 1, hiring and a counselor failed two years running 2, daily work 3,
 * training 4, assessment 5, quota 6, assistants 7, education, structure targets and 岗前培训 8) — the order of
 * the overview's 需要关注 —, equal weights in the order of CHECKS.
 */
const RULE_OF: Readonly<Record<string, string>> = {
  staffing: 'staffing.max_students_per_counselor',
  hiring: 'staffing.disallowed_hiring',
  'consecutive-fail': 'people.consecutive_fail_years',
  workload: 'workload.target_share',
  training: 'training.school_hours_per_year',
  induction: 'training.induction_hours',
  assessment: 'assessment.completion',
  quota: 'assessment.excellence_quota',
  assistants: 'assistants.per_class',
  'structure-education': 'structure.min_education',
  'structure-targets': 'structure.party_share_target',
};
/** A finding's weight: its rule's (a rule the file gives no weight comes after the others). */
const weightOf = (id: string, rules: ActiveRules) => rules.kinds[RULE_OF[id] ?? '']?.weight ?? 99;
/** Matters of one record or one person: the 附件's 数据质量说明, not the body. */
const ANNEX_ONLY: ReadonlySet<string> = new Set(['lateness', 'graduates-tenure']);
/** What the body lists at most. */
export const MAX_PROBLEMS = 6;

/** Every finding, the weightiest first. */
export function findings(f: SemesterFigures, rules: ActiveRules, prev: SemesterFigures | null = null): Problem[] {
  return CHECKS.flatMap(([id, check]) => {
    const found = check(f, rules, prev);
    return found ? [{ id, ...found }] : [];
  }).sort((a, b) => weightOf(a.id, rules) - weightOf(b.id, rules));
}

/** The body's 存在的问题: at most six, the weightiest first, none about a single record. */
export function problems(f: SemesterFigures, rules: ActiveRules, prev: SemesterFigures | null = null): Problem[] {
  return findings(f, rules, prev)
    .filter((p) => !ANNEX_ONLY.has(p.id))
    .slice(0, MAX_PROBLEMS);
}

/** What the body leaves out, for the 附件: the single-record matters and what is beyond the six. */
export function otherFindings(f: SemesterFigures, rules: ActiveRules, prev: SemesterFigures | null = null): Problem[] {
  const body = new Set(problems(f, rules, prev).map((p) => p.id));
  return findings(f, rules, prev).filter((p) => !body.has(p.id));
}

/** A problem as one line of text: "专职辅导员配备不足。甲系（…）未达到…。" */
export const problemText = (p: Problem) => `${p.title}。${p.detail.replace(/<[^>]+>/g, '')}`;
