/**
 * The independent truth for the 队伍结构 figures: the counselor rosters read straight from the demo
 * exports with plain code, sharing nothing with the product (no import from src/, written from
 * README's definitions, not from the metric SQL). Fitted to how the demo writes its rosters
 * (scripts/generate-demo.ts): the semester is the top folder; the roster's header is the first row
 * with 姓名, a 专兼职-type column and one of the staffing oracle's department headers.
 *
 * READINGS where the definitions leave a choice:
 * - Age and years in post are whole years on the semester's first day as data/rules.json's calendar
 *   gives it (an explicit start, else 09-01 / 02-24); a month-only date is the first of the month.
 * - Every share is of all counselors of the scope, the blank ones included (未填写 is a category).
 * - "35岁以下" includes 35 (young_age from data/rules.json).
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { filesBelow, norm, readSheets } from './oracle.ts';

/** The key under which institution-wide figures sit (the same as oracle-metrics.ts). */
const INSTITUTION = '全院';

export type Scope = 'full_time' | 'part_time' | 'all';
export const SCOPES: readonly Scope[] = ['full_time', 'part_time', 'all'];

export interface Counselor {
  semester: string;
  department: string;
  staffId: string;
  name: string;
  fullTime: boolean;
  hiring: string;
  gender: '女' | '男' | null;
  age: number | null;
  /** The age band as the page labels it (bands from data/rules.json). */
  ageBand: string | null;
  ethnicity: string | null;
  /** As the page writes it: 中共党员, 中共预备党员, 共青团员, 民主党派, 群众. */
  political: string | null;
  /** 博士研究生, 硕士研究生, 本科, 专科, 中专及以下. */
  education: string | null;
  /** 博士, 硕士, 学士, 无学位. */
  degree: string | null;
  /** 正高级, 副高级, 中级, 初级, 未定级. */
  titleLevel: string | null;
  yearsInPost: number | null;
  major: string | null;
}

export interface StructureUnit {
  people: Counselor[];
  /** Dimension (as the page labels it) → category label → people; 未填写 included. */
  categories: Map<string, Map<string, number>>;
  women: number;
  genderKnown: number;
  ageSum: number;
  ageKnown: number;
  young: number;
  party: number;
  politicalKnown: number;
  masters: number;
  educationKnown: number;
  senior: number;
  titleKnown: number;
  /** Below 本科. */
  below: number;
}

/** semester → department | 全院 → scope → unit (only departments with a roster). */
export type StructureTruth = Map<string, Map<string, Map<Scope, StructureUnit>>>;

const DEPT = ['系部', '院系', '学院', '部门', '所在单位', '单位'];
const EMPLOYMENT = ['专兼职', '岗位类型', '类别', '类型'];
const COLUMNS = {
  gender: ['性别'],
  birth: ['出生年月', '出生日期'],
  ethnicity: ['民族'],
  political: ['政治面貌'],
  education: ['学历', '最高学历'],
  degree: ['学位', '最高学位'],
  title: ['职称', '专业技术职务'],
  since: ['任辅导员时间', '从事辅导员工作时间'],
  major: ['所学专业', '毕业专业'],
  hiring: ['聘用方式'],
} as const;

const POLITICAL: Record<string, string> = {
  中共党员: '中共党员', 中国共产党党员: '中共党员', 中共预备党员: '中共预备党员', 共青团员: '共青团员', 群众: '群众', 民盟盟员: '民主党派', 九三学社社员: '民主党派',
};
const EDUCATION: Record<string, string> = { 博士研究生: '博士研究生', 硕士研究生: '硕士研究生', 研究生: '硕士研究生', 本科: '本科', 大学本科: '本科', 大专: '专科', 专科: '专科' };
const DEGREE: Record<string, string> = { 博士: '博士', 硕士: '硕士', 学士: '学士', 无: '无学位' };
const TITLES: Record<string, string> = { 教授: '正高级', 副教授: '副高级', 高级工程师: '副高级', 讲师: '中级', '讲师(思政)': '中级', 助教: '初级', 未定级: '未定级' };
const RELATED = ['思想政治', '马克思', '政治学', '中共党史', '党的建设', '教育学', '心理学', '社会学', '哲学', '法学'];

