/**
 * Who the counselors are (队伍结构): the vocabularies of the personal attributes real 辅导员信息表
 * carry — 性别, 政治面貌, 学历, 学位, 职称 (mapped to a level), and seed 003's graduate-assistant post
 * types — each a table of spellings tried in order, and the completed years (age, years in post)
 * counted on a reference date. Pure functions: the ingest calls them, the pages use the labels.
 *
 * An attribute that cannot be read never rejects a row (the person still counts towards 师生比):
 * it is published as blank, counted as 未填写, and the ingest warns so the clerk can correct it.
 */
import { parseDate } from './dates.ts';
import { cleanCell, compactCell, isBlankCell } from './text.ts';

type Spellings<T extends string> = ReadonlyArray<readonly [RegExp, T]>;

/** The code of the first spelling that matches (after removing spaces and full-width forms), or null. */
function classify<T extends string>(spellings: Spellings<T>, raw: string): T | null {
  const value = compactCell(raw);
  return spellings.find(([pattern]) => pattern.test(value))?.[1] ?? null;
}

export type Gender = 'female' | 'male';
export const GENDER_LABELS: Record<Gender, string> = { female: '女', male: '男' };
const GENDER_SPELLINGS: Spellings<Gender> = [
  [/^女/, 'female'],
  [/^男/, 'male'],
];

/** 政治面貌. 中共预备党员 is usually counted with members ("中共党员（含预备党员）"). */
export type Political = 'cpc_member' | 'cpc_probationary' | 'cyl_member' | 'democratic_party' | 'masses';
export const POLITICAL_LABELS: Record<Political, string> = {
  cpc_member: '中共党员',
  cpc_probationary: '中共预备党员',
  cyl_member: '共青团员',
  democratic_party: '民主党派',
  masses: '群众',
};
export const PARTY_MEMBERS: readonly Political[] = ['cpc_member', 'cpc_probationary'];
/** 预备 before 党员: "中共预备党员" holds both words. */
const POLITICAL_SPELLINGS: Spellings<Political> = [
  [/预备/, 'cpc_probationary'],
  [/中共|共产党|^党员$|^正式党员$/, 'cpc_member'],
  [/团员|共青团/, 'cyl_member'],
  [/民革|民盟|民建|民进|农工|致公|九三|台盟|民主党派/, 'democratic_party'],
  [/群众|无党派/, 'masses'],
];

/** 学历, lowest to highest (the order is the ranking). */
export const EDUCATIONS = ['secondary', 'college', 'bachelor', 'master', 'doctor'] as const;
export type Education = (typeof EDUCATIONS)[number];
export const EDUCATION_LABELS: Record<Education, string> = {
  secondary: '中专及以下',
  college: '专科',
  bachelor: '本科',
  master: '硕士研究生',
  doctor: '博士研究生',
};
/** 博士 before 研究生 ("博士研究生"); "研究生" alone is the 硕士 level, as it is commonly written. */
const EDUCATION_SPELLINGS: Spellings<Education> = [
  [/博士/, 'doctor'],
  [/硕士|研究生/, 'master'],
  [/本科|^大学$/, 'bachelor'],
  [/专科|大专|高职|高专/, 'college'],
  [/中专|中技|技校|高中|职高|初中|小学/, 'secondary'],
];
export const educationRank = (e: Education) => EDUCATIONS.indexOf(e);

export type Degree = 'doctor' | 'master' | 'bachelor' | 'none';
export const DEGREE_LABELS: Record<Degree, string> = { doctor: '博士', master: '硕士', bachelor: '学士', none: '无学位' };
const DEGREE_SPELLINGS: Spellings<Degree> = [
  [/博士/, 'doctor'],
  [/硕士/, 'master'],
  [/学士/, 'bachelor'],
  [/^(无|没有|未获得)/, 'none'],
];

