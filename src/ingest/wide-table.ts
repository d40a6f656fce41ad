/**
 * The wide-table layout: a header row, then one record per row. Everything decided once per
 * sheet from its header and title lines (which kind, which columns, the context), then a
 * handler for each row from the top of the sheet on: title, header, blank, total, footer or
 * repeated header rows are skipped; a data row is parsed and accepted or rejected (accept.ts).
 * A header fitting two kinds that are one table (COMBINED) sends each row to both.
 */
import { Failure } from '../domain/cells.ts';
import { classifyRow, normaliseHeaderRow, type HeaderMatch, type SkipReason } from '../domain/layout.ts';
import { COMBINED, TABLES, isPersonalColumn, type InputColumn, type TableKind, type TableSpec } from '../domain/tables/index.ts';
import { cleanCell, isBlankCell, isBlankRow } from '../domain/text.ts';
import { DepartmentCounts, finishTargets, problemsOf, resolveContext, tableTarget, type Prepared, type Problem, type RunContext, type SheetContext, type TableTarget } from './accept.ts';
import type { MergedRange } from './readers/types.ts';
import { UnreadableFileError } from './readers/types.ts';
import type { RejectRecord, SheetReport } from './records.ts';

/** A sheet's table once its header is known: the row handler and what it counts. */
export interface SheetTable {
  kind: TableKind;
  /** Handles each row from the top of the sheet on; `index` is the row's, from 0. */
  row(cells: string[], index: number): void;
  targets: TableTarget[];
  /** Accepted rows per department. */
  departments: DepartmentCounts;
  /** What the rows take from the title, file name or folder (handed to a worker reading the same sheet's tail). */
  context: SheetContext;
}

/** The columns one kind reads in this sheet, as parallel arrays (this runs once per row): key, sheet column, parser, label. */
interface Columns {
  spec: TableSpec;
  keys: string[];
  at: number[];
  parsers: InputColumn['parse'][];
  labels: string[];
  make: (values: readonly unknown[]) => Record<string, unknown>;
  values: unknown[];
  semesterAt: number;
  /** Columns whose filling makes the row this kind's (COMBINED), as indexes into `at`. */
  present: number[];
}

function columnsOf(spec: TableSpec, found: Record<string, number>, presentKeys: readonly string[] = []): Columns {
  const columns = spec.input.filter((c) => c.key in found);
  const keys = columns.map((c) => c.key);
  return {
    spec,
    keys,
    at: columns.map((c) => found[c.key]!),
    parsers: columns.map((c) => c.parse),
    labels: columns.map((c) => c.label),
    make: recordFactory(keys),
    values: new Array(columns.length),
    semesterAt: keys.indexOf('semester'),
    present: keys.flatMap((k, i) => (presentKeys.includes(k) ? [i] : [])),
  };
}

export interface WideSheet {
  file: string;
  sheet: string | null;
  header: HeaderMatch;
  /** The rows the header was found in (from the first non-blank one), and the index of the first. */
  top: string[][];
  topStart: number;
  /** Merged ranges of the sheet (workbooks): a header cell merged across columns is a two-row header; a merged number gets a warning. */
  merges?: readonly MergedRange[];
  mergedNumbers?: ReadonlyArray<MergedRange & { value: string }>;
}

/**
 * Everything decided once per sheet from its header and title lines; returns the handler for
 * each row from the top of the sheet on. Throws UnreadableFileError when the sheet cannot be
 * read as this table (the sheet is set aside).
 */
