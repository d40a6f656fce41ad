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

/**
 * What each number column of a public view counts — declared here for every column the views have,
 * so that a new count is protected by construction: a view with a number column not declared here
 * fails the public build (plan()) instead of being published as it is. Column names mean one thing
 * across the metric SQL (people counted as "fail" are always those 不合格), so one table serves all views.
 */
export type ColumnMeaning =
  /**
   * People with an attribute (不合格, new in post, a band…), out of the people in `of` (the row's
   * column of whom it is a part), if the row has it. `whole` is the count that tells each of them
   * something: `all` of them have it (3 of 3 不合格), or — for a requirement met (training hours,
   * 党员, a condition of the post) — `none` has it (0 of 4 meet the hours: each is short).
   */
  | { counts: 'people with an attribute'; of: string | null; whole: 'all' | 'none' }
  /** Staffing and coverage: students, counselors on the roster, classes, files or rows, how many have a field filled — published as they are. */
  | { counts: 'staffing' }
  /** A mean, ratio, percent, norm or week number: no count of people. */
  | { counts: 'measure' };

const attribute = (of: string | null = null): ColumnMeaning => ({ counts: 'people with an attribute', of, whole: 'all' });
/** People meeting a requirement: all of them meeting it is the point of the page; none meeting it tells each one's shortfall. */
const meeting = (of: string): ColumnMeaning => ({ counts: 'people with an attribute', of, whole: 'none' });
const STAFFING: ColumnMeaning = { counts: 'staffing' };
const MEASURE: ColumnMeaning = { counts: 'measure' };

export const COUNT_COLUMNS: Readonly<Record<string, ColumnMeaning>> = {
  // 考核: the grades, out of those assessed; 优秀 places used (quota)
  excellent: attribute('assessed'),
  good: attribute('assessed'),
  pass: attribute('assessed'),
  fail: attribute('assessed'),
  // 优秀 places used, against the places allowed (the grades above protect the people)
  used: attribute(),
  // 队伍结构: each attribute out of those whose field is known
  women: attribute('gender_known'),
  young: attribute('age_known'),
  party: meeting('political_known'),
  masters: attribute('education_known'),
  below_min_education: attribute('education_known'),
  senior: attribute('title_known'),
  new_in_post: attribute('years_known'),
  // 培训: counselors with training records, of them those meeting the hours or without higher-level training
  counselors: attribute(),
  meets_hours: meeting('counselors'),
  without_higher: attribute('counselors'),
  // 聘用方式 flagged (人事代理, 劳务派遣)
  flagged_hiring: attribute(),
  // 德育助理: assistants by what they meet or lack
  political_ok: meeting('assistants'),
  political_unknown: attribute('assistants'),
  courses_ok: meeting('assistants'),
  courses_unknown: attribute('assistants'),
  year_ok: meeting('assistants'),
  unmatched: attribute(),
  short_tenure: attribute(),
  every_week: attribute(),
  // a list of people counted per department (and role), a category's people
  people: attribute(),
  // staffing and coverage
  ...Object.fromEntries(
    [
      'students', 'full_time', 'part_time', 'fte', 'gap', 'needed', 'roster', 'assessed', 'scored', 'described', 'semester_rows', 'rows',
      'classes', 'covered', 'shared', 'assistants', 'allowed', 'units_over', 'warnings', 'school_hours',
      'gender_known', 'age_known', 'political_known', 'education_known', 'title_known', 'years_known',
      // how many of a list have each field filled (the structure page's completeness row)
      'gender', 'age', 'political', 'education', 'degree', 'title', 'years',
    ].map((c) => [c, STAFFING]),
  ),
  ...Object.fromEntries(['mean_percent', 'de', 'neng', 'qin', 'ji', 'ratio_full_time', 'ratio_weighted', 'mean_age', 'norm', 'week_no'].map((c) => [c, MEASURE])),
  // weeks meeting the norm, of the weeks reported: counts of weeks, not of people
  met: MEASURE,
  periods: MEASURE,
};

const meaningOf = (column: string): ColumnMeaning | undefined => (Object.hasOwn(COUNT_COLUMNS, column) ? COUNT_COLUMNS[column] : undefined);

/** The columns that count people with an attribute (the staffing counts — students, counselors on the roster, ratios — are not among them). */
export const ATTRIBUTE_COUNTS: ReadonlySet<string> = new Set(Object.keys(COUNT_COLUMNS).filter((c) => COUNT_COLUMNS[c]!.counts === 'people with an attribute'));

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
  /** The people it is a part of (its declared `of` column in the same row), when the row has it. */
  population: number | null;
  /** Which count of its population tells each person's attribute (ColumnMeaning's `whole`). */
  whole: 'all' | 'none';
  hidden: boolean;
}

