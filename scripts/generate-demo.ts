/**
 * npm run demo:generate   (node scripts/generate-demo.ts [--verbose])
 *
 * Deletes and rewrites data/exports/ with the spreadsheet exports of an imaginary vocational
 * college (清河职业技术学院): 12 departments × 4 semesters (2024-2025-2 … 2026-2027-1).
 *
 *   data/exports/<semester>/<department>/<…在校生人数….csv|xlsx>   enrollment, every semester
 *   data/exports/<semester>/<department>/<…辅导员名册….csv|xlsx>   counselor roster, every semester
 *                                                                  except 2025-2026-2, where the
 *   data/exports/2025-2026-2/学工部/全院辅导员名册.xlsx             student-affairs office sent one
 *                                                                  institution-wide roster instead
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
 * with ONE deliberate exception so the dashboard's reject list is not empty:
 *
 *   BAD ROW: 2025-2026-1/艺术设计系/辅导员名册.csv has one counselor whose 专兼职 is "外聘"
 *   (neither 专职 nor 兼职); the ingest must reject that row. See BAD_ROW below.
 *
 * Staffing story the numbers tell (latest semester 2026-2027-1; the rule is ≤ 200 students per
 * full-time counselor): 建筑工程系 is exactly at 200 (1,200 students, 6 full-time); 信息工程系,
 * 医学护理系 and 汽车工程系 are above 200; 旅游与酒店管理系 was above 200 until it hired a fourth
 * counselor in 2025-2026-2; 数学与物理学院 had no full-time counselor at all in 2024-2025-2.
 *
 * Deterministic: all randomness comes from mulberry32 streams seeded from SEED and a per-use key,
 * and the zip timestamps inside each .xlsx are set to the file's 填报日期, so two runs write
 * identical bytes. The departments' structural formats live in one table (DEPARTMENTS) plus a few
 * per-semester OVERRIDES; cosmetic details (title wording, semester spelling, blank line before
 * the footer, which rows get full-width digits) are drawn per file.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import iconv from 'iconv-lite';
import writeXlsxFile from 'write-excel-file/node';

const SEED = 20250915;
const ROOT = resolve(import.meta.dirname, '..');
const OUT_DIR = join(ROOT, 'data', 'exports');
const INSTITUTION = '清河职业技术学院';

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
type Container = 'csv-gbk' | 'csv-utf8-bom' | 'csv-utf8' | 'xlsx';
const CONTAINERS: Record<Container, { ext: 'csv' | 'xlsx'; encoding?: 'gbk' | 'utf8'; bom?: boolean; eol?: string; pad?: boolean; label: string }> = {
  'csv-gbk': { ext: 'csv', encoding: 'gbk', bom: false, eol: '\r\n', pad: true, label: 'CSV GBK' },
  'csv-utf8-bom': { ext: 'csv', encoding: 'utf8', bom: true, eol: '\r\n', pad: true, label: 'CSV UTF-8 BOM' },
  'csv-utf8': { ext: 'csv', encoding: 'utf8', bom: false, eol: '\n', pad: false, label: 'CSV UTF-8' },
  xlsx: { ext: 'xlsx', label: 'XLSX' },
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

const DEPARTMENTS: readonly Dept[] = [
  {
    name: '机电工程系', students: [1880, 1950, 1932, 1980], fullTime: [10, 11, 11, 11], partTime: [2, 2, 2, 2],
    titleLines: 2, footer: 'full', mess: ['thousands'],
    enroll: { as: 'csv-gbk', file: '{d}在校生人数', split: 'grade', deptHeader: '系部', studentsHeader: '在校生人数', total: true },
    roster: { as: 'csv-gbk', file: '辅导员名册', deptHeader: '系部', typeHeader: '专兼职', idHeader: '工号', partTime: 'plain', load: true, hiring: false },
  },
  {
    name: '信息工程系', students: [1960, 2060, 2041, 2120], fullTime: [9, 9, 9, 9], partTime: [2, 3, 3, 3],
    outsourced: '人事代理', titleLines: 1, footer: 'sign', mess: ['thousands'],
    enroll: { as: 'xlsx', file: '{d}在校生人数', split: 'grade', deptHeader: '系部', studentsHeader: '学生人数', total: true },
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

/** Where a department's habits changed for one semester (new clerk, different computer…). */
const OVERRIDES: Record<string, { enroll?: Partial<EnrollFormat>; roster?: Partial<RosterFormat> }> = {
  '2024-2025-2/外国语学院': { enroll: { as: 'csv-gbk' }, roster: { as: 'csv-gbk' } },
  '2025-2026-1/汽车工程系': { enroll: { as: 'csv-gbk' } },
  '2025-2026-1/医学护理系': { roster: { idsAsNumbers: true } },
  '2025-2026-1/电子信息与通信工程学院': { enroll: { numbersAsText: true } },
  '2026-2027-1/经济管理系': { enroll: { as: 'xlsx' } },
  '2026-2027-1/机电工程系': { roster: { as: 'csv-utf8-bom' } },
};

