/**
 * 队伍结构: who the counselors on a semester's roster are — gender, age, 民族, 政治面貌, 学历, 学位,
 * 职称 level, years in post, 所学专业 — as counts per category, per department or for the
 * institution, full-time by default. The single definition the page, the department pages, the
 * overview card and the report all run (DuckDB at build time, DuckDB-WASM in the browser).
 *
 * Every share is of all counselors in scope: a blank (or unreadable) attribute is its own
 * category, 未填写, so the categories of a dimension always add up to the whole. The mean age is
 * over those with an age.
 */
import {
  DEGREE_LABELS,
  EDUCATIONS,
  EDUCATION_LABELS,
  GENDER_LABELS,
  PARTY_MEMBERS,
  POLITICAL_LABELS,
  SENIOR_TITLES,
  TITLE_LEVEL_LABELS,
  ageBands,
  educationRank,
  yearsInPostBands,
  type Band,
  type Education,
} from '../domain/people.ts';
import { unreadableExcludedSql } from './coverage.ts';
import { filterSql } from './filters.ts';
import { sqlNumber, sqlString } from './sql.ts';
import { INSTITUTION } from './staffing.ts';

export interface StructureParams {
  ageBands: readonly number[];
  youngAge: number;
  yearsInPostBands: readonly number[];
  minEducation: Education;
  relatedMajors: readonly string[];
}

/** Whose structure: full-time counselors (the usual report), part-time ones, or all. */
export type EmploymentScope = 'full_time' | 'part_time' | 'all';
export const EMPLOYMENT_SCOPES: Record<EmploymentScope, string> = { full_time: '专职辅导员', part_time: '兼职辅导员', all: '全部辅导员' };

export interface StructureFilters {
  semester: string;
  department?: string | null;
  employment?: EmploymentScope | null;
}

export const UNKNOWN = 'unknown';
export const UNKNOWN_LABEL = '未填写';

export interface Category {
  code: string;
  label: string;
}

export interface Dimension {
  id: string;
  label: string;
  /** In reading order; 未填写 last. */
  categories: Category[];
  /** The category of a counselors row, as SQL. */
  sql: string;
}

const list = (codes: readonly string[]) => codes.map(sqlString).join(', ');
const labelled = (labels: Record<string, string>, order: readonly string[]): Category[] => [
  ...order.map((code) => ({ code, label: labels[code]! })),
  { code: UNKNOWN, label: UNKNOWN_LABEL },
];

function bandSql(column: string, bands: readonly Band[]): string {
  const whens = bands.filter((b) => b.max !== null).map((b) => `WHEN ${column} <= ${sqlNumber(b.max!)} THEN ${sqlString(b.code)}`);
  return `CASE WHEN ${column} IS NULL THEN '${UNKNOWN}' ${whens.join(' ')} ELSE ${sqlString(bands.at(-1)!.code)} END`;
}

const bandCategories = (bands: readonly Band[]): Category[] => [...bands.map((b) => ({ code: b.code, label: b.label })), { code: UNKNOWN, label: UNKNOWN_LABEL }];

/** 所学专业 counted as 思政相关 when it contains one of the profile's words. */
const relatedSql = (p: StructureParams) =>
  p.relatedMajors.length ? p.relatedMajors.map((w) => `contains(major, ${sqlString(w)})`).join(' OR ') : 'FALSE';

