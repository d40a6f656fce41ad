/**
 * Files sent twice: which sheets of the run are versions of one export, and which version is
 * read (domain/versions.ts has the rules). Two sheets are versions of one export when they are
 * the same kind of table for one and the same department, and at least half of the records of
 * the smaller one are records of the other too — the same 系部/学期/年级, the same person's week,
 * the same person's assessment (each kind's `identity`), or a roster's people rejected as
 * already listed in the other. Files of one department that share no records (one per month, one
 * per grade) are parts of the whole and are all read; a file covering several departments (a
 * 学工部 summary) is never a version of one department's file (a record in both is warned about
 * by the cross-checks).
 *
 * Decided after a first reading of every file, from the staged records; the run then reads the
 * files again without the versions not read (run.ts), so that nothing of them counts — not even
 * in another file's duplicate checks.
 */
import { createHash } from 'node:crypto';
import { hashFile } from '../io/file-digest.ts';
import { join } from 'node:path';
import { decideVersions, replacedMessage, versionMessage, type Version, type VersionOutcome } from '../domain/versions.ts';
import { TABLES, type TableKind } from '../domain/tables/index.ts';
import type { NodeRunner } from '../io/duckdb-node.ts';
import { sqlString } from '../metrics/sql.ts';
import { provenanceFile, type Repeat } from './accept.ts';
import type { SheetReport, WarningRecord } from './records.ts';

/** A sheet not read because another version of it is: what its manifest entry says. */
export interface Superseded {
  code: 'IDENTICAL_COPY' | 'SUPERSEDED';
  /** The version read instead. */
  by: string;
  by_sheet: string | null;
  message: string;
  department: string;
}

export interface VersionDecision {
  /** Sheets (by sheetKey) not read: superseded by another version, or set aside with the others because none can be chosen. */
  superseded: Map<string, Superseded & { kind: TableKind; semester: SheetReport['semester'] }>;
  conflicting: Map<string, { message: string; department: string }>;
  /** What the sheet read says about the versions it replaced. */
  notes: WarningRecord[];
}

export const sheetKey = (file: string, sheet: string | null) => `${file}\u0000${sheet ?? ''}`;

/** Share of the smaller sheet's records the other must have for the two to be versions of one export. */
const SAME_EXPORT = 0.5;

/** Each kind's identity as one SQL hash over its columns (a list: the first of them not null). */
function identitySql(kind: TableKind): string {
  const parts = TABLES[kind].identity.map((c) => (typeof c === 'string' ? `"${c}"` : `COALESCE(${c.map((x) => `"${x}"`).join(', ')})`));
  return `hash(${parts.join(', ')})`;
}

interface Candidate {
  report: SheetReport;
  department: string;
}

/**
 * The department a sheet's records belong to, if it is one, and the semesters (training: years)
 * they fall in: its published records', and those of its rows rejected as listed before.
 */
function placeOfRecords(report: SheetReport, repeats: readonly Repeat[]): { department: string | null; periods: Set<string> } {
  const departments = new Set(Object.keys(report.departments));
  const periods = new Set(report.periods);
  for (const r of repeats)
    if (r.file === report.file && r.sheet === report.sheet) {
      departments.add(r.department);
      periods.add(r.period);
    }
  return { department: departments.size === 1 ? [...departments][0]! : null, periods };
}

/**
 * For every sheet of one kind among `candidates`: how many distinct records it has, and how many
 * it shares with each other sheet of the same department — two queries per kind, whatever the
 * number of departments.
 */
async function overlaps(runner: NodeRunner, kind: TableKind, candidates: readonly Candidate[]) {
  const files = `(${[...new Set(candidates.map((c) => provenanceFile(c.report.file)))].map(sqlString).join(', ')})`;
  const pairs = await runner.query<{ fa: string; sa: string | null; fb: string; sb: string | null; shared: number }>(`
    WITH keys AS (
      SELECT DISTINCT source_file, source_sheet, department, ${identitySql(kind)} AS k FROM ${kind} WHERE source_file IN ${files}
    )
    SELECT a.source_file AS fa, a.source_sheet AS sa, b.source_file AS fb, b.source_sheet AS sb, COUNT(*)::INTEGER AS shared
    FROM keys a JOIN keys b ON a.k = b.k AND a.department = b.department
      AND (a.source_file < b.source_file OR (a.source_file = b.source_file AND COALESCE(a.source_sheet, '') < COALESCE(b.source_sheet, '')))
    GROUP BY ALL`);
  const sizes = await runner.query<{ f: string; s: string | null; n: number }>(`
    SELECT source_file AS f, source_sheet AS s, COUNT(DISTINCT ${identitySql(kind)})::INTEGER AS n FROM ${kind} WHERE source_file IN ${files} GROUP BY ALL`);
  return { pairs, sizes };
}

