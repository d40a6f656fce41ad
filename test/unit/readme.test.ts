/** The README is the clerk's front door: short, Chinese, and every command and link in it works. */
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dataDictionaryMarkdown } from '../../src/domain/tables/dictionary.ts';
import { TABLES, TABLE_KINDS } from '../../src/domain/tables/index.ts';

const readme = readFileSync('README.md', 'utf8');
const scripts = JSON.parse(readFileSync('package.json', 'utf8')).scripts as Record<string, string>;

describe('README', () => {
  it('links the data dictionary, which carries the current table specs (npm run docs rewrites it)', () => {
    expect(readme).toContain('(docs/数据字典.md)');
    const dictionary = readFileSync('docs/数据字典.md', 'utf8');
    expect(dictionary).toContain(dataDictionaryMarkdown());
    for (const kind of TABLE_KINDS) for (const c of TABLES[kind].output) expect(dictionary).toContain(`| ${c.name} |`);
  });

  it('gives the two commands, and they exist', () => {
    expect(readme).toContain('npm install && npm start');
    expect(readme).toContain('npm install && npm test');
    for (const name of ['start', 'test', 'ingest', 'build', 'serve', 'bench']) expect(scripts[name]).toBeTruthy();
    // npm start's steps are the project's own scripts.
    for (const m of scripts.start!.matchAll(/node (scripts\/[\w-]+\.ts)/g)) expect(existsSync(m[1]!), m[1]).toBe(true);
  });

  it('is at most 200 lines, and its prose is Chinese', () => {
    const lines = readme.split('\n');
    expect(lines.length).toBeLessThanOrEqual(200);
    const prose = proseLines(readme);
    expect(prose.length).toBeGreaterThan(20);
    const others = prose.filter((line) => !mainlyChinese(line));
    expect(others.length / prose.length, others.join('\n')).toBeLessThan(0.1);
  });

  it('states what the tests need, and .ci/run installs exactly that', () => {
    const ci = readFileSync('.ci/run', 'utf8');
    for (const need of ['chromium', 'fonts-noto-cjk', 'poppler-utils']) {
      expect(readme, need).toContain(need);
      expect(ci, need).toContain(`missing+=(${need})`);
    }
    expect(readme).toMatch(/root[\s\S]*setpriv/);
    expect(ci).toContain('setpriv');
    accessSync('.ci/run', constants.X_OK);
  });

  for (const [doc, text] of [['README.md', readme], ['docs/本校设置.md', readFileSync('docs/本校设置.md', 'utf8')]] as const) {
    it(`${doc}: every command in it runs (its --help, in Chinese, knows every option used)`, () => {
      const commands = commandsIn(text);
      expect(commands.length).toBeGreaterThan(doc === 'README.md' ? 6 : 2);
      for (const command of commands) {
        if (/^(npm install && )?npm (start|test)$/.test(command)) continue; // checked above; the suite cannot run itself
        const m = /^npm run ([a-z:-]+)(?: -- (.*))?$/.exec(command);
        expect(m, command).not.toBeNull();
        const script = /^node (?:--\S+ )*(scripts\/[\w-]+\.ts)$/.exec(scripts[m![1]!] ?? '');
        expect(script, `${command}: package.json runs it with node`).not.toBeNull();
        const help = spawnSync(process.execPath, [script![1]!, '--help'], { encoding: 'utf8', timeout: 30_000 });
        expect(help.status, `${command} --help: ${help.stderr}`).toBe(0);
        expect(help.stdout, command).toMatch(/^用法：npm run /m);
        for (const option of (m![2] ?? '').matchAll(/--[a-z-]+/g)) expect(help.stdout, `${command}: ${option[0]}`).toContain(option[0]);
      }
    }, 180_000);

    it(`${doc}: every link and picture resolves`, () => {
      const targets = [...text.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]!.split('#')[0]!).filter((t) => t && !/^https?:/.test(t));
      expect(targets.length).toBeGreaterThan(doc === 'README.md' ? 8 : 0);
      for (const target of targets) expect(existsSync(join(dirname(doc), target)), target).toBe(true);
    });
  }
});

