/**
 * Rule profiles: the thresholds the dashboard measures against. They live in one file,
 * data/rules.json, whose defaults come from the policy texts, each cited beside its value;
 * an institution edits that file or adds a profile of its own and makes it active.
 * Institution-wide settings (name, calendar, department aliases, how names are published) sit
 * beside the profiles.
 */
import { z } from 'zod';
import type { CalendarRules } from './calendar.ts';
import type { Role } from './cells.ts';
import { EDUCATIONS, type Education } from './people.ts';
import type { ScoringRules } from './scoring.ts';
import { ACTIVITIES } from './activities.ts';

/** A weight as an exact fraction, so that 1/3 × 3 part-timers is exactly one counselor. */
export interface Fraction {
  numerator: number;
  denominator: number;
}

/** 0.5 → 5/10 (decimal digits kept exactly); "1/3" → 1/3. */
function decimalToFraction(n: number): Fraction {
  const digits = (String(n).split('.')[1] ?? '').length;
  const denominator = 10 ** digits;
  return { numerator: Math.round(n * denominator), denominator };
}

/** "1/3" or 0.5: fractions are allowed because 1/3 has no exact decimal. */
const fraction = z
  .union([
    z.number().transform(decimalToFraction),
    z
      .string()
      .regex(/^\s*\d+\s*\/\s*[1-9]\d*\s*$/, '应为小数（如 0.5）或分数（如 "1/3"）')
      .transform((s): Fraction => {
        const [numerator, denominator] = s.split('/').map(Number);
        return { numerator: numerator!, denominator: denominator! };
      }),
  ])
  .refine((f) => f.numerator > 0 && f.numerator <= f.denominator, '应大于 0 且不大于 1');

/**
 * What a rule's verb makes of a figure against it: a requirement (应) gives 达标/未达标; a cap
 * (不超过) and an allowance (可…1名: at most that) flag only what exceeds them; information
 * (原则上, or no target) is shown without a verdict.
 */
export const RULE_KINDS = ['requirement', 'cap', 'allowance', 'information'] as const;
export type RuleKind = (typeof RULE_KINDS)[number];

/**
 * Each rule is written as { value, source } so the policy behind a number travels with it; a rule a
 * figure is judged against also says its kind and a weight (1 first: the order of 需要关注).
 */
const rule = <T extends z.ZodType>(value: T) =>
  z.object({ value, source: z.string().optional(), kind: z.enum(RULE_KINDS).optional(), weight: z.number().positive().optional() });

const ROLES = ['counselor', 'class_teacher', 'assistant', 'graduate_assistant'] as const;
const GRADES = ['excellent', 'good', 'pass', 'fail'] as const;
const NORM_FIELDS = ['hours', ...ACTIVITIES.map(([key]) => key)] as [string, ...string[]];
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '应为日期，如 2025-09-01');
const monthDay = z.string().regex(/^\d{2}-\d{2}$/, '应为“月-日”，如 09-01');

const Norm = z
  .object({
    role: z.enum(ROLES),
    field: z.enum(NORM_FIELDS),
    min: z.number().nonnegative().optional(),
    max: z.number().nonnegative().optional(),
    /** Norms per week are checked per person-week; per month, on the sum over the month's weeks. */
    per: z.enum(['week', 'month']).default('week'),
    label: z.string().min(1),
    source: z.string().optional(),
  })
  .refine((n) => n.min !== undefined || n.max !== undefined, '至少要有 min 或 max');

/**
 * A grade band; `name` is what the school calls that grade (称职, 基本称职 …), shown wherever the grade
 * is. The bands list the school's scheme: 优秀/合格/不合格 lists three, 优秀/称职/基本称职/不称职 names four.
 */
const Band = z.object({ grade: z.enum(GRADES), min: z.number(), name: z.string().trim().min(1).max(8).optional() });

/** Upper bounds of bands (ages, years in post), ascending: [30, 35, 40, 50] → ≤30, 31–35, 36–40, 41–50, >50. */
const bounds = z
  .array(z.number().int().nonnegative())
  .min(1)
  .refine((xs) => xs.every((x, i) => i === 0 || x > xs[i - 1]!), '各分段上限须从小到大排列');
