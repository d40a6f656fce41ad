/**
 * npm run screenshots [-- --dist dist --out .cache/screenshots --only index,staffing]
 * Every page of a built site at 1440 px and 390 px (full page, JavaScript on, after the engine is
 * ready), and each report page printed to PDF and rendered to PNG with pdftoppm — what a reviewer
 * looks at before a change to the layout goes in. With --docs it also writes the two small
 * pictures the README shows (docs/overview.png, docs/report-page-1.png).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { commandLine } from '../src/io/command-line.ts';
import { NAV } from '../src/dashboard/registry.ts';
import { launchChromium } from '../src/io/chromium.ts';
import { serveStatic } from '../src/io/static-server.ts';

const USAGE = `
为网站各页面截图（1440 像素和 390 像素宽），并把汇报打印为 PDF 和图片，供核对版面。

用法：npm run screenshots -- [选项]

  --dist 文件夹          网站所在的文件夹（默认 dist）
  --out 文件夹           截图输出文件夹（默认 .cache/screenshots）
  --only 页面            只截这些页面，逗号分隔（如 index,staffing）
  --docs                 同时更新说明文档中的两张图片
  --help                 显示本说明
`;

const { values } = commandLine(USAGE, {
    dist: { type: 'string', default: 'dist' },
    out: { type: 'string', default: '.cache/screenshots' },
    only: { type: 'string' },
    docs: { type: 'boolean', default: false },
  });
const dist = values.dist;
const out = values.out;
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

const departments = readdirSync(join(dist, 'departments')).filter((f) => f.endsWith('.html')).sort();
// A public build has no report (publish.public_report): no report pages to shoot.
const reports = existsSync(join(dist, 'report')) ? readdirSync(join(dist, 'report')).filter((f) => f.endsWith('.html')).sort() : [];
// Every page in the navigation, one department's page and the latest report.
const pages = [
  ...NAV.map((n) => n.path),
  `departments/${departments[0]}`,
  `report/${reports.at(-1)}`,
].filter((p) => !values.only || values.only.split(',').some((o) => p.startsWith(o)));

const server = await serveStatic(dist);
const browser = await launchChromium();
const name = (path: string) => path.replace(/\.html$/, '').replace(/[/]/g, '_');
try {
  for (const width of [1440, 390]) {
    const context = await browser.newContext({ viewport: { width, height: 900 }, deviceScaleFactor: 1 });
    for (const path of pages) {
      const page = await context.newPage();
      await page.goto(server.url + path, { waitUntil: 'load' });
      await page
        .waitForSelector('#engine-status[data-state="ready"], #engine-status[data-state="error"]', { timeout: 90_000 })
        .catch(() => undefined);
      const file = join(out, `${name(path)}-${width}.png`);
      await page.screenshot({ path: file, fullPage: true });
      process.stdout.write(`${file}\n`);
      // A phone's page is long and narrow: also in screen-sized parts, legible when looked at one by one.
      if (width < 600) {
        const height = await page.evaluate(() => document.documentElement.scrollHeight);
        for (let y = 0, part = 1; y < height && part <= 8; y += 1400, part++)
          await page.screenshot({ path: join(out, `${name(path)}-${width}-part${part}.png`), fullPage: true, clip: { x: 0, y, width, height: Math.min(1400, height - y) } });
      }
      await page.close();
    }
    await context.close();
  }
  // The report as printed: PDF, then each page as a PNG.
  for (const report of reports.slice(-1)) {
    const page = await browser.newPage();
    await page.goto(`${server.url}report/${report}`, { waitUntil: 'load' });
    await page.emulateMedia({ media: 'print' });
    const pdf = join(out, `${name(report)}.pdf`);
    await page.pdf({ path: pdf, preferCSSPageSize: true, printBackground: true });
    execFileSync('pdftoppm', ['-png', '-r', '60', pdf, join(out, `${name(report)}-pdf`)]);
    process.stdout.write(`${pdf} → ${join(out, `${name(report)}-pdf-*.png`)}\n`);
    await page.close();
  }
  // Every dashboard page printed (A4), for the print stylesheet.
  for (const path of pages.filter((p) => !p.startsWith('report'))) {
    const page = await browser.newPage();
    await page.goto(server.url + path, { waitUntil: 'load' });
    await page.emulateMedia({ media: 'print' });
    const pdf = join(out, `print-${name(path)}.pdf`);
    await page.pdf({ path: pdf, format: 'A4', printBackground: true, preferCSSPageSize: true });
    execFileSync('pdftoppm', ['-png', '-r', '40', pdf, join(out, `print-${name(path)}`)]);
    await page.close();
  }
  if (values.docs) {
    mkdirSync('docs', { recursive: true });
    // The first 1,600 px of the overview (cards, 需要关注, the grid), drawn at 0.6 scale to stay small.
    const page = await browser.newPage({ viewport: { width: 1440, height: 1600 }, deviceScaleFactor: 0.6 });
    await page.goto(`${server.url}index.html`, { waitUntil: 'load' });
    await page.waitForSelector('#engine-status[data-state="ready"]', { timeout: 90_000 }).catch(() => undefined);
    await page.screenshot({ path: 'docs/overview.png', fullPage: false });
    await page.close();
    const report = reports.at(-1)!;
    const printed = await browser.newPage();
    await printed.goto(`${server.url}report/${report}`, { waitUntil: 'load' });
    await printed.emulateMedia({ media: 'print' });
    const pdf = join(out, 'docs-report.pdf');
    await printed.pdf({ path: pdf, preferCSSPageSize: true, printBackground: true });
    execFileSync('pdftoppm', ['-png', '-r', '70', '-f', '1', '-l', '1', '-singlefile', pdf, 'docs/report-page-1']);
    await printed.close();
    process.stdout.write('docs/overview.png, docs/report-page-1.png\n');
  }
} finally {
  await browser.close();
  await server.close();
}
