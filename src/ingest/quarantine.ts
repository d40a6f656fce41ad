/**
 * Quarantine: a file (or one sheet of a workbook) the ingest cannot read or understand — damaged,
 * password-protected, no recognisable header, no semester or department to be found — is set
 * aside instead of stopping the run, so that one department's mistake does not keep every other
 * department's data off the dashboard. Nothing of it is published; its reason is recorded three
 * times over: in its manifest entry (`set_aside`), as a line of rejects (no row number: the
 * whole file or sheet) for the 数据质量 page and the report, and first among the files to send
 * back in the run's summary. `--strict` stops the run instead (pipeline.ts).
 */
import { departmentContext, placeOf, semesterContext, type DepartmentNames } from '../domain/context.ts';
import type { UnreadableFileError } from './readers/types.ts';
import { emptyReport, type IngestState, type SheetReport } from './records.ts';

export function setAside(state: IngestState, names: DepartmentNames, file: string, sheet: string | null, encoding: string, error: UnreadableFileError, department?: string): SheetReport {
  const report = emptyReport(file, sheet, encoding);
  // The department and semester its file name and folders name, so that it is listed with them (and in their report).
  const place = placeOf(file);
  report.set_aside = { code: error.code, message: error.message, department: department ?? departmentContext('', place, names)?.value ?? null };
  const folder = semesterContext('', place).semester;
  report.semester = folder?.value ?? null;
  report.semester_source = folder ? 'folder' : null;
  state.rejects.push({ file, sheet, row: null, column: null, value: null, code: error.code, message: error.message });
  return report;
}

/** The files and sheets set aside, in the order read: what to send back first. */
export function setAsideSheets(files: readonly SheetReport[]): SheetReport[] {
  return files.filter((f) => f.set_aside !== null);
}