const shareTarget = z.number().gt(0).lte(1).nullable();
export const STRUCTURE_HEADLINES = ['party', 'masters', 'senior'] as const;
export type StructureHeadline = (typeof STRUCTURE_HEADLINES)[number];

/** 队伍结构: how the team's structure is summarised, and what seed 004 asks of each counselor. */
const Structure = z.object({
  age_bands: rule(bounds).default({ value: [30, 35, 40, 50], source: '汇报常用分段：30岁及以下、31–35岁、36–40岁、41–50岁、51岁及以上' }),
  /** "35岁以下占…%": 以下 includes the number, as in Chinese legal usage. */
  young_age: rule(z.number().int().positive()).default({ value: 35, source: '汇报常用表述“35岁以下占…%”（“以下”含本数）' }),
  years_in_post_bands: rule(bounds).default({ value: [0, 3, 8], source: '不满1年、1–3年、4–8年、9年及以上，大致对应《高等学校辅导员职业能力标准》的初级、中级、高级' }),
  min_education: rule(z.enum(EDUCATIONS)).default({ value: 'bachelor', source: 'seeds/004：辅导员应“具备本科及以上学历”' }),
  /** Seed 004 says 原则上: listed for information, not as a violation. */
  party_expected: rule(z.boolean()).default({ value: true, source: 'seeds/004：辅导员“原则上应为中共党员”' }),
  party_share_target: rule(shareTarget).default({ value: null }),
  masters_share_target: rule(shareTarget).default({ value: null }),
  senior_share_target: rule(shareTarget).default({ value: null }),
  /** Which share the overview's structure card shows. */
  headline: rule(z.enum(STRUCTURE_HEADLINES)).default({ value: 'party' }),
  /** 所学专业 counted as 思政相关 when it contains one of these words. */
  related_majors: rule(z.array(z.string().min(1))).default({ value: ['思想政治', '马克思', '政治学', '中共党史', '党的建设', '教育学', '心理学', '社会学', '哲学', '法学'] }),
});

/** Rules about people across semesters (seeds 002–004). */
const People = z.object({
  consecutive_fail_years: rule(z.number().int().min(2)).default({ value: 2, source: 'seeds/004：连续两年年度考核不合格的，可以解除聘用合同' }),
  top_counselors: rule(z.number().int().positive()).default({ value: 10, source: 'seeds/004：开展“十佳辅导员”等针对优秀辅导员的专项表彰' }),
  lateness: rule(z.object({ max: z.number().int().nonnegative(), roles: z.array(z.enum(ROLES)).min(1) })).default({
    value: { max: 3, roles: ['assistant'] },
    source: 'seeds/002：迟到三次以上……综合评价不合格',
  }),
  graduate_min_months: rule(z.number().int().positive()).default({ value: 12, source: 'seeds/003：在岗时间至少为一年' }),
});

export const ProfileSchema = z.object({
  label: z.string(),
  staffing: z.object({
    max_students_per_counselor: rule(z.number().int().positive()),
    part_time_weight: rule(fraction),
    disallowed_hiring: rule(z.array(z.string().min(1))),
  }),
  workload: z.object({
    norms: z.array(Norm),
    /** Share of person-weeks meeting all weekly norms at which a unit counts as 达标 (not in the policy texts). */
    target_share: rule(z.number().gt(0).lte(1)).default({ value: 0.9, source: '本校设定（政策文本未规定达标比例）' }),
  }),
  training: z.object({
    school_hours_per_year: rule(z.number().positive()),
    national_or_provincial_every_years: rule(z.number().int().positive()),
    induction_hours: rule(z.number().positive()).default({ value: 40, source: '教育部令第43号：新入职辅导员应参加岗前培训，不少于40学时' }),
    /** A training row whose 培训名称 holds one of these words is induction training (岗前培训). */
    induction_keywords: rule(z.array(z.string().min(1)).min(1)).default({ value: ['岗前', '入职'] }),
  }),
  assessment: z.object({
    bands: rule(
      z
        .array(Band)
        .min(2)
        .refine((bs) => bs.every((b, i) => i === 0 || b.min < bs[i - 1]!.min), '各等次的下限须从高到低排列')
        .refine((bs) => new Set(bs.map((b) => b.grade)).size === bs.length, '每个等次只能列一次'),
    ),
    basis: rule(z.enum(['percent', 'raw'])),
    items_max: rule(z.number().positive()),
    total_max: rule(z.number().positive()),
    /** Share of the roster to be assessed each semester (all): a requirement, its kind and weight beside it. */
    completion: rule(z.number().gt(0).lte(1)).default({ value: 1, kind: 'requirement', weight: 3 }),
    excellence_quota: rule(z.number().gt(0).lte(1)),
    quota_rounding: rule(z.enum(['floor', 'round', 'ceil'])),
  }),
  structure: Structure.prefault({}),
  people: People.prefault({}),
  assistants: z
    .object({
      per_class: rule(z.number().int().positive()).default({ value: 1, kind: 'allowance', weight: 6, source: 'seeds/000：每班可配备1名辅导员助理' }),
    })
    .prefault({}),
});

