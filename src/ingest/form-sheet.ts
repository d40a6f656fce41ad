/**
 * The per-person form layout (domain/forms.ts): a sheet that is one 考核量化表 or 考核登记表
 * becomes one record of `assessments`, parsed by the same column parsers and checked by the
 * same rules as a row of the wide table (accept.ts).
 *
 * Counting: every line of the sheet is read, as for any sheet. The line naming the person is
 * the form's record — accepted or rejected (all its problems on that line, so one form is one
 * rejected row) — and is the record's source_row; the other lines are skipped: above the form
 * as title (or blank), within it as form lines (its items, 合计, 等次, signatures) or blank.
 * A blank template (nothing filled in) has no record: all its lines are skipped.
 */
import { Failure } from '../domain/cells.ts';
import type { FormLayout } from '../domain/forms.ts';
import { TABLES } from '../domain/tables/index.ts';
import { isBlankRow } from '../domain/text.ts';
import { DepartmentCounts, finishTargets, problemsOf, resolveContext, tableTarget, type RunContext } from './accept.ts';
import type { RejectRecord, SheetReport } from './records.ts';
import type { SkipReason } from '../domain/layout.ts';

/**
 * Reads one form: `rows` are the sheet's rows from its first non-blank one, which is row
 * `offset` (from 0) of the sheet; they have been counted as read.
 */
export function ingestForm(ctx: RunContext, report: SheetReport, form: FormLayout, rows: string[][], offset: number, file: string, sheet: string | null, skip: (reason: SkipReason) => void): void {
  const spec = TABLES.assessments;
  const reading = form.read(rows);
  report.kind = spec.kind;
  report.layout = form.id;
  report.header_row = offset + reading.first + 1;
  const title = rows.slice(0, reading.first).map((r) => r.join(' ')).join(' ');
  const context = resolveContext(ctx, report, {
    spec,
    file,
    sheet,
    title,
    titleRow: offset + 1,
    columns: { semester: false, department: false, role: false },
    form: { department: reading.department, date: reading.date },
  });

  for (let i = 0; i < rows.length; i++) {
    if (i === reading.anchor && !reading.blank) continue;
    skip(isBlankRow(rows[i]!) ? 'blank' : i < reading.first ? 'title' : 'form');
  }
  if (reading.blank) return;

  const problem = problemsOf(file, sheet);
  const rowNumber = offset + reading.anchor + 1;
  const labelOf = (key: string) => spec.input.find((c) => c.key === key)!.label;
  const target = tableTarget(ctx, report, spec, { file, sheet, context, problem, headerOf: (key) => (key === 'name' ? (form.id === 'quantified_form' ? '考核对象' : '姓名') : labelOf(key)) });
  const departments = new DepartmentCounts();

  const fields: Record<string, unknown> = {};
  const problems: RejectRecord[] = [];
  for (const value of reading.values) {
    const column = spec.input.find((c) => c.key === value.key)!;
    const parsed = column.parse(value.raw, column.label);
    // Reported on the person's line with the form's own wording for the column: the form is one row.
    if (parsed instanceof Failure) problems.push(problem(rowNumber, `${key(form, value.key, column.label)}（第 ${offset + value.row + 1} 行）`, value.raw, parsed.reject, parsed.message));
    else fields[value.key] = parsed;
  }
  if (!('name' in fields) && !problems.some((p) => p.code === 'MISSING_VALUE'))
    problems.push(problem(rowNumber, key(form, 'name', '姓名'), '', 'MISSING_VALUE', `「${key(form, 'name', '姓名')}」为空，请填写被考核人的姓名。`));
  const prepared = problems.length > 0 ? problems : target.prepare(fields, rowNumber);
  if (Array.isArray(prepared)) {
    report.rejected++;
    ctx.state.rejects.push(...prepared);
  } else {
    report.accepted++;
    departments.add(String(prepared.record.department));
    target.publish(prepared, rowNumber);
  }
  finishTargets(ctx, report, [target], departments);
}

/** A column as the form calls it: 考核对象 for the person on the 量化表, 合计 for its total, 等次 for its grade. */
function key(form: FormLayout, column: string, label: string): string {
  if (form.id === 'quantified_form') return ({ name: '考核对象', total: '合计', grade_recorded: '等次' } as Record<string, string>)[column] ?? label;
  return ({ name: '姓名', total: '考核成绩', grade_recorded: '考核成绩' } as Record<string, string>)[column] ?? label;
}
