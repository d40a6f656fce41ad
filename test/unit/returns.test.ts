/**
 * Return lists and the 报送 checklist: templates filled in with deliberate errors give each
 * department a returns/<department>.xlsx whose rows are exactly its rejected rows (file, sheet,
 * row, column, value, reason and fix) and warnings, sorted by file and row, with the exports it
 * did not send; a department with nothing to fix gets none; the checklist says who sent what.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildChecklist, checklistDepartments, expectedKinds, kindFromFileName, type SubmittedSheet } from '../../src/collection/checklist.ts';
import { splitAdvice } from '../../src/collection/return-list.ts';
import type { TemplateContext } from '../../src/collection/template-columns.ts';
import { FIRST_DATA_ROW, templateColumns, templateFileName, templateWorkbook } from '../../src/collection/template.ts';
import type { ActiveRules } from '../../src/domain/rules.ts';
import type { TableKind } from '../../src/domain/tables/index.ts';
import { loadRules, runIngest, type Manifest } from '../../src/ingest/run.ts';
import { NodeRunner } from '../../src/io/duckdb-node.ts';
import { workbookBytes } from '../../src/io/xlsx-workbook.ts';
import { fillTemplate, readFirstSheet, type Typed } from '../support/workbook-xml.ts';

const SEMESTER = '2025-2026-1';
let rules: ActiveRules;
const ctx = (): TemplateContext => ({ rules, semester: SEMESTER, department: null, departments: [], classes: [] });

/** A roster row of a template, column by column as the header has them. */
function roster(department: string, id: string, name: string, employment: string, students: Typed = 200): Typed[] {
  const values: Record<string, Typed> = { staff_id: id, name, department, employment, students_assigned: students, gender: '女', political: '中共党员' };
  return templateColumns('counselors', ctx()).map((c) => values[c.key] ?? null);
}
function enrollment(department: string, students: Typed): Typed[] {
  const values: Record<string, Typed> = { department, students };
  return templateColumns('enrollment', ctx()).map((c) => values[c.key] ?? null);
}

async function filled(kind: TableKind, rows: Typed[][]): Promise<Uint8Array> {
  return fillTemplate(new Uint8Array(await workbookBytes(templateWorkbook(kind, ctx()))), FIRST_DATA_ROW + 1, rows);
}

