/**
 * Who sees what. A build is made for one audience:
 * - internal (内部版): everything — person lists with names (as publish.names says), every table —
 *   for the 学工部, behind the web server's authentication;
 * - public (公开版): aggregates only, for anyone on the intranet. A figure about people (their
 *   grades, scores, workload, training, team structure, eligibility) is published only for groups
 *   of at least `k` people (publish.min_group_size, 3 by default).
 *
 * Groups are the finest ones any figure is published for: a population (full-time counselors,
 * counselors assessed, assistants…) in one department and semester. A group smaller than k is
 * withheld, and so is every figure that counts it. The institution's total still counts it, so
 * that total minus the departments shown would give the withheld group's figure: where the
 * withheld groups of a population hold fewer than k people together, the next smallest
 * departments are withheld with them until they hold k (or all are), and where the whole
 * institution has fewer than k, its figure is withheld too. Whatever can be worked out from what is
 * shown is then a group of at least k.
 */
import { ROLE_LABELS, type Role } from './cells.ts';

export type Audience = 'internal' | 'public';
export const AUDIENCES: readonly Audience[] = ['internal', 'public'];

export const AUDIENCE_LABELS: Record<Audience, string> = { internal: '内部版', public: '公开版' };

/** The footer line every page and the report carry, so that a copy that travels says what it is. */
export function audienceLine(audience: Audience, k: number): string {
  return audience === 'internal'
    ? `${AUDIENCE_LABELS.internal}：含人员姓名、考核和个人信息，仅供学工部工作使用，请勿转发或公开链接。`
    : `${AUDIENCE_LABELS.public}：只含汇总数据，不含人员名单；人数少于 ${k} 人的统计不单独公布。`;
}

/** The institution as a unit (the same word as the metrics' 全院 rows). */
const INSTITUTION = '全院';

/** The populations figures about people are counted over (a group is one of them in a department and a semester). */
export const POPULATIONS = {
  fullTime: 'roster:full_time',
  partTime: 'roster:part_time',
  /** Counselors as one group: for what is only ever published over all of them (how they were hired). */
  roster: 'roster:all',
  assistants: 'assistants',
  graduates: 'graduates',
  assessed: (role: string) => `assessed:${role}`,
  /** Those assessed with a score (a mean score is over them), and with the 14 items' scores. */
  scored: (role: string) => `scored:${role}`,
  itemised: (role: string) => `itemised:${role}`,
  worklog: (role: string) => `worklog:${role}`,
} as const;

/** Every role's population of a kind ('assessed', 'worklog'), or the one role's. */
export function rolePopulations(kind: 'assessed' | 'scored' | 'itemised' | 'worklog', role: string | null | undefined): string[] {
  return (role ? [role] : (Object.keys(ROLE_LABELS) as Role[])).map(POPULATIONS[kind]);
}

export interface GroupSize {
  semester: string;
  population: string;
  department: string;
  people: number;
}

/** semester → population → the units withheld (departments, and 全院 when the institution itself is too small). */
export type Withheld = Record<string, Record<string, string[]>>;

/**
 * The departments withheld in one population and semester: those under k, then (when they hold
 * fewer than k together) the smallest of the others until they do; 全院 when all of them hold fewer than k.
 */
export function withheldUnits(sizes: ReadonlyMap<string, number>, k: number): string[] {
  const present = [...sizes].filter(([, n]) => n > 0).sort(([a, x], [b, y]) => x - y || (a < b ? -1 : a > b ? 1 : 0));
  const total = present.reduce((n, [, x]) => n + x, 0);
  const withheld = present.filter(([, n]) => n < k);
  let held = withheld.reduce((n, [, x]) => n + x, 0);
  for (const entry of present) {
    if (!withheld.length || held >= k) break;
    if (withheld.includes(entry)) continue;
    withheld.push(entry);
    held += entry[1];
  }
  const units = withheld.map(([d]) => d).sort();
  return total > 0 && total < k ? [...units, INSTITUTION] : units;
}

export function withheldGroups(sizes: readonly GroupSize[], k: number): Withheld {
  const by = new Map<string, Map<string, Map<string, number>>>();
  for (const s of sizes) {
    const semester = by.get(s.semester) ?? by.set(s.semester, new Map()).get(s.semester)!;
    const population = semester.get(s.population) ?? semester.set(s.population, new Map()).get(s.population)!;
    population.set(s.department, (population.get(s.department) ?? 0) + s.people);
  }
  const out: Withheld = {};
  for (const [semester, populations] of [...by].sort(([a], [b]) => (a < b ? -1 : 1))) {
    for (const [population, departments] of [...populations].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const units = withheldUnits(departments, k);
      if (units.length) (out[semester] ??= {})[population] = units;
    }
  }
  return out;
}

/** Whether a unit's figure over these populations in this semester is withheld. */
export function isWithheld(withheld: Withheld, semester: string | null | undefined, populations: readonly string[], unit: string): boolean {
  if (!semester) return false;
  const s = withheld[semester];
  return !!s && populations.some((p) => s[p]?.includes(unit));
}

/** The units withheld for any of these populations in this semester (departments first, 全院 last). */
export function withheldIn(withheld: Withheld, semester: string | null | undefined, populations: readonly string[]): string[] {
  if (!semester) return [];
  const s = withheld[semester] ?? {};
  const units = new Set(populations.flatMap((p) => s[p] ?? []));
  const institution = units.delete(INSTITUTION);
  return [...[...units].sort(), ...(institution ? [INSTITUTION] : [])];
}

/** A population as a reader names it (the build's summary of what it withheld). */
export function populationLabel(population: string): string {
  const fixed: Record<string, string> = {
    [POPULATIONS.fullTime]: '专职辅导员',
    [POPULATIONS.partTime]: '兼职辅导员',
    [POPULATIONS.roster]: '辅导员（聘用方式）',
    [POPULATIONS.assistants]: '辅导员（班主任）助理',
    [POPULATIONS.graduates]: '研究生德育工作助理',
  };
  if (fixed[population]) return fixed[population];
  const [kind, role] = population.split(':');
  const who = ROLE_LABELS[role as Role] ?? role ?? '';
  const of: Record<string, string> = { assessed: '参加考核的', scored: '有考核得分的', itemised: '有分项得分的', worklog: '报送工作记录的' };
  return `${of[kind ?? ''] ?? ''}${who}`;
}

/**
 * What a public build withholds, in sentences for the clerk who runs it (one per semester and
 * population): the units and why — fewer than k, or withheld with them so that no total gives them away.
 */
export function withheldSummary(withheld: Withheld, k: number, semesterName: (id: string) => string = (s) => s): string[] {
  return Object.entries(withheld).flatMap(([semester, populations]) =>
    Object.entries(populations).map(([population, units]) => {
      const departments = units.filter((u) => u !== INSTITUTION);
      const institution = units.includes(INSTITUTION) ? `；全院合计也少于 ${k} 人，不公布` : '';
      return `${semesterName(semester)} ${populationLabel(population)}：${departments.join('、') || '—'}不单独公布（人数少于 ${k} 人，或为防止由全院合计推算而一并隐去${institution}）`;
    }),
  );
}
