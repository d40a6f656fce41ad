/** Runs one ingest and prints its figures as JSON: run in a child process so peak memory is its own. */
import { runIngest } from '../../src/ingest/run.ts';

const [input, out] = process.argv.slice(2);
const started = performance.now();
const manifest = await runIngest({ input: input!, out: out! });
const seconds = (performance.now() - started) / 1000;
process.stdout.write(
  JSON.stringify({ seconds, read: manifest.totals.read, accepted: manifest.totals.accepted, maxRssMB: process.resourceUsage().maxRSS / 1024 }) + '\n',
);
