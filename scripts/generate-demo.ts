/**
 * npm run demo:generate   (node scripts/generate-demo.ts [--verbose] [--departments N --out DIR])
 *
 * Deletes and rewrites data/exports/ with the spreadsheet exports of an imaginary vocational
 * college (清河职业技术学院): 12 departments × 4 semesters (2024-2025-2 … 2026-2027-1). Staffing:
 *
 *   data/exports/<semester>/<department>/<…在校生人数….csv|xlsx>   enrollment, every semester
 *   data/exports/<semester>/<department>/<…辅导员名册….csv|xlsx>   counselor roster, every semester
 *                                                                  except 2025-2026-2, where the
 *   data/exports/2025-2026-2/学工部/全院辅导员名册.xlsx             student-affairs office sent one
 *                                                                  institution-wide roster instead
 *
 * Also: 信息工程系's enrollment .xlsx has its 系部 merged down the data rows; 2026-2027-1/汽车工程系's
 * roster is an old-format .xls (BIFF8, written with SheetJS); data/exports/rules.json holds the
 * demo's own settings (学工部's five abbreviations as department_aliases), laid over data/rules.json.
 *
 * Why messy: the dashboard exists because departments send Excel/WPS exports, not clean data.
 * The demo must exercise every tolerance the ingest promises, so the *formatting* varies the way
 * real exports do — GBK/CRLF CSVs (what Windows Excel writes), "CSV UTF-8" with BOM, UTF-8 without
 * BOM, .xlsx with merged title cells; one or two title lines; the semester written three ways,
 * or only in a 学期 column, or only in the folder name; header aliases (系部/院系/单位…,
 * 在校生人数/学生数/人数…, 专兼职/岗位类型/类别/类型); 合计 rows; 填表人/盖章/日期 footers;
 * full-width digits, "1,020", trailing spaces, "王 芳"; staff ids that lost their leading zeros;
 * phone numbers (which the ingest must drop). The *data* is clean and consistent: a department's
 * students are the sum of its data rows, nobody is listed twice in a semester, every row parses —
 * with ONE deliberate exception among the staffing files so the dashboard's reject list is not empty:
 *
 *   BAD ROW: 2025-2026-1/艺术设计系/辅导员名册.csv has one counselor whose 专兼职 is "外聘"
 *   (neither 专职 nor 兼职); the ingest must reject that row. See BAD_ROW below.
 *
 * From 2025-2026-1 on the rosters are 辅导员信息表 (学工部's new template; scripts/demo/profiles.ts):
 * 性别, 出生年月, 民族, 政治面貌, 学历, 学位, 所学专业, 职称, 职级, 任辅导员时间, headed three ways, months
 * written 1990.05 / 1990年5月 / 1990-05 or as date cells, about 3 % of cells blank; one full-time
 * counselor of 艺术设计系 has 大专 (below 本科). The 2024-2025-2 rosters have none of these columns.
 *
 * Staffing story the numbers tell (latest semester 2026-2027-1; the rule is ≤ 200 students per
 * full-time counselor): 建筑工程系 is exactly at 200 (1,200 students, 6 full-time); 信息工程系,
 * 医学护理系 and 汽车工程系 are above 200; 旅游与酒店管理系 was above 200 until it hired a fourth
 * counselor in 2025-2026-2; 数学与物理学院 had no full-time counselor at all in 2024-2025-2.
 *
 * TEAM EXPORTS (added after the staffing files, which they leave byte-for-byte unchanged): the same
 * people (工号, names, departments as on the rosters) in the other kinds the ingest reads.
 *
 *   <semester>/<department>/<…辅导员工作记录….csv|xlsx>       every semester: one row per counselor
 *        (full- and part-time) per week 1–18; 周次 as 3 or 第3周, or a 日期 in the week (three text
 *        spellings in CSV, real date cells in xlsx); a 角色 column, or none and 辅导员工作记录 in the title
 *   <semester>/<dept>/<dept>班主任工作记录.*     2025-2026-1 on, 艺术设计系, 化学与生物工程学院, 建筑工程系
 *   <semester>/<dept>/<dept>辅导员助理工作记录.*  2025-2026-1 on, 外国语学院, 旅游与酒店管理系 (学号)
 *        (both: the freshman classes' 班主任 and assistants, who keep weekly logs)
 *   2026-2027-1/数学与物理学院/…研究生德育助理工作记录.xlsx   3 graduate assistants, 12–22 hours a week
 *   <2025-2026-2|2026-2027-1>/<dept>/<dept>辅导员考核结果.*          总分 (of 100) and 考核结果
 *   <2025-2026-2|2026-2027-1>/<dept>/<dept>辅导员助理考核汇总表.*    the 14 items of the 考核量化表 (of 90), except:
 *   2025-2026-2/机电工程系/机电工程系辅导员（班主任）助理工作考核情况汇总表.xlsx   seed 000's 汇总表 exactly
 *        as printed (no 系部 column: the department in the title; 聘用岗位(班级); signature lines at
 *        the foot), one 优秀 more than the quota allows — read as the assistants' assessment and,
 *        since it lists their classes, as the roster in force for that semester (it has no
 *        政治面貌 or 不及格课程数: those show as not reported)
 *   2026-2027-1/医学护理系/医学护理系辅导员助理考核量化表.xlsx   one 考核量化表 per assistant, a sheet each
 *   <2025-2026-1|2026-2027-1>/<dept>/<dept>辅导员助理汇总表.*   per academic year, in its 第一学期 folder
 *   <2025-2026-1|2026-2027-1>/<dept>/<dept>班级信息表.*         per academic year: 班级, 人数, 辅导员, 班主任
 *   <2024-2025-2|2025-2026-1|2026-2027-1>/学工部/辅导员培训记录.xlsx  one per academic year (2024-2025 has
 *        no 第一学期 folder here); the 2025-2026 one abbreviates five departments (rules' department_aliases)
 *   2025-2026-1/机电工程系/机电工程系辅导员培训记录.csv   the department's own sessions (系级)
 *
 * Their department column is headed 系别/所在系部/所在院系/二级学院/所在系, never 系部/院系/学院/部门/
 * 所在单位/单位: the independent staffing oracle (test/support/oracle.ts) reads every file below
 * data/exports and counts rows under those headers as counselors or students.
 *
 * The story they tell: counselors of 信息工程系, 医学护理系 and 汽车工程系 (the departments above 1:200)
 * miss a weekly norm in 22–36 % of person-weeks, the others in 4–8 % (part-time counselors about three
 * times as often as full-time ones); 经济管理系 (2025-2026-2, 2026-2027-1) and 旅游与酒店管理系
 * (2026-2027-1) rate more than 20 % of their counselors 优秀; 7 full-time counselors fall short of 16
 * school-level training hours in 2025 and 6 in 2026 (3 in the autumn-only 2024), and 5 long-serving
 * ones had no national or provincial course; one counselor hired in 2026 has only 16 学时 of 岗前培训;
 * 72–84 % of each department's classes have an assistant; one counselor is rated 不合格 in both
 * assessed semesters (two academic years running, seed 004) and three assistants are rated 不合格.
 * 数学与物理学院's assistant assessments carry 迟到次数 (seed 002): each semester one assistant rated 良好
 * was late 5 times; its 研究生德育助理名册 (2025-2026-2, 2026-2027-1; seed 003) lists post types, one
 * assistant who left after 8 months and a 党建 post held by a probationary member. The generator
 * prints the names.
 *
 * DELIBERATE PROBLEMS in the team exports (PROBLEMS below; the generator prints these rows):
 *   2025-2026-1/机电工程系/机电工程系辅导员工作记录.csv row 48: 谈心谈话 "五" — rejected (NOT_A_COUNT)
 *   2025-2026-1/机电工程系/机电工程系辅导员培训记录.csv row 40: 级别 "市级" — rejected (UNKNOWN_LEVEL)
 *   2025-2026-1/汽车工程系/汽车工程系辅导员工作记录.csv row 52: 日期 2024/10/14 for 2025/10/14 —
 *        warning WEEK_OUTSIDE_SEMESTER
 *   2026-2027-1/机电工程系/机电工程系辅导员考核结果.csv row 8: 总分 92 with 考核结果 良好 — GRADE_MISMATCH
 *   2025-2026-2/外国语学院/外国语学院辅导员助理考核汇总表.csv row 6: 到岗 12 (max 10) — ITEM_ABOVE_MAX
 *   2026-2027-1/建筑工程系/建筑工程系辅导员工作记录.csv rows 13 and 14: the same row pasted twice
 *        (the ingest's DUPLICATE_ROW check only compares rows of different files, so no warning)
 *
 * Deterministic: all randomness comes from mulberry32 streams seeded from SEED and a per-use key,
 * and the zip timestamps inside each .xlsx are set to the file's 填报日期, so two runs write
 * identical bytes. The team exports use keys of their own and draw new names and ids from the
 * registry only after every roster is written, so the staffing files' streams are untouched. The
 * departments' structural formats live in one table (DEPARTMENTS) plus a few
 * per-semester OVERRIDES; cosmetic details (title wording, semester spelling, blank line before
 * the footer, which rows get full-width digits) are drawn per file.
 */
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';
import * as XLSX from '@e965/xlsx';
import iconv from 'iconv-lite';
import writeXlsxFile from 'write-excel-file/node';
import { stampZip } from '../src/io/stamp-zip.ts';
import { DEMO_INSTITUTION } from '../src/domain/settings.ts';
import { PROFILE_HEADERS, drawProfile, monthText, type CounselorProfile, type ProfileStyle } from './demo/profiles.ts';
import { commandLine } from '../src/io/command-line.ts';

const USAGE = `
删除并重新生成演示数据（data/exports/）：一所虚构学院 12 个系部、4 个学期的报送文件。

用法：npm run demo:generate -- [选项]

  --verbose              显示每个学期的核对数字（默认只显示最近一个学期）
  --departments 数字     系部数（默认 12；性能测试用更多系部）
  --out 文件夹           写到别处而不是 data/exports（须为新的或空的文件夹）
  --help                 显示本说明
`;
const { values: options } = commandLine(USAGE, { verbose: { type: 'boolean', default: false }, departments: { type: 'string' }, out: { type: 'string' } });

const SEED = 20250915;
const ROOT = resolve(import.meta.dirname, '..');
const DEFAULT_OUT = join(ROOT, 'data', 'exports');
/** --out DIR writes elsewhere than data/exports (the benchmark's inputs): only into a folder that is new or empty. */
const OUT_DIR = options.out ? resolve(options.out) : DEFAULT_OUT;
const INSTITUTION = DEMO_INSTITUTION;

// ───────────────────────────── randomness ─────────────────────────────

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a, so that each use gets its own stream and editing one file's recipe leaves the others alone. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (const byte of Buffer.from(text, 'utf8')) h = Math.imul(h ^ byte, 0x01000193) >>> 0;
  return h;
}

interface Rng {
  next(): number;
  int(lo: number, hi: number): number;
  pick<T>(items: readonly T[]): T;
  chance(p: number): boolean;
}

function rngFor(...key: string[]): Rng {
  const next = mulberry32(hash(`${SEED}|${key.join('|')}`));
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  return { next, int, pick: (items) => items[int(0, items.length - 1)]!, chance: (p) => next() < p };
}

// ───────────────────────────── semesters ─────────────────────────────

interface Semester {
  id: string;
  startYear: number;
  term: 1 | 2;
}

const SEMESTERS: readonly Semester[] = [
  { id: '2024-2025-2', startYear: 2024, term: 2 },
  { id: '2025-2026-1', startYear: 2025, term: 1 },
  { id: '2025-2026-2', startYear: 2025, term: 2 },
  { id: '2026-2027-1', startYear: 2026, term: 1 },
];
const LATEST = SEMESTERS.length - 1;
/** Files of this semester carry a 学期 column and never name the semester in their title. */
const SEMESTER_COLUMN_IN = '2024-2025-2';
/** This semester's roster is one institution-wide file from 学工部 instead of one per department. */
const CENTRAL_ROSTER_IN = '2025-2026-2';

const CN_TERM = { 1: '一', 2: '二' } as const;
/** The ways departments spell a semester in titles and 学期 cells. */
const SEMESTER_SPELLINGS: ReadonlyArray<(s: Semester) => string> = [
  (s) => `${s.startYear}-${s.startYear + 1}学年第${CN_TERM[s.term]}学期`,
  (s) => `${s.startYear}—${s.startYear + 1}学年第${s.term}学期`,
  (s) => `${s.startYear}-${s.startYear + 1}学年度第${CN_TERM[s.term]}学期`,
];

/** Three-year programmes: the three cohorts enrolled during the semester. */
const gradesOf = (s: Semester) => [s.startYear - 2, s.startYear - 1, s.startYear].map((y) => `${y}级`);

