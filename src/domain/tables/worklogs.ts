/**
 * 工作记录: one row per person per week, with the counts the workload norms are about (seed 001
 * for counselors and 班主任, seed 000 for assistants, seed 003 for graduate assistants). A work
 * diary (工作日志: a dated row per day, or per activity of a day) is read row by row too, its date
 * kept: the workload SQL adds a diary's days up into person-weeks (src/metrics/workload.ts). A
 * diary exported one row per activity (日期, 工作类型「谈心谈话」, 次数 2) puts each row's count
 * under the activity it names, by the activity spellings the columns use (activities.ts).
 */
import * as cell from '../cells.ts';
import { fail, type Failure } from '../cells.ts';
import { cleanCell, compactCell } from '../text.ts';
import { monthInSemester, semesterOfDate, semesterWeeks, type SemesterWeeks } from '../calendar.ts';
import { addDays, mondayOf } from '../dates.ts';
import { semesterLabel } from '../semester.ts';
import { ACTIVITIES, ACTIVITY_KEYS, activityName, activityOf } from '../activities.ts';
import { department, name, outDepartment, outName, outRole, outSemester, role, semester } from './columns.ts';
import { PROVENANCE, type Derived, type InputColumn, type OutputColumn, type RowWarning, type TableSpec } from './types.ts';
import type { Role } from '../cells.ts';

const activityColumns: InputColumn[] = ACTIVITIES.map(([key, label, aliases]) => ({ key, label, aliases, required: false, parse: cell.weeklyCount }));
const ACTIVITY_NAMES = ACTIVITIES.map(([, label]) => activityName(label)).join('、');

/** The activity a diary's row names (工作类型「深入课堂听课」→ 听课), by the columns' own spellings; any other is refused, naming those read. */
function activityCell(raw: string, label: string): { key: string; name: string } | Failure {
  if (cell.isFormula(raw)) return cell.text(raw, label) as Failure;
  const written = cleanCell(raw);
  if (!written) return fail('MISSING_VALUE', `「${label}」不能为空，请填写工作类型（${ACTIVITY_NAMES}之一）。`);
  const found = activityOf(compactCell(written));
  return found
    ? { key: found.key, name: found.name }
    : fail(
        'UNKNOWN_ACTIVITY',
        `「${label}」的值「${written}」不是工作记录统计的工作类型，本行未计入。可识别的工作类型：${ACTIVITY_NAMES}（也可写作「个别谈心」「走访学生宿舍」「深入课堂听课」「参加班会」等）；请改为其中之一后重新报送，不属于这些工作的行可删去。`,
      );
}

/**
 * A diary exported one row per activity: the activity the row names and how many times (次数;
 * without such a column a row is one time). Read only in a header without activity columns of
 * its own, and beside 工作时长 only with a 次数 — else a 工作内容 is free text ("新生入学教育"),
 * said as a column not read (readOnly below).
 */
const activity: InputColumn = {
  key: 'activity',
  label: '工作类型',
  aliases: ['工作类型', '工作类别', '工作项目', '工作事项', '活动类别', '活动类型', '活动项目', '日志类型', '日志类别', '记录类型', '事项', '事项类别', '工作内容'],
  required: false,
  parse: activityCell,
};
const count: InputColumn = { key: 'count', label: '次数', aliases: ['次数', '人次', '数量', '频次', '次数/人次', '人次/次数'], required: false, parse: cell.weeklyCount };

const hours: InputColumn = { key: 'hours', label: '工作时长（小时）', aliases: ['工作时长', '工作时间', '工时', '时长', '工作小时数'], required: false, parse: cell.optionalHours };

