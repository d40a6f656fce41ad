/** The data dictionary as Markdown, generated from the table specs (README's section is this text). */
import { COVERAGE_OUTPUT, REJECTS_OUTPUT, TABLES, TABLE_KINDS, WARNINGS_OUTPUT } from './index.ts';
import type { OutputColumn, TableSpec } from './types.ts';

function table(columns: readonly OutputColumn[]): string {
  const rows = columns.map((c) => `| ${c.name} | ${c.type}${c.nullable ? ', nullable' : ''} | ${c.label} |`);
  return ['| column | type | 中文 |', '|---|---|---|', ...rows].join('\n');
}

/** How a workbook's merged cells are read for this kind: each field's nature (types.ts `merged`). */
function mergedNote(spec: TableSpec): string {
  const filled = spec.input.filter((c) => c.merged === 'fill').map((c) => `「${c.label}」`);
  const additive = spec.input.filter((c) => c.additive).map((c) => `「${c.label}」`);
  return `合并单元格：文字（系部、年级、名称等）逐行填入其下各行${filled.length ? `；数字中${filled.join('')}是每一行的属性，也逐行填入` : ''}；其余数字（人数、次数、分数）是合计量，只计入第一行一次，并提示核对。${
    additive.length ? `${additive.join('')}是可相加的数量：表头中其下分为男、女，层次（本科、专科等）或年级几列时，各列相加计入，并提示。` : ''
  }`;
}

export function dataDictionaryMarkdown(): string {
  const sections = TABLE_KINDS.map((k) => `### ${TABLES[k].file} — ${TABLES[k].label}\n\n${table(TABLES[k].output)}\n\n${mergedNote(TABLES[k])}`);
  sections.push(`### rejects.parquet — 被拒绝的行\n\nOne row per problem cell of a rejected row.\n\n${table(REJECTS_OUTPUT)}`);
  sections.push(`### warnings.parquet — 数据质量提示\n\nFindings that did not reject a row (cross-checks); the rows stay counted.\n\n${table(WARNINGS_OUTPUT)}`);
  sections.push(
    `### coverage.parquet — 报送与导入状态\n\nWhat every figure rests on: per semester × department × export its status (received 已报送, partial 部分有误, unreadable 未能导入, missing 未报送), and a row per field a metric counts that the department's form (for a role) had no column for (column_missing 该项未报送). See docs/规则与口径.md.\n\n${table(COVERAGE_OUTPUT)}`,
  );
  return sections.join('\n\n');
}