interface FillDate {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

/** Departments report in September (autumn term) or March (spring term). */
function fillDateOf(s: Semester, rng: Rng): FillDate {
  const spring = s.term === 2;
  return {
    year: spring ? s.startYear + 1 : s.startYear,
    month: spring ? 3 : 9,
    day: spring ? rng.int(2, 20) : rng.int(8, 28),
    hour: rng.int(9, 17),
    minute: rng.int(0, 59),
  };
}
const dateText = (d: FillDate) => `${d.year}年${d.month}月${d.day}日`;

// ───────────────────────────── departments: the one format table ─────────────────────────────

/** How a file is stored. Excel-written CSVs pad every line with commas to the sheet's width. */
type Container = 'csv-gbk' | 'csv-utf8-bom' | 'csv-utf8' | 'xlsx' | 'xls';
const CONTAINERS: Record<Container, { ext: 'csv' | 'xlsx' | 'xls'; encoding?: 'gbk' | 'utf8'; bom?: boolean; eol?: string; pad?: boolean; label: string }> = {
  'csv-gbk': { ext: 'csv', encoding: 'gbk', bom: false, eol: '\r\n', pad: true, label: 'CSV GBK' },
  'csv-utf8-bom': { ext: 'csv', encoding: 'utf8', bom: true, eol: '\r\n', pad: true, label: 'CSV UTF-8 BOM' },
  'csv-utf8': { ext: 'csv', encoding: 'utf8', bom: false, eol: '\n', pad: false, label: 'CSV UTF-8' },
  xlsx: { ext: 'xlsx', label: 'XLSX' },
  // Excel 97–2003 (BIFF8), what old 学工 systems and WPS templates still save.
  xls: { ext: 'xls', label: 'XLS' },
};

/** Formatting habits of a department's clerk, applied to both of its exports. */
type Mess =
  | 'thousands' // counts ≥ 1000 written "1,020" (CSV) or shown with #,##0 (xlsx)
  | 'fullwidth' // one count typed with full-width digits "１２０"
  | 'trailingSpace' // one count with a trailing space "520 "
  | 'nameSpace'; // a two-character name padded "王 芳" / "王　芳"

type Footer = 'full' | 'split' | 'sign' | 'date' | 'none';

interface EnrollFormat {
  as: Container;
  /** File name without extension; {d} = department. */
  file: string;
  split: 'grade' | 'level';
  deptHeader: string;
  studentsHeader: string;
  total: boolean;
  /** xlsx only: counts stored as text cells instead of numbers. */
  numbersAsText?: boolean;
  /** xlsx only: the department cell merged down the data rows (the usual Chinese layout). */
  mergeDept?: boolean;
}

interface RosterFormat {
  as: Container;
  file: string;
  deptHeader: string;
  typeHeader: string;
  idHeader: '工号' | '职工号';
  partTime: 'plain' | 'spaced' | 'kind';
  load: boolean; // 所带学生数 column
  hiring: boolean; // 聘用方式 column
  nameFirst?: boolean; // 姓名 before 工号
  /** xlsx only: staff ids as numbers (Excel dropped the leading zeros). */
  idsAsNumbers?: boolean;
  /** The 辅导员信息表 columns (性别, 出生年月, 政治面貌, 学历, 职称 …) and how they are headed; absent before PROFILES_FROM. */
  profile?: ProfileStyle;
}

type Quad = readonly [number, number, number, number];

interface Dept {
  name: string;
  /** Per semester, in SEMESTERS order. */
  students: Quad;
  fullTime: Quad;
  partTime: Quad;
  /** Some full-time counselors are hired through an agency. */
  outsourced?: '人事代理' | '劳务派遣';
  titleLines: 0 | 1 | 2;
  footer: Footer;
  mess: readonly Mess[];
  enroll: EnrollFormat;
  roster: RosterFormat;
}

const DEMO_DEPARTMENTS: readonly Dept[] = [
  {
    name: '机电工程系', students: [1880, 1950, 1932, 1980], fullTime: [10, 11, 11, 11], partTime: [2, 2, 2, 2],
    titleLines: 2, footer: 'full', mess: ['thousands'],
    enroll: { as: 'csv-gbk', file: '{d}在校生人数', split: 'grade', deptHeader: '系部', studentsHeader: '在校生人数', total: true },
    roster: { as: 'csv-gbk', file: '辅导员名册', deptHeader: '系部', typeHeader: '专兼职', idHeader: '工号', partTime: 'plain', load: true, hiring: false },
  },
  {
    name: '信息工程系', students: [1960, 2060, 2041, 2120], fullTime: [9, 9, 9, 9], partTime: [2, 3, 3, 3],
    outsourced: '人事代理', titleLines: 1, footer: 'sign', mess: ['thousands'],
    enroll: { as: 'xlsx', file: '{d}在校生人数', split: 'grade', deptHeader: '系部', studentsHeader: '学生人数', total: true, mergeDept: true },
    roster: { as: 'xlsx', file: '{d}辅导员名册', deptHeader: '系部', typeHeader: '岗位类型', idHeader: '工号', partTime: 'kind', load: true, hiring: true },
  },
  {
    name: '经济管理系', students: [1490, 1520, 1508, 1540], fullTime: [8, 9, 9, 9], partTime: [1, 1, 1, 1],
    titleLines: 2, footer: 'split', mess: ['fullwidth', 'thousands', 'nameSpace'],
    enroll: { as: 'csv-gbk', file: '在校生人数统计表', split: 'level', deptHeader: '部门', studentsHeader: '人数', total: true },
    roster: { as: 'csv-gbk', file: '辅导员名册', deptHeader: '部门', typeHeader: '类别', idHeader: '职工号', partTime: 'spaced', load: false, hiring: false },
  },
  {
    name: '建筑工程系', students: [1150, 1185, 1176, 1200], fullTime: [6, 6, 6, 6], partTime: [2, 2, 2, 2],
    titleLines: 1, footer: 'date', mess: ['trailingSpace'],
    enroll: { as: 'csv-utf8-bom', file: '{d}在校生人数', split: 'grade', deptHeader: '院系', studentsHeader: '学生数', total: true },
    roster: { as: 'csv-utf8-bom', file: '{d}辅导员名册', deptHeader: '院系', typeHeader: '专兼职', idHeader: '工号', partTime: 'plain', load: true, hiring: false },
  },
  {
    name: '医学护理系', students: [1640, 1710, 1698, 1760], fullTime: [6, 7, 7, 7], partTime: [3, 3, 3, 3],
    outsourced: '劳务派遣', titleLines: 2, footer: 'full', mess: [],
    enroll: { as: 'xlsx', file: '{d}在校生人数（分层次）', split: 'level', deptHeader: '所在单位', studentsHeader: '在校生人数', total: true },
    roster: { as: 'xlsx', file: '{d}辅导员名册', deptHeader: '所在单位', typeHeader: '类型', idHeader: '工号', partTime: 'kind', load: false, hiring: true },
  },
  {
    name: '艺术设计系', students: [930, 945, 938, 960], fullTime: [6, 6, 6, 6], partTime: [1, 1, 1, 1],
    titleLines: 1, footer: 'sign', mess: ['nameSpace', 'trailingSpace'],
    enroll: { as: 'csv-gbk', file: '{d}在校生人数', split: 'grade', deptHeader: '单位', studentsHeader: '人数', total: true },
    roster: { as: 'csv-gbk', file: '辅导员名册', deptHeader: '单位', typeHeader: '专兼职', idHeader: '工号', partTime: 'spaced', load: false, hiring: false },
  },
  {
    name: '外国语学院', students: [790, 805, 798, 820], fullTime: [5, 5, 5, 5], partTime: [1, 0, 0, 0],
    titleLines: 0, footer: 'none', mess: [],
    enroll: { as: 'csv-utf8', file: '在校生人数', split: 'grade', deptHeader: '学院', studentsHeader: '在校生人数', total: false },
    roster: { as: 'csv-utf8', file: '辅导员名册', deptHeader: '学院', typeHeader: '岗位类型', idHeader: '工号', partTime: 'plain', load: false, hiring: false, nameFirst: true },
  },
  {
    name: '数学与物理学院', students: [600, 618, 612, 640], fullTime: [0, 4, 4, 4], partTime: [3, 2, 2, 2],
    titleLines: 2, footer: 'full', mess: ['fullwidth'],
    enroll: { as: 'csv-gbk', file: '{d}在校生人数', split: 'level', deptHeader: '学院', studentsHeader: '学生人数', total: true },
    roster: { as: 'csv-gbk', file: '{d}辅导员名册', deptHeader: '学院', typeHeader: '类别', idHeader: '工号', partTime: 'kind', load: true, hiring: false },
  },
  {
    name: '汽车工程系', students: [1290, 1330, 1321, 1380], fullTime: [6, 6, 6, 6], partTime: [2, 2, 2, 2],
    outsourced: '人事代理', titleLines: 1, footer: 'date', mess: ['thousands', 'nameSpace'],
    enroll: { as: 'xlsx', file: '{d}在校生人数', split: 'grade', deptHeader: '系部', studentsHeader: '在校生人数', total: true },
    roster: { as: 'csv-gbk', file: '{d}辅导员名册（更新）', deptHeader: '系部', typeHeader: '专兼职', idHeader: '职工号', partTime: 'plain', load: true, hiring: true },
  },
  {
    name: '化学与生物工程学院', students: [1010, 1030, 1022, 1050], fullTime: [6, 6, 6, 6], partTime: [1, 1, 1, 1],
    titleLines: 2, footer: 'split', mess: ['fullwidth'],
    enroll: { as: 'csv-utf8-bom', file: '在校生人数', split: 'level', deptHeader: '院系', studentsHeader: '学生数', total: false },
    roster: { as: 'xlsx', file: '辅导员名册', deptHeader: '院系', typeHeader: '专兼职', idHeader: '工号', partTime: 'kind', load: false, hiring: true },
  },
  {
    name: '旅游与酒店管理系', students: [720, 745, 739, 760], fullTime: [3, 3, 4, 4], partTime: [1, 1, 1, 1],
    titleLines: 1, footer: 'full', mess: ['nameSpace', 'trailingSpace'],
    enroll: { as: 'csv-gbk', file: '{d}在校生人数统计', split: 'grade', deptHeader: '部门', studentsHeader: '在校生人数', total: true },
    roster: { as: 'csv-utf8-bom', file: '辅导员名册', deptHeader: '部门', typeHeader: '类型', idHeader: '工号', partTime: 'spaced', load: true, hiring: false },
  },
  {
    name: '电子信息与通信工程学院', students: [1300, 1340, 1330, 1380], fullTime: [7, 8, 8, 8], partTime: [0, 0, 0, 0],
    titleLines: 2, footer: 'none', mess: ['thousands'],
    enroll: { as: 'xlsx', file: '{d}在校生人数', split: 'grade', deptHeader: '所在单位', studentsHeader: '学生人数', total: true },
    roster: { as: 'xlsx', file: '{d}辅导员名册', deptHeader: '所在单位', typeHeader: '岗位类型', idHeader: '职工号', partTime: 'plain', load: true, hiring: true },
  },
];

/**
 * --departments N (the benchmark's province-scale input): the demo's departments, then copies of
 * them named after other campuses (东校区机电工程系 …), each with people and figures of its own
 * (every random stream is keyed by the department's name), until there are N.
 */
/** A copy's demo department, by name: its formats, team plan and profile style are that department's. */
const DEMO_NAME = new Map<string, string>();
const demoName = (d: Dept) => DEMO_NAME.get(d.name) ?? d.name;
const CAMPUSES = ['东校区', '西校区', '南校区', '北校区', '新校区', '老校区', '城东', '城西', '城南', '城北', '滨江', '高新', '开发区', '湖畔'];
function withCopies(departments: readonly Dept[], count: number): readonly Dept[] {
  if (count > departments.length * (CAMPUSES.length + 1)) throw new Error(`--departments: at most ${departments.length * (CAMPUSES.length + 1)}`);
  const copies = CAMPUSES.flatMap((campus) => departments.map((d) => ({ ...d, name: `${campus}${d.name}` })));
  for (const [i, copy] of copies.entries()) DEMO_NAME.set(copy.name, departments[i % departments.length]!.name);
  return [...departments, ...copies].slice(0, Math.max(count, departments.length));
}
const DEPARTMENTS = withCopies(DEMO_DEPARTMENTS, Number(options.departments ?? DEMO_DEPARTMENTS.length));

/** Where a department's habits changed for one semester (new clerk, different computer…). */
const OVERRIDES: Record<string, { enroll?: Partial<EnrollFormat>; roster?: Partial<RosterFormat> }> = {
  '2024-2025-2/外国语学院': { enroll: { as: 'csv-gbk' }, roster: { as: 'csv-gbk' } },
  '2025-2026-1/汽车工程系': { enroll: { as: 'csv-gbk' } },
  '2025-2026-1/医学护理系': { roster: { idsAsNumbers: true } },
  '2025-2026-1/电子信息与通信工程学院': { enroll: { numbersAsText: true } },
  '2026-2027-1/经济管理系': { enroll: { as: 'xlsx' } },
  '2026-2027-1/机电工程系': { roster: { as: 'csv-utf8-bom' } },
  '2026-2027-1/汽车工程系': { roster: { as: 'xls' } },
};

/** The one deliberately invalid row of the whole demo (see the header comment). */
const BAD_ROW = { semester: '2025-2026-1', dept: '艺术设计系', label: '外聘' } as const;

/**
 * From this semester on, rosters carry the 辅导员信息表's personal columns (学工部 issued a new
 * template); the 2024-2025-2 rosters have none of them and must read as before. Each department
 * heads them its own way.
 */
const PROFILES_FROM = 1;
const PROFILE_STYLES: Record<string, ProfileStyle> = {
  机电工程系: 'A', 信息工程系: 'B', 经济管理系: 'C', 建筑工程系: 'A', 医学护理系: 'B', 艺术设计系: 'C',
  外国语学院: 'A', 数学与物理学院: 'B', 汽车工程系: 'A', 化学与生物工程学院: 'C', 旅游与酒店管理系: 'B', 电子信息与通信工程学院: 'A',
};

const enrollFormat = (d: Dept, s: Semester): EnrollFormat => ({ ...d.enroll, ...OVERRIDES[`${s.id}/${demoName(d)}`]?.enroll });
const rosterFormat = (d: Dept, s: Semester): RosterFormat => ({
  ...d.roster,
  ...(SEMESTERS.indexOf(s) >= PROFILES_FROM ? { profile: PROFILE_STYLES[demoName(d)] } : {}),
  ...OVERRIDES[`${s.id}/${demoName(d)}`]?.roster,
});

// ───────────────────────────── people ─────────────────────────────

const SURNAMES = [
  ...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤',
  '欧阳', '司马', '上官',
];
/** Given-name characters, drawn from one pool per name so that names read naturally. */
const GIVEN = [
  [...'伟强磊军洋勇杰涛明超刚鹏飞宇浩俊博文斌凯鑫阳辉帆昊旭锐峰亮嘉睿泽志建国海波宁晨'],
  [...'芳娜敏静丽艳娟秀霞英华玉萍红慧婷雪琳欣怡佳颖倩晓思梦雅涵蕾瑶琪彤悦璐琦诗雨晴蓉燕珊丹春梅'],
];

type StaffType = 'full' | 'part';
/** Given-name characters of the second pool: the name reads as a woman's. */
const FEMALE_GIVEN = new Set(GIVEN[1]);

interface Person {
  id: string;
  name: string;
  type: StaffType;
  /** For part-time counselors: their main job. */
  partKind: '教师' | '研究生';
  hiring: '事业编制' | '合同制' | '人事代理' | '劳务派遣';
  phone: string;
  joined: number; // semester index
  /** 备注 in the semester they joined (新入职, 2025年7月入职) and in later ones (a side role, or nothing). */
  joinNote: string;
  note: string;
  /** 性别, 出生年月, 政治面貌, 学历, 职称 … as the 辅导员信息表 carries them (from PROFILES_FROM on). */
  profile: CounselorProfile;
}

const noteIn = (p: Person, semester: number) => (p.joined === semester && p.joinNote ? p.joinNote : p.note);

/** Institution-wide uniqueness of ids, names and phone numbers. */
class Registry {
  private ids = new Set<string>();
  private names = new Set<string>();
  private phones = new Set<string>();

  private unique(set: Set<string>, make: () => string): string {
    for (;;) {
      const value = make();
      if (!set.has(value)) {
        set.add(value);
        return value;
      }
    }
  }

  id(rng: Rng): string {
    return this.unique(this.ids, () => String(rng.int(1000, 129999)).padStart(6, '0'));
  }

  name(rng: Rng): string {
    return this.unique(this.names, () => {
      const surname = rng.chance(0.015) ? rng.pick(SURNAMES.slice(-3)) : rng.pick(SURNAMES.slice(0, -3));
      const pool = rng.pick(GIVEN);
      const given = surname.length === 2 || rng.chance(0.3) ? rng.pick(pool) : rng.pick(pool) + rng.pick(pool);
      return surname + given;
    });
  }

