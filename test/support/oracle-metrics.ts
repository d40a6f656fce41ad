/**
 * The independent truth for the workload, assessment, quota, training and assistant pages: read
 * straight from the demo exports and data/rules.json with plain code, sharing nothing with the
 * product (no import from src/, and written without looking at the metric SQL). The definitions
 * are README.md's "How the numbers are defined"; where they left a choice, the reading taken is
 * said in a comment marked READING.
 *
 * Fitted to how the demo exports are laid out (scripts/generate-demo.ts): the semester is the top
 * folder and the department the second; the header is the first row with a 姓名 (or, for class
 * lists, 班级) cell; data rows are those under it with a name and a department (the folder's, in
 * a table without a department column); title rows, 合计 rows, footers and blank rows have no
 * department cell and fall out. A row with an unreadable value (a count written "五", a
 * training level "市级") is left out, as the ingest rejects it. The department aliases are those
 * of data/rules.json and of the exports folder's own rules.json (the demo's abbreviations).
 * Seed 000's printed forms are read as the seed lays them out: the 考核情况汇总表 (姓名 … 聘用岗位(班级)
 * … 考核结果) is both the assistants' assessment and a roster; a 考核量化表 sheet is one assessment
 * (考核对象 line, the 14 items by name with their score under 考核成绩, the 等次 row).
 *
 * Shares are kept as counts ({ met, periods }), never as rounded percentages.
 *
 * READINGS taken where the definitions leave a choice (each also at its place below):
 * - A work-log row belongs to the semester of its top folder, even when its date lies outside it
 *   (the one week dated a year early): counted everywhere, left out of the heat map only.
 * - The heat map is the all-weekly-norms share, kept per role as well (the page's role filter).
 * - A week above a norm's maximum (graduate assistants over 20 hours) misses the norm but adds
 *   nothing to the shortfall, which is Σ max(0, min − value) as defined.
 * - Item scores count only when all 14 are filled in; a 总分 is always out of 100.
 * - 院级 and 系级 training counts as school-level; 市级 is an unknown level (row left out).
 * - National/provincial: dated in year−2 … year; a course dated after the training year does not count.
 * - Assistants: a department × semester appears only when a roster or class list is in force; the
 *   year of study uses the semester's academic year (2025-2026-2 → 2025); a blank failed-course
 *   count is "not reported" and not counted among those with none.
 * - Quota for 全院: n, allowed and used are sums over the units; `over` means some unit is over.
 * - 全院 is also given for the heat map, assessments, training and assistants (sums; means over
 *   all the rows or people), since the pages show an "all departments" view.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { filesBelow, norm, readSheets } from './oracle.ts';
import { readCounselors, structureOf, type Counselor, type StructureTruth } from './oracle-structure.ts';

// ───────────────────────────── types ─────────────────────────────

export type Role = 'counselor' | 'class_teacher' | 'assistant' | 'graduate_assistant';
export type Grade = 'excellent' | 'good' | 'pass' | 'fail';
export type Field =
  | 'talks'
  | 'class_checks'
  | 'dorm_hygiene_checks'
  | 'dorm_visits'
  | 'lectures_attended'
  | 'teacher_contacts'
  | 'class_meetings'
  | 'parent_contacts'
  | 'hours';
export type Dimension = '德' | '能' | '勤' | '绩';

/** The key under which institution-wide figures sit, next to the departments. */
export const INSTITUTION = '全院';

/**
 * Policy values written here once more, from the policy texts rather than data/rules.json, so that
 * a wrong value in the rules file cannot pass both the product and its check
 * (test/unit/policy-values.test.ts pins the rules file to the same texts).
 */
export const POLICY = {
  /** seeds/002：学生助管“迟到三次以上……综合评价不合格”. */
  lateMax: 3,
  lateRoles: ['assistant'] as Role[],
  /** 教育部令第43号：新入职辅导员岗前培训不少于40学时. */
  inductionHours: 40,
  /** seeds/004：“原则上不得用劳务派遣、人事代理等方式聘用辅导员”. */
  disallowedHiring: ['劳务派遣', '人事代理'],
  /** seeds/004：“连续两年年度考核不合格的，可以解除聘用合同”. */
  consecutiveFailYears: 2,
  /** seeds/004：“十佳辅导员”. */
  topCounselors: 10,
  /** seeds/003：研究生德育工作助理“在岗时间至少为一年”. */
  graduateMinMonths: 12,
  /** seeds/003“岗位职责”: the post types, as the page writes them. */
  graduatePosts: ['党建', '团工作', '学术', '就业', '实践', '文体', '信息（宣传）', '教育管理'],
};

/** A share as counts: `met` periods out of `periods`. */
export interface Ratio {
  met: number;
  periods: number;
}

export interface Norm {
  role: Role;
  field: Field;
  min: number;
  max?: number;
  per: 'week' | 'month';
  label: string;
}

export interface WorkloadUnit {
  /** Rows of the role (one row = one person-week), duplicates and out-of-semester weeks included. */
  personWeeks: number;
  /** Per norm of the role, keyed by its field (a role has one norm per field): weekly norms over person-weeks, monthly ones over person-months. */
  norms: Map<Field, Ratio>;
  /** Person-weeks meeting every weekly norm of the role. */
  allWeekly: Ratio;
}

export interface PersonShortfall {
  department: string;
  role: Role;
  staffId: string | null;
  name: string;
  /** Rows (person-weeks) of this person. */
  weeks: number;
  /** Weeks missing at least one weekly norm. */
  weeksMissing: number;
  /** Σ over weeks and weekly norms of max(0, min − value). */
  shortfall: number;
  /** Σ of each field over the person's rows (a blank is 0): a weekly norm's 周平均 is sums[field] ÷ weeks. */
  sums: Partial<Record<Field, number>>;
}

export interface Mismatch {
  semester: string;
  department: string;
  role: Role;
  personId: string | null;
  name: string;
  score: number;
  scoreMax: number;
  derived: Grade;
  recorded: Grade;
  file: string;
  /** 1-based line (CSV) or row (xlsx) in the file. */
  row: number;
}

/** One assessed row, as graded. */
export interface Assessed {
  semester: string;
  department: string;
  role: Role;
  personId: string | null;
  name: string;
  /** The 总分 when given, else the sum of the 14 items; null when only a grade was recorded. */
  score: number | null;
  /** 100 for a 总分, 90 for an item sum. */
  scoreMax: number | null;
  /** score ÷ scoreMax × 100, unrounded. */
  percent: number | null;
  /** The recorded (filed) grade when there is one, else derived from the score. */
  grade: Grade;
  recorded: Grade | null;
  /** Points per dimension when all 14 items are given. */
  items: Record<Dimension, number> | null;
  /** 迟到次数 where the table has the column and the cell is filled in. */
  lateCount: number | null;
  file: string;
  row: number;
}

export interface AssessmentUnit {
  count: number;
  /** By the final grade: the recorded one when filed, else derived from the score. */
  grades: Record<Grade, number>;
  /** Rows with all 14 item scores: the rows the dimension means are over. */
  withItems: number;
  /** Mean percent of each dimension's maximum over rows with items; null when there are none. */
  dimensions: Record<Dimension, number> | null;
  mismatches: Mismatch[];
}

export interface QuotaCell {
  /** 参评: rows assessed. */
  n: number;
  /** ⌊n × quota⌋ in whole numbers; for 全院 the sum of the units' allowed counts. */
  allowed: number;
  /** Rows whose final grade is excellent. */
  used: number;
  /** used > allowed; for 全院: some unit is over. */
  over: boolean;
  /** Units (department × role) over quota: 0 or 1 for a department, the count for 全院. */
  unitsOver: number;
}

