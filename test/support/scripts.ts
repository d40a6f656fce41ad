/**
 * The project's command-line scripts run as a clerk runs them, several at once where they do not
 * depend on each other (the internal and the public build of one ingest): on two cores the two
 * builds together take little more than the longer one alone.
 */
import { spawn } from 'node:child_process';

/** Runs `node <script> <args>`; resolves with what it printed (stdout and stderr, as they came), rejects on a non-zero exit. */
export function runScript(script: string, args: string[]): Promise<string> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [script, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let said = '';
    child.stdout.on('data', (d) => (said += d));
    child.stderr.on('data', (d) => (said += d));
    child.on('error', fail);
    child.on('close', (status, signal) => (status === 0 ? done(said) : fail(new Error(`${script} ${args.join(' ')} failed (${status ?? signal}):\n${said}`))));
  });
}
