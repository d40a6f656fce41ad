/**
 * The teaching calendar: when each semester starts, how many weeks it has, and which semester a
 * date falls in. Work logs give a 周次 (week of the semester) or a date; both become the Monday
 * of that week.
 */
import { addDays, mondayOf } from './dates.ts';
import type { SemesterId } from './semester.ts';

export interface CalendarRules {
  /** Explicit first days, e.g. { "2025-2026-1": "2025-09-01" }. */
  semester_starts: Record<string, string>;
  /** Otherwise: autumn from this month-day of the first year, spring from this month-day of the second. */
  default_start: { autumn: string; spring: string };
  semester_weeks: number;
}

/** A semester's weeks: Monday of week n at index n (1-based), and the day after the last week. */
export interface SemesterWeeks {
  mondays: string[];
  end: string;
}

/** Per calendar, per semester; looked up once per work-log row, computed once per semester. */
const cache = new WeakMap<CalendarRules, Map<string, SemesterWeeks>>();

export function semesterWeeks(id: string, calendar: CalendarRules): SemesterWeeks {
  let bySemester = cache.get(calendar);
  if (!bySemester) cache.set(calendar, (bySemester = new Map()));
  let weeks = bySemester.get(id);
  if (!weeks) {
    const first = computeStart(id, calendar);
    // Room for week numbers past the calendar's length (a log may say 第22周): up to 30.
    const mondays = Array.from({ length: 31 }, (_, n) => (n === 0 ? '' : addDays(first, (n - 1) * 7)));
    weeks = { mondays, end: addDays(first, calendar.semester_weeks * 7) };
    bySemester.set(id, weeks);
  }
  return weeks;
}

function computeStart(id: string, calendar: CalendarRules): string {
  return mondayOf(semesterFirstDay(id, calendar));
}

/**
 * The semester's first day as the calendar gives it (an explicit start, else the default month-day),
 * not moved back to its Monday: the reference date on which ages and years in post are counted.
 */
export function semesterFirstDay(id: string, calendar: CalendarRules): string {
  const explicit = calendar.semester_starts[id];
  if (explicit) return explicit;
  const [first, second, term] = id.split('-');
  return term === '1' ? `${first}-${calendar.default_start.autumn}` : `${second}-${calendar.default_start.spring}`;
}

/** Monday of the semester's first week. */
export function semesterStart(id: string, calendar: CalendarRules): string {
  return semesterWeeks(id, calendar).mondays[1]!;
}

/** Monday of week `n` (1-based) of the semester. */
export function weekStart(id: string, week: number, calendar: CalendarRules): string {
  return semesterWeeks(id, calendar).mondays[week] ?? addDays(semesterStart(id, calendar), (week - 1) * 7);
}

/** The day after the semester's last week. */
export function semesterEnd(id: string, calendar: CalendarRules): string {
  return semesterWeeks(id, calendar).end;
}

/** Aug–Jan → 第一学期 of the year that starts in that autumn; Feb–Jul → 第二学期. */
export function semesterOfDate(isoDate: string): SemesterId {
  const [y, m] = isoDate.split('-').map(Number) as [number, number];
  if (m >= 8) return `${y}-${y + 1}-1` as SemesterId;
  if (m === 1) return `${y - 1}-${y}-1` as SemesterId;
  return `${y - 1}-${y}-2` as SemesterId;
}

/** The calendar month ("YYYY-MM") a month written without its year ("10月") means in a semester: 第一学期 runs Aug–Jan, 第二学期 Feb–Jul. */
export function monthInSemester(id: string, month: number): string {
  const [first, second, term] = id.split('-');
  const year = term === '1' && month >= 8 ? first : second;
  return `${year}-${String(month).padStart(2, '0')}`;
}
