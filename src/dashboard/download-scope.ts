/**
 * What a download says about the view it was made from: its file name carries the semester,
 * department and role, and its rows carry the same as leading columns (where the table has no
 * such column of its own), so a file opened on its own — or pasted beside another — still says
 * what it covers.
 */
import { ROLE_LABELS, type Role } from '../domain/cells.ts';
import { semesterLabel } from '../domain/semester.ts';
import type { ScopeColumn } from '../views/table.ts';
import type { PageSpec, State } from './types.ts';

export function downloadScope(page: PageSpec, state: State): { columns: ScopeColumn[]; suffix: string } {
  const columns: ScopeColumn[] = [];
  const parts: string[] = [];
  if (page.filters.includes('semester') || state.semester) {
    columns.push({ key: 'semester', label: '学期', value: state.semester ? semesterLabel(state.semester) : '全部学期' });
    parts.push(state.semester || '全部学期');
  }
  if (page.filters.includes('department') || state.department) {
    columns.push({ key: 'department', label: '系部', value: state.department ?? '全院' });
    parts.push(state.department ?? '全院');
  }
  if (page.filters.includes('role')) {
    const role = state.role ? (ROLE_LABELS[state.role as Role] ?? state.role) : '全部角色';
    columns.push({ key: 'role', label: '角色', value: role });
    parts.push(role);
  }
  return { columns, suffix: parts.join('_') };
}
