/**
 * The filter form of a page: semester, department, role and page options, as real form controls
 * (keyboard-operable, labelled). Disabled in the prerendered page until the query engine is ready.
 */
import { ROLE_LABELS, type Role } from '../domain/cells.ts';
import { escapeHtml } from '../domain/format.ts';
import { semesterLabel } from '../domain/semester.ts';
import type { DashboardContext } from '../dashboard/context.ts';
import type { PageSpec, State } from '../dashboard/types.ts';

export const ALL_DEPARTMENTS = '全部系部';
export const ALL_ROLES = '全部角色';

function select(name: string, label: string, options: ReadonlyArray<readonly [string, string]>, value: string): string {
  const opts = options.map(([v, l]) => `<option value="${escapeHtml(v)}"${v === value ? ' selected' : ''}>${escapeHtml(l)}</option>`).join('');
  return `<label>${escapeHtml(label)} <select name="${name}" id="filter-${name}" disabled>${opts}</select></label>`;
}

/** The page's controls — filters, then options — each with its values ('' for 全部) and their labels. */
export function controlOptions(page: PageSpec, ctx: DashboardContext): Array<{ name: string; label: string; options: ReadonlyArray<readonly [string, string]> }> {
  const controls: Array<{ name: string; label: string; options: ReadonlyArray<readonly [string, string]> }> = [];
  for (const filter of page.filters) {
    if (filter === 'semester')
      controls.push({
        name: 'semester',
        label: '学期',
        options: [...(page.semesterOptional ? [['', '全部学期'] as const] : []), ...[...ctx.semesters].reverse().map((s) => [s, semesterLabel(s)] as const)],
      });
    if (filter === 'department') controls.push({ name: 'department', label: '系部', options: [['', ALL_DEPARTMENTS], ...ctx.departments.map((d) => [d, d] as const)] });
    if (filter === 'role') {
      const roles = (page.roles ?? Object.keys(ROLE_LABELS)) as Role[];
      controls.push({ name: 'role', label: '角色', options: [['', ALL_ROLES], ...roles.map((r) => [r, ROLE_LABELS[r]] as const)] });
    }
  }
  for (const option of page.options ?? []) controls.push({ name: option.name, label: option.label, options: option.options });
  return controls;
}

export function controlsHtml(page: PageSpec, ctx: DashboardContext, state: State): string {
  return controlOptions(page, ctx)
    .map((c) => select(c.name, c.label, c.options, state[c.name] ?? (page.options?.find((o) => o.name === c.name)?.default ?? '')))
    .join('\n');
}

/** Every state the page's controls can be set to (as the page reads them: '' is unset), with the fixed filters. */
export function pageStates(page: PageSpec, ctx: DashboardContext, fixed: Partial<State> = {}): State[] {
  let states: State[] = [initialState(page, ctx, fixed)];
  for (const control of controlOptions(page, ctx))
    states = states.flatMap((state) => control.options.map(([value]) => ({ ...state, [control.name]: value === '' ? null : value }) as State));
  return states.map((state) => ({ ...state, ...fixed }) as State);
}

/** The state a page opens with: the latest semester, everything else unset or at its default. */
export function initialState(page: PageSpec, ctx: DashboardContext, fixed: Partial<State> = {}): State {
  const latest = ctx.semesters[ctx.semesters.length - 1] ?? '';
  // An optional semester starts unset (全部学期), like an unset department.
  const state: State = { semester: page.semesterOptional ? (null as unknown as string) : latest, department: null, role: null };
  for (const option of page.options ?? []) state[option.name] = option.default;
  return { ...state, ...fixed } as State;
}
