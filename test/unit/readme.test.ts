/** The README is the user's manual: its data dictionary and commands must match the code. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
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
  });
});

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
