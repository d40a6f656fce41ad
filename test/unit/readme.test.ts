/** The README is the user's manual: its data dictionary and commands must match the code. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { REJECTS_OUTPUT, TABLES } from '../../src/domain/tables.ts';

const readme = readFileSync('README.md', 'utf8');
const scripts = JSON.parse(readFileSync('package.json', 'utf8')).scripts as Record<string, string>;

function dictionarySection(file: string): string {
  const heading = readme.indexOf(`### ${file}`);
  const start = readme.indexOf('|---|', heading);
  expect(heading, `README has a section for ${file}`).toBeGreaterThan(-1);
  const end = readme.indexOf('\n### ', start + 1);
  return readme.slice(start, end);
}

describe('README', () => {
  it.each([...Object.values(TABLES).map((t) => [t.file, t.output] as const), ['rejects.parquet', REJECTS_OUTPUT] as const])(
    'documents every column of %s, in order',
    (file, columns) => {
      const section = dictionarySection(file);
      const documented = [...section.matchAll(/^\| ([a-z_]+) \|/gm)].map((m) => m[1]);
      expect(documented).toEqual(columns.map((c) => c.name));
    },
  );

  it('gives the two commands, and they exist', () => {
    expect(readme).toContain('npm install && npm start');
    expect(readme).toContain('npm install && npm test');
    for (const name of ['start', 'test', 'ingest', 'build', 'serve', 'bench']) expect(scripts[name]).toBeTruthy();
  });
});
