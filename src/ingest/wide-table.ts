/**
 * The wide-table layout: a header row, then one record per row. Everything decided once per
 * sheet from its header and title lines (which kind, which columns, the context), then a
 * handler for each row from the top of the sheet on: title, header, blank, total, footer or
 * repeated header rows are skipped; a data row is parsed and accepted or rejected (accept.ts).
 * A header fitting two kinds that are one table (COMBINED) sends each row to both. A header
 * repeated further down in another order re-maps the columns of the rows under it; one naming
 * another kind's columns stops the sheet.
 */
import { Failure } from '../domain/cells.ts';
import { classifyRow, columnLetter, findHeader, headerWords, normaliseHeaderRow, partsNamed, type HeaderMatch, type SkipReason } from '../domain/layout.ts';
import { COMBINED, TABLES, isPersonalColumn, type InputColumn, type TableKind, type TableSpec } from '../domain/tables/index.ts';
import { filledOnIn } from '../domain/versions.ts';
import type { KindEvidence } from '../domain/kind-evidence.ts';
import { cleanCell, isBlankCell, isBlankRow, parseCount } from '../domain/text.ts';
import { DepartmentCounts, finishTargets, problemsOf, resolveContext, tableTarget, type Prepared, type Problem, type RunContext, type SheetContext, type TableTarget } from './accept.ts';
import type { MergedRange } from './readers/types.ts';
import { UnreadableFileError } from './readers/types.ts';
import type { RejectRecord, SheetReport } from './records.ts';
import { addRow, emptyNotes, noteWarnings, tally, type SheetNotes } from './sheet-notes.ts';

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
  /** What the rows showed that is a warning for the sheet as a whole (sheet-notes.ts). */
  notes: SheetNotes;
  /** The header row's cells (the last one, if the header was repeated in another order). */
  headerCells(): readonly string[];
  /** Whether a repeated header re-mapped the columns (then a tail read meanwhile with the first header is read again). */
  remapped: boolean;
}

/** Headings of columns that hold no figures of their own: not read, and not worth a warning. */
const NOT_DATA_HEADING = /^(序号|编号|备注|说明|合计|小计|总计|共计)$/;

/** How many columns, as a sentence says it: 两列, 三列… */
const COUNT_WORDS: Readonly<Record<number, string>> = { 2: '两', 3: '三', 4: '四', 5: '五', 6: '六' };

/** Excel's day serials in a 1904 workbook are 1462 days behind the 1900 system's. */
const DAYS_1900_TO_1904 = 1462;
const SERIAL = /^\d{5}(\.0+)?$/;
/** Full-width Latin letters and digits (ＩＴ学院): folded by cleanCell, so a second spelling of a name. */
const FULL_WIDTH_NAME = /[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]/;

/** The columns one kind reads in this sheet, as parallel arrays (this runs once per row): key, sheet column, parser, label. */
interface Columns {
  spec: TableSpec;
  keys: string[];
  at: number[];
  /** For a key filled from several columns (joined), all of them; else null. */
  joinAt: Array<number[] | null>;
  /** Whether those columns are the parts of an additive field (在校生人数 under 男 | 女), added up rather than joined. */
  sums: boolean[];
  parsers: InputColumn['parse'][];
  labels: string[];
  /** What each cell holds, where that changes the reading: dates and scores. */
  values: Array<InputColumn['value'] | undefined>;
  make: (values: readonly unknown[]) => Record<string, unknown>;
  fields: unknown[];
  semesterAt: number;
  departmentAt: number;
  /** Columns read from one cell by their parser alone (no joining, no context, no note): most of them, on every row. */
  plain: boolean[];
  /**
   * Per plain column, the last cell text parsed and its value (a text, number or null): a
   * column's parser is a function of the cell's text (cells.ts), and a column often repeats the
   * cell above it (a person's name, 工号 and 系部 on each of their weeks, the role on every row).
   */
  lastRaw: Array<string | undefined>;
  lastValue: unknown[];
  /** Columns whose filling makes the row this kind's (COMBINED), as indexes into `at`. */
  present: number[];
}

