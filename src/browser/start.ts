/**
 * Starts the in-browser engine with its parts overlapping: the engine's worker script and its
 * JavaScript (src/browser/duckdb.ts, a chunk of its own) load while the first view is painted;
 * then the worker fetches and compiles the 34 MB WebAssembly module while the page fetches the
 * database files its first queries read. This module is small and imports nothing heavy: it is
 * part of every page's script.
 */
import type { TableFiles } from '../metrics/table-files.ts';
import type { BrowserDatabase } from './duckdb.ts';

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

export interface EngineParts {
  worker: Promise<Worker>;
  wasm: string;
  code: Promise<typeof import('./duckdb.ts')>;
}

/**
 * Loads the engine's worker script and its JavaScript now, without starting the engine: both are
 * fetched and parsed off the page's main thread while the first view is painted.
 */
export function loadEngine(root: URL): EngineParts {
  const build = engineBuild();
  const code = import('./duckdb.ts');
  code.catch(() => {}); // reported when the engine starts
  // A worker that cannot be created (e.g. a page opened as a file) is reported when the engine starts.
  const worker = new Promise<Worker>((resolve) => resolve(new Worker(new URL(`duckdb/duckdb-browser-${build}.worker.js`, root))));
  worker.catch(() => {});
  return { worker, wasm: new URL(`duckdb/duckdb-${build}.wasm`, root).href, code };
}

/**
 * Starts the engine loaded by loadEngine. `files`: the site's tables and their files; `first`: the
 * tables the page's first queries read, fetched while the engine starts and attached before it is
 * reported ready.
 */
export async function startEngine(engine: EngineParts, root: URL, files: TableFiles, first: readonly string[]): Promise<BrowserDatabase> {
  const fetchFile = fetcher(root);
  for (const table of first) void fetchFile(files[table]!);
  const { openDatabase } = await engine.code;
  return openDatabase(await engine.worker, engine.wasm, files, first, fetchFile);
}