/** The lines a reader reads: outside code blocks, with inline code, link targets, table rules and markup removed. */
function proseLines(markdown: string): string[] {
  let inCode = false;
  const out: string[] = [];
  for (const raw of markdown.split('\n')) {
    if (raw.startsWith('```')) {
      inCode = !inCode;
      continue;
    }
    if (inCode) continue;
    const line = raw
      .replace(/`[^`]*`/g, '')
      .replace(/\]\([^)]*\)/g, ']')
      .replace(/[#|*>!\[\]\-:]/g, '')
      .trim();
    if (/[\p{L}]/u.test(line)) out.push(line);
  }
  return out;
}

/** More Chinese characters than Latin letters (names of software such as Chromium may stand among them). */
const mainlyChinese = (line: string) => (line.match(/\p{Script=Han}/gu) ?? []).length > (line.match(/[A-Za-z]/g) ?? []).length;

/** The commands a document gives: lines of its code blocks and its inline code that start with npm. */
function commandsIn(markdown: string): string[] {
  const blocks = [...markdown.matchAll(/```[a-z]*\n([\s\S]*?)```/g)].flatMap((m) => m[1]!.split('\n'));
  const inline = [...markdown.replace(/```[\s\S]*?```/g, '').matchAll(/`([^`]+)`/g)].map((m) => m[1]!);
  return [...new Set([...blocks, ...inline].map((line) => line.replace(/\s+#.*$/, '').trim()).filter((line) => line.startsWith('npm ')))];
}

const guide = readFileSync('docs/使用说明.md', 'utf8');

/** Every code a rejected row, a file set aside or a warning can carry, as the source writes them. */
function ingestCodes(): string[] {
  const codes = new Set<string>();
  const union = (file: string, type: string) => {
    const text = readFileSync(file, 'utf8');
    const body = text.slice(text.indexOf(`export type ${type} =`), text.indexOf(';', text.indexOf(`export type ${type} =`)));
    for (const m of body.matchAll(/'([A-Z_]+)'/g)) codes.add(m[1]!);
  };
  union('src/domain/cells.ts', 'RejectCode');
  union('src/ingest/readers/types.ts', 'SetAsideCode');
  for (const entry of readdirSync('src', { recursive: true, withFileTypes: true }))
    if (entry.isFile() && entry.name.endsWith('.ts'))
      for (const m of readFileSync(join(entry.parentPath, entry.name), 'utf8').matchAll(
        // code: 'X', code: a ? 'X' : 'Y', and warn(row, column, 'X', …)
        /\bcode: (?:[^,\n?]+\? )?'([A-Z][A-Z_]+)'(?: : '([A-Z][A-Z_]+)')?|\bwarn\([^\n]*?'([A-Z][A-Z_]{3,})'/g,
      ))
        for (const code of m.slice(1)) if (code) codes.add(code);
  return [...codes].sort();
}

describe('the clerk’s guide (docs/使用说明.md)', () => {
  it('is linked from the README, whose Chinese quick start gives the three steps', () => {
    expect(readme).toContain('(docs/使用说明.md)');
    const quickStart = readme.slice(readme.indexOf('## 快速开始'), readme.indexOf('## 文档'));
    expect(quickStart).toMatch(/下发模板[\s\S]*npm run templates[\s\S]*收回[\s\S]*导入并退回[\s\S]*npm run ingest[\s\S]*returns/);
  });

  it('says what every message of the ingest means', () => {
    const codes = ingestCodes();
    expect(codes.length).toBeGreaterThan(25);
    expect(codes.filter((code) => !guide.includes(`<!-- ${code} -->`))).toEqual([]);
  });

  it('names only commands that exist and pictures that are there', () => {
    for (const doc of [readme, guide])
      for (const m of doc.matchAll(/npm run ([a-z:-]+)/g)) expect(scripts[m[1]!], `npm run ${m[1]}`).toBeTruthy();
    const pictures = [...guide.matchAll(/!\[[^\]]+\]\(([^)]+)\)/g)].map((m) => m[1]!);
    expect(pictures.length).toBeGreaterThanOrEqual(4);
    for (const picture of pictures) expect(existsSync(join('docs', picture)), picture).toBe(true);
  });
});
