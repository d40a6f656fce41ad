/**
 * Every number of the semester report, gathered with the dashboard's own metric SQL (so the
 * report and the dashboard cannot disagree), for one semester.
 */
import { TABLES, type TableKind } from '../domain/tables/index.ts';
import type { DashboardContext } from '../dashboard/context.ts';
import { quotaParams, staffingParams, trainingParams, workloadParams } from '../dashboard/context.ts';
import { namesDepartment, rowsForDepartment } from '../dashboard/common.ts';
import { MEASURES, type Reading } from '../dashboard/measures.ts';
import { departmentOf } from '../ingest/summary.ts';
import { assessmentCoverageSql, gradeCountsSql, mismatchesSql, type CoverageRow, type GradeCountRow } from '../metrics/assessment.ts';
import { classCoverageSql, type ClassCoverageRow } from '../metrics/assistants.ts';
import { quotaSql, quotaTotalSql, type QuotaRow, type QuotaTotalRow } from '../metrics/quota.ts';
import type { QueryRunner } from '../metrics/sql.ts';
import {
  departmentStaffingSql,
  flaggedHiringSql,
  hiringBreakdownSql,
  institutionStaffingSql,
  INSTITUTION,
  type HiringRow,
  type StaffingRow,
} from '../metrics/staffing.ts';
import { trainingPeopleSql, trainingUnitsSql, type TrainingPersonRow, type TrainingUnitRow } from '../metrics/training.ts';
import { allWeeklyNormsSql, normSharesSql, type AllNormsRow, type NormShareRow } from '../metrics/workload.ts';
import { POPULATIONS, rolePopulations } from '../domain/disclosure.ts';
import { acrossRoles, counting, perRole, rosterPopulations, staffingRows } from '../dashboard/groups.ts';
import { gradeRows } from '../dashboard/pages/assessment.ts';
import { ASSISTANT_ATTRIBUTES } from '../metrics/assistants.ts';
import { reportQuery } from './query.ts';
import { collectStructure, type StructureReportFigures } from './structure.ts';

/** The exports every department is expected to send each semester. */
export const EXPECTED_EXPORTS: readonly TableKind[] = ['enrollment', 'counselors', 'worklogs'];

export interface Submission {
  department: string;
  /** Labels of the expected exports not received. */
  missing: string[];
  rejected: number;
  /** Files (or sheets) it sent that could not be read or understood, set aside (not counted). */
  setAside: number;
}

export interface SemesterFigures {
  semester: string;
  staffing: { institution: StaffingRow | null; departments: StaffingRow[]; hiring: HiringRow[]; flaggedHiring: number };
  workload: { norms: NormShareRow[]; institution: AllNormsRow | null; departments: AllNormsRow[] };
  assessment: { grades: GradeCountRow[]; coverage: CoverageRow | null; mismatches: number };
  quota: { units: QuotaRow[]; total: QuotaTotalRow | null };
  training: { institution: TrainingUnitRow | null; departments: TrainingUnitRow[]; short: TrainingPersonRow[] };
  assistants: { institution: ClassCoverageRow | null; departments: ClassCoverageRow[]; grades: GradeCountRow | null };
  /** 队伍结构 and the people rules (report/structure.ts). */
  structure: StructureReportFigures;
  /** The overview's measures for the institution (for the comparisons). */
  measures: Record<string, Reading | null>;
  submissions: Submission[];
}

/** Which departments sent which exports for the semester, and how many rows were rejected. */
export function submissions(ctx: DashboardContext, semester: string): Submission[] {
  // A department whose every file was set aside has no rows, but is reported all the same.
  const aside = ctx.files.flatMap((f) => (f.set_aside?.department && (f.semester === semester || f.semester == null) ? [f.set_aside.department] : []));
  return [...new Set([...ctx.departments, ...aside])].map((department) => {
    const files = ctx.files.filter(
      (f) => (f.semester === semester || f.semester == null) && (departmentOf(f, ctx.departments) === department || namesDepartment(f, department)),
    );
    const received = new Set(files.filter((f) => f.semester === semester && f.kind && rowsForDepartment(f, department) > 0).map((f) => f.kind));
    return {
      department,
      missing: EXPECTED_EXPORTS.filter((k) => !received.has(k)).map((k) => TABLES[k].label),
      rejected: files.filter((f) => departmentOf(f, ctx.departments) === department).reduce((n, f) => n + f.rejected, 0),
      setAside: files.filter((f) => f.set_aside && departmentOf(f, ctx.departments) === department).length,
    };
  });
}

