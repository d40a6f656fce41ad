/**
 * node scripts/bench/workbook-readers.ts [--rows 200000] [--runs 3]
 *
 * The measurement behind the choice of workbook reader (README, "Dependencies"): a work log of
 * --rows rows (text ids, names, numbers, decimals, real date cells) saved as .xlsx — by
 * LibreOffice when it is installed (what an office suite writes: shared strings, styles), else by
 * write-excel-file — read by
 *   read-excel-file  (the reader before: .xlsx only, no merged ranges),
 *   @e965/xlsx       (SheetJS CE 0.20.3: the library read as the ingest calls it), and
 *   workbookReader   (the ingest's reader: SheetJS plus the cells as text, merges, visibility),
 * each in a fresh child process (so that peak memory is its own), --runs times, alternating.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import writeXlsxFile from 'write-excel-file/node';

const { values } = parseArgs({ options: { rows: { type: 'string', default: '200000' }, runs: { type: 'string', default: '3' }, child: { type: 'string' }, file: { type: 'string' } } });

if (values.child) {
  // One read, in this process: time and peak memory.
  const { readFileSync } = await import('node:fs');
  const bytes = readFileSync(values.file!);
  const started = performance.now();
  let rows = 0;
  if (values.child === 'read-excel-file') {
    const { default: readExcelFile } = await import('read-excel-file/node');
    rows = ((await readExcelFile(bytes)) as Array<{ data: unknown[][] }>)[0]!.data.length;
  } else if (values.child === '@e965/xlsx') {
    const XLSX = await import('@e965/xlsx');
    const wb = XLSX.read(bytes, { type: 'buffer', dense: true, cellDates: true, cellText: false, cellStyles: true, raw: true });
    rows = (wb.Sheets[wb.SheetNames[0]!]!['!data'] as unknown[]).length;
  } else {
    const { workbookReader } = await import('../../src/ingest/readers/workbook.ts');
    const book = await workbookReader.read(new Uint8Array(bytes));
    book.sheets[0]!.forEachRow(() => rows++);
  }
  process.stdout.write(JSON.stringify({ ms: performance.now() - started, rows, rssMB: process.resourceUsage().maxRSS / 1024 }) + '\n');
  process.exit(0);
}

const ROWS = Number(values.rows);
const RUNS = Number(values.runs);
const dir = mkdtempSync(join(tmpdir(), 'workbook-bench-'));
const DEPARTMENTS = ['机电工程系', '信息工程系', '经济管理系', '建筑工程系', '医学护理系', '艺术设计系'];
const header = ['工号', '姓名', '系部', '周次', '日期', '谈心谈话', '查课', '宿舍卫生检查', '深入宿舍', '听课', '工作时长', '备注'];
const row = (i: number) => [
  String(100000 + (i % 5000)).padStart(6, '0'),
  `王芳${i % 997}`,
  DEPARTMENTS[i % DEPARTMENTS.length]!,
  1 + (i % 20),
  new Date(Date.UTC(2025, 8, 1 + (i % 140))),
  i % 9,
  1 + (i % 3),
  i % 4,
  i % 5,
  i % 2,
  30.5 + (i % 15),
  i % 13 ? '' : `备注${i}`,
];

let path = join(dir, 'worklog.xlsx');
let maker = 'write-excel-file';
const soffice = spawnSync('soffice', ['--version'], { encoding: 'utf8' });
if (soffice.status === 0) {
  // A CSV converted by LibreOffice: column 1 as text (keeps 001234), column 5 as dates (Y-M-D).
  const csv = join(dir, 'worklog.csv');
  const lines = [header.join(',')];
  for (let i = 0; i < ROWS; i++) lines.push(row(i).map((c) => (c instanceof Date ? c.toISOString().slice(0, 10) : String(c))).join(','));
  writeFileSync(csv, lines.join('\n') + '\n');
  execFileSync('soffice', ['--headless', '--infilter=CSV:44,34,76,1,1/2/2/1/3/1/4/1/5/5', '--convert-to', 'xlsx', '--outdir', dir, csv], { stdio: 'ignore' });
  maker = `LibreOffice (${soffice.stdout.trim().split(' ').slice(0, 2).join(' ')})`;
} else {
  const data = [header.map((h) => ({ value: h })), ...Array.from({ length: ROWS }, (_, i) => row(i).map((c) => (c instanceof Date ? { value: c, type: Date, format: 'yyyy-mm-dd' } : { value: c, type: typeof c === 'number' ? Number : String })))];
  writeFileSync(path, await writeXlsxFile(data as never).toBuffer());
}
copyFileSync(path, (path = join(dir, 'input.xlsx')));

const readers = ['read-excel-file', '@e965/xlsx', 'workbookReader'];
const results = new Map<string, Array<{ ms: number; rows: number; rssMB: number }>>(readers.map((r) => [r, []]));
for (let run = 0; run < RUNS; run++)
  for (const reader of readers) {
    const out = execFileSync(process.execPath, [import.meta.filename, '--child', reader, '--file', path], { encoding: 'utf8', maxBuffer: 1 << 20 });
    results.get(reader)!.push(JSON.parse(out));
  }
const range = (xs: number[], unit: string, digits = 0) => `${Math.min(...xs).toFixed(digits)}–${Math.max(...xs).toFixed(digits)} ${unit}`;
console.log(`${ROWS.toLocaleString('en-US')}-row .xlsx saved by ${maker}, ${RUNS} runs each:`);
for (const [reader, rs] of results)
  console.log(`  ${reader.padEnd(16)} ${range(rs.map((r) => r.ms / 1000), 's', 2)}  (${range(rs.map((r) => ROWS / (r.ms / 1000) / 1000), 'k rows/s')}), peak RSS ${range(rs.map((r) => r.rssMB), 'MB')}, ${rs[0]!.rows} rows`);
rmSync(dir, { recursive: true, force: true });
