/**
 * The 数据质量 page: per file the rows read, accepted, rejected and skipped, each counted here from
 * the input files by the oracles (no product code, not the published manifest), conserved
 * (read = accepted + rejected + skipped); the per-department sums of the same; the rejected rows
 * those found invalid in the files; a department filter shows only that department's files; the
 * warnings are exactly the rows the oracle flags in the files (oracle-metrics.ts warningsFound).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeMetricsTruth, rowsPerFile, warningsFound, type FoundWarning, type MetricsTruth } from '../support/oracle-metrics.ts';
import { enrollmentRowsPerFile, norm, rowsReadPerSheet } from '../support/oracle.ts';
import { findInvalidRows, type Invalid } from '../support/oracle-rejects.ts';
import { num, readTable, setFilters, startHarness, waitForEngine, type Harness } from '../support/site.ts';

interface FileReport {
  file: string;
  sheet: string | null;
  semester: string | null;
  departments: Record<string, number>;
  read: number;
  accepted: number;
  rejected: number;
  skipped: number;
  warnings: number;
  set_aside?: unknown;
}
interface Manifest {
  totals: { files: number; read: number; accepted: number; rejected: number; skipped: number; warnings: number };
  files: FileReport[];
}

/** A file (a sheet of a workbook) as the oracles read it from the exports folder. */
interface SheetTruth {
  file: string;
  sheet: string;
  /** Its top folder. */
  semester: string;
  /** The folder it was sent in (its department, unless its rows name others). */
  folder: string;
  /** The departments its data rows name. */
  departments: Set<string>;
  read: number;
  accepted: number;
  rejected: number;
  skipped: number;
}

const EXPORTS = 'data/exports';
/** What 数据质量 calls a file whose rows name more than one department. */
const SUMMARY_FILE = '（跨系部的汇总文件）';
let h: Harness;
let manifest: Manifest;
let invalid: Invalid[];
let truth: MetricsTruth;
/** The rows the oracle finds worth a warning (counted, but to be checked). */
let found: FoundWarning[];
/** Every sheet of the exports as the oracles read it, by `file|sheet`. */
let sheets: Map<string, SheetTruth>;

const fileKey = (f: { file: string; sheet: string | null }) => `${f.file}|${f.sheet ?? ''}`;
const HAS_CHINESE = /[\u4e00-\u9fff]/;

beforeAll(async () => {
  h = await startHarness();
  const res = await fetch(`${h.server.url}data/manifest.json`);
  expect(res.status).toBe(200);
  manifest = (await res.json()) as Manifest;
  invalid = await findInvalidRows(EXPORTS);
  truth = await computeMetricsTruth();
  found = await warningsFound(truth);
  // Data rows (valid and invalid) per sheet from the two oracles' readings; rows read from the files as they are.
  const dataRows = new Map([...(await rowsPerFile(EXPORTS)), ...(await enrollmentRowsPerFile(EXPORTS))]);
  sheets = new Map();
  for (const [key, read] of await rowsReadPerSheet(EXPORTS)) {
    const [file, sheet] = key.split('|') as [string, string];
    const data = dataRows.get(key);
    if (!data) continue; // a sheet without a table (a 填表说明): not a file of the page
    const rejected = invalid.filter((r) => r.file === file && r.sheet === sheet).length;
    const [semester, folder] = file.split('/') as [string, string];
    sheets.set(key, { file, sheet, semester, folder, departments: data.departments, read, accepted: data.rows - rejected, rejected, skipped: read - data.rows });
  }
  expect(sheets.size, 'sheets the oracles read').toBeGreaterThan(200);
});
afterAll(async () => {
  await h?.close();
});

/** The department a file is listed under: the one its rows name, the summary files' line, else its folder. */
const departmentOf = (f: SheetTruth) => (f.departments.size === 1 ? [...f.departments][0]! : f.departments.size > 1 ? SUMMARY_FILE : f.folder);
/** The files of a department: sent in its folder, or whose rows name it. */
const filesOf = (department: string) => [...sheets.values()].filter((f) => f.folder === department || f.departments.has(department));
/** The warnings of a file, as the oracle finds them in it. */
const warningsOf = (f: SheetTruth) => found.filter((w) => w.file === f.file && w.sheet === f.sheet).length;

