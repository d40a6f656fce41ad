/**
 * npm run build [-- --public public --out dist --audience internal|public]
 * Internal (the default, or the rules' publish.audience): copies the DuckDB-WASM engine into
 * <public>/duckdb/, writes the site's database from the last ingest's output (<public>/data →
 * <public>/db, one DuckDB file per table) and builds <out> from them. Public: computes every view
 * of every page from the same data, withholding what the audience may not see, into a folder of
 * its own (nothing of <public> is copied), and builds <out> from that (src/site/public-build.ts).
 * Telemetry is off: the build sends nothing anywhere.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { copyDuckdbAssets } from './copy-duckdb-assets.ts';

const { values } = parseArgs({
  options: {
    public: { type: 'string', default: 'public' },
    out: { type: 'string', default: 'dist' },
    audience: { type: 'string' },
  },
});
if (values.audience != null && values.audience !== 'internal' && values.audience !== 'public') {
  process.stderr.write(`--audience 只能是 internal（内部版）或 public（公开版），而不是“${values.audience}”。\n`);
  process.exit(2);
}
process.env.ASTRO_TELEMETRY_DISABLED = '1';
// Read by astro.config.mjs and src/site/build-data.ts.
process.env.DASHBOARD_PUBLIC_DIR = resolve(values.public);
process.env.DASHBOARD_OUT_DIR = resolve(values.out);
const data = await import('../src/site/build-data.ts');
const audience = values.audience ?? data.loadManifest().rules.publish.audience ?? 'internal';
process.env.DASHBOARD_AUDIENCE = audience;

const staging = audience === 'public' ? mkdtempSync(join(tmpdir(), 'dashboard-public-')) : null;
try {
  if (staging) {
    process.env.DASHBOARD_BUILD_DIR = staging;
    process.env.DASHBOARD_SITE_DIR = data.publicSiteDir(staging);
    const withheld = await data.writePublicBuild(resolve(values.public), staging);
    // What the public build does not show, and why, for the clerk who publishes it.
    if (withheld.length) process.stdout.write(`公开版为保护个人信息不单独公布以下统计：\n${withheld.map((w) => `  ${w}`).join('\n')}\n`);
  } else {
    await copyDuckdbAssets(values.public);
    await data.writeSiteDatabase(resolve(values.public));
  }
  const { build } = await import('astro');
  await build({ root: resolve(import.meta.dirname, '..'), logLevel: 'warn' });
} finally {
  if (staging) rmSync(staging, { recursive: true, force: true });
}
process.stdout.write(
  `构建完成（${audience === 'public' ? '公开版：只含汇总数据' : '内部版：含人员信息，请部署在需要身份验证的位置'}）：${values.out}/（可整体复制到任意静态服务器的任意目录）\n`,
);
