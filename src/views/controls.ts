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

export function controlsHtml(page: PageSpec, ctx: DashboardContext, state: State): string {
  const parts: string[] = [];
  for (const filter of page.filters) {
    if (filter === 'semester')
      parts.push(
        select(
          'semester',
          '学期',
          [...(page.semesterOptional ? [['', '全部学期'] as const] : []), ...[...ctx.semesters].reverse().map((s) => [s, semesterLabel(s)] as const)],
          state.semester ?? '',
        ),
      );
    if (filter === 'department')
      parts.push(select('department', '系部', [['', ALL_DEPARTMENTS], ...ctx.departments.map((d) => [d, d] as const)], state.department ?? ''));
    if (filter === 'role') {
      const roles = (page.roles ?? Object.keys(ROLE_LABELS)) as Role[];
      parts.push(select('role', '角色', [['', ALL_ROLES], ...roles.map((r) => [r, ROLE_LABELS[r]] as const)], state.role ?? ''));
    }
  }
  for (const option of page.options ?? []) parts.push(select(option.name, option.label, option.options, state[option.name] ?? option.default));
  return parts.join('\n');
}

/** The state a page opens with: the latest semester, everything else unset or at its default. */
export function initialState(page: PageSpec, ctx: DashboardContext, fixed: Partial<State> = {}): State {
  const latest = ctx.semesters[ctx.semesters.length - 1] ?? '';
  // An optional semester starts unset (全部学期), like an unset department.
  const state: State = { semester: page.semesterOptional ? (null as unknown as string) : latest, department: null, role: null };
  for (const option of page.options ?? []) state[option.name] = option.default;
  return { ...state, ...fixed } as State;
}
