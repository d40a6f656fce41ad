/** npm run docs: rewrites the README's data dictionary from the table specs. */
import { readFileSync, writeFileSync } from 'node:fs';
import { dataDictionaryMarkdown } from '../src/domain/tables/dictionary.ts';

const START = '<!-- data-dictionary:start -->';
const END = '<!-- data-dictionary:end -->';
const readme = readFileSync('README.md', 'utf8');
const [before, rest] = readme.split(START);
const after = rest!.split(END)[1];
writeFileSync('README.md', `${before}${START}\n${dataDictionaryMarkdown()}\n${END}${after}`);
