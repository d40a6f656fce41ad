/**
 * Before the end-to-end tests: ingest the demo exports and build the site into a scratch folder
 * (.cache/e2e) — the internal build in dist/, the public one in dist-public/ — leaving the user's public/data and dist/ alone.
 * The ingest and the internal build run as `npm start` runs them, their output kept in start.log
 * (test/e2e/start-output.test.ts reads it).
 */
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { runScript } from '../support/scripts.ts';

/** Overridable (E2E_DIR) so that two runs on one machine do not delete each other's site. */
export const E2E_DIR = resolve(process.env.E2E_DIR ?? '.cache/e2e');

export default async function setup(): Promise<void> {
  // E2E_REUSE=1: keep a site a previous run built (for working on one page's test; CI never sets it).
  // E2E_INTERNAL_ONLY=1 as well: the internal build alone is enough (npm run test:faults builds only what a fault's tests read).
  const internalOnly = process.env.E2E_INTERNAL_ONLY === '1';
  const built = existsSync(join(E2E_DIR, 'dist', 'index.html')) && (internalOnly || existsSync(join(E2E_DIR, 'dist-public', 'index.html')));
  if (process.env.E2E_REUSE === '1' && built) return;
  rmSync(E2E_DIR, { recursive: true, force: true });
  const ingest = await runScript('scripts/ingest.ts', ['--input', 'data/exports', '--out', join(E2E_DIR, 'public/data')]);
  // The internal build as `npm start` runs it, and beside it the aggregate-only build of the same
  // data (test/e2e/audience.test.ts): two processes at once, each mostly on one core.
  const [build] = await Promise.all([
    runScript('scripts/build.ts', ['--public', join(E2E_DIR, 'public'), '--out', join(E2E_DIR, 'dist')]),
    internalOnly ? Promise.resolve('') : runScript('scripts/build.ts', ['--public', join(E2E_DIR, 'public'), '--out', join(E2E_DIR, 'dist-public'), '--audience', 'public']),
  ]);
  writeFileSync(join(E2E_DIR, 'start.log'), ingest + build);
}
