/**
 * The 数据质量 page: per file the rows read, accepted, rejected, skipped and the warnings, equal to
 * the published manifest and conserved (read = accepted + rejected + skipped); the rejected rows
 * equal those found invalid by reading the input files here, with no product code; a department
 * filter shows only that department's files; the warnings are listed, and the grade mismatches
 * among them are the oracle's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeMetricsTruth, type MetricsTruth } from '../support/oracle-metrics.ts';
import { enrollmentRowsPerFile, norm } from '../support/oracle.ts';
import { rowsPerFile } from '../support/oracle-metrics.ts';
import { findInvalidRows, type Invalid } from '../support/oracle-rejects.ts';
import { num, readTable, setFilters, startHarness, waitForEngine, type Harness } from '../support/site.ts';

interface FileReport {
  file: string;
  sheet: string | null;
  kind: string | null;
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

const EXPORTS = 'data/exports';
let h: Harness;
let manifest: Manifest;
let invalid: Invalid[];
let truth: MetricsTruth;
/** Data rows per file|sheet as the oracles read the exports (valid and invalid): accepted = these − the invalid ones. */
let oracleRows: Map<string, number>;

const fileKey = (f: { file: string; sheet: string | null }) => `${f.file}|${f.sheet ?? ''}`;
const HAS_CHINESE = /[\u4e00-\u9fff]/;

beforeAll(async () => {
  h = await startHarness();
  const res = await fetch(`${h.server.url}data/manifest.json`);
  expect(res.status).toBe(200);
  manifest = (await res.json()) as Manifest;
  invalid = await findInvalidRows(EXPORTS);
  truth = await computeMetricsTruth();
  oracleRows = new Map([...(await rowsPerFile(EXPORTS)), ...(await enrollmentRowsPerFile(EXPORTS))]);
});

/** Rows accepted from a file, from the oracles' own reading of it: its data rows less those found invalid. */
const acceptedByOracle = (f: { file: string; sheet: string | null }) =>
  (oracleRows.get(fileKey(f)) ?? 0) - invalid.filter((r) => r.file === f.file && r.sheet === (f.sheet ?? '')).length;
afterAll(async () => {
  await h?.close();
});

/** The files of a department: in its folder, or a summary file whose rows name it. */
const filesOf = (department: string) => manifest.files.filter((f) => f.file.split('/').includes(department) || department in f.departments);

function checkFiles(table: Record<string, Record<string, string>>, files: FileReport[]) {
  expect(Object.keys(table).sort()).toEqual(files.map(fileKey).sort());
  for (const f of files) {
    const row = table[fileKey(f)]!;
    const at = fileKey(f);
    const shown = { read: num(row.read), accepted: num(row.accepted), rejected: num(row.rejected), skipped: num(row.skipped), warnings: num(row.warnings) };
    expect.soft(shown, at).toEqual({ read: f.read, accepted: f.accepted, rejected: f.rejected, skipped: f.skipped, warnings: f.warnings });
    expect.soft(shown.read, `${at}: read = accepted + rejected + skipped`).toBe(shown.accepted + shown.rejected + shown.skipped);
    // Accepted and rejected from the files themselves, not from the manifest.
    expect.soft(oracleRows.has(at), `${at}: a file the oracles read`).toBe(true);
    expect.soft(shown.accepted, `${at}: accepted, read from the file`).toBe(acceptedByOracle(f));
    expect.soft(shown.rejected, `${at}: rejected, read from the file`).toBe(invalid.filter((r) => r.file === f.file && r.sheet === (f.sheet ?? '')).length);
    expect.soft(row.check, at).toBe('相符');
  }
}

