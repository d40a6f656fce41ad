/**
 * What the overview and the department pages must show for each area's headline figure, from the
 * two independent oracles (oracle.ts for staffing, oracle-metrics.ts for the rest) and README's
 * definitions — written here again, not taken from src/dashboard/measures.ts.
 *
 * Values are kept exact (a fraction, or a count) so that ranks and ties are decided without
 * floating-point doubt.
 */
import { INSTITUTION, type MetricsTruth } from './oracle-metrics.ts';
import { described } from './oracle-structure.ts';
import { expected, institution, ratioString, type Truth, type Unit } from './oracle.ts';

export type MeasureId = 'ratio' | 'workload' | 'assessment' | 'quota' | 'training' | 'assistants' | 'structure';
export const MEASURE_IDS: readonly MeasureId[] = ['ratio', 'workload', 'assessment', 'quota', 'training', 'assistants', 'structure'];
/** Lower is better for the ratio and for the number of units over quota; higher for the shares. */
export const LOWER_IS_BETTER: ReadonlySet<MeasureId> = new Set(['ratio', 'quota']);

export interface Expected {
  /** The value as a fraction num/den (den 1 for counts). */
  num: number;
  den: number;
  /** What the page writes for the value. */
  text: string;
  /** null: nothing to judge against (the team's structure without a target). */
  ok: boolean | null;
  detail: string;
}

const group = (n: number) => n.toLocaleString('en-US');

/** A share as the pages write it: one decimal, rounded half up on the exact fraction, never 100.0 % short of all nor 0.0 % above none. */
export function pct(met: number, total: number): string {
  if (total === 0) return '—';
  let tenths = Math.floor((2000 * met + total) / (2 * total));
  if (met < total && tenths === 1000) tenths = 999;
  if (met > 0 && tenths === 0) tenths = 1;
  return `${(tenths / 10).toFixed(1)}%`;
}

export { semesterText as semesterLabel } from './format.ts';

const share = (met: number, total: number, unit: string, ok: boolean): Expected | null =>
  total > 0 ? { num: met, den: total, text: pct(met, total), ok, detail: `${group(met)}/${group(total)} ${unit}` } : null;

/** The reading of one measure for one department (or INSTITUTION) in one semester; null when the unit has no data. */
export function expectedReading(m: MeasureId, semester: string, unit: string, staffing: Truth, truth: MetricsTruth): Expected | null {
  const staffUnits = staffing.get(semester) ?? new Map<string, Unit>();
  const staff = unit === INSTITUTION ? institution(staffUnits.values()) : staffUnits.get(unit);
  switch (m) {
    case 'ratio': {
      if (!staff || staff.students === 0) return null;
      const e = expected(staff);
      // "1:1,234.5": the integer part grouped, as the pages write numbers.
      const text = staff.fullTime > 0 ? ratioString(staff.students, staff.fullTime).replace(/(?<=^1:)\d+/, (d) => group(Number(d))) : '—';
      return { num: staff.students, den: staff.fullTime, text, ok: e.compliant, detail: `在校生 ${group(staff.students)} 人，专职 ${group(staff.fullTime)} 人${e.gap > 0 ? `，缺 ${e.gap} 人` : ''}` };
    }
    case 'workload': {
      const r = truth.workload.get(semester)?.get(unit)?.get('counselor')?.allWeekly;
      return r ? share(r.met, r.periods, '人周次', r.met >= truth.workloadTargetShare! * r.periods) : null;
    }
    case 'assessment': {
      // A semester without any assessment row has none sent yet (assessment is at the semester's
      // end): no data, not 0 %. The oracle lists the semesters with assessments only.
      const c = truth.assessmentCoverage.get(semester)?.get(unit);
      return c ? share(c.assessed, c.roster, '人', c.assessed === c.roster) : null;
    }
    case 'quota': {
      const roles = [...(truth.quota.get(semester)?.get(unit)?.values() ?? [])];
      if (!roles.length) return null;
      const over = roles.reduce((n, q) => n + q.unitsOver, 0);
      const used = roles.reduce((n, q) => n + q.used, 0);
      const allowed = roles.reduce((n, q) => n + q.allowed, 0);
      return { num: over, den: 1, text: over === 0 ? '无超额' : `${over} 个单位超额`, ok: over === 0, detail: `名额按系部、角色分别核定；优秀 ${used} 人，名额 ${allowed} 人` };
    }
    case 'training': {
      const t = truth.training.get(semester)?.get(unit);
      return t ? share(t.meetingHours, t.counselors, '人', t.meetingHours === t.counselors) : null;
    }
    case 'assistants': {
      const a = truth.assistants.get(semester)?.get(unit);
      // 每班可配备1名 is an allowance: only a class with more than one assistant exceeds it; else no verdict.
      const r = a ? share(a.covered, a.classes, '个班', a.multiple.length > 0 ? false : true) : null;
      return r && { ...r, ok: a!.multiple.length > 0 ? false : null, detail: a!.multiple.length > 0 ? `${r.detail}；${a!.multiple.length}个班多于1名助理` : r.detail };
    }
    case 'structure': {
      // The full-time counselors' share the profile marks as headline; judged only against a target it sets.
      const u = truth.structure.get(semester)?.get(unit)?.get('full_time');
      if (!u || !u.people.length || !described(u)) return null;
      const { figure, target } = truth.structureHeadline;
      const met = { party: u.party, masters: u.masters, senior: u.senior }[figure];
      const label = { party: '中共党员（含预备党员）', masters: '硕士及以上', senior: '副高及以上' }[figure];
      const n = u.people.length;
      return { num: met, den: n, text: `${label} ${pct(met, n)}`, ok: target == null ? null : met * 1000 >= Math.round(target * 1000) * n, detail: `${group(met)}/${group(n)} 人` };
    }
  }
}