export const RulesFileSchema = z
  .object({
    institution: z.object({ name: z.string().min(1) }),
    /** The demo's own settings say so: its runs tell the clerk that its faults are planted (src/domain/settings.ts). */
    demo: z.boolean().default(false),
    /** The semester report to the party committee (党委会汇报): its title, who signs it, an optional logo. */
    report: z
      .object({
        title: z.string().min(1).default('关于辅导员队伍建设情况的报告'),
        addressee: z.string().default('校党委'),
        issuer: z.string().min(1).default('学生工作处'),
        /** Lines of the signature block under the issuer (e.g. 负责人：×××). */
        signature: z.array(z.string()).default([]),
        /** An image file (SVG or PNG), relative to the project folder; embedded in the report. */
        logo: z.string().optional(),
        /** The folder of the office's own paragraphs, one <学期>.md per semester (src/report/notes.ts); relative to the project folder. */
        notes: z.string().default('data/report'),
      })
      .default({ title: '关于辅导员队伍建设情况的报告', addressee: '校党委', issuer: '学生工作处', signature: [], notes: 'data/report' }),
    /**
     * The policy documents the rules' sources cite, by the short name the sources use (e.g.
     * "seeds/004") → the title readers see (《…实施细则》). Pages and the report name documents by
     * their titles only; see src/domain/policies.ts.
     */
    policy_documents: z.record(z.string().min(1), z.string().min(1)).default({}),
    publish: z.object({
      /** full: as written; masked: 张*明; pseudonym: a stable code per person. */
      names: z.enum(['full', 'masked', 'pseudonym']),
      pseudonym_salt: z.string().default(''),
      /** Who the build is for (src/domain/disclosure.ts): internal (everything, behind authentication) or public (aggregates only); `npm run build -- --audience` overrides it. */
      audience: z.enum(['internal', 'public']).default('internal'),
      /** Public build: figures about fewer people than this are not published. */
      min_group_size: z.number().int().min(2).default(3),
      /** Public build: the 党委会汇报 is internal and left out. Asking for it (true) is not honoured yet — no aggregate version follows the public cell rule — and the build says so. */
      public_report: z.boolean().default(false),
    }),
    department_aliases: z.record(z.string(), z.string()).default({}),
    /** When listed, a department not in the list (after aliases) is rejected. */
    departments: z.array(z.string()).default([]),
    /**
     * The exports every department is to send each semester, by name (辅导员名册) or kind
     * (counselors): checked against the kinds when the ingest loads the rules (which may read both;
     * this module knows no table). Empty: those that at least half of the departments sent
     * (src/collection/checklist.ts).
     */
    expected_exports: z.array(z.string().min(1)).default([]),
    /**
     * A clerk's word on a file the ingest cannot place: files whose name matches `file` (a part of
     * the name, or a pattern with * and ?) are read as `kind` (its Chinese name or key, checked
     * when the ingest loads the rules), with `columns` naming a heading's field (heading → the
     * field's name, e.g. "合计": "总分"). The first entry that matches a file applies.
     */
    file_kinds: z
      .array(z.object({ file: z.string().min(1), kind: z.string().min(1), columns: z.record(z.string().min(1), z.string().min(1)).default({}) }))
      .default([]),
    calendar: z.object({
      semester_starts: z.record(z.string().regex(/^\d{4}-\d{4}-[12]$/, '学期应写成 2025-2026-1'), isoDate).default({}),
      default_start: z.object({ autumn: monthDay, spring: monthDay }),
      semester_weeks: z.number().int().min(10).max(30),
    }),
    active_profile: z.string(),
    profiles: z.record(z.string(), ProfileSchema),
  })
  .refine((r) => r.active_profile in r.profiles, { message: 'active_profile 指向的规则方案不存在', path: ['active_profile'] });

