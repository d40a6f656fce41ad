/**
 * What every page needs to know besides the rows: the active rules, the semesters and departments
 * present, the teaching calendar, the ingest report. Built once from manifest.json at build time and
 * embedded in each page as JSON, so the browser runs the panels with exactly the same parameters.
 */
import { semesterStart } from '../domain/calendar.ts';
import type { ActiveRules } from '../domain/rules.ts';
import type { Manifest } from '../ingest/run.ts';
import type { QuotaParams } from '../metrics/quota.ts';
import type { StaffingParams } from '../metrics/staffing.ts';
import type { StructureParams } from '../metrics/structure.ts';
import type { TrainingParams } from '../metrics/training.ts';
import type { WorkloadParams } from '../metrics/workload.ts';

export interface DashboardContext {
  rules: ActiveRules;
  /** Oldest first. */
  semesters: string[];
  departments: string[];
  semesterMondays: Record<string, string>;
  files: Manifest['files'];
  totals: Manifest['totals'];
  /** Department → path of its page from the site root. */
  departmentPages: Record<string, string>;
  /** The site root relative to the current page ('' or '../'), for links rendered by panels. */
  root: string;
}

/** A stable, ASCII file name for a department's page (Chinese paths trip some servers and zip tools). */
export function departmentSlug(name: string): string {
  let h = 0x811c9dc5;
  for (const ch of name) h = Math.imul(h ^ ch.codePointAt(0)!, 0x01000193) >>> 0;
  return `dept-${h.toString(16).padStart(8, '0')}`;
}

export function buildContext(manifest: Manifest): DashboardContext {
  const collator = new Intl.Collator('zh-CN');
  const departments = [...manifest.departments].sort(collator.compare);
  return {
    rules: manifest.rules,
    semesters: [...manifest.semesters].sort(),
    departments,
    semesterMondays: Object.fromEntries(manifest.semesters.map((s) => [s, semesterStart(s, manifest.rules.calendar)])),
    files: manifest.files,
    totals: manifest.totals,
    departmentPages: Object.fromEntries(departments.map((d) => [d, `departments/${departmentSlug(d)}.html`])),
    root: '',
  };
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