function columnsOf(spec: TableSpec, found: Record<string, number>, joined: Record<string, number[]>, presentKeys: readonly string[] = []): Columns {
  const columns = spec.input.filter((c) => c.key in found);
  const keys = columns.map((c) => c.key);
  const semesterAt = keys.indexOf('semester');
  const departmentAt = keys.indexOf('department');
  return {
    spec,
    keys,
    at: columns.map((c) => found[c.key]!),
    joinAt: columns.map((c) => joined[c.key] ?? null),
    sums: columns.map((c) => c.additive === true && c.key in joined),
    parsers: columns.map((c) => c.parse),
    labels: columns.map((c) => c.label),
    values: columns.map((c) => c.value),
    make: recordFactory(keys),
    fields: new Array(columns.length),
    semesterAt,
    departmentAt,
    lastRaw: columns.map(() => undefined),
    lastValue: columns.map(() => null),
    plain: columns.map((c, i) => (joined[c.key] ?? null) === null && i !== semesterAt && i !== departmentAt && c.value !== 'date' && c.value !== 'score'),
    present: keys.flatMap((k, i) => (presentKeys.includes(k) ? [i] : [])),
  };
}

export interface WideSheet {
  file: string;
  sheet: string | null;
  header: HeaderMatch;
  /** What besides the header tells the kind (sheet and file name, a rules.json mapping): a header repeated below is matched with it too. */
  evidence?: KindEvidence;
  /** The rows the header was found in (from the first non-blank one), and the index of the first. */
  top: string[][];
  topStart: number;
  /** Merged ranges of the sheet (workbooks): a header cell merged across columns is a two-row header; a merged number gets a warning. */
  merges?: readonly MergedRange[];
  mergedNumbers?: ReadonlyArray<MergedRange & { value: string }>;
  /** Gives a merged number to every row under it (merges.ts), for a field that is an attribute of each row. */
  fillNumber?: (m: MergedRange & { value: string }) => number;
  /** Rows and columns Excel hides (from 0): hidden rows are read and counted in a warning; a hidden column never wins over a visible one. */
  hiddenRows?: ReadonlySet<number>;
  hiddenColumns?: ReadonlySet<number>;
  /** The workbook counts days from 1904: a bare serial in a date column is read so. */
  date1904?: boolean;
}

/** The sheet's column layout from a header row: what each kind reads, and what no column reads. */
interface Layout {
  headerCells: readonly string[];
  normalised: string[];
  words: Set<string>;
  parts: Columns[];
  readAt: number[];
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
  report.columns = [...Object.keys(header.columns), ...(header.also ? Object.keys(header.also.columns) : [])];

  const firstHeader = top[header.row]!;
  /** A cell holding something under no header (or past the last one) is data no column reads. */
  const unnamedIn = (cells: readonly string[], normalised: readonly string[]) => {
    for (let i = 0; i < cells.length; i++) if (!normalised[i] && cells[i] !== '' && cleanCell(cells[i]) !== '') return i;
    return -1;
  };
  const subHeader = top[header.row + 1];
  const textOnly = (cells: readonly string[]) => cells.every((c) => cleanCell(c) === '' || !/\d/.test(c));
  // A header cell merged across columns with text under it: the columns' names are in the next row.
  const mergedAcross = (w.merges ?? []).some((m) => m.top <= headerIndex && m.bottom === headerIndex && m.right > m.left && subHeader && subHeader.slice(m.left, m.right + 1).filter((c) => cleanCell(c)).length > 1);
  if (subHeader && textOnly(subHeader) && (unnamedIn(subHeader, normaliseHeaderRow(firstHeader)) >= 0 || mergedAcross)) throw multiRowHeader(headerIndex, subHeader);

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

  const layoutOf = (cells: readonly string[], match: HeaderMatch): Layout => {
    const parts = [columnsOf(spec, match.columns, match.joined, combined?.kindKeys)];
    if (match.also) parts.push(columnsOf(TABLES[match.also.kind], match.also.columns, match.also.joined, combined?.alsoKeys));
    return {
      headerCells: cells,
      normalised: normaliseHeaderRow(cells),
      words: headerWords(cells),
      parts,
      readAt: [...new Set(parts.flatMap((p) => [...p.at, ...p.joinAt.flatMap((j) => j ?? [])]))],
    };
  };
  let layout = layoutOf(firstHeader, header);
  let remapped = false;