/** A reading with a value to compare (a unit with students and no full-time counselor has none). */
export const hasValue = (r: Expected | null): r is Expected => r != null && r.den > 0;

export const statusWord = (r: Expected | null) => (r == null ? '无数据' : r.ok == null ? '未设目标' : r.ok ? '达标' : '未达标');

/** a − b as a number, for the size of a change. */
const value = (r: Expected) => r.num / r.den;

/**
 * How the pages write a change: what the number did (上升/下降, for counts 增加/减少) and, apart
 * from it, whether that is better or worse (改善/变差) — for 师生比 and 超额 a rise is worse.
 */
export function expectedDelta(m: MeasureId, now: Expected, before: Expected): string {
  const a = value(now);
  const b = value(before);
  const same = now.num * before.den === before.num * now.den;
  if (same) return '持平';
  const judgement = (LOWER_IS_BETTER.has(m) ? a < b : a > b) ? '改善' : '变差';
  if (m === 'ratio') return `${a > b ? '上升' : '下降'}${Math.abs(a - b).toFixed(1)}，${judgement}`;
  if (m === 'quota') return `${a > b ? '增加' : '减少'}${Math.abs(a - b)}个，${judgement}`;
  return `${a > b ? '上升' : '下降'}${Math.abs((a - b) * 100).toFixed(1)}个百分点，${judgement}`;
}

/** The same change against a named earlier reading, as a card's note says it. */
export function expectedCompared(m: MeasureId, now: Expected, before: Expected, when: string): string {
  const delta = expectedDelta(m, now, before);
  return delta === '持平' ? `与${when}持平（${before.text}）` : `较${when}（${before.text}）${delta}`;
}

/** Compare two readings exactly: negative when a is better than b for the measure. */
function better(m: MeasureId, a: Expected, b: Expected): number {
  const diff = a.num * b.den - b.num * a.den; // sign of a − b (denominators are positive)
  return LOWER_IS_BETTER.has(m) ? diff : -diff;
}

/** Rank among the departments with a value (1 = best; ties share a rank), and how many have one. */
export function expectedRank(m: MeasureId, semester: string, unit: string, departments: readonly string[], staffing: Truth, truth: MetricsTruth): { rank: number; of: number; tied: number } | null {
  const own = expectedReading(m, semester, unit, staffing, truth);
  if (!hasValue(own)) return null;
  const all = departments.map((d) => expectedReading(m, semester, d, staffing, truth)).filter(hasValue);
  return { rank: all.filter((r) => better(m, r, own) < 0).length + 1, of: all.length, tied: all.filter((r) => better(m, r, own) === 0).length };
}

/** A rank as the department page writes it: ties marked 并列. */
export const expectedRankText = (r: { rank: number; of: number; tied: number } | null) =>
  !r ? '—' : r.tied > 1 ? `并列第 ${r.rank} 名（${r.tied} 个系部并列，共 ${r.of} 个系部）` : `第 ${r.rank} 名（共 ${r.of} 个系部）`;