const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);

/** A count of 1 or 2 people (below k) with an attribute. */
const isSmall = (c: Cell, k: number) => c.value > 0 && c.value < k;

/**
 * A department's (or a role's) count that is its whole group: "3 of 3 不合格" tells each of them
 * has the attribute, whatever the group's size — the statistical offices' group (attribute)
 * disclosure, the "all in one category" rule for frequency tables. The institution's own figure
 * for all roles (the 队伍 as a whole, what the policies measure) is not a small group, and stays.
 */
const isWholeGroup = (c: Cell) => c.population !== null && inOneCategory(c.whole, c.value, c.population) && !(c.department === INSTITUTION && c.role === ALL_ROLES);

/** Whether `value` of `people` (more than none) are all in one category: all have the attribute, or none has a requirement met. */
const inOneCategory = (whole: Cell['whole'], value: number, people: number) => people > 0 && (whole === 'all' ? value === people : value === 0);

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

/** A state's field as a part of its place's id: none, a text, or any other value (as JSON), each told apart. */
const partOf = (value: unknown) => (value == null ? '-' : typeof value === 'string' && !value.includes('\u0000') ? `s${value}` : `j${JSON.stringify(value)}`);

/**
 * The states that place a query's cells differently: the rule reads of a state only its semester,
 * department and role (`where`), so the states that differ in a page's options alone (13,000 on the
 * structure page at 120 departments) are observed and applied once.
 */
export function distinctPlaces(states: readonly State[]): State[] {
  const seen = new Map<string, State>();
  for (const state of states) {
    const place = `${partOf(state.semester)}\u0000${partOf(state.department)}\u0000${partOf(state.role)}`;
    if (!seen.has(place)) seen.set(place, state);
  }
  return [...seen.values()];
}

/** A place of a row (`where`), with its part of a cell's key as text. */
interface Place {
  semester: string;
  department: string;
  role: string;
  /** [semester, department, role] as JSON, without the brackets. */
  json: string;
  /** Its number among the places seen (a cell's id is its query's, its count's and its place's). */
  id: number;
}

/** Every place seen, by its parts. */
const PLACES = new Map<string, Place>();

/** Where the states place a row, each place once. */
function placesOf(row: Rows[number], states: readonly State[]): Place[] {
  const places = new Set<Place>();
  for (const state of states) {
    const p = where(row, state);
    const id = `${p.semester}\u0000${p.department}\u0000${p.role}`;
    let place = PLACES.get(id);
    if (!place) PLACES.set(id, (place = { ...p, json: JSON.stringify([p.semester, p.department, p.role]).slice(1, -1), id: PLACES.size }));
    places.add(place);
  }
  return [...places];
}

/** A count cell of a query's row, before it is placed: what keyOf needs of it but the place. */
interface RowCount {
  row: number;
  column: string;
  columnJson: string;
  value: number;
  population: number | null;
  whole: 'all' | 'none';
  labels: string;
  /** The labels' text as JSON (a string within keyOf's array). */
  labelsJson: string;
  /** Its number among the query's counts of the same column and labels (the same cell, where placed alike). */
  kind: number;
}

/** A cell's id within its query: its count's kind and its place, as one number. */
const cellId = (kind: number, place: number) => kind * 2 ** 24 + place;

const keyOf = (c: Pick<Cell, 'column' | 'semester' | 'department' | 'role' | 'labels'>) => JSON.stringify([c.column, c.semester, c.department, c.role, c.labels]);

/** Each disclosed row as the raw row it came from (the group rule keeps the order), null where it was left out. */
export function alignShown(raw: Rows, shown: Rows): Array<Rows[number] | null> {
  const out: Array<Rows[number] | null> = [];
  let j = 0;
  for (const row of raw) {
    const candidate = shown[j];
    // The row itself (the group rule passes a kept row on as it is), or a copy with some cells emptied.
    if (candidate && (candidate === row || Object.keys(row).every((c) => candidate[c] === null || candidate[c] === row[c] || JSON.stringify(candidate[c]) === JSON.stringify(row[c])))) {
      out.push(candidate);
      j++;
    } else out.push(null);
  }
  return out;
}

/** Collects the count cells of views, then decides which to withhold (`plan`). */
export class SmallCells {
  /** The cells, in the order first seen (plan's order). */
  private readonly cells: Cell[] = [];
  /** Each query's cells, by their count's kind and place (cellId): a cell seen again is found without writing its key. */
  private readonly cellsOf = new Map<string, Map<number, Cell>>();
  /** What each withheld key counts where it was withheld: every small value, and each complement's own value. */
  private withheld = new Map<string, Set<number>>();
  /** The values withheld under any key, by column: a cell whose value is not among them is shown without looking up its key. */
  private withheldValues = new Map<string, Set<number>>();

