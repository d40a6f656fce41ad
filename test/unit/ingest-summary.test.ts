/**
 * The run summary a clerk reads at the end of an ingest: one line per department whose figures
 * stand in columns, whatever the length of a 学院's name.
 */
import { describe, expect, it } from 'vitest';
import { formatSummary } from '../../src/ingest/summary.ts';
import type { Manifest } from '../../src/ingest/run.ts';

const sheet = (file: string, department: string, accepted: number) => ({
  file,
  sheet: null,
  departments: { [department]: accepted },
  read: accepted + 2,
  accepted,
  rejected: 0,
  skipped: 2,
  skipped_by_reason: { header: 2 },
  warnings: 0,
  hidden: false,
  personal_columns_dropped: [],
  set_aside: null,
  superseded: null,
});

const manifest = {
  totals: { files: 3, read: 36, accepted: 30, rejected: 0, skipped: 6, warnings: 0 },
  semesters: ['2025-2026-1'],
  departments: ['北校区电子信息与通信工程学院', '机电工程系', '城东化学与生物工程学院'],
  files: [
    sheet('2025-2026-1/北校区电子信息与通信工程学院/辅导员名册.csv', '北校区电子信息与通信工程学院', 12),
    sheet('2025-2026-1/机电工程系/辅导员名册.csv', '机电工程系', 8),
    sheet('2025-2026-1/城东化学与生物工程学院/辅导员名册.csv', '城东化学与生物工程学院', 10),
  ],
  tables: {},
  returns: [],
  not_read: [],
} as unknown as Manifest;

/** Terminal columns before `needle` in `line` (a Chinese character takes two). */
const columnOf = (line: string, needle: string) => [...line.slice(0, line.indexOf(needle))].reduce((n, ch) => n + (ch.charCodeAt(0) > 0x2e80 ? 2 : 1), 0);

describe('the ingest summary', () => {
  it('keeps every department’s file count in one column, however long its name', () => {
    const lines = formatSummary(manifest, 1000, 'out').split('\n');
    const header = lines.find((l) => l.startsWith('系部'))!;
    const rows = manifest.departments.map((d) => lines.find((l) => l.startsWith(d))!);
    for (const row of rows) expect(row).toMatch(/\s{2,}1\s/); // the name never runs into its file count
    const at = columnOf(header, '文件');
    for (const [i, row] of rows.entries()) expect(columnOf(row, ' 1 ') + 1, manifest.departments[i]).toBe(at);
  });
});