  phone(rng: Rng): string {
    return this.unique(this.phones, () => `1${rng.pick(['3', '5', '8'])}${String(rng.int(0, 999_999_999)).padStart(9, '0')}`);
  }
}

/** At most this many agency-hired (人事代理/劳务派遣) full-time counselors per department. */
const MAX_AGENCY_STAFF = 2;

function hire(reg: Registry, rng: Rng, type: StaffType, semester: number): Person {
  const partKind = rng.chance(0.3) ? '研究生' : '教师';
  const hiring = type === 'full' ? (rng.chance(0.75) ? '事业编制' : '合同制') : partKind === '教师' ? '事业编制' : '合同制';
  const s = SEMESTERS[semester]!;
  const joinNote = semester === 0 ? '' : rng.pick(['新入职', s.term === 1 ? `${s.startYear}年7月入职` : `${s.startYear + 1}年2月入职`]);
  let note = '';
  if (type === 'full' && rng.chance(0.15)) note = rng.pick(['兼任团总支书记', '兼任学生党支部书记', '心理健康教育联络员']);
  else if (type === 'part' && rng.chance(0.3)) note = partKind === '教师' ? '专业教师兼任' : '在读研究生';
  const id = reg.id(rng);
  const name = reg.name(rng);
  // Drawn from a stream of its own, so the staffing files' streams are untouched.
  const hired = semester === 0 ? null : s.term === 1 ? { year: s.startYear, month: 7 } : { year: s.startYear + 1, month: 2 };
  const profile = drawProfile(rngFor('profile', id), { type, partKind, hired, female: FEMALE_GIVEN.has(name.at(-1)!) });
  return { id, name, type, partKind, hiring, phone: reg.phone(rng), joined: semester, joinNote, note, profile };
}

/** Each department's counselors per semester: targets from the plan, plus a little turnover. */
function simulateStaff(dept: Dept, reg: Registry): Person[][] {
  const rng = rngFor('staff', dept.name);
  const teams: Record<StaffType, Person[]> = { full: [], part: [] };
  const target: Record<StaffType, Quad> = { full: dept.fullTime, part: dept.partTime };
  const turnover: Record<StaffType, number> = { full: 0.3, part: 0.4 };
  let agencyStaff = 0;
  const recruit = (type: StaffType, s: number) => {
    const p = hire(reg, rng, type, s);
    if (type === 'full' && dept.outsourced && agencyStaff < MAX_AGENCY_STAFF && rng.chance(0.4)) {
      p.hiring = dept.outsourced;
      agencyStaff++;
    }
    return p;
  };
  return SEMESTERS.map((_, s) => {
    for (const type of ['full', 'part'] as const) {
      const team = teams[type];
      if (s > 0 && team.length > 0 && rng.chance(turnover[type])) team.splice(rng.int(0, team.length - 1), 1);
      while (team.length > target[type][s]!) team.splice(rng.int(0, team.length - 1), 1);
      while (team.length < target[type][s]!) team.push(recruit(type, s));
    }
    return [...teams.full, ...teams.part];
  });
}

/** Students a counselor looks after: the department's students split by weight (part-time ≈ 1/3). */
function assignLoads(staff: readonly Person[], students: number, rng: Rng): Map<Person, number> {
  const weights = staff.map((p) => (p.type === 'full' ? 1 : 0.35) * (0.92 + 0.16 * rng.next()));
  const loads = splitTotal(students, weights);
  return new Map(staff.map((p, i) => [p, loads[i]!]));
}

/** Integers proportional to `weights` that add up to exactly `total` (largest remainder). */
function splitTotal(total: number, weights: readonly number[]): number[] {
  const exact = weights.map((w) => (total * w) / sum(weights));
  const parts = exact.map(Math.floor);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  const remainder = total - sum(parts);
  for (let k = 0; k < remainder; k++) parts[order[k]![1]]! += 1;
  return parts;
}

/** The one full-time counselor below 本科 (seed 004 asks for 本科及以上): on the team from PROFILES_FROM to the latest semester. */
const BELOW_BACHELOR = { dept: '艺术设计系' } as const;

function lowerOneEducation(staff: Map<Dept, Person[][]>): void {
  const teams = staff.get(DEPARTMENTS.find((d) => d.name === BELOW_BACHELOR.dept)!)!;
  const p = teams[PROFILES_FROM]!.find((x) => x.type === 'full' && teams[LATEST]!.includes(x))!;
  p.profile = { ...p.profile, education: '大专', degree: '无' };
}

// ───────────────────────────── sheet model and writers ─────────────────────────────

/** A real date in an xlsx cell (shown with `format`); CSVs get the ISO text. */
interface DateCell {
  date: string;
  format: string;
}

type Cell = string | number | null | DateCell;

/** One export as the clerk laid it out; rendered to CSV or xlsx by the writers below. */
interface Sheet {
  sheetName: string;
  titles: string[];
  header: string[];
  /** Data rows, then the 合计 row if any. */
  body: Cell[][];
  blankBeforeFooter: boolean;
  footer: Cell[][];
  thousands: boolean;
  /** Column indexes holding codes that must stay text in xlsx (ids, phone numbers). */
  textColumns: number[];
  date: FillDate;
  /** Workbooks only: columns whose equal consecutive data cells are merged into one (a CSV repeats the value). */
  mergeDown?: number[];
}

const toFullWidth = (text: string) => text.replace(/[0-9]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
const withThousands = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

function csvCell(value: Cell, thousands: boolean): string {
  const text =
    value === null ? '' : typeof value === 'number' ? (thousands ? withThousands(value) : String(value)) : typeof value === 'string' ? value : value.date;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * Every line of a CSV. Table lines (header, data, 合计) always have every column; Excel also pads
 * title, blank and footer lines with commas to the table's width, other writers do not.
 */
function csvLines(sheet: Sheet, pad: boolean): Cell[][] {
  const width = sheet.header.length;
  const full = (cells: Cell[]) => Array.from({ length: width }, (_, i) => cells[i] ?? null);
  const free = (cells: Cell[]) => (pad ? full(cells) : trimTrailingEmpty(cells));
  const blank: Cell[][] = sheet.blankBeforeFooter && sheet.footer.length > 0 ? [[]] : [];
  return [
    ...sheet.titles.map((t) => free([t])),
    full(sheet.header),
    ...sheet.body.map(full),
    ...[...blank, ...sheet.footer].map(free),
  ];
}

function renderCsv(sheet: Sheet, container: Container): Buffer {
  const { encoding, bom, eol, pad } = CONTAINERS[container];
  const lines = csvLines(sheet, pad ?? true).map((row) => row.map((c) => csvCell(c, sheet.thousands)).join(','));
  const text = lines.map((l) => l + eol).join('');
  return encoding === 'gbk' ? encodeGbk(text) : Buffer.concat([Buffer.from(bom ? '\uFEFF' : ''), Buffer.from(text, 'utf8')]);
}

function trimTrailingEmpty(cells: Cell[]): Cell[] {
  let end = cells.length;
  while (end > 0 && (cells[end - 1] === null || cells[end - 1] === '')) end--;
  return cells.slice(0, end);
}

function encodeGbk(text: string): Buffer {
  const bytes = iconv.encode(text, 'gbk');
  if (iconv.decode(bytes, 'gbk') !== text) throw new Error(`text not representable in GBK: ${text.slice(0, 40)}…`);
  return bytes;
}

async function renderXlsx(sheet: Sheet): Promise<Buffer> {
  const width = sheet.header.length;
  const merged = (value: string, fontSize: number) => [
    { value, columnSpan: width, align: 'center', fontWeight: 'bold', fontSize },
    ...Array.from({ length: width - 1 }, () => null),
  ];
  const text = new Set(sheet.textColumns);
  const dataCell = (value: Cell, col: number) => {
    if (value === null) return null;
    if (typeof value === 'object') return { value: new Date(`${value.date}T00:00:00Z`), type: Date, format: value.format };
    if (typeof value === 'number') return { value, type: Number, ...(sheet.thousands && value >= 1000 ? { format: '#,##0' } : {}) };
    return { value, type: String, ...(text.has(col) ? { format: '@' } : {}) };
  };
  const body: Array<Array<Record<string, unknown> | null>> = sheet.body.map((row) => row.map(dataCell));
  for (const run of mergedRuns(sheet)) {
    body[run.row]![run.col] = { ...body[run.row]![run.col]!, rowSpan: run.rows, alignVertical: 'center' };
    for (let r = 1; r < run.rows; r++) body[run.row + r]![run.col] = null;
  }
  const data = [
    ...sheet.titles.map((t, i) => merged(t, i === 0 ? 14 : 11)),
    sheet.header.map((h) => ({ value: h, fontWeight: 'bold', align: 'center' })),
    ...body,
    ...(sheet.blankBeforeFooter && sheet.footer.length > 0 ? [[null]] : []),
    ...sheet.footer.map((row) => row.map((c) => (c === null ? null : { value: String(c) }))),
  ];
  const columns = sheet.header.map((h) => ({ width: Math.max(8, h.length * 2 + 4) }));
  const buffer = await writeXlsxFile(data as never, { sheet: sheet.sheetName, columns }).toBuffer();
  return stampZip(buffer, sheet.date);
}

/** Runs of equal text in a mergeDown column of the body, 合计 rows apart: each becomes one merged cell. */
function mergedRuns(sheet: Sheet): Array<{ row: number; col: number; rows: number }> {
  const runs: Array<{ row: number; col: number; rows: number }> = [];
  const isTotal = (row: Cell[]) => row.some((c) => c === '合计');
  for (const col of sheet.mergeDown ?? []) {
    for (let r = 0; r < sheet.body.length; ) {
      const value = sheet.body[r]![col];
      let end = r + 1;
      if (typeof value === 'string' && value && !isTotal(sheet.body[r]!)) while (end < sheet.body.length && sheet.body[end]![col] === value && !isTotal(sheet.body[end]!)) end++;
      if (end - r > 1) runs.push({ row: r, col, rows: end - r });
      r = end;
    }
  }
  return runs;
}

/**
 * An old-format .xls (BIFF8), laid out as renderXlsx lays an .xlsx out: titles merged across,
 * ids as text cells, date cells, merged runs. Written with SheetJS (no timestamps: the same
 * bytes every run).
 */
function renderXls(sheet: Sheet): Buffer {
  const width = sheet.header.length;
  const text = new Set(sheet.textColumns);
  const cell = (value: Cell, col: number): XLSX.CellObject | null => {
    if (value === null) return null;
    if (typeof value === 'object') return { t: 'd', v: new Date(`${value.date}T00:00:00Z`), z: value.format };
    if (typeof value === 'number') return { t: 'n', v: value };
    return { t: 's', v: value, ...(text.has(col) ? { z: '@' } : {}) };
  };
  const rows: Array<Array<XLSX.CellObject | null>> = [
    ...sheet.titles.map((t) => [{ t: 's', v: t } as XLSX.CellObject]),
    sheet.header.map((h) => ({ t: 's', v: h }) as XLSX.CellObject),
    ...sheet.body.map((row) => row.map(cell)),
    ...(sheet.blankBeforeFooter && sheet.footer.length > 0 ? [[]] : []),
    ...sheet.footer.map((row) => row.map((c) => (c === null ? null : ({ t: 's', v: String(c) } as XLSX.CellObject)))),
  ];
  const first = sheet.titles.length + 1;
  for (const run of mergedRuns(sheet)) for (let r = 1; r < run.rows; r++) rows[first + run.row + r]![run.col] = null;
  const ws = XLSX.utils.aoa_to_sheet(rows, { cellDates: true });
  ws['!merges'] = [
    ...sheet.titles.map((_, r) => ({ s: { r, c: 0 }, e: { r, c: width - 1 } })),
    ...mergedRuns(sheet).map((run) => ({ s: { r: first + run.row, c: run.col }, e: { r: first + run.row + run.rows - 1, c: run.col } })),
  ];
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, ws, sheet.sheetName);
  return XLSX.write(wb, { bookType: 'biff8', type: 'buffer' }) as Buffer;
}


// ───────────────────────────── titles, footers, messy values ─────────────────────────────

/** Per-file cosmetic choices, drawn from the file's own random stream. */
interface Look {
  rng: Rng;
  semesterIndex: number;
  semesterText: string;
  /** Title names the semester (never in SEMESTER_COLUMN_IN, where a 学期 column does). */
  semesterInTitle: boolean;
  semesterColumn: boolean;
  blankBeforeFooter: boolean;
  date: FillDate;
}

function lookFor(kind: string, dept: string, s: Semester): Look {
  const rng = rngFor('look', kind, dept, s.id);
  const semesterColumn = s.id === SEMESTER_COLUMN_IN;
  return {
    rng,
    semesterIndex: SEMESTERS.indexOf(s),
    semesterText: rng.pick(SEMESTER_SPELLINGS)(s),
    semesterInTitle: !semesterColumn && rng.chance(0.7),
    semesterColumn,
    blankBeforeFooter: rng.chance(0.5),
    date: fillDateOf(s, rng),
  };
}

function titleLines(count: number, line1: string, line2: string): string[] {
  return [line1, line2].slice(0, count);
}

/** Who signs a form: clerks and party secretaries, not necessarily on the roster. */
const signer = (rng: Rng) => rng.pick(['张', '李', '王', '刘', '陈', '周', '赵', '孙', '黄', '吴']) + rng.pick(['老师', '晓燕', '海涛', '静', '志刚', '书记', '建华', '卫东']);

function footerLines(style: Footer, look: Look, width: number): Cell[][] {
  const filler = signer(look.rng);
  let checker = signer(look.rng);
  while (checker === filler) checker = signer(look.rng);
  const date = `填报日期：${dateText(look.date)}`;
  const signed = `填表人：${filler}　　审核人：${checker}`;
  const rightmost = (text: string): Cell[] => [...Array.from({ length: width - 2 }, () => null), text];
  const lines: Record<Footer, Cell[][]> = {
    full: [[signed], ['单位（盖章）：'], [date]],
    split: [[`填表人：${filler}`, null, `审核人：${checker}`], rightmost(date)],
    sign: [[signed]],
    date: [[date]],
    none: [],
  };
  return lines[style];
}

/** A count as the clerk typed it; `row` is compared with the rows picked for this file's mess. */
function messyCount(n: number, row: number, picks: { fullwidth: number; trailing: number }, mess: readonly Mess[]): Cell {
  if (mess.includes('fullwidth') && row === picks.fullwidth) return toFullWidth(String(n));
  if (mess.includes('trailingSpace') && row === picks.trailing) return `${n} `;
  return n;
}

function messyName(name: string, padded: boolean, rng: Rng): string {
  return padded && name.length === 2 ? name[0] + (rng.chance(0.3) ? '\u3000' : ' ') + name[1] : name;
}

const fileName = (template: string, dept: string, container: Container) =>
  `${template.replace('{d}', dept)}.${CONTAINERS[container].ext}`;

// ───────────────────────────── the two exports ─────────────────────────────

interface EnrollmentRow {
  label: string;
  students: number;
  note: string;
}

function enrollmentRows(dept: Dept, s: Semester, split: EnrollFormat['split']): EnrollmentRow[] {
  const rng = rngFor('enrollment', dept.name, s.id);
  const total = dept.students[SEMESTERS.indexOf(s)]!;
  const labels = split === 'grade' ? gradesOf(s) : ['本科', '专科'];
  const weights = split === 'grade' ? [0.31, 0.33, 0.36].map((w) => w * (0.94 + 0.12 * rng.next())) : [0.2 + 0.15 * rng.next(), 1];
  const counts = splitTotal(total, weights);
  const notes = split === 'grade' ? [`含休学${rng.int(2, 9)}人`, '含退役士兵', '含中职贯通'] : ['含联合培养', '含五年一贯制'];
  return labels.map((label, i) => ({ label, students: counts[i]!, note: rng.chance(0.2) ? rng.pick(notes) : '' }));
}

function enrollmentSheet(dept: Dept, s: Semester, fmt: EnrollFormat, rows: EnrollmentRow[]): Sheet {
  const look = lookFor('enrollment', dept.name, s);
  const { rng } = look;
  const semesterCol = look.semesterColumn ? ['学期'] : [];
  const header = ['序号', ...semesterCol, fmt.deptHeader, fmt.split === 'grade' ? '年级' : '层次', fmt.studentsHeader, '备注'];
  const studentsCol = header.indexOf(fmt.studentsHeader);
  const picks = { fullwidth: rng.int(0, rows.length - 1), trailing: rng.int(0, rows.length - 1) };
  const count = (n: number, i: number): Cell => (fmt.numbersAsText ? String(n) : messyCount(n, i, picks, dept.mess));
  const body: Cell[][] = rows.map((r, i) => [
    i + 1,
    ...(look.semesterColumn ? [look.semesterText] : []),
    dept.name,
    r.label,
    count(r.students, i),
    r.note,
  ]);
  if (fmt.total) {
    const students = sum(rows.map((r) => r.students));
    const total: Cell[] = header.map(() => null);
    total[rng.chance(0.5) ? 0 : header.indexOf(fmt.deptHeader)] = '合计';
    total[studentsCol] = fmt.numbersAsText ? String(students) : students;
    body.push(total);
  }
  const wording = rng.pick(['在校生人数统计表', '在校生人数汇总表', '在校学生人数统计表']);
  return {
    sheetName: rng.pick(['Sheet1', 'Sheet1', '在校生人数']),
    titles: titleLines(
      dept.titleLines,
      `${dept.name}${look.semesterInTitle ? look.semesterText : ''}${wording}`,
      `填报单位：${dept.name}　　　　单位：人`,
    ),
    header,
    body,
    blankBeforeFooter: look.blankBeforeFooter,
    footer: footerLines(dept.footer, look, header.length),
    thousands: dept.mess.includes('thousands'),
    textColumns: [],
    date: look.date,
    ...(fmt.mergeDept ? { mergeDown: [header.indexOf(fmt.deptHeader)] } : {}),
  };
}

/** The type cell as this department writes it. */
function typeLabel(p: Person, style: RosterFormat['partTime'], rng: Rng): string {
  if (p.type === 'full') return '专职';
  if (style === 'kind') return `兼职（${p.partKind}）`;
  if (style === 'spaced') return rng.chance(0.6) ? '兼 职' : '兼职';
  return '兼职';
}

interface RosterEntry {
  person: Person;
  dept: Dept;
  type: string;
  load: number | null;
}

type RosterColumn = { header: string; cell: (e: RosterEntry, i: number) => Cell; when?: boolean; text?: boolean };

/** One roster's columns, in order; optional ones are dropped by `when`. */
function rosterColumns(fmt: RosterFormat, look: Look, mess: readonly Mess[]): RosterColumn[] {
  const padded = new Set<string>();
  const id: RosterColumn = {
    header: fmt.idHeader,
    cell: (e) => (fmt.idsAsNumbers ? Number(e.person.id) : e.person.id),
    text: !fmt.idsAsNumbers,
  };
  const name: RosterColumn = {
    header: '姓名',
    cell: (e) => {
      const pad = mess.includes('nameSpace') && e.person.name.length === 2 && padded.size < 2 && look.rng.chance(0.7);
      if (pad) padded.add(e.person.id);
      return messyName(e.person.name, pad, look.rng);
    },
  };
  const columns: RosterColumn[] = [
    { header: '序号', cell: (_, i) => i + 1 },
    { header: '学期', cell: () => look.semesterText, when: look.semesterColumn },
    ...(fmt.nameFirst ? [name, id] : [id, name]),
    ...(fmt.profile ? profileColumns(fmt.profile, fmt.as === 'xlsx') : []),
    { header: fmt.deptHeader, cell: (e) => e.dept.name },
    { header: fmt.typeHeader, cell: (e) => e.type },
    { header: '所带学生数', cell: (e) => e.load, when: fmt.load },
    { header: '聘用方式', cell: (e) => e.person.hiring, when: fmt.hiring },
    { header: '联系电话', cell: (e) => e.person.phone, text: true },
    { header: '备注', cell: (e) => noteIn(e.person, look.semesterIndex) },
  ];
  return columns.filter((c) => c.when !== false);
}

/** The 辅导员信息表's personal columns; months as the department writes them (real date cells in xlsx, but for style C). */
function profileColumns(style: ProfileStyle, xlsx: boolean): RosterColumn[] {
  return PROFILE_HEADERS[style].map(([field, header]) => ({
    header,
    cell: (e: RosterEntry): Cell => {
      const value = e.person.profile[field];
      if (!value) return null;
      if (field !== 'birth' && field !== 'since') return value;
      return xlsx && style !== 'C' ? { date: `${value}-01`, format: style === 'A' ? 'yyyy.mm' : 'yyyy"年"m"月"' } : monthText(value, style);
    },
  }));
}

function rosterSheet(entries: RosterEntry[], fmt: RosterFormat, look: Look, layout: { titles: string[]; footer: Footer | Cell[][]; mess: readonly Mess[] }): Sheet {
  const columns = rosterColumns(fmt, look, layout.mess);
  const header = columns.map((c) => c.header);
  return {
    sheetName: look.rng.pick(['Sheet1', '辅导员名册', '名册']),
    titles: layout.titles,
    header,
    body: entries.map((e, i) => columns.map((c) => c.cell(e, i))),
    blankBeforeFooter: look.blankBeforeFooter,
    footer: typeof layout.footer === 'string' ? footerLines(layout.footer, look, header.length) : layout.footer,
    thousands: false,
    textColumns: columns.flatMap((c, i) => (c.text ? [i] : [])),
    date: look.date,
  };
}

function departmentRoster(dept: Dept, s: Semester, fmt: RosterFormat, staff: Person[], reg: Registry): Sheet {
  const look = lookFor('roster', dept.name, s);
  const loads = assignLoads(staff, dept.students[SEMESTERS.indexOf(s)]!, rngFor('loads', dept.name, s.id));
  const entries: RosterEntry[] = staff.map((p) => ({ person: p, dept, type: typeLabel(p, fmt.partTime, look.rng), load: loads.get(p)! }));
  if (s.id === BAD_ROW.semester && dept.name === BAD_ROW.dept) {
    const rng = rngFor('bad-row');
    const outsider = { ...hire(reg, rng, 'part', 0), note: '校外聘请' };
    entries.splice(rng.int(1, entries.length - 1), 0, { person: outsider, dept, type: BAD_ROW.label, load: null });
  }
  const wording = look.rng.pick(['辅导员名册', '辅导员队伍花名册', '专兼职辅导员名册']);
  return rosterSheet(entries, fmt, look, {
    titles: titleLines(
      dept.titleLines,
      `${dept.name}${look.semesterInTitle ? look.semesterText : ''}${wording}`,
      `填报单位：${dept.name}　　　　填报日期：${dateText(look.date)}`,
    ),
    footer: dept.footer,
    mess: dept.mess,
  });
}

/** 学工部's compilation: every department's counselors in one file, copied from the departments' own sheets. */
function institutionRoster(s: Semester, staffOf: (d: Dept) => Person[]): Sheet {
  const look = lookFor('roster', '学工部', s);
  const fmt: RosterFormat = {
    as: 'xlsx', file: '全院辅导员名册', deptHeader: '所在单位', typeHeader: '专兼职', idHeader: '工号',
    partTime: 'plain', load: false, hiring: true, profile: 'A',
  };
  const entries = DEPARTMENTS.flatMap((dept) =>
    staffOf(dept).map((p) => ({ person: p, dept, type: typeLabel(p, dept.roster.partTime, look.rng), load: null })),
  );
  return rosterSheet(entries, fmt, look, {
    titles: [`${INSTITUTION}辅导员名册`, SEMESTER_SPELLINGS[0]!(s)],
    footer: [[`制表人：学生工作部　　审核人：${signer(look.rng)}`], [`填报日期：${dateText(look.date)}`]],
    mess: [],
  });
}

// ───────────────────────────── the team exports: calendar ─────────────────────────────

const DAY_MS = 86_400_000;
const isoOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const addDays = (iso: string, days: number) => isoOf(Date.parse(`${iso}T00:00:00Z`) + days * DAY_MS);
/** 0 = Monday … 6 = Sunday. */
const weekdayOf = (iso: string) => (new Date(`${iso}T00:00:00Z`).getUTCDay() + 6) % 7;
const mondayOf = (iso: string) => addDays(iso, -weekdayOf(iso));

/**
 * The teaching calendar of data/rules.json (no explicit semester_starts): week 1 is the week
 * holding 09-01 (第一学期) or 02-24 (第二学期), from its Monday; a semester has 20 weeks. The logs
 * cover weeks 1–18, so every date but the deliberate one falls inside its semester.
 */
const CALENDAR = { autumn: '09-01', spring: '02-24', weeks: 20 } as const;
const LOG_WEEKS = 18;
const weekOne = (s: Semester) => mondayOf(s.term === 1 ? `${s.startYear}-${CALENDAR.autumn}` : `${s.startYear + 1}-${CALENDAR.spring}`);
const mondayOfWeek = (s: Semester, week: number) => addDays(weekOne(s), (week - 1) * 7);

type DateStyle = 'iso' | 'slash' | 'cn' | 'dot';
function writeDate(iso: string, style: DateStyle): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return { iso, slash: `${y}/${m}/${d}`, cn: `${y}年${m}月${d}日`, dot: `${y}.${m}.${d}` }[style];
}
const XLSX_DATE_FORMATS = ['yyyy-mm-dd', 'yyyy/m/d'] as const;

/** A weekday between two dates (inclusive), e.g. for a training session. */
function weekdayBetween(from: string, to: string, rng: Rng): string {
  const span = Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
  const day = addDays(from, rng.int(0, span));
  const wd = weekdayOf(day);
  return wd === 5 ? addDays(day, -1) : wd === 6 ? addDays(day, 1) : day;
}

/** When a file was filled in: end of term for logs and assessments, a given month otherwise. */
function fillDateAt(year: number, month: number, days: readonly [number, number], rng: Rng): FillDate {
  return { year, month, day: rng.int(days[0], days[1]), hour: rng.int(9, 17), minute: rng.int(0, 59) };
}
const termEndFill = (s: Semester, rng: Rng) => (s.term === 1 ? fillDateAt(s.startYear + 1, 1, [6, 16], rng) : fillDateAt(s.startYear + 1, 7, [1, 10], rng));

// ───────────────────────────── the team exports: plan ─────────────────────────────

/**
 * Department header spellings of the team exports. The ingest reads them all; none is one the
 * independent staffing oracle (test/support/oracle.ts) reads (系部/院系/学院/部门/所在单位/单位),
 * so the oracle, which looks at every file for rosters and enrollment, skips these files' rows.
 */
type TeamDeptHeader = '系别' | '所在系部' | '所在院系' | '二级学院' | '所在系';

interface LogFormat {
  as: Container;
  /** File name without extension; {d} = department. */
  file: string;
  /** 周次 as a number, as "第3周", or a 日期 in the week (a real date cell in xlsx). */
  when: 'week' | 'weekText' | 'date';
  dateStyle: DateStyle;
  /** Which day of the week a 日期 is: the Monday, the Friday, or whichever day the clerk wrote. */
  day: 'mon' | 'fri' | 'any';
  /** A 角色 column; without one the title says 辅导员工作记录. */
  role: boolean;
  /** Rows grouped by person (all weeks of one counselor, then the next) or by week. */
  byPerson: boolean;
}

interface TeamPlan {
  deptHeader: TeamDeptHeader;
  idHeader: '工号' | '职工号';
  log: LogFormat;
  /** Counselors miss the weekly norms often (the departments above 1:200, stretched thin). */
  weak: boolean;
  /** Container of the assessment, assistant and class files. */
  as: Container;
  /** Majors: full name and the abbreviation class names use (机电2401班). */
  majors: ReadonlyArray<readonly [string, string]>;
  /** 学号 department digits. */
  code: string;
  /** 聘用起止时间 written "2025.09-2026.07" or "2025年9月至2026年7月". */
  period: 'dot' | 'cn';
  /** 助理汇总表 with a 联系电话 column (dropped by the ingest as personal data). */
  phones: boolean;
}

const TEAM_PLANS: Record<string, TeamPlan> = {
  机电工程系: {
    deptHeader: '系别', idHeader: '工号', weak: false, as: 'csv-gbk', code: '01', period: 'dot', phones: true,
    log: { as: 'csv-gbk', file: '{d}辅导员工作记录', when: 'week', dateStyle: 'iso', day: 'mon', role: true, byPerson: true },
    majors: [['机电一体化技术', '机电'], ['电气自动化技术', '电气'], ['工业机器人技术', '机器人'], ['数控技术', '数控']],
  },
  信息工程系: {
    deptHeader: '所在系部', idHeader: '工号', weak: true, as: 'xlsx', code: '02', period: 'dot', phones: false,
    log: { as: 'xlsx', file: '{d}辅导员工作记录', when: 'date', dateStyle: 'iso', day: 'fri', role: true, byPerson: false },
    majors: [['计算机应用技术', '计应'], ['软件技术', '软件'], ['大数据技术', '大数据'], ['计算机网络技术', '网络']],
  },
  经济管理系: {
    deptHeader: '系别', idHeader: '职工号', weak: false, as: 'csv-gbk', code: '03', period: 'cn', phones: true,
    log: { as: 'csv-gbk', file: '辅导员工作记录', when: 'weekText', dateStyle: 'iso', day: 'mon', role: false, byPerson: false },
    majors: [['大数据与会计', '会计'], ['电子商务', '电商'], ['现代物流管理', '物流'], ['市场营销', '营销']],
  },
  建筑工程系: {
    deptHeader: '所在院系', idHeader: '工号', weak: false, as: 'csv-utf8-bom', code: '04', period: 'dot', phones: false,
    log: { as: 'csv-utf8-bom', file: '{d}辅导员工作记录', when: 'date', dateStyle: 'iso', day: 'mon', role: true, byPerson: true },
    majors: [['建筑工程技术', '建工'], ['工程造价', '造价'], ['建设工程管理', '建管']],
  },
  医学护理系: {
    deptHeader: '二级学院', idHeader: '工号', weak: true, as: 'xlsx', code: '05', period: 'dot', phones: true,
    log: { as: 'xlsx', file: '{d}辅导员工作记录', when: 'week', dateStyle: 'iso', day: 'mon', role: false, byPerson: true },
    majors: [['护理', '护理'], ['助产', '助产'], ['药学', '药学'], ['医学检验技术', '检验']],
  },
  艺术设计系: {
    deptHeader: '系别', idHeader: '工号', weak: false, as: 'csv-gbk', code: '06', period: 'cn', phones: false,
    log: { as: 'csv-gbk', file: '辅导员工作记录', when: 'date', dateStyle: 'cn', day: 'any', role: true, byPerson: false },
    majors: [['视觉传达设计', '视传'], ['环境艺术设计', '环艺'], ['数字媒体艺术设计', '数媒']],
  },
  外国语学院: {
    deptHeader: '二级学院', idHeader: '工号', weak: false, as: 'csv-utf8', code: '07', period: 'dot', phones: false,
    log: { as: 'csv-utf8', file: '辅导员工作记录', when: 'week', dateStyle: 'iso', day: 'mon', role: true, byPerson: true },
    majors: [['商务英语', '商英'], ['应用英语', '应英'], ['旅游英语', '旅英']],
  },
  数学与物理学院: {
    deptHeader: '所在院系', idHeader: '工号', weak: false, as: 'csv-gbk', code: '08', period: 'dot', phones: true,
    log: { as: 'csv-gbk', file: '{d}辅导员工作记录', when: 'weekText', dateStyle: 'iso', day: 'mon', role: false, byPerson: true },
    majors: [['数学教育', '数教'], ['物理教育', '物教'], ['应用统计技术', '统计']],
  },
  汽车工程系: {
    deptHeader: '所在系部', idHeader: '职工号', weak: true, as: 'csv-gbk', code: '09', period: 'cn', phones: false,
    log: { as: 'csv-gbk', file: '{d}辅导员工作记录', when: 'date', dateStyle: 'slash', day: 'any', role: true, byPerson: false },
    majors: [['汽车检测与维修技术', '汽修'], ['新能源汽车技术', '新能源'], ['汽车技术服务与营销', '汽营']],
  },
  化学与生物工程学院: {
    deptHeader: '所在院系', idHeader: '工号', weak: false, as: 'xlsx', code: '10', period: 'dot', phones: false,
    log: { as: 'xlsx', file: '辅导员工作记录', when: 'date', dateStyle: 'iso', day: 'mon', role: true, byPerson: true },
    majors: [['应用化工技术', '化工'], ['食品检验检测技术', '食检'], ['生物制药技术', '生药']],
  },
  旅游与酒店管理系: {
    deptHeader: '所在系', idHeader: '工号', weak: false, as: 'csv-utf8-bom', code: '11', period: 'cn', phones: true,
    log: { as: 'csv-utf8-bom', file: '{d}辅导员工作记录', when: 'week', dateStyle: 'iso', day: 'mon', role: false, byPerson: false },
    majors: [['旅游管理', '旅管'], ['酒店管理与数字化运营', '酒管'], ['烹饪工艺与营养', '烹饪']],
  },
  电子信息与通信工程学院: {
    deptHeader: '所在系部', idHeader: '职工号', weak: false, as: 'xlsx', code: '12', period: 'dot', phones: false,
    log: { as: 'xlsx', file: '{d}辅导员工作记录', when: 'week', dateStyle: 'iso', day: 'mon', role: true, byPerson: false },
    majors: [['电子信息工程技术', '电信'], ['现代通信技术', '通信'], ['物联网应用技术', '物联网']],
  },
};
const teamPlan = (d: Dept) => TEAM_PLANS[demoName(d)]!;

/** Academic years with class lists and assistant rosters (their 第一学期 folders hold those files). */
interface AcademicYear {
  start: number;
  /** SEMESTERS index of its 第一学期 and of every semester of it in the demo. */
  first: number;
  semesters: readonly number[];
}
const YEARS: readonly AcademicYear[] = [
  { start: 2025, first: 1, semesters: [1, 2] },
  { start: 2026, first: 3, semesters: [3] },
];
const yearText = (y: number) => `${y}-${y + 1}学年`;

/** Who else keeps logs: 班主任 in three departments, assistants in two, graduate assistants in one file. */
const CLASS_TEACHER_LOGS = ['艺术设计系', '化学与生物工程学院', '建筑工程系'];
const ASSISTANT_LOGS = ['外国语学院', '旅游与酒店管理系'];
const GRADUATE_LOG = { semester: '2026-2027-1', dept: '数学与物理学院', people: 3 } as const;
/** Assessments are in the two most recent semesters. */
const ASSESSED = ['2025-2026-2', '2026-2027-1'];
/**
 * Where a department sent seed 000's own forms for its assistants' assessment instead of the wide
 * table of items: the 考核情况汇总表 exactly as printed (no 系部 column; over its 优秀 quota), and a
 * workbook of 考核量化表, one sheet per assistant.
 */
const SEED_FORMS = { summary: { semester: '2025-2026-2', dept: '机电工程系' }, quantified: { semester: '2026-2027-1', dept: '医学护理系' } } as const;
/** Departments that rate more than 20 % of their counselors 优秀 (the quota check's finding). */
const OVER_QUOTA: Record<string, readonly string[]> = { '2025-2026-2': ['经济管理系'], '2026-2027-1': ['经济管理系', '旅游与酒店管理系'] };
/** The one counselor rated 不合格, and the assistants rated 不合格. */
/** Rated 不合格 in both assessed semesters — two consecutive academic years (seed 004: may be dismissed). */
const FAILED_COUNSELOR = { semesters: ['2025-2026-2', '2026-2027-1'], dept: '汽车工程系' } as const;
const FAILED_ASSISTANTS = [
  { semester: '2025-2026-2', dept: '信息工程系' },
  { semester: '2026-2027-1', dept: '医学护理系' },
  { semester: '2026-2027-1', dept: '数学与物理学院' },
] as const;
/**
 * The department whose assistant assessments carry 迟到次数 (seed 002 is its 学工组's own scheme:
 * late more than three times in a semester → 不合格). Each semester one assistant rated 良好 was late
 * five times (a warning: the grade should be 不合格); whoever is rated 不合格 was late four to six times.
 */
const LATENESS = { dept: '数学与物理学院', over: 5 } as const;
/** The department that also sent its own training record (department-run sessions). */
const DEPT_TRAINING = { year: 2025, dept: '机电工程系' } as const;
/** Full-time counselors below 16 school-level hours, per calendar year (2024: autumn only). */
const SHORT_OF_HOURS: Record<number, number> = { 2024: 3, 2025: 7, 2026: 6 };
/** Long-serving full-time counselors with no national or provincial course in the three years. */
const NO_NATIONAL_COURSE = 5;

/**
 * The deliberate data-quality problems of the team exports (see the header comment). Each sits in
 * a known file; the generator prints the row number it landed on.
 */
const PROBLEMS = {
  gradeMismatch: { semester: '2026-2027-1', dept: '机电工程系', total: 92, recorded: '良好' },
  itemAboveMax: { semester: '2025-2026-2', dept: '外国语学院', item: '到岗', value: 12 },
  dateOutside: { semester: '2025-2026-1', dept: '汽车工程系', person: 1, week: 7 },
  textCount: { semester: '2025-2026-1', dept: '机电工程系', person: 2, week: 9, value: '五' },
  duplicate: { semester: '2026-2027-1', dept: '建筑工程系', person: 0, week: 11 },
  cityLevel: { course: '市教育局学生心理危机干预专题培训', level: '市级', hours: 6 },
} as const;

// ───────────────────────────── the team exports: sheets ─────────────────────────────

interface Column<T> {
  header: string;
  cell: (row: T, i: number) => Cell;
  /** Stays text in xlsx (ids with leading zeros, phone numbers). */
  text?: boolean;
  when?: boolean;
}

interface TableLayout {
  sheetName: string;
  titles: string[];
  footer: Cell[][];
  blankBeforeFooter: boolean;
  date: FillDate;
  /** Rows after the data (a 合计 row). */
  after?: Cell[][];
}

function tableSheet<T>(rows: readonly T[], columns: Column<T>[], layout: TableLayout): Sheet {
  const used = columns.filter((c) => c.when !== false);
  return {
    sheetName: layout.sheetName,
    titles: layout.titles,
    header: used.map((c) => c.header),
    body: [...rows.map((r, i) => used.map((c) => c.cell(r, i))), ...(layout.after ?? [])],
    blankBeforeFooter: layout.blankBeforeFooter,
    footer: layout.footer,
    thousands: false,
    textColumns: used.flatMap((c, i) => (c.text ? [i] : [])),
    date: layout.date,
  };
}

/** The line number (1-based, as the ingest reports it) of body row `i`. */
const lineOf = (sheet: Sheet, i: number) => sheet.titles.length + 2 + i;

/** A Look for a team export: its own random stream, and the fill date the caller gives. */
function teamLook(kind: string, dept: string, key: string, date: (rng: Rng) => FillDate): Look {
  const rng = rngFor('team-look', kind, dept, key);
  const s = SEMESTERS.find((x) => x.id === key);
  return {
    rng,
    semesterIndex: s ? SEMESTERS.indexOf(s) : -1,
    semesterText: s ? rng.pick(SEMESTER_SPELLINGS)(s) : '',
    semesterInTitle: s ? rng.chance(0.75) : false,
    semesterColumn: false,
    blankBeforeFooter: rng.chance(0.5),
    date: date(rng),
  };
}

// ───────────────────────────── the team exports: classes and assistants ─────────────────────────────

interface Teacher {
  id: string;
  name: string;
}

interface Student {
  id: string;
  name: string;
  cohort: number;
  major: string;
  political: string;
  roles: string;
  failed: number;
  phone: string;
}

interface Klass {
  name: string;
  cohort: number;
  major: string;
  teacher: Teacher;
  weight: number;
}

interface ClassYear {
  klass: Klass;
  students: number;
  counselor: Person;
  assistant: Student | null;
}

const POLITICAL = (rng: Rng) => (rng.chance(0.08) ? '中共党员' : rng.chance(0.24) ? '中共预备党员' : '共青团员');
const STUDENT_ROLES = ['班长', '团支书', '学习委员', '学生会干部', '心理委员', '生活委员', '宿舍长', '社团负责人', '系学生会部长', '组织委员'];

/**
 * A department's classes in each academic year: cohorts keep their classes and 班主任 from year
 * to year; the class sizes add up to the 第一学期's enrollment (per 年级 where the department splits
 * by grade); counselors take contiguous blocks (part-time ≈ a third); most classes have an assistant,
 * an older student who often stays on for a second year.
 */
function planClasses(dept: Dept, staff: Person[][], reg: Registry): Map<number, ClassYear[]> {
  const plan = teamPlan(dept);
  const rng = rngFor('classes', dept.name);
  const coverage = 0.72 + 0.12 * rng.next();
  const cohorts = new Map<number, Klass[]>();
  const students = new Set<string>();
  const years = new Map<number, ClassYear[]>();
  let previous: ClassYear[] = [];
  for (const year of YEARS) {
    const s = SEMESTERS[year.first]!;
    const sizes = enrollmentRows(dept, s, 'grade').map((r) => r.students);
    const rows: Array<{ klass: Klass; students: number }> = [];
    gradesOf(s).forEach((_, g) => {
      const cohort = s.startYear - 2 + g;
      if (!cohorts.has(cohort)) {
        const count = Math.max(plan.majors.length, Math.round(sizes[g]! / 46));
        const perMajor = splitTotal(count, plan.majors.map(() => 0.7 + 0.6 * rng.next()));
        const list: Klass[] = [];
        plan.majors.forEach(([major, abbr], m) => {
          let teacher: Teacher | null = null;
          for (let j = 0; j < perMajor[m]!; j++) {
            teacher = teacher && rng.chance(0.25) ? teacher : { id: reg.id(rng), name: reg.name(rng) };
            list.push({ name: `${abbr}${String(cohort).slice(2)}${String(j + 1).padStart(2, '0')}班`, cohort, major, teacher, weight: 0.85 + 0.3 * rng.next() });
          }
        });
        cohorts.set(cohort, list);
      }
      const list = cohorts.get(cohort)!;
      splitTotal(sizes[g]!, list.map((k) => k.weight)).forEach((n, i) => rows.push({ klass: list[i]!, students: n }));
    });
    const team = staff[year.first]!;
    const blocks = splitTotal(rows.length, team.map((p) => (p.type === 'full' ? 1 : 0.35)));
    const counselorOf = blocks.flatMap((n, i) => Array.from({ length: n }, () => team[i]!));
    const newStudent = (klass: Klass): Student => {
      const cohort = klass.cohort === s.startYear ? s.startYear - 1 : klass.cohort === s.startYear - 1 ? s.startYear - 2 : klass.cohort;
      const mates = cohorts.get(cohort)!;
      const sameMajor = mates.filter((k) => k.major === klass.major);
      const own = rng.pick(sameMajor.length > 0 ? sameMajor : mates);
      let id = '';
      do id = `${cohort}${plan.code}${String(mates.indexOf(own) + 1).padStart(2, '0')}${String(rng.int(1, 52)).padStart(2, '0')}`;
      while (students.has(id));
      students.add(id);
      const role = rng.pick(STUDENT_ROLES);
      const also = rng.chance(0.35) ? rng.pick(STUDENT_ROLES.filter((r) => r !== role)) : null;
      return {
        id, name: reg.name(rng), cohort, major: own.major, political: POLITICAL(rng),
        roles: also ? `${role}、${also}` : role,
        failed: rng.chance(0.04) ? 1 : 0,
        phone: `1${rng.pick(['3', '5', '7', '8'])}${String(rng.int(0, 999_999_999)).padStart(9, '0')}`,
      };
    };
    // Exactly `coverage` of the classes get an assistant: most of last year's stay on, new ones fill up.
    const target = Math.round(coverage * rows.length);
    const assistants = new Map<Klass, Student>();
    for (const r of rows) {
      const before = previous.find((p) => p.klass === r.klass)?.assistant;
      if (before && before.cohort >= s.startYear - 2 && rng.chance(0.65)) assistants.set(r.klass, before);
    }
    for (const k of shuffled([...assistants.keys()], rng).slice(target)) assistants.delete(k);
    for (const r of shuffled(rows.filter((x) => !assistants.has(x.klass)), rng).slice(0, target - assistants.size)) assistants.set(r.klass, newStudent(r.klass));
    const out: ClassYear[] = rows.map((r, i) => ({ ...r, counselor: counselorOf[i]!, assistant: assistants.get(r.klass) ?? null }));
    years.set(year.start, out);
    previous = out;
  }
  return years;
}

function classSheet(dept: Dept, year: AcademicYear, rows: ClassYear[]): Sheet {
  const plan = teamPlan(dept);
  const look = teamLook('classes', dept.name, String(year.start), (rng) => fillDateAt(year.start, 9, [15, 28], rng));
  const total = look.rng.chance(0.5);
  const columns: Column<ClassYear>[] = [
    { header: '序号', cell: (_, i) => i + 1 },
    { header: '班级', cell: (r) => r.klass.name },
    { header: plan.deptHeader, cell: () => dept.name },
    // Spelled so that the staffing oracle finds this header row too (it skips the rows: see TeamDeptHeader).
    { header: look.rng.pick(['人数', '学生人数', '学生数']), cell: (r) => r.students },
    { header: '辅导员', cell: (r) => r.counselor.name },
    { header: '班主任', cell: (r) => r.klass.teacher.name },
  ];
  return tableSheet(rows, columns, {
    sheetName: look.rng.pick(['Sheet1', '班级信息']),
    titles: [`${dept.name}${yearText(year.start)}班级信息表`],
    footer: footerLines(dept.footer, look, columns.length),
    blankBeforeFooter: look.blankBeforeFooter,
    date: look.date,
    after: total ? [['合计', null, null, sum(rows.map((r) => r.students)), null, null]] : [],
  });
}

function assistantRosterSheet(dept: Dept, year: AcademicYear, rows: ClassYear[]): Sheet {
  const plan = teamPlan(dept);
  const look = teamLook('assistants', dept.name, String(year.start), (rng) => fillDateAt(year.start, 10, [8, 20], rng));
  const period = plan.period === 'dot' ? `${year.start}.09-${year.start + 1}.07` : `${year.start}年9月至${year.start + 1}年7月`;
  type Row = { klass: Klass; a: Student };
  const list: Row[] = rows.flatMap((r) => (r.assistant ? [{ klass: r.klass, a: r.assistant }] : []));
  const columns: Column<Row>[] = [
    { header: '序号', cell: (_, i) => i + 1 },
    { header: '姓名', cell: (r) => r.a.name },
    { header: '学号', cell: (r) => r.a.id, text: true },
    { header: plan.deptHeader, cell: () => dept.name },
    { header: '专业', cell: (r) => r.a.major },
    { header: '年级', cell: (r) => `${r.a.cohort}级` },
    { header: '聘用岗位（班级）', cell: (r) => r.klass.name },
    { header: '聘用起止时间', cell: () => period },
    { header: '政治面貌', cell: (r) => r.a.political },
    { header: '曾任职务', cell: (r) => r.a.roles },
    { header: '不及格课程数', cell: (r) => r.a.failed },
    { header: '联系电话', cell: (r) => r.a.phone, text: true, when: plan.phones },
  ];
  const wording = look.rng.pick(['辅导员助理汇总表', '辅导员（班主任）助理汇总表', '学生助理聘用汇总表']);
  return tableSheet(list, columns, {
    sheetName: look.rng.pick(['Sheet1', '汇总表']),
    titles: titleLines(Math.max(1, dept.titleLines) as 1 | 2, `${dept.name}${yearText(year.start)}${wording}`, `填报单位：${dept.name}`),
    footer: footerLines(dept.footer, look, columns.length),
    blankBeforeFooter: look.blankBeforeFooter,
    date: look.date,
  });
}

// ───────────────────────────── the team exports: work logs ─────────────────────────────

const H = {
  talks: '谈心谈话（人次）',
  classChecks: '查课（次）',
  hygiene: '宿舍卫生检查（次）',
  dorm: '深入宿舍（次）',
  lectures: '听课（次）',
  parents: '联系家长（次）',
  teachers: '联系任课教师（次）',
  meetings: '主题班会（次）',
  hours: '工作时长（小时）',
} as const;

/** data/rules.json's weekly counselor norms, by column. */
const COUNSELOR_NORMS: ReadonlyArray<readonly [string, number]> = [
  [H.talks, 5],
  [H.classChecks, 2],
  [H.hygiene, 2],
  [H.dorm, 2],
  [H.lectures, 1],
];

interface LogRow {
  id: string;
  name: string;
  week: number;
  values: Record<string, Cell>;
}

function shuffled<T>(items: readonly T[], rng: Rng): T[] {
  return items.map((x) => ({ x, k: rng.next() })).sort((a, b) => a.k - b.k).map((o) => o.x);
}

const halfHours = (rng: Rng, lo: number, hi: number) => (rng.chance(0.4) ? rng.int(lo, hi - 1) + 0.5 : rng.int(lo, hi));

/** One counselor-week. `miss`: one or two norms fall short (a busy week, an illness, a trip). */
function counselorWeek(rng: Rng, part: boolean, miss: boolean): Record<string, Cell> {
  const v: Record<string, Cell> = part
    ? {
        [H.talks]: rng.int(5, 7), [H.classChecks]: rng.int(2, 3), [H.hygiene]: 2, [H.dorm]: rng.int(2, 3),
        [H.lectures]: 1, [H.parents]: rng.int(0, 2), [H.hours]: halfHours(rng, 8, 16),
      }
    : {
        [H.talks]: rng.int(5, 11), [H.classChecks]: rng.int(2, 5), [H.hygiene]: rng.int(2, 4), [H.dorm]: rng.int(2, 5),
        [H.lectures]: rng.int(1, 3), [H.parents]: rng.int(1, 6), [H.hours]: halfHours(rng, 36, 50),
      };
  if (miss) {
    const short = [rng.pick(COUNSELOR_NORMS)];
    if (rng.chance(0.3)) short.push(rng.pick(COUNSELOR_NORMS));
    for (const [header, min] of short) v[header] = header === H.talks ? rng.int(1, min - 1) : rng.int(0, min - 1);
  }
  return v;
}

interface MissStats {
  personWeeks: number;
  missed: number;
}

/**
 * A department-semester's counselor logs. The share of person-weeks missing a norm is drawn first
 * (weak departments 22–36 %, the others 4–8 %) and spread over the people, part-time counselors
 * taking about three times a full-timer's share, so small teams land in those bands too.
 */
function counselorLogRows(dept: Dept, s: Semester, team: Person[], stats: MissStats): LogRow[] {
  const rng = rngFor('worklog', dept.name, s.id);
  const weak = teamPlan(dept).weak;
  const share = weak ? 0.22 + 0.14 * rng.next() : 0.04 + 0.04 * rng.next();
  const misses = splitTotal(
    Math.round(share * team.length * LOG_WEEKS),
    team.map((p) => (p.type === 'part' ? 3 : 0.4 + 1.2 * rng.next())),
  ).map((n) => Math.min(n, LOG_WEEKS));
  const rows: LogRow[] = [];
  team.forEach((p, i) => {
    const missed = new Set(shuffled(Array.from({ length: LOG_WEEKS }, (_, w) => w + 1), rng).slice(0, misses[i]));
    for (let week = 1; week <= LOG_WEEKS; week++) {
      const values = counselorWeek(rng, p.type === 'part', missed.has(week));
      stats.personWeeks++;
      if (COUNSELOR_NORMS.some(([h, min]) => (values[h] as number) < min)) stats.missed++;
      rows.push({ id: p.id, name: p.name, week, values });
    }
  });
  return rows;
}

/** 班主任: talks (≥ 2 a week) and teacher contacts (≥ 1 a month, usually in one week of four). */
function classTeacherLogRows(dept: Dept, s: Semester, teachers: Teacher[]): LogRow[] {
  const rng = rngFor('worklog-class-teachers', dept.name, s.id);
  return teachers.flatMap((t) => {
    const contactWeeks = new Set<number>();
    for (let block = 0; block * 4 < LOG_WEEKS; block++) if (rng.chance(0.93)) contactWeeks.add(block * 4 + rng.int(1, 4));
    return Array.from({ length: LOG_WEEKS }, (_, w) => ({
      id: t.id, name: t.name, week: w + 1,
      values: { [H.talks]: rng.chance(0.9) ? rng.int(2, 5) : rng.int(0, 1), [H.teachers]: contactWeeks.has(w + 1) ? rng.int(1, 2) : rng.chance(0.15) ? 1 : 0 },
    }));
  });
}

/** Assistants: dorm visits (≥ 1 a week) and class meetings (≥ 1 a month). */
function assistantLogRows(dept: Dept, s: Semester, assistants: Student[]): LogRow[] {
  const rng = rngFor('worklog-assistants', dept.name, s.id);
  return assistants.flatMap((a) => {
    const meetings = new Set<number>();
    for (let block = 0; block * 4 < LOG_WEEKS; block++) if (rng.chance(0.9)) meetings.add(block * 4 + rng.int(1, 4));
    return Array.from({ length: LOG_WEEKS }, (_, w) => ({
      id: a.id, name: a.name, week: w + 1,
      values: { [H.dorm]: rng.chance(0.92) ? rng.int(1, 3) : 0, [H.meetings]: meetings.has(w + 1) ? 1 : rng.chance(0.08) ? 1 : 0 },
    }));
  });
}

/** Graduate assistants: hours (the norm is 15–20 a week), with talks and dorm visits. */
function graduateLogRows(people: Teacher[]): LogRow[] {
  const rng = rngFor('worklog-graduates');
  return people.flatMap((g, i) => {
    const usual = [17, 14, 19][i % 3]!;
    return Array.from({ length: LOG_WEEKS }, (_, w) => ({
      id: g.id, name: g.name, week: w + 1,
      values: {
        [H.talks]: rng.int(2, 6), [H.dorm]: rng.int(1, 3),
        [H.hours]: Math.min(22, Math.max(12, usual + rng.int(-3, 3) + (rng.chance(0.3) ? 0.5 : 0))),
      },
    }));
  });
}

interface LogKind {
  kind: string;
  /** The 角色 cell, and what the title calls the log. */
  role: string;
  titleWord: string;
  idHeader: string;
  headers: readonly string[];
}

/** A row in file order with its 序号. */
interface NumberedRow {
  row: LogRow;
  no: number;
}

function logSheet(dept: Dept, s: Semester, fmt: LogFormat, kind: LogKind, rows: LogRow[], order: 'person' | 'week'): { sheet: Sheet; numbered: NumberedRow[] } {
  const plan = teamPlan(dept);
  const look = teamLook(kind.kind, dept.name, s.id, (rng) => termEndFill(s, rng));
  const { rng } = look;
  const ordered = order === 'person' ? rows : [...rows].sort((a, b) => a.week - b.week);
  const numbered: NumberedRow[] = ordered.map((row, i) => ({ row, no: i + 1 }));
  const dayOffset = () => (fmt.day === 'mon' ? 0 : fmt.day === 'fri' ? 4 : rng.int(0, 4));
  const xlsxFormat = rng.pick(XLSX_DATE_FORMATS);
  const otherStyles = (['iso', 'slash', 'cn'] as const).filter((x) => x !== fmt.dateStyle);
  const when = (r: LogRow): Cell => {
    if (fmt.when === 'week') return r.week;
    if (fmt.when === 'weekText') return `第${r.week}周`;
    const date = addDays(mondayOfWeek(s, r.week), dayOffset());
    if (fmt.as === 'xlsx') return { date, format: xlsxFormat };
    // Several people fill the shared sheet: now and then a date is typed another way.
    return writeDate(date, rng.chance(0.04) ? rng.pick(otherStyles) : fmt.dateStyle);
  };
  const whenHeader = fmt.when === 'date' ? rng.pick(['日期', '日期', '记录日期', '工作日期']) : '周次';
  const columns: Column<NumberedRow>[] = [
    { header: '序号', cell: (r) => r.no },
    { header: kind.idHeader, cell: (r) => r.row.id, text: true },
    { header: '姓名', cell: (r) => r.row.name },
    { header: plan.deptHeader, cell: () => dept.name },
    { header: '角色', cell: () => kind.role, when: fmt.role },
    { header: whenHeader, cell: (r) => when(r.row) },
    ...kind.headers.map((h): Column<NumberedRow> => ({ header: h, cell: (r) => r.row.values[h] ?? 0 })),
  ];
  const semester = look.semesterInTitle || !fmt.role ? look.semesterText : '';
  const title = `${dept.name}${semester}${kind.titleWord}${rng.pick(['表', '汇总表', '统计表'])}`;
  const sheet = tableSheet(numbered, columns, {
    sheetName: rng.pick(['Sheet1', '工作记录']),
    titles: titleLines(fmt.role ? dept.titleLines : (Math.max(1, dept.titleLines) as 1 | 2), title, `填报单位：${dept.name}　　　　统计周期：第1周至第${LOG_WEEKS}周`),
    footer: footerLines(dept.footer, look, columns.filter((c) => c.when !== false).length),
    blankBeforeFooter: look.blankBeforeFooter,
    date: look.date,
  });
  return { sheet, numbered };
}

// ───────────────────────────── the team exports: training ─────────────────────────────

type Level = '校级' | '院级' | '系级' | '省级' | '自治区级' | '国家级' | '市级';

interface Attendance {
  person: Person;
  dept: Dept;
  course: string;
  level: Level;
  hours: number;
  date: string;
}

const SCHOOL_COURSES: ReadonlyArray<readonly [string, number]> = [
  ['新时代高校辅导员能力提升专题培训', 8],
  ['心理健康教育专题培训', 6],
  ['学生资助政策解读', 4],
  ['网络思政工作坊', 6],
  ['辅导员素质能力大赛赛前培训', 8],
  ['学生心理危机识别与干预培训', 4],
  ['安全稳定与突发事件处置培训', 4],
  ['就业创业指导工作培训', 4],
  ['学生党建与团建工作培训', 4],
  ['辅导员工作案例研讨', 2],
  ['铸牢中华民族共同体意识专题培训', 6],
];
const NEW_HIRE_COURSE = ['新入职辅导员岗前培训', 16] as const;
const WIDER_COURSES: ReadonlyArray<readonly [string, Level, number]> = [
  ['全国高校辅导员骨干培训班', '国家级', 32],
  ['教育部高校辅导员网络培训示范班', '国家级', 24],
  ['全国高校心理健康教育骨干研修班', '国家级', 24],
  ['自治区高校辅导员骨干示范培训', '自治区级', 24],
  ['自治区高校网络思政工作专题研修班', '自治区级', 16],
  ['省级辅导员职业能力提升研修班', '省级', 16],
  ['自治区高校学生资助工作业务培训', '自治区级', 12],
];
const NEW_HIRE_PROVINCIAL = ['自治区高校新入职辅导员示范培训班', '自治区级', 32] as const;
const DEPT_COURSES: ReadonlyArray<readonly [string, number]> = [
  ['系部辅导员业务学习（学生资助工作）', 2],
  ['班级心理委员工作指导', 2],
  ['学生安全教育专题学习', 2],
];

/** Half-years of training, and which semester's counselors were there. */
interface Half {
  year: number;
  from: string;
  to: string;
  staffOf: number;
}
const HALVES: readonly Half[] = [
  { year: 2024, from: '2024-09-16', to: '2024-12-20', staffOf: 0 },
  { year: 2025, from: '2025-03-10', to: '2025-06-27', staffOf: 0 },
  { year: 2025, from: '2025-09-15', to: '2025-12-19', staffOf: 1 },
  { year: 2026, from: '2026-03-09', to: '2026-06-26', staffOf: 2 },
  { year: 2026, from: '2026-09-14', to: '2026-12-18', staffOf: 3 },
];
/** Where each academic year's training file goes (2024-2025 has no 第一学期 folder in the demo). */
const TRAINING_FOLDERS: Record<number, string> = { 2024: '2024-2025-2', 2025: '2025-2026-1', 2026: '2026-2027-1' };

interface TrainingStory {
  /** Calendar year → full-time counselors below 16 school-level hours. */
  short: Map<number, Person[]>;
  noNational: Person[];
}

/**
 * Who attended what. Each half-year the school runs about six sessions; each full-time counselor
 * attends enough of them in a calendar year to reach 16 school-level hours (new hires start with
 * the 16-hour 岗前培训) — except SHORT_OF_HOURS of them per year. Every full-time counselor gets a
 * national or provincial course in the three years (new hires: the provincial 岗前培训) except
 * NO_NATIONAL_COURSE long-serving ones. Part-time counselors attend a session now and then.
 */
function planTraining(staff: Map<Dept, Person[][]>): { rows: Attendance[]; story: TrainingStory } {
  const rng = rngFor('training');
  // Six of the catalogue's sessions each half-year (about 30 hours), on weekdays.
  const sessions = HALVES.map((h) =>
    shuffled(SCHOOL_COURSES, rng)
      .slice(0, 6)
      .map(([course, hours]) => ({ course, hours, date: weekdayBetween(h.from, h.to, rng), level: (rng.chance(0.1) ? '院级' : '校级') as Level })),
  );
  const deptOf = new Map<Person, Dept>();
  for (const [d, teams] of staff) for (const team of teams) for (const p of team) deptOf.set(p, d);
  const present = (p: Person, h: Half) => staff.get(deptOf.get(p)!)![h.staffOf]!.includes(p);
  /** Hired in this half-year (semesters 1–3 are one half-year each). */
  const joinedIn = (p: Person, h: Half) => p.joined > 0 && p.joined === h.staffOf;
  const people = [...deptOf.keys()];
  const fullTime = people.filter((p) => p.type === 'full');
  const rows: Attendance[] = [];
  const attend = (p: Person, course: string, level: Level, hours: number, date: string) => rows.push({ person: p, dept: deptOf.get(p)!, course, level, hours, date });

  const short = new Map<number, Person[]>();
  for (const year of [2024, 2025, 2026]) {
    const halves = HALVES.filter((h) => h.year === year);
    const here = fullTime.filter((p) => halves.some((h) => present(p, h)));
    const candidates = here.filter((p) => !halves.some((h) => joinedIn(p, h)) && deptOf.get(p)!.name !== DEPT_TRAINING.dept);
    const chosen: Person[] = [];
    while (chosen.length < SHORT_OF_HOURS[year]!) {
      const p = rng.pick(candidates);
      if (!chosen.includes(p)) chosen.push(p);
    }
    short.set(year, chosen);
    for (const p of here) {
      const mine = halves.flatMap((h) => (present(p, h) ? sessions[HALVES.indexOf(h)]! : []));
      let hours = 0;
      const hire = halves.find((h) => joinedIn(p, h));
      if (hire) {
        attend(p, NEW_HIRE_COURSE[0], '校级', NEW_HIRE_COURSE[1], weekdayBetween(hire.from, addDays(hire.from, 10), rng));
        hours += NEW_HIRE_COURSE[1];
      }
      const isShort = chosen.includes(p);
      const target = isShort ? rng.int(4, 12) : rng.int(16, 26);
      for (const session of shuffled(mine, rng)) {
        if (isShort ? hours + session.hours > target : hours >= target) continue;
        attend(p, session.course, session.level, session.hours, session.date);
        hours += session.hours;
      }
    }
    for (const p of people.filter((q) => q.type === 'part' && halves.some((h) => present(q, h)))) {
      const mine = halves.flatMap((h) => (present(p, h) ? sessions[HALVES.indexOf(h)]! : []));
      if (mine.length > 0 && rng.chance(0.6)) {
        const session = rng.pick(mine);
        attend(p, session.course, session.level, session.hours, session.date);
      }
    }
  }

  const latest = fullTime.filter((p) => p.joined === 0 && present(p, HALVES[HALVES.length - 1]!));
  const noNational: Person[] = [];
  while (noNational.length < NO_NATIONAL_COURSE) {
    const p = rng.pick(latest);
    if (!noNational.includes(p)) noNational.push(p);
  }
  // One counselor hired in the latest semester went to another provincial course instead of the provincial
  // 岗前培训: 16 学时 of 岗前培训 only, under the national 40 (教育部令第43号).
  const shortInduction = fullTime.find((p) => p.joined === LATEST);
  for (const p of fullTime) {
    const hire = HALVES.find((h) => joinedIn(p, h));
    if (hire) {
      const course = p === shortInduction ? WIDER_COURSES[3]! : NEW_HIRE_PROVINCIAL;
      attend(p, course[0], course[1], course[2], weekdayBetween(hire.from, hire.to, rng));
      continue;
    }
    if (noNational.includes(p)) continue;
    const mine = HALVES.filter((h) => present(p, h));
    const times = rng.chance(0.25) ? 2 : 1;
    for (let t = 0; t < times; t++) {
      const h = rng.pick(mine);
      const [course, level, hours] = rng.pick(WIDER_COURSES);
      attend(p, course, level, hours, weekdayBetween(h.from, h.to, rng));
    }
  }
  return { rows, story: { short, noNational } };
}

/** Department names as 学工部 abbreviated them in one year's compilation (data/rules.json department_aliases). */
const SHORT_NAMES: Record<string, string> = {
  数学与物理学院: '数理学院', 机电工程系: '机电系', 信息工程系: '信息系', 经济管理系: '经管系', 医学护理系: '护理系',
};

function trainingSheet(academicYear: number, rows: Attendance[]): Sheet {
  const look = teamLook('training', '学工部', String(academicYear), (rng) =>
    academicYear === 2026 ? fillDateAt(2027, 1, [8, 15], rng) : fillDateAt(academicYear + 1, 7, [6, 12], rng),
  );
  const { rng } = look;
  const dateHeader = ({ 2024: '培训日期', 2025: '日期', 2026: '培训时间' } as Record<number, string>)[academicYear] ?? '日期';
  const deptHeader: TeamDeptHeader = academicYear === 2025 ? '二级学院' : '所在院系';
  const deptOrder = (d: Dept) => DEPARTMENTS.indexOf(d);
  const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const sorted = [...rows].sort((a, b) => byText(a.date, b.date) || byText(a.course, b.course) || deptOrder(a.dept) - deptOrder(b.dept) || byText(a.person.id, b.person.id));
  const columns: Column<Attendance>[] = [
    { header: '序号', cell: (_, i) => i + 1 },
    { header: '工号', cell: (r) => r.person.id, text: true },
    { header: '姓名', cell: (r) => r.person.name },
    { header: deptHeader, cell: (r) => (academicYear === 2025 ? (SHORT_NAMES[r.dept.name] ?? r.dept.name) : r.dept.name) },
    { header: '培训名称', cell: (r) => r.course },
    { header: '级别', cell: (r) => r.level },
    { header: '学时', cell: (r) => r.hours },
    // Certificates of outside courses were typed in by hand; the school's own sessions are date cells.
    { header: dateHeader, cell: (r) => (r.level === '校级' || r.level === '院级' ? { date: r.date, format: 'yyyy-mm-dd' } : writeDate(r.date, 'cn')) },
  ];
  return tableSheet(sorted, columns, {
    sheetName: rng.pick(['Sheet1', '培训记录']),
    titles: [`${INSTITUTION}${yearText(academicYear)}辅导员培训情况汇总表`, '制表单位：学生工作部'],
    footer: [[`制表人：学生工作部　　审核人：${signer(rng)}`], [`填报日期：${dateText(look.date)}`]],
    blankBeforeFooter: look.blankBeforeFooter,
    date: look.date,
  });
}

/** 机电工程系's own record of the sessions it ran for its counselors, plus one city course. */
function deptTrainingRows(dept: Dept, team: Person[], rng: Rng): Attendance[] {
  const rows: Attendance[] = [];
  const days = ['2025-10-22', '2025-12-10', '2026-04-15'];
  DEPT_COURSES.forEach(([course, hours], i) => {
    for (const p of team) if (p.type === 'full' || rng.chance(0.5)) rows.push({ person: p, dept, course, level: '系级', hours, date: days[i]! });
  });
  const p = team[rng.int(0, team.length - 1)]!;
  rows.push({ person: p, dept, course: PROBLEMS.cityLevel.course, level: PROBLEMS.cityLevel.level, hours: PROBLEMS.cityLevel.hours, date: '2025-11-14' });
  return rows;
}

function deptTrainingSheet(dept: Dept, rows: Attendance[]): Sheet {
  const plan = teamPlan(dept);
  const look = teamLook('training', dept.name, String(DEPT_TRAINING.year), (rng) => fillDateAt(2026, 7, [1, 8], rng));
  const columns: Column<Attendance>[] = [
    { header: '序号', cell: (_, i) => i + 1 },
    { header: plan.idHeader, cell: (r) => r.person.id, text: true },
    { header: '姓名', cell: (r) => r.person.name },
    { header: plan.deptHeader, cell: () => dept.name },
    { header: '培训项目', cell: (r) => r.course },
    { header: '培训级别', cell: (r) => r.level },
    { header: '学时', cell: (r) => r.hours },
    { header: '培训日期', cell: (r) => writeDate(r.date, 'dot') },
  ];
  return tableSheet(rows, columns, {
    sheetName: 'Sheet1',
    titles: titleLines(dept.titleLines, `${dept.name}${yearText(DEPT_TRAINING.year)}辅导员培训记录`, `填报单位：${dept.name}`),
    footer: footerLines(dept.footer, look, columns.length),
    blankBeforeFooter: look.blankBeforeFooter,
    date: look.date,
  });
}

// ───────────────────────────── the team exports: assessments ─────────────────────────────

type GradeLabel = '优秀' | '良好' | '合格' | '不合格';
/** data/rules.json's bands, on the percentage of the maximum. */
const gradeFor = (percent: number): GradeLabel => (percent >= 90 ? '优秀' : percent >= 75 ? '良好' : percent >= 60 ? '合格' : '不合格');

/** Who gets which grade: `excellent` of them 优秀, `failed` 不合格, a few 合格, the rest 良好. */
function dealGrades(n: number, excellent: number, failed: number, rng: Rng, eligible: (i: number) => boolean = () => true): GradeLabel[] {
  const grades: GradeLabel[] = Array.from({ length: n }, () => '良好');
  const free = () => grades.flatMap((g, i) => (g === '良好' ? [i] : []));
  for (let k = 0; k < excellent; k++) {
    const pool = free().filter(eligible);
    grades[rng.pick(pool.length > 0 ? pool : free())] = '优秀';
  }
  for (let k = 0; k < failed; k++) grades[rng.pick(free())] = '不合格';
  for (const i of free()) if (rng.chance(0.08)) grades[i] = '合格';
  return grades;
}

const TOTAL_RANGES: Record<GradeLabel, readonly [number, number]> = { 优秀: [90, 97], 良好: [76, 89], 合格: [62, 74], 不合格: [50, 59] };
/** Item levels (share of each item's maximum) per grade. */
const ITEM_LEVELS: Record<GradeLabel, readonly [number, number]> = { 优秀: [0.91, 0.97], 良好: [0.77, 0.88], 合格: [0.62, 0.73], 不合格: [0.5, 0.58] };

function totalFor(grade: GradeLabel, rng: Rng): number {
  const [lo, hi] = TOTAL_RANGES[grade];
  return rng.chance(0.3) ? rng.int(lo, hi - 1) + 0.5 : rng.int(lo, hi);
}

interface CounselorScore {
  person: Person;
  total: number;
  recorded: GradeLabel;
}

/** The counselor rated 不合格 two years running: on the team in both semesters (a part-time one if there is one). */
function twiceFailed(staff: Map<Dept, Person[][]>): Person {
  const teams = staff.get(DEPARTMENTS.find((d) => d.name === FAILED_COUNSELOR.dept)!)!;
  const [a, b] = FAILED_COUNSELOR.semesters.map((id) => teams[SEMESTERS.findIndex((x) => x.id === id)]!);
  const both = a!.filter((p) => b!.includes(p));
  return both.find((p) => p.type === 'part') ?? both[0]!;
}

function counselorAssessmentSheet(dept: Dept, s: Semester, team: Person[], story: { excellent: number; mismatchRow: number | null }, failedPerson: Person): Sheet {
  const plan = teamPlan(dept);
  const rng = rngFor('assessment', dept.name, s.id);
  const look = teamLook('assessment', dept.name, s.id, (r) => termEndFill(s, r));
  const quota = Math.floor(team.length * 0.2);
  const mismatch = PROBLEMS.gradeMismatch.semester === s.id && PROBLEMS.gradeMismatch.dept === dept.name;
  const over = OVER_QUOTA[s.id]?.includes(dept.name) ?? false;
  const excellent = over ? quota + 1 : mismatch ? quota - 1 : quota > 0 && rng.chance(0.3) ? quota - 1 : quota;
  const grades = dealGrades(team.length, excellent, 0, rng, (i) => team[i]!.type === 'full' && team[i] !== failedPerson);
  if (team.includes(failedPerson) && (FAILED_COUNSELOR.semesters as readonly string[]).includes(s.id)) grades[team.indexOf(failedPerson)] = '不合格';
  const scores: CounselorScore[] = team.map((person, i) => ({ person, total: totalFor(grades[i]!, rng), recorded: grades[i]! }));
  if (mismatch) {
    const i = scores.findIndex((x, k) => k > 2 && x.recorded === '良好');
    scores[i]!.total = PROBLEMS.gradeMismatch.total;
    story.mismatchRow = i;
  }
  story.excellent = scores.filter((x) => x.recorded === '优秀').length;
  const totalHeader = look.rng.pick(['总分', '考核得分', '综合得分']);
  const gradeHeader = look.rng.pick(['考核结果', '考核等次', '等次']);
  const columns: Column<CounselorScore>[] = [
    { header: '序号', cell: (_, i) => i + 1 },
    { header: '姓名', cell: (r) => r.person.name },
    { header: plan.idHeader, cell: (r) => r.person.id, text: true },
    { header: '角色', cell: () => '辅导员' },
    { header: plan.deptHeader, cell: () => dept.name },
    { header: totalHeader, cell: (r) => r.total },
    { header: gradeHeader, cell: (r) => r.recorded },
    { header: '备注', cell: (r) => (r.person.type === 'part' ? '兼职' : '') },
  ];
  return tableSheet(scores, columns, {
    sheetName: look.rng.pick(['Sheet1', '考核结果']),
    titles: titleLines(Math.max(1, dept.titleLines) as 1 | 2, `${dept.name}${look.semesterText}辅导员考核结果汇总表`, `填报单位：${dept.name}（盖章）`),
    footer: footerLines(dept.footer, look, columns.length),
    blankBeforeFooter: look.blankBeforeFooter,
    date: look.date,
  });
}

/** The 考核量化表's 14 items with their maxima (sum 90), in the form's order. */
const ITEMS: ReadonlyArray<readonly [string, number]> = [
  ['思想素质', 5], ['工作态度', 5], ['工作作风', 5],
  ['组织能力', 10], ['分析能力', 5], ['创新能力', 5], ['工作效率', 10],
  ['到岗', 10], ['到位', 5], ['到会', 5],
  ['工作完成情况', 10], ['日常管理效果', 5], ['活动开展效果', 5], ['突发事件处理', 5],
];

interface AssistantScore {
  klass: Klass;
  a: Student;
  items: number[];
  recorded: GradeLabel;
}

/** Item scores (whole or half points) whose sum, as a percentage of 90, falls in the grade's band. */
function itemScores(grade: GradeLabel, rng: Rng): number[] {
  const [lo, hi] = ITEM_LEVELS[grade];
  for (;;) {
    const level = lo + (hi - lo) * rng.next();
    const items = ITEMS.map(([, max]) => Math.min(max, Math.max(0, Math.round((max * level + (rng.next() - 0.5) * 1.6) * 2) / 2)));
    if (gradeFor((sum(items) / 90) * 100) === grade) return items;
  }
}

/** 迟到次数 per assessed assistant, for LATENESS.dept only (null elsewhere); from a stream of its own. */
function lateCounts(dept: Dept, s: Semester, scores: readonly AssistantScore[]): number[] | null {
  if (dept.name !== LATENESS.dept) return null;
  const rng = rngFor('lateness', dept.name, s.id);
  const late = scores.map((x) => (x.recorded === '不合格' ? rng.int(4, 6) : rng.chance(0.7) ? 0 : rng.int(1, 3)));
  late[scores.findIndex((x, k) => k > 0 && x.recorded === '良好')] = LATENESS.over;
  return late;
}

function assistantAssessmentSheet(dept: Dept, s: Semester, rows: ClassYear[], story: { excellent: number; count: number; itemRow: number | null }): Sheet {
  const plan = teamPlan(dept);
  const rng = rngFor('assistant-assessment', dept.name, s.id);
  const look = teamLook('assistant-assessment', dept.name, s.id, (r) => termEndFill(s, r));
  const list = rows.flatMap((r) => (r.assistant ? [{ klass: r.klass, a: r.assistant }] : []));
  const quota = Math.floor(list.length * 0.2);
  const failed = FAILED_ASSISTANTS.some((f) => f.semester === s.id && f.dept === dept.name) ? 1 : 0;
  const grades = dealGrades(list.length, quota > 1 && rng.chance(0.4) ? quota - 1 : quota, failed, rng);
  const scores: AssistantScore[] = list.map((x, i) => ({ ...x, items: itemScores(grades[i]!, rng), recorded: grades[i]! }));
  if (PROBLEMS.itemAboveMax.semester === s.id && PROBLEMS.itemAboveMax.dept === dept.name) {
    const at = ITEMS.findIndex(([label]) => label === PROBLEMS.itemAboveMax.item);
    const i = scores.findIndex((x, k) => {
      if (k < 3 || x.recorded !== '良好') return false;
      const items = x.items.map((v, j) => (j === at ? PROBLEMS.itemAboveMax.value : v));
      return gradeFor((sum(items) / 90) * 100) === '良好';
    });
    scores[i]!.items[at] = PROBLEMS.itemAboveMax.value;
    story.itemRow = i;
  }
  story.excellent = scores.filter((x) => x.recorded === '优秀').length;
  story.count = scores.length;
  const late = lateCounts(dept, s, scores);
  const columns: Column<AssistantScore>[] = [
    { header: '序号', cell: (_, i) => i + 1 },
    { header: '姓名', cell: (r) => r.a.name },
    { header: '学号', cell: (r) => r.a.id, text: true },
    { header: '角色', cell: () => '辅导员助理' },
    { header: plan.deptHeader, cell: () => dept.name },
    ...ITEMS.map(([label], j): Column<AssistantScore> => ({ header: label, cell: (r) => r.items[j]! })),
    ...(late ? [{ header: '迟到次数', cell: (_: AssistantScore, i: number) => late[i]! }] : []),
    { header: '考核结果', cell: (r) => r.recorded },
  ];
  return tableSheet(scores, columns, {
    sheetName: look.rng.pick(['Sheet1', '考核汇总']),
    titles: titleLines(Math.max(1, dept.titleLines) as 1 | 2, `${dept.name}${look.semesterText}辅导员助理工作考核情况汇总表`, '（各项满分：德15分、能30分、勤20分、绩25分）'),
    footer: footerLines(dept.footer, look, columns.length),
    blankBeforeFooter: look.blankBeforeFooter,
    date: look.date,
  });
}

/** The academic-year line of seed 000's printed forms: "( 2025 - 2026 学年第 二 学期)". */
const printedSemester = (s: Semester) => `( ${s.startYear} - ${s.startYear + 1} 学年第 ${CN_TERM[s.term]} 学期)`;

/**
 * Seed 000's 考核情况汇总表 exactly as printed: 姓  名 / 专  业 / 年 级 / 聘用岗位(班级) / 聘用起止时间 /
 * 考核结果, no 系部 column (the department is in the title and the folder), the form's signature
 * lines at the foot — and one 优秀 more than the 20 % quota allows.
 */
function seedSummarySheet(dept: Dept, s: Semester, rows: ClassYear[], story: { excellent: number; count: number }): Sheet {
  const plan = teamPlan(dept);
  const rng = rngFor('seed-summary', dept.name, s.id);
  const look = teamLook('seed-summary', dept.name, s.id, (r) => termEndFill(s, r));
  const list = rows.flatMap((r) => (r.assistant ? [{ klass: r.klass, a: r.assistant }] : []));
  const grades = dealGrades(list.length, Math.floor(list.length * 0.2) + 1, 0, rng);
  story.excellent = grades.filter((g) => g === '优秀').length;
  story.count = list.length;
  const period = plan.period === 'dot' ? `${s.startYear}.09-${s.startYear + 1}.07` : `${s.startYear}年9月至${s.startYear + 1}年7月`;
  type Row = (typeof list)[number] & { grade: GradeLabel };
  const columns: Column<Row>[] = [
    { header: '姓  名', cell: (r) => r.a.name },
    { header: '专  业', cell: (r) => r.a.major },
    { header: '年 级', cell: (r) => `${r.a.cohort}级` },
    { header: '聘用岗位(班级)', cell: (r) => r.klass.name },
    { header: '聘用起止时间', cell: () => period },
    { header: '考核结果', cell: (r) => r.grade },
  ];
  const end = look.date;
  return tableSheet(
    list.map((x, i) => ({ ...x, grade: grades[i]! })),
    columns,
    {
      sheetName: 'Sheet1',
      titles: [`${dept.name}辅导员（班主任）助理工作考核情况汇总表`, printedSemester(s)],
      footer: [['聘用单位（盖章）：', null, '单位负责人签字：', null, '填报日期：'], [`聘用系部负责人签字：${signer(rng)}              ${dateText(end)}`]],
      blankBeforeFooter: true,
      date: end,
    },
  );
}

/**
 * Seed 000's 考核量化表, one sheet per assistant, as the form is laid out: 考核对象/考核部门/时间 line,
 * 项目 merged down each dimension's items, 分值 and 考核成绩, 合计 (filled in or left to the reader),
 * 等次, the stamp line. Grades as in the wide table of items, within the quota.
 */
async function quantifiedFormsWorkbook(dept: Dept, s: Semester, rows: ClassYear[]): Promise<Buffer> {
  const rng = rngFor('quantified-forms', dept.name, s.id);
  const look = teamLook('quantified-forms', dept.name, s.id, (r) => termEndFill(s, r));
  const list = rows.flatMap((r) => (r.assistant ? [r.assistant] : []));
  const grades = dealGrades(list.length, Math.floor(list.length * 0.2), 0, rng);
  const dimensions: Array<[string, number]> = [['德\n15%', 3], ['能\n30%', 4], ['勤\n20%', 3], ['绩\n25%', 4]];
  const starts = new Map<number, [string, number]>();
  dimensions.reduce((at, d) => (starts.set(at, d), at + d[1]), 0);
  const line = (value: string) => [{ value, columnSpan: 5 }, null, null, null, null];
  const sheets = list.map((a, i) => {
    const items = itemScores(grades[i]!, rng);
    const data: unknown[][] = [
      line(`${INSTITUTION}辅导员（班主任）助理工作考核量化表`),
      line(`考核对象：${a.name}                考核部门：${dept.name}                时间：${dateText(look.date)}`),
      [{ value: '项  目', columnSpan: 2 }, null, { value: '考核内容' }, { value: '分  值' }, { value: '考核成绩' }],
      ...ITEMS.map(([label, max], k) => {
        const dim = starts.get(k);
        return [dim ? { value: dim[0], rowSpan: dim[1] } : null, { value: label.length === 4 && k < 7 ? `${label.slice(0, 2)}\n${label.slice(2)}` : label }, { value: `（见《辅导员（班主任）助理管理办法》第七条）` }, { value: max, type: Number }, { value: items[k]!, type: Number }];
      }),
      [{ value: '合     计', columnSpan: 3 }, null, null, { value: 100, type: Number }, rng.chance(0.5) ? { value: sum(items), type: Number } : null],
      [{ value: '等    次', columnSpan: 2 }, null, { value: grades[i]! }, { value: '指导老师签名' }, null],
      [{ value: '考核部门意 见', columnSpan: 2 }, null, { value: '（公章）             年    月    日', columnSpan: 3 }, null, null],
      line('说明：考核成绩90分以上为优秀；90～75分为良好；74～60分为合格；60分以下为不合格。'),
    ];
    return { sheet: a.name, data };
  });
  const buffer = await writeXlsxFile(sheets.map((x) => ({ sheet: x.sheet, data: x.data, columns: [{ width: 8 }, { width: 10 }, { width: 40 }, { width: 8 }, { width: 10 }] })) as never).toBuffer();
  return stampZip(Buffer.from(buffer), look.date);
}

// ───────────────────────────── the team exports: graduate assistants ─────────────────────────────

interface GraduatePost {
  who: number | 'leaver';
  post: string;
  since: string;
  left?: string;
  political: string;
}

/**
 * 数学与物理学院's 研究生德育工作助理名册 (seed 003): post types, when each took up the post, one who
 * left after eight months (less than the year seed 003 asks), and a 党建 post held by a probationary
 * member (seed 003: 党建助理应由正式党员担任).
 */
const GRADUATE_POSTS: Record<string, readonly GraduatePost[]> = {
  '2025-2026-2': [
    { who: 0, post: '党建', since: '2025.09', political: '中共预备党员' },
    { who: 'leaver', post: '学术', since: '2025.09', left: '2026.05', political: '中共党员' },
  ],
  '2026-2027-1': [
    { who: 0, post: '党建', since: '2025.09', political: '中共预备党员' },
    { who: 1, post: '就业', since: '2026.03', political: '中共党员' },
    { who: 2, post: '信息（宣传）', since: '2026.09', political: '中共党员' },
  ],
};

function graduateRosterSheet(dept: Dept, s: Semester, people: Array<GraduatePost & { person: Teacher }>): Sheet {
  const plan = teamPlan(dept);
  const look = teamLook('graduate-roster', dept.name, s.id, (r) => termEndFill(s, r));
  const columns: Column<GraduatePost & { person: Teacher }>[] = [
    { header: '序号', cell: (_, i) => i + 1 },
    { header: '姓名', cell: (r) => r.person.name },
    { header: '学号', cell: (r) => r.person.id, text: true },
    { header: plan.deptHeader, cell: () => dept.name },
    { header: '岗位类型', cell: (r) => r.post },
    { header: '上岗时间', cell: (r) => r.since },
    { header: '离岗时间', cell: (r) => r.left ?? null },
    { header: '政治面貌', cell: (r) => r.political },
  ];
  return tableSheet(people, columns, {
    sheetName: 'Sheet1',
    titles: [`${dept.name}${look.semesterText}研究生德育工作助理名册`],
    footer: footerLines(dept.footer, look, columns.length),
    blankBeforeFooter: look.blankBeforeFooter,
    date: look.date,
  });
}

// ───────────────────────────── the team exports: writing them all ─────────────────────────────

interface TeamSummary {
  files: Record<string, number>;
  misses: Map<string, MissStats>; // `${semester}/${dept}`
  overQuota: string[];
  training: TrainingStory;
  coverage: Map<string, { classes: number; assisted: number }>; // `${year}/${dept}`
  problems: string[];
}

async function writeTeamExports(staff: Map<Dept, Person[][]>, reg: Registry, written: Written[]): Promise<TeamSummary> {
  const summary: TeamSummary = { files: {}, misses: new Map(), overQuota: [], training: { short: new Map(), noNational: [] }, coverage: new Map(), problems: [] };
  const put = async (kind: string, path: string, sheet: Sheet, container: Container) => {
    await writeFile(path, sheet, container, written);
    summary.files[kind] = (summary.files[kind] ?? 0) + 1;
  };
  const where = (path: string) => relative(OUT_DIR, path).split(sep).join('/');

  // Classes and assistants first: the logs and assessments use their people.
  const classes = new Map(DEPARTMENTS.map((d) => [d, planClasses(d, staff.get(d)!, reg)]));
  for (const year of YEARS) {
    const s = SEMESTERS[year.first]!;
    for (const dept of DEPARTMENTS) {
      const rows = classes.get(dept)!.get(year.start)!;
      const plan = teamPlan(dept);
      const dir = join(OUT_DIR, s.id, dept.name);
      await put('班级', join(dir, fileName('{d}班级信息表', dept.name, plan.as)), classSheet(dept, year, rows), plan.as);
      await put('助理名册', join(dir, fileName('{d}辅导员助理汇总表', dept.name, plan.as)), assistantRosterSheet(dept, year, rows), plan.as);
      summary.coverage.set(`${year.start}/${dept.name}`, { classes: rows.length, assisted: rows.filter((r) => r.assistant).length });
    }
  }

  const graduates: Teacher[] = [];
  let leaver: Teacher;
  {
    const rng = rngFor('graduate-assistants');
    const draw = () => ({ id: `2025${rng.int(10, 99)}${String(rng.int(1, 999)).padStart(4, '0')}`, name: reg.name(rng) });
    for (let i = 0; i < GRADUATE_LOG.people; i++) graduates.push(draw());
    // A graduate assistant who left before a year was up (drawn after the others: their names stay).
    leaver = draw();
  }
  const failedTwice = twiceFailed(staff);

  for (const [si, s] of SEMESTERS.entries()) {
    const year = YEARS.find((y) => y.semesters.includes(si));
    for (const dept of DEPARTMENTS) {
      const plan = teamPlan(dept);
      const dir = join(OUT_DIR, s.id, dept.name);
      const team = staff.get(dept)![si]!;

      // Counselors' weekly logs.
      const stats: MissStats = { personWeeks: 0, missed: 0 };
      const rows = counselorLogRows(dept, s, team, stats);
      summary.misses.set(`${s.id}/${dept.name}`, stats);
      const text = PROBLEMS.textCount.semester === s.id && PROBLEMS.textCount.dept === dept.name;
      if (text) rows.find((r) => r.id === team[PROBLEMS.textCount.person]!.id && r.week === PROBLEMS.textCount.week)!.values[H.talks] = PROBLEMS.textCount.value;
      const counselorKind: LogKind = {
        kind: 'worklog', role: '辅导员', titleWord: '辅导员工作记录', idHeader: plan.idHeader,
        headers: [H.talks, H.classChecks, H.hygiene, H.dorm, H.lectures, H.parents, H.hours],
      };
      const { sheet, numbered } = logSheet(dept, s, plan.log, counselorKind, rows, plan.log.byPerson ? 'person' : 'week');
      const path = join(dir, fileName(plan.log.file, dept.name, plan.log.as));
      const find = (p: { person: number; week: number }) => numbered.findIndex((n) => n.row.id === team[p.person]!.id && n.row.week === p.week);
      if (text) summary.problems.push(`${where(path)} 第 ${lineOf(sheet, find(PROBLEMS.textCount))} 行：谈心谈话写成“${PROBLEMS.textCount.value}”（拒绝 NOT_A_COUNT）`);
      if (PROBLEMS.dateOutside.semester === s.id && PROBLEMS.dateOutside.dept === dept.name) {
        const i = find(PROBLEMS.dateOutside);
        const cellAt = sheet.header.findIndex((h) => h.includes('日期'));
        const typed = sheet.body[i]![cellAt];
        if (typeof typed !== 'string') throw new Error('the out-of-semester date goes in a CSV');
        const wrong = typed.replace(String(s.startYear), String(s.startYear - 1));
        sheet.body[i]![cellAt] = wrong;
        summary.problems.push(`${where(path)} 第 ${lineOf(sheet, i)} 行：日期 ${wrong}（应为 ${typed}），不在学期内（警告 WEEK_OUTSIDE_SEMESTER）`);
      }
      if (PROBLEMS.duplicate.semester === s.id && PROBLEMS.duplicate.dept === dept.name) {
        const i = find(PROBLEMS.duplicate);
        sheet.body.splice(i + 1, 0, [...sheet.body[i]!]);
        summary.problems.push(`${where(path)} 第 ${lineOf(sheet, i)} 行与第 ${lineOf(sheet, i + 1)} 行完全相同（同一文件内重复粘贴）`);
      }
      await put('工作记录（辅导员）', path, sheet, plan.log.as);

      if (!year) continue;
      const yearRows = classes.get(dept)!.get(year.start)!;
      // Only the freshman classes' 班主任 and assistants keep weekly logs (新生班).
      const freshmen = yearRows.filter((r) => r.klass.cohort === year.start);
      if (CLASS_TEACHER_LOGS.includes(dept.name)) {
        const teachers = [...new Set(freshmen.map((r) => r.klass.teacher))];
        const kind: LogKind = { kind: 'worklog-ct', role: '班主任', titleWord: '新生班班主任工作记录', idHeader: '工号', headers: [H.talks, H.teachers] };
        const fmt: LogFormat = { ...plan.log, when: 'week', role: true };
        const built = logSheet(dept, s, fmt, kind, classTeacherLogRows(dept, s, teachers), 'person');
        await put('工作记录（班主任）', join(dir, fileName('{d}班主任工作记录', dept.name, plan.log.as)), built.sheet, plan.log.as);
      }
      if (ASSISTANT_LOGS.includes(dept.name)) {
        const assistants = freshmen.flatMap((r) => (r.assistant ? [r.assistant] : []));
        const kind: LogKind = { kind: 'worklog-as', role: '辅导员助理', titleWord: '新生班辅导员助理工作记录', idHeader: '学号', headers: [H.dorm, H.meetings] };
        const fmt: LogFormat = { ...plan.log, role: true };
        const built = logSheet(dept, s, fmt, kind, assistantLogRows(dept, s, assistants), 'person');
        await put('工作记录（辅导员助理）', join(dir, fileName('{d}辅导员助理工作记录', dept.name, plan.log.as)), built.sheet, plan.log.as);
      }
      if (GRADUATE_LOG.semester === s.id && GRADUATE_LOG.dept === dept.name) {
        const kind: LogKind = { kind: 'worklog-ga', role: '研究生德育助理', titleWord: '研究生德育助理工作记录', idHeader: '学号', headers: [H.talks, H.dorm, H.hours] };
        const fmt: LogFormat = { ...plan.log, as: 'xlsx', when: 'week', role: true };
        const built = logSheet(dept, s, fmt, kind, graduateLogRows(graduates), 'person');
        await put('工作记录（研究生德育助理）', join(dir, `${dept.name}研究生德育助理工作记录.xlsx`), built.sheet, 'xlsx');
      }
      const posts = GRADUATE_POSTS[s.id];
      if (posts && GRADUATE_LOG.dept === dept.name) {
        const people = posts.map((x) => ({ ...x, person: x.who === 'leaver' ? leaver : graduates[x.who]! }));
        await put('研究生德育助理名册', join(dir, `${dept.name}研究生德育助理名册.xlsx`), graduateRosterSheet(dept, s, people), 'xlsx');
      }

      if (ASSESSED.includes(s.id)) {
        const story = { excellent: 0, mismatchRow: null as number | null };
        const sheetC = counselorAssessmentSheet(dept, s, team, story, failedTwice);
        const pathC = join(dir, fileName('{d}辅导员考核结果', dept.name, plan.as));
        await put('考核（辅导员）', pathC, sheetC, plan.as);
        if (story.excellent > Math.floor(team.length * 0.2))
          summary.overQuota.push(`${s.id} ${dept.name}：辅导员 ${team.length} 人，优秀 ${story.excellent} 人（名额 ${Math.floor(team.length * 0.2)}）`);
        if (story.mismatchRow !== null)
          summary.problems.push(`${where(pathC)} 第 ${lineOf(sheetC, story.mismatchRow)} 行：总分 ${PROBLEMS.gradeMismatch.total}、考核结果“${PROBLEMS.gradeMismatch.recorded}”（警告 GRADE_MISMATCH）`);
        const storyA = { excellent: 0, count: 0, itemRow: null as number | null };
        const seedForm = (Object.keys(SEED_FORMS) as Array<keyof typeof SEED_FORMS>).find((k) => SEED_FORMS[k].semester === s.id && SEED_FORMS[k].dept === dept.name);
        if (seedForm === 'summary') {
          const sheet = seedSummarySheet(dept, s, yearRows, storyA);
          await put('考核（辅导员助理，考核情况汇总表）', join(dir, `${dept.name}辅导员（班主任）助理工作考核情况汇总表.xlsx`), sheet, 'xlsx');
          summary.overQuota.push(`${s.id} ${dept.name}：辅导员助理 ${storyA.count} 人，优秀 ${storyA.excellent} 人（名额 ${Math.floor(storyA.count * 0.2)}）`);
        } else if (seedForm === 'quantified') {
          const path = join(dir, `${dept.name}辅导员助理考核量化表.xlsx`);
          mkdirSync(dirname(path), { recursive: true });
          writeFileSync(path, await quantifiedFormsWorkbook(dept, s, yearRows));
          written.push({ path: relative(ROOT, path), container: 'xlsx' });
          summary.files['考核（辅导员助理，考核量化表）'] = 1;
        } else {
          const sheetA = assistantAssessmentSheet(dept, s, yearRows, storyA);
          const pathA = join(dir, fileName('{d}辅导员助理考核汇总表', dept.name, plan.as));
          await put('考核（辅导员助理）', pathA, sheetA, plan.as);
          if (storyA.itemRow !== null)
            summary.problems.push(`${where(pathA)} 第 ${lineOf(sheetA, storyA.itemRow)} 行：${PROBLEMS.itemAboveMax.item} ${PROBLEMS.itemAboveMax.value} 分，超过该项满分 10（警告 ITEM_ABOVE_MAX）`);
        }
      }
    }
  }

  const training = planTraining(staff);
  summary.training = training.story;
  let filed = 0;
  for (const [academicYear, folder] of Object.entries(TRAINING_FOLDERS)) {
    const rows = training.rows.filter((r) => r.date >= `${academicYear}-09-01` && r.date < `${Number(academicYear) + 1}-09-01`);
    filed += rows.length;
    await put('培训', join(OUT_DIR, folder, '学工部', '辅导员培训记录.xlsx'), trainingSheet(Number(academicYear), rows), 'xlsx');
  }
  if (filed !== training.rows.length) throw new Error(`${training.rows.length - filed} training rows fall in no academic year's file`);
  {
    const dept = DEPARTMENTS.find((d) => d.name === DEPT_TRAINING.dept)!;
    const si = YEARS.find((y) => y.start === DEPT_TRAINING.year)!.first;
    const rows = deptTrainingRows(dept, staff.get(dept)![si]!, rngFor('dept-training', dept.name));
    const sheet = deptTrainingSheet(dept, rows);
    const path = join(OUT_DIR, SEMESTERS[si]!.id, dept.name, `${dept.name}辅导员培训记录.csv`);
    await put('培训', path, sheet, teamPlan(dept).as);
    summary.problems.push(`${where(path)} 第 ${lineOf(sheet, rows.length - 1)} 行：级别“${PROBLEMS.cityLevel.level}”（拒绝 UNKNOWN_LEVEL）`);
  }
  return summary;
}

function printTeamSummary(t: TeamSummary): void {
  const out = ['', `Team exports: ${Object.entries(t.files).map(([k, n]) => `${n} ${k}`).join(', ')}`];
  out.push('', 'Counselor person-weeks missing at least one weekly norm (weak departments marked *):');
  for (const d of DEPARTMENTS) {
    const shares = SEMESTERS.map((s) => {
      const m = t.misses.get(`${s.id}/${d.name}`)!;
      return pad(`${((100 * m.missed) / m.personWeeks).toFixed(0)}%`, 6, true);
    });
    out.push(`  ${pad(d.name + (teamPlan(d).weak ? ' *' : ''), 26)}${shares.join('')}`);
  }
  out.push('', 'Counselor 优秀 above the 20 % quota:', ...t.overQuota.map((x) => `  ${x}`));
  const names = (ps: Person[]) => ps.map((p) => p.name).join('、');
  out.push('', 'Full-time counselors below 16 school-level training hours:');
  for (const [year, ps] of t.training.short) out.push(`  ${year}: ${names(ps)}`);
  out.push(`No national or provincial course in three years: ${names(t.training.noNational)}`);
  const cov = [...t.coverage.values()];
  out.push('', `Classes with an assistant: ${sum(cov.map((c) => c.assisted))} of ${sum(cov.map((c) => c.classes))} class-years`);
  out.push('', 'Deliberate problems in the team exports:', ...t.problems.map((p) => `  ${p}`));
  console.log(out.join('\n'));
}

// ───────────────────────────── main ─────────────────────────────

interface Written {
  path: string;
  container: Container;
}

interface Figures {
  students: number;
  full: number;
  part: number;
}

function checkPlan(): void {
  for (const d of DEPARTMENTS) {
    for (let s = 0; s < SEMESTERS.length; s++) {
      const students = d.students[s]!;
      if (students < 600 || students > 2200) throw new Error(`${d.name}: ${students} students out of range`);
      if (d.partTime[s]! > 3) throw new Error(`${d.name}: more than 3 part-time counselors`);
    }
  }
  const atLimit = DEMO_DEPARTMENTS.filter((d) => d.students[LATEST] === 200 * d.fullTime[LATEST]!);
  if (atLimit.length !== 1) throw new Error(`expected exactly one department at 200 in the latest semester, got ${atLimit.length}`);
}

async function writeFile(path: string, sheet: Sheet, container: Container, written: Written[]): Promise<void> {
  const ext = CONTAINERS[container].ext;
  const bytes = ext === 'xlsx' ? await renderXlsx(sheet) : ext === 'xls' ? renderXls(sheet) : renderCsv(sheet, container);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, bytes);
  written.push({ path: relative(ROOT, path), container });
}