export const worklogs: TableSpec = {
  kind: 'worklogs',
  label: '工作记录',
  file: 'worklogs.parquet',
  input: [
    { key: 'staff_id', label: '工号/学号', aliases: ['工号', '职工号', '学号', '教工号', '人员编号'], required: false, parse: cell.optionalIdentifier },
    name,
    department,
    role,
    { key: 'week', label: '周次', aliases: ['周次', '第几周', '教学周', '周'], required: false, parse: cell.optionalWeekNumber, merged: 'fill' },
    // A monthly report (工作月报): one row per person per month, judged by the monthly norms only.
    { key: 'month', label: '月份', aliases: ['月份', '月', '统计月份', '报送月份', '工作月份'], required: false, parse: cell.optionalMonth, merged: 'fill' },
    { key: 'date', label: '日期', aliases: ['日期', '记录日期', '周开始日期', '工作日期', '周一日期', '时间'], required: false, parse: cell.optionalDate, value: 'date', merged: 'fill' },
    ...activityColumns,
    activity,
    count,
    hours,
    semester,
  ],
  requireAnyOf: [['week', 'date', 'month'], [...ACTIVITY_KEYS, 'hours', 'activity']],
  readOnly: [
    { keys: ['activity', 'count'], without: ACTIVITY_KEYS },
    // 日期, 工作内容, 工作时长 (a graduate assistant's log): the 工作内容 is free text beside the hours, unless a 次数 counts it.
    { keys: ['activity'], without: ['hours'], with: ['count'] },
    { keys: ['count'], with: ['activity'] },
  ],
  needsSemester: false,
  needsRole: true,
  derive(fields, { rules, fileSemester, titleRole }) {
    const date = fields.date as string | null | undefined;
    // A month as written: "2025-10", or "10" whose year the semester gives.
    const month = fields.month as string | null | undefined;
    const semester =
      (fields.semester as string | undefined) ?? fileSemester ?? (date ? semesterOfDate(date) : month && month.length > 2 ? semesterOfDate(`${month}-01`) : null);
    if (!semester)
      return { ok: false, column: '日期', code: 'NO_SEMESTER', message: '无法确定学期：没有“学期”列、“日期”，标题行和文件夹名中也没有学期，请补充其一。' };
    const week = fields.week as number | null | undefined;
    const weeks = semesterWeeks(semester, rules.calendar);
    // A row of a diary exported per activity: its count (one time when there is no 次数 column) is that activity's.
    const named = fields.activity as { key: string; name: string } | undefined;
    if (named) {
      const times = 'count' in fields ? (fields.count as number | null) : 1;
      if (times === null) return { ok: false, column: '次数', code: 'MISSING_VALUE', message: `「次数」不能为空，请填写这一天「${named.name}」的次数。` };
      fields[named.key] = times;
      fields.activity = named.name;
    }
    if (month && !date && !week) return monthRow(fields, semester, month, weeks, titleRole);
    const week_start = date ? mondayOf(date) : week ? weeks.mondays[week]! : null;
    if (!week_start) return { ok: false, column: '周次', code: 'NO_WEEK', message: '「周次」和「日期」都为空，请填写第几周或该周的任一日期。' };
    const first = weeks.mondays[1]!;
    const end = weeks.end;
    const warnings: RowWarning[] =
      week_start < first || week_start >= end
        ? [{ code: 'WEEK_OUTSIDE_SEMESTER', column: date ? '日期' : '周次', message: `该周（${week_start} 起）不在${semesterLabel(semester)}（${first} 至 ${end}）之内，请核对日期或学期。` }]
        : [];
    // Both written and they disagree: the date is the more precise of the two, and it is said so.
    if (date && week && weeks.mondays[week] !== week_start)
      warnings.push({
        code: 'WEEK_DATE_MISMATCH',
        column: '周次',
        message: `「周次」填的是第${week}周（${weeks.mondays[week]} 至 ${addDays(weeks.mondays[week]!, 6)}），「日期」${date} 却不在这一周；已按日期计入（${week_start} 起的一周），请核对。`,
      });
    // Filled in place: this runs once per row of files that may hold a million.
    fields.semester = semester;
    fields.role ??= titleRole;
    fields.week_start = week_start;
    fields.week = week ?? null;
    fields.date = date ?? null;
    fields.month = null;
    return { ok: true, warnings, record: fields };
  },
  // The date too: the days of one week in a diary (one sheet per month, a week across two) are
  // different records; and the activity: a diary's rows of one day, one per activity, are too.
  identity: ['semester', 'department', 'role', ['staff_id', 'name'], 'week_start', 'date', 'month', 'activity'],
  output: [
    outSemester,
    outDepartment,
    { name: 'staff_id', type: 'VARCHAR', nullable: true, label: '工号或学号' },
    outName,
    outRole,
    { name: 'week_start', type: 'DATE', nullable: true, label: '周一日期（该周；按月报送的行为空）' },
    { name: 'week', type: 'INTEGER', nullable: true, label: '周次（原表填写时）' },
    { name: 'date', type: 'DATE', nullable: true, label: '日期（原表填写时；工作日志逐日一行）' },
    { name: 'month', type: 'VARCHAR', nullable: true, label: '月份（按月报送的工作月报，如 2025-10）' },
    { name: 'activity', type: 'VARCHAR', nullable: true, label: '工作类型（逐项一行的工作日志：该行所记的一项，如 谈心谈话；其次数记在该项的列中）' },
    ...ACTIVITIES.map(([key, label]): OutputColumn => ({ name: key, type: 'INTEGER', nullable: true, label })),
    { name: 'hours', type: 'DOUBLE', nullable: true, label: '工作时长（小时）' },
    ...PROVENANCE,
  ],
};

/** A row of a monthly report: its month ("YYYY-MM"), no week; the monthly norms judge it (src/metrics/workload.ts). */
function monthRow(fields: Record<string, unknown>, semester: string, written: string, weeks: SemesterWeeks, titleRole: Role | null): Derived {
  const month = written.length > 2 ? written : monthInSemester(semester, Number(written));
  const first = weeks.mondays[1]!.slice(0, 7);
  const last = addDays(weeks.end, -1).slice(0, 7);
  const warnings: RowWarning[] =
    month < first || month > last
      ? [{ code: 'WEEK_OUTSIDE_SEMESTER', column: '月份', message: `${month.replace('-', '年')}月不在${semesterLabel(semester)}（${first.replace('-', '年')}月至${last.replace('-', '年')}月）之内，请核对月份或学期。` }]
      : [];
  fields.semester = semester;
  fields.role ??= titleRole;
  fields.month = month;
  fields.week_start = null;
  fields.week = null;
  fields.date = null;
  return { ok: true, warnings, record: fields };
}
