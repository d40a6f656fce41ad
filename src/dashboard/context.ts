/**
 * What every page needs to know besides the rows: the active rules, the semesters and departments
 * present, the teaching calendar, the ingest report. Built once from manifest.json at build time and
 * embedded in each page as JSON, so the browser runs the panels with exactly the same parameters.
 */
import { semesterStart } from '../domain/calendar.ts';
import type { Audience, Withheld } from '../domain/disclosure.ts';
import type { ActiveRules } from '../domain/rules.ts';
import type { Manifest } from '../ingest/run.ts';
import type { QuotaParams } from '../metrics/quota.ts';
import type { StaffingParams } from '../metrics/staffing.ts';
import type { StructureParams } from '../metrics/structure.ts';
import type { TrainingParams } from '../metrics/training.ts';
import type { WorkloadParams } from '../metrics/workload.ts';
import { departmentFiles, hrefOf } from '../site/department-files.ts';

export interface DashboardContext {
  rules: ActiveRules;
  /** Oldest first. */
  semesters: string[];
  departments: string[];
  semesterMondays: Record<string, string>;
  files: Manifest['files'];
  totals: Manifest['totals'];
  /** The return lists the last ingest wrote (data/returns/…). */
  returns: Manifest['returns'];
  /** What every figure rests on (src/collection/coverage.ts): the same rows as the `coverage` table. */
  coverage: Manifest['coverage'];
  /** [department, path of its page from the site root], in the departments' order (JSON-safe; look up with departmentPage). */
  departmentPages: ReadonlyArray<readonly [string, string]>;
  /** The site root relative to the current page ('' or '../'), for links rendered by panels. */
  root: string;
  /** Who the site is built for (src/domain/disclosure.ts). */
  audience: Audience;
  /** Public build: the smallest group of people a figure is published for. */
  minGroup: number;
  /** Public build: the groups withheld (empty for the internal build). */
  withheld: Withheld;
}

export function buildContext(manifest: Manifest, audience: Audience = manifest.rules.publish.audience ?? 'internal', withheld: Withheld = {}): DashboardContext {
  const collator = new Intl.Collator('zh-CN');
  const departments = [...manifest.departments].sort(collator.compare);
  return {
    rules: manifest.rules,
    semesters: [...manifest.semesters].sort(),
    departments,
    semesterMondays: Object.fromEntries(manifest.semesters.map((s) => [s, semesterStart(s, manifest.rules.calendar)])),
    files: manifest.files,
    totals: manifest.totals,
    // A manifest of an ingest before return lists existed has none.
    returns: manifest.returns ?? [],
    coverage: manifest.coverage ?? [],
    departmentPages: departmentPagesOf(departments),
    root: '',
    audience,
    minGroup: manifest.rules.publish.min_group_size ?? 3,
    withheld,
  };
}

/** Each department's page path, in the order of `departments` (sorted as buildContext sorts them); the browser derives it from them too. */
export function departmentPagesOf(departments: readonly string[]): DashboardContext['departmentPages'] {
  const collator = new Intl.Collator('zh-CN');
  return [...departmentFiles(departments)].sort(([a], [b]) => collator.compare(a, b));
}

const pageMaps = new WeakMap<DashboardContext['departmentPages'], Map<string, string>>();

/** The href of a department's page from the site root, or null when it has none. A Map, so no department name ("constructor", "__proto__") can find an object's built-ins. */
export function departmentPage(ctx: DashboardContext, department: string): string | null {
  let pages = pageMaps.get(ctx.departmentPages);
  if (!pages) pageMaps.set(ctx.departmentPages, (pages = new Map(ctx.departmentPages)));
  const path = pages.get(department);
  return path == null ? null : hrefOf(path);
}

export const latestSemester = (ctx: DashboardContext) => ctx.semesters[ctx.semesters.length - 1] ?? '';

export function previousSemester(ctx: DashboardContext, semester: string): string | null {
  const i = ctx.semesters.indexOf(semester);
  return i > 0 ? ctx.semesters[i - 1]! : null;
}

export const staffingParams = (ctx: DashboardContext): StaffingParams => ({
  target: ctx.rules.max_students_per_counselor,
  partTimeWeight: ctx.rules.part_time_weight,
  disallowedHiring: ctx.rules.disallowed_hiring,
});

export const workloadParams = (ctx: DashboardContext): WorkloadParams => ({
  norms: ctx.rules.workload_norms,
  semesterMondays: ctx.semesterMondays,
  semesterWeeks: ctx.rules.calendar.semester_weeks,
});

export const quotaParams = (ctx: DashboardContext): QuotaParams => ({
  quota: ctx.rules.assessment.excellence_quota,
  rounding: ctx.rules.assessment.quota_rounding,
});

export const trainingParams = (ctx: DashboardContext): TrainingParams => ({
  schoolHoursPerYear: ctx.rules.training.school_hours_per_year,
  higherEveryYears: ctx.rules.training.national_or_provincial_every_years,
});

export const structureParams = (ctx: DashboardContext): StructureParams => ({
  ageBands: ctx.rules.structure.age_bands,
  youngAge: ctx.rules.structure.young_age,
  yearsInPostBands: ctx.rules.structure.years_in_post_bands,
  minEducation: ctx.rules.structure.min_education,
  relatedMajors: ctx.rules.structure.related_majors,
});
