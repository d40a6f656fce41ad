/**
 * One ingest run: take the output folder's lock, list the input files, stream them through the
 * pipeline into the staging tables; if some sheets turn out to be versions of one export, decide
 * which is read and read the files again without the others; run the cross-checks, write
 * Parquet + manifest.json into a fresh folder, then swap it in for the old output, so that a
 * failed or killed run leaves the previous output as it was. Every exit path removes what the
 * run made in the temporary folders; a killed run's are removed by the next run.
 */
import { createHash } from 'node:crypto';
import { existsSync, rmSync } from 'node:fs';
import { mkdir, open, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { hashFile } from '../io/file-digest.ts';
import { dirname, join, resolve, sep } from 'node:path';
import { layRules, parseRules, type ActiveRules } from '../domain/rules.ts';
import { fieldOf } from '../domain/layout.ts';
import { REJECTS_OUTPUT, TABLES, TABLE_KINDS, WARNINGS_OUTPUT, type TableKind } from '../domain/tables/index.ts';
import { writeParquet } from '../io/parquet.ts';
import { checklistDepartments, EXPORT_NAMES, exportKindOf } from '../collection/checklist.ts';
import { columnMissingRows, COVERAGE_OUTPUT, coverageRows, type CoverageRow } from '../collection/coverage.ts';
import { buildReturnLists } from '../collection/return-list.ts';
import { writeReturnLists, type ReturnListEntry } from '../collection/write-returns.ts';
import { runCrossChecks } from './checks.ts';
import { naming } from './faults.ts';
import { folderDepartmentWarnings, schoolDepartments, unknownDepartmentWarnings } from './folder-departments.ts';
import { LOCAL_RULES_FILE, listInputs, type NotRead } from './inputs.ts';
import { lockOutput } from './lock.ts';
import { MANIFEST_FORMAT } from './manifest-file.ts';
import { freshFolderFor, recoverInterruptedRun, swapIn } from '../io/output-swap.ts';
import { createIngest } from './pipeline.ts';
import { DEFAULT_LIMITS, UnreadableFileError } from './readers/types.ts';
import { emptyReport, IngestError, type SheetReport, type WarningRecord } from './records.ts';
import { Staging } from './staging.ts';
import { decideFileVersions, sheetKey, type VersionDecision } from './versions.ts';

export { LOCAL_RULES_FILE } from './inputs.ts';

export { MANIFEST_FORMAT } from './manifest-file.ts';
export const DEFAULT_RULES_PATH = 'data/rules.json';

export interface Manifest {
  format: number;
  rules: ActiveRules;
  /** The settings files read, the defaults first, then the input folder's own (laid over them). */
  rules_files: string[];
  /** SHA-256 over every input file's path and bytes: tells which inputs made this output. */
  input_digest: string;
  tables: Record<TableKind | 'rejects' | 'warnings' | 'coverage', { file: string; rows: number }>;
  /** What every figure rests on: per semester × department × export its status, and the fields a form lacked (src/collection/coverage.ts). */
  coverage: CoverageRow[];
  semesters: string[];
  departments: string[];
  /**
   * `set_aside`: files and sheets not read (quarantine.ts); `superseded`: sheets not read because
   * another version of them is (versions.ts); `not_read`: files in the input folder that are not
   * exports (other formats, links outside it): none of them counted in the others.
   */
  totals: { files: number; set_aside: number; superseded: number; not_read: number; read: number; accepted: number; rejected: number; skipped: number; warnings: number };
  files: SheetReport[];
  /** Files in the input folder not read, and why. */
  not_read: NotRead[];
  /** The return lists written (returns/<department>.xlsx): what each department is to fix or send. */
  returns: ReturnListEntry[];
}

export interface IngestOptions {
  input: string;
  out: string;
  /** The rules file; data/rules.json by default. A rules.json in the input folder is laid over it. */
  rulesPath?: string;
  /** Stop at the first file that cannot be read or understood (as an IngestError), instead of setting it aside. */
  strict?: boolean;
  onFile?: (index: number, total: number, path: string, reports: SheetReport[]) => void;
  /** Called every 100,000 rows of a long file. */
  onRows?: (path: string, rows: number) => void;
  /** Said when the run does something a clerk watching should know (reading the files again). */
  onNotice?: (message: string) => void;
  /** CSV files from this many bytes on are read in two halves at once (8 MB by default; Infinity: never). */
  splitBytes?: number;
  /** Files larger than this are set aside unread (DEFAULT_LIMITS.maxFileBytes). */
  maxFileBytes?: number;
  /** Workbooks unpacking to more than this are set aside unread (DEFAULT_LIMITS.maxWorkbookBytes). */
  maxWorkbookBytes?: number;
  /** Where the staging folder is made (the system's temporary folder by default). */
  tempDir?: string;
}

const toPosix = (path: string) => path.split(sep).join('/');

/** What the runs in progress would leave behind, removed synchronously when the process is told to stop (abortIngests): the database is left to the exit. */
const inProgress = new Set<() => void>();

/** Removes what every run in progress made (staging folder, half-written output, lock): for a signal handler, before exiting. */
export function abortIngests(): void {
  for (const cleanup of [...inProgress]) {
    try {
      cleanup();
    } catch {
      // best effort: the next run clears what is left
    }
  }
  inProgress.clear();
}

/** A file's day in the local calendar (the clerk's), YYYY-MM-DD. */
const localDay = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

async function readJson(path: string): Promise<unknown> {
  if (!existsSync(path)) throw new IngestError(path, '找不到规则配置文件。项目自带的默认设置 data/rules.json 不应删除或移动，请从项目的原始副本恢复；本校设置写在报表文件夹的 rules.json 中（npm run setup，见 docs/本校设置.md）。');
  try {
    return JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new IngestError(path, `规则配置文件不是合法的 JSON：${(error as Error).message}`);
  }
}

/**
 * The rules: the defaults (data/rules.json: policy values with their sources, no institution's
 * own names), with an institution's own settings laid over them — a rules.json holding only what
 * differs (its department aliases, its calendar…), e.g. beside its exports.
 */
export async function loadRules(path = DEFAULT_RULES_PATH, overlay?: string): Promise<ActiveRules> {
  const json = overlay ? layRules(await readJson(path), await readJson(overlay)) : await readJson(path);
  const parsed = parseRules(json);
  // The exports every department is to send are named as the rules file's author knows them: each must be a kind.
  const errors = parsed.ok
    ? [
        ...parsed.rules.expected_exports.flatMap((name, i) => (exportKindOf(name) ? [] : [`字段 expected_exports.${i}：「${name}」不是可识别的报表，可写：${EXPORT_NAMES.join('、')}`])),
        ...fileKindErrors(parsed.rules.file_kinds),
      ]
    : parsed.errors;
  if (!parsed.ok || errors.length) throw new IngestError(overlay ? `${path} + ${overlay}` : path, `规则配置有误：\n  ${errors.join('\n  ')}`);
  return parsed.rules;
}

/** Each file_kinds entry names a kind, and fields that kind has. */
function fileKindErrors(entries: ActiveRules['file_kinds']): string[] {
  return entries.flatMap((entry, i) => {
    const kind = exportKindOf(entry.kind);
    if (!kind) return [`字段 file_kinds.${i}.kind：「${entry.kind}」不是可识别的报表，可写：${EXPORT_NAMES.join('、')}`];
    return Object.entries(entry.columns).flatMap(([heading, field]) =>
      fieldOf(TABLES[kind], field) ? [] : [`字段 file_kinds.${i}.columns.${heading}：「${TABLES[kind].label}」没有「${field}」这一项，可写：${TABLES[kind].input.map((c) => c.label).join('、')}`],
    );
  });
}

/** The settings files a run over `input` reads: the defaults (or the one given), then the folder's own rules.json if it has one. */
export function rulesFilesFor(input: string, rulesPath = DEFAULT_RULES_PATH): string[] {
  const local = join(input, LOCAL_RULES_FILE);
  return existsSync(local) && resolve(local) !== resolve(rulesPath) ? [rulesPath, local] : [rulesPath];
}

const megabytes = (n: number) => `${Math.round(n / 2 ** 20)} MB`;

/** Sheets a reading does not read, by file, with the reports they get instead; `whole`: the file has no other sheet to read. */
type Given = Map<string, { reports: Map<string | null, SheetReport>; whole: boolean }>;

/** One reading of the input files (a second one leaves out the versions not read). */
async function readFiles(
  options: IngestOptions,
  input: string,
  files: readonly string[],
  rules: ActiveRules,
  staging: Staging,
  folder: string,
  instead: (ingest: ReturnType<typeof createIngest>) => Given,
  digest: ReturnType<typeof createHash> | null,
) {
  const maxFileBytes = options.maxFileBytes ?? DEFAULT_LIMITS.maxFileBytes;
  const ingest = createIngest(rules, staging, { onRows: options.onRows, splitBytes: options.splitBytes, strict: options.strict, maxWorkbookBytes: options.maxWorkbookBytes });
  const given = instead(ingest);
  for (const [i, file] of files.entries()) {
    const path = join(input, file);
    const skip = given.get(file);
    let reports: SheetReport[];
    const { size, mtime } = await stat(path);
    if (skip?.whole) {
      reports = [...skip.reports.values()];
      ingest.addReports(reports);
    } else if (size > maxFileBytes) {
      reports = [ingest.setAsideFile(file, new UnreadableFileError(`文件太大（${megabytes(size)}），超过单个文件的上限 ${megabytes(maxFileBytes)}，未读取。请确认是要报送的数据，按系部、学期或月份拆分成多个文件后报送；确需一次导入时，导入命令加上 --max-file-mb 和更大的上限（单位 MB，如 --max-file-mb ${Math.ceil(size / 2 ** 20 / 100) * 100}）。`, 'FILE_TOO_LARGE'))];
    } else {
      // The file is read a part at a time as its rows are (text) or whole (a workbook): here it is only opened, and hashed.
      let readable = true;
      try {
        await (await open(path, 'r')).close();
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code !== 'EACCES' && code !== 'EPERM') throw error;
        readable = false;
      }
      if (!readable) reports = [ingest.setAsideFile(file, new UnreadableFileError('无法读取此文件：没有读取权限。请让管理员开放该文件的读取权限（或重新复制一份），再导入。', 'NO_PERMISSION'))];
      else {
        // Hashed as it is read, not before: the hash's parts are taken while this thread waits
        // (for the worker reading a large CSV's second half), not before either thread starts
        // (0.75 s of a 622 MB file). The files are still hashed one after the other, in order.
        const hashed = digest ? hashFile(path, digest.update(file).update('\0')).then((d) => void d.update('\0')) : null;
        hashed?.catch(() => {}); // awaited below; unhandled only if the reading fails first
        reports = await ingest.addFile({ path, size }, file, skip?.reports);
        await hashed;
      }
    }
    // The day it was last saved: when the department sent it (the 报送 checklist).
    for (const report of reports) report.file_date = localDay(mtime);
    options.onFile?.(i + 1, files.length, file, reports);
  }
  await staging.finish(folder);
  return ingest;
}

