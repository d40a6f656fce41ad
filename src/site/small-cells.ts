/**
 * The public build's cell rule (src/domain/disclosure.ts has the group rule): a count of people
 * with an attribute (不合格, 优秀, new in post, short of training, below 本科, an age band…) that
 * is 1 or 2 — under publish.min_group_size — is stored as "少于3人", never as the number; a share
 * over it is then not shown either (the page's arithmetic on it gives no number).
 *
 * Complementary suppression: the institution's total (全院) and the all-roles figure are always
 * published, so a cell withheld alone could be recovered as the total minus the cells shown. Along
 * each such axis — the departments under 全院, the roles under all roles — the cells withheld
 * (by this rule or by the group rule) must hold 0 or at least k people together; where they hold
 * fewer, the smallest other cells are withheld with them (shown as 不公布). The decisions are made once over every
 * view of every page and applied to all of them, keyed by what a cell counts (its column, semester,
 * department, role and the row's other labels), so no page shows a cell another page withholds.
 */
import type { Rows, State } from '../dashboard/types.ts';
import { INSTITUTION } from '../metrics/staffing.ts';

/** The columns that count people with an attribute (the staffing counts — students, counselors on the roster, ratios — are not among them). */
export const ATTRIBUTE_COUNTS: ReadonlySet<string> = new Set([
  'fail',
  'excellent',
  'good',
  'pass',
  'used',
  'new_in_post',
  'below_min_education',
  'flagged_hiring',
  'masters',
  'party',
  'women',
  'young',
  'senior',
  'without_higher',
  'meets_hours',
  'political_ok',
  'political_unknown',
  'courses_ok',
  'courses_unknown',
  'year_ok',
  'unmatched',
  'over',
  'people',
  'counselors',
  // graduate assistants under a year in post; assistants meeting their norm every week (public-counts.test.ts found both published under 3)
  'short_tenure',
  'every_week',
]);

/** What a withheld small cell shows. */
export const fewerThan = (k: number) => `少于${k}人`;
/** What a cell withheld with a small one shows (text, not null: a page's arithmetic must not read it as 0). */
export const COMPLEMENT = '不公布';

const ALL_ROLES = '*';
const AXIS_KEYS = new Set(['department', 'role', 'semester']);

/** One count cell of one view: what it counts, where, and whether the group rule already hid it. */
interface Cell {
  /** The query it is a cell of, and what it counts (keyOf): the decisions are by the latter, for every query. */
  query: string;
  key: string;
  column: string;
  semester: string;
  department: string;
  role: string;
  /** The row's other labels (a band, a category, a week), as text. */
  labels: string;
  value: number;
  hidden: boolean;
}

const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);

function labelsOf(row: Rows[number]): string {
  return JSON.stringify(
    Object.keys(row)
      .filter((c) => !AXIS_KEYS.has(c) && !ATTRIBUTE_COUNTS.has(c) && (typeof row[c] === 'string' || typeof row[c] === 'boolean'))
      .sort()
      .map((c) => [c, row[c]]),
  );
}

const where = (row: Rows[number], state: State) => ({
  semester: String(row.semester ?? state.semester ?? ''),
  department: row.department == null ? (state.department ?? INSTITUTION) : String(row.department),
  role: row.role == null ? (state.role ?? ALL_ROLES) : String(row.role),
});

const keyOf = (c: Pick<Cell, 'column' | 'semester' | 'department' | 'role' | 'labels'>) => JSON.stringify([c.column, c.semester, c.department, c.role, c.labels]);

/** Each disclosed row as the raw row it came from (the group rule keeps the order), null where it was left out. */
export function alignShown(raw: Rows, shown: Rows): Array<Rows[number] | null> {
  const out: Array<Rows[number] | null> = [];
  let j = 0;
  for (const row of raw) {
    const candidate = shown[j];
    if (candidate && Object.keys(row).every((c) => candidate[c] === null || JSON.stringify(candidate[c]) === JSON.stringify(row[c]))) {
      out.push(candidate);
      j++;
    } else out.push(null);
  }
  return out;
}

