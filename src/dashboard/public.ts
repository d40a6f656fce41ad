/**
 * The public build's pages: every panel in its public form (types.ts PublicForm). A panel of
 * figures over groups keeps its SQL and its rendering; the build withholds the rows of groups
 * smaller than the threshold before anything is stored (discloseRows), and the panel says which
 * units it does not show. A list of people is replaced by its counts; a clerk's list is left out.
 */
import { escapeHtml } from '../domain/format.ts';
import { isWithheld, withheldIn, type Audience } from '../domain/disclosure.ts';
import { INSTITUTION } from '../metrics/staffing.ts';
import type { DashboardContext } from './context.ts';
import { PAGE_LIST } from './registry.ts';
import type { Disclosure, Panel, PageSpec, PanelData, PanelOutput, RowPeople, Rows, State } from './types.ts';

/** The unit a row is about: its department; a 全院 row on a department's view is that department. */
function unitOf(row: Rows[number], spec: RowPeople, state: State): string {
  if (spec.unit) return spec.unit(state);
  const department = row.department as string | undefined;
  return department == null || department === INSTITUTION ? (state.department ?? INSTITUTION) : department;
}

const semesterOf = (spec: RowPeople, state: State, ctx: DashboardContext, row?: Rows[number]) => (spec.semester ? spec.semester(state, ctx, row) : state.semester);

/** Whether a row counts a group that is withheld (or is itself a part of fewer people than the threshold). */
function rowWithheld(row: Rows[number], spec: RowPeople, state: State, ctx: DashboardContext, viewPopulations: readonly string[] | null): boolean {
  if (spec.size && spec.size(row) < ctx.minGroup) return true;
  const populations = spec.of ? [spec.of(row)] : (viewPopulations ?? spec.populations(state, ctx));
  return isWithheld(ctx.withheld, semesterOf(spec, state, ctx, row), populations, unitOf(row, spec, state));
}

/**
 * A query's rows as the public build stores them: a withheld row left out, or, where only some of
 * its columns are about people, kept with those columns empty.
 */
export function discloseRows(rows: Rows, disclosure: Disclosure, state: State, ctx: DashboardContext): Rows {
  return specsOf(disclosure).reduce((kept, spec) => {
    // The view's populations, the same for every row (the public build asks this 190,000 times at 120 departments).
    const populations = spec.of ? null : spec.populations(state, ctx);
    const out: Rows = [];
    for (const row of kept) {
      if (!rowWithheld(row, spec, state, ctx, populations)) out.push(row);
      else if (spec.columns) out.push({ ...row, ...Object.fromEntries(spec.columns.map((c) => [c, null])) });
    }
    return out;
  }, rows);
}

const specsOf = (d: Disclosure): readonly RowPeople[] => (d === 'as-is' ? [] : Array.isArray(d) ? d : [d as RowPeople]);

/** The units a view does not show for these queries, and the sentence that says so (empty when none). */
export function withheldNote(disclosures: readonly Disclosure[], state: State, ctx: DashboardContext): { units: string[]; html: string } {
  const units = new Set<string>();
  let parts = false;
  for (const spec of disclosures.flatMap(specsOf)) {
    if (spec.silent) continue;
    if (spec.size) parts = true;
    for (const unit of withheldIn(ctx.withheld, semesterOf(spec, state, ctx), spec.populations(state, ctx)))
      if (!state.department || unit === state.department) units.add(unit);
  }
  const k = ctx.minGroup;
  const departments = [...units].filter((u) => u !== INSTITUTION);
  const sentences = [
    units.has(INSTITUTION) && `全院人数少于 ${k} 人的统计不公布。`,
    departments.length &&
      (state.department
        ? `为保护个人信息，本系部的相关统计不单独公布（人数少于 ${k} 人，或为防止由全院合计推算而一并隐去）。`
        : `为保护个人信息，${departments.join('、')}的相关统计不单独公布（人数少于 ${k} 人，或为防止由全院合计推算而一并隐去），全院合计仍包括其人员。`),
    parts && `人数少于 ${k} 人的格子不显示。`,
  ].filter(Boolean);
  return { units: [...units], html: sentences.length ? `<p class="note note--withheld">${escapeHtml(sentences.join(''))}</p>` : '' };
}

/** A panel of figures over groups, rendering only what the public build stored, and saying what it withheld. */
function withholding(panel: Panel, specs: Record<string, Disclosure>): Panel {
  return {
    ...panel,
    render(data: PanelData, state: State, ctx: DashboardContext): PanelOutput {
      const note = withheldNote(Object.values(specs), state, ctx);
      // Nothing left to show because the unit in view is withheld: the note alone, not a table saying "no data".
      const empty = Object.entries(data).every(([name, rows]) => specs[name] === 'as-is' || rows.length === 0);
      if (note.html && empty && note.units.some((u) => u === (state.department ?? INSTITUTION))) return { html: note.html };
      const output = panel.render(data, state, ctx);
      return note.html ? { ...output, html: `${output.html ?? ''}${note.html}` } : output;
    },
  };
}

/** A panel as the public build shows it, or null when it shows nothing of it. */
export function publicPanel(panel: Panel): Panel | null {
  const form = panel.public;
  if (form === 'as-is') return panel;
  if (form === 'omit') return null;
  if ('panel' in form) return publicPanel({ ...form.panel, id: panel.id, restsOn: panel.restsOn });
  return withholding(panel, form.rows);
}

/** How the public build stores a public page's panel's rows: per query, or null (a panel shown as it is). */
export function disclosureOf(panel: Panel): Record<string, Disclosure> | null {
  return typeof panel.public === 'object' && 'rows' in panel.public ? panel.public.rows : null;
}

const publicPages = new Map<string, PageSpec>(
  PAGE_LIST.map((page) => [page.id, { ...page, panels: page.panels.flatMap((p) => publicPanel(p) ?? []) }]),
);

/** A page as built for the audience. */
export function pageFor(id: string, audience: Audience): PageSpec {
  const page = audience === 'public' ? publicPages.get(id) : PAGE_LIST.find((p) => p.id === id);
  if (!page) throw new Error(`unknown page ${id}`);
  return page;
}

export const pagesFor = (audience: Audience): PageSpec[] => PAGE_LIST.map((p) => pageFor(p.id, audience));
