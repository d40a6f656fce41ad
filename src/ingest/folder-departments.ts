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
