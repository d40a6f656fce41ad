/**
 * Copies the DuckDB-WASM engine (wasm + worker, mvp and eh builds) into public/duckdb/, so the
 * site serves it itself: no CDN. The browser picks the build it supports and fetches only that.
 */
import { copyFile, mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const FILES = ['duckdb-mvp.wasm', 'duckdb-eh.wasm', 'duckdb-browser-mvp.worker.js', 'duckdb-browser-eh.worker.js'];

export async function copyDuckdbAssets(publicDir: string): Promise<void> {
  const require = createRequire(import.meta.url);
  const dist = dirname(require.resolve('@duckdb/duckdb-wasm/dist/duckdb-eh.wasm'));
  const target = join(publicDir, 'duckdb');
  await mkdir(target, { recursive: true });
  for (const file of FILES) await copyFile(join(dist, file), join(target, file));
}
