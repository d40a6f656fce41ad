/**
 * The report checks what it prints: with no font that has Chinese glyphs (a fontconfig that knows
 * only an empty folder — as a fresh machine whose font cache is not yet built) it makes no PDF,
 * exits 2 and says what to install; with one, each PDF's text holds the report's title.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runIngest } from '../../src/ingest/run.ts';

const project = resolve(import.meta.dirname, '../..');
const scratch = mkdtempSync(join(tmpdir(), 'report-checks-'));
const dist = join(scratch, 'dist');
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

beforeAll(async () => {
  const input = join(scratch, 'exports', '2025-2026-1', '甲系');
  mkdirSync(input, { recursive: true });
  writeFileSync(join(input, '在校生人数.csv'), '系部,在校生人数\n甲系,1830\n');
  await runIngest({ input: join(scratch, 'exports'), out: join(scratch, 'public', 'data'), rulesPath: join(project, 'data/rules.json') });
  execFileSync(process.execPath, ['scripts/build.ts', '--public', join(scratch, 'public'), '--out', dist], { cwd: project, stdio: 'ignore' });
}, 300_000);

const report = (env: Record<string, string> = {}) =>
  spawnSync(process.execPath, ['scripts/report.ts', '--dist', dist], { cwd: project, encoding: 'utf8', env: { ...process.env, ...env }, timeout: 280_000 });
const pdfs = () => readdirSync(join(dist, 'report')).filter((f) => f.endsWith('.pdf') || f.includes('.pdf.'));

describe('npm run report', () => {
  it('with no Chinese font: exit 2, says what to install, writes no PDF', () => {
    const empty = join(scratch, 'no-fonts');
    mkdirSync(join(empty, 'fonts'), { recursive: true });
    writeFileSync(
      join(empty, 'fonts.conf'),
      `<?xml version="1.0"?>\n<fontconfig><dir>${join(empty, 'fonts')}</dir><cachedir>${join(empty, 'cache')}</cachedir></fontconfig>\n`,
    );
    const run = report({ FONTCONFIG_FILE: join(empty, 'fonts.conf') });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/找不到可显示中文的字体.*fonts-noto-cjk/);
    expect(run.stderr).not.toMatch(/\n\s+at |Error/);
    expect(pdfs()).toEqual([]);
  }, 300_000);

  it('with one: a PDF per semester whose text holds the report title', () => {
    const run = report();
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const pages = readdirSync(join(dist, 'report')).filter((f) => f.endsWith('.html'));
    expect(pdfs().sort()).toEqual(pages.map((p) => p.replace(/\.html$/, '.pdf')).sort());
    for (const page of pages) {
      const title = /<h1 class="report-title"[^>]*>([^<]+)</.exec(readFileSync(join(dist, 'report', page), 'utf8'))![1]!;
      const text = execFileSync('pdftotext', ['-enc', 'UTF-8', join(dist, 'report', page.replace(/\.html$/, '.pdf')), '-'], { encoding: 'utf8' });
      expect(text.replace(/\s+/g, '')).toContain(title.replace(/\s+/g, ''));
    }
    expect(existsSync(join(dist, 'report.html'))).toBe(true);
  }, 300_000);
});
