/** The data dictionary as Markdown, generated from the table specs (README's section is this text). */
import { REJECTS_OUTPUT, TABLES, TABLE_KINDS, WARNINGS_OUTPUT } from './index.ts';
import type { OutputColumn } from './types.ts';

function table(columns: readonly OutputColumn[]): string {
  const rows = columns.map((c) => `| ${c.name} | ${c.type}${c.nullable ? ', nullable' : ''} | ${c.label} |`);
  return ['| column | type | 中文 |', '|---|---|---|', ...rows].join('\n');
}

export function dataDictionaryMarkdown(): string {
  const sections = TABLE_KINDS.map((k) => `### ${TABLES[k].file} — ${TABLES[k].label}\n\n${table(TABLES[k].output)}`);
  sections.push(`### rejects.parquet — 被拒绝的行\n\nOne row per problem cell of a rejected row.\n\n${table(REJECTS_OUTPUT)}`);
  sections.push(`### warnings.parquet — 数据质量提示\n\nFindings that did not reject a row (cross-checks); the rows stay counted.\n\n${table(WARNINGS_OUTPUT)}`);
  return sections.join('\n\n');
}
