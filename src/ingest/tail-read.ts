/**
 * A large CSV read in two halves at once (see csvSheet and ingestSheet): what a worker needs to
 * read the tail as the rest of its sheet, what it sends back, and how the head's thread adds
 * that on, as if it had read the tail's rows itself after the head's.
 */
import { DepartmentNames } from '../domain/context.ts';
import { InvisibleTally, type InvisibleColumn } from '../domain/invisible.ts';
import { findHeader, type HeaderMatch, type SkipReason } from '../domain/layout.ts';
import type { ActiveRules } from '../domain/rules.ts';
import { TABLES } from '../domain/tables/index.ts';
import type { RunContext, SheetContext } from './accept.ts';
import { readRows } from './readers/csv.ts';
import type { CsvTail } from './readers/types.ts';
import { emptyReport, skipper, WARNINGS_LISTED_PER_FILE, type RecordSink, type RejectRecord, type SheetReport, type WarningRecord } from './records.ts';
import { mergeNotes, type SheetNotes } from './sheet-notes.ts';
import { publishRecord, StageWriter } from './stage-writer.ts';
import { prepareTable, type SheetTable } from './wide-table.ts';

const PROGRESS_EVERY = 100_000;

/** What a worker needs to read a tail: the bytes, the file they are part of, and where to write its staged rows. */
export interface TailJob {
  tail: CsvTail;
  /** The file the tail's staged rows are written to (RecordSink.stagePath), added on by the head's thread. */
  stagePath: string;
  rules: ActiveRules;
  file: string;
  sheet: string | null;
  encoding: string;
}

/** Sent to the worker once the head's header is known: how to read the tail's rows. */
export interface TailStart {
  delimiter: string;
  /** Rows in the head: the tail's first row has this index. */
  records: number;
  /** The rows the header was found in, and the index of the first. */
  top: string[][];
  topStart: number;
  /** The header as the head found it (with the sheet's name, file name and rules in view). */
  header?: HeaderMatch;
  /** The sheet's context as the head resolved it (the departments known there are the head's thread's). */
  context: SheetContext;
}

/** A tail's rows, counted, rejected, warned about and staged, for the head's thread to add on. */
export interface TailResult {
  read: number;
  accepted: number;
  rejected: number;
  skipped: number;
  skipped_by_reason: Partial<Record<SkipReason, number>>;
  warnings: number;
  departments: Array<[string, number]>;
  /** Row warnings by code, all of them; `rowWarnings` lists the first of each code as the head would. */
  warningCounts: Record<string, number>;
  rowWarnings: WarningRecord[];
  rejects: RejectRecord[];
  /** The file of the accepted rows staged (StageWriter), `rows` of them. */
  staged: string;
  rows: number;
  /** What the tail's rows showed for the sheet's warnings, and where invisible characters were removed. */
  notes: SheetNotes;
  invisible: InvisibleColumn[];
  /** A 填报日期 in the tail's footer. */
  filled_on: string | null;
  /** The semesters (years) of the tail's published records. */
  periods: string[];
}

/**
 * Reads a tail (in a worker) as the rest of its sheet, a part at a time: the table is prepared
 * again from the rows the head found the header in, so every row is handled as it would be in
 * one pass, with its own index and row number; accepted rows are staged (stage-writer.ts) in a
 * file of their own (held in memory, they grew with the rows: 300 MB at 10 million).
 */
export function ingestTail(job: TailJob, start: TailStart, onProgress: (rows: number) => void): TailResult {
  const header = start.header ?? findHeader(start.top);
  if (!header.ok) throw new Error(`${job.file}: the tail's header was not found again`);
  const writer = new StageWriter(job.stagePath, TABLES[header.kind].output);
  const sink: RecordSink = {
    append: (kind, record) => {
      publishRecord(job.rules, kind, record);
      writer.append(record);
    },
  };
  const ctx: RunContext = {
    rules: job.rules,
    sink,
    state: { sheets: [], rejects: [], warnings: [] },
    seen: new Map(),
    seenLog: [],
    repeats: [],
    names: new DepartmentNames(job.rules),
  };
  const report = emptyReport(job.file, job.sheet, job.encoding);
  const table = prepareTable(ctx, report, { file: job.file, sheet: job.sheet, header, top: start.top, topStart: start.topStart }, skipper(report), start.context);
  // What prepareTable found about the sheet as a whole, the head has recorded.
  ctx.state.warnings.length = 0;
  report.warnings = 0;
  let index = start.records;
  const invisible = new InvisibleTally();
  const visit = (cells: string[]) => {
    report.read++;
    table.row(cells, index++);
    if (index % PROGRESS_EVERY === 0) onProgress(index);
  };
  try {
    readRows(job.tail, start.delimiter, visit, invisible, start.records);
  } finally {
    writer.close();
  }
  const target = table.targets[0]!;
  return {
    read: report.read,
    accepted: report.accepted,
    rejected: report.rejected,
    skipped: report.skipped,
    skipped_by_reason: report.skipped_by_reason,
    warnings: report.warnings,
    departments: [...table.departments.counts].map(([name, count]) => [name, count.n]),
    warningCounts: target.warningCounts,
    rowWarnings: ctx.state.warnings,
    rejects: ctx.state.rejects,
    staged: job.stagePath,
    rows: writer.rows,
    notes: table.notes,
    invisible: invisible.entries,
    filled_on: report.filled_on,
    periods: [...target.periods],
  };
}

/** Adds a tail's result to its sheet, as if this thread had read the tail's rows after the head's. */
export function mergeTail(ctx: RunContext, report: SheetReport, table: SheetTable, tail: TailResult, invisible?: InvisibleTally): void {
  mergeNotes(table.notes, tail.notes);
  invisible?.add(tail.invisible);
  report.filled_on ??= tail.filled_on;
  report.read += tail.read;
  report.accepted += tail.accepted;
  report.rejected += tail.rejected;
  report.skipped += tail.skipped;
  report.warnings += tail.warnings;
  for (const [reason, n] of Object.entries(tail.skipped_by_reason) as Array<[SkipReason, number]>)
    report.skipped_by_reason[reason] = (report.skipped_by_reason[reason] ?? 0) + n;
  for (const [name, n] of tail.departments) table.departments.add(name, n);
  for (const reject of tail.rejects) ctx.state.rejects.push(reject);
  const target = table.targets[0]!;
  const listed: Record<string, number> = {};
  for (const warning of tail.rowWarnings) {
    listed[warning.code] = (listed[warning.code] ?? 0) + 1;
    if ((target.warningCounts[warning.code] ?? 0) + listed[warning.code]! <= WARNINGS_LISTED_PER_FILE) ctx.state.warnings.push(warning);
  }
  for (const [code, n] of Object.entries(tail.warningCounts)) target.warningCounts[code] = (target.warningCounts[code] ?? 0) + n;
  target.rows += tail.rows;
  for (const period of tail.periods) target.periods.add(period);
  ctx.sink.appendStaged!(table.kind, tail.staged, tail.rows);
}