export interface TrainingPerson {
  department: string;
  staffId: string;
  name: string;
  /** Sum of school-level hours dated in the training year. */
  schoolHours: number;
  metHours: boolean;
  /** A national or provincial course dated in the training year or the two years before. */
  hasWider: boolean;
  /** How many national or provincial courses fall in that window. */
  widerCourses: number;
}

export interface TrainingUnit {
  /** Full-time counselors on the semester's roster. */
  counselors: number;
  /** Σ school hours ÷ counselors (unrounded); 0 when there are none. */
  meanSchoolHours: number;
  totalSchoolHours: number;
  meetingHours: number;
  withoutWider: number;
  people: TrainingPerson[];
}

export interface AssistantPerson {
  department: string;
  studentId: string | null;
  name: string;
  className: string;
  /** Academic year's first year − 年级 + 1; null when 年级 is blank or unreadable. */
  studyYear: number | null;
  political: string;
  failedCourses: number | null;
  classListed: boolean;
}

export interface AssistantUnit {
  /** The semester whose roster / class list is in force (itself or an earlier one of its academic year). */
  rosterFrom: string | null;
  classesFrom: string | null;
  classes: number;
  /** Classes named by at least one assistant in force. */
  covered: number;
  /** Classes named by two or more, sorted. */
  multiple: string[];
  /** Classes on the list in force that no assistant in force names, sorted (全院: every department's). */
  uncovered: string[];
  assistants: number;
  /** Assistants whose class is not on the class list. */
  unmatched: AssistantPerson[];
  /** Study year 2 or 3. */
  yearEligible: number;
  /** 中共党员 or 中共预备党员. */
  politicalEligible: number;
  /** Failed courses reported as 0. */
  noFailed: number;
  /** Failed courses left blank (flagged as not reported; not counted as eligible). */
  failedNotReported: number;
  people: AssistantPerson[];
}

export interface AssessmentCoverage {
  /** Counselors (full- and part-time) on the semester's roster. */
  roster: number;
  /** Of them, those with a counselor assessment row (same staff ID, or same name in the department). */
  assessed: number;
  missing: Array<{ staffId: string; name: string }>;
}

/** A new full-time counselor (less than a year in post on the semester's first day) and their 岗前培训 hours. */
export interface InductionPerson {
  department: string;
  staffId: string;
  name: string;
  /** Σ hours of training rows named with an induction word (any level), dated up to the training year. */
  hours: number;
  meets: boolean;
}

/** A counselor hired in a way the policy does not allow. */
export interface FlaggedHire {
  department: string;
  staffId: string;
  name: string;
  fullTime: boolean;
  hiring: string;
}

/** An assessed person late more than the allowed times (seed 002). */
export interface LatePerson {
  department: string;
  role: Role;
  personId: string | null;
  name: string;
  lateCount: number;
  grade: Grade;
  recorded: Grade | null;
  /** Rated 不合格 and not recorded better: the rule was applied. */
  applied: boolean;
}

export interface ConsecutiveFail {
  department: string;
  personId: string | null;
  name: string;
  /** Semesters rated 不合格 in the run of years, oldest first. */
  failedSemesters: string[];
}

export interface TopCounselor {
  rank: number;
  department: string;
  personId: string | null;
  name: string;
  /** Mean of score ÷ maximum × 100 over the year's scored assessments. */
  meanPercent: number;
  assessments: number;
  excellent: number;
}

export interface GraduateAssistant {
  department: string;
  studentId: string | null;
  name: string;
  /** One of POLICY.graduatePosts, or null when the roster's type is none of them. */
  post: string | null;
  postText: string;
  /** Whole months from 上岗时间 to 离岗时间, or to the semester's first day while in post. */
  monthsInPost: number | null;
  left: boolean;
  political: string;
}

/** semester → department (or 全院) → … */
export type BySemDept<T> = Map<string, Map<string, T>>;

export interface MetricsTruth {
  norms: Norm[];
  /** semester → Monday of teaching week 1 (ISO). */
  weekOne: Map<string, string>;
  /** semester → department | 全院 → role → unit. */
  workload: BySemDept<Map<Role, WorkloadUnit>>;
  /** semester → department | 全院 → role → teaching week (1…semester_weeks) → all-weekly-norms share. */
  heatmap: BySemDept<Map<Role, Map<number, Ratio>>>;
  /** semester → department → role → people, largest shortfall first (then most weeks missing, then id/name). */
  shortfalls: BySemDept<Map<Role, PersonShortfall[]>>;
  /** semester → department | 全院 → role → unit. */
  assessment: BySemDept<Map<Role, AssessmentUnit>>;
  /** Every mismatch, in file order. */
  mismatches: Mismatch[];
  /** Every assessed row, in file order. */
  assessed: Assessed[];
  /** semester → department | 全院 → role → quota. */
  quota: BySemDept<Map<Role, QuotaCell>>;
  /** semester → calendar year of the training counted for it. */
  trainingYear: Map<string, number>;
  /** semester → department | 全院 → unit (departments with full-time counselors on the roster). */
  training: BySemDept<TrainingUnit>;
  /** semester → department | 全院 → unit (semesters and departments with a roster or class list in force). */
  assistants: BySemDept<AssistantUnit>;
  /** semester → department | 全院 → roster counselors with an assessment row (semesters with assessments only). */
  assessmentCoverage: BySemDept<AssessmentCoverage>;
  /** semester → new full-time counselors with their 岗前培训 hours. */
  induction: Map<string, InductionPerson[]>;
  /** semester → counselors hired through 劳务派遣 or 人事代理. */
  flaggedHiring: Map<string, FlaggedHire[]>;
  /** semester → assistants late more than POLICY.lateMax times. */
  lateness: Map<string, LatePerson[]>;
  /** semester → counselors rated 不合格 in each of the POLICY.consecutiveFailYears academic years up to it. */
  consecutiveFail: Map<string, ConsecutiveFail[]>;
  /** semester → the academic year's (up to the semester) best counselors, institution-wide, ties at the cut included. */
  topCounselors: Map<string, TopCounselor[]>;
  /** semester → graduate moral-education assistants on its roster. */
  graduates: Map<string, GraduateAssistant[]>;
  /** profiles.<active>.workload.target_share, when the rules file has one. */
  workloadTargetShare: number | null;
  /** 队伍结构, from the rosters (oracle-structure.ts). */
  structure: StructureTruth;
  /** profiles.<active>.structure: the overview card's headline and its target. */
  structureHeadline: { figure: 'party' | 'masters' | 'senior'; target: number | null };
}

// ───────────────────────────── small helpers ─────────────────────────────

const DAY = 86_400_000;
const ms = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
const iso = (t: number) => new Date(t).toISOString().slice(0, 10);
const addDays = (d: string, n: number) => iso(ms(d) + n * DAY);
const mondayOf = (d: string) => addDays(d, -((new Date(ms(d)).getUTCDay() + 6) % 7));
const pad2 = (n: number | string) => String(n).padStart(2, '0');

/** Dates as the demo writes them: 2025-09-01, 2025/9/1, 2025.9.1, 2025年9月1日, or an Excel serial number. */
function parseDate(text: string): string | null {
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(text);
  if (m) {
    const d = `${m[1]}-${pad2(m[2]!)}-${pad2(m[3]!)}`;
    return iso(ms(d)) === d ? d : null;
  }
  // A date cell read as its serial number (days since 1899-12-30).
  if (/^\d{5}$/.test(text)) return iso(Date.UTC(1899, 11, 30) + Number(text) * DAY);
  return null;
}

const isCount = (t: string) => /^\d+$/.test(t);
const isNumber = (t: string) => /^\d+(\.\d+)?$/.test(t);

function getOr<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let v = map.get(key);
  if (v === undefined) map.set(key, (v = make()));
  return v;
}
const nested = <T>(m: BySemDept<T>, semester: string, dept: string, make: () => T): T =>
  getOr(getOr(m, semester, () => new Map()), dept, make);