describe('return lists from templates filled in with errors', () => {
  let input: string;
  let out: string;
  let manifest: Manifest;
  let rejects: Array<Record<string, string | number | null>>;

  beforeAll(async () => {
    rules = await loadRules('data/rules.json');
    input = mkdtempSync(join(tmpdir(), 'returns-'));
    const files: Record<string, Uint8Array> = {
      // 甲系: three bad rows among good ones, in two files.
      [`${SEMESTER}/甲系/${templateFileName('counselors')}`]: await filled('counselors', [
        roster('甲系', '0101', '王芳', '专职'),
        roster('甲系', '2.02301E+11', '李明', '专职'),
        roster('甲系', '0103', '张伟', '临时工', '很多'),
        roster('甲系', '0104', '赵敏', '兼职'),
      ]),
      [`${SEMESTER}/甲系/${templateFileName('enrollment')}`]: await filled('enrollment', [enrollment('甲系', 800), enrollment('甲系', '八百')]),
      // 乙系: all good, both kinds.
      [`${SEMESTER}/乙系/${templateFileName('counselors')}`]: await filled('counselors', [roster('乙系', '0201', '陈静', '专职')]),
      [`${SEMESTER}/乙系/${templateFileName('enrollment')}`]: await filled('enrollment', [enrollment('乙系', 400)]),
      // 丙系: a roster listing the same person twice (rejected) and no enrollment at all.
      [`${SEMESTER}/丙系/${templateFileName('counselors')}`]: await filled('counselors', [roster('丙系', '0301', '刘洋', '专职'), roster('丙系', '0301', '刘洋', '兼职')]),
      // 丁系: its roster cut short in sending (not a workbook any more): set aside; its enrollment fine.
      [`${SEMESTER}/丁系/${templateFileName('counselors')}`]: (await filled('counselors', [roster('丁系', '0401', '孙丽', '专职')])).slice(0, 400),
      [`${SEMESTER}/丁系/${templateFileName('enrollment')}`]: await filled('enrollment', [enrollment('丁系', 300)]),
    };
    for (const [path, bytes] of Object.entries(files)) {
      mkdirSync(join(input, path, '..'), { recursive: true });
      writeFileSync(join(input, path), bytes);
    }
    // The day each file was saved, as the checklist shows it.
    utimesSync(join(input, SEMESTER, '甲系', templateFileName('enrollment')), new Date(2025, 8, 12, 10), new Date(2025, 8, 12, 10));
    out = join(mkdtempSync(join(tmpdir(), 'returns-out-')), 'data');
    manifest = await runIngest({ input, out });
    const db = await NodeRunner.overParquet(out, ['rejects']);
    rejects = await db.query('SELECT * FROM rejects ORDER BY file, sheet, "row", "column"');
    db.close();
  });

  const listOf = (department: string) => readFirstSheet(new Uint8Array(readFileSync(join(out, 'returns', `${department}.xlsx`))));
  /** The rows under the header (row 3), as objects by header. */
  const itemsOf = (department: string) => {
    const [, , header, ...rows] = listOf(department);
    return rows.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i] ?? ''])));
  };

  it('lists exactly the rejected rows of the department, in file and row order, reason and fix as the ingest gave them', () => {
    const mine = rejects.filter((r) => String(r.file).includes('/甲系/'));
    expect(mine.length).toBe(4);
    const items = itemsOf('甲系').filter((i) => i['类别'] === '本行未导入');
    expect(items.map((i) => [i['文件'], i['工作表'], Number(i['行号']), i['列'], i['填写的值']])).toEqual(
      mine.map((r) => [r.file, r.sheet, r.row, r.column, r.value ?? '']),
    );
    // The ingest's message, cut into what is wrong and what to do (the punctuation at the cut may change).
    const words = (text: string) => text.replace(/[，。；]/g, '');
    expect(items.map((i) => words(`${i['问题']}${i['修改办法']}`))).toEqual(mine.map((r) => words(String(r.message))));
    expect(items.every((i) => i['修改办法']?.startsWith('请'))).toBe(true);
    expect(items.map((i) => i['学期'])).toEqual(mine.map(() => '2025-2026学年第一学期'));
  });

  it('says in its summary line what there is to do', () => {
    const [title, summary] = listOf('甲系');
    expect(title![0]).toBe('甲系报送数据需修改的问题');
    expect(summary![0]).toContain('2 个文件中有 3 行未导入（4 处问题）');
    expect(summary![0]).toContain('重新报送整个文件');
  });

  it('lists the exports a department did not send, and a department with nothing to do gets no list', () => {
    const items = itemsOf('丙系');
    expect(items.map((i) => i['类别'])).toEqual(['本行未导入', '未报送']);
    expect(items[1]!['问题']).toBe('未收到2025-2026学年第一学期的“在校生人数”');
    expect(items[1]!['修改办法']).toContain('在校生人数.xlsx');
    expect(existsSync(join(out, 'returns', '乙系.xlsx'))).toBe(false);
    // In the Chinese order of their names.
    expect(manifest.returns.map((r) => r.department)).toEqual(['丙系', '丁系', '甲系']);
  });

  it('lists a file set aside first, as a whole, with its reason', () => {
    const items = itemsOf('丁系');
    expect(items.map((i) => [i['类别'], i['文件'], i['行号']])).toEqual([['整个文件未能导入', `${SEMESTER}/丁系/${templateFileName('counselors')}`, '']]);
    const aside = manifest.files.find((f) => f.set_aside)!;
    expect(`${items[0]!['问题']}${items[0]!['修改办法']}`.replace(/[，。；]/g, '')).toBe(aside.set_aside!.message.replace(/[，。；]/g, ''));
    expect(listOf('丁系')[1]![0]).toContain('1 个文件未能导入');
  });

  it('the checklist: who sent what, with rows and the last file’s date', () => {
    const list = buildChecklist(manifest.files, checklistDepartments(manifest.files, manifest.departments), SEMESTER, rules.expected_exports);
    expect(list.rows.map((r) => r.department)).toEqual(['丙系', '丁系', '甲系', '乙系']);
    const cell = (d: string, k: TableKind) => list.rows.find((r) => r.department === d)!.cells[k];
    expect(list.kinds).toEqual(['enrollment', 'counselors']);
    expect(cell('甲系', 'counselors')).toMatchObject({ status: 'problem', accepted: 2, rejected: 2 });
    expect(cell('甲系', 'enrollment')).toMatchObject({ status: 'problem', accepted: 1, rejected: 1, lastFileDate: '2025-09-12' });
    expect(cell('乙系', 'counselors')).toMatchObject({ status: 'sent', accepted: 1, rejected: 0 });
    expect(cell('丙系', 'counselors')).toMatchObject({ status: 'problem', accepted: 1, rejected: 1 });
    expect(cell('丙系', 'enrollment')).toMatchObject({ status: 'missing', accepted: 0, files: [] });
    // 丁系's roster was sent, and could not be read: a problem, not missing.
    expect(cell('丁系', 'counselors')).toMatchObject({ status: 'problem', accepted: 0, setAside: 1 });
    expect(cell('丁系', 'enrollment')).toMatchObject({ status: 'sent', accepted: 1 });
  });
});

