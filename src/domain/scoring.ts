/**
 * Assessment scores → grades by the active profile's bands. Seed 000 writes the bands as
 * "90分以上为优秀；90～75分为良好；74～60分为合格；60分以下为不合格", which touch at 90, 75 and 60;
 * the default reading is ≥ 90 优秀, [75, 90) 良好, [60, 75) 合格, < 60 不合格, applied to the score
 * as a percentage of its maximum (the form's items add up to 90 though its total line says 100).
 */
import { GRADE_LABELS, type Grade } from './cells.ts';

export interface ScoringRules {
  /** Lower bounds, highest first; a score at a bound belongs to that band. `name`: the school's name for the grade. */
  bands: ReadonlyArray<{ grade: Grade; min: number; name?: string }>;
  /** 'percent': bands apply to score ÷ maximum × 100; 'raw': to the score as written. */
  basis: 'percent' | 'raw';
  items_max: number;
  total_max: number;
}

export function gradeOf(score: number, max: number, rules: ScoringRules): Grade {
  const value = rules.basis === 'percent' ? (score / max) * 100 : score;
  // Scores carry at most a few decimals; compare at a fixed precision so 81/90 is exactly 90 %.
  const rounded = Math.round(value * 1e6) / 1e6;
  return rules.bands.find((b) => rounded >= b.min)?.grade ?? rules.bands[rules.bands.length - 1]!.grade;
}

/** A grade as the school calls it, in the order of its scheme. */
export interface SchemeGrade {
  grade: Grade;
  label: string;
}

/**
 * The school's grade scheme: the grades its bands list, best first, under its own names (优秀/称职/基本称职/不称职;
 * 优秀/合格/不合格). A filed grade the scheme does not list keeps its standard name.
 */
export function gradeScheme(rules: Pick<ScoringRules, 'bands'>): SchemeGrade[] {
  return rules.bands.map((b) => ({ grade: b.grade, label: b.name ?? GRADE_LABELS[b.grade] }));
}

export function gradeLabels(rules: Pick<ScoringRules, 'bands'>): Record<Grade, string> {
  return { ...GRADE_LABELS, ...Object.fromEntries(gradeScheme(rules).map((g) => [g.grade, g.label])) };
}

/**
 * The grades a table of counts shows: the scheme's, and any other that was filed (a 良好 in a three-grade
 * school), so the counts always add up to those assessed.
 */
export function gradesShown(rules: Pick<ScoringRules, 'bands'>, rows: ReadonlyArray<Partial<Record<Grade, number>>>): SchemeGrade[] {
  const labels = gradeLabels(rules);
  const listed = new Set(rules.bands.map((b) => b.grade));
  const order: Grade[] = ['excellent', 'good', 'pass', 'fail'];
  return order.filter((g) => listed.has(g) || rows.some((r) => Number(r[g] ?? 0) > 0)).map((g) => ({ grade: g, label: labels[g] }));
}
