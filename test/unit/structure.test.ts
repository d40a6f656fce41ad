/**
 * 队伍结构 and the people rules: the vocabularies (职称 levels, 学历, 政治面貌), ages on the
 * reference date, a 辅导员信息表 through the ingest (birth dates never published, unreadable values
 * kept blank with a warning, a roster without the columns as before), the rule profile's
 * `extends`, and every list's SQL on small tables worked out by hand.
 */
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completedMonths, completedYears, educationOf, graduatePostOf, parsePastDate, politicalOf, titleLevelOf } from '../../src/domain/people.ts';
import { parseRules } from '../../src/domain/rules.ts';
import { COVERAGE_OUTPUT, TABLES } from '../../src/domain/tables/index.ts';
import { runIngest } from '../../src/ingest/run.ts';
import { NodeRunner } from '../../src/io/duckdb-node.ts';
import { workbookText } from '../support/workbook-xml.ts';
import { consecutiveFailSql, graduateAssistantsSql, latenessSql, topCounselorsSql, type ConsecutiveFailRow, type GraduateAssistantRow, type LatenessRow, type TopCounselorRow } from '../../src/metrics/people.ts';
import { createTableSql, sqlString } from '../../src/metrics/sql.ts';
import { breakdownSql, peopleFlagsSql, structureSummarySql, type BreakdownRow, type PersonFlagRow, type StructureParams, type StructureSummaryRow } from '../../src/metrics/structure.ts';
import { inductionSql, type InductionRow } from '../../src/metrics/training.ts';
import { computeMetricsTruth, INSTITUTION } from '../support/oracle-metrics.ts';
import { described, readCounselors } from '../support/oracle-structure.ts';

describe('vocabularies', () => {
  it.each([
    ['教授', 'full'], ['研究员', 'full'], ['正高级讲师', 'full'], ['主任医师', 'full'],
    ['副教授', 'associate'], ['副研究员', 'associate'], ['副主任医师', 'associate'], ['高级讲师', 'associate'], ['高级工程师', 'associate'], ['高级实验师', 'associate'],
    ['讲师', 'intermediate'], ['讲师（思政）', 'intermediate'], ['助理研究员', 'intermediate'], ['工程师', 'intermediate'], ['主治医师', 'intermediate'], ['馆员', 'intermediate'],
    ['助教', 'junior'], ['助理工程师', 'junior'], ['研究实习员', 'junior'], ['技术员', 'junior'], ['助理馆员', 'junior'],
    ['未定级', 'unrated'], ['无', 'unrated'], ['暂无', 'unrated'],
  ])('职称 %s is %s', (title, level) => expect(titleLevelOf(title)).toBe(level));

  it('reads 学历 and 政治面貌 as departments write them', () => {
    expect(['博士研究生', '硕士研究生', '研究生', '大学本科', '本科', '大专', '专科', '中专'].map(educationOf)).toEqual(['doctor', 'master', 'master', 'bachelor', 'bachelor', 'college', 'college', 'secondary']);
    expect(['中共党员', '中国共产党党员', '中共预备党员', '预备党员', '共青团员', '群众', '九三学社社员', '民盟盟员'].map(politicalOf)).toEqual([
      'cpc_member', 'cpc_member', 'cpc_probationary', 'cpc_probationary', 'cyl_member', 'masses', 'democratic_party', 'democratic_party',
    ]);
    expect(educationOf('在读')).toBeNull();
  });

  it('reads seed 003’s post types (学术 is the academic post, 宣传 the information one)', () => {
    expect(['党建', '团工作', '学术', '就业', '实践', '文体', '信息（宣传）', '宣传', '教育管理'].map(graduatePostOf)).toEqual([
      'party', 'league', 'academic', 'employment', 'practice', 'culture_sports', 'information', 'information', 'education_management',
    ]);
  });

  it('counts whole years and months on the reference date (a birthday on that day counts)', () => {
    expect(completedYears('1990-09-01', '2025-09-01')).toBe(35);
    expect(completedYears('1990-09-02', '2025-09-01')).toBe(34);
    expect(completedYears('1990-10-01', '2025-09-01')).toBe(34);
    expect(completedMonths('2025-09-01', '2026-09-01')).toBe(12);
    expect(completedMonths('2025-09-15', '2026-09-01')).toBe(11);
    expect(['1988.05', '1988年5月', '1988-05', '198805', '1975-03-12', '1975/3/12'].map(parsePastDate)).toEqual([
      '1988-05-01', '1988-05-01', '1988-05-01', '1988-05-01', '1975-03-12', '1975-03-12',
    ]);
    expect(parsePastDate('1988.13')).toBeNull();
  });
});

