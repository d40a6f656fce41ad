/**
 * The staffing metric SQL — the one definition both the build and the browser run — on small
 * tables whose answers are worked out by hand below.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COVERAGE_OUTPUT } from '../../src/collection/coverage.ts';
import { TABLES } from '../../src/domain/tables/index.ts';
import { NodeRunner } from '../../src/io/duckdb-node.ts';
import { createTableSql, sqlString } from '../../src/metrics/sql.ts';
import { departmentStaffingSql, institutionStaffingSql, type StaffingRow } from '../../src/metrics/staffing.ts';

const S = '2025-2026-1';
const THIRD = { numerator: 1, denominator: 3 };
let runner: NodeRunner;

/** students per department; counselors as [department, employment, hiring?] */
const ENROLLMENT: Array<[string, number]> = [
  ['恰好达标系', 400], // 2 full-time → exactly 1:200
  ['略超系', 2003], // 10 full-time → 1:200.3
  ['仅兼职系', 300], // 0 full-time, 3 part-time
  ['兼职折算系', 200], // 0 full-time, 3 part-time → weighted exactly 1:200
  ['无辅导员系', 150],
  ['名册未能导入系', 506], // its roster set aside: no counselors read
  ['名册待定系', 300], // two versions of its roster, neither chosen
];
const COUNSELORS: Array<[string, 'full_time' | 'part_time', string | null]> = [
  ['恰好达标系', 'full_time', '事业编制'],
  ['恰好达标系', 'full_time', '劳务派遣'],
  ...Array.from({ length: 10 }, () => ['略超系', 'full_time', null] as ['略超系', 'full_time', null]),
  ...Array.from({ length: 3 }, () => ['仅兼职系', 'part_time', '人事代理'] as ['仅兼职系', 'part_time', string]),
  ...Array.from({ length: 3 }, () => ['兼职折算系', 'part_time', null] as ['兼职折算系', 'part_time', null]),
  ['无学生系', 'full_time', null],
  ['未报在校生系', 'full_time', null],
];
/** What the ingest wrote about the exports these rows rest on: the rest were received (no row needed for the SQL). */
const COVERAGE: Array<[string, string, string, string]> = [
  ['名册未能导入系', 'counselors', 'unreadable', '辅导员名册未能导入，待重新报送'],
  ['名册待定系', 'counselors', 'unreadable', '辅导员名册有多个版本未能确定采用哪一个，待重新报送'],
  ['未报在校生系', 'enrollment', 'missing', '未报送在校生人数'],
  ['恰好达标系', 'counselors', 'partial', '辅导员名册部分行有误，按采用的行计算'],
];

beforeAll(async () => {
  runner = await NodeRunner.inMemory();
  await runner.connection.run(createTableSql('enrollment', TABLES.enrollment.output));
  await runner.connection.run(createTableSql('counselors', TABLES.counselors.output));
  await runner.connection.run(createTableSql('coverage', COVERAGE_OUTPUT));
  for (const [dept, kind, status, note] of COVERAGE)
    await runner.connection.run(`INSERT INTO coverage (semester, department, kind, status, note, accepted, rejected, set_aside) VALUES ('${S}', ${sqlString(dept)}, '${kind}', '${status}', ${sqlString(note)}, 0, 0, 1)`);
  for (const [i, [dept, n]] of ENROLLMENT.entries())
    await runner.connection.run(`INSERT INTO enrollment (semester, department, grade, students, source_file, source_row) VALUES ('${S}', ${sqlString(dept)}, NULL, ${n}, 'f.csv', ${i + 1})`);
  for (const [i, [dept, emp, hiring]] of COUNSELORS.entries())
    await runner.connection.run(
      `INSERT INTO counselors (semester, department, staff_id, name, employment, fte, students_assigned, hiring, source_file, source_row) VALUES ('${S}', ${sqlString(dept)}, '${String(i).padStart(6, '0')}', '某', '${emp}', ${emp === 'full_time' ? 1 : 1 / 3}, NULL, ${hiring ? sqlString(hiring) : 'NULL'}, 'g.csv', ${i + 1})`,
    );
});
afterAll(() => runner.close());

async function byDepartment(): Promise<Record<string, StaffingRow>> {
  const rows = await runner.query<StaffingRow>(departmentStaffingSql({ target: 200, partTimeWeight: THIRD, disallowedHiring: ['劳务派遣', '人事代理'] }, S));
  return Object.fromEntries(rows.map((r) => [r.department, r]));
}