/** The reports a second reading gives the sheets it does not read: superseded, or set aside with the other versions. */
function versionReports(decision: VersionDecision, first: readonly SheetReport[], ingest: ReturnType<typeof createIngest>): Given {
  const given: Given = new Map();
  for (const r of first) {
    const key = sheetKey(r.file, r.sheet);
    const superseded = decision.superseded.get(key);
    const conflicting = decision.conflicting.get(key);
    if (!superseded && !conflicting) continue;
    let report: SheetReport;
    if (superseded) {
      const { kind, semester, ...entry } = superseded;
      report = { ...emptyReport(r.file, r.sheet, r.encoding), kind, also: r.also, layout: r.layout, semester, semester_source: r.semester_source, filled_on: r.filled_on, superseded: entry };
    } else {
      report = ingest.setAsideSheet(r.file, r.sheet, r.encoding, new UnreadableFileError(conflicting!.message, 'CONFLICTING_VERSIONS'), conflicting!.department);
      // Its kind as its first reading found it: coverage says which export is undecided.
      report.kind ??= r.kind;
      // Its semester as its first reading found it (a title, a column) when no folder names one: the 报送 checklist lists it there.
      if (!report.semester) Object.assign(report, { semester: r.semester, semester_source: r.semester_source });
    }
    const file = given.get(r.file) ?? { reports: new Map<string | null, SheetReport>(), whole: false };
    file.reports.set(r.sheet, report);
    given.set(r.file, file);
  }
  // A file is read again only when it has other sheets to give.
  for (const [name, file] of given) file.whole = first.filter((r) => r.file === name).every((r) => file.reports.has(r.sheet));
  return given;
}

