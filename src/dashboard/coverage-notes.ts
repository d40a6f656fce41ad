/**
 * What a panel's figures rest on, said on every subject page the same way. A panel names the exports
 * its figures count (`restsOn`: the 辅导员名册 for 培训 and 队伍结构); a department whose export was
 * sent but could not be read, or not sent while others sent theirs, has no figure there — its note
 * from the coverage table (src/collection/coverage.ts) stands in its place: "辅导员名册未能导入，待重新报送",
 * never 无数据, a zero or 未达标. The one place pages, the department page and the public build ask.
 */
import type { CoverageRow } from '../collection/coverage.ts';
import { escapeHtml } from '../domain/format.ts';
import type { TableKind } from '../domain/tables/index.ts';
import type { DashboardContext } from './context.ts';
import type { Panel, PanelData, PanelOutput, State } from './types.ts';

export interface CoverageNote {
  department: string;
  note: string;
}

const usable = (c: CoverageRow) => c.status === 'received' || c.status === 'partial';

/**
 * The departments in view whose exports `kinds` the semester's figures could not count, with their notes
 * (one per department, the kinds' notes joined). 未报送 is said only where another department sent that
 * export: when nobody has, the panel's own "no data yet" says it.
 */
export function coverageNotes(ctx: Pick<DashboardContext, 'coverage'>, s: Pick<State, 'semester' | 'department'>, kinds: readonly TableKind[]): CoverageNote[] {
  const rows = ctx.coverage.filter((c) => c.semester === s.semester && c.field == null && kinds.includes(c.kind));
  const sent = new Set(rows.filter(usable).map((c) => c.kind));
  const notes = new Map<string, string[]>();
  for (const c of rows)
    if ((s.department == null || c.department === s.department) && (c.status === 'unreadable' || (c.status === 'missing' && sent.has(c.kind))))
      (notes.get(c.department) ?? notes.set(c.department, []).get(c.department)!).push(c.note);
  return [...notes].sort(([a], [b]) => a.localeCompare(b, 'zh-CN')).map(([department, list]) => ({ department, note: list.join('；') }));
}

/** The notes as a page shows them: in place of the figures for one department, beside them for several. */
export function coverageNoteHtml(notes: readonly CoverageNote[], one: boolean): string {
  if (!notes.length) return '';
  const text = one ? notes.map((n) => n.note).join('；') : `以下系部未计入：${notes.map((n) => `${n.department}（${n.note}）`).join('；')}。`;
  return `<p class="${one ? 'empty ' : ''}note coverage-note" data-coverage="${escapeHtml(notes.map((n) => n.department).join('|'))}">${escapeHtml(text)}</p>`;
}

/**
 * A panel's output with what it rests on said: a department in view whose data was not read shows its
 * note instead of the panel's figures; a view of several departments keeps its figures (over those read)
 * and names the ones left out.
 */
export function renderPanel(panel: Panel, data: PanelData, s: State, ctx: DashboardContext): PanelOutput {
  const notes = panel.restsOn ? coverageNotes(ctx, s, panel.restsOn) : [];
  if (notes.length && s.department != null) return { html: coverageNoteHtml(notes, true) };
  const whole = panel.noteForAll ? wholePanelNote(data) : null;
  if (whole) return { html: `<p class="empty note coverage-note">${escapeHtml(whole)}</p>` };
  const output = panel.render(data, s, ctx);
  return notes.length ? { ...output, html: `${output.html ?? ''}${coverageNoteHtml(notes, false)}` } : output;
}

/**
 * The note the metric SQL set on every row of a panel (`noteForAll`), when it is one and the same (培训: the
 * training year has no training record at all, "未报送培训记录"): it stands in place of the whole panel's figures.
 */
export function wholePanelNote(data: PanelData): string | null {
  const rows = Object.values(data).flat() as ReadonlyArray<{ note?: unknown }>;
  const notes = new Set(rows.map((r) => r.note));
  const [only] = notes;
  return rows.length && notes.size === 1 && typeof only === 'string' && only !== '' ? only : null;
}

/** Panels whose figures count the exports `kinds` (copies: a panel shared by several pages keeps what it rests on). */
export const restingOn = (kinds: readonly TableKind[], panels: readonly Panel[]): Panel[] => panels.map((p) => ({ ...p, restsOn: kinds }));
