/**
 * Coverage: what every figure rests on. For each semester × department × kind of export, a status
 * — 已报送, 部分有误 (rows rejected), 未能导入 (set aside, or versions undecided) or 未报送 — and,
 * for the fields a metric counts, whether the department's form had the column at all (该项未报送,
 * per role). Made once by the ingest from its report of the files (the same reading as the 报送
 * checklist: buildChecklist), written beside the other tables as `coverage`, and joined by the
 * metric SQL (src/metrics/coverage.ts), so no page, card or report sentence decides it alone.
 * Pure.
 */
import { TABLES, TABLE_KINDS, type TableKind } from '../domain/tables/index.ts';
import { buildChecklist, type SubmittedSheet } from './checklist.ts';

/** received 已报送, partial 部分有误, unreadable 未能导入, missing 未报送, column_missing 该项未报送 (a field row). */
export type CoverageStatus = 'received' | 'partial' | 'unreadable' | 'missing' | 'column_missing';

export const COVERAGE_LABELS: Record<CoverageStatus, string> = {
  received: '已报送',
  partial: '部分有误',
  unreadable: '未能导入',
  missing: '未报送',
  column_missing: '该项未报送',
};

/** The statuses whose rows a figure counts: the others stand in place of the figure. */
export const USABLE_STATUSES: readonly CoverageStatus[] = ['received', 'partial'];

export interface CoverageRow {
  semester: string;
  department: string;
  kind: TableKind;
  /** A field row (column_missing): the role whose form lacked it; null on a kind's row. */
  role: string | null;
  /** A field row: the field (a column of the kind's table); null on a kind's row. */
  field: string | null;
  status: CoverageStatus;
  /** What a page shows instead of a figure: "辅导员名册未能导入，待重新报送". */
  note: string;
  accepted: number;
  rejected: number;
  set_aside: number;
}

export { COVERAGE_OUTPUT } from '../domain/tables/index.ts';

/** The note a page shows in place of a figure resting on this export. */
export function coverageNote(kind: TableKind, status: CoverageStatus, undecided = false): string {
  const label = TABLES[kind].label;
  switch (status) {
    case 'unreadable':
      return undecided ? `${label}有多个版本未能确定采用哪一个，待重新报送` : `${label}未能导入，待重新报送`;
    case 'missing':
      return `未报送${label}`;
    case 'partial':
      return `${label}部分行有误，按采用的行计算`;
    default:
      return `${label}已报送`;
  }
}

/** A field's label as the form names it (its input column), for 该项未报送. */
export const fieldLabel = (kind: TableKind, field: string) => TABLES[kind].input.find((c) => c.key === field)?.label.replace(/（.*）$/, '') ?? field;

/** One semester's status per department and kind, from the checklist's cells. */
export function coverageRows(sheets: readonly SubmittedSheet[], departments: readonly string[], semesters: readonly string[], expected: readonly string[] = []): CoverageRow[] {
  const rows: CoverageRow[] = [];
  for (const semester of semesters) {
    const list = buildChecklist(sheets, departments, semester, expected);
    for (const { department, cells, setAsideUnknown } of list.rows)
      for (const kind of TABLE_KINDS) {
        const c = cells[kind];
        const undecided = sheets.some(
          (s) => s.semester === semester && s.set_aside?.code === 'CONFLICTING_VERSIONS' && c.files.includes(s.file),
        );
        // A file set aside whose name does not tell its kind may be this one: never say 未报送 of it.
        const status: CoverageStatus =
          c.accepted > 0 ? (c.rejected > 0 || c.setAside > 0 ? 'partial' : 'received') : c.setAside > 0 || c.rejected > 0 || setAsideUnknown.length > 0 ? 'unreadable' : 'missing';
        const note =
          status === 'unreadable' && c.setAside === 0 && c.rejected === 0 ? `有报送文件未能导入（可能含${TABLES[kind].label}），待重新报送` : coverageNote(kind, status, undecided);
        rows.push({ semester, department, kind, role: null, field: null, status, note, accepted: c.accepted, rejected: c.rejected, set_aside: c.setAside });
      }
  }
  return rows;
}

/**
 * Field rows: a field a metric counts that no form of the department (and role) had as a column —
 * or, where every form was a diary of one row per activity (`byRow`), that no row named.
 */
export function columnMissingRows(
  missing: ReadonlyArray<{ semester: string; department: string; kind: TableKind; role: string; field: string; byRow?: boolean }>,
): CoverageRow[] {
  // In a fixed order, whatever order the query gave them in: the ingest's output is the same bytes on every run.
  const key = (m: (typeof missing)[number]) => [m.semester, m.department, m.kind, m.role, m.field].join('\u0000');
  return [...missing].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0)).map(({ byRow, ...m }) => ({
    ...m,
    status: 'column_missing' as const,
    note: byRow
      ? `${TABLES[m.kind].label}中未出现“${fieldLabel(m.kind, m.field)}”：该项未报送`
      : `${TABLES[m.kind].label}缺少“${fieldLabel(m.kind, m.field)}”一列：该项未报送`,
    accepted: 0,
    rejected: 0,
    set_aside: 0,
  }));
}