describe('rule profiles', () => {
  const file = () => JSON.parse(readFileSync('data/rules.json', 'utf8'));

  it('a profile extends another and changes only what it gives (the national 5-year course window)', () => {
    const json = file();
    json.active_profile = 'national';
    const r = parseRules(json);
    if (!r.ok) throw new Error(r.errors.join('\n'));
    expect(r.rules.training.national_or_provincial_every_years).toBe(5);
    expect(r.rules.training.induction_hours).toBe(40);
    expect(r.rules.max_students_per_counselor).toBe(200);
    expect(r.rules.workload_norms).toHaveLength(file().profiles.default.workload.norms.length);
  });

  it('names the field when the base profile does not exist', () => {
    const json = file();
    json.profiles.national.extends = 'provincial';
    const r = parseRules(json);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errors[0]).toMatch(/profiles\.national\.extends/);
  });

  it('a rules file without the new sections still reads, with the defaults', () => {
    const json = file();
    for (const p of Object.values(json.profiles) as Array<Record<string, unknown>>) (delete p.structure, delete p.people);
    const r = parseRules(json);
    if (!r.ok) throw new Error(r.errors.join('\n'));
    expect(r.rules.structure).toMatchObject({ young_age: 35, min_education: 'bachelor', headline: 'party', party_share_target: null });
    expect(r.rules.people).toMatchObject({ consecutive_fail_years: 2, top_counselors: 10, lateness: { max: 3, roles: ['assistant'] }, graduate_min_months: 12 });
  });
});