export function dimensions(p: StructureParams): Dimension[] {
  const ages = ageBands(p.ageBands);
  const years = yearsInPostBands(p.yearsInPostBands);
  return [
    { id: 'gender', label: '性别', categories: labelled(GENDER_LABELS, ['female', 'male']), sql: `COALESCE(gender, '${UNKNOWN}')` },
    { id: 'age', label: '年龄', categories: bandCategories(ages), sql: bandSql('age', ages) },
    {
      id: 'ethnicity',
      label: '民族',
      categories: labelled({ han: '汉族', minority: '少数民族' }, ['han', 'minority']),
      sql: `CASE WHEN ethnicity IS NULL THEN '${UNKNOWN}' WHEN ethnicity IN ('汉族', '汉') THEN 'han' ELSE 'minority' END`,
    },
    {
      id: 'political',
      label: '政治面貌',
      // 中共党员 alone here is not the cards' 中共党员（含预备党员）: named so that the two never read as one figure.
      categories: labelled({ ...POLITICAL_LABELS, cpc_member: '中共党员（不含预备党员）' }, ['cpc_member', 'cpc_probationary', 'cyl_member', 'democratic_party', 'masses']),
      sql: `COALESCE(political_status, '${UNKNOWN}')`,
    },
    { id: 'education', label: '学历', categories: labelled(EDUCATION_LABELS, [...EDUCATIONS].reverse()), sql: `COALESCE(education, '${UNKNOWN}')` },
    { id: 'degree', label: '学位', categories: labelled(DEGREE_LABELS, ['doctor', 'master', 'bachelor', 'none']), sql: `COALESCE(degree, '${UNKNOWN}')` },
    { id: 'title', label: '职称', categories: labelled(TITLE_LEVEL_LABELS, ['full', 'associate', 'intermediate', 'junior', 'unrated']), sql: `COALESCE(title_level, '${UNKNOWN}')` },
    { id: 'years', label: '从事辅导员工作年限', categories: bandCategories(years), sql: bandSql('years_in_post', years) },
    {
      id: 'major',
      label: '所学专业',
      categories: labelled({ related: '思政相关专业', other: '其他专业' }, ['related', 'other']),
      sql: `CASE WHEN major IS NULL THEN '${UNKNOWN}' WHEN ${relatedSql(p)} THEN 'related' ELSE 'other' END`,
    },
  ];
}

/** The roster rows in scope: semester, department, and full-time / part-time / all. */
function scopeSql(f: StructureFilters): string {
  const employment = f.employment && f.employment !== 'all' ? ` AND employment = ${sqlString(f.employment)}` : '';
  return `${filterSql({ semester: f.semester, department: f.department ?? null })}${employment}`;
}

const unitSql = (by: 'department' | 'institution') => (by === 'department' ? 'department' : sqlString(INSTITUTION));

export interface BreakdownRow {
  department: string;
  dimension: string;
  category: string;
  people: number;
}

/** People per dimension and category, per department or for the institution. */
export function breakdownSql(p: StructureParams, f: StructureFilters, by: 'department' | 'institution'): string {
  const parts = dimensions(p).map(
    (d) => `SELECT ${unitSql(by)} AS department, ${sqlString(d.id)} AS dimension, ${d.sql} AS category, COUNT(*)::INTEGER AS people
FROM counselors WHERE ${scopeSql(f)} GROUP BY ALL`,
  );
  return `SELECT * FROM (${parts.join('\nUNION ALL\n')}) ORDER BY department, dimension, category`;
}

export interface StructureSummaryRow {
  department: string;
  /** Counselors in scope. */
  people: number;
  /** With at least one structure attribute filled in: 0 means the roster did not carry them. */
  described: number;
  women: number;
  gender_known: number;
  mean_age: number | null;
  age_known: number;
  /** Aged young_age or less ("35岁以下" includes 35). */
  young: number;
  /** 中共党员 and 中共预备党员. */
  party: number;
  political_known: number;
  /** 硕士研究生 and 博士研究生. */
  masters: number;
  education_known: number;
  below_min_education: number;
  /** 正高级 and 副高级. */
  senior: number;
  title_known: number;
  /** In post less than a year (years_in_post = 0). */
  new_in_post: number;
  years_known: number;
  /** 全院: departments whose roster could not be read, not counted (NULL: none). */
  excluded: string | null;
}

/** The figures a report opens with, per department or for the institution. No row when nobody is in scope. */
export function structureSummarySql(p: StructureParams, f: StructureFilters, by: 'department' | 'institution'): string {
  const below = EDUCATIONS.filter((e) => educationRank(e) < educationRank(p.minEducation));
  return `SELECT ${unitSql(by)} AS department, COUNT(*)::INTEGER AS people,
  COUNT(*) FILTER (WHERE gender IS NOT NULL OR age IS NOT NULL OR political_status IS NOT NULL OR education IS NOT NULL
    OR degree IS NOT NULL OR title_level IS NOT NULL OR years_in_post IS NOT NULL OR ethnicity IS NOT NULL OR major IS NOT NULL)::INTEGER AS described,
  COUNT(*) FILTER (WHERE gender = 'female')::INTEGER AS women,
  COUNT(gender)::INTEGER AS gender_known,
  AVG(age)::DOUBLE AS mean_age,
  COUNT(age)::INTEGER AS age_known,
  COUNT(*) FILTER (WHERE age <= ${sqlNumber(p.youngAge)})::INTEGER AS young,
  COUNT(*) FILTER (WHERE political_status IN (${list(PARTY_MEMBERS)}))::INTEGER AS party,
  COUNT(political_status)::INTEGER AS political_known,
  COUNT(*) FILTER (WHERE education IN ('master', 'doctor'))::INTEGER AS masters,
  COUNT(education)::INTEGER AS education_known,
  COUNT(*) FILTER (WHERE education IN (${below.length ? list(below) : 'NULL'}))::INTEGER AS below_min_education,
  COUNT(*) FILTER (WHERE title_level IN (${list(SENIOR_TITLES)}))::INTEGER AS senior,
  COUNT(title_level)::INTEGER AS title_known,
  COUNT(*) FILTER (WHERE years_in_post < 1)::INTEGER AS new_in_post,
  COUNT(years_in_post)::INTEGER AS years_known,
  ${by === 'institution' ? unreadableExcludedSql(['counselors'], f.semester) : 'NULL'}::VARCHAR AS excluded
FROM counselors WHERE ${scopeSql(f)} GROUP BY ALL HAVING COUNT(*) > 0 ORDER BY department`;
}