export type RulesFile = z.infer<typeof RulesFileSchema>;
export type WorkloadNorm = z.infer<typeof Norm>;

export interface StructureRules {
  age_bands: number[];
  young_age: number;
  years_in_post_bands: number[];
  min_education: Education;
  party_expected: boolean;
  party_share_target: number | null;
  masters_share_target: number | null;
  senior_share_target: number | null;
  headline: StructureHeadline;
  related_majors: string[];
}

export interface PeopleRules {
  consecutive_fail_years: number;
  top_counselors: number;
  lateness: { max: number; roles: Role[] };
  graduate_min_months: number;
}

/** { value, source } → value, for a section of rules. */
const values = <T extends Record<string, { value: unknown }>>(section: T) =>
  Object.fromEntries(Object.entries(section).map(([k, v]) => [k, v.value])) as { [K in keyof T]: T[K]['value'] };

/** What the ingest and the site need from the rules file, with the active profile flattened. */
export interface ActiveRules {
  institution: string;
  /** The demo's data (its settings file says so). */
  demo: boolean;
  report: { title: string; addressee: string; issuer: string; signature: string[]; logo?: string; notes?: string };
  profile: string;
  profile_label: string;
  max_students_per_counselor: number;
  /** Part-time workload as a share of full-time: the exact fraction, and its value. */
  part_time_weight: Fraction;
  part_time_fte: number;
  disallowed_hiring: string[];
  workload_norms: WorkloadNorm[];
  workload_target_share: number;
  training: { school_hours_per_year: number; national_or_provincial_every_years: number; induction_hours: number; induction_keywords: string[] };
  structure: StructureRules;
  people: PeopleRules;
  assessment: ScoringRules & { excellence_quota: number; quota_rounding: 'floor' | 'round' | 'ceil' };
  calendar: CalendarRules;
  /** Each rule's source as written in the rules file, by its path (e.g. "staffing.max_students_per_counselor"). */
  sources: Record<string, string>;
  /** The kind and weight of each rule that gives one, by its path. */
  kinds: Record<string, { kind: RuleKind; weight: number }>;
  /** Classes one assistant each at most (seed 000: 每班可配备1名). */
  assistants_per_class: number;
  /** Short name → title of the policy documents the sources cite. */
  policy_documents: Record<string, string>;
  publish: { names: 'full' | 'masked' | 'pseudonym'; pseudonym_salt: string; audience: 'internal' | 'public'; min_group_size: number; public_report: boolean };
  department_aliases: Record<string, string>;
  departments: string[];
  /** As written; src/collection/checklist.ts reads them as kinds. */
  expected_exports: string[];
  /** As written; the ingest reads `kind` as a kind (checked when it loads the rules). */
  file_kinds: Array<{ file: string; kind: string; columns: Record<string, string> }>;
}

/** Every rule of a profile that says its kind, by its path (weight 9 where none is given: after the others). */
function kindsOf(profile: z.infer<typeof ProfileSchema>): Record<string, { kind: RuleKind; weight: number }> {
  const out: Record<string, { kind: RuleKind; weight: number }> = {};
  for (const [area, rules] of Object.entries(profile))
    if (rules && typeof rules === 'object')
      for (const [name, rule] of Object.entries(rules as Record<string, unknown>))
        if (rule && typeof rule === 'object' && 'kind' in rule && typeof rule.kind === 'string')
          out[`${area}.${name}`] = { kind: rule.kind as RuleKind, weight: 'weight' in rule && typeof rule.weight === 'number' ? rule.weight : 9 };
  return out;
}

