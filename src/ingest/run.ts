/**
 * One ingest run: list the input files, stream them through the pipeline into the staging
 * tables, run the cross-checks, write Parquet + manifest.json into a fresh folder, then swap it
 * in for the old output, so that a failed or killed run leaves the previous output as it was.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { layRules, parseRules, type ActiveRules } from '../domain/rules.ts';
import { REJECTS_OUTPUT, TABLES, TABLE_KINDS, WARNINGS_OUTPUT, type TableKind } from '../domain/tables/index.ts';
import { copyOnOneThread, writeParquet } from '../io/parquet.ts';
import { checklistDepartments, EXPORT_NAMES, exportKindOf } from '../collection/checklist.ts';
import { buildReturnLists } from '../collection/return-list.ts';
import { writeReturnLists, type ReturnListEntry } from '../collection/write-returns.ts';
import { runCrossChecks } from './checks.ts';
import { createIngest } from './pipeline.ts';
import { readerFor } from './readers/index.ts';
import { IngestError, type SheetReport, type WarningRecord } from './records.ts';
import { Staging } from './staging.ts';

export const MANIFEST_FORMAT = 3;
export const DEFAULT_RULES_PATH = 'data/rules.json';
/** An input folder's own settings, laid over the defaults (loadRules). */
export const LOCAL_RULES_FILE = 'rules.json';

export interface Manifest {
  format: number;
  rules: ActiveRules;
  /** The settings files read, the defaults first, then the input folder's own (laid over them). */
  rules_files: string[];
  /** SHA-256 over every input file's path and bytes: tells which inputs made this output. */
  input_digest: string;
  tables: Record<TableKind | 'rejects' | 'warnings', { file: string; rows: number }>;
  semesters: string[];
  departments: string[];
  /** `set_aside`: files and sheets not read (quarantine.ts), counted in none of the others. */
  totals: { files: number; set_aside: number; read: number; accepted: number; rejected: number; skipped: number; warnings: number };
  files: SheetReport[];
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
  /** CSV files from this many bytes on are read in two halves at once (8 MB by default; Infinity: never). */
  splitBytes?: number;
}

const toPosix = (path: string) => path.split(sep).join('/');

/** Spreadsheet files below `dir`, in code-point order of their relative paths (stable across machines). */
export async function listInputFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && !e.name.startsWith('.') && !e.name.startsWith('~$') && readerFor(e.name))
    .map((e) => toPosix(relative(dir, join(e.parentPath, e.name))))
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** A file's day in the local calendar (the clerk's), YYYY-MM-DD. */
const localDay = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

async function readJson(path: string): Promise<unknown> {
  if (!existsSync(path)) throw new IngestError(path, '找不到规则配置文件。请从项目自带的 data/rules.json 复制一份并按本校规定修改。');
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
    ? parsed.rules.expected_exports.flatMap((name, i) => (exportKindOf(name) ? [] : [`字段 expected_exports.${i}：「${name}」不是可识别的报表，可写：${EXPORT_NAMES.join('、')}`]))
    : parsed.errors;
  if (!parsed.ok || errors.length) throw new IngestError(overlay ? `${path} + ${overlay}` : path, `规则配置有误：\n  ${errors.join('\n  ')}`);
  return parsed.rules;
}

/** The settings files a run over `input` reads: the defaults (or the one given), then the folder's own rules.json if it has one. */
export function rulesFilesFor(input: string, rulesPath = DEFAULT_RULES_PATH): string[] {
  const local = join(input, LOCAL_RULES_FILE);
  return existsSync(local) && resolve(local) !== resolve(rulesPath) ? [rulesPath, local] : [rulesPath];
}

/**
 * What a killed run leaves behind: a half-written `.<out>.tmp-<pid>` folder (removed), or — if it
 * died between the two renames of the swap — `<out>` missing and its old copy beside it (restored).
 */
async function recoverInterruptedRun(out: string): Promise<void> {
  const parent = dirname(out);
  if (!existsSync(parent)) return;
  const siblings = await readdir(parent);
  for (const name of siblings.filter((n) => n.startsWith(`.${basename(out)}.tmp-`))) await rm(join(parent, name), { recursive: true, force: true });
  const old = siblings.filter((n) => n.startsWith(`.${basename(out)}.old-`)).sort().pop();
  if (old && !existsSync(out)) await rename(join(parent, old), out);
}

