/**
 * Node's compile cache for a command's own modules: their TypeScript stripped and compiled once,
 * kept on disk (a folder in the system's temp folder, or NODE_COMPILE_CACHE's), and reused by the
 * next run. Stripping and compiling took some 0.3 s of CPU per ingest, twice over when a large
 * CSV is read in two halves (the worker loads its modules again). Must run before the modules it
 * is to cover are imported: callers import them after it, with import(). A cache that cannot be
 * written (a read-only temp folder, NODE_DISABLE_COMPILE_CACHE) leaves things as they were; Node
 * checks each entry it reads, so a stale or broken one is compiled again, never run.
 */
import { enableCompileCache } from 'node:module';

export function useCompileCache(): void {
  const { directory } = enableCompileCache();
  // A worker thread reads the variable when it starts, and then caches its own modules too.
  if (directory) process.env.NODE_COMPILE_CACHE = directory;
}