/**
 * For each sheet of a set of versions: a digest of its published records (every column but
 * where it came from, in any order) and the names of its people — one query for the set.
 */
async function recordsOf(runner: NodeRunner, kind: TableKind, set: readonly SheetReport[]): Promise<Map<string, { digest: string; people: string[] }>> {
  const columns = TABLES[kind].output.map((c) => c.name).filter((name) => !name.startsWith('source_'));
  const hasName = columns.includes('name');
  const files = `(${[...new Set(set.map((r) => provenanceFile(r.file)))].map(sqlString).join(', ')})`;
  const record = `CAST(ROW(${columns.map((c) => `"${c}"`).join(', ')}) AS VARCHAR)`;
  const rows = await runner.query<{ f: string; s: string | null; digest: string; people: string[] | null }>(`
    SELECT source_file AS f, source_sheet AS s, md5(string_agg(${record}, chr(1) ORDER BY ${record})) AS digest,
      ${hasName ? 'list_sort(list_distinct(list(name)))' : 'NULL'} AS people
    FROM ${kind} WHERE source_file IN ${files} GROUP BY ALL`);
  return new Map(rows.map((r) => [sheetKey(r.f, r.s), { digest: r.digest, people: r.people ? [...r.people] : [] }]));
}

/**
 * Which sheets are versions of one export, and which of them is read. `sheets` as read in the
 * first reading (in path order); `runner` holds its staged tables.
 */
