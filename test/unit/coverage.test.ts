/**
 * Coverage (src/collection/coverage.ts): each department × export gets the status its files earn —
 * 已报送, 部分有误, 未能导入 (set aside or versions undecided), 未报送 — worked out here from small
 * ingest reports written by hand.
 */
import { describe, expect, it } from 'vitest';
import type { SubmittedSheet } from '../../src/collection/checklist.ts';
import { columnMissingRows, coverageRows } from '../../src/collection/coverage.ts';

const S = '2026-2027-1';
const sheet = (file: string, more: Partial<SubmittedSheet>): SubmittedSheet => ({
  file,
  sheet: null,
  kind: null,
  semester: S,
  departments: {},
  accepted: 0,
  rejected: 0,
  warnings: 0,
  set_aside: null,
  superseded: null,
  ...more,
});

const SHEETS: SubmittedSheet[] = [
  sheet(`${S}/甲系/甲系辅导员名册.csv`, { kind: 'counselors', departments: { 甲系: 8 }, accepted: 8 }),
  sheet(`${S}/甲系/甲系在校生人数.csv`, { kind: 'enrollment', departments: { 甲系: 3 }, accepted: 3 }),
  sheet(`${S}/乙系/乙系辅导员名册.csv`, { kind: 'counselors', departments: { 乙系: 6 }, accepted: 6, rejected: 1 }),
  sheet(`${S}/乙系/乙系在校生人数.csv`, { kind: 'enrollment', departments: { 乙系: 3 }, accepted: 3 }),
  // Its header could not be read: set aside; the kind from its name.
  sheet(`${S}/丙系/辅导员名册.csv`, { set_aside: { code: 'NO_HEADER', message: '无表头', department: '丙系' } }),
  sheet(`${S}/丙系/丙系在校生人数.csv`, { kind: 'enrollment', departments: { 丙系: 2 }, accepted: 2 }),
  // Two versions, neither chosen: both set aside, the kind kept from their first reading.
  sheet(`${S}/丁系/名册甲.csv`, { kind: 'counselors', set_aside: { code: 'CONFLICTING_VERSIONS', message: '版本', department: '丁系' } }),
  sheet(`${S}/丁系/名册乙.csv`, { kind: 'counselors', set_aside: { code: 'CONFLICTING_VERSIONS', message: '版本', department: '丁系' } }),
  sheet(`${S}/丁系/丁系在校生人数.csv`, { kind: 'enrollment', departments: { 丁系: 2 }, accepted: 2 }),
  // Sent its enrollment only.
  sheet(`${S}/戊系/戊系在校生人数.csv`, { kind: 'enrollment', departments: { 戊系: 2 }, accepted: 2 }),
];
const DEPARTMENTS = ['甲系', '乙系', '丙系', '丁系', '戊系'];

const roster = (department: string) => coverageRows(SHEETS, DEPARTMENTS, [S]).find((r) => r.department === department && r.kind === 'counselors')!;

describe('coverage statuses', () => {
  it('sent, partly rejected, set aside, versions undecided, not sent', () => {
    expect(roster('甲系')).toMatchObject({ status: 'received', accepted: 8 });
    expect(roster('乙系')).toMatchObject({ status: 'partial', accepted: 6, rejected: 1 });
    expect(roster('丙系')).toMatchObject({ status: 'unreadable', note: '辅导员名册未能导入，待重新报送', set_aside: 1 });
    expect(roster('丁系')).toMatchObject({ status: 'unreadable', note: '辅导员名册有多个版本未能确定采用哪一个，待重新报送', set_aside: 2 });
    expect(roster('戊系')).toMatchObject({ status: 'missing', note: '未报送辅导员名册' });
  });

  it('a file set aside whose name tells no kind makes the exports not received 未能导入, never 未报送', () => {
    const sheets = [...SHEETS, sheet(`${S}/戊系/新建文件.csv`, { set_aside: { code: 'NO_HEADER', message: '无表头', department: '戊系' } })];
    const row = coverageRows(sheets, DEPARTMENTS, [S]).find((r) => r.department === '戊系' && r.kind === 'counselors')!;
    expect(row.status).toBe('unreadable');
    expect(row.note).toContain('可能含辅导员名册');
  });

  it('a column the form lacks is its own row: 该项未报送 for that department and role', () => {
    expect(columnMissingRows([{ semester: S, department: '甲系', kind: 'worklogs', role: 'class_teacher', field: 'teacher_contacts' }])).toEqual([
      expect.objectContaining({ status: 'column_missing', role: 'class_teacher', field: 'teacher_contacts', note: '工作记录缺少“联系任课教师”一列：该项未报送' }),
    ]);
  });
});
