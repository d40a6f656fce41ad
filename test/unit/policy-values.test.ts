/**
 * The policy values of data/rules.json, written out once more here from the policy texts (the
 * seeds, quoted; and 教育部令第43号), so that a wrong value in the rules file cannot pass both the
 * product and the oracles that read it. A value a school may set differently (the part-time weight
 * of another college, a stricter quota…) is changed here together with the quote it follows from.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { POLICY } from '../support/oracle-metrics.ts';

const rules = JSON.parse(readFileSync('data/rules.json', 'utf8'));
const profile = rules.profiles[rules.active_profile];
/** A rule's value: profile.<area>.<key>.value. */
const value = (path: string) => path.split('.').reduce((o, k) => o?.[k], profile)?.value;

/** [rule, value the policy text gives, the text it comes from]. */
const PINNED: Array<[string, unknown, string]> = [
  ['staffing.max_students_per_counselor', 200, 'seeds/004：学院按总体上师生比不低于1:200的比例设置专职辅导员岗位'],
  ['staffing.part_time_weight', '1/3', 'seeds/004：兼职辅导员工作量按专职辅导员工作量的三分之一核定'],
  ['staffing.disallowed_hiring', ['劳务派遣', '人事代理'], 'seeds/004：原则上不得用劳务派遣、人事代理等方式聘用辅导员'],
  ['training.school_hours_per_year', 16, 'seeds/004：确保每名专职辅导员每年参加不少于16个学时的校级培训'],
  ['training.national_or_provincial_every_years', 3, 'seeds/004：每3年参加1次国家级或自治区级培训'],
  ['training.induction_hours', 40, '教育部令第43号《普通高等学校辅导员队伍建设规定》：新入职辅导员岗前培训不少于40学时'],
  ['assessment.excellence_quota', 0.2, 'seeds/000：并对表现优异者授予优秀辅导员助理”荣誉称号（不超过20%）'],
  ['assessment.items_max', 90, 'seeds/000《考核量化表》：德15分、能30分、勤20分、绩25分'],
  ['assessment.total_max', 100, 'seeds/000《考核量化表》合计栏“100”'],
  ['people.consecutive_fail_years', 2, 'seeds/004：连续两年年度考核不合格的，可以解除聘用合同'],
  ['people.lateness', { max: 3, roles: ['assistant'] }, 'seeds/002：对于表现较差,如迟到三次以上、工作散漫、例会旷到等情况,综合评价不合格'],
  ['people.top_counselors', 10, 'seeds/004：开展“十佳辅导员”等针对优秀辅导员和思政工作者的专项表彰'],
  ['people.graduate_min_months', 12, 'seeds/003：在岗时间至少为一年'],
];

/** The weekly and monthly norms: [role, field, min, max, per], from seeds/000, 001 and 003. */
const NORMS: Array<[string, string, number, number | undefined, 'week' | 'month', string]> = [
  ['counselor', 'talks', 5, undefined, 'week', 'seeds/001：辅导员一般每周与学生个别谈心不少于5人'],
  ['counselor', 'class_checks', 2, undefined, 'week', 'seeds/001：每周至少检查学生上课情况2次'],
  ['counselor', 'dorm_hygiene_checks', 2, undefined, 'week', 'seeds/001：（每周至少检查）宿舍卫生2次'],
  ['counselor', 'dorm_visits', 2, undefined, 'week', 'seeds/001：深入宿舍谈心2次'],
  ['counselor', 'lectures_attended', 1, undefined, 'week', 'seeds/001：辅导员、班主任每周至少要听课1次以上'],
  ['class_teacher', 'talks', 2, undefined, 'week', 'seeds/001：班主任不少于2人'],
  ['class_teacher', 'teacher_contacts', 1, undefined, 'month', 'seeds/001：每个月至少与任课教师联系一次'],
  ['assistant', 'dorm_visits', 1, undefined, 'week', 'seeds/000：坚持每周进一次学生寝室'],
  ['assistant', 'class_meetings', 1, undefined, 'month', 'seeds/000：每月参加一次班级活动'],
  ['graduate_assistant', 'hours', 15, 20, 'week', 'seeds/003：助理工作量按每周15～20小时安排'],
];

describe('data/rules.json holds the values the policy texts give', () => {
  it.each(PINNED)('%s = %j (%s)', (path, want) => {
    expect(value(path)).toEqual(want);
  });

  it('grade bands: 90 / 75 / 60 on the percent of the maximum (seeds/000：考核成绩90分以上为优秀；90～75分为良好；74～60分为合格；60分以下为不合格)', () => {
    expect(value('assessment.bands')).toEqual([
      { grade: 'excellent', min: 90 },
      { grade: 'good', min: 75 },
      { grade: 'pass', min: 60 },
      { grade: 'fail', min: 0 },
    ]);
  });

  it('every workload norm of the profile is one the texts give, and every one they give is there', () => {
    const norms = profile.workload.norms.map((n: { role: string; field: string; min: number; max?: number; per?: string }) => [n.role, n.field, n.min, n.max, n.per ?? 'week']);
    expect(norms).toEqual(NORMS.map(([role, field, min, max, per]) => [role, field, min, max, per]));
  });

  it('the oracles check the people rules with the same values, written there from the texts and not read from the rules file', () => {
    expect([POLICY.lateMax, POLICY.lateRoles]).toEqual([value('people.lateness').max, value('people.lateness').roles]);
    expect(POLICY.inductionHours).toBe(value('training.induction_hours'));
    expect(POLICY.disallowedHiring).toEqual(value('staffing.disallowed_hiring'));
    expect(POLICY.consecutiveFailYears).toBe(value('people.consecutive_fail_years'));
    expect(POLICY.graduateMinMonths).toBe(value('people.graduate_min_months'));
    expect(POLICY.topCounselors).toBe(value('people.top_counselors'));
  });
});