export function prepareTable(ctx: RunContext, report: SheetReport, w: WideSheet, skip: (reason: SkipReason) => void, known?: SheetContext): SheetTable {
  const { header, top, topStart, file } = w;
  const spec: TableSpec = TABLES[header.kind];
  const combined = header.also ? COMBINED.find((c) => c.kind === header.kind && c.also === header.also!.kind) : undefined;
  report.kind = header.kind;
  report.also = header.also?.kind ?? null;
  report.layout = 'table';
  const headerIndex = topStart + header.row;
  report.header_row = headerIndex + 1;
  report.dropped_columns = header.unmapped;
  report.personal_columns_dropped = header.unmapped.filter(isPersonalColumn);

  const headerCells = top[header.row]!;
  const normalisedHeader = normaliseHeaderRow(headerCells);
  /** A cell holding something under no header (or past the last one) is data no column reads. */
  const unnamed = (cells: readonly string[]) => {
    for (let i = 0; i < cells.length; i++) if (!normalisedHeader[i] && cells[i] !== '' && cleanCell(cells[i]) !== '') return i;
    return -1;
  };
  const subHeader = top[header.row + 1];
  const textOnly = (cells: readonly string[]) => cells.every((c) => cleanCell(c) === '' || !/\d/.test(c));
  // A header cell merged across columns with text under it: the columns' names are in the next row.
  const mergedAcross = (w.merges ?? []).some((m) => m.top <= headerIndex && m.bottom === headerIndex && m.right > m.left && subHeader && subHeader.slice(m.left, m.right + 1).filter((c) => cleanCell(c)).length > 1);
  if (subHeader && textOnly(subHeader) && (unnamed(subHeader) >= 0 || mergedAcross))
    throw new UnreadableFileError(
      `表头似乎有两行（第 ${headerIndex + 2} 行“${subHeader.filter((c) => cleanCell(c)).join('、')}”是下一级表头），或用了合并单元格。请把表头整理成一行（如“男生人数”“女生人数”各占一列）后重新报送。`,
      'MULTI_ROW_HEADER',
    );

  const has = (key: string) => key in header.columns || (header.also ? key in header.also.columns : false);
  const context = known ?? resolveContext(ctx, report, {
    spec,
    file,
    sheet: w.sheet,
    title: top.slice(0, header.row).map((r) => r.join(' ')).join(' '),
    titleRow: topStart + 1,
    columns: { semester: has('semester'), department: has('department'), role: has('role') },
    impliedRole: combined?.role,
  });

  const primary = columnsOf(spec, header.columns, combined?.kindKeys);
  const second = header.also ? columnsOf(TABLES[header.also.kind], header.also.columns, combined?.alsoKeys) : null;
  const parts = second ? [primary, second] : [primary];
  const readAt = [...new Set(parts.flatMap((p) => p.at))];
  const problem: Problem = problemsOf(file, w.sheet);
  const headerOf = (key: string) => {
    const at = header.columns[key] ?? header.also?.columns[key];
    return at === undefined ? undefined : headerCells[at];
  };
  const targets = parts.map((p) => tableTarget(ctx, report, p.spec, { file, sheet: w.sheet, context, problem, headerOf }));
  const departments = new DepartmentCounts();
  const fileSemester = context.semester;

  // A number merged over several data rows is counted once, in its first row: say so.
  for (const m of w.mergedNumbers ?? []) {
    const column = normalisedHeader[m.left] ? headerCells[m.left] : null;
    if (m.bottom <= headerIndex || !column || !readAt.includes(m.left)) continue;
    report.warnings++;
    ctx.state.warnings.push({
      file, sheet: w.sheet, row: m.top + 1, table: spec.kind, column: cleanCell(column), code: 'MERGED_NUMBER',
      message: `第 ${m.top + 1}–${m.bottom + 1} 行的「${cleanCell(column)}」是一个合并单元格（${cleanCell(m.value)}），只计入第 ${m.top + 1} 行一次；如该数字分属各行，请取消合并并逐行填写。`,
    });
  }

  const rejectRow = (problems: RejectRecord[]) => {
    report.rejected++;
    ctx.state.rejects.push(...problems);
  };

  /** One kind's cells of a row as its fields, or the problems that reject the row. */
  const parse = (p: Columns, cells: string[], rowNumber: number): Record<string, unknown> | RejectRecord[] => {
    let problems: RejectRecord[] | null = null;
    for (let c = 0; c < p.values.length; c++) {
      let raw = cells[p.at[c]!] ?? '';
      // A blank 学期 cell takes the semester of the title or folder.
      if (c === p.semesterAt && fileSemester && isBlankCell(raw)) raw = fileSemester;
      const value = p.parsers[c]!(raw, p.labels[c]!);
      if (value instanceof Failure) (problems ??= []).push(problem(rowNumber, headerCells[p.at[c]!] ?? p.labels[c]!, raw, value.reject, value.message));
      else p.values[c] = value;
    }
    return problems ?? p.make(p.values);
  };
  const filled = (p: Columns, cells: readonly string[]) => p.present.some((c) => !isBlankCell(cells[p.at[c]!]));

  const row = (cells: string[], index: number): void => {
    if (index < headerIndex) return skip(isBlankRow(cells) ? 'blank' : 'title');
    if (index === headerIndex) return skip('header');
    const kind = classifyRow(cells, normalisedHeader);
    if (kind !== 'data') return skip(kind);

    const rowNumber = index + 1;
    // A template's unused rows (a pre-filled 序号 and nothing else) hold no data.
    let empty = true;
    for (let c = 0; c < readAt.length && empty; c++) empty = isBlankCell(cells[readAt[c]!]);
    if (empty) return skip('blank');
    const stray = unnamed(cells);
    if (stray >= 0)
      return rejectRow([
        problem(rowNumber, `第 ${stray + 1} 列（无表头）`, cells[stray]!, 'UNNAMED_CELL',
          `第 ${stray + 1} 列没有表头，却填了「${cleanCell(cells[stray]).slice(0, 20)}」。可能是未加引号的千分位数字（如 1,020 被拆成两格）或数据错位，请核对本行后重新报送。`),
      ]);

    if (!second) {
      // One table: the common case, kept to one parse and one target (this runs for every row).
      const fields = parse(primary, cells, rowNumber);
      if (Array.isArray(fields)) return rejectRow(fields);
      const prepared = targets[0]!.prepare(fields, rowNumber);
      if (Array.isArray(prepared)) return rejectRow(prepared);
      report.accepted++;
      departments.add(String(prepared.record.department));
      return targets[0]!.publish(prepared, rowNumber);
    }

    // Two tables: each part the row fills (the primary's when it fills neither) is parsed and
    // checked; the row is accepted when every part is, and rejected with all their problems.
    const ready: Array<Exclude<Prepared, RejectRecord[]> | null> = [];
    const problems: RejectRecord[] = [];
    for (let i = 0; i < parts.length; i++) {
      const p = parts[i]!;
      ready.push(null);
      if (!(filled(p, cells) || (i === 0 && !filled(second, cells)))) continue;
      const fields = parse(p, cells, rowNumber);
      const prepared = Array.isArray(fields) ? fields : targets[i]!.prepare(fields, rowNumber);
      if (Array.isArray(prepared)) problems.push(...prepared);
      else ready[i] = prepared;
    }
    if (problems.length > 0) return rejectRow(problems);
    report.accepted++;
    departments.add(String((ready[0] ?? ready[1])!.record.department));
    ready.forEach((prepared, i) => prepared && targets[i]!.publish(prepared, rowNumber));
  };
  return { kind: spec.kind, row, targets, departments, context };
}

/** When the sheet has been read: departments and published rows into the report, and the count of warnings not listed. */
export function finishTable(ctx: RunContext, report: SheetReport, table: SheetTable): void {
  finishTargets(ctx, report, table.targets, table.departments);
}

/**
 * A function building a row's fields object from the parsed values, keys in column order — as an
 * object literal, so that every row's object has the same shape (stored key by key, a million
 * rows' objects cost a fifth of the row loop). Keys come from the table specs, never from a file.
 */
const factories = new Map<string, (values: readonly unknown[]) => Record<string, unknown>>();
function recordFactory(keys: readonly string[]): (values: readonly unknown[]) => Record<string, unknown> {
  const id = keys.join('\u0000');
  let make = factories.get(id);
  if (!make) {
    make = new Function('v', `return { ${keys.map((k, i) => `${JSON.stringify(k)}: v[${i}]`).join(', ')} };`) as (values: readonly unknown[]) => Record<string, unknown>;
    factories.set(id, make);
  }
  return make;
}
