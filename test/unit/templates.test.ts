/**
 * The templates sent to departments: every kind, filled in by a script as Excel would save it,
 * goes through the ingest with no reject and no warning, its 填表说明 skipped as notes; the file
 * itself has the title, the canonical header with required columns marked, text and date formats
 * and the dropdowns; the notes say what the rules do with each column.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { COLUMN_GUIDES, type TemplateContext } from '../../src/collection/template-columns.ts';
import { FIRST_DATA_ROW, HEADER_ROW, REQUIRED_MARK, templateColumns, templateFileName, templateTitle, templateWorkbook } from '../../src/collection/template.ts';
import { NOTES_SHEET } from '../../src/collection/template-notes.ts';
import type { ActiveRules } from '../../src/domain/rules.ts';
import { TABLES, TABLE_KINDS, type TableKind } from '../../src/domain/tables/index.ts';
import { loadRules, runIngest, type Manifest } from '../../src/ingest/run.ts';
import { NodeRunner } from '../../src/io/duckdb-node.ts';
import { workbookBytes } from '../../src/io/xlsx-workbook.ts';
import { fillTemplate, headerOf, partOf, type Typed } from '../support/workbook-xml.ts';

const SEMESTER = '2025-2026-1';
const ROWS = 4;
let rules: ActiveRules;
const context = (department: string | null = null): TemplateContext => ({ rules, semester: SEMESTER, department, departments: ['机电工程系', '信息工程系'], classes: [] });

beforeAll(async () => {
  rules = await loadRules('data/rules.json');
});

/** Row i of a kind, as a department would type it: the examples, each person, ID and week distinct. */
function typedRow(kind: TableKind, ctx: TemplateContext, i: number): Typed[] {
  return templateColumns(kind, ctx).map((c): Typed => {
    const example = c.guide.example(ctx);
    if (example === '') return null;
    if (c.key === 'name') return `${example}${'甲乙丙丁戊己'[i]}`;
    if (['staff_id', 'person_id', 'student_id'].includes(c.key)) return `${example}${i}`;
    if (c.key === 'class_name' || (c.key === 'post' && kind === 'assistants')) return `${example}${i}`;
    if (kind === 'enrollment' && c.key === 'grade') return `${2025 - i}级`;
    switch (c.guide.format) {
      case 'date':
      case 'month':
        return { date: String(example).length === 7 ? `${example}-01` : String(example) };
      case 'integer':
      case 'decimal':
        return Number(example);
      default:
        return String(example);
    }
  });
}

async function filledTemplate(kind: TableKind, ctx: TemplateContext, rows: Typed[][]): Promise<Uint8Array> {
  const bytes = new Uint8Array(await workbookBytes(templateWorkbook(kind, ctx)));
  return fillTemplate(bytes, FIRST_DATA_ROW + 1, rows);
}

function folder(files: Record<string, Uint8Array>): string {
  const dir = mkdtempSync(join(tmpdir(), 'templates-'));
  for (const [path, bytes] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), bytes);
  }
  return dir;
}

describe('a template filled in with valid rows', () => {
  let manifest: Manifest;
  let out: string;
  beforeAll(async () => {
    const ctx = context();
    const files: Record<string, Uint8Array> = {};
    // No semester folder: the semester comes from the template's title.
    for (const kind of TABLE_KINDS) files[`收回/${templateFileName(kind)}`] = await filledTemplate(kind, ctx, Array.from({ length: ROWS }, (_, i) => typedRow(kind, ctx, i)));
    out = join(mkdtempSync(join(tmpdir(), 'templates-out-')), 'data');
    manifest = await runIngest({ input: folder(files), out });
  });

  it.each(TABLE_KINDS)('%s: every row accepted, none rejected, no warning', (kind) => {
    const data = manifest.files.filter((f) => f.file.endsWith(`/${templateFileName(kind)}`) && f.sheet !== NOTES_SHEET);
    expect(data).toHaveLength(1);
    expect(data[0]).toMatchObject({ accepted: ROWS, rejected: 0, warnings: 0, semester: SEMESTER, published: { [kind]: ROWS } });
  });

  it('publishes each row once per table it belongs to: the 助理名册 with its 考核结果 is also the assistants’ assessment (seed 000’s 汇总表)', () => {
    const assistants = manifest.files.find((f) => f.file.endsWith(`/${templateFileName('assistants')}`) && f.sheet !== NOTES_SHEET)!;
    expect(assistants.published).toEqual({ assistants: ROWS, assessments: ROWS });
    for (const kind of TABLE_KINDS) expect(manifest.tables[kind].rows).toBe(kind === 'assessments' ? 2 * ROWS : ROWS);
  });

  it('skips every 填表说明 sheet as notes, and only those', () => {
    const notes = manifest.files.filter((f) => f.sheet === NOTES_SHEET);
    expect(notes).toHaveLength(TABLE_KINDS.length);
    for (const n of notes) expect(n).toMatchObject({ kind: null, accepted: 0, rejected: 0, skipped: n.read, skipped_by_reason: { notes: n.read } });
    expect(manifest.totals.rejected).toBe(0);
    expect(manifest.totals.warnings).toBe(0);
  });

  it('keeps IDs as typed (leading zeros) and dates as the days typed', async () => {
    const db = await NodeRunner.overParquet(out, ['counselors', 'training']);
    const ids = await db.query<{ staff_id: string }>('SELECT staff_id FROM counselors ORDER BY staff_id');
    const dates = await db.query<{ d: string }>("SELECT DISTINCT strftime(date, '%Y-%m-%d') AS d FROM training");
    const ages = await db.query<{ age: number; years: number }>('SELECT DISTINCT age, years_in_post AS years FROM counselors');
    db.close();
    expect(ids.map((r) => r.staff_id)).toEqual(['02010150', '02010151', '02010152', '02010153']);
    expect(dates).toEqual([{ d: String(COLUMN_GUIDES.training.date!.example(context())) }]);
    // Born 1990-05, in post since 2018-09, on 2025-09-01.
    expect(ages).toEqual([{ age: 35, years: 7 }]);
  });
});