// ───────────────────────────── rules ─────────────────────────────

interface Rules {
  aliases: Record<string, string>;
  norms: Norm[];
  semesterStarts: Record<string, string>;
  autumn: string;
  spring: string;
  weeks: number;
  bands: Array<{ grade: Grade; min: number }>;
  itemsMax: number;
  totalMax: number;
  quota: number;
  schoolHours: number;
  widerYears: number;
  /** A school setting (not a policy value): the words that make a training row 岗前培训. */
  inductionKeywords: string[];
  targetShare: number | null;
  structureHeadline: { figure: 'party' | 'masters' | 'senior'; target: number | null };
}

function readRules(path: string, exportsDir: string): Rules {
  const json = JSON.parse(readFileSync(path, 'utf8'));
  const local = existsSync(join(exportsDir, 'rules.json')) ? JSON.parse(readFileSync(join(exportsDir, 'rules.json'), 'utf8')) : {};
  const p = json.profiles[json.active_profile];
  return {
    aliases: { ...(json.department_aliases ?? {}), ...(local.department_aliases ?? {}) },
    norms: p.workload.norms.map((n: { role: Role; field: Field; min: number; max?: number; per?: string; label: string }) => ({
      role: n.role,
      field: n.field,
      min: n.min,
      ...(n.max !== undefined ? { max: n.max } : {}),
      per: n.per === 'month' ? 'month' : 'week',
      label: n.label,
    })),
    semesterStarts: json.calendar.semester_starts ?? {},
    autumn: json.calendar.default_start.autumn,
    spring: json.calendar.default_start.spring,
    weeks: json.calendar.semester_weeks,
    bands: [...p.assessment.bands.value].sort((a, b) => b.min - a.min),
    itemsMax: p.assessment.items_max.value,
    totalMax: p.assessment.total_max.value,
    quota: p.assessment.excellence_quota.value,
    schoolHours: p.training.school_hours_per_year.value,
    widerYears: p.training.national_or_provincial_every_years.value,
    inductionKeywords: p.training.induction_keywords?.value ?? [],
    targetShare: p.workload.target_share?.value ?? null,
    structureHeadline: (() => {
      const figure = p.structure?.headline?.value ?? 'party';
      const target = { party: 'party_share_target', masters: 'masters_share_target', senior: 'senior_share_target' }[figure as 'party'];
      return { figure, target: p.structure?.[target]?.value ?? null };
    })(),
  };
}

/** First day of the semester from the calendar: the override, else 09-01 of the first year (-1) or 02-24 of the second (-2). */
function semesterStart(rules: Rules, semester: string): string {
  if (rules.semesterStarts[semester]) return rules.semesterStarts[semester]!;
  const [y1, y2, term] = semester.split('-').map(Number) as [number, number, number];
  return term === 1 ? `${y1}-${rules.autumn}` : `${y2}-${rules.spring}`;
}

// ───────────────────────────── reading the tables ─────────────────────────────

type Kind = 'worklog' | 'training' | 'assessment' | 'assistants' | 'classes' | 'roster' | 'graduates';

interface Row {
  /** 1-based row in its file/sheet. */
  line: number;
  get(col: number): string;
}

interface Table {
  kind: Kind;
  file: string;
  /** The workbook's sheet ('' for a CSV). */
  sheet: string;
  semester: string;
  titles: string;
  header: string[];
  /** Index of the first header matching, or -1. */
  col(...names: Array<string | RegExp>): number;
  rows: Row[];
}

const DEPT_HEADERS = ['系部', '院系', '学院', '部门', '所在单位', '单位', '系别', '所在系部', '所在院系', '二级学院', '所在系'];
const EMPLOYMENT_HEADERS = ['专兼职', '岗位类型', '类别', '类型'];
const TOTAL_HEADERS = ['总分', '考核得分', '综合得分', '考核成绩', '得分'];
const GRADE_HEADERS = ['考核结果', '考核等次', '等次'];
const DATE_HEADERS = ['日期', '记录日期', '工作日期'];

/** Work-log count columns by the header's text before its unit in brackets. */
const FIELD_HEADERS: Record<string, Field> = {
  谈心谈话: 'talks',
  查课: 'class_checks',
  宿舍卫生检查: 'dorm_hygiene_checks',
  深入宿舍: 'dorm_visits',
  听课: 'lectures_attended',
  联系任课教师: 'teacher_contacts',
  主题班会: 'class_meetings',
  联系家长: 'parent_contacts',
  工作时长: 'hours',
};
const fieldOf = (header: string): Field | undefined => FIELD_HEADERS[header.replace(/\(.*\)$/, '')];

/** The 考核量化表's 14 items by dimension, with their maxima (seed 000). */
const ITEMS: Record<Dimension, Array<[string, number]>> = {
  德: [['思想素质', 5], ['工作态度', 5], ['工作作风', 5]],
  能: [['组织能力', 10], ['分析能力', 5], ['创新能力', 5], ['工作效率', 10]],
  勤: [['到岗', 10], ['到位', 5], ['到会', 5]],
  绩: [['工作完成情况', 10], ['日常管理效果', 5], ['活动开展效果', 5], ['突发事件处理', 5]],
};
const DIMENSIONS = Object.keys(ITEMS) as Dimension[];
const DIMENSION_MAX = Object.fromEntries(DIMENSIONS.map((d) => [d, ITEMS[d].reduce((a, [, m]) => a + m, 0)])) as Record<Dimension, number>;

const GRADE_LABELS: Record<string, Grade> = { 优秀: 'excellent', 良好: 'good', 合格: 'pass', 不合格: 'fail' };

function kindsOf(header: string[]): Kind[] {
  const has = (...names: string[]) => names.some((n) => header.includes(n));
  // Seed 000's 考核情况汇总表: the roster of assistants and their assessment in one table.
  if (has('聘用岗位(班级)') && has(...TOTAL_HEADERS, ...GRADE_HEADERS)) return ['assistants', 'assessment'];
  const kind = kindOf(header);
  return kind ? [kind] : [];
}

function kindOf(header: string[]): Kind | null {
  const has = (...names: string[]) => names.some((n) => header.includes(n));
  if (has('聘用岗位(班级)')) return 'assistants';
  if (has('班级') && !has('姓名')) return 'classes';
  if (has('级别', '培训级别')) return 'training';
  if ((has('周次') || has(...DATE_HEADERS)) && header.some((h) => fieldOf(h))) return 'worklog';
  if (has(...TOTAL_HEADERS, ...GRADE_HEADERS) || has(...ITEMS.德.map(([n]) => n))) return 'assessment';
  // Seed 003's 研究生德育工作助理名册: 岗位类型 is a post there, not 专职/兼职.
  if (has('上岗时间')) return 'graduates';
  if (has('姓名') && has(...EMPLOYMENT_HEADERS)) return 'roster';
  return null; // enrollment tables: the staffing oracle's business
}

/**
 * Data rows per file and sheet as this oracle reads them (a 考核量化表 sheet is one row; a table
 * read as two kinds counts its rows once) — for the 数据质量 page's per-file counts.
 */
export async function rowsPerFile(exportsDir = 'data/exports', rulesPath = 'data/rules.json'): Promise<Map<string, SheetRows>> {
  return (await readTables(exportsDir, readRules(rulesPath, exportsDir).aliases)).perSheet;
}

/** A sheet's data rows as this oracle reads them, and the departments its rows name (or its folder's). */
export interface SheetRows {
  rows: number;
  departments: Set<string>;
}

