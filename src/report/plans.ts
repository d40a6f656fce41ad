/**
 * 下一步工作打算 and 提请党委研究的事项, from the body's problems: each problem's rule names its
 * measure (按1:200补充专职辅导员5人; 组织未达16学时者参加校级培训), and a few call for the committee
 * (hiring, a counselor failed two years running). A table keyed by the problem's id: a new check
 * in problems.ts with a measure is one more entry here. The office may replace the measures with
 * its own (notes.ts); the matters for the committee are always these.
 */
import { escapeHtml, formatInt } from '../domain/format.ts';
import type { ActiveRules } from '../domain/rules.ts';
import { EDUCATION_LABELS } from '../domain/people.ts';
import type { SemesterFigures } from './figures.ts';
import { n, r, rulePercent, staffingBelow, staffingGapSum } from './narrative.ts';
import type { Problem } from './problems.ts';
import { PEOPLE_TABLE } from './structure.ts';

type Plan = (f: SemesterFigures, rules: ActiveRules) => { measure: string; committee?: string };

const STAFFING = 'tbl-staffing-departments';
const gap = (f: SemesterFigures, key: string) => n(key, formatInt(staffingGapSum(f)), STAFFING, { agg: 'sum', col: 'gap' });
const people = (f: SemesterFigures, id: string, rows: readonly unknown[]) => n(`${id}_plan`, formatInt(rows.length), PEOPLE_TABLE, { row: id, col: 'count' });

const PLANS: Readonly<Record<string, Plan>> = {
  staffing: (f, rules) => {
    const below = staffingBelow(f).map((d) => escapeHtml(d.department));
    return {
      measure: `按${r(`1:${rules.max_students_per_counselor}`)}的标准补充专职辅导员${gap(f, 'plan_gap')}人，优先配备${below.join('、')}，在下一学期招聘计划中落实。`,
      committee: `关于按${r(`1:${rules.max_students_per_counselor}`)}的标准补充专职辅导员${gap(f, 'committee_gap')}人、纳入学校招聘计划的事项。`,
    };
  },
  hiring: (f, rules) => ({
    measure: `规范辅导员聘用方式，新聘辅导员不再以${escapeHtml(rules.disallowed_hiring.join('、'))}方式聘用，现有人员逐步纳入编制或人事聘用管理。`,
    committee: `关于规范${n('committee_hiring', formatInt(f.staffing.flaggedHiring), 'tbl-hiring', { agg: 'flagged-sum', col: 'counselors' })}名以${escapeHtml(rules.disallowed_hiring.join('、'))}方式聘用的辅导员聘用方式的事项。`,
  }),
  'consecutive-fail': (f, rules) => ({
    measure: `对连续${r(rules.people.consecutive_fail_years)}个学年考核不合格的辅导员，按规定提出调离辅导员岗位或解除聘用合同的处理意见。`,
    committee: `关于${people(f, 'consecutive-fail', f.structure.consecutiveFail)}名连续${r(rules.people.consecutive_fail_years)}个学年考核不合格辅导员的处理意见（名单另附）。`,
  }),
  'structure-education': (_f, rules) => ({
    measure: `督促学历低于${EDUCATION_LABELS[rules.structure.min_education]}的专职辅导员限期提升学历；新聘辅导员严格执行学历条件。`,
  }),
  training: (f, rules) => ({
    measure: `组织校级培训未达${r(rules.training.school_hours_per_year)}学时的专职辅导员参加校级培训补足学时；安排近${r(rules.training.national_or_provincial_every_years)}年内未参加国家级或省级培训的辅导员参加培训。`,
  }),
  induction: (_f, rules) => ({ measure: `为岗前培训不足${r(rules.training.induction_hours)}学时的新入职辅导员补足岗前培训，未完成前不单独带班。` }),
  workload: () => ({ measure: '督促工作要求达标率低于目标的系部逐周落实谈心谈话、查课查寝等工作要求，每月通报达标情况。' }),
  assessment: () => ({ measure: '督促尚无考核结果的辅导员所在系部在规定时间内完成考核并报送结果。' }),
  quota: (_f, rules) => ({ measure: `严格按不超过${rulePercent(rules.assessment.excellence_quota)}的比例分系部、分角色核定优秀名额，对超出名额的单位重新核定考核等次。` }),
  'structure-targets': () => ({ measure: '在招聘和培养中提高专职辅导员中共党员、硕士及以上学历、副高级及以上职称人员的比例。' }),
  assistants: () => ({ measure: `为尚未配备助理的班级选配助理，优先从学生党员中选聘，每班配备${r(1)}名。` }),
};

/** 下一步工作打算, pre-filled: the measure of each problem of the body, in its order. */
export function nextSteps(list: readonly Problem[], f: SemesterFigures, rules: ActiveRules): string[] {
  const steps = list.flatMap((p) => (PLANS[p.id] ? [PLANS[p.id]!(f, rules).measure] : []));
  steps.push('加强数据报送和核验，督促各系部按时、完整报送辅导员队伍建设数据，每学期向党委汇报一次。');
  return steps;
}

/** 提请党委研究的事项: the problems whose rule calls for the committee; none named. */
export function committeeMatters(list: readonly Problem[], f: SemesterFigures, rules: ActiveRules): string[] {
  return list.flatMap((p) => {
    const c = PLANS[p.id]?.(f, rules).committee;
    return c ? [c] : [];
  });
}
