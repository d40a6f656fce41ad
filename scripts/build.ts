/**
 * npm run build: copies the DuckDB-WASM engine into public/duckdb/ and builds dist/ from the
 * last ingest's output in public/data. Telemetry is off: the build sends nothing anywhere.
 */
process.env.ASTRO_TELEMETRY_DISABLED = '1';
await import('./copy-duckdb-assets.ts');
const { build } = await import('astro');
await build({ root: new URL('..', import.meta.url).pathname, logLevel: 'warn' });
process.stdout.write('构建完成：dist/（可整体复制到任意静态服务器目录）\n');