async function readTables(exportsDir: string, aliases: Record<string, string>): Promise<{ tables: Table[]; forms: AssessmentRow[]; perSheet: Map<string, SheetRows> }> {
  const tables: Table[] = [];
  const forms: AssessmentRow[] = [];
  const perSheet = new Map<string, SheetRows>();
  for (const path of filesBelow(exportsDir).sort()) {
    const file = relative(exportsDir, path).split(/[\\/]/).join('/');
    const [semester, folder] = file.split('/') as [string, string];
    for (const sheet of await readSheets(path)) {
      const rows = sheet.rows.map((r) => r.map(norm));
      const form = quantifiedForm(rows, file, semester, folder);
      if (form) {
        forms.push(form);
        perSheet.set(`${file}|${sheet.sheet}`, { rows: 1, departments: new Set([aliases[form.department] ?? form.department]) });
        continue;
      }
      const h = rows.findIndex((r) => r.includes('姓名') || r.includes('班级'));
      if (h < 0) continue;
      const header = rows[h]!;
      for (const kind of kindsOf(header)) {
        const col = (...names: Array<string | RegExp>) =>
          header.findIndex((c) => names.some((n) => (typeof n === 'string' ? c === n : n.test(c))));
        // READING: a table without a department column is the department of the folder it was sent in.
        const dept = col(...DEPT_HEADERS);
        const name = kind === 'classes' ? col('班级') : col('姓名');
        const data: Row[] = [];
        rows.forEach((r, i) => {
          if (i <= h) return;
          const cell = (c: number) => (c < 0 ? '' : (r[c] ?? ''));
          const own = dept >= 0 ? cell(dept) : folder;
          // Titles, footers, blank and 合计 rows have no department or no name; a repeated header has 姓名 as its name.
          if (!own || !cell(name) || cell(name) === header[name] || r.some((c) => c === '合计')) return;
          // A footer line's text sits in the name column of a table without a department column.
          if (dept < 0 && /[:：]|签字|盖章|公章/.test(cell(name))) return;
          const department = aliases[own] ?? own;
          data.push({ line: i + 1, get: (c) => (c === dept ? department : cell(c)) });
        });
        // (Without a department column, col(...DEPT_HEADERS) is -1 and get(-1) gives the folder's department.)
        tables.push({ kind, file, sheet: sheet.sheet, semester, titles: rows.slice(0, h).flat().join(''), header, col, rows: data });
        // A table read as two kinds (the 考核情况汇总表) has its rows once.
        perSheet.set(`${file}|${sheet.sheet}`, { rows: data.length, departments: new Set(data.map((r) => r.get(dept))) });
      }
    }
  }
  return { tables, forms, perSheet };
}

/** Seed 000's 考核量化表, one per sheet: the person on the 考核对象 line, the items by name, their scores under 考核成绩, the 等次. */
function quantifiedForm(rows: string[][], file: string, semester: string, folder: string): AssessmentRow | null {
  const at = rows.findIndex((r) => r.some((c) => c.startsWith('考核对象')));
  if (at < 0) return null;
  const line = rows[at]!.join('');
  const name = /考核对象[:：](.*?)考核部门/.exec(line)?.[1] ?? '';
  const department = /考核部门[:：](.*?)时间/.exec(line)?.[1] || folder;
  const header = rows.findIndex((r) => r.includes('考核成绩'));
  const score = rows[header]!.indexOf('考核成绩');
  const value = (label: string) => rows.find((r) => r.slice(0, score).includes(label))?.[score] ?? '';
  const items = Object.fromEntries(DIMENSIONS.map((d) => [d, ITEMS[d].reduce((a, [n]) => a + Number(value(n)), 0)])) as Record<Dimension, number>;
  const itemSum = DIMENSIONS.reduce((a, d) => a + items[d], 0);
  const gradeRow = rows.find((r) => r[0] === '等次') ?? [];
  const recorded = gradeRow.find((c) => GRADE_LABELS[c]);
  return {
    semester,
    department,
    role: roleOf(rows.slice(0, at).flat().join(''))!,
    personId: null,
    name,
    score: itemSum,
    scoreMax: 90,
    recorded: recorded ? GRADE_LABELS[recorded]! : null,
    items,
    lateCount: null,
    file,
    line: at + 1,
  };
}

const ROLE_LABELS: Array<[RegExp, Role]> = [
  [/研究生德育助理/, 'graduate_assistant'],
  [/助理|助管/, 'assistant'],
  [/班主任/, 'class_teacher'],
  [/辅导员/, 'counselor'],
];
const roleOf = (text: string): Role | null => ROLE_LABELS.find(([re]) => re.test(text))?.[1] ?? null;

// ───────────────────────────── the rows ─────────────────────────────

interface LogRow {
  semester: string;
  department: string;
  role: Role;
  staffId: string | null;
  name: string;
  weekStart: string;
  values: Partial<Record<Field, number>>;
  /** 1-based row in its file/sheet. */
  line: number;
}

function worklogRows(t: Table, rules: Rules): LogRow[] {
  const id = t.col('工号', '职工号', '学号');
  const name = t.col('姓名');
  const dept = t.col(...DEPT_HEADERS);
  const roleCol = t.col('角色');
  const week = t.col('周次');
  const date = t.col(...DATE_HEADERS);
  const fields = t.header.flatMap((h, i) => (fieldOf(h) ? [[i, fieldOf(h)!] as const] : []));
  const titleRole = roleOf(t.titles);
  const weekOne = mondayOf(semesterStart(rules, t.semester));
  const out: LogRow[] = [];
  for (const r of t.rows) {
    const role = roleCol >= 0 ? roleOf(r.get(roleCol)) : titleRole;
    let weekStart: string | null = null;
    if (week >= 0) {
      const m = /^第?(\d+)周?$/.exec(r.get(week));
      if (m) weekStart = addDays(weekOne, 7 * (Number(m[1]) - 1));
    } else {
      const d = parseDate(r.get(date));
      if (d) weekStart = mondayOf(d);
    }
    const values: Partial<Record<Field, number>> = {};
    let valid = role !== null && weekStart !== null;
    for (const [c, f] of fields) {
      const v = r.get(c);
      if (v === '') continue; // blank: not recorded (counts as 0 against a norm)
      if (f === 'hours' ? !isNumber(v) : !isCount(v)) valid = false;
      else values[f] = Number(v);
    }
    if (!valid) continue;
    out.push({
      semester: t.semester,
      department: r.get(dept),
      role: role!,
      staffId: (id >= 0 && r.get(id)) || null,
      name: r.get(name),
      weekStart: weekStart!,
      values,
      line: r.line,
    });
  }
  return out;
}

interface AssessmentRow {
  semester: string;
  department: string;
  role: Role;
  personId: string | null;
  name: string;
  score: number | null;
  scoreMax: number | null;
  recorded: Grade | null;
  items: Record<Dimension, number> | null;
  lateCount: number | null;
  file: string;
  line: number;
}