export interface AgePyramidRow {
  band: string;
  gender: string;
  people: number;
}

/** People per age band and gender (both including 未填写), for the age pyramid. */
export function agePyramidSql(p: StructureParams, f: StructureFilters): string {
  const age = dimensions(p).find((d) => d.id === 'age')!;
  return `SELECT ${age.sql} AS band, COALESCE(gender, '${UNKNOWN}') AS gender, COUNT(*)::INTEGER AS people
FROM counselors WHERE ${scopeSql(f)} GROUP BY ALL ORDER BY band, gender`;
}

export interface PersonFlagRow {
  department: string;
  name: string;
  staff_id: string;
  employment: string;
  education: string | null;
  political_status: string | null;
  hiring: string | null;
  /** Below the profile's minimum 学历 (a rule not met). */
  below_education: boolean;
  /** Known and not 中共党员/预备党员 (seed 004: 原则上 — for information). */
  not_party: boolean;
  /** Hired through a method the profile does not allow. */
  disallowed_hiring: boolean;
}

/**
 * Counselors in scope who do not meet a rule of the profile: below the minimum 学历, not a party
 * member (only when the profile expects membership), hired by a disallowed method. One row per person.
 */
export function peopleFlagsSql(p: StructureParams & { partyExpected: boolean; disallowedHiring: readonly string[] }, f: StructureFilters): string {
  const below = EDUCATIONS.filter((e) => educationRank(e) < educationRank(p.minEducation));
  const disallowed = p.disallowedHiring.length ? p.disallowedHiring.map(sqlString).join(', ') : 'NULL';
  return `SELECT * FROM (
  SELECT department, name, staff_id, employment, education, political_status, hiring,
    COALESCE(education IN (${below.length ? list(below) : 'NULL'}), FALSE) AS below_education,
    ${p.partyExpected ? `COALESCE(political_status NOT IN (${list(PARTY_MEMBERS)}), FALSE)` : 'FALSE'} AS not_party,
    COALESCE(hiring IN (${disallowed}), FALSE) AS disallowed_hiring
  FROM counselors WHERE ${scopeSql(f)}
) WHERE below_education OR not_party OR disallowed_hiring
ORDER BY below_education DESC, disallowed_hiring DESC, department, name`;
}

export interface CompletenessRow {
  department: string;
  people: number;
  gender: number;
  age: number;
  political: number;
  education: number;
  degree: number;
  title: number;
  years: number;
}

/** Per department: counselors in scope, and how many of them lack each attribute (未填写 or unreadable). */
export function completenessSql(f: StructureFilters): string {
  return `SELECT department, COUNT(*)::INTEGER AS people,
  COUNT(*) FILTER (WHERE gender IS NULL)::INTEGER AS gender,
  COUNT(*) FILTER (WHERE age IS NULL)::INTEGER AS age,
  COUNT(*) FILTER (WHERE political_status IS NULL)::INTEGER AS political,
  COUNT(*) FILTER (WHERE education IS NULL)::INTEGER AS education,
  COUNT(*) FILTER (WHERE degree IS NULL)::INTEGER AS degree,
  COUNT(*) FILTER (WHERE title_level IS NULL)::INTEGER AS title,
  COUNT(*) FILTER (WHERE years_in_post IS NULL)::INTEGER AS years
FROM counselors WHERE ${scopeSql(f)} GROUP BY ALL ORDER BY department`;
}
