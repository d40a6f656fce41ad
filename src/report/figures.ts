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
import { POPULATIONS, rolePopulations } from '../domain/disclosure.ts';
import { acrossRoles, counting, perRole, rosterPopulations, staffingRows } from '../dashboard/groups.ts';
import { gradeRows } from '../dashboard/pages/assessment.ts';
import { ASSISTANT_ATTRIBUTES } from '../metrics/assistants.ts';
import { reportQuery } from './query.ts';
import { collectStructure, type StructureReportFigures } from './structure.ts';

export interface Submission {
  department: string;
  /** Labels of the expected exports not received. */
  missing: string[];
  rejected: number;
  /** Exports it sent that could not be read (set aside, or versions undecided): not counted, to be sent again. */
  unreadable: string[];
  /** Files it sent that could not be read and whose kind is not known: the exports `missing` may be among them. */
  unknownFiles: number;
  /** Columns its forms lacked for a figure (该项未报送): "工作记录缺少“联系任课教师”一列". */
  missingColumns: string[];
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
  const sum = (cells: Record<TableKind, ChecklistCell>) => TABLE_KINDS.reduce((n, k) => n + cells[k].rejected, 0);
  const rows = (department: string) => ctx.coverage.filter((c) => c.semester === semester && c.department === department);
  return list.rows.map(({ department, cells, setAsideUnknown }) => {
    const own = rows(department);
    // Sent but not read is not 未报送: an export whose files were set aside is named as such.
    const unreadable = own.filter((c) => c.field == null && c.status === 'unreadable' && (cells[c.kind].setAside > 0 || cells[c.kind].rejected > 0)).map((c) => c.kind);
    return {
      department,
      missing: list.kinds.filter((k) => cells[k].status === 'missing' && !unreadable.includes(k)).map((k) => TABLES[k].label),
      rejected: sum(cells),
      unreadable: unreadable.map((k) => TABLES[k].label),
      unknownFiles: setAsideUnknown.length,
      missingColumns: own.filter((c) => c.status === 'column_missing').map((c) => c.note.replace(/：该项未报送$/, '')),
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
