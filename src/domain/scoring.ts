/**
 * Assessment scores → grades by the active profile's bands. Seed 000 writes the bands as
 * "90分以上为优秀；90～75分为良好；74～60分为合格；60分以下为不合格", which touch at 90, 75 and 60;
 * the default reading is ≥ 90 优秀, [75, 90) 良好, [60, 75) 合格, < 60 不合格, applied to the score
 * as a percentage of its maximum (the form's items add up to 90 though its total line says 100).
 */
import type { Grade } from './cells.ts';

export interface ScoringRules {
  /** Lower bounds, highest first; a score at a bound belongs to that band. */
  bands: ReadonlyArray<{ grade: Grade; min: number }>;
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