describe('the checklist on its own', () => {
  const sheet = (file: string, kind: TableKind | null, departments: Record<string, number>, extra: Partial<SubmittedSheet> = {}): SubmittedSheet => ({
    file,
    sheet: null,
    kind,
    semester: '2025-2026-1',
    departments,
    accepted: Object.values(departments).reduce((a, b) => a + b, 0),
    rejected: 0,
    warnings: 0,
    ...extra,
  });

  it('expects a kind sent by at least half of the departments sending anything, or the rules’ list', () => {
    const sheets = [
      sheet('a/1.csv', 'counselors', { 甲: 3 }),
      sheet('b/1.csv', 'counselors', { 乙: 3 }),
      sheet('c/1.csv', 'counselors', { 丙: 3 }),
      sheet('a/2.csv', 'enrollment', { 甲: 1 }),
      sheet('b/2.csv', 'enrollment', { 乙: 1 }),
      sheet('a/3.csv', 'graduate_assistants', { 甲: 2 }),
    ];
    expect(expectedKinds(sheets, '2025-2026-1')).toEqual(['enrollment', 'counselors']);
    expect(expectedKinds(sheets, '2025-2026-1', ['classes'])).toEqual(['classes']);
    expect(expectedKinds(sheets, '2024-2025-2')).toEqual([]);
    const list = buildChecklist(sheets, ['甲', '乙', '丙'], '2025-2026-1');
    // A kind only one sent is shown, and for the others it was not expected.
    expect(list.kinds).toEqual(['enrollment', 'counselors', 'graduate_assistants']);
    expect(list.rows.map((r) => [r.department, r.cells.enrollment.status, r.cells.graduate_assistants.status])).toEqual([
      ['甲', 'sent', 'sent'],
      ['乙', 'sent', 'not_expected'],
      ['丙', 'missing', 'not_expected'],
    ]);
  });

  it('counts a summary file of several departments for each of them, and a file set aside against its sender and kind', () => {
    const sheets = [
      sheet('学工部/培训记录.xlsx', 'training', { 甲: 4, 乙: 2 }),
      sheet('甲/辅导员名册.xlsx', null, {}, { accepted: 0, set_aside: { code: 'UNREADABLE_FILE', message: '文件已损坏', department: '甲' } }),
      sheet('乙/辅导员名册.csv', 'counselors', { 乙: 5 }, { rejected: 1, file_date: '2025-09-03' }),
    ];
    const list = buildChecklist(sheets, ['甲', '乙'], '2025-2026-1');
    expect(list.rows[0]!.cells.training).toMatchObject({ status: 'sent', accepted: 4 });
    expect(list.rows[1]!.cells.training).toMatchObject({ status: 'sent', accepted: 2 });
    expect(list.rows[0]!.cells.counselors).toMatchObject({ status: 'problem', setAside: 1, accepted: 0 });
    // A file set aside whose name tells no kind is the department's problem all the same.
    const unknown = buildChecklist([sheet('甲/周报.csv', null, {}, { accepted: 0, set_aside: { code: 'NO_ROLE', message: '无法确定人员角色', department: '甲' } })], ['甲'], '2025-2026-1');
    expect(unknown.rows[0]!.setAsideUnknown).toEqual(['甲/周报.csv']);
    expect(list.rows[1]!.cells.counselors).toMatchObject({ status: 'problem', rejected: 1, accepted: 5, lastFileDate: '2025-09-03' });
    // Seed 000's 汇总表: a roster of assistants and, for rows with a grade, their assessment.
    const combined = buildChecklist([sheet('甲/汇总表.xlsx', 'assessments', { 甲: 3 }, { also: 'assistants', published: { assessments: 2, assistants: 3 } })], ['甲'], '2025-2026-1');
    expect([combined.rows[0]!.cells.assessments.accepted, combined.rows[0]!.cells.assistants.accepted]).toEqual([2, 3]);
    expect(kindFromFileName('2025-2026-1/甲/研究生德育助理名册.xlsx')).toBe('graduate_assistants');
    expect(kindFromFileName('2025-2026-1/甲/助理名册（修改）.xlsx')).toBe('assistants');
    expect(kindFromFileName('2025-2026-1/甲/统计.xlsx')).toBeNull();
  });
});

