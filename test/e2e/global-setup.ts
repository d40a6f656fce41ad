/**
 * Before the end-to-end tests: ingest the demo exports and build the site into a scratch folder
 * (.cache/e2e) — the internal build in dist/, the public one in dist-public/ — leaving the user's public/data and dist/ alone.
 * The ingest and the internal build run as `npm start` runs them, their output kept in start.log
 * (test/e2e/start-output.test.ts reads it).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Overridable (E2E_DIR) so that two runs on one machine do not delete each other's site. */
export const E2E_DIR = resolve(process.env.E2E_DIR ?? '.cache/e2e');

export default function setup(): void {
  // E2E_REUSE=1: keep a site a previous run built (for working on one page's test; CI never sets it).
  // E2E_INTERNAL_ONLY=1 as well: the internal build alone is enough (npm run test:faults builds only what a fault's tests read).
  const built = existsSync(join(E2E_DIR, 'dist', 'index.html')) && (process.env.E2E_INTERNAL_ONLY === '1' || existsSync(join(E2E_DIR, 'dist-public', 'index.html')));
  if (process.env.E2E_REUSE === '1' && built) return;
  rmSync(E2E_DIR, { recursive: true, force: true });
  const run = (script: string, args: string[]) =>
    execFileSync(process.execPath, [script, ...args], { stdio: ['ignore', 'ignore', 'inherit'] });
  /** What the clerk sees of a step of `npm start`: its output, stdout and stderr as they come. */
  const said = (script: string, args: string[]) => {
    const result = spawnSync('sh', ['-c', `"$0" "$@" 2>&1`, process.execPath, script, ...args], { encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });
    if (result.status !== 0) throw new Error(`${script} failed (${result.status}):\n${result.stdout}`);
    return result.stdout;
  };
  const ingest = said('scripts/ingest.ts', ['--input', 'data/exports', '--out', join(E2E_DIR, 'public/data')]);
  const build = said('scripts/build.ts', ['--public', join(E2E_DIR, 'public'), '--out', join(E2E_DIR, 'dist')]);
  writeFileSync(join(E2E_DIR, 'start.log'), ingest + build);
  // The aggregate-only build of the same data (test/e2e/audience.test.ts).
  run('scripts/build.ts', ['--public', join(E2E_DIR, 'public'), '--out', join(E2E_DIR, 'dist-public'), '--audience', 'public']);
}
