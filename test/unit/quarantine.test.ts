/**
 * One unreadable file among good ones (corpus case 79): the good files are published; the two
 * that cannot be read or understood are set aside — and shown so on the 数据质量 page (with their
 * reason, first among the problems), counted in the report's 存在问题 without naming the file.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildContext, type DashboardContext } from '../../src/dashboard/context.ts';
import { qualityPage } from '../../src/dashboard/pages/quality.ts';
import { queryPanel } from '../../src/dashboard/run.ts';
import type { State } from '../../src/dashboard/types.ts';
import { runIngest, type Manifest } from '../../src/ingest/run.ts';
import { NodeRunner } from '../../src/io/duckdb-node.ts';
import { dataNotes } from '../../src/report/annex.ts';
import { submissions } from '../../src/report/figures.ts';
import { panelInnerHtml } from '../../src/views/panel.ts';
import { emptyFigures } from '../support/figures.ts';

const S = '2025-2026-1';
let dir: string;
let manifest: Manifest;
let ctx: DashboardContext;
let db: NodeRunner;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'quarantine-'));
  manifest = await runIngest({ input: 'test/corpus/cases/79-one-bad-file-among-good', out: join(dir, 'data') });
  ctx = buildContext(manifest);
  db = await NodeRunner.overParquet(join(dir, 'data'), ['enrollment', 'counselors', 'worklogs', 'training', 'assessments', 'assistants', 'classes', 'rejects', 'warnings']);
});
afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A panel of the 数据质量 page as its HTML. */
async function panel(id: string, state: Partial<State> = {}): Promise<string> {
  const p = qualityPage.panels.find((x) => x.id === id)!;
  const s = { semester: S, department: null, role: null, ...state } as unknown as State;
  const output = p.render(await queryPanel(p, s, ctx, db), s, ctx);
  return panelInnerHtml(p.id, p.title(s, ctx), output, null, null);
}

describe('a file set aside', () => {
  it('is counted on the 数据质量 page and listed with its reason, each set-aside file as a whole', async () => {
    expect(await panel('summary')).toMatch(/未能导入（已搁置）[\s\S]*?2 个/);
    const files = await panel('files');
    expect(files).toContain('未能导入（已搁置）');
    const rejects = await panel('rejects');
    const order = [...rejects.matchAll(/整个文件/g)].length;
    expect(order).toBe(2);
    expect(rejects.indexOf('无法打开此 Excel 文件：文件已损坏或不完整')).toBeGreaterThan(0);
    expect(rejects.indexOf('无法确定人员角色')).toBeGreaterThan(0);
    expect(await panel('departments', { department: null })).toContain('请按原因修改未能导入的文件后重新报送');
  });

  it('is named in the report\'s 附件 (数据质量说明) by department and export, not by file', () => {
    const text = dataNotes(emptyFigures(S, { submissions: submissions(ctx, S) })).join('');
    // Its kind known (a roster): named as the export not read, never as 未报送.
    expect(text).toContain('信息工程系报送的辅导员名册未能导入，未计入统计');
    expect(text).not.toContain('信息工程系未报送辅导员名册');
    expect(text).toContain('经济管理系1个报送文件无法读取或无法识别，未计入统计');
    expect(text).not.toMatch(/\.xls|\.csv|周报/);
  });

  it('leaves the good files published', async () => {
    expect(await db.query('SELECT department, students FROM enrollment')).toEqual([{ department: '机电工程系', students: 620 }]);
    expect(await db.query('SELECT COUNT(*)::INTEGER AS n FROM counselors')).toEqual([{ n: 2 }]);
    expect(await db.query('SELECT COUNT(*)::INTEGER AS n FROM worklogs')).toEqual([{ n: 0 }]);
  });
});