async function main(): Promise<void> {
  checkPlan();
  if (OUT_DIR !== DEFAULT_OUT && existsSync(OUT_DIR) && readdirSync(OUT_DIR).length > 0) throw new Error(`refusing to delete ${OUT_DIR}: --out must be a new or empty folder`);
  rmSync(OUT_DIR, { recursive: true, force: true });
  mkdirSync(OUT_DIR, { recursive: true });
  // The demo's own settings, laid over data/rules.json by the ingest: marked as the demo's (its runs say so), and 学工部's abbreviations of five department names.
  writeFileSync(
    join(OUT_DIR, 'rules.json'),
    JSON.stringify({ 说明: `示例数据（${INSTITUTION}）自己的设置，叠加在 data/rules.json 之上：学工部汇总时使用的系部简称。`, demo: true, department_aliases: Object.fromEntries(Object.entries(SHORT_NAMES).map(([full, short]) => [short, full])) }, null, 2) + '\n',
  );

  const reg = new Registry();
  const staff = new Map(DEPARTMENTS.map((d) => [d, simulateStaff(d, reg)]));
  lowerOneEducation(staff);
  const written: Written[] = [];
  const figures = new Map<string, Figures>(); // `${semester}/${dept}`

  for (const [si, s] of SEMESTERS.entries()) {
    for (const dept of DEPARTMENTS) {
      const dir = join(OUT_DIR, s.id, dept.name);
      const enroll = enrollFormat(dept, s);
      const rows = enrollmentRows(dept, s, enroll.split);
      await writeFile(join(dir, fileName(enroll.file, dept.name, enroll.as)), enrollmentSheet(dept, s, enroll, rows), enroll.as, written);

      const team = staff.get(dept)![si]!;
      if (s.id !== CENTRAL_ROSTER_IN) {
        const roster = rosterFormat(dept, s);
        await writeFile(join(dir, fileName(roster.file, dept.name, roster.as)), departmentRoster(dept, s, roster, team, reg), roster.as, written);
      }
      const students = sum(rows.map((r) => r.students));
      if (students !== dept.students[si]) throw new Error(`${dept.name} ${s.id}: rows add up to ${students}`);
      figures.set(`${s.id}/${dept.name}`, {
        students,
        full: team.filter((p) => p.type === 'full').length,
        part: team.filter((p) => p.type === 'part').length,
      });
    }
    if (s.id === CENTRAL_ROSTER_IN) {
      const sheet = institutionRoster(s, (d) => staff.get(d)![si]!);
      await writeFile(join(OUT_DIR, s.id, '学工部', '全院辅导员名册.xlsx'), sheet, 'xlsx', written);
    }
  }

  // The team exports come after every roster, so the registry hands out new names and ids only.
  const team = await writeTeamExports(staff, reg, written);

  printSummary(written, figures);
  printTeamSummary(team);
}