function assessmentRows(t: Table, rules: Rules): AssessmentRow[] {
  const id = t.col('工号', '职工号', '学号');
  const name = t.col('姓名');
  const dept = t.col(...DEPT_HEADERS);
  const roleCol = t.col('角色');
  const total = t.col(...TOTAL_HEADERS);
  const grade = t.col(...GRADE_HEADERS);
  const late = t.col('迟到次数');
  const itemCols = DIMENSIONS.map((d) => [d, ITEMS[d].map(([n]) => t.col(n))] as const);
  const titleRole = roleOf(t.titles);
  const out: AssessmentRow[] = [];
  for (const r of t.rows) {
    const role = roleCol >= 0 ? roleOf(r.get(roleCol)) : titleRole;
    const totalText = total >= 0 ? r.get(total) : '';
    const gradeText = grade >= 0 ? r.get(grade) : '';
    const itemTexts = itemCols.flatMap(([, cols]) => cols.map((c) => (c >= 0 ? r.get(c) : '')));
    if (!role || (totalText && !isNumber(totalText)) || (gradeText && !GRADE_LABELS[gradeText])) continue;
    if (itemTexts.some((v) => v && !isNumber(v))) continue;
    const lateText = late >= 0 ? r.get(late) : '';
    if (lateText && !isCount(lateText)) continue;
    // READING: item scores count only when all 14 are filled in (the demo never leaves some blank).
    const items = itemTexts.every((v) => v !== '')
      ? (Object.fromEntries(itemCols.map(([d, cols]) => [d, cols.reduce((a, c) => a + Number(r.get(c)), 0)])) as Record<Dimension, number>)
      : null;
    const itemSum = items ? DIMENSIONS.reduce((a, d) => a + items[d], 0) : null;
    const score = totalText ? Number(totalText) : itemSum;
    if (score === null && !gradeText) continue; // nothing assessed
    out.push({
      semester: t.semester,
      department: r.get(dept),
      role,
      personId: (id >= 0 && r.get(id)) || null,
      name: r.get(name),
      score,
      scoreMax: totalText ? rules.totalMax : itemSum !== null ? rules.itemsMax : null,
      recorded: gradeText ? GRADE_LABELS[gradeText]! : null,
      items,
      lateCount: lateText ? Number(lateText) : null,
      file: t.file,
      line: r.line,
    });
  }
  return out;
}

function gradeOf(rules: Rules, score: number, max: number): Grade {
  // On the percent of the maximum, with a tolerance so that 81/90 (90.000…01 or 89.999…) is 90 %.
  const percent = (score / max) * 100;
  return rules.bands.find((b) => percent >= b.min - 1e-6)?.grade ?? 'fail';
}

interface TrainingRow {
  staffId: string | null;
  name: string;
  department: string;
  level: 'school' | 'provincial' | 'national';
  hours: number;
  year: number;
  /** 培训名称. */
  course: string;
}

/**
 * READING: 院级 and 系级 sessions (the college's own, and a department's) count as school-level:
 * the rules know three levels, and both are run inside the institution. 市级 is no known level:
 * the row is left out, as the ingest rejects it.
 */
const LEVELS: Record<string, TrainingRow['level']> = {
  校级: 'school', 院级: 'school', 系级: 'school', 省级: 'provincial', 自治区级: 'provincial', 国家级: 'national',
};

function trainingRows(t: Table): TrainingRow[] {
  const id = t.col('工号', '职工号');
  const name = t.col('姓名');
  const dept = t.col(...DEPT_HEADERS);
  const level = t.col('级别', '培训级别');
  const hours = t.col('学时');
  const date = t.col('培训日期', '日期', '培训时间');
  const course = t.col('培训名称', '培训项目', '培训内容');
  const out: TrainingRow[] = [];
  for (const r of t.rows) {
    const l = LEVELS[r.get(level)];
    const d = parseDate(r.get(date));
    if (!l || !d || !isNumber(r.get(hours))) continue;
    out.push({ staffId: (id >= 0 && r.get(id)) || null, name: r.get(name), department: r.get(dept), level: l, hours: Number(r.get(hours)), year: Number(d.slice(0, 4)), course: course >= 0 ? r.get(course) : '' });
  }
  return out;
}

interface RosterRow {
  semester: string;
  department: string;
  staffId: string;
  name: string;
  fullTime: boolean;
}

function rosterRows(t: Table): RosterRow[] {
  const id = t.col('工号', '职工号');
  const name = t.col('姓名');
  const dept = t.col(...DEPT_HEADERS);
  const emp = t.col(...EMPLOYMENT_HEADERS);
  const out: RosterRow[] = [];
  for (const r of t.rows) {
    const e = r.get(emp);
    // 外聘 (neither 专职 nor 兼职) is not a counselor row: rejected by the ingest, left out here.
    if (!e.startsWith('专职') && !e.startsWith('兼职')) continue;
    out.push({ semester: t.semester, department: r.get(dept), staffId: r.get(id), name: r.get(name), fullTime: e.startsWith('专职') });
  }
  return out;
}

interface AssistantRow {
  semester: string;
  person: Omit<AssistantPerson, 'studyYear' | 'classListed'> & { cohort: number | null };
}

function assistantRows(t: Table): AssistantRow[] {
  const id = t.col('学号');
  const name = t.col('姓名');
  const dept = t.col(...DEPT_HEADERS);
  const cls = t.col('聘用岗位(班级)');
  const year = t.col('年级');
  const political = t.col('政治面貌');
  const failed = t.col('不及格课程数');
  const out: AssistantRow[] = [];
  for (const r of t.rows) {
    const f = failed >= 0 ? r.get(failed) : '';
    if (!r.get(cls) || (f && !isCount(f))) continue;
    const cohort = /^(\d{4})级?$/.exec(year >= 0 ? r.get(year) : '');
    out.push({
      semester: t.semester,
      person: {
        department: r.get(dept),
        studentId: (id >= 0 && r.get(id)) || null,
        name: r.get(name),
        className: r.get(cls),
        cohort: cohort ? Number(cohort[1]) : null,
        political: political >= 0 ? r.get(political) : '',
        failedCourses: f ? Number(f) : null,
      },
    });
  }
  return out;
}

interface ClassRow {
  semester: string;
  department: string;
  className: string;
}

function classRows(t: Table): ClassRow[] {
  const cls = t.col('班级');
  const dept = t.col(...DEPT_HEADERS);
  return t.rows.map((r) => ({ semester: t.semester, department: r.get(dept), className: r.get(cls) }));
}

// ───────────────────────────── the metrics ─────────────────────────────

const ratio = (): Ratio => ({ met: 0, periods: 0 });
const add = (r: Ratio, met: boolean) => {
  r.periods++;
  if (met) r.met++;
};

function workloadTruth(logs: LogRow[], rules: Rules, truth: MetricsTruth): void {
  const weekly = (role: Role) => rules.norms.filter((n) => n.role === role && n.per === 'week');
  const monthly = (role: Role) => rules.norms.filter((n) => n.role === role && n.per === 'month');
  const unit = (s: string, d: string, role: Role) =>
    getOr(nested(truth.workload, s, d, () => new Map()), role, () => ({
      personWeeks: 0,
      norms: new Map(rules.norms.filter((n) => n.role === role).map((n) => [n.field, ratio()])),
      allWeekly: ratio(),
    }));
  const personKey = (r: LogRow) => `${r.department}\u0000${r.staffId ?? `name:${r.name}`}`;
  const people = new Map<string, PersonShortfall & { semester: string }>();
  // Monthly sums: semester | department | role | person | month → field → sum.
  const months = new Map<string, { r: LogRow; sums: Map<Field, number> }>();

  for (const r of logs) {
    const norms = weekly(r.role);
    const met = norms.map((n) => {
      const v = r.values[n.field] ?? 0; // blank = 0: not recorded is not done
      return v >= n.min && (n.max === undefined || v <= n.max);
    });
    const all = met.every(Boolean);
    for (const d of [r.department, INSTITUTION]) {
      const u = unit(r.semester, d, r.role);
      u.personWeeks++;
      norms.forEach((n, i) => add(u.norms.get(n.field)!, met[i]!));
      if (norms.length > 0) add(u.allWeekly, all);
    }
    // Heat map: teaching week from the semester's week-1 Monday; weeks outside 1…semester_weeks are left out.
    const week = 1 + Math.round((ms(r.weekStart) - ms(truth.weekOne.get(r.semester)!)) / (7 * DAY));
    if (week >= 1 && week <= rules.weeks && norms.length > 0)
      for (const d of [r.department, INSTITUTION])
        add(getOr(getOr(nested(truth.heatmap, r.semester, d, () => new Map()), r.role, () => new Map()), week, ratio), all);
    // Shortfalls: weeks missing a weekly norm, and how far below the minimums (a week above a maximum misses without a shortfall).
    const p = getOr(people, `${r.semester}\u0000${r.role}\u0000${personKey(r)}`, () => ({
      semester: r.semester, department: r.department, role: r.role, staffId: r.staffId, name: r.name, weeks: 0, weeksMissing: 0, shortfall: 0, sums: {} as PersonShortfall["sums"],
    }));
    p.weeks++;
    if (!all) p.weeksMissing++;
    for (const n of rules.norms) if (n.role === r.role) p.sums[n.field] = (p.sums[n.field] ?? 0) + (r.values[n.field] ?? 0);
    for (const n of norms) p.shortfall += Math.max(0, n.min - (r.values[n.field] ?? 0));
    // Monthly norms: per person and calendar month of the week's Monday.
    if (monthly(r.role).length > 0) {
      const m = getOr(months, `${r.semester}\u0000${r.role}\u0000${personKey(r)}\u0000${r.weekStart.slice(0, 7)}`, () => ({ r, sums: new Map() }));
      for (const n of monthly(r.role)) m.sums.set(n.field, (m.sums.get(n.field) ?? 0) + (r.values[n.field] ?? 0));
    }
  }
  for (const { r, sums } of months.values())
    for (const n of monthly(r.role)) {
      const v = sums.get(n.field)!;
      const met = v >= n.min && (n.max === undefined || v <= n.max);
      for (const d of [r.department, INSTITUTION]) add(unit(r.semester, d, r.role).norms.get(n.field)!, met);
    }
  for (const p of people.values()) {
    const { semester, ...person } = p;
    getOr(nested(truth.shortfalls, semester, p.department, () => new Map()), p.role, () => []).push(person);
  }
  for (const depts of truth.shortfalls.values())
    for (const roles of depts.values())
      for (const list of roles.values())
        list.sort((a, b) => b.shortfall - a.shortfall || b.weeksMissing - a.weeksMissing || (a.staffId ?? a.name).localeCompare(b.staffId ?? b.name));
}

