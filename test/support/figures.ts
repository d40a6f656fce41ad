/** A semester's report figures with nothing in them, for tests to fill in the part they are about. */
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