/** 职称 levels (专业技术职务等级). The title itself is published as written. */
export type TitleLevel = 'full' | 'associate' | 'intermediate' | 'junior' | 'unrated';
export const TITLE_LEVEL_LABELS: Record<TitleLevel, string> = {
  full: '正高级',
  associate: '副高级',
  intermediate: '中级',
  junior: '初级',
  unrated: '未定级',
};
export const SENIOR_TITLES: readonly TitleLevel[] = ['full', 'associate'];
/**
 * Tried in order. 副… before 教授/研究员 (副教授 holds 教授); the 中级 titles that look like others
 * (助理研究员, 馆员, 编辑) before 正高 and 初级; 正高 (教授, 研究员, 编审, 主任医师…) before 高级
 * (高级讲师, 高级工程师 are 副高级); then 初级 (助教, 助理…, …员) before the remaining 中级 (讲师, …师).
 */
const TITLE_SPELLINGS: Spellings<TitleLevel> = [
  [/未定级|未评|无职称|^无$|暂无/, 'unrated'],
  [/^副|副高/, 'associate'],
  [/^助理研究员|^馆员|^编辑$|中级/, 'intermediate'],
  [/正高|教授|^研究员|编审|^主任(医|护|药|技)师/, 'full'],
  [/高级/, 'associate'],
  [/^助理|助教|初级|技术员|员$|士$|^(医|护|药|技)师$/, 'junior'],
  [/讲师|主治|主管|师$|馆员|编辑/, 'intermediate'],
];

/** 研究生德育工作助理 post types (seed 003): 党建、团工作、学术、就业、实践、文体、信息（宣传）、教育管理. */
export type GraduatePost = 'party' | 'league' | 'academic' | 'employment' | 'practice' | 'culture_sports' | 'information' | 'education_management';
export const GRADUATE_POST_LABELS: Record<GraduatePost, string> = {
  party: '党建',
  league: '团工作',
  academic: '学术',
  employment: '就业',
  practice: '实践',
  culture_sports: '文体',
  information: '信息（宣传）',
  education_management: '教育管理',
};
/**
 * Seed 003 lists 信息（宣传） as a type, and heads its academic paragraph "宣传工作" while describing
 * academic work: 学术 means the academic post, 宣传 the information post.
 */
const GRADUATE_POST_SPELLINGS: Spellings<GraduatePost> = [
  [/党建|党务|组织/, 'party'],
  [/团/, 'league'],
  [/学术|科研/, 'academic'],
  [/就业/, 'employment'],
  [/实践/, 'practice'],
  [/文体|文艺|体育|文化/, 'culture_sports'],
  [/信息|宣传|新闻|网络/, 'information'],
  [/教育管理|管理|奖助|资助/, 'education_management'],
];

export const genderOf = (raw: string) => classify(GENDER_SPELLINGS, raw);
export const politicalOf = (raw: string) => classify(POLITICAL_SPELLINGS, raw);
export const educationOf = (raw: string) => classify(EDUCATION_SPELLINGS, raw);
export const degreeOf = (raw: string) => classify(DEGREE_SPELLINGS, raw);
export const titleLevelOf = (raw: string) => classify(TITLE_SPELLINGS, raw);
export const graduatePostOf = (raw: string) => classify(GRADUATE_POST_SPELLINGS, raw);

/** What a clerk may write for each vocabulary, for warnings. */
export const VOCABULARY_HINTS = {
  gender: '请填写“男”或“女”',
  political: '请填写“中共党员”“中共预备党员”“共青团员”“群众”或民主党派名称',
  education: '请填写“专科”“本科”“硕士研究生”或“博士研究生”',
  degree: '请填写“学士”“硕士”“博士”或“无”',
  title: '请填写职称名称（如“讲师”“副教授”），尚未评定的填写“未定级”',
  graduatePost: '请填写党建、团工作、学术、就业、实践、文体、信息（宣传）或教育管理',
} as const;