/** The one deliberately invalid row of the whole demo (see the header comment). */
const BAD_ROW = { semester: '2025-2026-1', dept: '艺术设计系', label: '外聘' } as const;

const enrollFormat = (d: Dept, s: Semester): EnrollFormat => ({ ...d.enroll, ...OVERRIDES[`${s.id}/${d.name}`]?.enroll });
const rosterFormat = (d: Dept, s: Semester): RosterFormat => ({ ...d.roster, ...OVERRIDES[`${s.id}/${d.name}`]?.roster });

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
  return { id: reg.id(rng), name: reg.name(rng), type, partKind, hiring, phone: reg.phone(rng), joined: semester, joinNote, note };
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

// ───────────────────────────── sheet model and writers ─────────────────────────────

type Cell = string | number | null;

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
}

const toFullWidth = (text: string) => text.replace(/[0-9]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
const withThousands = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

function csvCell(value: Cell, thousands: boolean): string {
  const text = value === null ? '' : typeof value === 'number' ? (thousands ? withThousands(value) : String(value)) : value;
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
    if (typeof value === 'number') return { value, type: Number, ...(sheet.thousands && value >= 1000 ? { format: '#,##0' } : {}) };
    return { value, type: String, ...(text.has(col) ? { format: '@' } : {}) };
  };
  const data = [
    ...sheet.titles.map((t, i) => merged(t, i === 0 ? 14 : 11)),
    sheet.header.map((h) => ({ value: h, fontWeight: 'bold', align: 'center' })),
    ...sheet.body.map((row) => row.map(dataCell)),
    ...(sheet.blankBeforeFooter && sheet.footer.length > 0 ? [[null]] : []),
    ...sheet.footer.map((row) => row.map((c) => (c === null ? null : { value: String(c) }))),
  ];
  const columns = sheet.header.map((h) => ({ width: Math.max(8, h.length * 2 + 4) }));
  const buffer = await writeXlsxFile(data as never, { sheet: sheet.sheetName, columns }).toBuffer();
  return stampZip(buffer, sheet.date);
}

/**
 * fflate stamps every zip entry with the current time; overwrite the DOS time/date in each
 * central-directory record and its local header so the bytes depend only on the data.
 */
function stampZip(zip: Buffer, d: FillDate): Buffer {
  const time = (d.hour << 11) | (d.minute << 5);
  const date = ((d.year - 1980) << 9) | (d.month << 5) | d.day;
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new Error('not a zip file');
  let p = zip.readUInt32LE(eocd + 16);
  for (let n = zip.readUInt16LE(eocd + 10); n > 0; n--) {
    if (zip.readUInt32LE(p) !== 0x02014b50) throw new Error('bad zip central directory');
    const local = zip.readUInt32LE(p + 42);
    zip.writeUInt16LE(time, p + 12);
    zip.writeUInt16LE(date, p + 14);
    zip.writeUInt16LE(time, local + 10);
    zip.writeUInt16LE(date, local + 12);
    p += 46 + zip.readUInt16LE(p + 28) + zip.readUInt16LE(p + 30) + zip.readUInt16LE(p + 32);
  }
  return zip;
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
    { header: fmt.deptHeader, cell: (e) => e.dept.name },
    { header: fmt.typeHeader, cell: (e) => e.type },
    { header: '所带学生数', cell: (e) => e.load, when: fmt.load },
    { header: '聘用方式', cell: (e) => e.person.hiring, when: fmt.hiring },
    { header: '联系电话', cell: (e) => e.person.phone, text: true },
    { header: '备注', cell: (e) => noteIn(e.person, look.semesterIndex) },
  ];
  return columns.filter((c) => c.when !== false);
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
    partTime: 'plain', load: false, hiring: true,
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
  const atLimit = DEPARTMENTS.filter((d) => d.students[LATEST] === 200 * d.fullTime[LATEST]!);
  if (atLimit.length !== 1) throw new Error(`expected exactly one department at 200 in the latest semester, got ${atLimit.length}`);
}

async function writeFile(path: string, sheet: Sheet, container: Container, written: Written[]): Promise<void> {
  const bytes = CONTAINERS[container].ext === 'xlsx' ? await renderXlsx(sheet) : renderCsv(sheet, container);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, bytes);
  written.push({ path: relative(ROOT, path), container });
}

async function main(): Promise<void> {
  checkPlan();
  if (!OUT_DIR.endsWith(join('data', 'exports'))) throw new Error(`refusing to delete ${OUT_DIR}`);
  rmSync(OUT_DIR, { recursive: true, force: true });

  const reg = new Registry();
  const staff = new Map(DEPARTMENTS.map((d) => [d, simulateStaff(d, reg)]));
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

  printSummary(written, figures);
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
  const shown = process.argv.includes('--verbose') ? SEMESTERS : [SEMESTERS[LATEST]!];
  for (const s of shown) out.push('', `${s.id} by department (students per full-time counselor):`, ...departmentTable(s, figures));
  out.push('', `Deliberately bad row: ${BAD_ROW.semester}/${BAD_ROW.dept} roster, 专兼职 = "${BAD_ROW.label}" (not counted above).`);
  console.log(out.join('\n'));
}

await main();
