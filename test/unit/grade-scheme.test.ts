/**
 * A school's own grade scheme: the grades its rules file lists, under its own names, on the 考核 page
 * (table, chart, rule text) and in the report's sentence — never the four standard names it does not
 * use. Two schools' 考核汇总表 ingested as a clerk would: one grading 优秀/合格/不合格, one
 * 优秀/称职/基本称职/不称职. A filed grade stays what was filed (an 优秀 at 88.5 points is 优秀).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JSDOM } from 'jsdom';
import { afterAll, describe, expect, it } from 'vitest';
import { buildContext, type DashboardContext } from '../../src/dashboard/context.ts';
import { assessmentPage } from '../../src/dashboard/pages/assessment.ts';
import { queryPanel } from '../../src/dashboard/run.ts';
import { runIngest } from '../../src/ingest/run.ts';
import { NodeRunner } from '../../src/io/duckdb-node.ts';
import { AttachedTables } from '../../src/metrics/table-files.ts';
import { collectFigures } from '../../src/report/figures.ts';
import { assessmentParagraph } from '../../src/report/narrative.ts';
import { loadManifest, writeSiteDatabase } from '../../src/site/build-data.ts';
import { initialState } from '../../src/views/controls.ts';
import { screenColumns } from '../../src/views/table.ts';

const S = '2025-2026-1';
const scratch = mkdtempSync(join(tmpdir(), 'grade-scheme-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A school's folder: its rules.json (the bands it grades by, with its names) and one 考核汇总表. */
async function school(name: string, bands: { grade: string; min: number; name?: string }[], rows: [string, string, string][]) {
  const input = join(scratch, name, 'exports');
  mkdirSync(join(input, S, '机电工程系'), { recursive: true });
  writeFileSync(join(input, 'rules.json'), JSON.stringify({ profiles: { default: { assessment: { bands: { value: bands, source: '本校考核办法' } } } } }));
  writeFileSync(join(input, S, '机电工程系', '考核汇总表.csv'), ['姓名,系部,角色,总分,考核结果', ...rows.map(([n, score, grade]) => `${n},机电工程系,辅导员,${score},${grade}`)].join('\r\n') + '\r\n');
  const publicDir = join(scratch, name, 'public');
  await runIngest({ input, out: join(publicDir, 'data') });
  const files = await writeSiteDatabase(publicDir);
  const ctx: DashboardContext = buildContext(loadManifest(join(publicDir, 'data')));
  const runner = await NodeRunner.inMemory();
  const db = new AttachedTables(files, { query: (sql) => runner.query(sql), open: async (file) => join(publicDir, file) });
  const panel = assessmentPage.panels.find((p) => p.id === 'grades')!;
  const state = initialState(assessmentPage, ctx, { semester: S });
  const view = panel.render(await queryPanel(panel, state, ctx, db), state, ctx);
  const table = view.table!;
  const columns = screenColumns(table).map((c) => c.label);
  const row = (table.rows as Record<string, unknown>[]).find((r) => r.department === '机电工程系')!;
  const chart = view.chart!(new JSDOM('<!doctype html><body></body>').window.document).textContent!;
  const rule = panel.rule!(ctx);
  const report = assessmentParagraph(await collectFigures(db, ctx, S), ctx.rules).replace(/<[^>]+>/g, '');
  return { columns, row, chart, rule, report };
}

describe("a school's grade scheme", () => {
  it('a three-grade 汇总表 shows three grades: 优秀, 合格, 不合格, and no 良好', async () => {
    const s = await school(
      'three',
      [
        { grade: 'excellent', min: 90 },
        { grade: 'pass', min: 60 },
        { grade: 'fail', min: 0 },
      ],
      [
        ['王芳', '88.5', '优秀'],
        ['李强', '80', '合格'],
        ['张伟', '76', '合格'],
        ['赵敏', '55', '不合格'],
      ],
    );
    expect(s.columns).toEqual(['系部', '角色', '参评人数', '优秀', '合格', '不合格', '优秀率', '平均得分率']);
    // The 优秀 filed with 88.5 points stays 优秀.
    expect(s.row).toMatchObject({ assessed: 4, excellent: 1, pass: 2, fail: 1 });
    for (const text of [s.chart, s.rule, s.report]) expect(text).not.toContain('良好');
    expect(s.rule).toContain('为合格');
    expect(s.report).toContain('评为优秀1人、合格2人、不合格1人。');
  }, 120_000);

  it('a 称职 scheme shows 称职, 基本称职 and 不称职 under its own names', async () => {
    const s = await school(
      'competent',
      [
        { grade: 'excellent', min: 90, name: '优秀' },
        { grade: 'good', min: 75, name: '称职' },
        { grade: 'pass', min: 60, name: '基本称职' },
        { grade: 'fail', min: 0, name: '不称职' },
      ],
      [
        ['王芳', '95', '优秀'],
        ['李强', '80', '称职'],
        ['张伟', '82', '称职'],
        ['赵敏', '65', '基本称职'],
        ['孙悦', '50', '不称职'],
      ],
    );
    expect(s.columns).toEqual(['系部', '角色', '参评人数', '优秀', '称职', '基本称职', '不称职', '优秀率', '平均得分率']);
    expect(s.row).toMatchObject({ assessed: 5, excellent: 1, good: 2, pass: 1, fail: 1 });
    expect(s.chart).toContain('称职');
    expect(s.rule).toContain('为基本称职');
    expect(s.report).toContain('评为优秀1人、称职2人、基本称职1人、不称职1人。');
    for (const text of [s.chart, s.rule, s.report]) expect(text).not.toMatch(/良好|(?<!不)合格/);
  }, 120_000);
});
