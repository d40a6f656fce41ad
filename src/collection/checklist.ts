/**
 * The 报送 checklist: for one semester, each department × each kind of export — 已报送, 有问题
 * (rows rejected or a file set aside) or 未报送 — with the rows accepted and rejected and the date
 * of the last file. Which kinds a department should have sent: the rules' list when it has one,
 * else the kinds that at least half of the departments sending anything that semester sent (so
 * that one department's 研究生德育助理名册 does not make it missing everywhere else). Pure: it
 * reads the ingest's report of its files (manifest.json).
 */
import { TABLES, TABLE_KINDS, type TableKind } from '../domain/tables/index.ts';
import type { SheetReport } from '../ingest/records.ts';
import { departmentOf } from '../ingest/summary.ts';

/** What the checklist needs of a file's (or sheet's) report in the manifest (src/ingest/records.ts). */
export type SubmittedSheet = Pick<SheetReport, 'file' | 'sheet' | 'kind' | 'semester' | 'departments' | 'accepted' | 'rejected' | 'warnings'> &
  Partial<Pick<SheetReport, 'also' | 'set_aside' | 'superseded' | 'published' | 'file_date'>>;

export type SubmissionStatus = 'sent' | 'problem' | 'missing' | 'not_expected';

export const STATUS_LABELS: Record<SubmissionStatus, string> = {
  sent: '已报送',
  problem: '有问题',
  missing: '未报送',
  not_expected: '不需报送',
};

export interface ChecklistCell {
  status: SubmissionStatus;
  /** Rows accepted for this department and kind. */
  accepted: number;
  /** Rows rejected in this department's files of this kind. */
  rejected: number;
  /** This department's files of this kind that were set aside. */
  setAside: number;
  files: string[];
  lastFileDate: string | null;
}

export interface Checklist {
  semester: string;
  /** Kinds shown: those expected, then any other sent. */
  kinds: TableKind[];
  expected: TableKind[];
  rows: ChecklistRow[];
}

export interface ChecklistRow {
  department: string;
  cells: Record<TableKind, ChecklistCell>;
  /** Files of this department set aside whose kind their name does not tell (counted in no cell). */
  setAsideUnknown: string[];
}

/** A file set aside cannot tell its kind from a header: the template's name in its file name does. */
export function kindFromFileName(file: string): TableKind | null {
  const name = file.split('/').pop() ?? file;
  // Longest label first: 研究生德育助理名册 before 助理名册.
  const kinds = [...TABLE_KINDS].sort((a, b) => TABLES[b].label.length - TABLES[a].label.length);
  return kinds.find((k) => name.includes(TABLES[k].label)) ?? null;
}

/** The kinds a sheet's rows went to. */
const kindsOf = (s: SubmittedSheet): TableKind[] => [s.kind, s.also].filter((k): k is TableKind => k != null);

/** The department that sent a file (its rows' one department, else the one its set-aside record or folder names), or null (several, or none known). */
export function senderOf(s: SubmittedSheet, departments: readonly string[]): string | null {
  const department = departmentOf({ set_aside: null, superseded: null, ...s }, departments);
  return departments.includes(department) ? department : null;
}

/** The names an export may be given in the rules' expected_exports: its Chinese name. */
export const EXPORT_NAMES = TABLE_KINDS.map((k) => TABLES[k].label);

/** An export named by its Chinese name (辅导员名册) or its kind (counselors). */
export function exportKindOf(name: string): TableKind | null {
  const wanted = name.trim();
  return TABLE_KINDS.find((k) => k === wanted || TABLES[k].label === wanted) ?? null;
}

/** The kinds expected of every department in a semester (see the module's comment); `configured` as the rules name them. */
export function expectedKinds(sheets: readonly SubmittedSheet[], semester: string, configured: readonly string[] = []): TableKind[] {
  if (configured.length > 0) return TABLE_KINDS.filter((k) => configured.some((name) => exportKindOf(name) === k));
  const senders = new Map<TableKind, Set<string>>();
  const anyone = new Set<string>();
  for (const s of sheets)
    if (s.semester === semester)
      for (const kind of kindsOf(s))
        for (const [department, n] of Object.entries(s.departments))
          if (n > 0) {
            anyone.add(department);
            (senders.get(kind) ?? senders.set(kind, new Set()).get(kind)!).add(department);
          }
  return TABLE_KINDS.filter((k) => (senders.get(k)?.size ?? 0) * 2 >= anyone.size && anyone.size > 0);
}

/**
 * The departments a checklist has rows for: those the rules list and those the rows name, and a
 * department whose only file was set aside — it sent something, and that is its problem.
 */
export function checklistDepartments(sheets: readonly SubmittedSheet[], known: readonly string[]): string[] {
  const aside = sheets.flatMap((s) => (s.set_aside?.department ? [s.set_aside.department] : []));
  return [...new Set([...known, ...aside])].sort(new Intl.Collator('zh-CN').compare);
}

const emptyCell = (): ChecklistCell => ({ status: 'missing', accepted: 0, rejected: 0, setAside: 0, files: [], lastFileDate: null });
const later = (a: string | null, b: string | null | undefined) => (b && (!a || b > a) ? b : a);

export function buildChecklist(sheets: readonly SubmittedSheet[], departments: readonly string[], semester: string, configured: readonly string[] = []): Checklist {
  const expected = expectedKinds(sheets, semester, configured);
  const cells = new Map(departments.map((d) => [d, Object.fromEntries(TABLE_KINDS.map((k) => [k, emptyCell()])) as Record<TableKind, ChecklistCell>]));
  const unknown = new Map(departments.map((d) => [d, [] as string[]]));
  const touch = (department: string, kind: TableKind, s: SubmittedSheet) => {
    const cell = cells.get(department)?.[kind];
    if (!cell) return null;
    if (!cell.files.includes(s.file)) cell.files.push(s.file);
    cell.lastFileDate = later(cell.lastFileDate, s.file_date);
    return cell;
  };
  for (const s of sheets) {
    if (s.semester !== semester) continue;
    // A sheet of one department: the rows each kind got (a 汇总表 row without a grade is no assessment); of several, each row once.
    const named = Object.entries(s.departments).filter(([, n]) => n > 0);
    for (const kind of kindsOf(s))
      for (const [department, n] of named) {
        const cell = touch(department, kind, s);
        if (cell) cell.accepted += named.length === 1 ? (s.published?.[kind] ?? n) : n;
      }
    const sender = senderOf(s, departments);
    if (!sender) continue;
    if (s.set_aside) {
      const kind = s.kind ?? kindFromFileName(s.file);
      const cell = kind ? touch(sender, kind, s) : null;
      if (cell) cell.setAside++;
      else unknown.get(sender)?.push(s.file);
    } else if (s.rejected > 0) for (const kind of kindsOf(s)) touch(sender, kind, s)!.rejected += s.rejected;
  }
  for (const byKind of cells.values())
    for (const kind of TABLE_KINDS) {
      const c = byKind[kind];
      c.status = c.rejected > 0 || c.setAside > 0 ? 'problem' : c.accepted > 0 ? 'sent' : expected.includes(kind) ? 'missing' : 'not_expected';
    }
  const sent = TABLE_KINDS.filter((k) => [...cells.values()].some((byKind) => byKind[k].status !== 'missing' && byKind[k].status !== 'not_expected'));
  const kinds = TABLE_KINDS.filter((k) => expected.includes(k) || sent.includes(k));
  return { semester, kinds, expected, rows: departments.map((department) => ({ department, cells: cells.get(department)!, setAsideUnknown: unknown.get(department)! })) };
}