describe('department staffing', () => {
  it('exactly 1:200 is compliant with no gap', async () => {
    const r = (await byDepartment())['恰好达标系']!;
    expect(r).toMatchObject({ students: 400, full_time: 2, ratio_full_time: 200, compliant_full_time: true, gap: 0 });
  });

  it('1:200.3 is not compliant and one counselor short', async () => {
    const r = (await byDepartment())['略超系']!;
    expect(r.ratio_full_time).toBeCloseTo(200.3, 10);
    expect(r).toMatchObject({ compliant_full_time: false, gap: 1 });
  });

  it('part-time only: no strict ratio, weighted ratio at 1/3 each, gap counts full-time only', async () => {
    const r = (await byDepartment())['仅兼职系']!;
    expect(r).toMatchObject({ full_time: 0, part_time: 3, ratio_full_time: null, compliant_full_time: false, gap: 2 });
    expect(r.fte).toBeCloseTo(1, 12);
    expect(r.ratio_weighted).toBeCloseTo(300, 9);
    expect(r.compliant_weighted).toBe(false);
  });

  it('three part-timers for 200 students are exactly 1:200 weighted, despite 1/3 not being exact', async () => {
    const r = (await byDepartment())['兼职折算系']!;
    expect(r.compliant_weighted).toBe(true);
    expect(r.compliant_full_time).toBe(false);
  });

  it('students and no counselor at all: no ratio, not compliant, whole gap', async () => {
    const r = (await byDepartment())['无辅导员系']!;
    expect(r).toMatchObject({ full_time: 0, part_time: 0, fte: 0, ratio_full_time: null, ratio_weighted: null, compliant_full_time: false, gap: 1 });
  });

  it('counselors and no students: listed, compliant, no gap', async () => {
    const r = (await byDepartment())['无学生系']!;
    expect(r).toMatchObject({ students: 0, full_time: 1, ratio_full_time: 0, compliant_full_time: true, gap: 0 });
  });

  it('flags 劳务派遣 and 人事代理 hires', async () => {
    const rows = await byDepartment();
    expect(rows['恰好达标系']!.flagged_hiring).toBe(1);
    expect(rows['仅兼职系']!.flagged_hiring).toBe(3);
    expect(rows['略超系']!.flagged_hiring).toBe(0);
  });
});

describe('a department whose data was not received or not read', () => {
  it('has no figures, no verdict and no gap: its note stands in their place', async () => {
    const rows = await byDepartment();
    for (const [name, note] of [
      ['名册未能导入系', '辅导员名册未能导入，待重新报送'],
      ['名册待定系', '辅导员名册有多个版本未能确定采用哪一个，待重新报送'],
    ] as const)
      expect(rows[name]).toMatchObject({ full_time: null, part_time: null, ratio_full_time: null, compliant_full_time: null, gap: null, note });
    expect(rows['名册未能导入系']!.students).toBe(506);
    expect(rows['未报在校生系']).toMatchObject({ students: null, full_time: 1, compliant_full_time: null, gap: null, note: '未报送在校生人数' });
  });

  it('partly rejected rows: counted over the rows read, with a verdict', async () => {
    expect((await byDepartment())['恰好达标系']).toMatchObject({ compliant_full_time: true, note: null });
  });
});

describe('institution staffing', () => {
  it('is computed on the totals: its gap is not the sum of department gaps', async () => {
    const [inst] = await runner.query<StaffingRow>(institutionStaffingSql({ target: 200, partTimeWeight: THIRD, disallowedHiring: ['劳务派遣', '人事代理'] }, S));
    const students = 400 + 2003 + 300 + 200 + 150;
    const fullTime = 2 + 10 + 1;
    expect(inst).toMatchObject({ department: '全院', students, full_time: fullTime, part_time: 6 });
    expect(inst!.gap).toBe(Math.max(0, Math.ceil(students / 200) - fullTime));
    const departments = Object.values(await byDepartment());
    expect(departments.reduce((n, r) => n + r.gap!, 0)).not.toBe(inst!.gap);
    expect(inst!.ratio_full_time).toBeCloseTo(students / fullTime, 10);
    expect(inst!.ratio_weighted).toBeCloseTo(students / (fullTime + 2), 10);
  });

  it('leaves out the departments whose roster or enrollment was not read, and names them', async () => {
    const [inst] = await runner.query<StaffingRow>(institutionStaffingSql({ target: 200, partTimeWeight: THIRD, disallowedHiring: [] }, S));
    expect(inst!.excluded).toBe('名册待定系：辅导员名册有多个版本未能确定采用哪一个；名册未能导入系：辅导员名册未能导入；未报在校生系：未报送在校生人数');
    // 各系部合计需增配: the counted departments' own gaps added up (0 + 1 + 2 + 1 + 1 + 0), beside the institution's.
    expect(inst!.needed).toBe(5);
  });

  it('follows the target of the rule profile', async () => {
    const [inst] = await runner.query<StaffingRow>(institutionStaffingSql({ target: 300, partTimeWeight: THIRD, disallowedHiring: ['劳务派遣', '人事代理'] }, S));
    expect(inst!.gap).toBe(Math.max(0, Math.ceil(3053 / 300) - 13));
  });
});
