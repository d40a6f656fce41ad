/**
 * npm run build [-- --public public --out dist --audience internal|public]
 * Internal (the default, or the rules' publish.audience): stages the site's files in its own fresh
 * folder — the last ingest's output (<public>/data, hard-linked), the DuckDB-WASM engine, and the
 * site's database written from that output (one DuckDB file per table) — and builds <out> from
 * them; nothing is written into <public>, so builds from one ingest to two sites never meet. Public: computes every view
 * of every page from the same data, withholding what the audience may not see, into a folder of
 * its own (nothing of <public> is copied), and builds <out> from that (src/site/public-build.ts).
 *
 * Like the ingest, the build holds <out>'s lock and writes into a fresh folder beside it, swapped
 * in whole at the end (src/io/output-swap.ts): a failed or killed build leaves the previous site
 * as it was, and a second build into the same <out> is refused. Astro's own prerendering files go
 * inside that fresh folder too (two builds never share them), which is made the working folder —
 * Astro keeps them under its output folder only if that lies within the working folder — and is
 * given a link to the project's node_modules, from which the prerendered chunks import.
 * Telemetry is off: the build sends nothing anywhere.
 */
import { mkdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { commandLine } from '../src/io/command-line.ts';
import { FAULT_EXIT_CODE, faultMessage } from '../src/ingest/faults.ts';
import { lockOutput } from '../src/ingest/lock.ts';
import { checkDataFiles } from '../src/ingest/manifest-file.ts';
import { freshFolderFor, recoverInterruptedRun, swapIn } from '../src/io/output-swap.ts';
import { linkTree } from '../src/io/link-tree.ts';
import { copyDuckdbAssets } from './copy-duckdb-assets.ts';
import { settingsNotices } from '../src/domain/settings.ts';

const USAGE = `
生成看板网站。

用法：npm run build -- [选项]

  --public 文件夹        导入结果所在的文件夹（默认 public）
  --out 文件夹           网站输出文件夹（默认 dist）
  --audience 版本        internal（内部版，默认）或 public（公开版，只含汇总数字）
  --help                 显示本说明
`;

const { values } = commandLine(USAGE, {
    public: { type: 'string', default: 'public' },
    out: { type: 'string', default: 'dist' },
    audience: { type: 'string' },
  });
// Whose data this is, said first: the demo's, or a school's still under the demo's name.
try {
  const { rules } = JSON.parse(readFileSync(join(values.public, 'data', 'manifest.json'), 'utf8'));
  for (const line of settingsNotices(rules)) process.stdout.write(`${line}\n`);
} catch {
  // no data yet, or not readable: the build below says so
}
if (values.audience != null && values.audience !== 'internal' && values.audience !== 'public') {
  process.stderr.write(`--audience 只能是 internal（内部版）或 public（公开版），而不是“${values.audience}”。\n`);
  process.exit(FAULT_EXIT_CODE);
}
const project = resolve(import.meta.dirname, '..');
const out = resolve(values.out);
const work = freshFolderFor(out);
let release = () => {};
let working = false;
const cleanup = () => {
  if (working) rmSync(work, { recursive: true, force: true });
  release();
};
for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]] as const)
  process.on(signal, () => {
    cleanup();
    process.stderr.write(`\n构建已中断，原有站点（${values.out}）未被改动。\n`);
    process.exit(code);
  });

try {
  mkdirSync(dirname(out), { recursive: true });
  release = await lockOutput(out, '构建');
  await recoverInterruptedRun(out);
  working = true;
  mkdirSync(work, { recursive: true });
  symlinkSync(join(project, 'node_modules'), join(work, 'node_modules'), 'dir');
  const site = join(work, 'site');

  process.env.ASTRO_TELEMETRY_DISABLED = '1';
  // Read by astro.config.mjs and src/site/build-data.ts.
  process.env.DASHBOARD_PUBLIC_DIR = resolve(values.public);
  process.env.DASHBOARD_OUT_DIR = site;
  const data = await import('../src/site/build-data.ts');
  const manifest = data.loadManifest();
  checkDataFiles(data.DATA_DIR, manifest);
  const audience = values.audience ?? manifest.rules.publish.audience ?? 'internal';
  process.env.DASHBOARD_AUDIENCE = audience;
  if (audience === 'public') {
    const staging = join(work, 'public-build');
    mkdirSync(staging);
    process.env.DASHBOARD_BUILD_DIR = staging;
    process.env.DASHBOARD_SITE_DIR = data.publicSiteDir(staging);
    const withheld = await data.writePublicBuild(resolve(values.public), staging);
    // What the public build does not show, and why, for the clerk who publishes it.
    if (withheld.length) process.stdout.write(`公开版为保护个人信息不单独公布以下统计：\n${withheld.map((w) => `  ${w}`).join('\n')}\n`);
  } else {
    // What the site serves, staged in this build's own folder: the ingest's data linked in, the
    // engine and the site database written beside it — never into --public, which another build
    // (to another --out) or the next ingest may be using.
    const siteFiles = join(work, 'site-files');
    linkTree(join(resolve(values.public), 'data'), join(siteFiles, 'data'));
    process.env.DASHBOARD_SITE_DIR = siteFiles;
    await copyDuckdbAssets(siteFiles);
    await data.writeSiteDatabase(resolve(values.public), siteFiles);
  }
  data.writeSharedContext();
  const { build } = await import('astro');
  process.chdir(work);
  await build({ root: project, logLevel: 'warn' });
  process.chdir(project);
  rmSync(join(site, '.prerender'), { recursive: true, force: true });
  await swapIn(site, out);
  cleanup();
  process.stdout.write(
    `构建完成（${audience === 'public' ? '公开版：只含汇总数据' : '内部版：含人员信息，请部署在需要身份验证的位置'}）：${values.out}/（可整体复制到任意静态服务器的任意目录）\n`,
  );
} catch (error) {
  cleanup();
  process.stderr.write(`\n${faultMessage(error, '构建')}\n`);
  if (process.env.INGEST_DEBUG) process.stderr.write(`${(error as Error)?.stack ?? String(error)}\n`);
  process.exit(FAULT_EXIT_CODE);
}
