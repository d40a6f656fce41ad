/**
 * The weekly activities a work log counts (seed 001 for counselors and 班主任, seed 000 for
 * assistants): the work-log columns and the fields a workload norm may name. Apart from both so
 * that the rules (domain/rules.ts) and the work-log table need not import each other.
 *
 * The spellings are the one list for every layout: a column heading of the weekly form (谈心谈话),
 * an activity heading over the weeks (weeks as columns), and the activity named in a row of a
 * diary exported one row per activity (工作类型「深入课堂听课」).
 */

/** The weekly activity counts: [key, label, header spellings]. */
export const ACTIVITIES: ReadonlyArray<readonly [string, string, readonly string[]]> = [
  ['talks', '谈心谈话（人次）', ['谈心谈话', '谈心谈话人次', '谈话人次', '个别谈心', '谈心谈话次数', '谈心人次', '谈心', '个别谈话', '学生谈心谈话']],
  ['class_checks', '查课（次）', ['查课', '查课次数', '检查上课', '查课情况', '课堂考勤', '检查学生上课']],
  ['dorm_hygiene_checks', '宿舍卫生检查（次）', ['宿舍卫生检查', '查宿舍卫生', '检查宿舍卫生', '宿舍卫生检查次数', '寝室卫生检查']],
  ['dorm_visits', '深入宿舍（次）', ['深入宿舍', '走访宿舍', '深入学生宿舍', '进宿舍', '深入宿舍次数', '走访寝室', '深入寝室', '走访学生宿舍', '走访学生寝室', '深入学生寝室']],
  ['lectures_attended', '听课（次）', ['听课', '听课次数', '深入课堂听课', '随堂听课']],
  ['teacher_contacts', '联系任课教师（次）', ['联系任课教师', '联系任课老师', '与任课教师沟通', '走访任课教师']],
  ['class_meetings', '主题班会（次）', ['主题班会', '召开班会', '班会', '参加班级活动', '班级活动', '参加班会', '召开主题班会', '参加主题班会']],
  ['parent_contacts', '联系家长（次）', ['联系家长', '家长联系', '家校联系']],
];

/** The keys of the activity counts. */
export const ACTIVITY_KEYS: readonly string[] = ACTIVITIES.map(([key]) => key);

/** An activity's name as the clerk knows it: its label without the unit (谈心谈话, 查课…). */
export const activityName = (label: string) => label.replace(/（.*）$/, '');

/** The activity a heading or a cell names, by its spellings (`text` normalised as a heading is), or null. */
export function activityOf(text: string): { key: string; label: string; name: string } | null {
  const found = ACTIVITIES.find(([, , aliases]) => aliases.includes(text));
  return found ? { key: found[0], label: found[1], name: activityName(found[1]) } : null;
}