function fixture(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'structure-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

describe('a 辅导员信息表 through the ingest', () => {
  const INFO =
    '序号,工号,姓名,性别,出生年月,民族,政治面貌,学历,学位,所学专业,职称,职级,任辅导员时间,所在单位,专/兼职,联系电话,身份证号\n' +
    '1,000201,周敏,女,1990.09,汉族,中共党员,硕士研究生,硕士,思想政治教育,讲师,八级职员,2015.09,机电工程系,专职,13800000001,110101199009011234\n' +
    '2,000202,吴刚,男,1991年10月,回族,群众,大专,无,会计,助教,,2024.07,机电工程系,专职,,\n' +
    '3,000203,郑洁,女,1988.13,,预备党员,在读,,,副教授,,2012-09,机电工程系,专职,,\n' +
    '4,000204,王伟,男,,汉族,,本科,学士,法学,,,,机电工程系,兼职,,\n';

  let out: string;
  let rows: Record<string, unknown>[];
  let warnings: Record<string, unknown>[];
  beforeAll(async () => {
    out = join(mkdtempSync(join(tmpdir(), 'out-')), 'data');
    await runIngest({ input: fixture({ '2025-2026-1/机电工程系/辅导员信息表.csv': INFO }), out });
    const db = await NodeRunner.overParquet(out, ['counselors', 'warnings']);
    rows = await db.query('SELECT * FROM counselors ORDER BY staff_id');
    warnings = await db.query('SELECT * FROM warnings ORDER BY row, "column"');
    db.close();
  });

  it('publishes codes, the age on the semester’s first day and whole years in post', () => {
    // The semester starts 2025-09-01 (data/rules.json): 周敏, born 1990-09, is 35 that day; 周敏 began 2015-09: 10 years; 吴刚 2024-07: 1; 郑洁 2012-09: 13.
    expect(rows.map((r) => [r.gender, r.age, r.ethnicity, r.political_status, r.education, r.degree, r.title, r.title_level, r.rank, r.years_in_post, r.major])).toEqual([
      ['female', 35, '汉族', 'cpc_member', 'master', 'master', '讲师', 'intermediate', '八级职员', 10, '思想政治教育'],
      ['male', 33, '回族', 'masses', 'college', 'none', '助教', 'junior', null, 1, '会计'],
      ['female', null, null, 'cpc_probationary', null, null, '副教授', 'associate', null, 13, null],
      ['male', null, '汉族', null, 'bachelor', 'bachelor', null, null, null, null, '法学'],
    ]);
  });

  it('never publishes a birth date, a phone or an ID number — not even in a warning', () => {
    // Every file written, the return lists' text unzipped.
    const files = readdirSync(out, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
    const text = (path: string) => (path.endsWith('.xlsx') ? workbookText(new Uint8Array(readFileSync(path))) : readFileSync(path).toString('latin1'));
    expect(files.some((f) => f.endsWith('.xlsx'))).toBe(true);
    const everything = JSON.stringify([rows, warnings]) + files.map(text).join('');
    for (const secret of ['1990.09', '1990-09', '1991年10月', '1991-10', '1988.13', '13800000001', '110101199009011234']) expect(everything).not.toContain(secret);
    expect(Object.keys(rows[0]!)).not.toContain('birth');
  });

  it('keeps a row whose attribute cannot be read (blank, with a warning naming the column)', () => {
    expect(rows).toHaveLength(4);
    expect(warnings.map((w) => [w.row, w.column, w.code])).toEqual([
      [4, '出生年月', 'ATTRIBUTE_UNREADABLE'],
      [4, '学历', 'ATTRIBUTE_UNREADABLE'],
    ]);
    expect(String(warnings[1]!.message)).toContain('「在读」');
  });

  it('reads a roster without these columns exactly as before', async () => {
    const plain = join(mkdtempSync(join(tmpdir(), 'out-')), 'data');
    await runIngest({ input: fixture({ '2025-2026-1/机电工程系/辅导员名册.csv': '序号,工号,姓名,系部,岗位类型,所带学生数\n1,000301,陈静,机电工程系,专职,180\n2,000302,林涛,机电工程系,兼职（教师）,60\n' }), out: plain });
    const db = await NodeRunner.overParquet(plain, ['counselors', 'warnings']);
    const got = await db.query('SELECT staff_id, employment, students_assigned, gender, age, education, title_level, years_in_post FROM counselors ORDER BY staff_id');
    expect(got).toEqual([
      { staff_id: '000301', employment: 'full_time', students_assigned: 180, gender: null, age: null, education: null, title_level: null, years_in_post: null },
      { staff_id: '000302', employment: 'part_time', students_assigned: 60, gender: null, age: null, education: null, title_level: null, years_in_post: null },
    ]);
    expect(await db.query('SELECT * FROM warnings')).toEqual([]);
    db.close();
  });
});

describe('seed 002 and 003 exports through the ingest', () => {
  let out: string;
  let db2: NodeRunner;
  beforeAll(async () => {
    out = join(mkdtempSync(join(tmpdir(), 'out-')), 'data');
    await runIngest({
      input: fixture({
        '2026-2027-1/数学与物理学院/辅导员助理考核汇总表.csv':
          '序号,姓名,学号,角色,所在院系,总分,迟到次数,考核结果\n' +
          '1,甲,2401,辅导员助理,数学与物理学院,85,5,良好\n' +
          '2,乙,2402,辅导员助理,数学与物理学院,55,4,不合格\n' +
          '3,丙,2403,辅导员助理,数学与物理学院,80,3,良好\n' +
          '4,丁,2404,辅导员助理,数学与物理学院,50,6,良好\n',
        '2026-2027-1/数学与物理学院/研究生德育助理名册.csv':
          '序号,姓名,学号,所在院系,岗位类型,上岗时间,离岗时间,政治面貌\n' +
          '1,研甲,2025001,数学与物理学院,党建,2025.09,,中共党员\n' +
          '2,研乙,2025002,数学与物理学院,信息（宣传）,2026.03,,中共预备党员\n' +
          '3,研丙,2025003,数学与物理学院,后勤,2025-11-15,2026.06,中共党员\n',
      }),
      out,
    });
    db2 = await NodeRunner.overParquet(out, ['assessments', 'graduate_assistants', 'counselors', 'warnings']);
  });
  afterAll(() => db2?.close());

  it('warns when an assistant late more than 3 times is graded better than 不合格, and keeps the grade', async () => {
    expect(await db2.query('SELECT name, late_count, grade, grade_recorded FROM assessments ORDER BY name')).toEqual([
      // The filed grade is the school's decision and stays (issue 20); the lateness is a warning, not a re-grade.
      { name: '丁', late_count: 6, grade: 'good', grade_recorded: 'good' },
      { name: '丙', late_count: 3, grade: 'good', grade_recorded: 'good' },
      { name: '乙', late_count: 4, grade: 'fail', grade_recorded: 'fail' },
      { name: '甲', late_count: 5, grade: 'good', grade_recorded: 'good' },
    ]);
    const w = await db2.query<{ row: number; code: string; message: string }>(`SELECT row, code, message FROM warnings WHERE code = 'LATENESS_NOT_FAILED' ORDER BY row`);
    expect(w.map((x) => x.row)).toEqual([2, 5]); // 甲 (良好), 丁 (scored 不合格, recorded 良好)
    expect(w[0]!.message).toBe('本学期迟到 5 次，超过 3 次，按规定应评为“不合格”，现评定为“良好”，请核实。');
  });

  it('reads a 研究生德育助理名册 headed 岗位类型 as graduate assistants, not as a counselor roster', async () => {
    expect(await db2.query('SELECT COUNT(*)::INTEGER AS n FROM counselors')).toEqual([{ n: 0 }]);
    // 2026-2027-1 starts 2026-09-01: 研甲 12 months; 研乙 6; 研丙 left 2026-06-01 after 6 (from the 15th: 6 whole months).
    expect(await db2.query('SELECT name, post, post_type, months_in_post, political_status FROM graduate_assistants ORDER BY student_id')).toEqual([
      { name: '研甲', post: '党建', post_type: 'party', months_in_post: 12, political_status: 'cpc_member' },
      { name: '研乙', post: '信息(宣传)', post_type: 'information', months_in_post: 6, political_status: 'cpc_probationary' },
      { name: '研丙', post: '后勤', post_type: null, months_in_post: 6, political_status: 'cpc_member' },
    ]);
    expect(await db2.query(`SELECT "column", code FROM warnings WHERE "table" = 'graduate_assistants'`)).toEqual([{ column: '岗位类型', code: 'ATTRIBUTE_UNREADABLE' }]);
  });
});

// ───────────────────────────── the SQL, on tables worked out by hand ─────────────────────────────

const P: StructureParams = { ageBands: [30, 35, 40, 50], youngAge: 35, yearsInPostBands: [0, 3, 8], minEducation: 'bachelor', relatedMajors: ['思想政治', '心理学'] };
let db: NodeRunner;

type Counselor = [dept: string, id: string, employment: 'full_time' | 'part_time', gender: string | null, age: number | null, political: string | null, education: string | null, title: string | null, years: number | null, hiring?: string];
/** 2025-2026-1: 甲系 four full-time and one part-time, 乙系 two full-time. */
const COUNSELORS: Counselor[] = [
  ['甲系', '001', 'full_time', 'female', 35, 'cpc_member', 'master', 'associate', 9],
  ['甲系', '002', 'full_time', 'female', 36, 'cpc_probationary', 'bachelor', 'intermediate', 0],
  ['甲系', '003', 'full_time', 'male', 28, 'masses', 'college', 'junior', 2, '人事代理'],
  ['甲系', '004', 'full_time', null, null, null, null, null, null],
  ['甲系', '005', 'part_time', 'male', 50, 'cpc_member', 'doctor', 'full', 4],
  ['乙系', '006', 'full_time', 'male', 41, 'cpc_member', 'doctor', 'full', 12],
  ['乙系', '007', 'full_time', 'female', 30, 'cyl_member', 'master', 'intermediate', 0],
];

type Assessment = [semester: string, dept: string, id: string | null, name: string, role: string, score: number | null, grade: string, recorded: string | null, late?: number];
const ASSESSMENTS: Assessment[] = [
  // 不合格 in 2024-2025 and 2025-2026: listed for 2025-2026-x; department changed: the latest shown.
  ['2024-2025-2', '甲系', 'A1', '甲一', 'counselor', 55, 'fail', 'fail'],
  ['2025-2026-1', '乙系', 'A1', '甲一', 'counselor', 80, 'good', 'good'],
  ['2025-2026-2', '乙系', 'A1', '甲一', 'counselor', 50, 'fail', 'fail'],
  // 不合格 in 2023-2024 and 2025-2026 (a year between): not two consecutive years.
  ['2023-2024-1', '甲系', 'A2', '甲二', 'counselor', 50, 'fail', 'fail'],
  ['2025-2026-1', '甲系', 'A2', '甲二', 'counselor', 52, 'fail', 'fail'],
  // Twice in one academic year: one year only.
  ['2025-2026-1', '甲系', null, '甲三', 'counselor', 50, 'fail', 'fail'],
  ['2025-2026-2', '甲系', null, '甲三', 'counselor', 51, 'fail', 'fail'],
  // Without staff ID, 不合格 in 2024-2025 and 2025-2026: matched by department and name.
  ['2024-2025-1', '乙系', null, '乙四', 'counselor', null, 'fail', 'fail'],
  ['2025-2026-1', '乙系', null, '乙四', 'counselor', 58, 'fail', 'fail'],
  // 十佳: best means in 2025-2026 (scores out of 100).
  ['2025-2026-1', '甲系', 'B1', '优一', 'counselor', 98, 'excellent', 'excellent'],
  ['2025-2026-2', '甲系', 'B1', '优一', 'counselor', 94, 'excellent', 'excellent'], // mean 96
  ['2025-2026-1', '乙系', 'B2', '优二', 'counselor', 96, 'excellent', 'excellent'], // mean 96: tie for 1st
  ['2025-2026-1', '乙系', 'B3', '优三', 'counselor', 95, 'excellent', 'excellent'], // 3rd
  ['2025-2026-2', '甲系', 'B4', '优四', 'counselor', 99, 'excellent', 'excellent'],
  ['2025-2026-1', '甲系', 'B4', '优四', 'counselor', 50, 'fail', 'fail'], // 不合格 this year: out
  ['2024-2025-2', '甲系', 'B5', '优五', 'counselor', 100, 'excellent', 'excellent'], // last year: out
  ['2025-2026-1', '甲系', 'B6', '优六', 'assistant', 100, 'excellent', 'excellent'], // not a counselor
  // Seed 002 lateness (max 3, assistants): 3 is within, 4 is over.
  ['2025-2026-1', '甲系', 'S1', '助一', 'assistant', 80, 'good', 'good', 3],
  ['2025-2026-1', '甲系', 'S2', '助二', 'assistant', 80, 'good', 'good', 4],
  ['2025-2026-1', '甲系', 'S3', '助三', 'assistant', 50, 'fail', 'fail', 6],
  ['2025-2026-1', '乙系', 'S4', '助四', 'assistant', 50, 'fail', 'good', 5],
  ['2025-2026-1', '乙系', 'S5', '导五', 'counselor', 80, 'good', 'good', 9],
];

type Graduate = [name: string, post: string, postType: string | null, since: string, left: string | null, months: number, political: string | null];
const GRADUATES: Graduate[] = [
  ['研一', '党建', 'party', '2025-03-01', null, 6, 'cpc_probationary'],
  ['研二', '就业', 'employment', '2024-09-01', null, 12, 'cpc_member'],
  ['研三', '学术', 'academic', '2025-03-01', '2025-11-01', 8, 'cpc_member'],
  ['研四', '文体', 'culture_sports', '2024-03-01', '2025-03-01', 12, 'masses'],
];

const q = (v: unknown) => (v == null ? 'NULL' : typeof v === 'number' ? String(v) : sqlString(String(v)));
const insert = (table: keyof typeof TABLES, row: Record<string, unknown>) => {
  const cols = TABLES[table].output.map((c) => c.name);
  return `INSERT INTO ${table} (${cols.map((c) => `"${c}"`).join(', ')}) VALUES (${cols.map((c) => q(row[c] ?? (c === 'source_file' ? 'f.csv' : c === 'source_row' ? 1 : null))).join(', ')})`;
};

beforeAll(async () => {
  db = await NodeRunner.inMemory();
  for (const t of ['counselors', 'assessments', 'graduate_assistants', 'training'] as const) await db.connection.run(createTableSql(t, TABLES[t].output));
  // Every export received and read: an empty coverage table (the figures read it for what to leave out).
  await db.connection.run(createTableSql('coverage', COVERAGE_OUTPUT));
  for (const [department, staff_id, employment, gender, age, political_status, education, title_level, years_in_post, hiring] of COUNSELORS)
    await db.connection.run(insert('counselors', { semester: '2025-2026-1', department, staff_id, name: `人${staff_id}`, employment, fte: employment === 'full_time' ? 1 : 1 / 3, gender, age, political_status, education, title_level, years_in_post, hiring }));
  for (const [semester, department, person_id, name, role, score, grade, grade_recorded, late_count] of ASSESSMENTS)
    await db.connection.run(insert('assessments', { semester, department, person_id, name, role, score, score_max: score == null ? null : 100, grade, grade_recorded, late_count }));
  for (const [name, post, post_type, in_post_since, left_on, months_in_post, political_status] of GRADUATES)
    await db.connection.run(insert('graduate_assistants', { semester: '2025-2026-1', department: '甲系', name, post, post_type, in_post_since, left_on, months_in_post, political_status }));
  // Training of the new counselors 002 (甲系) and 007 (乙系): 16 h 岗前 for 002; 16 + 32 for 007; 8 h of other courses each.
  const training: Array<[string, string, string, string, number, number]> = [
    ['002', '人002', '甲系', '新入职辅导员岗前培训', 16, 2025],
    ['002', '人002', '甲系', '心理健康教育专题培训', 8, 2025],
    ['007', '人007', '乙系', '新入职辅导员岗前培训', 16, 2025],
    ['007', '人007', '乙系', '自治区高校新入职辅导员示范培训班', 32, 2025],
    ['007', '人007', '乙系', '网络思政工作坊', 8, 2025],
  ];
  for (const [staff_id, name, department, course, hours, year] of training)
    await db.connection.run(insert('training', { staff_id, name, department, course, level: 'school', hours, date: `${year}-09-10`, year }));
});
afterAll(() => db?.close());

describe('队伍结构 figures on a hand-made roster', () => {
  it('full-time, institution: 6 people, the blank one counted in every share', async () => {
    const [r] = await db.query<StructureSummaryRow>(structureSummarySql(P, { semester: '2025-2026-1', employment: 'full_time' }, 'institution'));
    // Women 001 002 007; ages 35 36 28 41 30 (mean 34); ≤ 35: 35 28 30; party 001 002 006; master's+ 001 006 007;
    // senior 001 006; below 本科: 003; new in post (0 years): 002 007.
    expect(r).toMatchObject({
      department: '全院', people: 6, described: 5, women: 3, gender_known: 5, age_known: 5, young: 3, party: 3, political_known: 5,
      masters: 3, education_known: 5, below_min_education: 1, senior: 2, title_known: 5, new_in_post: 2, years_known: 5,
    });
    expect(r!.mean_age).toBe(34);
  });

  it('per department and with part-time counselors', async () => {
    const rows = await db.query<StructureSummaryRow>(structureSummarySql(P, { semester: '2025-2026-1', employment: 'all' }, 'department'));
    expect(rows.map((r) => [r.department, r.people, r.women, r.party, r.masters, r.senior, r.mean_age])).toEqual([
      ['乙系', 2, 1, 1, 2, 1, 35.5],
      ['甲系', 5, 2, 3, 2, 2, (35 + 36 + 28 + 50) / 4],
    ]);
    const part = await db.query<StructureSummaryRow>(structureSummarySql(P, { semester: '2025-2026-1', department: '甲系', employment: 'part_time' }, 'department'));
    expect(part.map((r) => [r.people, r.party, r.senior])).toEqual([[1, 1, 1]]);
  });

  it('every category of a dimension, 未填写 included, adds up to the people in scope', async () => {
    const rows = await db.query<BreakdownRow>(breakdownSql(P, { semester: '2025-2026-1', employment: 'full_time' }, 'institution'));
    const of = (d: string) => Object.fromEntries(rows.filter((r) => r.dimension === d).map((r) => [r.category, r.people]));
    expect(of('age')).toEqual({ a0: 2, a1: 1, a2: 1, a3: 1, unknown: 1 }); // ≤30: 28 30; 31–35: 35; 36–40: 36; 41–50: 41
    expect(of('years')).toEqual({ y0: 2, y1: 1, y3: 2, unknown: 1 }); // 0 0 | 2 | 9 12
    expect(of('education')).toEqual({ doctor: 1, master: 2, bachelor: 1, college: 1, unknown: 1 });
    for (const d of ['gender', 'age', 'political', 'education', 'title', 'years', 'major', 'ethnicity', 'degree']) expect(Object.values(of(d)).reduce((a, b) => a + b, 0), d).toBe(6);
  });

  it('lists below 本科 (a rule), a disallowed hiring, and non-members (information only); blank 政治面貌 is not listed', async () => {
    const rows = await db.query<PersonFlagRow>(peopleFlagsSql({ ...P, partyExpected: true, disallowedHiring: ['劳务派遣', '人事代理'] }, { semester: '2025-2026-1', employment: 'full_time' }));
    expect(rows.map((r) => [r.staff_id, r.below_education, r.disallowed_hiring, r.not_party])).toEqual([
      ['003', true, true, true],
      ['007', false, false, true],
    ]);
    const notExpected = await db.query<PersonFlagRow>(peopleFlagsSql({ ...P, partyExpected: false, disallowedHiring: [] }, { semester: '2025-2026-1', employment: 'full_time' }));
    expect(notExpected.map((r) => r.staff_id)).toEqual(['003']);
  });
});

describe('people rules across semesters, by hand', () => {
  it('two consecutive academic years 不合格 (seed 004)', async () => {
    const rows = await db.query<ConsecutiveFailRow>(consecutiveFailSql({ years: 2 }, { semester: '2025-2026-2' }));
    expect(rows.map((r) => [r.department, r.name, r.person_id, r.failed_semesters])).toEqual([
      ['乙系', '乙四', null, '2024-2025-1,2025-2026-1'],
      ['乙系', '甲一', 'A1', '2024-2025-2,2025-2026-2'],
    ]);
    // In 2025-2026-1 甲一's second 不合格 is still to come.
    expect((await db.query<ConsecutiveFailRow>(consecutiveFailSql({ years: 2 }, { semester: '2025-2026-1' }))).map((r) => r.name)).toEqual(['乙四']);
    expect((await db.query<ConsecutiveFailRow>(consecutiveFailSql({ years: 2 }, { semester: '2025-2026-2', department: '甲系' })))).toEqual([]);
  });

  it('十佳 candidates: the year’s best mean 得分率, ties at the cut included, none rated 不合格 that year', async () => {
    const top = (count: number, department?: string) => db.query<TopCounselorRow>(topCounselorsSql({ count }, { semester: '2025-2026-2', department }));
    // Ties share the rank and are listed by department (乙系 before 甲系), then name.
    expect((await top(2)).map((r) => [r.rank, r.department, r.name, r.mean_percent, r.assessments])).toEqual([
      [1, '乙系', '优二', 96, 1],
      [1, '甲系', '优一', 96, 2],
    ]);
    expect((await top(3)).map((r) => r.name)).toEqual(['优二', '优一', '优三']);
    // Department filter after ranking: 甲系's people among the top 3.
    expect((await top(3, '甲系')).map((r) => [r.rank, r.name])).toEqual([[1, '优一']]);
    // 2025-2026-1 alone: 优一 98, 优二 96, 优三 95 (优四 rated 不合格 that semester).
    expect((await db.query<TopCounselorRow>(topCounselorsSql({ count: 3 }, { semester: '2025-2026-1' }))).map((r) => r.name)).toEqual(['优一', '优二', '优三']);
    // One place, two tied for it: both are in.
    expect((await top(1)).map((r) => r.name)).toEqual(['优二', '优一']);
  });

  it('lateness (seed 002): more than 3 times, for assistants; a better grade is marked', async () => {
    const rows = await db.query<LatenessRow>(latenessSql({ max: 3, roles: ['assistant'] }, { semester: '2025-2026-1' }));
    expect(rows.map((r) => [r.name, r.late_count, r.applied])).toEqual([
      ['助四', 5, false], // scored 不合格 but recorded 良好
      ['助二', 4, false],
      ['助三', 6, true],
    ]);
  });

  it('graduate assistants (seed 003): left before a year, under a year still in post, membership', async () => {
    const rows = await db.query<GraduateAssistantRow>(graduateAssistantsSql({ minMonths: 12 }, { semester: '2025-2026-1' }));
    const by = Object.fromEntries(rows.map((r) => [r.name, [r.left_early, r.under_minimum, r.political_ok]]));
    expect(by).toEqual({
      研一: [false, true, false], // 党建 post held by a probationary member
      研二: [false, false, true], // exactly 12 months
      研三: [true, false, true],
      研四: [false, false, false], // left after 12 months; 群众
    });
  });

  it('岗前培训 of new full-time counselors: 40 学时 from courses named 岗前/入职', async () => {
    const rows = await db.query<InductionRow>(inductionSql({ hours: 40, keywords: ['岗前', '入职'] }, { semester: '2025-2026-1' }));
    expect(rows.map((r) => [r.staff_id, r.induction_hours, r.meets])).toEqual([
      ['002', 16, false],
      ['007', 48, true],
    ]);
  });
});

describe('the demo exports tell the structure story (read by the independent oracle)', () => {
  it('no 辅导员信息表 columns in 2024-2025-2; from 2025-2026-1 on, gaps, one full-time counselor below 本科, 人事代理 hiring', async () => {
    const { counselors } = await readCounselors();
    const of = (s: string) => counselors.filter((c) => c.semester === s);
    expect(of('2024-2025-2').length).toBeGreaterThan(80);
    expect(of('2024-2025-2').some((c) => c.gender || c.age !== null || c.education)).toBe(false);
    for (const s of ['2025-2026-1', '2025-2026-2', '2026-2027-1']) {
      const full = of(s).filter((c) => c.fullTime);
      expect(full.filter((c) => c.education === '专科').map((c) => c.department), s).toEqual(['艺术设计系']);
      expect(full.some((c) => c.hiring === '人事代理'), s).toBe(true);
      for (const k of ['gender', 'age', 'political', 'education', 'titleLevel'] as const) expect(full.some((c) => c[k] === null), `${s} ${k} 未填写`).toBe(true);
      expect(described({ people: full } as never)).toBe(true);
    }
  });

  it('one counselor rated 不合格 in two consecutive academic years (汽车工程系)', async () => {
    const truth = await computeMetricsTruth();
    const failed = (s: string) => new Set(truth.assessed.filter((a) => a.semester === s && a.role === 'counselor' && a.grade === 'fail').map((a) => `${a.department}/${a.personId}`));
    const both = [...failed('2025-2026-2')].filter((p) => failed('2026-2027-1').has(p));
    expect(both).toHaveLength(1);
    expect(both[0]).toMatch(/^汽车工程系\//);
    expect(truth.assessment.get('2026-2027-1')!.get(INSTITUTION)!.get('counselor')!.grades.fail).toBe(1);
  });
});
