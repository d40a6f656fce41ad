/**
 * A list of people as the public build shows it (src/dashboard/public.ts): how many are on it per
 * department (and role), the institution's first — the same list, from the same SQL, counted.
 */
import { POPULATIONS } from '../domain/disclosure.ts';
import { INSTITUTION } from '../metrics/staffing.ts';
import { sqlString } from '../metrics/sql.ts';
import { institutionFirst } from './common.ts';
import type { DashboardContext } from './context.ts';
import { escapeHtml } from '../domain/format.ts';
import type { Panel, PanelData, PanelOutput, RowPeople, State } from './types.ts';

export interface CountsOptions {
  title(state: State, ctx: DashboardContext): string;
  /** The list the internal build shows, as SQL for the view, with no limit. */
  list(state: State, ctx: DashboardContext): string;
  /** The populations the list's people belong to, for the view. */
  populations(state: State, ctx: DashboardContext): readonly string[];
  /** A list of people of several roles is counted per role (each row then counts that role's population of this kind). */
  perRole?: 'assessed' | 'worklog';
  /** The count's column heading, e.g. "人数". */
  label: string;
  /** The download's name. */
  tableTitle: string;
  empty(state: State, ctx: DashboardContext): string;
  rule?(ctx: DashboardContext): string;
  /**
   * The list's SQL before it keeps only those listed, its rows carrying a `note` about the whole semester
   * (培训: no training record for the year): when one is set, it stands in place of the counts — nobody
   * is listed because nobody could be judged, not because everyone met the requirement.
   */
  noteFrom?(state: State, ctx: DashboardContext): string;
}

/** A list limit that never cuts: lists counted here are counted whole. */
export const NO_LIMIT = 1_000_000_000;

export function countsPanel(o: CountsOptions): Panel {
  const keys = o.perRole ? 'department, role' : 'department';
  const people: RowPeople = {
    populations: o.populations,
    ...(o.perRole ? { of: (row: Record<string, unknown>) => POPULATIONS[o.perRole!](String(row.role)) } : {}),
  };
  return {
    id: 'counts',
    title: o.title,
    queries: (s, ctx) => {
      const list = o.list(s, ctx);
      const counted = (unit: string) => `SELECT ${unit} AS department${o.perRole ? ', role' : ''}, COUNT(*)::INTEGER AS people FROM (${list}) GROUP BY ALL ORDER BY ${keys}`;
      // The whole-semester note: a status, no figure about anyone.
      const note: Record<string, string> = o.noteFrom ? { note: `SELECT DISTINCT note FROM (${o.noteFrom(s, ctx)}) WHERE note IS NOT NULL` } : {};
      // The institution's row only for the whole institution: on a department's view it would be the department's under 全院.
      return { rows: counted('department'), ...(s.department ? {} : { total: counted(sqlString(INSTITUTION)) }), ...note };
    },
    render: (data, s, ctx) => {
      const note = (data.note as unknown as Array<{ note: string }> | undefined)?.[0]?.note;
      return note ? { html: `<p class="empty note coverage-note">${escapeHtml(note)}</p>` } : counts(data, s, ctx);
    },
    ...(o.rule ? { rule: o.rule } : {}),
    public: { rows: { rows: people, total: people, ...(o.noteFrom ? { note: 'as-is' as const } : {}) } },
  };

  function counts(data: PanelData, s: State, ctx: DashboardContext): PanelOutput {
    return {
      table: {
        title: o.tableTitle,
        rows: institutionFirst<{ department: string; role?: string; people: number }>(data),
        rowKey: (r) => `${r.department}|${r.role ?? ''}`,
        empty: o.empty(s, ctx),
        columns: [
          { key: 'department', label: '系部', rowHeader: true },
          ...(o.perRole ? [{ key: 'role', label: '角色', format: 'role' as const }] : []),
          { key: 'people', label: o.label, format: 'int' },
        ],
      },
    };
  }
}
