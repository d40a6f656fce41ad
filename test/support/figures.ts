/** A semester's report figures with nothing in them, for tests to fill in the part they are about. */
import type { StaffingRow } from '../../src/metrics/staffing.ts';
import type { SemesterFigures } from '../../src/report/figures.ts';

export function emptyFigures(semester: string, more: Partial<SemesterFigures> = {}): SemesterFigures {
  return {
    semester,
    staffing: { institution: null, departments: [], hiring: [], flaggedHiring: 0 },
    workload: { norms: [], institution: null, departments: [] },
    assessment: { grades: [], coverage: null, mismatches: 0 },
    quota: { units: [], total: null },
    training: { institution: null, departments: [], short: [] },
    assistants: { institution: null, departments: [], grades: null },
    structure: { institution: null, departments: [], belowEducation: [], consecutiveFail: [], latenessNotApplied: [], graduatesLeftEarly: [], inductionShort: [] },
    measures: {},
    submissions: [],
    ...more,
  } as SemesterFigures;
}

/** One department's staffing row for 2025-2026-1, worked out as the README defines it (1:200, part-time at 1/3). */
export function staffingUnit(department: string, students: number, fullTime: number, partTime = 0): StaffingRow {
  const fte = fullTime + partTime / 3;
  return {
    semester: '2025-2026-1',
    department,
    students,
    full_time: fullTime,
    part_time: partTime,
    fte,
    ratio_full_time: fullTime ? students / fullTime : null,
    ratio_weighted: fte ? students / fte : null,
    compliant_full_time: students <= 200 * fullTime,
    compliant_weighted: students <= 200 * fte,
    gap: Math.max(0, Math.ceil(students / 200) - fullTime),
    flagged_hiring: 0,
    note: null,
    excluded: null,
    needed: null,
  };
}
