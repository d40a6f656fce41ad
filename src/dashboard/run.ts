/** Runs a page's panels against any QueryRunner: DuckDB at build time, DuckDB-WASM in the browser. */
import type { QueryRunner } from '../metrics/sql.ts';
import type { DashboardContext } from './context.ts';
import type { Panel, PanelData, State } from './types.ts';

export async function queryPanel(panel: Panel, state: State, ctx: DashboardContext, db: QueryRunner): Promise<PanelData> {
  const entries = Object.entries(panel.queries(state, ctx));
  // One connection runs one query at a time either way; sequential keeps errors attributable.
  const data: PanelData = {};
  for (const [name, sql] of entries) {
    try {
      data[name] = await db.query(sql);
    } catch (error) {
      throw new Error(`面板“${panel.id}”的查询 ${name} 失败：${(error as Error).message}`);
    }
  }
  return data;
}

/** JSON for embedding in a <script> element: no "</script>" can end it early. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}
