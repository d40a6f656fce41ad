/** The report's tables, as table views (the dashboard's renderer and formats). */
import { belowStaffingTarget } from '../metrics/staffing.ts';
import { ROLE_LABELS, type Role } from '../domain/cells.ts';
import { semesterLabel } from '../domain/semester.ts';
import type { ActiveRules } from '../domain/rules.ts';
import { MEASURES, comparable, notComparableText, readingChangeText, type Reading } from '../dashboard/measures.ts';
import { statusText } from '../views/staffing.ts';
import type { TableView } from '../views/table.ts';
import { ratio } from '../dashboard/common.ts';
import { gradeCountColumns } from '../dashboard/pages/assessment.ts';
import { normShareColumns } from '../dashboard/pages/workload.ts';
import type { SemesterFigures } from './figures.ts';


/** The comparison table's note: which semesters its columns are. */
export function comparisonNote(f: SemesterFigures, prev: SemesterFigures | null, yearAgo: SemesterFigures | null): string {
  const name = (x: SemesterFigures | null) => (x ? semesterLabel(x.semester) : '无数据');
  // A 全院 figure over other departments than the earlier one's is not compared, and the note says why.
  const differing = (other: SemesterFigures | null, when: string) =>
    MEASURES.flatMap((m) => {
      const now = f.measures[m.id];
      const before = other?.measures[m.id];
      return now?.value != null && before?.value != null && !comparable(now, before) ? [`${m.label}${notComparableText(now, before, when)}`] : [];
    });
  const notes = [...differing(prev, '上学期'), ...differing(yearAgo, '上年同期')];
  return `本学期为${semesterLabel(f.semester)}，上学期为${name(prev)}，上年同期为${name(yearAgo)}。${notes.map((t) => `${t}。`).join('')}`;
}

export function comparisonTable(f: SemesterFigures, prev: SemesterFigures | null, yearAgo: SemesterFigures | null): TableView<{ id: string }> {
  const cell = (x: SemesterFigures | null, id: string) => x?.measures[id] ?? null;
  const change = (now: Reading | null, before: Reading | null, id: string) => {
    const m = MEASURES.find((m) => m.id === id)!;
    // What the number did on one line, better or worse on the next (the cell keeps the line break).
    return readingChangeText(m, now, before).replace('，', '\n');
  };
  // The structure measure's reading names its figure ("中共党员（含预备党员） 80.2%"): the name goes once into the
  // row's heading and the cells hold the share, so the seven columns fit the A4 type area.
  const named = (id: string) => id === 'structure';
  const value = (x: SemesterFigures | null, id: string) => {
    const r = cell(x, id);
    if (!x || !r) return '无数据';
    const m = MEASURES.find((m) => m.id === id)!;
    return named(id) && m.brief ? m.brief(r) : r.text;
  };
  const heading = (id: string) => {
    const m = MEASURES.find((m) => m.id === id)!;
    const figure = named(id) ? f.measures[id]?.text.split(' ').slice(0, -1).join(' ') : '';
    return figure ? `${m.label}：${figure}` : m.label;
  };
  return {
    title: '主要指标对比',
    rows: MEASURES.map((m) => ({ id: m.id })),
    rowKey: (r) => r.id,
    // Short headings (the semesters are in the table's note), so the seven columns fit the A4 type area.
    columns: [
      { key: 'measure', label: '指标', rowHeader: true, display: (r) => heading(r.id) },
      { key: 'now', label: '本学期', numeric: true, display: (r) => value(f, r.id) },
      { key: 'prev', label: '上学期', numeric: true, display: (r) => value(prev, r.id) },
      { key: 'prev_change', label: '较上学期', display: (r) => change(cell(f, r.id), cell(prev, r.id), r.id) },
      { key: 'year', label: '上年同期', numeric: true, display: (r) => value(yearAgo, r.id) },
      { key: 'year_change', label: '较上年同期', display: (r) => change(cell(f, r.id), cell(yearAgo, r.id), r.id) },
    ],
  };
}

/** "+52", "-3", "0": a change since the previous semester, as the table writes it. */
const signed = (d: number | null) => (d == null ? '—' : d > 0 ? `+${d}` : String(d));