  // A column no field reads is said, every time (on 数据质量 and in the return list): its figures
  // are not counted. Not 序号, 备注 or a total, nor a personal column (never read, by design).
  // Said once, by the thread that read the head (a worker reading the tail knows the context).
  if (!known)
    firstHeader.forEach((raw, i) => {
      const heading = cleanCell(raw);
      if (!heading || layout.readAt.includes(i) || NOT_DATA_HEADING.test(normaliseHeaderRow([raw])[0]!) || isPersonalColumn(raw)) return;
      if (header.hiddenPassedOver.some((h) => h.hidden === i)) return; // said by its own warning

      report.warnings++;
      ctx.state.warnings.push({
        file, sheet: w.sheet, row: headerIndex + 1, table: spec.kind, column: heading, code: 'COLUMN_NOT_READ',
        message: `「${heading}」列（第 ${columnLetter(i)} 列）不是「${spec.label}」的任何一项，未导入，其中的数字不计入统计。如需统计，请改用规范的列名（可下载模板对照），或在 rules.json 的 file_kinds 中登记该列对应的项。`,
      });
    });

  // A quantity read as the sum of its parts (在校生人数 under 男 | 女) is said, every time.
  if (!known)
    for (const p of layout.parts)
      p.sums.forEach((summed, c) => {
        if (!summed) return;
        const at = p.joinAt[c]!;
        const parts = partsNamed(at.map((i) => firstHeader[i] ?? '')) ?? [];
        report.warnings++;
        ctx.state.warnings.push({
          file, sheet: w.sheet, row: headerIndex + 1, table: p.spec.kind, column: p.labels[c]!, code: 'PARTS_SUMMED',
          message: `${p.labels[c]}按${parts.join('、')}${COUNT_WORDS[at.length] ?? at.length}列相加计入（第 ${at.map(columnLetter).join('、')} 列）。如这几列并非全部${p.labels[c]}的划分（如“其中：少数民族”），请改为一列合计后重新报送。`,
        });
      });

  const problem: Problem = problemsOf(file, w.sheet);
  const headerOf = (key: string) => {
    const at = header.columns[key] ?? header.also?.columns[key];
    return at === undefined ? undefined : layout.headerCells[at];
  };
  const targets = layout.parts.map((p) => tableTarget(ctx, report, p.spec, { file, sheet: w.sheet, context, problem, headerOf }));
  const departments = new DepartmentCounts();
  const fileSemester = context.semester;
  const notes = emptyNotes();
  const hiddenRows = w.hiddenRows && w.hiddenRows.size > 0 ? w.hiddenRows : null;

  // A number merged over several data rows: an attribute of each row (a course's 学时) is given
  // to every row under it; any other is counted once, in its first row, and it is said so.
  for (const m of w.mergedNumbers ?? []) {
    const column = layout.normalised[m.left] ? firstHeader[m.left] : null;
    if (m.bottom <= headerIndex || !column || !layout.readAt.includes(m.left)) continue;
    const field = layout.parts.map((p) => p.spec.input.find((c) => p.at[p.keys.indexOf(c.key)] === m.left)).find(Boolean);
    if (field?.merged === 'fill' && w.fillNumber) {
      report.merged_cells_filled += w.fillNumber(m);
      continue;
    }
    report.warnings++;
    ctx.state.warnings.push({
      file, sheet: w.sheet, row: m.top + 1, table: spec.kind, column: cleanCell(column), code: 'MERGED_NUMBER',
      message: `第 ${m.top + 1}–${m.bottom + 1} 行的「${cleanCell(column)}」是一个合并单元格（${cleanCell(m.value)}），只计入第 ${m.top + 1} 行一次；如该数字分属各行，请取消合并并逐行填写。`,
    });
  }

  /** A header again under the data: the same kind's columns in another order re-map the rows after it; anything else stops the sheet. */
  const headerAgain = (cells: string[], rowNumber: number): void => {
    const again = findHeader([cells], w.hiddenColumns, w.evidence);
    if (again.ok && again.kind === header.kind && (again.also?.kind ?? null) === (header.also?.kind ?? null)) {
      layout = layoutOf(cells, again);
      remapped = true;
      return skip('header_repeat');
    }
    const named = cells.map((c) => cleanCell(c)).filter(Boolean);
    const before = layout.headerCells.map((c) => cleanCell(c)).filter(Boolean);
    const other = named.filter((c) => !before.includes(c));
    throw new UnreadableFileError(
      `第 ${rowNumber} 行又是一行表头（${named.join('、')}），但它的列与第 ${headerIndex + 1} 行的表头不同${other.length ? `（多出${other.map((c) => `「${c}」`).join('')}）` : ''}，其下的行无法按原表头读取。请把两部分分开保存为两个文件，或把两部分的列对齐、删去重复的表头后重新报送。`,
      'HEADER_CHANGED',
    );
  };

