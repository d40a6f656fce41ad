/**
 * npm run build [-- --public public --out dist]
 * Copies the DuckDB-WASM engine into <public>/duckdb/, writes the site's database from the last
 * ingest's output (<public>/data → <public>/db, one DuckDB file per table) and builds <out> from
 * them. Telemetry is off: the build sends nothing anywhere.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { copyDuckdbAssets } from './copy-duckdb-assets.ts';

const { values } = parseArgs({
  options: { public: { type: 'string', default: 'public' }, out: { type: 'string', default: 'dist' } },
});
process.env.ASTRO_TELEMETRY_DISABLED = '1';
// Read by astro.config.mjs and src/site/build-data.ts.
process.env.DASHBOARD_PUBLIC_DIR = resolve(values.public);
process.env.DASHBOARD_OUT_DIR = resolve(values.out);

await copyDuckdbAssets(values.public);
const { writeSiteDatabase } = await import('../src/site/build-data.ts');
await writeSiteDatabase(resolve(values.public));
const { build } = await import('astro');
await build({ root: resolve(import.meta.dirname, '..'), logLevel: 'warn' });
process.stdout.write(`构建完成：${values.out}/（可整体复制到任意静态服务器的任意目录）\n`);
