/**
 * npm run report [-- --dist dist]
 * Prints every semester's 党委会汇报 page (dist/report/<semester>.html) to an A4 PDF beside it with
 * the system Chromium, and links the PDFs from dist/report.html. It prints only a site it is given:
 * a folder with no report pages (none built there, or a public build, which has none) is said so
 * (exit 2) — it never builds a site on its own, which could put the internal build where the public one belongs.
 */
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { commandLine } from '../src/io/command-line.ts';
import { FAULT_EXIT_CODE, faultMessage } from '../src/ingest/faults.ts';
import { findChromium, launchChromium } from '../src/io/chromium.ts';
import { chineseGlyphsRender, pdfHoldsTitle } from '../src/io/print-checks.ts';
import { serveStatic } from '../src/io/static-server.ts';

const USAGE = `
把各学期的党委会汇报打印为 PDF（放在看板文件夹的 report/ 中）。只打印已构建好的内部版看板，不会自行构建。

用法：npm run report -- [选项]

  --dist 文件夹          已构建的内部版看板所在的文件夹（默认 dist）
  --help                 显示本说明
`;

const { values } = commandLine(USAGE, { dist: { type: 'string', default: 'dist' } });
const dist = values.dist;

try {
  findChromium();
} catch (error) {
  process.stderr.write(`无法生成 PDF：${(error as Error).message}\n`);
  process.exit(FAULT_EXIT_CODE);
}

/** What the report says when what it printed cannot be read; nothing printed this run is kept. */
class PrintFault extends Error {}
const FONTS = '请安装中文字体后重新运行 npm run report（Debian/Ubuntu：sudo apt-get install -y fonts-noto-cjk；刚安装字体的，先运行 fc-cache -f）。';
const semesters = existsSync(join(dist, 'report'))
  ? readdirSync(join(dist, 'report'))
      .filter((f) => f.endsWith('.html'))
      .map((f) => f.slice(0, -'.html'.length))
      .sort()
  : [];
if (semesters.length === 0) {
  process.stderr.write(
    existsSync(join(dist, 'index.html'))
      ? `${dist}/ 中没有党委会汇报页面（公开版不含汇报）。请对内部版的文件夹运行：npm run report -- --dist <内部版文件夹>\n`
      : `${dist}/ 中没有构建好的看板。请先导入并构建（npm run ingest，npm run build -- --out ${dist}），再运行 npm run report -- --dist ${dist}\n`,
  );
  process.exit(FAULT_EXIT_CODE);
}
const server = await serveStatic(dist);
const browser = await launchChromium().catch((error: Error) => {
  process.stderr.write(`无法生成 PDF：浏览器未能启动（${error.message.split('\n')[0]}）。请确认 Chromium 可以运行，或设置环境变量 CHROMIUM_PATH 指向可用的浏览器。\n`);
  process.exit(FAULT_EXIT_CODE);
});
const printed: Array<[string, string]> = [];
let unchecked = false;
try {
  for (const [i, semester] of semesters.entries()) {
    const page = await browser.newPage();
    await page.goto(`${server.url}report/${semester}.html`, { waitUntil: 'load' });
    await page.emulateMedia({ media: 'print' });
    if (!(await chineseGlyphsRender(page))) throw new PrintFault(`浏览器找不到可显示中文的字体，打印出的 PDF 中汉字会显示为方框。${FONTS}`);
    const title = (await page.textContent('.report-title'))?.trim() ?? '';
    const path = join(dist, 'report', `${semester}.pdf`);
    const draft = join(dist, 'report', `.${semester}.pdf.tmp-${process.pid}`);
    printed.push([draft, path]);
    // Page size, margins and page numbers come from the page's own @page CSS (src/styles/report.css).
    await page.pdf({ path: draft, preferCSSPageSize: true, printBackground: true, tagged: true, outline: true });
    await page.close();
    const holdsTitle = pdfHoldsTitle(draft, title);
    if (holdsTitle === false) throw new PrintFault(`${path}：PDF 中读不到报告标题“${title}”，汉字可能未正确嵌入。${FONTS}`);
    unchecked ||= holdsTitle === null;
    process.stdout.write(`[${i + 1}/${semesters.length}] ${path}\n`);
  }
  // Every PDF checked: only now do they replace the previous ones.
  for (const [draft, path] of printed) renameSync(draft, path);
} catch (error) {
  for (const [draft] of printed) rmSync(draft, { force: true });
  process.stderr.write(`\n${error instanceof PrintFault ? `无法生成 PDF：${error.message}\n原有的 PDF 未被改动。` : faultMessage(error, '生成 PDF')}\n`);
  process.exitCode = FAULT_EXIT_CODE;
} finally {
  await browser.close();
  await server.close();
}
if (process.exitCode === FAULT_EXIT_CODE) process.exit(FAULT_EXIT_CODE);
if (unchecked) process.stdout.write('（本机未安装 pdftotext，未能核对 PDF 中的文字；可安装 poppler-utils 后重新运行以核对。）\n');

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
