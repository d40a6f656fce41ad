/**
 * A department's file that names other departments in its 系部 column: filed in 机电工程系/ but
 * its rows say 信息工程系 — the wrong file in the wrong folder, or a column copied from another
 * department's sheet. The rows count where the column says; a warning says what disagrees.
 * Checked once every file is read, when the published departments are known (a folder such as
 * 学工部 that names no published department is nobody's: its files may cover them all).
 */
import { placeOf, type DepartmentNames } from '../domain/context.ts';
import type { ActiveRules } from '../domain/rules.ts';
import type { SheetReport, WarningRecord } from './records.ts';

/** The department the nearest folder naming a published one names, after the rules' aliases. */
function folderDepartment(file: string, names: DepartmentNames, rules: ActiveRules, published: ReadonlySet<string>): string | null {
  for (const folder of [...placeOf(file).folders].reverse()) {
    const found = names.find(folder);
    const name = found ? (rules.department_aliases[found] ?? found) : null;
    if (name && published.has(name)) return name;
  }
  return null;
}

export function folderDepartmentWarnings(sheets: readonly SheetReport[], names: DepartmentNames, rules: ActiveRules, published: readonly string[]): WarningRecord[] {
  const departments = new Set(published);
  const warnings: WarningRecord[] = [];
  for (const sheet of sheets) {
    if (sheet.department_source !== 'column' || !sheet.kind) continue;
    const folder = folderDepartment(sheet.file, names, rules, departments);
    if (!folder) continue;
    const others = Object.entries(sheet.departments).filter(([name]) => name !== folder);
    if (others.length === 0) continue;
    const rows = others.reduce((n, [, count]) => n + count, 0);
    warnings.push({
      file: sheet.file,
      sheet: sheet.sheet,
      row: null,
      table: sheet.kind,
      column: '系部',
      code: 'DEPARTMENT_NOT_FOLDER',
      message: `文件放在「${folder}」文件夹中，表中却有 ${rows} 行的系部是${others.map(([name]) => `「${name}」`).join('、')}；已按表中的系部计入。请确认文件是否放错了文件夹，或系部是否填错。`,
    });
  }
  return warnings;
}

/**
 * The school's departments, those the public build publishes: the rules' list when it has one;
 * else the departments the input's folders name (after aliases) together with those that sent a
 * roster or an enrollment — a 学工部 folder's 全院在校生人数 names every department in its cells, and
 * each of them is the school's. A name found only inside another file's cells (a person's name
 * typed into a work log's 系部) is none of them.
 */
export function schoolDepartments(input: {
  rules: ActiveRules;
  names: DepartmentNames;
  files: readonly string[];
  /** The departments of the rows read. */
  departments: readonly string[];
  /** The departments of the rosters' and enrollments' rows. */
  staffing: readonly string[];
}): string[] {
  const { rules, departments } = input;
  if (rules.departments.length) return departments.filter((d) => rules.departments.includes(d));
  const found = new Set(departments);
  const folders = new Set(input.files.map((f) => folderDepartment(f, input.names, rules, found)));
  const staffed = new Set(input.staffing);
  const chosen = departments.filter((d) => folders.has(d) || staffed.has(d));
  // When nothing tells them apart (no folder names one, no roster or enrollment), every department read.
  return chosen.length ? chosen : [...departments];
}

/** A warning for each file whose 系部 cells name a department that is not the school's (schoolDepartments). */
export function unknownDepartmentWarnings(sheets: readonly SheetReport[], school: readonly string[]): WarningRecord[] {
  const known = new Set(school);
  return sheets.flatMap((sheet) => {
    const unknown = Object.entries(sheet.departments).filter(([name, n]) => n > 0 && !known.has(name));
    if (!unknown.length || !sheet.kind) return [];
    const rows = unknown.reduce((n, [, count]) => n + count, 0);
    return [
      {
        file: sheet.file,
        sheet: sheet.sheet,
        row: null,
        table: sheet.kind,
        column: '系部',
        code: 'DEPARTMENT_NOT_SCHOOL',
        message: `表中有 ${rows} 行的系部是${unknown.map(([name]) => `「${name}」`).join('、')}，不是本校的系部（既不在规则文件的系部名单中，也不是报送文件夹的名称）；这些行只在内部版中按所填系部列出，公开版不把它作为系部公布，也不计入任何公开的统计。请核对系部是否填错。`,
      },
    ];
  });
}