/**
 * A past date as departments write it: 1990-05-12, 1990年5月, 1990.05, 199005, an Excel serial.
 * Month-only dates are the first of the month. Birth years before 1990 are allowed here (the
 * general date parser refuses them as typing slips).
 */
export function parsePastDate(raw: string): string | null {
  if (isBlankCell(raw)) return null;
  const text = compactCell(cleanCell(raw));
  const yearMonth = /^(\d{4})(\d{2})$/.exec(text);
  const date = yearMonth ? parseDate(`${yearMonth[1]}-${yearMonth[2]}`, 1900) : parseDate(text, 1900);
  return date;
}

/** Whole years from `from` to `at` (both ISO dates): an age, or years in post. Negative when `from` is later. */
export function completedYears(from: string, at: string): number {
  const [fy, fm, fd] = from.split('-').map(Number) as [number, number, number];
  const [ay, am, ad] = at.split('-').map(Number) as [number, number, number];
  return ay - fy - (am < fm || (am === fm && ad < fd) ? 1 : 0);
}

/** Whole months from `from` to `at`. */
export function completedMonths(from: string, at: string): number {
  const [fy, fm, fd] = from.split('-').map(Number) as [number, number, number];
  const [ay, am, ad] = at.split('-').map(Number) as [number, number, number];
  return (ay - fy) * 12 + (am - fm) - (ad < fd ? 1 : 0);
}

/**
 * Age bands from the profile's upper bounds, e.g. [30, 35, 40, 50] → 30岁及以下, 31–35岁, 36–40岁,
 * 41–50岁, 51岁及以上. Each band: its code (a0…), label and inclusive range.
 */
export interface Band {
  code: string;
  label: string;
  min: number | null;
  max: number | null;
}

export function bandsOf(bounds: readonly number[], unit: { first: (max: number) => string; middle: (min: number, max: number) => string; last: (min: number) => string }, prefix: string): Band[] {
  const bands: Band[] = [];
  bounds.forEach((max, i) => {
    const min = i === 0 ? null : bounds[i - 1]! + 1;
    bands.push({ code: `${prefix}${i}`, label: min === null ? unit.first(max) : min === max ? unit.middle(min, max).replace(/–\d+/, '') : unit.middle(min, max), min, max });
  });
  bands.push({ code: `${prefix}${bounds.length}`, label: unit.last(bounds[bounds.length - 1]! + 1), min: bounds[bounds.length - 1]! + 1, max: null });
  return bands;
}

export const ageBands = (bounds: readonly number[]) =>
  bandsOf(bounds, { first: (m) => `${m}岁及以下`, middle: (a, b) => `${a}–${b}岁`, last: (a) => `${a}岁及以上` }, 'a');

/** Years in post: [0, 3, 8] → 不满1年, 1–3年, 4–8年, 9年及以上 (whole years completed). */
export const yearsInPostBands = (bounds: readonly number[]) =>
  bandsOf(bounds, { first: (m) => (m === 0 ? '不满1年' : `${m}年及以下`), middle: (a, b) => `${a}–${b}年`, last: (a) => `${a}年及以上` }, 'y');

/** 聘用方式: the dictionary's values (the template's dropdown). */
export const HIRING_METHODS = ['事业编制', '备案制', '合同制', '人事代理', '劳务派遣'] as const;
/** What a public build counts a 聘用方式 outside the dictionary as. */
export const OTHER_CATEGORY = '其他';

/**
 * A 聘用方式 as the dictionary names it: a text containing 人事代理 or 劳务派遣 is that method
 * (“人事代理(某某经办)” is 人事代理, and flagged like it); otherwise one of the values as written,
 * or null when it is none of them (the internal build keeps the text and warns).
 */
export function hiringOf(raw: string): string | null {
  const value = compactCell(cleanCell(raw));
  const flagged = (['人事代理', '劳务派遣'] as const).find((m) => value.includes(m));
  return flagged ?? HIRING_METHODS.find((m) => m === value) ?? null;
}