// ───────────────────────────── summary ─────────────────────────────

/** Pad to a display width, counting CJK characters as two columns. */
function pad(text: string | number, width: number, right = false): string {
  const s = String(text);
  const w = [...s].reduce((n, ch) => n + (ch.charCodeAt(0) > 0x2e80 ? 2 : 1), 0);
  const fill = ' '.repeat(Math.max(0, width - w));
  return right ? fill + s : s + fill;
}

function departmentTable(s: Semester, figures: Map<string, Figures>): string[] {
  const lines = [`  ${pad('系部', 24)}${pad('学生', 7, true)}${pad('专职', 6, true)}${pad('兼职', 6, true)}${pad('生师比', 9, true)}`];
  for (const d of DEPARTMENTS) {
    const f = figures.get(`${s.id}/${d.name}`)!;
    const ratio = f.full === 0 ? '—' : (f.students / f.full).toFixed(1);
    const flag = f.full === 0 ? '  无专职' : f.students > 200 * f.full ? '  >200' : f.students === 200 * f.full ? '  =200' : '';
    lines.push(`  ${pad(d.name, 24)}${pad(f.students, 7, true)}${pad(f.full, 6, true)}${pad(f.part, 6, true)}${pad(ratio, 9, true)}${flag}`);
  }
  return lines;
}

