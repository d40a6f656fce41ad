/**
 * A work log with the weeks as columns — 辅导员工作量统计表（第1-16周）: an activity heading (谈心谈话)
 * over 第1周 | 第2周 | … , a 合计 at the end, one row per person — reshaped into the work log's own
 * layout: one row per person per week, under a header of the person's columns, 周次 and the
 * activities. A week whose activities are all blank is no record (nothing was written for it).
 */
import { activityOf as activityNamed } from './activities.ts';
import { normaliseHeader } from './tables/index.ts';
import { cleanCell } from './text.ts';

const WEEK = /^第?(\d{1,2})周$|^(\d{1,2})$/;

/** The activity a heading names (its key and canonical label), or null. */
function activityOf(heading: string): { key: string; label: string } | null {
  const found = activityNamed(normaliseHeader(heading));
  return found ? { key: found.key, label: found.name } : null;
}

export interface WeekColumns {
  /** Index (in the rows given) of the row holding the weeks; the activity row is the one above. */
  row: number;
  /** The reshaped header: the person's columns as written, then 周次, then each activity once. */
  header: string[];
  /** Sheet columns of the person's columns, in header order. */
  personAt: number[];
  /** The weeks, in order met; for each, the sheet column of each activity (or -1). */
  weeks: Array<{ week: number; at: number[] }>;
}

/**
 * The weeks-as-columns layout in the top rows, or null: a row of week headings (第N周, N周 or a
 * bare 1–20 under an activity), each under an activity named in the row above (merged across,
 * or written once at its first week and blank after, as a CSV saved from merged cells has it).
 */
export function findWeekColumns(rows: readonly (readonly string[])[]): WeekColumns | null {
  for (let r = 1; r < rows.length; r++) {
    const weeksRow = rows[r]!;
    const groupRow = rows[r - 1]!;
    let current: { key: string; label: string } | null = null;
    const cells: Array<{ at: number; week: number; activity: { key: string; label: string } }> = [];
    const personAt: number[] = [];
    for (let i = 0; i < Math.max(weeksRow.length, groupRow.length); i++) {
      const group = cleanCell(groupRow[i]);
      if (group) current = activityOf(group);
      const m = WEEK.exec(normaliseHeader(weeksRow[i] ?? ''));
      const week = m ? Number(m[1] ?? m[2]) : NaN;
      if (current && week >= 1 && week <= 30) cells.push({ at: i, week, activity: current });
      else if (group && !current) personAt.push(i);
    }
    if (cells.length < 2) continue;
    // Weeks run on under each activity (1, 2, 3…), two or more each: a row of counts under the activities does not.
    const runOn = cells.every((c, k) => k === 0 || c.activity.key !== cells[k - 1]!.activity.key || c.week === cells[k - 1]!.week + 1);
    const perActivity = new Map<string, number>();
    for (const c of cells) perActivity.set(c.activity.key, (perActivity.get(c.activity.key) ?? 0) + 1);
    if (!runOn || [...perActivity.values()].some((n) => n < 2)) continue;
    const activities = [...new Map(cells.map((c) => [c.activity.key, c.activity])).values()];
    const weekNumbers = [...new Set(cells.map((c) => c.week))];
    return {
      row: r,
      header: [...personAt.map((i) => cleanCell(groupRow[i])), '周次', ...activities.map((a) => a.label)],
      personAt,
      weeks: weekNumbers.map((week) => ({
        week,
        at: activities.map((a) => cells.find((c) => c.week === week && c.activity.key === a.key)?.at ?? -1),
      })),
    };
  }
  return null;
}

/** One person's row as a row per week (person's cells, 周次, activities); weeks with nothing written are left out. */
export function rowsByWeek(layout: WeekColumns, cells: readonly string[]): string[][] {
  const person = layout.personAt.map((i) => cells[i] ?? '');
  const out: string[][] = [];
  for (const { week, at } of layout.weeks) {
    const counts = at.map((i) => (i < 0 ? '' : (cells[i] ?? '')));
    if (counts.every((c) => cleanCell(c) === '')) continue;
    out.push([...person, String(week), ...counts]);
  }
  return out;
}
