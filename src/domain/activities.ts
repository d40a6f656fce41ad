/**
 * The weekly activities a work log counts (seed 001 for counselors and 班主任, seed 000 for
 * assistants): the work-log columns and the fields a workload norm may name. Apart from both so
 * that the rules (domain/rules.ts) and the work-log table need not import each other.
 */

/** The weekly activity counts: [key, label, header spellings]. */
export const ACTIVITIES: ReadonlyArray<readonly [string, string, readonly string[]]> = [
  ['talks', '谈心谈话（人次）', ['谈心谈话', '谈心谈话人次', '谈话人次', '个别谈心', '谈心谈话次数', '谈心人次']],
  ['class_checks', '查课（次）', ['查课', '查课次数', '检查上课', '查课情况']],
  ['dorm_hygiene_checks', '宿舍卫生检查（次）', ['宿舍卫生检查', '查宿舍卫生', '检查宿舍卫生', '宿舍卫生检查次数']],
  ['dorm_visits', '深入宿舍（次）', ['深入宿舍', '走访宿舍', '深入学生宿舍', '进宿舍', '深入宿舍次数', '走访寝室', '深入寝室']],
  ['lectures_attended', '听课（次）', ['听课', '听课次数']],
  ['teacher_contacts', '联系任课教师（次）', ['联系任课教师', '联系任课老师', '与任课教师沟通']],
  ['class_meetings', '主题班会（次）', ['主题班会', '召开班会', '班会', '参加班级活动', '班级活动']],
  ['parent_contacts', '联系家长（次）', ['联系家长', '家长联系', '家校联系']],
];
