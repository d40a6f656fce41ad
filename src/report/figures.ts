/**
 * Every number of the semester report, gathered with the dashboard's own metric SQL (so the
 * report and the dashboard cannot disagree), for one semester.
 */
import { buildChecklist, checklistDepartments, type ChecklistCell } from '../collection/checklist.ts';
import { TABLES, TABLE_KINDS, type TableKind } from '../domain/tables/index.ts';
import type { DashboardContext } from '../dashboard/context.ts';
import { quotaParams, staffingParams, trainingParams, workloadParams } from '../dashboard/context.ts';
import { MEASURES, type Reading } from '../dashboard/measures.ts';
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
import { collectStructure, type StructureReportFigures } from './structure.ts';

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

/**
 * Which departments sent which exports for the semester, and how many rows were rejected: the
 * 报送 checklist's reading (src/collection/checklist.ts), so that the report, 数据质量 and the
 * return lists name the same exports missing.
 */
export function submissions(ctx: DashboardContext, semester: string): Submission[] {
  const list = buildChecklist(ctx.files, checklistDepartments(ctx.files, [...ctx.rules.departments, ...ctx.departments]), semester, ctx.rules.expected_exports);
  const sum = (cells: Record<TableKind, ChecklistCell>, key: 'rejected' | 'setAside') => TABLE_KINDS.reduce((n, k) => n + cells[k][key], 0);
  return list.rows.map(({ department, cells, setAsideUnknown }) => ({
    department,
    missing: list.kinds.filter((k) => cells[k].status === 'missing').map((k) => TABLES[k].label),
    rejected: sum(cells, 'rejected'),
    setAside: sum(cells, 'setAside') + setAsideUnknown.length,
  }));
}

export async function collectFigures(db: QueryRunner, ctx: DashboardContext, semester: string): Promise<SemesterFigures> {
  const q = <T>(sql: string) => db.query<T>(sql);
  const s = { semester };
  const [institution] = await q<StaffingRow>(institutionStaffingSql(staffingParams(ctx), semester));
  const measures: Record<string, Reading | null> = {};
  for (const m of MEASURES) measures[m.id] = m.read(await db.query(m.sql(ctx, semester, 'institution')), INSTITUTION, ctx);
  return {
    semester,
    staffing: {
      institution: institution ?? null,
      departments: await q<StaffingRow>(departmentStaffingSql(staffingParams(ctx), semester)),
      hiring: await q<HiringRow>(hiringBreakdownSql(semester)),
      flaggedHiring: (await q(flaggedHiringSql(staffingParams(ctx), s))).length,
    },
    workload: {
      norms: await q<NormShareRow>(normSharesSql(workloadParams(ctx), s, 'institution')),
      institution: (await q<AllNormsRow>(allWeeklyNormsSql(workloadParams(ctx), { semester, role: 'counselor' }, 'institution')))[0] ?? null,
      departments: await q<AllNormsRow>(allWeeklyNormsSql(workloadParams(ctx), { semester, role: 'counselor' }, 'department')),
    },
    assessment: {
      grades: await q<GradeCountRow>(gradeCountsSql(s, 'institution')),
      coverage: (await q<CoverageRow>(assessmentCoverageSql(s, 'institution')))[0] ?? null,
      mismatches: (await q(mismatchesSql(s))).length,
    },
    quota: {
      units: await q<QuotaRow>(quotaSql(quotaParams(ctx), s)),
      total: (await q<QuotaTotalRow>(quotaTotalSql(quotaParams(ctx), s)))[0] ?? null,
    },
    training: {
      institution: (await q<TrainingUnitRow>(trainingUnitsSql(trainingParams(ctx), s, 'institution')))[0] ?? null,
      departments: await q<TrainingUnitRow>(trainingUnitsSql(trainingParams(ctx), s, 'department')),
      short: (await q<TrainingPersonRow>(trainingPeopleSql(trainingParams(ctx), s))).filter((p) => !p.meets_hours || p.higher_courses === 0),
    },
    assistants: {
      institution: (await q<ClassCoverageRow>(classCoverageSql(s, 'institution')))[0] ?? null,
      departments: await q<ClassCoverageRow>(classCoverageSql(s, 'department')),
      grades: (await q<GradeCountRow>(gradeCountsSql({ semester, role: 'assistant' }, 'institution')))[0] ?? null,
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
