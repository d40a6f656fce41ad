/**
 * The dashboard's contract, after Mosaic's clients: a page is a list of panels; a panel publishes
 * the SQL it needs for the current filters and renders the rows it gets back. The same panel runs
 * at build time (DuckDB in Node, for the prerendered first view) and in the browser (DuckDB-WASM,
 * on every filter change), so both always show the same numbers.
 */
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
