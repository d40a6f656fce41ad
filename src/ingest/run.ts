/**
 * One ingest run: list the input files, read them through the pipeline, write the Parquet
 * tables and manifest.json into a fresh folder, then swap it in for the old output, so that a
 * failed or killed run leaves the previous output as it was.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { parseRules, type ActiveRules } from '../domain/rules.ts';
import { REJECTS_OUTPUT, TABLES, type TableKind } from '../domain/tables.ts';
import { NodeRunner } from '../io/duckdb-node.ts';
import { writeParquet } from '../io/parquet.ts';
import { createIngest, IngestError, toPosix, type SheetReport } from './pipeline.ts';
import { readerFor } from './readers/index.ts';

export const MANIFEST_FORMAT = 1;

export interface Manifest {
  format: number;
  rules: ActiveRules;
  /** SHA-256 over every input file's path and bytes: tells which inputs made this output. */
  input_digest: string;
  tables: Record<TableKind | 'rejects', { file: string; rows: number }>;
  semesters: string[];
  departments: string[];
  totals: { files: number; read: number; accepted: number; rejected: number; skipped: number };
  files: SheetReport[];
}

export interface IngestOptions {
  input: string;
  out: string;
  /** The rules file; data/rules.json by default. */
  rulesPath?: string;
  onFile?: (index: number, total: number, path: string, reports: SheetReport[]) => void;
}

/** Spreadsheet files below `dir`, in code-point order of their relative paths (stable across machines). */
export async function listInputFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && !e.name.startsWith('.') && !e.name.startsWith('~$') && readerFor(e.name))
    .map((e) => toPosix(relative(dir, join(e.parentPath, e.name))))
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

export const DEFAULT_RULES_PATH = 'data/rules.json';

export async function loadRules(path = DEFAULT_RULES_PATH): Promise<ActiveRules> {
  if (!existsSync(path)) throw new IngestError(path, '找不到规则配置文件。请从项目自带的 data/rules.json 复制一份并按本校规定修改。');
  let json: unknown;
  try {
    json = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new IngestError(path, `规则配置文件不是合法的 JSON：${(error as Error).message}`);
  }
  const parsed = parseRules(json);
  if (!parsed.ok) throw new IngestError(path, `规则配置有误：\n  ${parsed.errors.join('\n  ')}`);
  return parsed.rules;
}

export async function runIngest(options: IngestOptions): Promise<Manifest> {
  const input = resolve(options.input);
  const out = resolve(options.out);
  if (!existsSync(input)) throw new IngestError(options.input, '输入文件夹不存在。');
  const rules = await loadRules(options.rulesPath);
  const files = await listInputFiles(input);
  if (files.length === 0) throw new IngestError(options.input, '文件夹中没有 CSV 或 XLSX 文件。');

  const ingest = createIngest(rules);
  const digest = createHash('sha256');
  for (const [i, file] of files.entries()) {
    const absolute = join(input, file);
    digest.update(file).update('\0').update(await readFile(absolute)).update('\0');
    const reports = await ingest.addFile(absolute, file);
    options.onFile?.(i + 1, files.length, file, reports);
  }
  const result = ingest.result();

  const staging = join(dirname(out), `.${basename(out)}.tmp-${process.pid}`);
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  const runner = await NodeRunner.inMemory();
  try {
    for (const spec of Object.values(TABLES))
      await writeParquet(runner, join(staging, spec.file), spec.output, result.tables[spec.kind], spec.orderBy);
    await writeParquet(runner, join(staging, 'rejects.parquet'), REJECTS_OUTPUT, result.rejects);
  } finally {
    runner.close();
  }

  const sheets = result.sheets;
  const sum = (key: 'read' | 'accepted' | 'rejected' | 'skipped') => sheets.reduce((n, s) => n + s[key], 0);
  const distinct = (values: Iterable<unknown>) => [...new Set([...values].map(String))].sort();
  const manifest: Manifest = {
    format: MANIFEST_FORMAT,
    rules,
    input_digest: digest.digest('hex'),
    tables: {
      enrollment: { file: TABLES.enrollment.file, rows: result.tables.enrollment.length },
      counselors: { file: TABLES.counselors.file, rows: result.tables.counselors.length },
      rejects: { file: 'rejects.parquet', rows: result.rejects.length },
    },
    semesters: distinct([...result.tables.enrollment, ...result.tables.counselors].map((r) => r.semester)),
    departments: distinct([...result.tables.enrollment, ...result.tables.counselors].map((r) => r.department)),
    totals: { files: files.length, read: sum('read'), accepted: sum('accepted'), rejected: sum('rejected'), skipped: sum('skipped') },
    files: sheets,
  };
  await writeFile(join(staging, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');

  // Swap: the old output stays whole until the new one is complete.
  const old = join(dirname(out), `.${basename(out)}.old-${process.pid}`);
  if (existsSync(out)) await rename(out, old);
  await rename(staging, out);
  await rm(old, { recursive: true, force: true });
  return manifest;
}