  const rejectRow = (problems: RejectRecord[]) => {
    report.rejected++;
    ctx.state.rejects.push(...problems);
  };

  /** A cell its column's parser refused: the message names the column as the clerk's header does (培训时间, not the field's 日期). */
  const failedCell = (p: Columns, c: number, raw: string, value: Failure, rowNumber: number): RejectRecord => {
    const shown = cleanCell(layout.headerCells[p.at[c]!]) || p.labels[c]!;
    const message = shown === p.labels[c] ? value.message : value.message.replaceAll(`「${p.labels[c]}」`, `「${shown}」`);
    return problem(rowNumber, layout.headerCells[p.at[c]!] ?? p.labels[c]!, raw, value.reject, message);
  };

  /** One kind's cells of a row as its fields, or the problems that reject the row. */
  const parse = (p: Columns, cells: string[], rowNumber: number): Record<string, unknown> | RejectRecord[] => {
    let problems: RejectRecord[] | null = null;
    const { at, parsers, labels, plain, fields, lastRaw, lastValue } = p;
    for (let c = 0; c < fields.length; c++) {
      if (plain[c]) {
        const raw = cells[at[c]!] ?? '';
        if (raw === lastRaw[c]) {
          fields[c] = lastValue[c];
          continue;
        }
        const value = parsers[c]!(raw, labels[c]!);
        if (value instanceof Failure) {
          (problems ??= []).push(failedCell(p, c, raw, value, rowNumber));
          continue;
        }
        fields[c] = value;
        // An object (an activity read from its name) is not shared between rows.
        if (typeof value !== 'object' || value === null) {
          lastRaw[c] = raw;
          lastValue[c] = value;
        }
        continue;
      }
      const joined = p.joinAt[c];
      let raw = joined ? (p.sums[c] ? sumParts(cells, joined, layout.headerCells, p.labels[c]!) : joinCells(cells, joined)) : (cells[p.at[c]!] ?? '');
      if (typeof raw !== 'string') {
        (problems ??= []).push(problem(rowNumber, layout.headerCells[raw.at] ?? p.labels[c]!, cells[raw.at] ?? '', raw.failure.reject, raw.failure.message));
        continue;
      }
      // A blank 学期 cell takes the semester of the title or folder.
      if (c === p.semesterAt && fileSemester && isBlankCell(raw)) raw = fileSemester;
      const kind = p.values[c];
      if (kind === 'date' && w.date1904 && SERIAL.test(raw)) raw = String(Number(raw) + DAYS_1900_TO_1904);
      const value = p.parsers[c]!(raw, p.labels[c]!);
      if (value instanceof Failure) {
        (problems ??= []).push(failedCell(p, c, raw, value, rowNumber));
        continue;
      }
      p.fields[c] = value;
      if (c === p.semesterAt && fileSemester && value !== fileSemester)
        if (!notes.semester) notes.semester = { value: String(value), first: rowNumber, count: 1 };
        else if (notes.semester.value === value) notes.semester.count++;
      if (c === p.departmentAt && value !== raw && FULL_WIDTH_NAME.test(raw))
        tally(notes.departments, (d) => d.raw === raw.trim(), () => ({ raw: raw.trim(), value: String(value), first: rowNumber }));
      if (kind === 'score' && value !== null && raw.endsWith('%'))
        tally(notes.percents, (n) => n.column === p.labels[c], () => ({ column: cleanCell(layout.headerCells[p.at[c]!]) || p.labels[c]!, raw: cleanCell(raw), first: rowNumber }));
    }
    return problems ?? p.make(p.fields);
  };
  const filled = (p: Columns, cells: readonly string[]) => p.present.some((c) => !isBlankCell(cells[p.at[c]!]));

