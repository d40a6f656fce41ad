/**
 * npm run report [-- --dist dist]
 * Prints every semester's 党委会汇报 page (dist/report/<semester>.html) to an A4 PDF beside it with
 * the system Chromium, and links the PDFs from dist/report.html. Builds the site first when there
 * is none (and ingests the demo data when nothing has been ingested).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { commandLine } from '../src/io/command-line.ts';
import { findChromium, launchChromium } from '../src/io/chromium.ts';
import { serveStatic } from '../src/io/static-server.ts';

const USAGE = `
把各学期的党委会汇报打印为 PDF（放在 dist/report/ 中）。

用法：npm run report -- [选项]

  --dist 文件夹          网站所在的文件夹（默认 dist）
  --public 文件夹        导入结果所在的文件夹（默认 public）
  --help                 显示本说明
`;

const { values } = commandLine(USAGE, { dist: { type: 'string', default: 'dist' }, public: { type: 'string', default: 'public' } });
const dist = values.dist;

try {
  findChromium();
} catch (error) {
  process.stderr.write(`无法生成 PDF：${(error as Error).message}\n`);
  process.exit(2);
}

const node = (script: string, args: string[]) => execFileSync(process.execPath, [script, ...args], { stdio: 'inherit' });
if (!existsSync(join(dist, 'report'))) {
  if (!existsSync(join(values.public, 'data', 'manifest.json'))) {
    process.stdout.write('尚未导入数据，先导入 data/exports …\n');
    node('scripts/ingest.ts', ['--out', join(values.public, 'data'), '--quiet']);
  }
  process.stdout.write(`${dist}/ 中没有报告页面，先构建看板 …\n`);
  node('scripts/build.ts', ['--public', values.public, '--out', dist]);
}

const semesters = readdirSync(join(dist, 'report'))
  .filter((f) => f.endsWith('.html'))
  .map((f) => f.slice(0, -'.html'.length))
  .sort();
const server = await serveStatic(dist);
const browser = await launchChromium();
try {
  for (const [i, semester] of semesters.entries()) {
    const page = await browser.newPage();
    await page.goto(`${server.url}report/${semester}.html`, { waitUntil: 'load' });
    await page.emulateMedia({ media: 'print' });
    const path = join(dist, 'report', `${semester}.pdf`);
    // Page size, margins and page numbers come from the page's own @page CSS (src/styles/report.css).
    await page.pdf({ path, preferCSSPageSize: true, printBackground: true, tagged: true, outline: true });
    await page.close();
    process.stdout.write(`[${i + 1}/${semesters.length}] ${path}\n`);
  }
} finally {
  await browser.close();
  await server.close();
}

// Un-hide the links of the PDFs now present, on the index and on each report page (the pages are
// static; nothing is fetched to find out).
for (const page of [join(dist, 'report.html'), ...semesters.map((s) => join(dist, 'report', `${s}.html`))]) {
  if (!existsSync(page)) continue;
  const html = readFileSync(page, 'utf8').replace(/(<a class="pdf-link"[^>]*data-pdf="([^"]+)"[^>]*?)\s+hidden(?=[\s>])/g, (all, start: string, s: string) =>
    existsSync(join(dist, 'report', `${s}.pdf`)) ? start : all,
  );
  writeFileSync(page, html);
}
process.stdout.write(`已生成 ${semesters.length} 份 PDF，位于 ${dist}/report/；看板“党委会汇报”页已链接。\n`);
