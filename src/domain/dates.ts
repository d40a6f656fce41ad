/**
 * Dates as departments write them → ISO "YYYY-MM-DD" (UTC calendar dates, no time zone drift):
 * 2023-09-01, 2023/9/1, 2023.9.1, 2023年9月1日, 2023年9月 / 2023.09 / 2023-09 (first of month),
 * a span of days as its first day (2025.11.20-11.21, 2025年8月18日-22日),
 * and Excel serial day numbers (45170) that lost their date format on the way to CSV.
 */
import { cleanCell, compactCell } from './text.ts';

const iso = (y: number, m: number, d: number, earliest: number): string | null => {
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  if (y < earliest || y > 2100) return null;
  return date.toISOString().slice(0, 10);
};

/** Excel's day 0 is 1899-12-30 (its 1900 leap-year bug included). */
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

const DATE_SPELLINGS: Array<[RegExp, (m: RegExpMatchArray, earliest: number) => string | null]> = [
  [/^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/, (m, e) => iso(+m[1]!, +m[2]!, +m[3]!, e)],
  [/^(\d{4})[-/.年](\d{1,2})月?$/, (m, e) => iso(+m[1]!, +m[2]!, 1, e)],
  // A span of days (a course, a week): its first day. 2025.11.20-11.21, 2025年8月18日-22日, 2025-09-01至2025-09-07.
  [/^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:-|—|–|~|～|至|到)(?:(?:\d{4}[-/.年])?\d{1,2}[-/.月])?\d{1,2}日?$/, (m, e) => iso(+m[1]!, +m[2]!, +m[3]!, e)],
  [/^(\d{4})(\d{2})(\d{2})$/, (m, e) => iso(+m[1]!, +m[2]!, +m[3]!, e)],
  [/^(\d{5})(\.0+)?$/, (m) => new Date(EXCEL_EPOCH + Number(m[1]) * 86_400_000).toISOString().slice(0, 10)],
];

/** `earliest`: years before it are refused as typing slips (work logs and training are recent; birth dates are not). */
export function parseDate(raw: string, earliest = 1990): string | null {
  // A time of day after the date ("2023-09-01 00:00:00", ISO "T08:00") is dropped first.
  const text = compactCell(cleanCell(raw).replace(/[T ]\d{1,2}:\d{2}.*$/, ''));
  for (const [pattern, toIso] of DATE_SPELLINGS) {
    const m = text.match(pattern);
    if (m) return toIso(m, earliest);
  }
  return null;
}

/** Date arithmetic on the few distinct days a file holds is cached: it runs once per row. */
function memo<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R {
  const cache = new Map<string, R>();
  return (...args) => {
    const key = args.join('\u0000');
    let value = cache.get(key);
    if (value === undefined) {
      value = fn(...args);
      if (cache.size > 10_000) cache.clear();
      cache.set(key, value);
    }
    return value;
  };
}

/** The Monday of the ISO week holding `isoDate`. */
export const mondayOf = memo((isoDate: string): string => {
  const d = new Date(`${isoDate}T00:00:00Z`);
  const back = (d.getUTCDay() + 6) % 7;
  return new Date(d.getTime() - back * 86_400_000).toISOString().slice(0, 10);
});

export const addDays = memo((isoDate: string, days: number): string =>
  new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10),
);
