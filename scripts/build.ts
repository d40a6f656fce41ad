/**
 * npm run build [-- --public public --out dist --audience internal|public]
 * Internal (the default, or the rules' publish.audience): copies the DuckDB-WASM engine into
 * <public>/duckdb/, writes the site's database from the last ingest's output (<public>/data →
 * <public>/db, one DuckDB file per table) and builds <out> from them. Public: computes every view
 * of every page from the same data, withholding what the audience may not see, into a folder of
 * its own (nothing of <public> is copied), and builds <out> from that (src/site/public-build.ts).
 * Telemetry is off: the build sends nothing anywhere.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { copyDuckdbAssets } from './copy-duckdb-assets.ts';
import { settingsNotices } from '../src/domain/settings.ts';

const { values } = parseArgs({
  options: {
    public: { type: 'string', default: 'public' },
    out: { type: 'string', default: 'dist' },
    audience: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (values.help) {
  process.stdout.write(`用法：npm run build [-- --audience internal|public] [--out dist]
用上次导入的数据生成看板网站：默认为内部版（含人员信息，放在 dist/，只能部署在需要登录的位置）；
--audience public 生成只含汇总数据的公开版（建议 --out dist-public）。详见 docs/部署.md。
`);
  process.exit(0);
}
// Whose data this is, said first: the demo's, or a school's still under the demo's name.
try {
  const { rules } = JSON.parse(readFileSync(join(values.public, 'data', 'manifest.json'), 'utf8'));
  for (const line of settingsNotices(rules)) process.stdout.write(`${line}\n`);
} catch {
  // no data yet, or not readable: the build below says so
}
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
    await data.writePublicBuild(resolve(values.public), staging);
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