/** 1990.05, 1990年5月, 1990-05, 1990-05-01 (an xlsx date cell) → [year, month, day]. */
function ymd(text: string): [number, number, number] | null {
  const m = /^(\d{4})[.\-年](\d{1,2})(?:月|-(\d{1,2}))?$/.exec(text);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3] ?? 1)] : null;
}

/** Whole years from a date to the reference date. */
function years(from: [number, number, number], at: [number, number, number]): number {
  const before = at[1] < from[1] || (at[1] === from[1] && at[2] < from[2]);
  return at[0] - from[0] - (before ? 1 : 0);
}

interface Rules {
  aliases: Record<string, string>;
  starts: Record<string, string>;
  autumn: string;
  spring: string;
  ageBands: number[];
  youngAge: number;
  yearBands: number[];
}

function readRules(path: string): Rules {
  const json = JSON.parse(readFileSync(path, 'utf8'));
  const st = json.profiles[json.active_profile].structure;
  return {
    aliases: json.department_aliases ?? {},
    starts: json.calendar.semester_starts ?? {},
    autumn: json.calendar.default_start.autumn,
    spring: json.calendar.default_start.spring,
    ageBands: st.age_bands.value,
    youngAge: st.young_age.value,
    yearBands: st.years_in_post_bands.value,
  };
}

function firstDay(rules: Rules, semester: string): [number, number, number] {
  const [y1, y2, term] = semester.split('-').map(Number) as [number, number, number];
  const iso = rules.starts[semester] ?? (term === 1 ? `${y1}-${rules.autumn}` : `${y2}-${rules.spring}`);
  return iso.split('-').map(Number) as [number, number, number];
}

/** Band labels as README defines them: ≤ first bound, then min–max, then ≥ last + 1. */
function band(value: number, bounds: number[], unit: '岁' | '年'): string {
  for (let i = 0; i < bounds.length; i++)
    if (value <= bounds[i]!) {
      if (i === 0) return unit === '年' && bounds[0] === 0 ? '不满1年' : `${bounds[0]}${unit}及以下`;
      return `${bounds[i - 1]! + 1}–${bounds[i]}${unit}`;
    }
  return `${bounds.at(-1)! + 1}${unit}及以上`;
}

export async function readCounselors(exportsDir = 'data/exports', rulesPath = 'data/rules.json'): Promise<{ counselors: Counselor[]; rules: Rules }> {
  const rules = readRules(rulesPath);
  const counselors: Counselor[] = [];
  for (const path of filesBelow(exportsDir).sort()) {
    const semester = relative(exportsDir, path).split(/[\\/]/)[0]!;
    for (const sheet of await readSheets(path)) {
      const rows = sheet.rows.map((r) => r.map(norm));
      const h = rows.findIndex((r) => r.includes('姓名') && r.some((c) => EMPLOYMENT.includes(c)) && r.some((c) => DEPT.includes(c)));
      if (h < 0) continue;
      const header = rows[h]!;
      const col = (names: readonly string[]) => header.findIndex((c) => names.includes(c));
      const at = Object.fromEntries(Object.entries(COLUMNS).map(([k, names]) => [k, col(names)])) as Record<keyof typeof COLUMNS, number>;
      const [name, dept, emp, id] = [col(['姓名']), col(DEPT), col(EMPLOYMENT), col(['工号', '职工号'])];
      const reference = firstDay(rules, semester);
      for (const r of rows.slice(h + 1)) {
        const get = (c: number) => (c < 0 ? '' : (r[c] ?? ''));
        if (!get(name) || !get(dept) || r.includes('合计')) continue;
        const e = get(emp);
        if (!e.startsWith('专职') && !e.startsWith('兼职')) continue; // 外聘: rejected by the ingest
        const birth = ymd(get(at.birth));
        const since = ymd(get(at.since));
        const or = (map: Record<string, string>, text: string) => (text ? (map[text] ?? `?${text}`) : null);
        counselors.push({
          semester,
          department: rules.aliases[get(dept)] ?? get(dept),
          staffId: get(id),
          name: get(name),
          fullTime: e.startsWith('专职'),
          hiring: get(at.hiring),
          gender: get(at.gender) === '女' ? '女' : get(at.gender) === '男' ? '男' : null,
          age: birth ? years(birth, reference) : null,
          ageBand: birth ? band(years(birth, reference), rules.ageBands, '岁') : null,
          ethnicity: get(at.ethnicity) || null,
          political: or(POLITICAL, get(at.political)),
          education: or(EDUCATION, get(at.education)),
          degree: or(DEGREE, get(at.degree)),
          titleLevel: or(TITLES, get(at.title)),
          yearsInPost: since ? Math.max(0, years(since, reference)) : null,
          major: get(at.major) || null,
        });
      }
    }
  }
  const unknown = counselors.flatMap((c) => [c.political, c.education, c.degree, c.titleLevel].filter((v) => v?.startsWith('?')));
  if (unknown.length) throw new Error(`oracle-structure: spellings it does not know: ${[...new Set(unknown)].join(', ')}`);
  return { counselors, rules };
}

