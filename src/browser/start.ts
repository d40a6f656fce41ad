/**
 * Starts the in-browser engine with everything at once, so that its parts overlap: the database
 * files the page's first queries read, the engine's worker (which fetches and compiles the 34 MB
 * WebAssembly module) and the engine's JavaScript (src/browser/duckdb.ts, a chunk of its own).
 * This module is small and imports nothing heavy: it is part of every page's script.
 */
import type { TableFiles } from '../metrics/table-files.ts';
import type { BrowserDatabase } from './duckdb.ts';

const engineCode = () => import('./duckdb.ts');

/** Fetch the engine's JavaScript now (while the first view is painted), without starting it. */
export function preloadEngine(): void {
  void engineCode().catch(() => {}); // a failure shows when the engine starts
}

/**
 * DuckDB-WASM's build with WebAssembly exceptions (eh) where the browser has them, else the
 * baseline build (mvp): the choice duckdb.selectBundle makes, here without loading its code. The
 * bytes are the smallest module that uses a try block; the same test as DuckDB-WASM's own.
 */
function engineBuild(): 'eh' | 'mvp' {
  const tryBlock = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 4, 1, 96, 0, 0, 3, 2, 1, 0, 10, 8, 1, 6, 0, 6, 64, 25, 11, 11]);
  return WebAssembly.validate(tryBlock) ? 'eh' : 'mvp';
}

/** Site files are fetched whole: plain static servers (python's http.server) ignore Range requests. */
export type FileFetcher = (file: string) => Promise<Uint8Array>;

function fetcher(root: URL): FileFetcher {
  const started = new Map<string, Promise<Uint8Array>>();
  return (file) => {
    let bytes = started.get(file);
    if (!bytes) {
      bytes = fetch(new URL(file, root)).then(async (response) => {
        if (!response.ok) throw new Error(`无法读取数据文件 ${file}（HTTP ${response.status}）`);
        return new Uint8Array(await response.arrayBuffer());
      });
      bytes.catch(() => {}); // reported by whoever awaits it
      started.set(file, bytes);
    }
    return bytes;
  };
}

/**
 * `root`: the site root as a URL; `files`: the site's tables and their files; `first`: the tables
 * the page's first queries read, attached before the engine is reported ready.
 */
export async function startEngine(root: URL, files: TableFiles, first: readonly string[]): Promise<BrowserDatabase> {
  const fetchFile = fetcher(root);
  for (const table of first) void fetchFile(files[table]!);
  const build = engineBuild();
  const worker = new Worker(new URL(`duckdb/duckdb-browser-${build}.worker.js`, root));
  const { openDatabase } = await engineCode();
  return openDatabase(worker, new URL(`duckdb/duckdb-${build}.wasm`, root).href, files, first, fetchFile);
}