  private readonly k: number;
  /** Number columns of the views that COUNT_COLUMNS does not declare (plan() refuses them). */
  private readonly undeclared = new Set<string>();
  /** Each row's columns apply() looks up (suspectsOf), for the plan made. */
  private suspects = new WeakMap<Rows[number], readonly string[]>();
  /** Each query's count cells, as read from its rows (countsOf). */
  private readonly counted = new Map<string, { raw: Rows; counts: readonly RowCount[] }>();

  constructor(k: number) {
    this.k = k;
  }

  /**
   * A query's rows in the views of `states`: as the data has them, and as the group rule left them.
   * What a row counts is read once per query (the same rows are observed on many pages); whether it
   * was kept, once per view; where it counts it, once per place.
   */
  observe(query: string, raw: Rows, shown: Rows, ...states: State[]): void {
    const aligned = alignShown(raw, shown);
    const cells = this.cellsOf.get(query) ?? this.cellsOf.set(query, new Map()).get(query)!;
    let row = -1;
    let places: Place[] = [];
    for (const count of this.countsOf(query, raw)) {
      // Where the states place the row, each place once (a row naming its semester, department and role is in one place for all).
      if (count.row !== row) places = placesOf(raw[(row = count.row)]!, states);
      const kept = aligned[count.row];
      const hidden = !kept || kept[count.column] === null;
      for (const place of places) {
        const id = cellId(count.kind, place.id);
        const known = cells.get(id);
        // The same cell seen in several views: hidden if any view hides it (they store the strictest).
        // Another row under the same id (labels it tells by number only) is the one kept, as a new cell would be.
        if (known) {
          known.value = count.value;
          known.population = count.population;
          known.hidden = hidden || known.hidden;
        } else {
          // keyOf, from its parts' text.
          const key = `[${count.columnJson},${place.json},${count.labelsJson}]`;
          const cell: Cell = { query, key, column: count.column, semester: place.semester, department: place.department, role: place.role, labels: count.labels, value: count.value, population: count.population, whole: count.whole, hidden };
          cells.set(id, cell);
          this.cells.push(cell);
        }
      }
    }
  }

  /** The count cells of a query's rows, row by row (and, in each, in the row's column order), read once per query. */
  private countsOf(query: string, raw: Rows): readonly RowCount[] {
    const known = this.counted.get(query);
    if (known?.raw === raw) return known.counts;
    const counts: RowCount[] = [];
    const kinds = new Map<string, number>();
    raw.forEach((row, i) => {
      let labels: string | undefined;
      for (const [column, value] of Object.entries(row)) {
        if (typeof value !== 'number') continue;
        const meaning = meaningOf(column);
        if (!meaning) this.undeclared.add(column);
        if (meaning?.counts !== 'people with an attribute' || !isCount(value)) continue;
        const population = meaning.of !== null && isCount(row[meaning.of]) ? (row[meaning.of] as number) : null;
        labels ??= labelsOf(row);
        const kind = `${column}\u0000${labels}`;
        if (!kinds.has(kind)) kinds.set(kind, kinds.size);
        counts.push({ row: i, column, columnJson: JSON.stringify(column), value, population, whole: meaning.whole, labels, labelsJson: JSON.stringify(labels), kind: kinds.get(kind)! });
      }
    });
    this.counted.set(query, { raw, counts });
    return counts;
  }