/** Every { value, source } of a profile, by its path: the policy behind each number, for the pages' notes. */
function sourcesOf(profile: z.infer<typeof ProfileSchema>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [area, rules] of Object.entries(profile))
    if (rules && typeof rules === 'object')
      for (const [name, rule] of Object.entries(rules as Record<string, unknown>))
        if (rule && typeof rule === 'object' && 'source' in rule && typeof rule.source === 'string') out[`${area}.${name}`] = rule.source;
  return out;
}

export function activeRules(file: RulesFile): ActiveRules {
  const p = file.profiles[file.active_profile]!;
  const w = p.staffing.part_time_weight.value;
  return {
    institution: file.institution.name,
    demo: file.demo,
    report: file.report,
    profile: file.active_profile,
    profile_label: p.label,
    max_students_per_counselor: p.staffing.max_students_per_counselor.value,
    part_time_weight: w,
    part_time_fte: w.numerator / w.denominator,
    disallowed_hiring: p.staffing.disallowed_hiring.value,
    workload_norms: p.workload.norms,
    workload_target_share: p.workload.target_share.value,
    training: values(p.training),
    structure: values(p.structure),
    people: values(p.people),
    assessment: {
      bands: p.assessment.bands.value,
      basis: p.assessment.basis.value,
      items_max: p.assessment.items_max.value,
      total_max: p.assessment.total_max.value,
      excellence_quota: p.assessment.excellence_quota.value,
      quota_rounding: p.assessment.quota_rounding.value,
    },
    calendar: file.calendar,
    sources: sourcesOf(p),
    kinds: kindsOf(p),
    assistants_per_class: p.assistants.per_class.value,
    policy_documents: file.policy_documents,
    publish: { names: file.publish.names, pseudonym_salt: file.publish.pseudonym_salt, audience: file.publish.audience, min_group_size: file.publish.min_group_size, public_report: file.publish.public_report },
    department_aliases: file.department_aliases,
    departments: file.departments,
    expected_exports: file.expected_exports,
    file_kinds: file.file_kinds,
  };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * `base` with `own` laid over it: objects merged key by key, anything else (arrays too) replaced.
 * Used for a profile that extends another, and for an institution's own settings (a rules.json
 * beside its exports holding only what differs) laid over the defaults.
 */
export function layRules(base: unknown, own: unknown): unknown {
  if (!isObject(base) || !isObject(own)) return own;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(own)) out[k] = layRules(base[k], v);
  return out;
}

/**
 * A profile may say `"extends": "default"` and give only what differs (e.g. the national rules'
 * 5-year course window against seed 004's 3 years). Resolved before validation; an unknown or
 * circular base is an error naming the field.
 */
function resolveExtends(json: unknown): { json: unknown; errors: string[] } {
  if (!isObject(json) || !isObject(json.profiles)) return { json, errors: [] };
  const profiles = json.profiles;
  const errors: string[] = [];
  const resolved: Record<string, unknown> = {};
  const resolve = (name: string, chain: string[]): unknown => {
    if (name in resolved) return resolved[name];
    const p = profiles[name];
    if (!isObject(p) || p.extends === undefined) return (resolved[name] = p);
    const { extends: base, ...own } = p;
    if (typeof base !== 'string' || !(base in profiles) || chain.includes(base)) {
      errors.push(`字段 profiles.${name}.extends：所继承的规则方案「${String(base)}」不存在或循环继承`);
      return (resolved[name] = own);
    }
    return (resolved[name] = layRules(resolve(base, [...chain, name]), own));
  };
  for (const name of Object.keys(profiles)) resolve(name, [name]);
  return { json: { ...json, profiles: resolved }, errors };
}

/** Validate a parsed rules file; on failure, one Chinese line per problem naming the field. */
export function parseRules(input: unknown): { ok: true; rules: ActiveRules } | { ok: false; errors: string[] } {
  const { json, errors } = resolveExtends(input);
  if (errors.length) return { ok: false, errors };
  const result = RulesFileSchema.safeParse(json);
  if (result.success) return { ok: true, rules: activeRules(result.data) };
  return {
    ok: false,
    errors: result.error.issues.map((issue) => `字段 ${issue.path.join('.') || '(根)'}：${issue.message}`),
  };
}
