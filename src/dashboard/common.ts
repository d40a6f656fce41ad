/** Small pieces the page definitions share: labels, shares, status words, the rule notes, the cards. */
import { escapeHtml } from '../domain/format.ts';
import { cite, ruleSource as ruleSourceOf } from '../domain/policies.ts';
import { semesterLabel } from '../domain/semester.ts';
import { gradeLabels, type ScoringRules } from '../domain/scoring.ts';
import type { Column } from '../views/table.ts';
import type { Manifest } from '../ingest/run.ts';
import type { DashboardContext } from './context.ts';
import type { PanelData, State } from './types.ts';

/** "全院" or the department, for titles. */
export const scopeLabel = (s: State) => s.department ?? '全院';
export const semesterTitle = (s: State) => semesterLabel(s.semester);
/** "各系部…" for the whole institution, "<系部>…" on a department's own view: a department page never says 各系部 of itself. */
export const unitsLabel = (s: State) => s.department ?? '各系部';

/** 2025-2026-1 → "25秋", 2025-2026-2 → "26春": short enough for chart ticks. */
export function shortSemester(id: string): string {
  const [first, second, term] = id.split('-');
  return term === '1' ? `${first!.slice(2)}秋` : `${second!.slice(2)}春`;
}

export const ratio = (met: number | null, total: number | null): number | null => (met != null && total != null && total > 0 ? met / total : null);

/**
 * A panel's department rows with the institution's (queried as `total`, only for the whole
 * institution) on top, where a reader looks first and a folded list never hides it.
 */
export function institutionFirst<T>(data: PanelData): T[] {
  return [...((data.total ?? []) as unknown as T[]), ...((data.rows ?? []) as unknown as T[])];
}

/** The source of a rule of the active profile (by its path in the rules file), with the documents named by their titles. */
export function ruleSource(ctx: DashboardContext, path: string): string | undefined {
  return ruleSourceOf(ctx.rules, path);
}

/** Any source text as a reader sees it: short document names replaced by the documents' titles. */
export const citeText = (ctx: DashboardContext, source: string | undefined) => (source == null ? undefined : cite(source, ctx.rules.policy_documents));

/** A rule note: what is counted, and the policy text it comes from (already cited: see ruleSource). */
export function ruleHtml(items: ReadonlyArray<readonly [string, string | undefined]>): string {
  return `<ul>${items.map(([what, source]) => `<li>${escapeHtml(what)}${source ? `<br><small>依据：${escapeHtml(source)}</small>` : ''}</li>`).join('')}</ul>`;
}

/** Accepted rows a file holds for a department (a Map: no department name can find an object's built-ins). */
export function rowsForDepartment(file: Manifest['files'][number], department: string): number {
  return new Map(Object.entries(file.departments)).get(department) ?? 0;
}
export const namesDepartment = (file: Manifest['files'][number], department: string) => new Map(Object.entries(file.departments)).has(department);

export { cardsHtml, type Card } from '../views/cards.ts';

/** A column of grades under the school's names, sorted from the best grade down. */
export function gradeColumn<R>(rules: Pick<ScoringRules, 'bands'>, key: string, label: string): Column<R> {
  const labels: Record<string, string> = gradeLabels(rules);
  const rank = ['excellent', 'good', 'pass', 'fail'];
  const value = (r: R) => (r as Record<string, unknown>)[key] as string | null;
  return {
    key,
    label,
    display: (r) => (value(r) == null ? '' : (labels[value(r)!] ?? value(r)!)),
    sortValue: (r) => (value(r) == null ? null : rank.indexOf(value(r)!)),
  };
}
