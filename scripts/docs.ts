/** npm run docs: rewrites the data dictionary (docs/数据字典.md) from the table specs. */
import { readFileSync, writeFileSync } from 'node:fs';
import { dataDictionaryMarkdown } from '../src/domain/tables/dictionary.ts';
import { commandLine } from '../src/io/command-line.ts';

const USAGE = `
根据各报表的列定义，重写数据字典（docs/数据字典.md）。

用法：npm run docs

  --help                 显示本说明
`;
commandLine(USAGE, {});

const FILE = 'docs/数据字典.md';
const START = '<!-- data-dictionary:start -->';
const END = '<!-- data-dictionary:end -->';
const readme = readFileSync(FILE, 'utf8');
const [before, rest] = readme.split(START);
const after = rest!.split(END)[1];
writeFileSync(FILE, `${before}${START}\n${dataDictionaryMarkdown()}\n${END}${after}`);
