/**
 * Copies the DuckDB-WASM engine (wasm + worker, mvp and eh builds) into <folder>/duckdb/ (the build's
 * staged site folder), so the
 * site serves it itself: no CDN. The browser picks the build it supports and fetches only that.
 */
import { copyFile, mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { commandLine } from '../src/io/command-line.ts';

const USAGE = `
构建网站时，把 DuckDB-WASM 引擎文件复制到网站中，由网站自己提供（不用外部网站）。此脚本由 npm run build 调用，无需单独运行。

用法：node scripts/copy-duckdb-assets.ts

  --help                 显示本说明
`;
const FILES = ['duckdb-mvp.wasm', 'duckdb-eh.wasm', 'duckdb-browser-mvp.worker.js', 'duckdb-browser-eh.worker.js'];

export async function copyDuckdbAssets(publicDir: string): Promise<void> {
  const require = createRequire(import.meta.url);
  const dist = dirname(require.resolve('@duckdb/duckdb-wasm/dist/duckdb-eh.wasm'));
  const target = join(publicDir, 'duckdb');
  await mkdir(target, { recursive: true });
  for (const file of FILES) await copyFile(join(dist, file), join(target, file));
}

// Run as a script (build.ts imports it): --help says what it does.
if (import.meta.main) commandLine(USAGE, {});