function assessmentTruth(rows: AssessmentRow[], rules: Rules, truth: MetricsTruth): void {
  const sums = new Map<AssessmentUnit, Record<Dimension, number>>();
  const unit = (s: string, d: string, role: Role) =>
    getOr(nested(truth.assessment, s, d, () => new Map()), role, () => {
      const u: AssessmentUnit = { count: 0, grades: { excellent: 0, good: 0, pass: 0, fail: 0 }, withItems: 0, dimensions: null, mismatches: [] };
      sums.set(u, { 德: 0, 能: 0, 勤: 0, 绩: 0 });
      return u;
    });
  for (const r of rows) {
    const derived = r.score !== null ? gradeOf(rules, r.score, r.scoreMax!) : null;
    // The filed grade is the school's decision; the bands give one only where none was filed.
    const grade = (r.recorded ?? derived)!;
    truth.assessed.push({
      semester: r.semester, department: r.department, role: r.role, personId: r.personId, name: r.name, score: r.score, scoreMax: r.scoreMax,
      percent: r.score !== null ? (r.score / r.scoreMax!) * 100 : null, grade, recorded: r.recorded, items: r.items, lateCount: r.lateCount, file: r.file, row: r.line,
    });
    const mismatch: Mismatch | null =
      derived && r.recorded && derived !== r.recorded
        ? { semester: r.semester, department: r.department, role: r.role, personId: r.personId, name: r.name, score: r.score!, scoreMax: r.scoreMax!, derived, recorded: r.recorded, file: r.file, row: r.line }
        : null;
    if (mismatch) truth.mismatches.push(mismatch);
    for (const d of [r.department, INSTITUTION]) {
      const u = unit(r.semester, d, r.role);
      u.count++;
      u.grades[grade]++;
      if (mismatch) u.mismatches.push(mismatch);
      if (r.items) {
        u.withItems++;
        const s = sums.get(u)!;
        for (const dim of DIMENSIONS) s[dim] += (r.items[dim] / DIMENSION_MAX[dim]) * 100;
      }
    }
  }
  for (const [u, s] of sums)
    if (u.withItems > 0) u.dimensions = Object.fromEntries(DIMENSIONS.map((d) => [d, s[d] / u.withItems])) as Record<Dimension, number>;

  // Quota per department × role; the institution's allowed is the sum of the units' (not ⌊Σn × 20 %⌋).
  // ⌊n × quota⌋ in whole numbers: quota as a fraction of 1000 (0.2 → 200/1000, i.e. n div 5).
  const per1000 = Math.round(rules.quota * 1000);
  for (const [s, depts] of truth.assessment)
    for (const [d, roles] of depts) {
      if (d === INSTITUTION) continue;
      for (const [role, u] of roles) {
        const allowed = Math.floor((u.count * per1000) / 1000);
        const used = u.grades.excellent;
        const over = used > allowed;
        nested(truth.quota, s, d, () => new Map()).set(role, { n: u.count, allowed, used, over, unitsOver: over ? 1 : 0 });
        const total = getOr(nested(truth.quota, s, INSTITUTION, () => new Map()), role, () => ({ n: 0, allowed: 0, used: 0, over: false, unitsOver: 0 }));
        total.n += u.count;
        total.allowed += allowed;
        total.used += used;
        if (over) (total.unitsOver++, (total.over = true));
      }
    }
}

/** The training year of a semester: the calendar year it starts in (-1: its first year; -2: its second). */
function trainingYearOf(semester: string): number {
  const [y1, y2, term] = semester.split('-').map(Number) as [number, number, number];
  return term === 1 ? y1 : y2;
}

function trainingTruth(roster: RosterRow[], training: TrainingRow[], rules: Rules, truth: MetricsTruth): void {
  for (const r of roster) {
    if (!r.fullTime) continue;
    const year = trainingYearOf(r.semester);
    // Equal staff IDs, or equal name and department (so IDs that lost their leading zeros still match).
    const mine = training.filter((t) => (t.staffId !== null && t.staffId === r.staffId) || (t.name === r.name && t.department === r.department));
    const schoolHours = mine.filter((t) => t.level === 'school' && t.year === year).reduce((a, t) => a + t.hours, 0);
    const widerCourses = mine.filter((t) => t.level !== 'school' && t.year <= year && t.year > year - rules.widerYears).length;
    const person: TrainingPerson = {
      department: r.department, staffId: r.staffId, name: r.name, schoolHours, metHours: schoolHours >= rules.schoolHours, hasWider: widerCourses > 0, widerCourses,
    };
    const hasWider = widerCourses > 0;
    for (const d of [r.department, INSTITUTION]) {
      const u = nested(truth.training, r.semester, d, () => ({ counselors: 0, meanSchoolHours: 0, totalSchoolHours: 0, meetingHours: 0, withoutWider: 0, people: [] as TrainingPerson[] }));
      u.counselors++;
      u.totalSchoolHours += schoolHours;
      u.meanSchoolHours = u.totalSchoolHours / u.counselors;
      if (person.metHours) u.meetingHours++;
      if (!hasWider) u.withoutWider++;
      u.people.push(person);
    }
  }
}

function inductionTruth(counselors: Counselor[], training: TrainingRow[], keywords: string[], truth: MetricsTruth): void {
  for (const c of counselors) {
    // READING: new = fewer than one whole year in post on the semester's first day (a blank 任辅导员时间: not known, not listed).
    if (!c.fullTime || c.yearsInPost === null || c.yearsInPost >= 1) continue;
    const year = trainingYearOf(c.semester);
    const hours = training
      .filter((t) => (t.staffId !== null && t.staffId === c.staffId) || (t.name === c.name && t.department === c.department))
      .filter((t) => t.year <= year && keywords.some((w) => t.course.includes(w)))
      .reduce((a, t) => a + t.hours, 0);
    getOr(truth.induction, c.semester, () => []).push({ department: c.department, staffId: c.staffId, name: c.name, hours, meets: hours >= POLICY.inductionHours });
  }
  for (const c of counselors)
    if (POLICY.disallowedHiring.includes(c.hiring))
      getOr(truth.flaggedHiring, c.semester, () => []).push({ department: c.department, staffId: c.staffId, name: c.name, fullTime: c.fullTime, hiring: c.hiring });
}

