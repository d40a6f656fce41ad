/**
 * What `npm start` prints on the demo: the global setup ran its ingest and build as `npm start`
 * does and kept their output (start.log); serve's lines are read here from a real start. Fewer
 * than 40 lines in all, saying it is the demo, and nothing in English.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { E2E_DIR } from './global-setup.ts';

const log = readFileSync(join(E2E_DIR, 'start.log'), 'utf8');
const lines = (text: string) => text.split('\n').filter((line, i, all) => i < all.length - 1 || line !== '');

/** npm's own lines before a script runs: a blank, "> name@version start", "> the command", a blank. */
const NPM_HEADER_LINES = 4;

/** What serve prints until it is ready (it runs until stopped). */
function serveOutput(): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['scripts/serve.ts', '--dir', join(E2E_DIR, 'dist'), '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const done = setTimeout(() => (child.kill(), reject(new Error(`serve did not start: ${out}`))), 30_000);
    const take = (chunk: Buffer) => {
      out += chunk;
      if (out.includes('Ctrl+C')) {
        clearTimeout(done);
        child.kill();
        resolve(out);
      }
    };
    child.stdout.on('data', take);
    child.stderr.on('data', take);
  });
}

/**
 * English words left once what a clerk types or opens is taken out: commands (npm run setup),
 * options, keys (Ctrl+C), and paths or file names (anything holding / or a dot between letters).
 */
function englishIn(text: string): string[] {
  const rest = text
    .replace(/npm (run [a-z:-]+|start|test|install)/g, '')
    .replace(/--[a-z-]+/g, '')
    .replace(/Ctrl\+C/g, '')
    .replace(/[^\s，。：；、（）“”—]*(\/|\\|[A-Za-z0-9]\.[A-Za-z])[^\s，。：；、（）“”—]*/g, '')
    .replace(/README/g, '');
  return rest.match(/[A-Za-z]{2,}[A-Za-z ,.'-]*/g) ?? [];
}

describe('npm start on the demo', () => {
  it('prints fewer than 40 lines, says it is the demo and that its faults are planted, and no English', async () => {
    const serve = await serveOutput();
    const total = NPM_HEADER_LINES + lines(log).length + lines(serve).length;
    expect(total, log + serve).toBeLessThan(40);
    // Before the summary: what the demo is.
    const demo = lines(log).findIndex((line) => /示例数据.*有意放入.*退回清单/.test(line));
    expect(demo, log).toBeGreaterThanOrEqual(0);
    expect(demo, log).toBeLessThan(lines(log).findIndex((line) => line.startsWith('导入完成')));
    expect(englishIn(log + serve), log + serve).toEqual([]);
    // The summary names the tables as the clerk knows them.
    expect(log).toMatch(/输出：.*辅导员名册 \d+，工作记录 \d+/);
  });
});