function checkFiles(table: Record<string, Record<string, string>>, files: SheetTruth[]) {
  expect(files.length, 'files in scope').toBeGreaterThan(0);
  expect(Object.keys(table).sort()).toEqual(files.map(fileKey).sort());
  for (const f of files) {
    const row = table[fileKey(f)]!;
    const at = fileKey(f);
    const shown = { read: num(row.read), accepted: num(row.accepted), rejected: num(row.rejected), skipped: num(row.skipped), warnings: num(row.warnings) };
    // Every count from the file itself, not from the manifest.
    expect.soft(shown, at).toEqual({ read: f.read, accepted: f.accepted, rejected: f.rejected, skipped: f.skipped, warnings: warningsOf(f) });
    expect.soft(shown.read, `${at}: read = accepted + rejected + skipped`).toBe(shown.accepted + shown.rejected + shown.skipped);
    expect.soft(row.check, at).toBe('相符');
  }
}

async function checkCards(page: import('playwright-core').Page, files: SheetTruth[]) {
  const figure = async (key: string) => num((await page.textContent(`[data-figure="${key}"] dd`))?.replace('个', ''));
  const sum = (k: 'read' | 'accepted' | 'rejected' | 'skipped') => files.reduce((n, f) => n + f[k], 0);
  expect(await figure('files')).toBe(new Set(files.map((f) => f.file)).size);
  for (const k of ['read', 'accepted', 'rejected', 'skipped'] as const) expect.soft(await figure(k), `${k}, read from the files`).toBe(sum(k));
  expect.soft(await figure('warnings'), 'warnings').toBe(files.reduce((n, f) => n + warningsOf(f), 0));
  expect(await figure('read')).toBe((await figure('accepted')) + (await figure('rejected')) + (await figure('skipped')));
}

/** 各系部报送情况: per department the files, accepted, rejected and skipped rows of its files, summed from the oracle's reading. */
function checkDepartments(table: Record<string, Record<string, string>>, files: SheetTruth[]) {
  const want = new Map<string, { files: Set<string>; accepted: number; rejected: number; skipped: number; warnings: number }>();
  for (const f of files) {
    const line = want.get(departmentOf(f)) ?? { files: new Set<string>(), accepted: 0, rejected: 0, skipped: 0, warnings: 0 };
    line.files.add(f.file);
    line.accepted += f.accepted;
    line.rejected += f.rejected;
    line.skipped += f.skipped;
    line.warnings += warningsOf(f);
    want.set(departmentOf(f), line);
  }
  expect(Object.keys(table).sort(), 'departments listed').toEqual([...want.keys()].sort());
  for (const [department, w] of want) {
    const row = table[department]!;
    expect
      .soft([row.files, row.setAside, row.accepted, row.rejected, row.skipped, row.warnings].map(num), department)
      .toEqual([w.files.size, 0, w.accepted, w.rejected, w.skipped, w.warnings]);
  }
}

function checkRejects(table: Record<string, Record<string, string>>, want: Invalid[]) {
  const key = (r: Invalid) => `${r.file}|${r.sheet}|${r.row}|${r.column}`;
  const shown = Object.entries(table).map(([k, r]) => ({ k: k.split('|').slice(0, 3).join('|') + `|${norm(r.column)}`, r }));
  expect(shown.map((s) => s.k).sort()).toEqual(want.map(key).sort());
  for (const w of want) {
    const { r } = shown.find((s) => s.k === key(w))!;
    expect.soft(r.value, key(w)).toBe(w.value);
    // A message in Chinese that names the value and says what to write instead.
    expect.soft(r.message, key(w)).toMatch(HAS_CHINESE);
    expect.soft(r.message, key(w)).toContain(w.value);
    expect.soft(r.message, key(w)).toMatch(/请/);
  }
}

