/** npm run docs: rewrites the data dictionary (docs/数据字典.md) from the table specs. */
import { readFileSync, writeFileSync } from 'node:fs';
import { dataDictionaryMarkdown } from '../src/domain/tables/dictionary.ts';

const FILE = 'docs/数据字典.md';
const START = '<!-- data-dictionary:start -->';
const END = '<!-- data-dictionary:end -->';
const readme = readFileSync(FILE, 'utf8');
const [before, rest] = readme.split(START);
const after = rest!.split(END)[1];
writeFileSync(FILE, `${before}${START}\n${dataDictionaryMarkdown()}\n${END}${after}`);