export function staffingDepartmentsTable(f: SemesterFigures, rules: ActiveRules, prev: SemesterFigures | null = null): TableView<SemesterFigures['staffing']['departments'][number]> {
  const target = rules.max_students_per_counselor;
  const before = (r: { department: string }) =>
    r.department === f.staffing.institution?.department ? prev?.staffing.institution : prev?.staffing.departments.find((d) => d.department === r.department);
  const delta = (r: SemesterFigures['staffing']['departments'][number], key: 'students' | 'full_time') => {
    const b = before(r);
    const now = r[key];
    const then = b?.[key];
    return b?.students && now != null && then != null ? now - then : null;
  };
  return {
    title: '各系部辅导员配备情况',
    rows: [...f.staffing.departments, ...(f.staffing.institution ? [f.staffing.institution] : [])],
    rowKey: (r) => r.department,
    flagged: (r) => r.department !== f.staffing.institution?.department && belowStaffingTarget(r),
    columns: [
      { key: 'department', label: '系部', rowHeader: true, display: (r) => (r.excluded ? `${r.department}（不含${r.excluded}）` : r.department) },
      { key: 'students', label: '在校生', format: 'int' },
      ...(prev ? [{ key: 'students_change', label: '在校生较上学期', numeric: true, display: (r: SemesterFigures['staffing']['departments'][number]) => signed(delta(r, 'students')) }] : []),
      { key: 'full_time', label: '专职', format: 'int' },
      ...(prev ? [{ key: 'full_time_change', label: '专职较上学期', numeric: true, display: (r: SemesterFigures['staffing']['departments'][number]) => signed(delta(r, 'full_time')) }] : []),
      { key: 'part_time', label: '兼职', format: 'int' },
      { key: 'fte', label: '折合专职', format: 'decimal' },
      { key: 'ratio_full_time', label: '师生比（专职）', format: 'ratio', target },
      { key: 'ratio_weighted', label: '师生比（折算）', format: 'ratio', target },
      { key: 'gap', label: '缺口', format: 'int' },
      { key: 'status', label: '达标情况', display: (r) => statusText(r, 'full_time') },
    ],
  };
}

export function hiringTable(f: SemesterFigures, rules: ActiveRules): TableView<SemesterFigures['staffing']['hiring'][number]> {
  return {
    title: '辅导员聘用方式',
    rows: f.staffing.hiring,
    rowKey: (r) => `${r.employment}|${r.hiring ?? ''}`,
    flagged: (r) => r.hiring != null && rules.disallowed_hiring.includes(r.hiring),
    columns: [
      { key: 'employment', label: '类别', rowHeader: true, display: (r) => (r.employment === 'full_time' ? '专职' : '兼职') },
      { key: 'hiring', label: '聘用方式', display: (r) => r.hiring ?? '未填写' },
      { key: 'counselors', label: '人数', format: 'int' },
    ],
  };
}

export function workloadNormsTable(f: SemesterFigures, rules: ActiveRules): TableView<SemesterFigures['workload']['norms'][number]> {
  return {
    title: '各项工作要求达标率',
    rows: f.workload.norms,
    rowKey: (r) => String(r.norm),
    columns: normShareColumns<SemesterFigures['workload']['norms'][number]>(rules.workload_norms).filter((c) => c.key !== 'unit'),
  };
}

export function workloadDepartmentsTable(f: SemesterFigures, rules: ActiveRules): TableView<SemesterFigures['workload']['departments'][number]> {
  const t = rules.workload_target_share;
  return {
    title: '各系部辅导员达到全部周工作要求的比例',
    rows: [...[...f.workload.departments].sort((a, b) => a.met / a.periods - b.met / b.periods), ...(f.workload.institution ? [f.workload.institution] : [])],
    rowKey: (r) => r.department,
    flagged: (r) => r !== f.workload.institution && r.met / r.periods < t,
    columns: [
      { key: 'department', label: '系部', rowHeader: true },
      { key: 'met', label: '达到要求人周次', format: 'int' },
      { key: 'periods', label: '人周次', format: 'int' },
      { key: 'share', label: '比例', format: 'percent', value: (r) => ratio(r.met, r.periods) },
      { key: 'status', label: '达标情况', display: (r) => (r.met / r.periods >= t ? '达标' : '未达标') },
    ],
  };
}

