/**
 * Runs one ingest and prints its figures as JSON: run in a child process so peak memory is its own
 * (and its CPU time: the modules are loaded before either is counted).
 * argv: input, out, and the largest file to read in MB (the bench's own generated files may be
 * larger than a clerk's default limit; a file set aside would make the figures meaningless).
 */
import { useCompileCache } from '../../src/io/compile-cache.ts';

// As scripts/ingest.ts runs: the modules compiled once (the worker's are loaded while it is timed).
useCompileCache();
const { runIngest } = await import('../../src/ingest/run.ts');

const [input, out, maxFileMB] = process.argv.slice(2);
const started = performance.now();
const cpu = process.cpuUsage();
const manifest = await runIngest({ input: input!, out: out!, maxFileBytes: maxFileMB ? Number(maxFileMB) * 2 ** 20 : undefined });
const seconds = (performance.now() - started) / 1000;
const used = process.cpuUsage(cpu);
process.stdout.write(
  JSON.stringify({
    seconds,
    // CPU time of every thread of the process (the worker reading a tail's too), user and system.
    cpuSeconds: (used.user + used.system) / 1e6,
    read: manifest.totals.read,
    accepted: manifest.totals.accepted,
    setAside: manifest.totals.set_aside,
    departments: manifest.departments.length,
    maxRssMB: process.resourceUsage().maxRSS / 1024,
  }) + '\n',
);