/** Collects the count cells of views, then decides which to withhold (`plan`). */
export class SmallCells {
  private readonly cells = new Map<string, Cell>();
  /** What each withheld key counts where it was withheld: every small value, and each complement's own value. */
  private withheld = new Map<string, Set<number>>();

  private readonly k: number;

  constructor(k: number) {
    this.k = k;
  }

  /** A query's rows in one view: as the data has them, and as the group rule left them. */
  observe(query: string, raw: Rows, shown: Rows, state: State): void {
    const aligned = alignShown(raw, shown);
    raw.forEach((row, i) => {
      const kept = aligned[i];
      const place = where(row, state);
      const labels = labelsOf(row);
      for (const [column, value] of Object.entries(row)) {
        if (!ATTRIBUTE_COUNTS.has(column) || !isCount(value)) continue;
        const key = keyOf({ column, ...place, labels });
        const hidden = !kept || kept[column] === null;
        const id = JSON.stringify([query, key]);
        const known = this.cells.get(id);
        // The same cell seen in several views: hidden if any view hides it (they store the strictest).
        this.cells.set(id, { query, key, column, ...place, labels, value, hidden: hidden || (known?.hidden ?? false) });
      }
    });
  }

  /** Decides the cells to withhold: every small one, then along each axis until the withheld hold 0 or ≥ k. */
  plan(): void {
    const k = this.k;
    // By key and value: two queries counting different things under one key (two lists counted
    // per department, both as "people") do not withhold each other's cells; the same thing counted
    // on two pages has the same value, and is withheld on both.
    const withheld = new Map<string, Set<number>>();
    const withhold = (c: Cell) => (withheld.get(c.key) ?? withheld.set(c.key, new Set()).get(c.key)!).add(c.value);
    const isWithheld = (c: Cell) => withheld.get(c.key)?.has(c.value) ?? false;
    for (const c of this.cells.values()) if (c.value > 0 && c.value < k) withhold(c);
    const axes: Array<{ part: 'department' | 'role'; total: string }> = [
      { part: 'department', total: INSTITUTION },
      { part: 'role', total: ALL_ROLES },
    ];
    // Withholding along one axis can make a remainder small along the other: repeat until nothing changes.
    for (let changed = true, rounds = 0; changed && rounds < 10; rounds++) {
      changed = false;
      for (const { part, total } of axes) {
        const groups = new Map<string, Cell[]>();
        for (const c of this.cells.values()) {
          if (c[part] === total) continue;
          // Each query's own cells: a total it is compared with counts what they count.
          const group = JSON.stringify([c.query, c.column, c.semester, c.labels, part === 'department' ? c.role : c.department]);
          (groups.get(group) ?? groups.set(group, []).get(group)!).push(c);
        }
        for (const members of groups.values()) {
          const off = (c: Cell) => c.hidden || isWithheld(c);
          let remainder = members.reduce((n, c) => n + (off(c) ? c.value : 0), 0);
          const shown = members.filter((c) => !off(c) && c.value > 0).sort((a, b) => a.value - b.value);
          while (remainder > 0 && remainder < k && shown.length) {
            const c = shown.shift()!;
            withhold(c);
            remainder += c.value;
            changed = true;
          }
        }
      }
    }
    this.withheld = withheld;
  }

  /** How many cells the plan withholds (for the build's summary). */
  get count(): number {
    return [...this.withheld.values()].reduce((n, values) => n + values.size, 0);
  }

  /** A query's disclosed rows with the withheld count cells shown as "少于k人" (a small one) or 不公布 (a complement). */
  apply(shown: Rows, state: State): Rows {
    return shown.map((row) => {
      let out: Record<string, unknown> | null = null;
      const place = where(row, state);
      const labels = labelsOf(row);
      for (const [column, value] of Object.entries(row)) {
        if (!ATTRIBUTE_COUNTS.has(column) || !isCount(value)) continue;
        if (!(this.withheld.get(keyOf({ column, ...place, labels }))?.has(value) ?? false)) continue;
        out ??= { ...row };
        out[column] = value > 0 && value < this.k ? fewerThan(this.k) : COMPLEMENT;
      }
      return out ?? row;
    });
  }
}