function latenessTruth(truth: MetricsTruth): void {
  for (const a of truth.assessed)
    if (a.lateCount !== null && a.lateCount > POLICY.lateMax && POLICY.lateRoles.includes(a.role))
      getOr(truth.lateness, a.semester, () => []).push({
        department: a.department, role: a.role, personId: a.personId, name: a.name, lateCount: a.lateCount, grade: a.grade, recorded: a.recorded,
        applied: a.grade === 'fail' && (a.recorded === null || a.recorded === 'fail'),
      });
}

const personOf = (a: { personId: string | null; department: string; name: string }) => a.personId ?? `${a.department}/${a.name}`;
const startYear = (semester: string) => Number(semester.slice(0, 4));

/** Consecutive 不合格 and the 十佳 candidates, for every semester with counselor assessments. */
function peopleRulesTruth(truth: MetricsTruth, semesters: string[]): void {
  const counselors = truth.assessed.filter((a) => a.role === 'counselor');
  for (const s of semesters) {
    // READING: a year is an academic year; it counts as 不合格 when any of its semesters up to s is.
    const window = counselors.filter((a) => a.semester <= s && startYear(a.semester) > startYear(s) - POLICY.consecutiveFailYears);
    const byPerson = new Map<string, Assessed[]>();
    for (const a of window) getOr(byPerson, personOf(a), () => []).push(a);
    const fails: ConsecutiveFail[] = [];
    for (const rows of byPerson.values()) {
      const failed = rows.filter((a) => a.grade === 'fail');
      if (new Set(failed.map((a) => startYear(a.semester))).size < POLICY.consecutiveFailYears) continue;
      const latest = [...rows].sort((a, b) => (a.semester < b.semester ? -1 : 1)).at(-1)!;
      fails.push({ department: latest.department, personId: latest.personId, name: latest.name, failedSemesters: failed.map((a) => a.semester).sort() });
    }
    if (window.some((a) => a.semester === s) || fails.length) truth.consecutiveFail.set(s, fails);

    const year = counselors.filter((a) => a.semester <= s && startYear(a.semester) === startYear(s));
    const people = new Map<string, Assessed[]>();
    for (const a of year) getOr(people, personOf(a), () => []).push(a);
    const ranked = [...people.values()]
      .filter((rows) => rows.some((a) => a.percent !== null) && !rows.some((a) => a.grade === 'fail'))
      .map((rows) => {
        const scored = rows.filter((a) => a.percent !== null);
        const latest = [...rows].sort((a, b) => (a.semester < b.semester ? -1 : 1)).at(-1)!;
        return {
          department: latest.department, personId: latest.personId, name: latest.name,
          meanPercent: scored.reduce((t, a) => t + a.percent!, 0) / scored.length, assessments: scored.length, excellent: rows.filter((a) => a.grade === 'excellent').length,
        };
      })
      .sort((a, b) => b.meanPercent - a.meanPercent);
    // Standard competition ranking (1, 2, 2, 4): ties share a place, to 6 decimals of a percent.
    const same = (a: number, b: number) => Math.abs(a - b) < 5e-7;
    const top = ranked
      .map((p) => ({ ...p, rank: 1 + ranked.filter((q) => q.meanPercent > p.meanPercent && !same(q.meanPercent, p.meanPercent)).length }))
      .filter((p) => p.rank <= POLICY.topCounselors);
    if (year.length) truth.topCounselors.set(s, top);
  }
}

/** Whole months from a (year, month[, day]) date to another. */
function monthsBetween(from: string, to: string): number {
  const [y1, m1, d1] = from.split('-').map(Number) as [number, number, number];
  const [y2, m2, d2] = to.split('-').map(Number) as [number, number, number];
  return (y2 - y1) * 12 + (m2 - m1) - (d2 < d1 ? 1 : 0);
}

/** 2025.09, 2025-09, 2025年9月, 2025-09-01 → ISO date (a month alone is its first day). */
function monthDate(text: string): string | null {
  const m = /^(\d{4})[.\-/年](\d{1,2})(?:月|[.\-/](\d{1,2})日?)?$/.exec(text);
  return m ? `${m[1]}-${pad2(m[2]!)}-${pad2(m[3] ?? 1)}` : null;
}

function graduatesTruth(tables: Table[], rules: Rules, truth: MetricsTruth): void {
  for (const t of tables) {
    const [id, name, dept, post, since, until, political] = [t.col('学号'), t.col('姓名'), t.col(...DEPT_HEADERS), t.col('岗位类型'), t.col('上岗时间'), t.col('离岗时间'), t.col('政治面貌')];
    for (const r of t.rows) {
      const text = r.get(post);
      const label = text.replace('(', '（').replace(')', '）');
      const from = monthDate(r.get(since));
      const to = monthDate(r.get(until));
      getOr(truth.graduates, t.semester, () => []).push({
        department: r.get(dept),
        studentId: (id >= 0 && r.get(id)) || null,
        name: r.get(name),
        post: POLICY.graduatePosts.includes(label) ? label : null,
        postText: text,
        monthsInPost: from ? Math.max(0, monthsBetween(from, to ?? semesterStart(rules, t.semester))) : null,
        left: to !== null,
        political: political >= 0 ? r.get(political) : '',
      });
    }
  }
}

function assistantTruth(assistants: AssistantRow[], classes: ClassRow[], truth: MetricsTruth, semesters: string[]): void {
  const yearOf = (s: string) => s.slice(0, 9);
  const departments = [...new Set([...assistants.map((a) => a.person.department), ...classes.map((c) => c.department)])];
  /** The semester whose rows are in force: this one, else the latest earlier one of the same academic year. */
  const inForce = (have: Set<string>, s: string) =>
    semesters.filter((x) => x <= s && yearOf(x) === yearOf(s) && have.has(x)).sort().at(-1) ?? null;
  for (const s of semesters)
    for (const d of departments) {
      const rosterFrom = inForce(new Set(assistants.filter((a) => a.person.department === d).map((a) => a.semester)), s);
      const classesFrom = inForce(new Set(classes.filter((c) => c.department === d).map((c) => c.semester)), s);
      if (!rosterFrom && !classesFrom) continue;
      const listed = new Set(classes.filter((c) => c.department === d && c.semester === classesFrom).map((c) => c.className));
      const firstYear = Number(s.slice(0, 4));
      const people: AssistantPerson[] = assistants
        .filter((a) => a.person.department === d && a.semester === rosterFrom)
        .map(({ person: { cohort, ...p } }) => ({ ...p, studyYear: cohort === null ? null : firstYear - cohort + 1, classListed: listed.has(p.className) }));
      const per = new Map<string, number>();
      for (const p of people) if (listed.has(p.className)) per.set(p.className, (per.get(p.className) ?? 0) + 1);
      const u: AssistantUnit = {
        rosterFrom,
        classesFrom,
        classes: listed.size,
        covered: per.size,
        multiple: [...per].filter(([, n]) => n >= 2).map(([c]) => c).sort(),
        uncovered: [...listed].filter((c) => !per.has(c)).sort(),
        assistants: people.length,
        unmatched: people.filter((p) => !p.classListed),
        yearEligible: people.filter((p) => p.studyYear === 2 || p.studyYear === 3).length,
        politicalEligible: people.filter((p) => p.political === '中共党员' || p.political === '中共预备党员').length,
        noFailed: people.filter((p) => p.failedCourses === 0).length,
        failedNotReported: people.filter((p) => p.failedCourses === null).length,
        people,
      };
      nested(truth.assistants, s, d, () => u);
      const total = nested(truth.assistants, s, INSTITUTION, () => ({
        rosterFrom: null, classesFrom: null, classes: 0, covered: 0, multiple: [], uncovered: [], assistants: 0, unmatched: [],
        yearEligible: 0, politicalEligible: 0, noFailed: 0, failedNotReported: 0, people: [],
      }) as AssistantUnit);
      total.classes += u.classes;
      total.covered += u.covered;
      total.multiple.push(...u.multiple);
      total.uncovered.push(...u.uncovered);
      total.assistants += u.assistants;
      total.unmatched.push(...u.unmatched);
      total.yearEligible += u.yearEligible;
      total.politicalEligible += u.politicalEligible;
      total.noFailed += u.noFailed;
      total.failedNotReported += u.failedNotReported;
      total.people.push(...u.people);
    }
}