export async function runIngest(options: IngestOptions): Promise<Manifest> {
  const input = resolve(options.input);
  const out = resolve(options.out);
  await recoverInterruptedRun(out);
  if (!existsSync(input)) throw new IngestError(options.input, '输入文件夹不存在。');
  const rulesFiles = rulesFilesFor(options.input, options.rulesPath);
  const rules = await loadRules(rulesFiles[0], rulesFiles[1]);
  const files = await listInputFiles(input);
  if (files.length === 0) throw new IngestError(options.input, '文件夹中没有 CSV 或 Excel（.xlsx、.xls）文件。');

  const staging = await Staging.open(rules);
  const folder = join(dirname(out), `.${basename(out)}.tmp-${process.pid}`);
  try {
    const ingest = createIngest(rules, staging, { onRows: options.onRows, splitBytes: options.splitBytes, strict: options.strict });
    const digest = createHash('sha256');
    for (const [i, file] of files.entries()) {
      const read = await readFile(join(input, file));
      const bytes = new Uint8Array(read.buffer, read.byteOffset, read.byteLength); // a plain view, not a copy
      digest.update(file).update('\0').update(bytes).update('\0');
      const reports = await ingest.addFile(bytes, file);
      const saved = localDay((await stat(join(input, file))).mtime);
      for (const report of reports) report.file_date = saved;
      options.onFile?.(i + 1, files.length, file, reports);
    }
    await staging.finish();
    const { sheets, rejects } = ingest.state;

    // The cross-checks and the Parquet copies run side by side, on two connections: copying
    // takes one thread (so that the same rows always give the same bytes), and with the
    // database set to one thread each query keeps to its own, so neither disturbs the other.
    // The copier then helps with the checks left.
    await rm(folder, { recursive: true, force: true });
    await mkdir(folder, { recursive: true });
    const copier = await staging.runner.connect();
    let crossWarnings: WarningRecord[];
    try {
      await staging.runner.connection.run('SET threads = 1');
      const copies = (async () => {
        for (const kind of TABLE_KINDS) await copyOnOneThread(copier, kind, join(folder, TABLES[kind].file));
        await writeParquet(copier, join(folder, 'rejects.parquet'), REJECTS_OUTPUT, rejects, { oneThread: true });
      })();
      [crossWarnings] = await Promise.all([runCrossChecks(staging.runner, { runner: copier, ready: copies }), copies]);
    } finally {
      await staging.runner.connection.run('RESET threads');
      copier.close();
    }
    for (const w of crossWarnings) {
      const sheet = sheets.find((s) => s.file === w.file && s.sheet === w.sheet);
      if (sheet) sheet.warnings++;
    }
    const warnings = [...ingest.state.warnings, ...crossWarnings];
    await writeParquet(staging.runner, join(folder, 'warnings.parquet'), WARNINGS_OUTPUT, warnings);

    const distinct = async (column: string, kinds: readonly TableKind[]) =>
      (
        await staging.runner.query<{ v: string }>(
          kinds.map((k) => `SELECT DISTINCT ${column}::VARCHAR AS v FROM ${k}`).join(' UNION ') + ' ORDER BY v',
        )
      ).map((r) => r.v);
    const departments = await distinct('department', TABLE_KINDS);
    const semesters = await distinct('semester', TABLE_KINDS.filter((k) => TABLES[k].output.some((c) => c.name === 'semester')));
    // Each department's return list, for the semester being collected: the latest.
    const lists = buildReturnLists({ sheets, rejects, warnings, departments: checklistDepartments(sheets, [...rules.departments, ...departments]), semester: semesters.at(-1) ?? null, expected: rules.expected_exports });
    const returns = await writeReturnLists(folder, lists, rules.institution);
    const sum = (key: 'read' | 'accepted' | 'rejected' | 'skipped') => sheets.reduce((n, s) => n + s[key], 0);
    const tables = Object.fromEntries(TABLE_KINDS.map((k) => [k, { file: TABLES[k].file, rows: staging.counts[k] }]));
    const manifest: Manifest = {
      format: MANIFEST_FORMAT,
      rules,
      rules_files: rulesFiles.map(toPosix),
      input_digest: digest.digest('hex'),
      tables: {
        ...(tables as Record<TableKind, { file: string; rows: number }>),
        rejects: { file: 'rejects.parquet', rows: rejects.length },
        warnings: { file: 'warnings.parquet', rows: warnings.length },
      },
      semesters,
      departments,
      totals: { files: files.length, set_aside: sheets.filter((s) => s.set_aside).length, read: sum('read'), accepted: sum('accepted'), rejected: sum('rejected'), skipped: sum('skipped'), warnings: warnings.length },
      files: sheets,
      returns,
    };
    await writeFile(join(folder, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');

    // Swap: the old output stays whole until the new one is complete.
    const old = join(dirname(out), `.${basename(out)}.old-${process.pid}`);
    if (existsSync(out)) await rename(out, old);
    await rename(folder, out);
    await rm(old, { recursive: true, force: true });
    return manifest;
  } catch (error) {
    await rm(folder, { recursive: true, force: true });
    throw error;
  } finally {
    staging.close();
  }
}