describe('the template file', () => {
  it.each(TABLE_KINDS)('%s: title, the canonical header with required columns marked, formats and checks', async (kind) => {
    const ctx = context();
    const bytes = new Uint8Array(await workbookBytes(templateWorkbook(kind, ctx)));
    const columns = templateColumns(kind, ctx);
    const header = headerOf(bytes, HEADER_ROW + 1);
    expect(header).toEqual(columns.map((c) => c.header));
    // Required: the data dictionary's required columns (and 角色 where the title names no role).
    const required = TABLES[kind].input.filter((c) => c.required || (c.key === 'role' && TABLES[kind].needsRole)).map((c) => c.key);
    expect(columns.filter((c) => c.header.startsWith(REQUIRED_MARK)).map((c) => c.key)).toEqual(required);
    const sheet = partOf(bytes, 'xl/worksheets/sheet1.xml');
    const sharedStrings = partOf(bytes, 'xl/sharedStrings.xml');
    expect(sharedStrings).toContain(templateTitle(kind, ctx));
    expect(sharedStrings).toContain('清河职业技术学院2025-2026学年第一学期');
    // One validation per column, over the blank rows.
    expect(sheet.match(/<dataValidation /g)).toHaveLength(columns.length);
    const styles = partOf(bytes, 'xl/styles.xml');
    if (columns.some((c) => c.guide.format === 'text')) expect(styles).toContain('formatCode="@"');
    if (columns.some((c) => c.guide.format === 'date')) expect(styles).toContain('formatCode="yyyy-mm-dd"');
    expect(partOf(bytes, 'xl/workbook.xml')).toContain(`name="${NOTES_SHEET}"`);
  });

  it('offers the closed sets as dropdowns that allow nothing else', async () => {
    const xml = (kind: TableKind) => workbookBytes(templateWorkbook(kind, context())).then((b) => partOf(new Uint8Array(b), 'xl/worksheets/sheet1.xml'));
    const counselors = await xml('counselors');
    expect(counselors).toMatch(/<dataValidation type="list" allowBlank="1"[^>]*><formula1>"专职,兼职"<\/formula1>/);
    expect(counselors).toContain('<formula1>"中共党员,中共预备党员,共青团员,民主党派,群众"</formula1>');
    expect(counselors).toContain('<formula1>"中专及以下,专科,本科,硕士研究生,博士研究生"</formula1>');
    // 职称: names grouped into levels; others may be typed (information, not stop).
    expect(counselors).toMatch(/type="list" errorStyle="information"[^>]*><formula1>"教授,研究员,副教授/);
    expect(await xml('worklogs')).toContain('<formula1>"辅导员,班主任,辅导员（班主任）助理,研究生德育工作助理"</formula1>');
    expect(await xml('training')).toContain('<formula1>"校级,省级（自治区级）,国家级"</formula1>');
    expect(await xml('assessments')).toContain('<formula1>"优秀,良好,合格,不合格"</formula1>');
    expect(await xml('graduate_assistants')).toContain('<formula1>"党建,团工作,学术,就业,实践,文体,信息（宣传）,教育管理"</formula1>');
    // Counts are whole numbers from 0.
    expect(await xml('enrollment')).toMatch(/<dataValidation type="whole" operator="between"[^>]*><formula1>0<\/formula1><formula2>100000<\/formula2>/);
  });

  it('every value a dropdown offers is read by the ingest', async () => {
    const ctx = context();
    const files: Record<string, Uint8Array> = {};
    for (const kind of TABLE_KINDS) {
      const columns = templateColumns(kind, ctx);
      const rows: Typed[][] = [];
      columns.forEach((c, at) => {
        for (const value of c.guide.choices?.(ctx)?.values ?? []) {
          const row = typedRow(kind, ctx, rows.length % 6);
          row[at] = value;
          if (columns.some((x) => x.key === 'staff_id')) row[columns.findIndex((x) => x.key === 'staff_id')] = `9${rows.length}`;
          rows.push(row);
        }
      });
      if (rows.length) files[`2025-2026-1/${templateFileName(kind)}`] = await filledTemplate(kind, ctx, rows);
    }
    // The check below is over the kinds with dropdowns: there are several (roster, training, assessment, work logs…).
    expect(Object.keys(files).length, 'templates with dropdown columns').toBeGreaterThanOrEqual(3);
    const out = join(mkdtempSync(join(tmpdir(), 'choices-')), 'data');
    const manifest = await runIngest({ input: folder(files), out });
    expect(manifest.totals.rejected).toBe(0);
    // Vocabulary columns read every choice: one they did not know would be warned about as unreadable.
    const db = await NodeRunner.overParquet(out, ['warnings']);
    const codes = await db.query<{ code: string }>('SELECT DISTINCT code FROM warnings ORDER BY code');
    db.close();
    expect(codes.map((c) => c.code)).not.toContain('ATTRIBUTE_UNREADABLE');
  });
});

describe('the 填表说明 sheet', () => {
  it('says what each column means, whether it is required, an example, and the rule that uses it', async () => {
    const ctx = context();
    const bytes = new Uint8Array(await workbookBytes(templateWorkbook('counselors', ctx)));
    const notes = partOf(bytes, 'xl/sharedStrings.xml');
    expect(notes).toContain('填表说明：辅导员名册');
    expect(notes).toContain('师生比只计专职辅导员；兼职辅导员的工作量按专职的 1/3 折算');
    expect(notes).toContain('原则上不得以劳务派遣、人事代理方式聘用辅导员');
    expect(notes).toContain('0201015');
    // The policy behind each rule, the document named by its title.
    expect(notes).toContain('教育部令第43号《普通高等学校辅导员队伍建设规定》：兼职辅导员的工作量按专职辅导员工作量的三分之一计算');
    expect(notes).toContain('参照《阿克苏职业技术学院落实〈新时代自治区普通高等学校辅导员队伍建设管理办法（试行）〉的实施细则》：“原则上不得用劳务派遣、人事代理等方式聘用辅导员”');
    const worklogs = partOf(new Uint8Array(await workbookBytes(templateWorkbook('worklogs', ctx))), 'xl/sharedStrings.xml');
    // The profile's norms, with their numbers and sources.
    expect(worklogs).toContain('辅导员：每周个别谈心不少于5人');
    expect(worklogs).toContain('《济源职业技术学院辅导员、班主任工作指导纲要》（学工〔2018〕10号）第一部分第（五）条');
    expect(worklogs).toContain('第 1 周从 2025-09-01（星期一）开始，本学期共 20 周');
  });

  it.each(TABLE_KINDS)('%s: cites every policy by its title, never by a file name or a setting', async (kind) => {
    const text = partOf(new Uint8Array(await workbookBytes(templateWorkbook(kind, context()))), 'xl/sharedStrings.xml');
    expect(text).not.toMatch(/seeds\/|DOMAIN\.md|\.json|[a-z]+_[a-z]+/);
  });
});

describe("a department's own templates", () => {
  it('name the department in the title and leave out the 系部 column', () => {
    const ctx = context('机电工程系');
    expect(templateTitle('counselors', ctx)).toBe('清河职业技术学院机电工程系2025-2026学年第一学期辅导员名册');
    expect(templateColumns('counselors', ctx).map((c) => c.key)).not.toContain('department');
  });

  it('filled in, ingest with no reject as that department’s, wherever the file is put; the class list comes pre-filled', async () => {
    const classes = [
      { class_name: '机电2501班', students: 45, counselor: '王芳', class_teacher: null },
      { class_name: '机电2502班', students: 43, counselor: null, class_teacher: '张伟' },
    ];
    const ctx: TemplateContext = { ...context('机电工程系'), classes };
    const files: Record<string, Uint8Array> = {};
    for (const kind of TABLE_KINDS) {
      // The class list is sent back as it was pre-filled; the others filled in.
      const rows = kind === 'classes' ? [] : Array.from({ length: ROWS }, (_, i) => typedRow(kind, ctx, i));
      files[`收回/未分类/${templateFileName(kind)}`] = await filledTemplate(kind, ctx, rows);
    }
    const out = join(mkdtempSync(join(tmpdir(), 'own-')), 'data');
    const manifest = await runIngest({ input: folder(files), out });
    expect(manifest.totals.rejected).toBe(0);
    expect(manifest.totals.set_aside).toBe(0);
    expect(manifest.departments).toEqual(['机电工程系']);
    const data = manifest.files.filter((f) => f.sheet !== NOTES_SHEET);
    expect(data.map((f) => f.department_source)).toEqual(data.map(() => 'title'));
    const db = await NodeRunner.overParquet(out, ['classes']);
    const listed = await db.query<{ class_name: string; students: number }>('SELECT class_name, students FROM classes ORDER BY source_row');
    db.close();
    expect(listed).toEqual(classes.map((c) => ({ class_name: c.class_name, students: c.students })));
  });
});