describe('数据质量 page', () => {
  it('the published manifest conserves every row, and its rejects and warnings are those found in the input files', () => {
    const t = manifest.totals;
    expect(t.read).toBe(t.accepted + t.rejected + t.skipped);
    for (const f of manifest.files) expect.soft(f.read, fileKey(f)).toBe(f.accepted + f.rejected + f.skipped);
    expect(invalid).toHaveLength(3);
    expect(t.rejected).toBe(invalid.length);
    for (const f of manifest.files) expect.soft(f.rejected, fileKey(f)).toBe(invalid.filter((r) => r.file === f.file && r.sheet === (f.sheet ?? '')).length);
    expect(t.warnings).toBe(found.length);
  });

  it('shows every file with its counts read from the files, the totals, the per-department sums, the 3 rejected rows and every warning, with JavaScript off', async () => {
    const page = await h.open('quality.html', { javaScriptEnabled: false });
    expect(await page.inputValue('#filter-semester')).toBe('');
    const all = [...sheets.values()];
    checkFiles(await readTable(page, 'files-table'), all);
    await checkCards(page, all);
    checkDepartments(await readTable(page, 'departments-table'), all);
    checkRejects(await readTable(page, 'rejects-table'), invalid);

    // Warnings: exactly the rows the oracle flags (file and row), each in Chinese; the grade mismatches are the oracle's.
    const warnings = await readTable(page, 'warnings-table');
    expect(found.length, 'warnings the oracle finds in the demo').toBeGreaterThan(5);
    expect(Object.values(warnings).map((w) => `${w.file}|${num(w.row)}`).sort()).toEqual(found.map((w) => `${w.file}|${w.row}`).sort());
    for (const [key, w] of Object.entries(warnings)) expect.soft(w.message, key).toMatch(HAS_CHINESE);
    // The warning's code is for the clerk's download, not the page: read it from the row's key.
    const mismatches = Object.entries(warnings).filter(([key]) => key.endsWith('|GRADE_MISMATCH')).map(([, w]) => `${w.file}|${num(w.row)}`);
    expect(mismatches.sort()).toEqual(truth.mismatches.map((m) => `${m.file}|${m.row}`).sort());

    // The clerk's work is at the top: the files to send back are exactly those with rejected rows, listed before everything else.
    const resend = await readTable(page, 'resend-table');
    expect(Object.keys(resend).sort()).toEqual(all.filter((f) => f.rejected > 0).map(fileKey).sort());
    const order = await page.$$eval('main section.panel', (panels) => panels.map((p) => p.getAttribute('data-panel')));
    expect(order.slice(0, 4)).toEqual(['summary', 'checklist', 'resend', 'rejects']);
    // The long file list is folded after its first rows (every row still in the page).
    expect(await page.$$eval('#files-table tbody tr.row--folded', (rows) => rows.length)).toBe(all.length - 10);
    await page.context().close();
  });

  it('a department filter shows only its files, rejects and warnings (through DuckDB-WASM)', async () => {
    const page = await h.open('quality.html');
    await waitForEngine(page);
    for (const department of ['机电工程系', '艺术设计系', '医学护理系']) {
      await setFilters(page, { department });
      const files = filesOf(department);
      checkFiles(await readTable(page, 'files-table'), files);
      await checkCards(page, files);
      const names = new Set(files.map((f) => f.file));
      checkRejects(await readTable(page, 'rejects-table'), invalid.filter((r) => names.has(r.file)));
      const warnings = Object.values(await readTable(page, 'warnings-table'));
      expect(warnings.length, `${department} warnings`).toBe(files.reduce((n, f) => n + warningsOf(f), 0));
      for (const w of warnings) expect(names.has(w.file!), `${department}: ${w.file}`).toBe(true);
      checkDepartments(await readTable(page, 'departments-table'), files);
    }
    // And a semester with it: only that semester's files of the department.
    const semester = '2025-2026-1';
    await setFilters(page, { department: '机电工程系', semester });
    checkFiles(await readTable(page, 'files-table'), filesOf('机电工程系').filter((f) => f.semester === semester));
    await page.context().close();
  });

  it('made no request to any other host, asked the server for nothing missing, and logged no error', () => {
    expect(h.external).toEqual([]);
    expect(h.server.failures).toEqual([]);
    expect(h.consoleErrors).toEqual([]);
  });
});