const MISSING = '未填写';

function unitOf(people: Counselor[], rules: Rules): StructureUnit {
  const cat = (f: (c: Counselor) => string | null) => {
    const m = new Map<string, number>();
    for (const c of people) m.set(f(c) ?? MISSING, (m.get(f(c) ?? MISSING) ?? 0) + 1);
    return m;
  };
  const count = (f: (c: Counselor) => boolean) => people.filter(f).length;
  return {
    people,
    categories: new Map([
      ['性别', cat((c) => c.gender)],
      ['年龄', cat((c) => c.ageBand)],
      ['民族', cat((c) => (c.ethnicity === null ? null : c.ethnicity === '汉族' ? '汉族' : '少数民族'))],
      // The breakdown names full members apart from probationary ones; the cards' share counts both.
      ['政治面貌', cat((c) => (c.political === '中共党员' ? '中共党员（不含预备党员）' : c.political))],
      ['学历', cat((c) => c.education)],
      ['学位', cat((c) => c.degree)],
      ['职称', cat((c) => c.titleLevel)],
      ['从事辅导员工作年限', cat((c) => (c.yearsInPost === null ? null : band(c.yearsInPost, rules.yearBands, '年')))],
      ['所学专业', cat((c) => (c.major === null ? null : RELATED.some((w) => c.major!.includes(w)) ? '思政相关专业' : '其他专业'))],
    ]),
    women: count((c) => c.gender === '女'),
    genderKnown: count((c) => c.gender !== null),
    ageSum: people.reduce((s, c) => s + (c.age ?? 0), 0),
    ageKnown: count((c) => c.age !== null),
    young: count((c) => c.age !== null && c.age <= rules.youngAge),
    party: count((c) => c.political === '中共党员' || c.political === '中共预备党员'),
    politicalKnown: count((c) => c.political !== null),
    masters: count((c) => c.education === '硕士研究生' || c.education === '博士研究生'),
    educationKnown: count((c) => c.education !== null),
    senior: count((c) => c.titleLevel === '正高级' || c.titleLevel === '副高级'),
    titleKnown: count((c) => c.titleLevel !== null),
    below: count((c) => c.education === '专科' || c.education === '中专及以下'),
  };
}

export async function computeStructureTruth(exportsDir = 'data/exports', rulesPath = 'data/rules.json'): Promise<StructureTruth> {
  return structureOf(await readCounselors(exportsDir, rulesPath));
}

/** The structure figures of counselors already read (so that a caller reading them for other checks reads the files once). */
export function structureOf({ counselors, rules }: Awaited<ReturnType<typeof readCounselors>>): StructureTruth {
  const truth: StructureTruth = new Map();
  const inScope = (c: Counselor, s: Scope) => s === 'all' || c.fullTime === (s === 'full_time');
  for (const semester of [...new Set(counselors.map((c) => c.semester))]) {
    const ofSemester = counselors.filter((c) => c.semester === semester);
    const units = new Map<string, Map<Scope, StructureUnit>>();
    for (const d of [...new Set(ofSemester.map((c) => c.department)), INSTITUTION])
      units.set(d, new Map(SCOPES.map((s) => [s, unitOf(ofSemester.filter((c) => (d === INSTITUTION || c.department === d) && inScope(c, s)), rules)])));
    truth.set(semester, units);
  }
  return truth;
}

/** Whether the roster said anything about the people of a unit (the page says so when it did not). */
export const described = (u: StructureUnit) => u.people.some((c) => c.gender || c.age !== null || c.political || c.education || c.titleLevel || c.degree || c.yearsInPost !== null || c.ethnicity || c.major);

export const meanAge = (u: StructureUnit) => (u.ageKnown ? u.ageSum / u.ageKnown : null);
