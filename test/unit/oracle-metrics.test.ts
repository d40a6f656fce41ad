/**
 * The independent metrics oracle (test/support/oracle-metrics.ts) that the end-to-end tests
 * compare the pages with. Checked two ways: (a) its row counts against the published Parquet
 * (what the ingest accepted — not the metric SQL), and against the staffing oracle's roster
 * counts; (b) facts about the demo exports worked out by hand from the files and from
 * scripts/generate-demo.ts (its deliberate problems and the story it tells).
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeTruth, type Truth } from '../support/oracle.ts';
import { computeMetricsTruth, INSTITUTION, type MetricsTruth, type Role } from '../support/oracle-metrics.ts';

let truth: MetricsTruth;
let staffing: Truth;
let dataDir: string;
let scratch: string | null = null;
let query: (sql: string) => Promise<Array<Record<string, string | number | null>>>;

/** The published tables: public/data after `npm run ingest`, else a fresh ingest (a clean clone has no public/data). */
function publishedData(): string {
  if (existsSync('public/data/worklogs.parquet')) return 'public/data';
  scratch = mkdtempSync(join(tmpdir(), 'oracle-metrics-'));
  const out = join(scratch, 'data');
  execFileSync(process.execPath, ['scripts/ingest.ts', '--input', 'data/exports', '--out', out, '--quiet'], { stdio: ['ignore', 'ignore', 'inherit'] });
  return out;
}