  const row = (cells: string[], index: number): void => {
    if (index < headerIndex) {
      if (isBlankRow(cells)) return skip('blank');
      report.filled_on ??= filledOnIn(cells);
      return skip('title');
    }
    if (index === headerIndex) return skip('header');
    const kind = classifyRow(cells, layout.normalised, layout.words);
    if (kind === 'header_like') return headerAgain(cells, index + 1);
    if (kind !== 'data') {
      // 填报日期：… in a footer dates the return (which of two versions is the later one).
      if (kind === 'footer') report.filled_on ??= filledOnIn(cells);
      return skip(kind);
    }

    const rowNumber = index + 1;
    const { parts, readAt } = layout;
    // A template's unused rows (a pre-filled 序号 and nothing else) hold no data.
    let empty = true;
    for (let c = 0; c < readAt.length && empty; c++) empty = isBlankCell(cells[readAt[c]!]);
    if (empty) return skip('blank');
    if (hiddenRows?.has(index)) addRow(notes.hiddenRows, rowNumber);
    const stray = unnamedIn(cells, layout.normalised);
    if (stray >= 0)
      return rejectRow([
        problem(rowNumber, `第 ${columnLetter(stray)} 列（无表头）`, cells[stray]!, 'UNNAMED_CELL',
          `第 ${columnLetter(stray)} 列没有表头，却填了「${cleanCell(cells[stray]).slice(0, 20)}」。可能是未加引号的千分位数字（如 1,020 被拆成两格）或数据错位，请核对本行后重新报送。`),
      ]);

    if (parts.length === 1) {
      // One table: the common case, kept to one parse and one target (this runs for every row).
      const fields = parse(parts[0]!, cells, rowNumber);
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
      if (!(filled(p, cells) || (i === 0 && !filled(parts[1]!, cells)))) continue;
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
  return {
    kind: spec.kind,
    row,
    targets,
    departments,
    context,
    notes,
    headerCells: () => layout.headerCells,
    get remapped() {
      return remapped;
    },
  };
}

/** A header whose columns' names are in the row under it (a cell merged across them above). */
export function multiRowHeader(headerIndex: number, subHeader: readonly string[]): UnreadableFileError {
  return new UnreadableFileError(
    `表头似乎有两行（第 ${headerIndex + 2} 行“${subHeader.filter((c) => cleanCell(c)).join('、')}”是下一级表头），或用了合并单元格，两行无法对应成一行。请把表头整理成一行后重新报送（人数分列的，只有男、女，层次或年级这样的划分才按各列相加；其余请只写一列合计）。`,
    'MULTI_ROW_HEADER',
  );
}

/**
 * The parts of an additive field (在校生人数 under 男 | 女) added up, as text; blank when every part is.
 * A part blank beside filled ones, or not a count, leaves no sum: absence is never a zero.
 */
function sumParts(cells: readonly string[], at: readonly number[], header: readonly string[], label: string): string | { at: number; failure: Failure } {
  let total = 0;
  const blank: number[] = [];
  for (const i of at) {
    const raw = cells[i] ?? '';
    if (isBlankCell(raw)) {
      blank.push(i);
      continue;
    }
    const n = parseCount(raw);
    if (n === null)
      return { at: i, failure: new Failure('NOT_A_COUNT', `「${cleanCell(header[i])}」应为不小于0的整数，实际为「${cleanCell(raw)}」；${label}按各列相加，本行无法相加，请改为数字。`) };
    total += n;
  }
  if (blank.length === at.length) return '';
  if (blank.length > 0)
    return { at: blank[0]!, failure: new Failure('MISSING_VALUE', `${blank.map((i) => `「${cleanCell(header[i])}」`).join('')}为空：${label}按各列相加，缺一列无法相加，请补填（没有的填 0）。`) };
  return String(total);
}

/** The cells of a joined field (年级 and 层次), as one text: the filled ones, cleaned, in header order. */
function joinCells(cells: readonly string[], at: readonly number[]): string {
  let text = '';
  for (const i of at) {
    const cell = cleanCell(cells[i]);
    if (cell) text = text ? `${text} ${cell}` : cell;
  }
  return text;
}

/** When the sheet has been read: departments and published rows into the report, the sheet's notes as warnings, and the count of warnings not listed. */
export function finishTable(ctx: RunContext, report: SheetReport, table: SheetTable): void {
  finishTargets(ctx, report, table.targets, table.departments);
  const from = table.context.semesterFrom;
  const warnings = noteWarnings(
    { file: report.file, sheet: report.sheet, table: table.kind, header: table.headerCells(), semesterFrom: from && table.context.semester ? { semester: table.context.semester, source: from } : null },
    table.notes,
  );
  report.warnings += warnings.length;
  ctx.state.warnings.push(...warnings);
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