/** A list's people counted for the whole institution (a count, not the list: the unit is 全院 whatever their departments). */
const institutionCount = (populations: readonly string[]) => counting(populations, { unit: () => INSTITUTION });

export async function collectFigures(db: QueryRunner, ctx: DashboardContext, semester: string): Promise<SemesterFigures> {
  const q = reportQuery(db, ctx, semester);
  const s = { semester };
  const [institution] = await q<StaffingRow>(institutionStaffingSql(staffingParams(ctx), semester), staffingRows());
  const measures: Record<string, Reading | null> = {};
  for (const m of MEASURES) measures[m.id] = m.read(await q(m.sql(ctx, semester, 'institution'), m.people), INSTITUTION, ctx);
  const assistants = counting([POPULATIONS.assistants], { columns: ASSISTANT_ATTRIBUTES });
  return {
    semester,
    staffing: {
      institution: institution ?? null,
      departments: await q<StaffingRow>(departmentStaffingSql(staffingParams(ctx), semester), staffingRows()),
      hiring: await q<HiringRow>(hiringBreakdownSql(semester), { populations: () => rosterPopulations('all'), of: (r) => `roster:${String(r.employment)}` }),
      flaggedHiring: (await q(flaggedHiringSql(staffingParams(ctx), s), institutionCount([POPULATIONS.roster]))).length,
    },
    workload: {
      norms: await q<NormShareRow>(normSharesSql(workloadParams(ctx), s, 'institution'), perRole('worklog')),
      institution: (await q<AllNormsRow>(allWeeklyNormsSql(workloadParams(ctx), { semester, role: 'counselor' }, 'institution'), perRole('worklog')))[0] ?? null,
      departments: await q<AllNormsRow>(allWeeklyNormsSql(workloadParams(ctx), { semester, role: 'counselor' }, 'department'), perRole('worklog')),
    },
    assessment: {
      grades: await q<GradeCountRow>(gradeCountsSql(s, 'institution'), gradeRows),
      coverage: (await q<CoverageRow>(assessmentCoverageSql(s, 'institution'), 'as-is'))[0] ?? null,
      mismatches: (await q(mismatchesSql(s), institutionCount(rolePopulations('assessed', null)))).length,
    },
    quota: {
      units: await q<QuotaRow>(quotaSql(quotaParams(ctx), s), perRole('assessed')),
      total: (await q<QuotaTotalRow>(quotaTotalSql(quotaParams(ctx), s), acrossRoles('assessed')))[0] ?? null,
    },
    training: {
      institution: (await q<TrainingUnitRow>(trainingUnitsSql(trainingParams(ctx), s, 'institution'), counting([POPULATIONS.fullTime])))[0] ?? null,
      departments: await q<TrainingUnitRow>(trainingUnitsSql(trainingParams(ctx), s, 'department'), counting([POPULATIONS.fullTime])),
      // Who: the internal report's only (the public one counts them in the table above).
      short:
        ctx.audience === 'public'
          ? []
          : (await q<TrainingPersonRow>(trainingPeopleSql(trainingParams(ctx), s), 'as-is')).filter((p) => !p.meets_hours || p.higher_courses === 0),
    },
    assistants: {
      institution: (await q<ClassCoverageRow>(classCoverageSql(s, 'institution'), assistants))[0] ?? null,
      departments: await q<ClassCoverageRow>(classCoverageSql(s, 'department'), assistants),
      grades: (await q<GradeCountRow>(gradeCountsSql({ semester, role: 'assistant' }, 'institution'), gradeRows))[0] ?? null,
    },
    structure: await collectStructure(db, ctx, semester),
    measures,
    submissions: submissions(ctx, semester),
  };
}

/** The same term a year earlier: 2025-2026-1 → 2024-2025-1. */
export function yearEarlier(semester: string): string {
  const [a, b, t] = semester.split('-').map(Number) as [number, number, number];
  return `${a - 1}-${b - 1}-${t}`;
}
