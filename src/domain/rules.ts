/**
 * Rule profiles: the thresholds the dashboard measures against. They live in one file,
 * data/rules.json, whose defaults come from the policy texts, each cited beside its value;
 * an institution edits that file or adds a profile of its own and makes it active.
 */
import { z } from 'zod';

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

export const ProfileSchema = z.object({
  label: z.string(),
  staffing: z.object({
    max_students_per_counselor: rule(z.number().int().positive()),
    part_time_weight: rule(fraction),
  }),
});

export const RulesFileSchema = z
  .object({
    institution: z.object({ name: z.string().min(1) }),
    active_profile: z.string(),
    profiles: z.record(z.string(), ProfileSchema),
  })
  .refine((r) => r.active_profile in r.profiles, {
    message: 'active_profile 指向的规则方案不存在',
    path: ['active_profile'],
  });

export type RulesFile = z.infer<typeof RulesFileSchema>;

/** What the ingest and the site need from the active profile, flattened. */
export interface ActiveRules {
  institution: string;
  profile: string;
  profile_label: string;
  max_students_per_counselor: number;
  /** Part-time workload as a share of full-time: the exact fraction, and its value. */
  part_time_weight: Fraction;
  part_time_fte: number;
}

export function activeRules(file: RulesFile): ActiveRules {
  const profile = file.profiles[file.active_profile]!;
  return {
    institution: file.institution.name,
    profile: file.active_profile,
    profile_label: profile.label,
    max_students_per_counselor: profile.staffing.max_students_per_counselor.value,
    part_time_weight: profile.staffing.part_time_weight.value,
    part_time_fte: profile.staffing.part_time_weight.value.numerator / profile.staffing.part_time_weight.value.denominator,
  };
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