function coverageTruth(roster: RosterRow[], rows: AssessmentRow[], truth: MetricsTruth): void {
  const assessedSemesters = new Set(rows.map((r) => r.semester));
  for (const p of roster) {
    if (!assessedSemesters.has(p.semester)) continue;
    const found = rows.some(
      (a) => a.semester === p.semester && a.role === 'counselor' && ((a.personId !== null && a.personId === p.staffId) || (a.name === p.name && a.department === p.department)),
    );
    for (const d of [p.department, INSTITUTION]) {
      const u = nested(truth.assessmentCoverage, p.semester, d, () => ({ roster: 0, assessed: 0, missing: [] as AssessmentCoverage['missing'] }));
      u.roster++;
      if (found) u.assessed++;
      else u.missing.push({ staffId: p.staffId, name: p.name });
    }
  }
}

// ───────────────────────────── warnings ─────────────────────────────

/** A row the 数据质量 page should flag while counting it: where, and which check. */
export interface FoundWarning {
  file: string;
  sheet: string;
  row: number;
  what: 'grade-mismatch' | 'lateness-not-failed' | 'item-above-max' | 'staff-id-short' | 'duplicate-row' | 'week-outside-semester';
}

const ITEM_MAX = new Map(DIMENSIONS.flatMap((d) => ITEMS[d]));

/**
 * The rows of the exports that are counted but deserve a second look, found here by plain checks
 * on the files: a filed grade the score's band contradicts, an assistant late more than
 * POLICY.lateMax times yet not rated 不合格, an item scored above its maximum, a staff ID shorter
 * than most in its table (leading zeros lost), a row repeated exactly, a work-log week outside
 * its semester's teaching weeks.
 */
export async function warningsFound(truth: MetricsTruth, exportsDir = 'data/exports', rulesPath = 'data/rules.json'): Promise<FoundWarning[]> {
  const rules = readRules(rulesPath, exportsDir);
  const { tables } = await readTables(exportsDir, rules.aliases);
  const sheetOf = new Map(tables.map((t) => [t.file, t.sheet]));
  const out: FoundWarning[] = [
    ...truth.mismatches.map((m) => ({ file: m.file, sheet: sheetOf.get(m.file) ?? '', row: m.row, what: 'grade-mismatch' as const })),
    ...truth.assessed
      .filter((a) => a.lateCount !== null && a.lateCount > POLICY.lateMax && POLICY.lateRoles.includes(a.role) && a.recorded !== null && a.recorded !== 'fail')
      .map((a) => ({ file: a.file, sheet: sheetOf.get(a.file) ?? '', row: a.row, what: 'lateness-not-failed' as const })),
  ];
  // The length most staff IDs of the school have (over every table): a shorter one lost its leading zeros.
  const lengths = new Map<number, number>();
  for (const t of tables) {
    const id = t.col('工号', '职工号');
    if (id >= 0) for (const r of t.rows) if (/^\d+$/.test(r.get(id))) lengths.set(r.get(id).length, (lengths.get(r.get(id).length) ?? 0) + 1);
  }
  const usualIdLength = [...lengths].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 0;
  const seen = new Set<string>();
  for (const t of tables) {
    // A table read as two kinds is checked once.
    if (seen.has(`${t.file}|${t.sheet}`)) continue;
    seen.add(`${t.file}|${t.sheet}`);
    const at = (row: number, what: FoundWarning['what']) => out.push({ file: t.file, sheet: t.sheet, row, what });
    const cells = (r: Row) => t.header.map((_, c) => r.get(c));
    if (t.kind === 'assessment' || t.kind === 'assistants')
      for (const r of t.rows)
        t.header.forEach((h, c) => {
          const max = ITEM_MAX.get(h);
          if (max !== undefined && isNumber(r.get(c)) && Number(r.get(c)) > max) at(r.line, 'item-above-max');
        });
    const id = t.col('工号', '职工号');
    if (id >= 0) for (const r of t.rows) if (/^\d+$/.test(r.get(id)) && r.get(id).length < usualIdLength) at(r.line, 'staff-id-short');
    const rows = new Set<string>();
    for (const r of t.rows) {
      const key = JSON.stringify(cells(r));
      if (rows.has(key)) at(r.line, 'duplicate-row');
      rows.add(key);
    }
    if (t.kind === 'worklog') {
      const first = mondayOf(semesterStart(rules, t.semester));
      const after = addDays(first, 7 * rules.weeks);
      for (const log of worklogRows(t, rules)) if (log.weekStart < first || log.weekStart >= after) at(log.line, 'week-outside-semester');
    }
  }
  return out;
}

// ───────────────────────────── entry point ─────────────────────────────

export async function computeMetricsTruth(exportsDir = 'data/exports', rulesPath = 'data/rules.json'): Promise<MetricsTruth> {
  const rules = readRules(rulesPath, exportsDir);
  const { tables, forms } = await readTables(exportsDir, rules.aliases);
  const of = (kind: Kind) => tables.filter((t) => t.kind === kind);
  const semesters = [...new Set(tables.map((t) => t.semester))].filter((s) => /^\d{4}-\d{4}-[12]$/.test(s)).sort();
  const counselors = await readCounselors(exportsDir, rulesPath);
  const truth: MetricsTruth = {
    norms: rules.norms,
    weekOne: new Map(semesters.map((s) => [s, mondayOf(semesterStart(rules, s))])),
    workload: new Map(),
    heatmap: new Map(),
    shortfalls: new Map(),
    assessment: new Map(),
    mismatches: [],
    assessed: [],
    quota: new Map(),
    trainingYear: new Map(semesters.map((s) => [s, trainingYearOf(s)])),
    training: new Map(),
    assistants: new Map(),
    assessmentCoverage: new Map(),
    induction: new Map(),
    flaggedHiring: new Map(),
    lateness: new Map(),
    consecutiveFail: new Map(),
    topCounselors: new Map(),
    graduates: new Map(),
    workloadTargetShare: rules.targetShare,
    structure: structureOf(counselors),
    structureHeadline: rules.structureHeadline,
  };
  const roster = of('roster').flatMap(rosterRows);
  const assessments = [...of('assessment').flatMap((t) => assessmentRows(t, rules)), ...forms].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line));
  workloadTruth(of('worklog').flatMap((t) => worklogRows(t, rules)), rules, truth);
  assessmentTruth(assessments, rules, truth);
  const training = of('training').flatMap(trainingRows);
  trainingTruth(roster, training, rules, truth);
  inductionTruth(counselors.counselors, training, rules.inductionKeywords, truth);
  latenessTruth(truth);
  peopleRulesTruth(truth, semesters);
  graduatesTruth(of('graduates'), rules, truth);
  assistantTruth(of('assistants').flatMap(assistantRows), of('classes').flatMap(classRows), truth, semesters);
  coverageTruth(roster, assessments, truth);
  return truth;
}