beforeAll(async () => {
  [truth, staffing] = await Promise.all([computeMetricsTruth('data/exports', 'data/rules.json'), computeTruth('data/exports')]);
  dataDir = publishedData();
  const connection = await (await DuckDBInstance.create(':memory:')).connect();
  query = async (sql) =>
    (await connection.runAndReadAll(sql.replaceAll('$DATA', dataDir))).getRowObjectsJson() as Array<Record<string, string | number | null>>;
  // Reading every export twice (both oracles) and, in a clean clone, an ingest: more than the default 10 s on a loaded machine.
}, 180_000);
afterAll(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

const LATEST = '2026-2027-1';
const unit = <T>(m: Map<string, Map<string, T>>, semester: string, dept: string) => m.get(semester)?.get(dept);

describe('(a) totals that can be checked another way', () => {
  it('work-log person-weeks per semester and role equal the published worklogs rows', async () => {
    const rows = await query(`SELECT semester, role, count(*) AS n FROM '$DATA/worklogs.parquet' GROUP BY ALL`);
    const mine = [...truth.workload].flatMap(([s, depts]) => [...depts.get(INSTITUTION)!].map(([role, u]) => `${s} ${role} ${u.personWeeks}`));
    expect(mine.sort()).toEqual(rows.map((r) => `${r.semester} ${r.role} ${Number(r.n)}`).sort());
    expect(mine).toHaveLength(11);
  });

  it('work-log person-weeks per department add up to the institution, and every weekly norm is judged on every row', () => {
    for (const [s, depts] of truth.workload)
      for (const [role, total] of depts.get(INSTITUTION)!) {
        const parts = [...depts].filter(([d]) => d !== INSTITUTION).map(([, roles]) => roles.get(role)?.personWeeks ?? 0);
        expect(parts.reduce((a, b) => a + b, 0), `${s} ${role}`).toBe(total.personWeeks);
        for (const n of truth.norms.filter((x) => x.role === role && x.per === 'week'))
          expect(total.norms.get(n.field)!.periods, `${s} ${role} ${n.field}`).toBe(total.personWeeks);
        expect(total.allWeekly.periods).toBe(total.personWeeks);
      }
  });

  it('assessment rows per semester, department and role equal the published assessments rows', async () => {
    const rows = await query(`SELECT semester, department, role, count(*) AS n FROM '$DATA/assessments.parquet' GROUP BY ALL`);
    const mine = [...truth.assessment].flatMap(([s, depts]) =>
      [...depts].filter(([d]) => d !== INSTITUTION).flatMap(([d, roles]) => [...roles].map(([role, u]) => `${s} ${d} ${role} ${u.count}`)),
    );
    expect(mine.sort()).toEqual(rows.map((r) => `${r.semester} ${r.department} ${r.role} ${Number(r.n)}`).sort());
    expect(truth.assessed).toHaveLength(rows.reduce((a, r) => a + Number(r.n), 0));
  });

  it('full-time counselors on each roster equal the published roster and the staffing oracle', async () => {
    const rows = await query(`SELECT semester, department, count(*) AS n FROM '$DATA/counselors.parquet' WHERE employment = 'full_time' GROUP BY ALL`);
    const mine = [...truth.training].flatMap(([s, depts]) => [...depts].filter(([d]) => d !== INSTITUTION).map(([d, u]) => `${s} ${d} ${u.counselors}`));
    expect(mine.sort()).toEqual(rows.map((r) => `${r.semester} ${r.department} ${Number(r.n)}`).sort());
    const fromStaffing = [...staffing].flatMap(([s, depts]) => [...depts].filter(([, u]) => u.fullTime > 0).map(([d, u]) => `${s} ${d} ${u.fullTime}`));
    expect(mine.sort()).toEqual(fromStaffing.sort());
  });

  it('assistants and classes per department equal the published rows in the semesters that have the files', async () => {
    const assistants = await query(`SELECT semester, department, count(*) AS n FROM '$DATA/assistants.parquet' GROUP BY ALL`);
    const classes = await query(`SELECT semester, department, count(*) AS n FROM '$DATA/classes.parquet' GROUP BY ALL`);
    // 12 departments × 2 academic years, and 机电工程系's 2025-2026-2 考核情况汇总表, which lists the classes too.
    expect(assistants.length).toBe(25);
    for (const r of assistants) expect(unit(truth.assistants, String(r.semester), String(r.department))?.assistants, `${r.semester} ${r.department}`).toBe(Number(r.n));
    for (const r of classes) expect(unit(truth.assistants, String(r.semester), String(r.department))?.classes, `${r.semester} ${r.department}`).toBe(Number(r.n));
  });

  it('the heat map holds every person-week but the one dated outside its semester', () => {
    for (const [s, depts] of truth.workload)
      for (const [role, total] of depts.get(INSTITUTION)!) {
        const cells = [...(truth.heatmap.get(s)!.get(INSTITUTION)!.get(role)?.values() ?? [])];
        const inMap = cells.reduce((a, c) => a + c.periods, 0);
        const outside = s === '2025-2026-1' && role === 'counselor' ? 1 : 0;
        expect(inMap, `${s} ${role}`).toBe(total.personWeeks - outside);
      }
  });
});

describe('(b) facts about the demo exports', () => {
  it('the one mismatched grade: 机电工程系 2026-2027-1, 总分 92 recorded 良好', () => {
    expect(truth.mismatches).toEqual([
      {
        semester: LATEST, department: '机电工程系', role: 'counselor', personId: '017921', name: '尹睿俊', score: 92, scoreMax: 100,
        derived: 'excellent', recorded: 'good', file: `${LATEST}/机电工程系/机电工程系辅导员考核结果.csv`, row: 8,
      },
    ]);
    expect(unit(truth.assessment, LATEST, '机电工程系')!.get('counselor')!.mismatches).toHaveLength(1);
  });

  it('the quota counts the filed grade: 机电工程系 has 13 counselors, 2 allowed, 1 used (the recorded 优秀; the 92 filed 良好 stays 良好)', () => {
    expect(unit(truth.quota, LATEST, '机电工程系')!.get('counselor')).toEqual({ n: 13, allowed: 2, used: 1, over: false, unitsOver: 0 });
  });

  it('优秀 over quota: counselors of 经济管理系 in 2025-2026-2, of 经济管理系 and 旅游与酒店管理系 in 2026-2027-1; the assistants of 机电工程系 in 2025-2026-2 (seed 000\'s 汇总表 as printed)', () => {
    const over = (s: string, role: Role) =>
      [...truth.quota.get(s)!].filter(([d, roles]) => d !== INSTITUTION && roles.get(role)?.over).map(([d]) => d).sort();
    expect(over('2025-2026-2', 'counselor')).toEqual(['经济管理系']);
    expect(over(LATEST, 'counselor')).toEqual(['旅游与酒店管理系', '经济管理系']);
    expect(over('2025-2026-2', 'assistant')).toEqual(['机电工程系']);
    expect(unit(truth.quota, '2025-2026-2', '机电工程系')!.get('assistant')).toEqual({ n: 31, allowed: 6, used: 7, over: true, unitsOver: 1 });
    expect(over(LATEST, 'assistant')).toEqual([]);
    expect(unit(truth.quota, LATEST, '经济管理系')!.get('counselor')).toEqual({ n: 10, allowed: 2, used: 3, over: true, unitsOver: 1 });
    expect(unit(truth.quota, LATEST, INSTITUTION)!.get('counselor')).toMatchObject({ n: 99, unitsOver: 2 });
  });

  it('band boundaries: 81 of 90 item points is 优秀, 67.5 is 良好 (75 %), 60 is 合格', () => {
    const row = (s: string, dept: string, name: string) => truth.assessed.find((a) => a.semester === s && a.department === dept && a.name === name)!;
    expect(row('2025-2026-2', '汽车工程系', '毛敏娜')).toMatchObject({ score: 81, scoreMax: 90, grade: 'excellent', recorded: 'excellent' });
    expect(row(LATEST, '艺术设计系', '段晓')).toMatchObject({ score: 67.5, scoreMax: 90, grade: 'good' });
    expect(row(LATEST, '电子信息与通信工程学院', '肖梅瑶')).toMatchObject({ score: 60, scoreMax: 90, grade: 'pass' });
  });

  it('seed 000\'s forms: 医学护理系\'s workbook of 考核量化表 gives one assessment per sheet, graded from its items; 机电工程系\'s 汇总表 is a roster without 政治面貌 or 不及格课程', () => {
    expect(unit(truth.assessment, LATEST, '医学护理系')!.get('assistant')!.count).toBe(33);
    expect(truth.assessed.find((a) => a.semester === LATEST && a.name === '方丹')).toMatchObject({ department: '医学护理系', score: 60, scoreMax: 90, grade: 'pass', recorded: 'pass' });
    const summary = unit(truth.assistants, '2025-2026-2', '机电工程系')!;
    expect(summary).toMatchObject({ rosterFrom: '2025-2026-2', assistants: 31, politicalEligible: 0, failedNotReported: 31 });
    expect(summary.people.every((p) => p.political === '' && p.studentId === null)).toBe(true);
  });

  it('the item above its maximum (到岗 12) is counted: 外国语学院 2025-2026-2 has 13 assistants assessed', () => {
    expect(unit(truth.assessment, '2025-2026-2', '外国语学院')!.get('assistant')!.count).toBe(13);
    const row = truth.assessed.find((a) => a.semester === '2025-2026-2' && a.name === '龚涵婷')!;
    expect(row.items!.勤).toBe(12 + 3 + 3.5);
    expect(row.grade).toBe('good');
  });

  it('only 数学与物理学院 has graduate assistants: 3 people, 54 weeks, 41 within 15–20 hours', () => {
    for (const [s, depts] of truth.workload)
      for (const [d, roles] of depts) expect(roles.has('graduate_assistant'), `${s} ${d}`).toBe(s === LATEST && (d === '数学与物理学院' || d === INSTITUTION));
    const u = unit(truth.workload, LATEST, '数学与物理学院')!.get('graduate_assistant')!;
    expect(u.personWeeks).toBe(54);
    expect(u.norms.get('hours')).toEqual({ met: 41, periods: 54 });
    // Hours worked out by hand from the file: 熊燕梦 under 15 in 7 weeks (short 15.5 h); 苏志阳 above 20 in 5 weeks (short 0).
    const people = unit(truth.shortfalls, LATEST, '数学与物理学院')!.get('graduate_assistant')!;
    expect(people.map((p) => [p.name, p.weeksMissing, p.shortfall])).toEqual([['熊燕梦', 7, 15.5], ['石浩睿', 1, 1], ['苏志阳', 5, 0]]);
  });

  it('the rejected count "五" is left out and the pasted-twice row counted twice', () => {
    // 机电工程系 2025-2026-1: 13 counselors × 18 weeks, less the rejected row.
    expect(unit(truth.workload, '2025-2026-1', '机电工程系')!.get('counselor')!.personWeeks).toBe(13 * 18 - 1);
    // 建筑工程系 2026-2027-1: 8 counselors × 18 weeks, plus the duplicate.
    expect(unit(truth.workload, LATEST, '建筑工程系')!.get('counselor')!.personWeeks).toBe(8 * 18 + 1);
  });

  it('the week dated a year early (汽车工程系 2025-2026-1, week 7) is missing from the heat map only', () => {
    const weeks = unit(truth.heatmap, '2025-2026-1', '汽车工程系')!.get('counselor')!;
    expect([...weeks.keys()].sort((a, b) => a - b)).toEqual(Array.from({ length: 18 }, (_, i) => i + 1));
    expect(weeks.get(7)!.periods).toBe(7);
    expect(weeks.get(8)!.periods).toBe(8);
    expect(unit(truth.workload, '2025-2026-1', '汽车工程系')!.get('counselor')!.personWeeks).toBe(8 * 18);
  });

  it('monthly norms are judged per person-month: 班主任 teacher contacts in 2025-2026-1 over 24 teachers × 4 months', () => {
    // Weeks 1–18 from Monday 2025-09-01 start in September…December (4 months) for each of 24 班主任 (432 rows ÷ 18).
    expect(unit(truth.workload, '2025-2026-1', INSTITUTION)!.get('class_teacher')!.norms.get('teacher_contacts')!.periods).toBe(24 * 4);
    expect(truth.weekOne.get('2025-2026-2')).toBe('2026-02-23'); // 02-24 is a Tuesday
  });

  it('training: the story of the generator (7 short of 16 h in 2025; 5 without a national/provincial course by 2026)', () => {
    expect(truth.trainingYear.get('2025-2026-2')).toBe(2026);
    const short = (s: string) => unit(truth.training, s, INSTITUTION)!.people.filter((p) => !p.metHours).map((p) => p.name).sort();
    expect(short('2025-2026-1')).toEqual(['刘娟', '叶鑫', '夏琦', '朱敏欣', '林志超', '谢雅梅', '黄阳宁'].sort());
    expect(short(LATEST)).toEqual(['叶鑫', '夏琦', '孔华', '杨建浩', '谢雅梅'].sort());
    const latest = unit(truth.training, LATEST, INSTITUTION)!;
    expect(latest.people.filter((p) => !p.hasWider).map((p) => p.name).sort()).toEqual(['戴峰洋', '戴彤琪', '江泽', '黎洋凯', '马涛勇'].sort());
    expect(latest).toMatchObject({ counselors: 81, meetingHours: 76, withoutWider: 5 });
  });

  it('training: the national/provincial window is the training year and the two before, never later', () => {
    // 马阳's only provincial/national course is dated 2024: inside 2024…2026.
    expect(unit(truth.training, LATEST, '信息工程系')!.people.find((p) => p.name === '马阳')).toMatchObject({ hasWider: true });
    // For 2025 (2023…2025) the courses dated 2026 do not count yet: 28 of the 80 have none.
    expect(unit(truth.training, '2025-2026-1', INSTITUTION)).toMatchObject({ counselors: 80, withoutWider: 28 });
  });

  it('training rows under an abbreviated department (医学护理系 as 护理系) and IDs that lost their zeros still match', () => {
    const u = unit(truth.training, '2025-2026-1', '医学护理系')!;
    expect(u.people.some((p) => /^\d{5}$/.test(p.staffId))).toBe(true);
    for (const p of u.people) expect(p.schoolHours, p.name).toBeGreaterThanOrEqual(16);
  });

  it('assistants: 2025-2026-2 uses the 第一学期 roster and class list; every class listed, none doubled; 2024-2025-2 has none', () => {
    const spring = unit(truth.assistants, '2025-2026-2', '外国语学院')!;
    expect(spring).toMatchObject({ rosterFrom: '2025-2026-1', classesFrom: '2025-2026-1', unmatched: [], multiple: [] });
    expect(truth.assistants.has('2024-2025-2')).toBe(false);
    for (const [s, depts] of truth.assistants)
      for (const [d, u] of depts) {
        if (d === INSTITUTION) continue;
        expect(u.covered / u.classes, `${s} ${d}`).toBeGreaterThanOrEqual(0.72 - 0.02);
        expect(u.covered / u.classes, `${s} ${d}`).toBeLessThanOrEqual(0.84 + 0.02);
        expect(u.covered, `${s} ${d}`).toBe(u.assistants);
        expect(u.yearEligible, `${s} ${d}: the generator appoints 2nd- and 3rd-year students only`).toBe(u.assistants);
      }
  });
});
