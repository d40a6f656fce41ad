/**
 * The ingest pipeline: files → reader (readers/) → sheets → each sheet through its stages
 * (sheet.ts: merged cells, layout, rows) → accepted records into the staging tables, or rejects.
 * Rows stream through one at a time. Every row read is counted exactly once as accepted,
 * rejected or skipped: the conservation law the manifest records and the tests assert.
 *
 * A file or sheet that cannot be read or understood is set aside (quarantine.ts): whatever it
 * had added is taken back, its reason recorded, and the run goes on with the others — unless
 * `strict`, when it stops the run as an IngestError.
 */
import { DepartmentNames } from '../domain/context.ts';
import type { ActiveRules } from '../domain/rules.ts';
import type { RunContext } from './accept.ts';
import { setAside } from './quarantine.ts';
import { readerFor } from './readers/index.ts';
import type { TextSource } from './readers/text-source.ts';
import { UnreadableFileError, type SourceFile } from './readers/types.ts';
import { IngestError, type IngestState, type RecordSink, type SheetReport } from './records.ts';
import { ingestSheet } from './sheet.ts';

export { IngestError } from './records.ts';
export type { RecordSink, RejectRecord, SheetReport, WarningRecord } from './records.ts';

export interface IngestSettings {
  /** Called every 100,000 rows of a long sheet. */
  onRows?: (file: string, rows: number) => void;
  /** CSV files from this many bytes on are read in two halves at once (see csvSheet); Infinity: never. */
  splitBytes?: number;
  /** Text files are read this many bytes at a time (PART_BYTES; tests make it small). */
  partBytes?: number;
  /** Stop the run at the first file that cannot be read or understood, instead of setting it aside. */
  strict?: boolean;
  /** A workbook unpacking to more than this is set aside (DEFAULT_LIMITS). */
  maxWorkbookBytes?: number;
}

export function createIngest(rules: ActiveRules, sink: RecordSink, settings: IngestSettings = {}) {
  const state: IngestState = { sheets: [], rejects: [], warnings: [] };
  const ctx: RunContext = { rules, sink, state, seen: new Map(), seenLog: [], repeats: [], names: new DepartmentNames(rules), onRows: settings.onRows };

  /** Where the run stands, to take back what a sheet added if it is set aside. */
  const checkpoint = () => ({ rejects: state.rejects.length, warnings: state.warnings.length, seen: ctx.seenLog.length, repeats: ctx.repeats.length, sink: sink.mark?.() });
  const rollback = (at: ReturnType<typeof checkpoint>) => {
    state.rejects.length = at.rejects;
    state.warnings.length = at.warnings;
    ctx.repeats.length = at.repeats;
    for (const key of ctx.seenLog.splice(at.seen)) ctx.seen.delete(key);
    if (at.sink !== undefined) sink.rollback!(at.sink);
  };
  const refuse = (file: string, sheet: string | null, encoding: string, error: UnreadableFileError, department?: string): SheetReport => {
    if (settings.strict) throw new IngestError(file, error.message);
    return setAside(state, ctx.names, file, sheet, encoding, error, department);
  };

  return {
    state,
    ctx,
    /** A file set aside without being read (too large, no permission): its report. */
    setAsideFile(relativePath: string, error: UnreadableFileError): SheetReport {
      const report = refuse(relativePath, null, '', error);
      state.sheets.push(report);
      return report;
    },
    /** A sheet set aside without being read (a version of an export that cannot be chosen): its report, to be given to addFile or addReports. */
    setAsideSheet: refuse,
    /** Reports made elsewhere (a version not read), in the order read. */
    addReports(reports: SheetReport[]): void {
      state.sheets.push(...reports);
    },
    /**
     * Read one file (its bytes, or the file on disk: a text file is then read a part at a time);
     * `relativePath` (forward slashes) is how it is named in outputs and messages. `instead`:
     * sheets not to read (by name; null for a CSV), with the report to give them.
     */
    async addFile(bytes: TextSource, relativePath: string, instead?: ReadonlyMap<string | null, SheetReport>): Promise<SheetReport[]> {
      const reader = readerFor(relativePath);
      if (!reader) return [];
      let source: SourceFile;
      try {
        source = await reader.read(bytes, { splitBytes: sink.appendStaged && sink.stagePath ? settings.splitBytes : Infinity, maxWorkbookBytes: settings.maxWorkbookBytes, partBytes: settings.partBytes });
      } catch (error) {
        if (!(error instanceof UnreadableFileError)) throw error;
        const report = refuse(relativePath, null, '', error);
        state.sheets.push(report);
        return [report];
      }
      const reports: SheetReport[] = [];
      const start = checkpoint();
      for (const sheet of source.sheets) {
        const given = instead?.get(sheet.name);
        if (given) {
          reports.push(given);
          continue;
        }
        const at = checkpoint();
        try {
          reports.push(await ingestSheet(ctx, sheet, relativePath, source.encoding));
        } catch (error) {
          if (!(error instanceof UnreadableFileError)) throw error;
          rollback(at);
          reports.push(refuse(relativePath, sheet.name, source.encoding, error));
        }
      }
      if (reports.every((r) => r.kind === null && r.set_aside === null && r.superseded === null)) {
        // Nothing read: an empty file — or a workbook whose only content is in hidden sheets.
        rollback(start);
        const hidden = reports.filter((r) => r.hidden && (r.skipped_by_reason.hidden ?? 0) > 0).map((r) => `「${r.sheet}」`);
        const empty = refuse(
          relativePath,
          null,
          source.encoding,
          hidden.length > 0
            ? new UnreadableFileError(`文件中有内容的工作表${hidden.join('、')}都是隐藏的，看得见的工作表是空的，未导入。请在 Excel 中取消隐藏（右键工作表标签—取消隐藏）、确认是要报送的数据后重新报送。`, 'ONLY_HIDDEN_SHEETS')
            : new UnreadableFileError('文件为空，没有任何内容。请确认导出是否成功后重新报送。', 'EMPTY_FILE'),
        );
        state.sheets.push(empty);
        return [empty];
      }
      state.sheets.push(...reports);
      return reports;
    },
  };
}