async function checkCards(page: import('playwright-core').Page, files: FileReport[]) {
  const figure = async (key: string) => num((await page.textContent(`[data-figure="${key}"] dd`))?.replace('个', ''));
  const sum = (k: 'read' | 'accepted' | 'rejected' | 'skipped' | 'warnings') => files.reduce((n, f) => n + f[k], 0);
  expect(await figure('files')).toBe(new Set(files.map((f) => f.file)).size);
  for (const k of ['read', 'accepted', 'rejected', 'skipped', 'warnings'] as const) expect.soft(await figure(k), k).toBe(sum(k));
  expect(await figure('read')).toBe((await figure('accepted')) + (await figure('rejected')) + (await figure('skipped')));
  expect(await figure('accepted'), 'accepted, read from the files').toBe(files.reduce((n, f) => n + acceptedByOracle(f), 0));
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
  it('the published manifest conserves every row, and its rejects are the invalid rows found in the input files', () => {
    const t = manifest.totals;
    expect(t.read).toBe(t.accepted + t.rejected + t.skipped);
    for (const f of manifest.files) expect.soft(f.read, fileKey(f)).toBe(f.accepted + f.rejected + f.skipped);
    expect(invalid).toHaveLength(3);
    expect(t.rejected).toBe(invalid.length);
    for (const f of manifest.files) expect.soft(f.rejected, fileKey(f)).toBe(invalid.filter((r) => r.file === f.file && r.sheet === (f.sheet ?? '')).length);
  });

  it('shows every file with its counts, the totals, the 3 rejected rows and every warning, with JavaScript off', async () => {
    const page = await h.open('quality.html', { javaScriptEnabled: false });
    expect(await page.inputValue('#filter-semester')).toBe('');
    checkFiles(await readTable(page, 'files-table'), manifest.files);
    await checkCards(page, manifest.files);
    checkRejects(await readTable(page, 'rejects-table'), invalid);

    // Warnings: as many as the manifest counts, per file; each in Chinese; the grade mismatches are the oracle's.
    const warnings = await readTable(page, 'warnings-table');
    expect(Object.keys(warnings)).toHaveLength(manifest.totals.warnings);
    for (const f of manifest.files.filter((x) => x.warnings > 0))
      expect.soft(Object.keys(warnings).filter((k) => k.startsWith(`${fileKey(f)}|`)).length, fileKey(f)).toBe(f.warnings);
    for (const [key, w] of Object.entries(warnings)) expect.soft(w.message, key).toMatch(HAS_CHINESE);
    // The warning's code is for the clerk's download, not the page: read it from the row's key.
    const mismatches = Object.entries(warnings).filter(([key]) => key.endsWith('|GRADE_MISMATCH')).map(([, w]) => `${w.file}|${num(w.row)}`);
    expect(mismatches.sort()).toEqual(truth.mismatches.map((m) => `${m.file}|${m.row}`).sort());

    // The clerk's work is at the top: the files to send back are exactly those with rejected rows, listed before everything else.
    const resend = await readTable(page, 'resend-table');
    expect(Object.keys(resend).sort()).toEqual(manifest.files.filter((f) => f.rejected > 0 || f.set_aside).map(fileKey).sort());
    const order = await page.$$eval('main section.panel', (panels) => panels.map((p) => p.getAttribute('data-panel')));
    expect(order.slice(0, 4)).toEqual(['summary', 'checklist', 'resend', 'rejects']);
    // The long file list is folded after its first rows (every row still in the page).
    expect(await page.$$eval('#files-table tbody tr.row--folded', (rows) => rows.length)).toBe(manifest.files.length - 10);

    // The per-department summary adds up to the totals.
    const depts = Object.values(await readTable(page, 'departments-table'));
    expect(depts.reduce((n, r) => n + num(r.rejected), 0)).toBe(manifest.totals.rejected);
    expect(depts.reduce((n, r) => n + num(r.accepted), 0)).toBe(manifest.totals.accepted);
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
      expect(warnings.length, `${department} warnings`).toBe(files.reduce((n, f) => n + f.warnings, 0));
      for (const w of warnings) expect(names.has(w.file!), `${department}: ${w.file}`).toBe(true);
      expect(Object.keys(await readTable(page, 'departments-table')), department).toContain(department);
    }
    // And a semester with it: only that semester's files of the department.
    const semester = '2025-2026-1';
    await setFilters(page, { department: '机电工程系', semester });
    checkFiles(await readTable(page, 'files-table'), filesOf('机电工程系').filter((f) => f.semester == null || f.semester === semester));
    await page.context().close();
  });

  it('made no request to any other host, asked the server for nothing missing, and logged no error', () => {
    expect(h.external).toEqual([]);
    expect(h.server.failures).toEqual([]);
    expect(h.consoleErrors).toEqual([]);
  });
});
