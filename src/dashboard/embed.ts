/**
 * What a page embeds of its first view's rows (the browser draws from them before its engine is
 * up): what the page shows, not every row its queries read. A panel may say so itself (Panel.embed:
 * the department page's ranks keep the rank, not every department's rows); otherwise, on a
 * department's page, the other departments' rows are left out wherever the panel, drawn without
 * them, shows exactly the same — checked by drawing it both ways, so a panel that needs them
 * (a comparison, a total) keeps them.
 */
import { INSTITUTION } from '../metrics/staffing.ts';
import type { DashboardContext } from './context.ts';
import type { Panel, PanelData, State } from './types.ts';

/** The rows of `data` that belong to `department`, the institution, or no department. */
export function departmentRows(data: PanelData, department: string): PanelData {
  return Object.fromEntries(
    Object.entries(data).map(([name, rows]) => [name, rows.filter((r) => !('department' in r) || r.department === department || r.department === INSTITUTION || r.department == null)]),
  );
}

/** The rows the page embeds for `panel`; `drawn` renders the panel from rows as the page shows it. */
export function embeddedRows(panel: Panel, data: PanelData, state: State, ctx: DashboardContext, drawn: (data: PanelData) => string): PanelData {
  if (panel.embed) return panel.embed(data, state, ctx);
  if (!state.department) return data;
  const own = departmentRows(data, state.department);
  const fewer = Object.keys(data).some((name) => own[name]!.length < data[name]!.length);
  return fewer && drawn(own) === drawn(data) ? own : data;
}
