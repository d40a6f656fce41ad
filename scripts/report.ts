/**
 * npm run report [-- --dist dist]
 * Prints every semester's 党委会汇报 page (dist/report/<semester>.html) to an A4 PDF beside it with
 * the system Chromium, and links the PDFs from dist/report.html. It prints only a site it is given:
 * a folder with no report pages (none built there, or a public build, which has none) is said so
 * (exit 2) — it never builds a site on its own, which could put the internal build where the public one belongs.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { findChromium, launchChromium } from '../src/io/chromium.ts';
import { serveStatic } from '../src/io/static-server.ts';

let values: { dist: string };
try {
  values = parseArgs({ options: { dist: { type: 'string', default: 'dist' } } }).values as { dist: string };
} catch (error) {
  process.stderr.write(`参数有误：${(error as Error).message}\n用法：npm run report -- --dist <已构建的看板文件夹>\n`);
  process.exit(2);
}
const dist = values.dist;

try {
  findChromium();
} catch (error) {
  process.stderr.write(`无法生成 PDF：${(error as Error).message}\n`);
  process.exit(2);
}

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
  process.exit(2);
}
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