export function gradesTable(f: SemesterFigures, rules: ActiveRules): TableView<SemesterFigures['assessment']['grades'][number]> {
  return {
    title: '考核等次分布',
    rows: f.assessment.grades,
    rowKey: (r) => r.role,
    empty: '本学期尚未报送考核结果。',
    columns: [
      { key: 'role', label: '角色', rowHeader: true, display: (r) => ROLE_LABELS[r.role as Role] ?? r.role },
      ...gradeCountColumns<SemesterFigures['assessment']['grades'][number]>(rules.assessment, f.assessment.grades),
    ],
  };
}

export function quotaTable(f: SemesterFigures): TableView<SemesterFigures['quota']['units'][number]> {
  return {
    title: '优秀名额使用情况',
    rows: f.quota.units,
    rowKey: (r) => `${r.department}|${r.role}`,
    flagged: (r) => r.over,
    empty: '本学期尚未报送考核结果。',
    columns: [
      { key: 'department', label: '系部', rowHeader: true },
      { key: 'role', label: '角色', format: 'role' },
      { key: 'assessed', label: '参评', format: 'int' },
      { key: 'allowed', label: '名额', format: 'int' },
      { key: 'used', label: '评优', format: 'int' },
      { key: 'over', label: '是否超额', display: (r) => (r.over ? `超额${r.used - r.allowed}人` : '未超额') },
    ],
  };
}

export function trainingTable(f: SemesterFigures, rules: ActiveRules): TableView<SemesterFigures['training']['departments'][number]> {
  const rows = [...f.training.departments, ...(f.training.institution ? [f.training.institution] : [])];
  return {
    title: '各系部专职辅导员培训情况',
    rows,
    rowKey: (r) => r.department,
    flagged: (r) => r.note == null && ((r.meets_hours ?? 0) < r.counselors || (r.without_higher ?? 0) > 0),
    // The year had no training record: one note for the whole table, not a row of — (the paragraph says it too).
    ...(rows.length && rows.every((r) => r.note != null) ? { rows: [], empty: rows[0]!.note! } : {}),
    columns: [
      { key: 'department', label: '系部', rowHeader: true },
      { key: 'counselors', label: '专职辅导员', format: 'int' },
      { key: 'mean', label: '人均校级学时', format: 'decimal1', value: (r) => (r.counselors && r.school_hours != null ? r.school_hours / r.counselors : null) },
      { key: 'meets_hours', label: `达到${rules.training.school_hours_per_year}学时`, format: 'int' },
      { key: 'short', label: `未达${rules.training.school_hours_per_year}学时`, format: 'int', value: (r) => (r.meets_hours == null ? null : r.counselors - r.meets_hours) },
      { key: 'without_higher', label: `${rules.training.national_or_provincial_every_years}年内无国家级、省级培训`, format: 'int' },
    ],
  };
}

export function assistantsTable(f: SemesterFigures): TableView<SemesterFigures['assistants']['departments'][number]> {
  return {
    title: '各系部助理配备情况',
    rows: [...f.assistants.departments, ...(f.assistants.institution ? [f.assistants.institution] : [])],
    rowKey: (r) => r.department,
    flagged: (r) => r.covered < r.classes || r.shared > 0,
    empty: '本学期未收到班级名单和助理名册。',
    columns: [
      { key: 'department', label: '系部', rowHeader: true },
      { key: 'classes', label: '班级', format: 'int' },
      { key: 'covered', label: '已配助理', format: 'int' },
      { key: 'uncovered', label: '未配助理', format: 'int', value: (r) => r.classes - r.covered },
      { key: 'share', label: '配备比例', format: 'percent', value: (r) => ratio(r.covered, r.classes) },
      { key: 'shared', label: '一班多人', format: 'int' },
      { key: 'assistants', label: '助理人数', format: 'int' },
      { key: 'political_ok', label: '党员（含预备）', format: 'int' },
      { key: 'non_members', label: '非党员', format: 'int', value: (r) => r.assistants - r.political_ok - r.political_unknown },
    ],
  };
}