function printSummary(written: Written[], figures: Map<string, Figures>): void {
  const byContainer = (Object.keys(CONTAINERS) as Container[])
    .map((c) => `${written.filter((w) => w.container === c).length} ${CONTAINERS[c].label}`)
    .join(', ');
  const out = [`Wrote ${written.length} files to ${relative(ROOT, OUT_DIR)}/ (${byContainer})`, '', `  ${pad('学期', 14)}${pad('学生', 8, true)}${pad('专职', 6, true)}${pad('兼职', 6, true)}`];
  for (const s of SEMESTERS) {
    const fs = DEPARTMENTS.map((d) => figures.get(`${s.id}/${d.name}`)!);
    out.push(`  ${pad(s.id, 14)}${pad(sum(fs.map((f) => f.students)), 8, true)}${pad(sum(fs.map((f) => f.full)), 6, true)}${pad(sum(fs.map((f) => f.part)), 6, true)}`);
  }
  const shown = options.verbose ? SEMESTERS : [SEMESTERS[LATEST]!];
  for (const s of shown) out.push('', `${s.id} by department (students per full-time counselor):`, ...departmentTable(s, figures));
  out.push('', `Deliberately bad row: ${BAD_ROW.semester}/${BAD_ROW.dept} roster, 专兼职 = "${BAD_ROW.label}" (not counted above).`);
  console.log(out.join('\n'));
}

await main();