/**
 * The work-log fields a weekly norm counts that no form of a department and role had as a column:
 * a blank cell is 0 (not recorded, not done), a column the form lacks is 该项未报送.
 */
async function missingColumns(runner: Staging['runner'], sheets: readonly SheetReport[], rules: ActiveRules) {
  const byRole = new Map<string, Set<string>>();
  for (const n of rules.workload_norms) (byRole.get(n.role) ?? byRole.set(n.role, new Set()).get(n.role)!).add(n.field);
  if (!byRole.size) return [];
  const columnsOf = new Map(sheets.map((s) => [`${s.file}|${s.sheet ?? ''}`, s.columns]));
  const units = new Map<string, { semester: string; department: string; role: string; had: Set<string>; byRow: boolean }>();
  // A diary exported one row per activity has no activity columns: it has the activities its rows name.
  const fields = [...new Set([...byRole.values()].flatMap((f) => [...f]))];
  const rows = await runner.query<{ semester: string; department: string; role: string; file: string; sheet: string | null; itemised: boolean } & Record<string, unknown>>(
    `SELECT semester, department, role::VARCHAR AS role, source_file AS file, source_sheet AS sheet, bool_or(activity IS NOT NULL) AS itemised,
      ${fields.map((f, i) => `bool_or("${f}" IS NOT NULL) AS f${i}`).join(', ')} FROM worklogs GROUP BY ALL`,
  );
  for (const r of rows) {
    const key = `${r.semester}|${r.department}|${r.role}`;
    const unit = units.get(key) ?? units.set(key, { semester: r.semester, department: r.department, role: r.role, had: new Set(), byRow: true }).get(key)!;
    // Every form a diary of one row per activity: what is missing is a row naming it, not a column.
    unit.byRow &&= r.itemised;
    // A sheet whose columns were not recorded (a form) is taken to have them all.
    for (const field of columnsOf.get(`${r.file}|${r.sheet ?? ''}`) ?? byRole.get(r.role) ?? []) unit.had.add(field);
    if (r.itemised) fields.forEach((f, i) => r[`f${i}`] && unit.had.add(f));
  }
  return [...units.values()].flatMap((u) =>
    [...(byRole.get(u.role) ?? [])]
      .filter((field) => !u.had.has(field))
      .map((field) => ({ semester: u.semester, department: u.department, kind: 'worklogs' as const, role: u.role, field, byRow: u.byRow })),
  );
}