export async function decideFileVersions(runner: NodeRunner, input: string, sheets: readonly SheetReport[], repeats: readonly Repeat[]): Promise<VersionDecision> {
  const decision: VersionDecision = { superseded: new Map(), conflicting: new Map(), notes: [] };
  // Candidates: sheets read as a table of one department, grouped by kind, department and
  // semester (records of two semesters are never the same records).
  const groups = new Map<string, Candidate[]>();
  for (const report of sheets) {
    if (!report.kind || report.set_aside) continue;
    const { department, periods } = placeOfRecords(report, repeats);
    if (!department) continue;
    for (const period of periods) {
      const key = `${report.kind}\u0000${department}\u0000${period}`;
      groups.set(key, [...(groups.get(key) ?? []), { report, department }]);
    }
  }
  const digests = new Map<string, Promise<string>>();
  const digestOf = (file: string) => {
    let d = digests.get(file);
    if (!d) digests.set(file, (d = hashFile(join(input, file), createHash('sha256')).then((hash) => hash.digest('hex'))));
    return d;
  };

  // The records shared, per kind, for the groups of two sheets or more.
  const byKind = new Map<TableKind, Candidate[]>();
  for (const group of groups.values()) if (group.length > 1) byKind.set(group[0]!.report.kind!, [...(byKind.get(group[0]!.report.kind!) ?? []), ...group]);
  const counted = new Map<TableKind, Awaited<ReturnType<typeof overlaps>>>();
  for (const [kind, candidates] of byKind) counted.set(kind, await overlaps(runner, kind, candidates));

  // Versions of one export: connected by sharing at least half of the smaller one's records. A
  // sheet spanning several semesters is in several groups: the sets are joined across groups, so
  // that each is decided once.
  const component = new Map<SheetReport, SheetReport[]>();
  const unite = (a: SheetReport, b: SheetReport) => {
    const merged = [...new Set([...(component.get(a) ?? [a]), ...(component.get(b) ?? [b])])];
    for (const r of merged) component.set(r, merged);
  };
  const departmentOf = new Map<SheetReport, string>();
  for (const candidates of groups.values()) {
    if (candidates.length < 2) continue;
    const { pairs, sizes } = counted.get(candidates[0]!.report.kind!)!;
    const byProvenance = new Map(candidates.map((c) => [sheetKey(provenanceFile(c.report.file), c.report.sheet), c]));
    const size = new Map(sizes.map((s) => [sheetKey(s.f, s.s), s.n]));
    const shared = new Map<string, number>();
    const pairKey = (a: Candidate, b: Candidate) => [sheetKey(a.report.file, a.report.sheet), sheetKey(b.report.file, b.report.sheet)].sort().join('\u0001');
    for (const p of pairs) {
      const a = byProvenance.get(sheetKey(p.fa, p.sa));
      const b = byProvenance.get(sheetKey(p.fb, p.sb));
      if (a && b) shared.set(pairKey(a, b), (shared.get(pairKey(a, b)) ?? 0) + p.shared);
    }
    // A roster's people rejected as already listed in another file of the group are shared records too.
    const records = new Map(candidates.map((c) => [c, size.get(sheetKey(provenanceFile(c.report.file), c.report.sheet)) ?? 0]));
    for (const r of repeats) {
      const b = candidates.find((c) => c.report.file === r.file && c.report.sheet === r.sheet);
      const a = candidates.find((c) => c.report.file === r.first.file && c.report.sheet === r.first.sheet);
      if (!a || !b || a === b) continue;
      shared.set(pairKey(a, b), (shared.get(pairKey(a, b)) ?? 0) + 1);
      records.set(b, records.get(b)! + 1);
    }
    for (const [i, a] of candidates.entries())
      for (const b of candidates.slice(i + 1)) {
        const n = shared.get(pairKey(a, b)) ?? 0;
        if (n === 0 || n < SAME_EXPORT * Math.min(records.get(a)!, records.get(b)!)) continue;
        unite(a.report, b.report);
        departmentOf.set(a.report, a.department);
      }
  }
  for (const set of new Set(component.values())) {
    const contents = await recordsOf(runner, set[0]!.kind!, set);
    // A roster's people rejected as listed in another version are its people too.
    for (const r of repeats) {
      const c = contents.get(sheetKey(provenanceFile(r.file), r.sheet));
      if (c && r.name && !c.people.includes(r.name)) c.people.push(r.name);
    }
    const versions: Version[] = await Promise.all(
      set.map(async (r) => {
        const c = contents.get(sheetKey(provenanceFile(r.file), r.sheet));
        return {
          file: r.file,
          sheet: r.sheet,
          digest: await digestOf(r.file),
          filledOn: r.filled_on,
          // The records and the rows rejected: two files giving both alike are one table in two formats.
          ...(c ? { records: `${c.digest}:${r.accepted}:${r.rejected}`, people: c.people } : {}),
        };
      }),
    );
    versions.sort((a, b) => (sheetKey(a.file, a.sheet) < sheetKey(b.file, b.sheet) ? -1 : 1));
    const department = set.map((r) => departmentOf.get(r)).find((d) => d !== undefined)!;
    record(decision, decideVersions(versions), department, set[0]!.kind!, new Map(set.map((r) => [sheetKey(r.file, r.sheet), r])));
  }
  return decision;
}

function record(decision: VersionDecision, outcomes: VersionOutcome[], department: string, kind: TableKind, reports: Map<string, SheetReport>): void {
  for (const o of outcomes) {
    if (o.read) continue;
    const key = sheetKey(o.version.file, o.version.sheet);
    const message = versionMessage(o);
    if (o.code === 'CONFLICTING_VERSIONS') {
      decision.conflicting.set(key, { message, department });
      continue;
    }
    decision.superseded.set(key, { code: o.code, by: o.by.file, by_sheet: o.by.sheet, message, department, kind, semester: reports.get(key)!.semester });
    decision.notes.push({
      file: o.by.file,
      sheet: o.by.sheet,
      row: null,
      table: kind,
      column: null,
      code: o.code === 'IDENTICAL_COPY' ? 'IDENTICAL_COPY_IGNORED' : 'SUPERSEDES',
      message: replacedMessage(o),
    });
  }
}
