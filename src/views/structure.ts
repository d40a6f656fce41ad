/**
 * The headline figures of the team's structure — how many, women, mean age, young, party members,
 * master's or above, senior titles, below the minimum 学历 — defined once from a summary row, for
 * the 队伍结构 page, the department pages, the overview card and the report.
 */
import { EDUCATION_LABELS } from '../domain/people.ts';
import { formatInt } from '../domain/format.ts';
import type { StructureRules, StructureHeadline } from '../domain/rules.ts';
import type { StructureSummaryRow } from '../metrics/structure.ts';
import { formatPercent } from './table.ts';

export interface StructureFigure {
  id: 'people' | 'women' | 'mean_age' | 'young' | 'party' | 'masters' | 'senior' | 'below_min_education';
  label: string;
  /** For narrow table columns. */
  short: string;
  /** People counted (null for the mean age). */
  count(r: StructureSummaryRow): number | null;
  /** The figure's value: a share of all in scope, a mean age, or the head count. */
  value(r: StructureSummaryRow): number | null;
  /** People in scope without the attribute the figure needs (未填写). */
  unknown(r: StructureSummaryRow): number;
  /** How the value is written: "43.2%", "34.8 岁", "81 人". */
  text(r: StructureSummaryRow): string;
  /** How a change of the value is written. */
  delta(now: number, before: number): string;
  /** A figure that counts people not meeting a rule. */
  rule?: true;
}

const share = (n: number, r: StructureSummaryRow) => (r.people > 0 ? n / r.people : null);
/** What the number did, in words (an arrow would read as better or worse; the structure has no better). */
const rose = (a: number, b: number, up = '上升', down = '下降') => (a > b ? up : down);
/** A change of a share in percentage points; under 0.05 points is 持平. */
export const pointsDelta = (a: number, b: number) => (Number.isNaN(a - b) ? '—' : Math.abs(a - b) < 5e-4 ? '持平' : `${rose(a, b)}${Math.abs((a - b) * 100).toFixed(1)}个百分点`);

export const meanAgeText = (r: StructureSummaryRow) => (r.mean_age == null ? '—' : `${r.mean_age.toFixed(1)} 岁`);

function shareFigure(id: StructureFigure['id'], label: string, short: string, count: (r: StructureSummaryRow) => number, unknown: (r: StructureSummaryRow) => number, rule?: true): StructureFigure {
  return {
    id,
    label,
    short,
    count,
    value: (r) => share(count(r), r),
    unknown,
    text: (r) => `${formatInt(count(r))} 人 · ${formatPercent(share(count(r), r))}`,
    delta: pointsDelta,
    ...(rule ? { rule } : {}),
  };
}

export function structureFigures(rules: StructureRules): StructureFigure[] {
  return [
    {
      id: 'people',
      label: '人数',
      short: '人数',
      count: (r) => r.people,
      value: (r) => r.people,
      unknown: () => 0,
      text: (r) => `${formatInt(r.people)} 人`,
      delta: (a, b) => (a === b ? '持平' : `${rose(a, b, '增加', '减少')}${formatInt(Math.abs(a - b))}人`),
    },
    shareFigure('women', '女性', '女性', (r) => r.women, (r) => r.people - r.gender_known),
    {
      id: 'mean_age',
      label: '平均年龄',
      short: '平均年龄',
      count: () => null,
      value: (r) => r.mean_age,
      unknown: (r) => r.people - r.age_known,
      text: meanAgeText,
      delta: (a, b) => (Math.abs(a - b) < 0.05 ? '持平' : `${rose(a, b)}${Math.abs(a - b).toFixed(1)}岁`),
    },
    shareFigure('young', `${rules.young_age}岁及以下`, `${rules.young_age}岁及以下`, (r) => r.young, (r) => r.people - r.age_known),
    shareFigure('party', '中共党员（含预备党员）', '党员（含预备）', (r) => r.party, (r) => r.people - r.political_known),
    shareFigure('masters', '硕士及以上学历', '硕士及以上', (r) => r.masters, (r) => r.people - r.education_known),
    shareFigure('senior', '副高级及以上职称', '副高及以上', (r) => r.senior, (r) => r.people - r.title_known),
    shareFigure('below_min_education', `学历低于${EDUCATION_LABELS[rules.min_education]}`, `低于${EDUCATION_LABELS[rules.min_education]}`, (r) => r.below_min_education, (r) => r.people - r.education_known, true),
  ];
}

/** The overview's structure card: the share the profile marks as headline, and its target if one is set. */
export const HEADLINES: Record<StructureHeadline, { label: string; figure: StructureFigure['id']; target: (rules: StructureRules) => number | null }> = {
  party: { label: '中共党员（含预备党员）', figure: 'party', target: (r) => r.party_share_target },
  masters: { label: '硕士及以上', figure: 'masters', target: (r) => r.masters_share_target },
  senior: { label: '副高及以上', figure: 'senior', target: (r) => r.senior_share_target },
};
