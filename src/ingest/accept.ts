/**
 * The last steps of every record, whichever layout it came from (a table row or a per-person
 * form): the sheet's context filled in (semester, department, role from the title, file name
 * or folder), the department's alias and the list of known departments, the kind's derived
 * columns and row checks, the columns that must hold a value, a person listed twice — then
 * accepted into its table, or rejected with every reason.
 */
import { semesterOfDate } from '../domain/calendar.ts';
import type { RejectCode, Role } from '../domain/cells.ts';
import { departmentContext, placeOf, roleContext, semesterContext, type DepartmentNames } from '../domain/context.ts';
import { parseDate } from '../domain/dates.ts';
import type { ActiveRules } from '../domain/rules.ts';
import { semesterLabel, type SemesterId } from '../domain/semester.ts';
import type { TableKind, TableSpec } from '../domain/tables/index.ts';
import { stripInvisible } from '../domain/invisible.ts';
import { nearestName } from '../domain/nearest.ts';
import { cleanCell, compactCell } from '../domain/text.ts';
import { UnreadableFileError } from './readers/types.ts';
import { WARNINGS_LISTED_PER_FILE, type IngestState, type RecordSink, type RejectRecord, type SheetReport } from './records.ts';

/** What the stages of one run share. */
export interface RunContext {
  rules: ActiveRules;
  sink: RecordSink;
  state: IngestState;
  /** First place each unique key was seen, to reject a second listing; `seenLog` lists the keys in the order added (for a rollback). */
  seen: Map<string, FirstListing>;
  seenLog: string[];
  /** Each second listing rejected, with the file of the first: two files listing the same people may be versions of one roster (files.ts). */
  repeats: Repeat[];
  names: DepartmentNames;
  onRows?: (file: string, rows: number) => void;
}

/** Where a person was first listed (a unique key): for the message, and the file. */
export interface FirstListing {
  place: string;
  file: string;
  sheet: string | null;
}

/** A row rejected as a second listing of a person first listed in `first`. */
export interface Repeat {
  file: string;
  sheet: string | null;
  department: string;
  period: string;
  first: { file: string; sheet: string | null };
  /** The person listed again (a version that lists them is compared by its people). */
  name?: string;
}

