/**
 * Rule profiles: the thresholds the dashboard measures against. They live in one file,
 * data/rules.json, whose defaults come from the policy texts, each cited beside its value;
 * an institution edits that file or adds a profile of its own and makes it active.
 * Institution-wide settings (name, calendar, department aliases, how names are published) sit
 * beside the profiles.
 */
import { z } from 'zod';
import type { CalendarRules } from './calendar.ts';
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

/** Each rule is written as { value, source } so the policy behind a number travels with it. */
const rule = <T extends z.ZodType>(value: T) => z.object({ value, source: z.string().optional() });

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

const Band = z.object({ grade: z.enum(GRADES), min: z.number() });

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
  }),
  assessment: z.object({
    bands: rule(
      z
        .array(Band)
        .min(2)
        .refine((bs) => bs.every((b, i) => i === 0 || b.min < bs[i - 1]!.min), '各等次的下限须从高到低排列'),
    ),
    basis: rule(z.enum(['percent', 'raw'])),
    items_max: rule(z.number().positive()),
    total_max: rule(z.number().positive()),
    excellence_quota: rule(z.number().gt(0).lte(1)),
    quota_rounding: rule(z.enum(['floor', 'round', 'ceil'])),
  }),
});

export const RulesFileSchema = z
  .object({
    institution: z.object({ name: z.string().min(1) }),
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
      })
      .default({ title: '关于辅导员队伍建设情况的报告', addressee: '校党委', issuer: '学生工作处', signature: [] }),
    publish: z.object({
      /** full: as written; masked: 张*明; pseudonym: a stable code per person. */
      names: z.enum(['full', 'masked', 'pseudonym']),
      pseudonym_salt: z.string().default(''),
    }),
    department_aliases: z.record(z.string(), z.string()).default({}),
    /** When listed, a department not in the list (after aliases) is rejected. */
    departments: z.array(z.string()).default([]),
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

/** What the ingest and the site need from the rules file, with the active profile flattened. */
export interface ActiveRules {
  institution: string;
  report: { title: string; addressee: string; issuer: string; signature: string[]; logo?: string };
  profile: string;
  profile_label: string;
  max_students_per_counselor: number;
  /** Part-time workload as a share of full-time: the exact fraction, and its value. */
  part_time_weight: Fraction;
  part_time_fte: number;
  disallowed_hiring: string[];
  workload_norms: WorkloadNorm[];
  workload_target_share: number;
  training: { school_hours_per_year: number; national_or_provincial_every_years: number };
  assessment: ScoringRules & { excellence_quota: number; quota_rounding: 'floor' | 'round' | 'ceil' };
  calendar: CalendarRules;
  publish: { names: 'full' | 'masked' | 'pseudonym'; pseudonym_salt: string };
  department_aliases: Record<string, string>;
  departments: string[];
}

export function activeRules(file: RulesFile): ActiveRules {
  const p = file.profiles[file.active_profile]!;
  const w = p.staffing.part_time_weight.value;
  return {
    institution: file.institution.name,
    report: file.report,
    profile: file.active_profile,
    profile_label: p.label,
    max_students_per_counselor: p.staffing.max_students_per_counselor.value,
    part_time_weight: w,
    part_time_fte: w.numerator / w.denominator,
    disallowed_hiring: p.staffing.disallowed_hiring.value,
    workload_norms: p.workload.norms,
    workload_target_share: p.workload.target_share.value,
    training: {
      school_hours_per_year: p.training.school_hours_per_year.value,
      national_or_provincial_every_years: p.training.national_or_provincial_every_years.value,
    },
    assessment: {
      bands: p.assessment.bands.value,
      basis: p.assessment.basis.value,
      items_max: p.assessment.items_max.value,
      total_max: p.assessment.total_max.value,
      excellence_quota: p.assessment.excellence_quota.value,
      quota_rounding: p.assessment.quota_rounding.value,
    },
    calendar: file.calendar,
    publish: { names: file.publish.names, pseudonym_salt: file.publish.pseudonym_salt },
    department_aliases: file.department_aliases,
    departments: file.departments,
  };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * An institution's own settings (`over`, e.g. a rules.json beside its exports holding only what
 * differs) laid over the defaults: objects merge key by key, anything else (a value, a list) replaces.
 */
export function layRules(base: unknown, over: unknown): unknown {
  if (!isObject(base) || !isObject(over)) return over;
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) merged[key] = key in base ? layRules(base[key], value) : value;
  return merged;
}

/** Validate a parsed rules file; on failure, one Chinese line per problem naming the field. */
export function parseRules(json: unknown): { ok: true; rules: ActiveRules } | { ok: false; errors: string[] } {
  const result = RulesFileSchema.safeParse(json);
  if (result.success) return { ok: true, rules: activeRules(result.data) };
  return {
    ok: false,
    errors: result.error.issues.map((issue) => `字段 ${issue.path.join('.') || '(根)'}：${issue.message}`),
  };
}