describe('a message as its reason and its fix', () => {
  it.each([
    ['「在校生人数」应为不小于0的整数，实际为「八百」，请改为数字（如 1020）。', '「在校生人数」应为不小于0的整数，实际为「八百」。', '请改为数字（如 1020）。'],
    ['「工号」显示为科学计数法「2.02E+11」，原号码的后几位已丢失。请在 Excel 中把该列设为“文本”格式。', '「工号」显示为科学计数法「2.02E+11」，原号码的后几位已丢失。', '请在 Excel 中把该列设为“文本”格式。'],
    ['同类问题另有 5 处，未逐条列出；请先核对上面列出的行。', '同类问题另有 5 处，未逐条列出。', '请先核对上面列出的行。'],
  ])('%s', (message, reason, fix) => {
    expect(splitAdvice(message, 'rejected')).toEqual({ reason, fix });
  });
  it('gives the category’s fix to a message without one', () => {
    expect(splitAdvice('各项得分之和 85 与填报总分 90 不一致。', 'warning')).toEqual({ reason: '各项得分之和 85 与填报总分 90 不一致。', fix: '请核对；确有错误的，改正后重新报送。' });
  });
});

describe('versions of one export in the return lists and the checklist', () => {
  let out: string;
  let manifest: Manifest;
  const listOf = (department: string) => readFirstSheet(new Uint8Array(readFileSync(join(out, 'returns', `${department}.xlsx`))));
  const itemsOf = (department: string) => {
    const [, , header, ...rows] = listOf(department);
    return rows.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i] ?? ''])));
  };

  beforeAll(async () => {
    const input = mkdtempSync(join(tmpdir(), 'returns-versions-'));
    const files: Record<string, string> = {
      // 甲系 resent its enrollment corrected: the correction counts, the first is a version not read.
      [`${SEMESTER}/甲系/在校生人数.csv`]: '系部,在校生人数\n甲系,1950\n',
      [`${SEMESTER}/甲系/在校生人数（更正）.csv`]: '系部,在校生人数\n甲系,2010\n',
      // 乙系's file was copied beside itself: counted once.
      [`${SEMESTER}/乙系/在校生人数.csv`]: '系部,在校生人数\n乙系,880\n',
      [`${SEMESTER}/乙系/在校生人数 - 副本.csv`]: '系部,在校生人数\n乙系,880\n',
      // 丙系 sent two different versions and nothing tells which is right: both set aside.
      [`${SEMESTER}/丙系/在校生人数.csv`]: '系部,在校生人数\n丙系,700\n',
      [`${SEMESTER}/丙系/在校生人数(1).csv`]: '系部,在校生人数\n丙系,720\n',
    };
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(join(input, path, '..'), { recursive: true });
      writeFileSync(join(input, path), text);
    }
    out = join(mkdtempSync(join(tmpdir(), 'returns-versions-out-')), 'data');
    manifest = await runIngest({ input, out });
  });

  it('a version replaced is listed as not counted, with nothing to fix; no list says to resend it', () => {
    expect(itemsOf('甲系').map((i) => [i['类别'], i['文件'], i['修改办法']])).toEqual([['旧版本或副本，未计入', `${SEMESTER}/甲系/在校生人数.csv`, '无需修改（已按较新的版本计入）。']]);
    expect(itemsOf('甲系')[0]!['问题']).toMatch(/已被 .*在校生人数（更正）\.csv 取代/);
    expect(listOf('甲系')[1]![0]).toContain('1 个文件是重复或旧版本，未计入，无需修改');
    expect(listOf('甲系')[1]![0]).not.toContain('重新报送');
    expect(itemsOf('乙系').map((i) => [i['类别'], i['文件']])).toEqual([['旧版本或副本，未计入', `${SEMESTER}/乙系/在校生人数 - 副本.csv`]]);
  });

  it('versions none of which can be chosen are files to send again', () => {
    const items = itemsOf('丙系');
    expect(items.map((i) => [i['类别'], i['文件']])).toEqual([
      ['整个文件未能导入', `${SEMESTER}/丙系/在校生人数(1).csv`],
      ['整个文件未能导入', `${SEMESTER}/丙系/在校生人数.csv`],
    ]);
    expect(items[0]!['修改办法']).toMatch(/^请删去旧的版本只保留一个文件/);
    expect(listOf('丙系')[1]![0]).toContain('2 个文件未能导入');
  });

  it('the checklist: the version read counts as sent; versions set aside are a problem', () => {
    const list = buildChecklist(manifest.files, checklistDepartments(manifest.files, manifest.departments), SEMESTER);
    const cell = (d: string) => list.rows.find((r) => r.department === d)!.cells.enrollment;
    expect(cell('甲系')).toMatchObject({ status: 'sent', accepted: 1, files: [`${SEMESTER}/甲系/在校生人数（更正）.csv`] });
    expect(cell('乙系')).toMatchObject({ status: 'sent', accepted: 1, files: [`${SEMESTER}/乙系/在校生人数.csv`] });
    expect(cell('丙系')).toMatchObject({ status: 'problem', accepted: 0, setAside: 2 });
  });
});
