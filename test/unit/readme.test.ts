/** The README is the user's manual: its data dictionary and commands must match the code. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dataDictionaryMarkdown } from '../../src/domain/tables/dictionary.ts';
import { TABLES, TABLE_KINDS } from '../../src/domain/tables/index.ts';

const readme = readFileSync('README.md', 'utf8');
const scripts = JSON.parse(readFileSync('package.json', 'utf8')).scripts as Record<string, string>;

describe('README', () => {
  it('carries the data dictionary of the current table specs (npm run docs rewrites it)', () => {
    expect(readme).toContain(dataDictionaryMarkdown());
    for (const kind of TABLE_KINDS) for (const c of TABLES[kind].output) expect(readme).toContain(`| ${c.name} |`);
  });

  it('gives the two commands, and they exist', () => {
    expect(readme).toContain('npm install && npm start');
    expect(readme).toContain('npm install && npm test');
    for (const name of ['start', 'test', 'ingest', 'build', 'serve', 'bench']) expect(scripts[name]).toBeTruthy();
  });
});