/** "角色：counselor 辅导员 / …" → "角色": the label as a clerk's header would say it. */
const shortLabel = (label: string) => label.split(/[（：(]/)[0]!;

/** The file (or sheet) as source_file names it: no tab, line break or other control character (invisible.ts) is published. */
export const provenanceFile = (file: string) => stripInvisible(file.replace(/[\t\r\n\v\f]/g, ' '));

/** What a sheet's records take from around the table when they have no column for it. */
export interface SheetContext {
  /** From the title or folder (for a blank 学期 cell too), or a form's date. */
  semester: SemesterId | null;
  /** Where that semester came from (a 学期 column naming another one is warned about). */
  semesterFrom: 'title' | 'folder' | 'form' | null;
  department: string | null;
  role: Role | null;
}

export interface ContextQuestion {
  spec: TableSpec;
  file: string;
  sheet: string | null;
  /** The title lines above the table (or form), as one text, and the row number of the first. */
  title: string;
  titleRow: number;
  /** Which of semester, department, role the table has a column for. */
  columns: { semester: boolean; department: boolean; role: boolean };
  /** A per-person form's own lines: its department (考核部门) and date. */
  form?: { department: string | null; date: string | null };
  /** The role the table itself implies (COMBINED). */
  impliedRole?: Role;
}

/**
 * The sheet's context, recorded in its report, or why the sheet cannot be read (an
 * UnreadableFileError: the sheet is set aside). One order of places for all three: a column,
 * the form's own line, the title, the file name, the folder (domain/context.ts).
 */
export function resolveContext(ctx: RunContext, report: SheetReport, q: ContextQuestion): SheetContext {
  const place = placeOf(q.file);
  const found = semesterContext(q.title, place);
  let semester = found.semester?.value ?? null;
  report.semester_source = q.columns.semester ? 'column' : (found.semester?.source as 'title' | 'folder' | undefined) ?? null;
  let semesterFrom: SheetContext['semesterFrom'] = (found.semester?.source as 'title' | 'folder' | undefined) ?? null;
  const formDate = q.form?.date ? parseDate(q.form.date) : null;
  if (!semester && formDate) {
    semester = semesterOfDate(formDate);
    semesterFrom = 'form';
    if (!q.columns.semester) report.semester_source = 'form';
  }
  report.semester = semester;
  if (found.conflict) {
    // A clerk reusing last term's file keeps its title: the title wins, but say so.
    report.warnings++;
    ctx.state.warnings.push({
      file: q.file, sheet: q.sheet, row: q.titleRow, table: q.spec.kind, column: null, code: 'SEMESTER_MISMATCH',
      message: `标题写的是${semesterLabel(found.conflict.title)}，文件却放在 ${found.conflict.folder} 文件夹中；已按标题计入${semesterLabel(found.conflict.title)}。如标题有误，请改正后重新报送。`,
    });
  }
  if (q.spec.needsSemester && !q.columns.semester && !semester)
    throw new UnreadableFileError('无法确定学期：表中没有“学期”列，标题行中没有写明学年学期，所在文件夹名也不是学期（如 2025-2026-1）。请补充其一。', 'NO_SEMESTER');

  let department: string | null = null;
  if (q.columns.department) report.department_source = 'column';
  else {
    const fromForm = q.form?.department ? (ctx.names.find(q.form.department) ?? compactCell(q.form.department)) : null;
    const fromPlace = fromForm ? null : departmentContext(q.title, place, ctx.names);
    department = fromForm ?? fromPlace?.value ?? null;
    report.department_source = fromForm ? 'form' : (fromPlace?.source ?? null);
    if (!department)
      throw new UnreadableFileError(
        '无法确定系部：表中没有“系部”列，标题、文件名和所在文件夹名中也没有系部名称。请在标题中写明系部（如“机电工程系……汇总表”），或把文件放进以系部命名的文件夹，再报送。',
        'NO_DEPARTMENT',
      );
  }

  // A blank 角色 cell takes the role the title, file name or folder names, as a table without the column does.
  // Only kinds with a role have one to look for.
  const role = q.spec.input.some((c) => c.key === 'role') ? roleContext(q.title, place, q.impliedRole ?? null) : null;
  report.role_source = q.columns.role ? 'column' : (role?.source ?? null);
  if (q.spec.needsRole && !q.columns.role && !role)
    throw new UnreadableFileError('无法确定人员角色：表中没有“角色”列，标题、文件名和文件夹名中也没有写明“辅导员”“班主任”或“助理”。请补充其一。', 'NO_ROLE');
  return { semester, semesterFrom, department, role: role?.value ?? null };
}

/** A problem with one cell of a row, as the rejects table records it. */
export type Problem = (row: number, column: string | null, raw: string | null, code: RejectCode, message: string) => RejectRecord;

export function problemsOf(file: string, sheet: string | null): Problem {
  return (row, column, raw, code, message) => ({
    file,
    sheet,
    row,
    column: column ? cleanCell(column) : null,
    value: raw === null ? null : cleanCell(raw),
    code,
    message,
  });
}

/** A record on its way into a table: checked, with its row warnings, or the problems that reject its row. */
export type Prepared = { record: Record<string, unknown>; warnings?: ReadonlyArray<{ code: string; column?: string; message: string }> } | RejectRecord[];

/** One sheet's way into one table. */
export interface TableTarget {
  kind: TableKind;
  /** Fields parsed from a row (or form) → the record to publish, or the problems that reject the row. */
  prepare(fields: Record<string, unknown>, rowNumber: number): Prepared;
  /** Publishes a prepared record: counts it, lists its warnings, appends it to the table. */
  publish(prepared: Exclude<Prepared, RejectRecord[]>, rowNumber: number): void;
  /** Row warnings of each code in this sheet; past the listed number they are only counted. */
  warningCounts: Record<string, number>;
  /** Records published. */
  rows: number;
  /** The semesters of the records published (a training record's year): which files may be versions of one export. */
  periods: Set<string>;
}

export interface TargetOptions {
  file: string;
  sheet: string | null;
  context: SheetContext;
  problem: Problem;
  /** The header cell a key was read from, for messages (else the column's label). */
  headerOf(key: string): string | undefined;
}

export function tableTarget(ctx: RunContext, report: SheetReport, spec: TableSpec, o: TargetOptions): TableTarget {
  const aliases = new Map(Object.entries(ctx.rules.department_aliases));
  const known = new Set(ctx.rules.departments);
  const deriveContext = { rules: ctx.rules, fileSemester: o.context.semester, titleRole: o.context.role };
  /** Published columns that must hold a value (provenance is always set). */
  const required = spec.output.filter((c) => !c.nullable && !c.name.startsWith('source_')).map((c) => c.name);
  const sourceFile = provenanceFile(o.file);
  const sourceSheet = o.sheet === null ? null : provenanceFile(o.sheet);
  const { problem } = o;
  const warningCounts: Record<string, number> = {};
  const missingRequired = firstMissing(required);
  let lastDepartment: string | undefined;
  let lastAliased = '';
  let lastKnown = true;

  const prepare = (fields: Record<string, unknown>, rowNumber: number): Prepared => {
    fields.semester ??= o.context.semester;
    fields.role ??= o.context.role;
    fields.department ??= o.context.department;
    const department = String(fields.department);
    // A sheet's rows hold the same few departments row after row: each is looked up once in a run of them.
    if (department !== lastDepartment) {
      lastDepartment = department;
      lastAliased = aliases.get(department) ?? department;
      lastKnown = known.size === 0 || known.has(lastAliased);
    }
    fields.department = lastAliased;
    if (!lastKnown) {
      const nearest = nearestName(department, ctx.rules.departments);
      return [
        problem(rowNumber, o.headerOf('department') ?? '系部', department, 'UNKNOWN_DEPARTMENT',
          `系部名称「${department}」不在本校系部名单中，${nearest ? `是否应为「${nearest}」？请改用规范名称` : `请改用规范名称（${[...known].slice(0, 4).join('、')}等）`}，或在规则配置的 department_aliases 中登记该别名。`),
      ];
    }

    const derived = spec.derive ? spec.derive(fields, deriveContext) : { ok: true as const, record: fields };
    if (!derived.ok) return [problem(rowNumber, derived.column, null, derived.code, derived.message)];
    const record = derived.record;
    record.source_file = sourceFile;
    record.source_sheet = sourceSheet;
    record.source_row = rowNumber;

    // A published column that must hold a value and has none (e.g. a blank 角色 with no role in
    // the title): the row is rejected here, naming the column, rather than failing the load.
    const missing = missingRequired(record);
    if (missing !== null) {
      const label = shortLabel(spec.output.find((out) => out.name === missing)!.label);
      return [problem(rowNumber, label, '', 'MISSING_VALUE', `「${label}」为空，请补填。`)];
    }

    if (spec.uniqueKey) {
      const key = `${spec.kind}\u0000${spec.uniqueKey.map((k) => String(record[k])).join('\u0000')}`;
      const first = ctx.seen.get(key);
      if (first) {
        ctx.repeats.push({ file: o.file, sheet: o.sheet, department: String(record.department), period: String(record.semester), first: { file: first.file, sheet: first.sheet }, name: String(record.name) });
        return [
          problem(rowNumber, o.headerOf('staff_id') ?? '工号', String(record.staff_id), 'DUPLICATE_PERSON',
            `工号 ${record.staff_id}（${record.name}）在 ${record.semester} 学期已登记于 ${first.place}，同一人只能登记一次（专兼职或系部不同时，请确认后保留一行）。`),
        ];
      }
      ctx.seen.set(key, { place: `${o.file} 第 ${rowNumber} 行（${record.department}，${record.employment === 'full_time' ? '专职' : '兼职'}）`, file: o.file, sheet: o.sheet });
      ctx.seenLog.push(key);
    }
    // The derived result itself goes on (an object fewer per row).
    return derived;
  };

  const publish = (prepared: Exclude<Prepared, RejectRecord[]>, rowNumber: number): void => {
    for (const w of prepared.warnings ?? []) {
      report.warnings++;
      const seen = (warningCounts[w.code] = (warningCounts[w.code] ?? 0) + 1);
      if (seen <= WARNINGS_LISTED_PER_FILE)
        ctx.state.warnings.push({ file: o.file, sheet: o.sheet, row: rowNumber, table: spec.kind, column: w.column ?? null, code: w.code, message: w.message });
    }
    target.rows++;
    const period = (prepared.record.semester ?? prepared.record.year) as string | number;
    if (period !== lastPeriod) target.periods.add(String((lastPeriod = period)));
    ctx.sink.append(spec.kind, prepared.record);
  };

  let lastPeriod: string | number | undefined;
  const target: TableTarget = { kind: spec.kind, prepare, publish, warningCounts, rows: 0, periods: new Set() };
  return target;
}

/** Accepted rows per department, in the order first seen (a row counts once, whichever tables it went to). */
export class DepartmentCounts {
  readonly counts = new Map<string, { n: number }>();
  private last: string | null = null;
  private lastCount: { n: number } | undefined;

  add(name: string, n = 1): void {
    if (name !== this.last) {
      this.last = name;
      this.lastCount = this.counts.get(name);
      if (!this.lastCount) this.counts.set(name, (this.lastCount = { n: 0 }));
    }
    this.lastCount!.n += n;
  }
}

/** When a sheet has been read: its departments and published rows into the report, and the count of warnings not listed. */
export function finishTargets(ctx: RunContext, report: SheetReport, targets: readonly TableTarget[], departments: DepartmentCounts): void {
  for (const [name, count] of departments.counts) {
    // A data property: a department called "__proto__" must be a key, not the object's prototype.
    Object.defineProperty(report.departments, name, { value: count.n, enumerable: true, writable: true, configurable: true });
    ctx.names.add(name);
  }
  for (const target of targets) {
    report.published[target.kind] = target.rows;
    for (const period of target.periods) if (!report.periods.includes(period)) report.periods.push(period);
    for (const [code, n] of Object.entries(target.warningCounts))
      if (n > WARNINGS_LISTED_PER_FILE)
        ctx.state.warnings.push({ file: report.file, sheet: report.sheet, row: null, table: target.kind, column: null, code, message: `同类问题另有 ${n - WARNINGS_LISTED_PER_FILE} 处，未逐条列出；请先核对上面列出的行。` });
  }
}

/**
 * A function naming the first of `names` a record holds no value for (null or undefined), or
 * null: each read by its name written out (record[name] in a loop over the names is a lookup by
 * a key not known in advance, per row and column). The names come from the data dictionary.
 */
const missingCheckers = new Map<string, (record: Record<string, unknown>) => string | null>();
function firstMissing(names: readonly string[]): (record: Record<string, unknown>) => string | null {
  const id = names.join('\u0000');
  let check = missingCheckers.get(id);
  if (!check) {
    const tests = names.map((name) => `if (r[${JSON.stringify(name)}] === null || r[${JSON.stringify(name)}] === undefined) return ${JSON.stringify(name)};`);
    check = new Function('r', `${tests.join('\n')}\nreturn null;`) as (record: Record<string, unknown>) => string | null;
    missingCheckers.set(id, check);
  }
  return check;
}
