/**
 * node scripts/guide-images.ts — redraws the pictures of the clerk's guide (docs/images/) from the
 * demo data: a template and its 填表说明 as a spreadsheet shows them, a department's return list,
 * and the 报送 checklist on 数据质量 at 1440 px. Workbooks are drawn by LibreOffice (soffice, e.g.
 * `apt-get install libreoffice-calc`) as HTML and photographed in Chromium; the page is built from
 * the demo data and served locally. A maintenance tool, not part of the build.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { TemplateContext } from '../src/collection/template-columns.ts';
import { FIRST_DATA_ROW, templateColumns, templateWorkbook } from '../src/collection/template.ts';
import type { CellSpec } from '../src/collection/workbook.ts';
import { workbookBytes } from '../src/io/xlsx-workbook.ts';
import { launchChromium } from '../src/io/chromium.ts';
import { serveStatic } from '../src/io/static-server.ts';
import { loadRules } from '../src/ingest/run.ts';
import { commandLine } from '../src/io/command-line.ts';

const USAGE = `
根据演示数据重画使用说明中的图片（docs/images/）；需要 LibreOffice 和 Chromium。

用法：node scripts/guide-images.ts

  --help                 显示本说明
`;
commandLine(USAGE, {});

const IMAGES = resolve('docs/images');
const work = mkdtempSync(join(tmpdir(), 'guide-'));
const node = (script: string, args: string[]) => execFileSync(process.execPath, [script, ...args], { stdio: 'inherit' });

// The demo data, ingested and built apart from public/ and dist/.
const data = join(work, 'public', 'data');
node('scripts/ingest.ts', ['--out', data, '--quiet']);
node('scripts/build.ts', ['--public', join(work, 'public'), '--out', join(work, 'dist')]);
const manifest = JSON.parse(readFileSync(join(data, 'manifest.json'), 'utf8')) as { semesters: string[]; departments: string[]; returns: Array<{ department: string; file: string }> };
const semester = manifest.semesters.at(-1)!;
const rules = await loadRules('data/rules.json');

/** The roster template with its first rows filled in from the examples of its 填表说明, as a department would. */
async function filledRoster(): Promise<string> {
  const ctx: TemplateContext = { rules, semester, department: null, departments: [...manifest.departments].sort(new Intl.Collator('zh-CN').compare), classes: [] };
  const spec = templateWorkbook('counselors', ctx);
  const columns = templateColumns('counselors', ctx);
  const people = [['王芳', '0201015', '专职'], ['李明', '0201022', '专职'], ['张伟', '0203007', '兼职（教师）']];
  people.forEach(([name, id, employment], i) => {
    spec.sheets[0]!.rows[FIRST_DATA_ROW + i] = columns.map((c): CellSpec => {
      const example = ({ name, staff_id: id, employment } as Record<string, string>)[c.key] ?? c.guide.example(ctx);
      const value = c.guide.format === 'month' || c.guide.format === 'date' ? new Date(`${String(example).slice(0, 7)}-01T00:00:00Z`) : example;
      return { value, style: c.guide.format };
    });
  });
  const path = join(work, 'roster.xlsx');
  writeFileSync(path, await workbookBytes(spec));
  return path;
}

/** A workbook as LibreOffice shows it, as HTML with a spreadsheet's grid. */
function asHtml(xlsx: string, name: string): string {
  const dir = join(work, 'html');
  mkdirSync(dir, { recursive: true });
  const copy = join(dir, `${name}.xlsx`);
  writeFileSync(copy, readFileSync(xlsx));
  execFileSync('soffice', ['--headless', '--convert-to', 'html', '--outdir', dir, copy], { stdio: 'ignore' });
  const grid = '<style>body{margin:8px;background:#fff} h1,hr,center{display:none} td{border:1px solid #d9d9d9;font-family:"Noto Sans CJK SC",sans-serif;font-size:13px;padding:2px 4px}</style>';
  return readFileSync(join(dir, `${name}.html`), 'utf8').replace('</head>', `${grid}</head>`);
}

const browser = await launchChromium();
const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 });

/** The first `rows` rows of the n-th sheet of a workbook's HTML. */
async function photographSheet(html: string, sheet: number, rows: number, file: string) {
  await page.setContent(html);
  const table = page.locator('table').nth(sheet);
  await table.evaluate((t, n) => t.querySelectorAll('tr').forEach((tr, i) => i >= n && tr.remove()), rows);
  await table.screenshot({ path: join(IMAGES, file) });
}

mkdirSync(IMAGES, { recursive: true });
const roster = asHtml(await filledRoster(), 'roster');
await photographSheet(roster, 0, 10, '模板-辅导员名册.png');
await photographSheet(roster, 1, 26, '模板-填表说明.png');
const list = manifest.returns.find((r) => r.department === '机电工程系') ?? manifest.returns[0]!;
await photographSheet(asHtml(join(data, list.file), 'returns'), 0, 20, '退回清单.png');

const site = await serveStatic(join(work, 'dist'), { port: 0 });
await page.goto(`${site.url}quality.html?semester=2025-2026-1`);
// The semester with rows rejected, once the engine has drawn it.
await page.waitForFunction(() => document.querySelector('#checklist-title')?.textContent?.includes('2025-2026学年第一学期'), null, { timeout: 90_000 });
await page.locator('#panel-checklist').screenshot({ path: join(IMAGES, '报送清单.png') });
await site.close();
await browser.close();
process.stdout.write(`已更新 ${IMAGES} 中的 4 张图片。\n`);
