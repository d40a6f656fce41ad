/**
 * The dashboard's contract, after Mosaic's clients: a page is a list of panels; a panel publishes
 * the SQL it needs for the current filters and renders the rows it gets back. The same panel runs
 * at build time (DuckDB in Node, for the prerendered first view) and in the browser (DuckDB-WASM,
 * on every filter change), so both always show the same numbers.
 */
import type { TableKind } from '../domain/tables/index.ts';
import type { TableView } from '../views/table.ts';
import type { DashboardContext } from './context.ts';

/** Filters and page options, as kept in the URL. Unset filters are null. */
export interface State {
  semester: string;
  department: string | null;
  role: string | null;
  [option: string]: string | null;
}

export type Rows = Record<string, unknown>[];
export type PanelData = Record<string, Rows>;

export interface PanelOutput {
  /** Cards, notes, lists: HTML, may be empty. */
  html?: string;
  /**
   * A Plot chart; `document` is the browser's or jsdom's. `width` is the width to lay it out for
   * (the page's column on a phone; absent: the desktop width the first view is drawn at).
   */
  chart?: (document: Document, width?: number) => Element;
  /** What the chart shows, in words (text alternative). */
  chartAlt?: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each panel's rows have their own type
  table?: TableView<any>;
}

export interface Panel {
  id: string;
  title(state: State, ctx: DashboardContext): string;
  /** Named SQL queries for the state; their rows are passed to render under the same names. */
  queries(state: State, ctx: DashboardContext): Record<string, string>;
  render(data: PanelData, state: State, ctx: DashboardContext): PanelOutput;
  /** The rule behind the numbers and its source, shown under 口径与依据. */
  rule?(ctx: DashboardContext): string;
  /**
   * The first view's rows as the page embeds them, when the panel reads more than it shows (a
   * department's rank needs every department's rows; the page shows the rank): rendering them must
   * give the same output as the rows queried. Absent: the rows as queried.
   */
  embed?(data: PanelData, state: State, ctx: DashboardContext): PanelData;
  /**
   * The exports its figures count: a department whose export was not read (or not sent) shows its
   * coverage note in place of the figures (src/dashboard/coverage-notes.ts). Absent: the panel's SQL says it.
   */
  restsOn?: readonly TableKind[];
  /**
   * Its SQL's `note`, when every row carries the same one, is about the whole semester, not a department
   * (培训: the training year has no training record at all): shown once in place of the panel's figures.
   */
  noteForAll?: boolean;
  /** It reads the ingest's list of files (ctx.files): only pages with such a panel embed that list. */
  readsFiles?: boolean;
  /** It reads what the figures rest on (ctx.coverage, every department's): only pages with such a panel embed it. */
  readsCoverage?: boolean;
  /** What the public build (aggregates only) shows of it: see PublicForm and src/dashboard/public.ts. */
  public: PublicForm;
}

/**
 * A panel in the public build (src/domain/disclosure.ts):
 * - 'as-is': it shows no figure about people's attributes or results (students per counselor, classes);
 * - rows: figures over groups of people, each query's rows described by a RowPeople (or 'as-is'),
 *   withheld where a group is smaller than the threshold;
 * - panel: a list of people, replaced by this panel (counts, src/dashboard/counts.ts);
 * - 'omit': nothing (a clerk's list of files and rows to send back).
 */
export type PublicForm = 'as-is' | 'omit' | { rows: Record<string, Disclosure> } | { panel: Panel };

/** A query's rows in the public build: as they are, or whose figures they are (several: columns of different groups). */
export type Disclosure = 'as-is' | RowPeople | readonly RowPeople[];

/** Whose figures a query's rows are: which groups of people each row counts. */
export interface RowPeople {
  /** The populations (src/domain/disclosure.ts POPULATIONS) the rows count, for this view. */
  populations(state: State, ctx: DashboardContext): readonly string[];
  /** Where each row counts one of them: its population. */
  of?(row: Rows[number]): string;
  /** The semester the rows describe, when not the view's: a comparison with the previous semester, or each row's own (a trend). */
  semester?(state: State, ctx: DashboardContext, row?: Rows[number]): string | null;
  /** A row's unit when its rows have no department column (else the row's department; a 全院 row on a department's view is that department). */
  unit?(state: State): string;
  /** Only these columns are about people: a withheld row keeps the others (they show as —). */
  columns?: readonly string[];
  /** A row's own number of people, where it is a part of its unit (a week of the heat map). */
  size?(row: Rows[number]): number;
  /** The columns withheld are not shown by this panel: nothing to say about them. */
  silent?: boolean;
}

export interface OptionControl {
  name: string;
  label: string;
  options: ReadonlyArray<readonly [string, string]>;
  default: string;
}

export type FilterName = 'semester' | 'department' | 'role';

export interface PageSpec {
  id: string;
  /** Path from the site root, e.g. 'workload.html'. */
  path: string;
  navLabel: string;
  title: string;
  lede(ctx: DashboardContext): string;
  filters: readonly FilterName[];
  /** The semester filter offers 全部学期 and starts there (the data-quality report). */
  semesterOptional?: boolean;
  /** Roles offered by the role filter (all when absent). */
  roles?: readonly string[];
  options?: readonly OptionControl[];
  panels: readonly Panel[];
}