export async function runIngest(options: IngestOptions): Promise<Manifest> {
  const input = resolve(options.input);
  const out = resolve(options.out);
  if (!existsSync(input)) throw new IngestError(options.input, '输入文件夹不存在。');
  await mkdir(dirname(out), { recursive: true });
  const release = await lockOutput(out);
  const folder = freshFolderFor(out);
  let staging: Staging | null = null;
  const cleanup = (stopping = false) => {
    if (stopping) {
      staging?.discard();
      Staging.removeOwn(options.tempDir);
    } else staging?.close();
    rmSync(folder, { recursive: true, force: true });
    release();
  };
  const abort = () => cleanup(true);
  inProgress.add(abort);
  try {
    await recoverInterruptedRun(out);
    Staging.clearStale(options.tempDir);
    const rulesFiles = rulesFilesFor(options.input, options.rulesPath);
    const rules = await loadRules(rulesFiles[0], rulesFiles[1]);
    const { files, notRead } = await listInputs(input);
    if (files.length === 0)
      throw new IngestError(options.input, `文件夹中没有 CSV 或 Excel（.xlsx、.xls）文件${notRead.length ? `（另有 ${notRead.length} 个文件不是报表，未读取：${notRead.slice(0, 3).map((n) => n.file).join('、')}${notRead.length > 3 ? '等' : ''}）` : ''}。`);

    // First reading: every file. Sheets that are versions of one export are then decided on,
    // and, if some are not to be read, every file is read again without them.
    const digest = createHash('sha256');
    // The tables' Parquet files are written into the fresh folder as soon as every file is read (Staging.finish).
    await rm(folder, { recursive: true, force: true });
    await mkdir(folder, { recursive: true });
    staging = await Staging.open(rules, options.tempDir);
    let ingest = await readFiles(options, input, files, rules, staging, folder, () => new Map(), digest);
    const decision = await decideFileVersions(staging.runner, input, ingest.state.sheets, ingest.ctx.repeats);
    if (decision.superseded.size + decision.conflicting.size > 0) {
      options.onNotice?.(`发现同一份报表的多个版本（重复报送或更正后重新报送），已按规则确定读取哪一个；重新读取其余文件……`);
      const first = ingest.state.sheets;
      staging.close();
      staging = await Staging.open(rules, options.tempDir);
      ingest = await readFiles(options, input, files, rules, staging, folder, (next) => versionReports(decision, first, next), null);
    }
    const { sheets, rejects } = ingest.state;

    // The cross-checks run over the tables' Parquet files, on two connections: with the database
    // set to one thread each query keeps to its own. The rejects are written meanwhile (one
    // thread, so that the same rows always give the same bytes); that connection then helps with
    // the checks left.
    const runner = staging.runner;
    const copier = await runner.connect();
    let crossWarnings: WarningRecord[];
    try {
      await runner.connection.run('SET threads = 1');
      const copies = (async () => {
        await writeParquet(copier, join(folder, 'rejects.parquet'), REJECTS_OUTPUT, rejects, { oneThread: true });
      })();
      // Both settle before either connection is closed (closing one while the other runs a query crashes DuckDB).
      const [checked, copied] = await Promise.allSettled([runCrossChecks(runner, { runner: copier, ready: copies }), copies]);
      if (copied.status === 'rejected') throw copied.reason;
      if (checked.status === 'rejected') throw checked.reason;
      crossWarnings = checked.value;
    } finally {
      await runner.connection.run('RESET threads');
      copier.close();
    }
    const distinct = async (column: string, kinds: readonly TableKind[]) =>
      (
        await runner.query<{ v: string }>(
          kinds.map((k) => `SELECT DISTINCT ${column}::VARCHAR AS v FROM ${k}`).join(' UNION ') + ' ORDER BY v',
        )
      ).map((r) => r.v);
    const found = await distinct('department', TABLE_KINDS);
    // The school's departments (the site's); a name only in some file's 系部 cells is a warning, not a department.
    const departments = schoolDepartments({ rules, names: ingest.ctx.names, files: sheets.map((s) => s.file), departments: found, staffing: await distinct('department', ['counselors', 'enrollment']) });
    const runWarnings = [
      ...crossWarnings,
      ...decision.notes,
      ...folderDepartmentWarnings(sheets, ingest.ctx.names, rules, departments),
      ...unknownDepartmentWarnings(sheets, departments),
    ];
    for (const w of runWarnings) {
      const sheet = sheets.find((s) => s.file === w.file && s.sheet === w.sheet);
      if (sheet) sheet.warnings++;
    }
    const warnings = [...ingest.state.warnings, ...runWarnings];
    await writeParquet(runner, join(folder, 'warnings.parquet'), WARNINGS_OUTPUT, warnings);

    const semesters = await distinct('semester', TABLE_KINDS.filter((k) => TABLES[k].output.some((c) => c.name === 'semester')));
    const coverage = [
      ...coverageRows(sheets, checklistDepartments(sheets, [...rules.departments, ...departments]), semesters, rules.expected_exports),
      ...columnMissingRows(await missingColumns(runner, sheets, rules)),
    ];
    await writeParquet(runner, join(folder, 'coverage.parquet'), COVERAGE_OUTPUT, coverage);
    // Each department's return list, for the semester being collected: the latest.
    const lists = buildReturnLists({ sheets, rejects, warnings, departments: checklistDepartments(sheets, [...rules.departments, ...departments]), semester: semesters.at(-1) ?? null, expected: rules.expected_exports, missingColumns: coverage.filter((c) => c.status === 'column_missing' && c.semester === semesters.at(-1)) });
    const returns = await writeReturnLists(folder, lists, rules.institution);
    const sum = (key: 'read' | 'accepted' | 'rejected' | 'skipped') => sheets.reduce((n, s) => n + s[key], 0);
    const tables = Object.fromEntries(TABLE_KINDS.map((k) => [k, { file: TABLES[k].file, rows: staging!.counts[k] }]));
    const manifest: Manifest = {
      format: MANIFEST_FORMAT,
      rules,
      rules_files: rulesFiles.map(toPosix),
      input_digest: digest.digest('hex'),
      tables: {
        ...(tables as Record<TableKind, { file: string; rows: number }>),
        rejects: { file: 'rejects.parquet', rows: rejects.length },
        warnings: { file: 'warnings.parquet', rows: warnings.length },
        coverage: { file: 'coverage.parquet', rows: coverage.length },
      },
      coverage,
      semesters,
      departments,
      totals: {
        files: files.length,
        set_aside: sheets.filter((s) => s.set_aside).length,
        superseded: sheets.filter((s) => s.superseded).length,
        not_read: notRead.length,
        read: sum('read'),
        accepted: sum('accepted'),
        rejected: sum('rejected'),
        skipped: sum('skipped'),
        warnings: warnings.length,
      },
      files: sheets,
      not_read: notRead,
      returns,
    };
    // Unindented: the internal site publishes it (数据质量 reads its file list from it), and at 120
    // departments the indentation alone was a third of its 4 MB.
    await writeFile(join(folder, 'manifest.json'), JSON.stringify(manifest) + '\n').catch(naming(join(folder, 'manifest.json')));

    await swapIn(folder, out);
    return manifest;
  } finally {
    inProgress.delete(abort);
    cleanup();
  }
}