  /**
   * Decides the cells to withhold: every small one and every "whole group" one, then along each
   * axis until the withheld cells hold 0 or ≥ k people and are not all in the category they count.
   */
  plan(): void {
    if (this.undeclared.size)
      throw new Error(`公开版：视图中的数字列 ${[...this.undeclared].join('、')} 没有说明其计数的含义（src/site/small-cells.ts COUNT_COLUMNS），为免不加保护地公布，构建停止。`);
    const k = this.k;
    // By key and value: two queries counting different things under one key (two lists counted
    // per department, both as "people") do not withhold each other's cells; the same thing counted
    // on two pages has the same value, and is withheld on both.
    const withheld = new Map<string, Set<number>>();
    const byColumn = new Map<string, Set<number>>();
    const withhold = (c: Cell) => {
      (withheld.get(c.key) ?? withheld.set(c.key, new Set()).get(c.key)!).add(c.value);
      (byColumn.get(c.column) ?? byColumn.set(c.column, new Set()).get(c.column)!).add(c.value);
    };
    const isWithheld = (c: Cell) => withheld.get(c.key)?.has(c.value) ?? false;
    for (const c of this.cells) if (isSmall(c, k) || isWholeGroup(c)) withhold(c);
    const axes: Array<{ part: 'department' | 'role'; total: string }> = [
      { part: 'department', total: INSTITUTION },
      { part: 'role', total: ALL_ROLES },
    ];
    // Each query's cells, and — as one more query, "*" — every cell whose key has one value in all of
    // them: a page's 全院 row and another page's department rows are compared by a reader too.
    const byKey = new Map<string, Cell[]>();
    for (const c of this.cells) (byKey.get(c.key) ?? byKey.set(c.key, []).get(c.key)!).push(c);
    const cells = [...this.cells];
    for (const same of byKey.values())
      if (new Set(same.map((c) => c.value)).size === 1)
        cells.push({ ...same[0]!, query: '*', hidden: same.some((c) => c.hidden), population: same.find((c) => c.population !== null)?.population ?? null });
    // Each axis's groups of cells, made once: what changes from round to round is only what is withheld.
    const grouped = axes.map(({ part, total }) => {
      const groups = new Map<string, Cell[]>();
      for (const c of cells) {
        if (c[part] === total) continue;
        // Each query's own cells: a total it is compared with counts what they count.
        const group = JSON.stringify([c.query, c.column, c.semester, c.labels, part === 'department' ? c.role : c.department]);
        (groups.get(group) ?? groups.set(group, []).get(group)!).push(c);
      }
      return groups;
    });
    // Withholding along one axis can make a remainder small along the other: repeat until nothing changes.
    for (let changed = true, rounds = 0; changed && rounds < 10; rounds++) {
      changed = false;
      for (const groups of grouped) {
        for (const members of groups.values()) {
          const off = (c: Cell) => c.hidden || isWithheld(c);
          const withheldTogether = members.filter(off);
          let remainder = withheldTogether.reduce((n, c) => n + c.value, 0);
          // Their people, where every withheld cell declares it: a remainder of all of them (or none, for a requirement) tells each one's.
          let people = withheldTogether.every((c) => c.population !== null) ? withheldTogether.reduce((n, c) => n + c.population!, 0) : null;
          const shown = members.filter((c) => !off(c));
          const small = shown.filter((c) => c.value > 0).sort((a, b) => a.value - b.value);
          while (remainder > 0 && remainder < k && small.length) {
            const c = small.shift()!;
            withhold(c);
            remainder += c.value;
            if (people !== null) people = c.population === null ? null : people + c.population;
            changed = true;
          }
          if (withheldTogether.length && people !== null && inOneCategory(members[0]!.whole, remainder, people)) {
            // All in one category: withhold with them the smallest cell of people not all in it.
            const mixed = shown
              .filter((c) => !isWithheld(c) && c.population !== null && (c.whole === 'all' ? c.value < c.population : c.value > 0))
              .sort((a, b) => a.population! - b.population!)[0];
            if (mixed) {
              withhold(mixed);
              changed = true;
            }
          }
        }
      }
    }
    this.withheld = withheld;
    this.withheldValues = byColumn;
    this.suspects = new WeakMap();
  }

  /** How many cells the plan withholds (for the build's summary). */
  get count(): number {
    return [...this.withheld.values()].reduce((n, values) => n + values.size, 0);
  }

  /**
   * A query's disclosed rows with the withheld count cells shown as "少于k人" (a small one) or 不公布
   * (a complement): those withheld in the place of any of the views (`states`) that show the rows.
   * One pass for all the views (what a cell shows instead depends on its value only), not a pass
   * and a copy of the rows per view.
   */
  apply(shown: Rows, ...states: State[]): Rows {
    return shown.map((row) => {
      let out: Record<string, unknown> | null = null;
      let places: Array<ReturnType<typeof where>> | undefined;
      let labels: string | undefined;
      for (const column of this.suspectsOf(row)) {
        const value = row[column] as number;
        places ??= states.map((state) => where(row, state));
        labels ??= labelsOf(row);
        if (!places.some((place) => this.withheld.get(keyOf({ column, ...place, labels: labels! }))?.has(value) ?? false)) continue;
        out ??= { ...row };
        out[column] = value > 0 && value < this.k ? fewerThan(this.k) : COMPLEMENT;
      }
      return out ?? row;
    });
  }

  /**
   * A row's count columns whose value is withheld under some key (a cell whose value is not is
   * shown wherever the row is), read once per row: a row is shown in many views and on many pages.
   */
  private suspectsOf(row: Rows[number]): readonly string[] {
    const known = this.suspects.get(row);
    if (known) return known;
    const columns = Object.keys(row).filter((column) => {
      const value = row[column];
      return ATTRIBUTE_COUNTS.has(column) && isCount(value) && (this.withheldValues.get(column)?.has(value) ?? false);
    });
    this.suspects.set(row, columns);
    return columns;
  }
}
