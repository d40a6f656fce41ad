/**
 * One sheet, through the stages: a hidden sheet is counted and not read; merged cells filled
 * (merges.ts); the top rows held until the layout is known — a sheet of notes, a per-person form
 * (form-sheet.ts) or a table under a header row (wide-table.ts); then every row handed to it as
 * it comes, counted exactly once as accepted, rejected or skipped; then what the reading noticed
 * about the sheet as warnings (sheet-notes.ts). A large CSV is read in two halves at once, the
 * second by a worker (tail.ts, tail-read.ts).
 */
import { findForm, type FormLayout } from '../domain/forms.ts';
import { classifyRow, columnLetter, findHeader, joinTwoLevelHeader, HEADER_SCAN_ROWS, type HeaderFailure, type HeaderMatch } from '../domain/layout.ts';
import { patternMatches, type KindEvidence } from '../domain/kind-evidence.ts';
import { findWeekColumns, rowsByWeek, type WeekColumns } from '../domain/week-columns.ts';
import { TABLES, TABLE_KINDS } from '../domain/tables/index.ts';
import { isBlankRow } from '../domain/text.ts';
import type { RunContext } from './accept.ts';
import { ingestForm } from './form-sheet.ts';
import { fillMerges } from './merges.ts';
import { UnreadableFileError, type Sheet } from './readers/types.ts';
import { emptyReport, skipper, type SheetReport } from './records.ts';
import { hiddenSheetWarning, readingWarnings } from './sheet-notes.ts';
import { startTail } from './tail.ts';
import { mergeTail } from './tail-read.ts';
import { finishTable, multiRowHeader, prepareTable, type SheetTable } from './wide-table.ts';

const PROGRESS_EVERY = 100_000;

/** Sheets that hold instructions, not data: a template's 填表说明, 封面, 目录, 示例. */
const NOTES_SHEET = /说明|须知|注意事项|填表要求|封面|目录|示例|样表|模板说明/;

const KINDS_HINT = '本系统可识别：在校生人数、辅导员名册、工作记录、培训记录、考核结果（含考核量化表、考核登记表）、助理名册、班级名单';

const FILE_KINDS_HINT = '若确是该种报表，请在标题行或文件名中写明报表名称，或在输入文件夹的 rules.json 中用 file_kinds 登记该文件的报表种类及列名（见使用说明），再导入';

const kindList = (kinds: readonly (keyof typeof TABLES)[]) => [...new Set(kinds)].map((k) => `「${TABLES[k].label}」`).join('、');

/**
 * What else tells the sheet's kind: its sheet name, its file's name (without the extension),
 * and the first file_kinds entry of the rules whose pattern the file's name or path matches.
 */
function evidenceFor(ctx: RunContext, file: string, sheet: string | null): KindEvidence {
  const name = file.slice(file.lastIndexOf('/') + 1);
  const entry = ctx.rules.file_kinds.find((e) => patternMatches(e.file, name) || patternMatches(e.file, file));
  const kind = entry && TABLE_KINDS.find((k) => k === entry.kind.trim() || TABLES[k].label === entry.kind.trim());
  return {
    names: [...(sheet ? [sheet] : []), name.replace(/\.[^.]+$/, '')],
    ...(entry && kind ? { mapping: { pattern: entry.file, kind, headings: entry.columns } } : {}),
  };
}

function headerFailure(failure: HeaderFailure, sheet: string | null, encoding: string, encodingProblem: string | null): UnreadableFileError {
  const where = sheet ? `工作表「${sheet}」` : '文件';
  if (failure.contradicted) {
    const c = failure.contradicted;
    const lacks = failure.closest.length > 0 ? `；按${failure.closest.map((k) => `「${k.label}」读还缺少列：${k.missing.join('、')}`).join('；按')}` : '';
    return new UnreadableFileError(
      `${where}的${c.by === 'title' ? '标题' : '名称'}表明是${kindList(c.named)}，但表头的列只符合${kindList(c.fits)}，不按${kindList(c.fits)}读取${lacks}。请改用该报表的规范表头（可下载模板对照）；${FILE_KINDS_HINT}。`,
      'KIND_CONTRADICTED',
    );
  }
  if (failure.unclear) {
    return new UnreadableFileError(
      `${where}的表头只凭${[...new Set(failure.unclear.flatMap((u) => u.generic))].map((g) => `「${g}」`).join('')}这类各种报表都有的列才像${failure.unclear
        .map((u) => `「${u.label}」（除此之外缺少列：${u.missing.join('、')}）`)
        .join('或')}，标题和文件名也没有写明报表名称，无法判断是哪种报表；${FILE_KINDS_HINT}。`,
      'KIND_UNCLEAR',
    );
  }
  if (failure.duplicate) {
    const d = failure.duplicate;
    return new UnreadableFileError(
      `${where}的表头中${d.columns.map((c, i) => `「${d.cells[i]}」（第 ${columnLetter(c)} 列）`).join('和')}都对应「${d.label}」，无法判断应读哪一列。请删去或改名多余的一列后重新报送（两列都需要时，请分成两个文件）。`,
      'DUPLICATE_COLUMN',
    );
  }
  if (encodingProblem)
    return new UnreadableFileError(
      `${where}似乎是${encodingProblem}，按 GBK 读出的表头是乱码。请用 Excel 或 WPS 打开后“另存为”CSV UTF-8 或 .xlsx，再报送。`,
      'UNKNOWN_ENCODING',
    );
  if (failure.ambiguous.length > 0)
    return new UnreadableFileError(
      `${where}的表头同时符合${failure.ambiguous.map((k) => `「${TABLES[k].label}」`).join('和')}，无法判断是哪种报表。请把不同报表分开保存，或删去无关的列。`,
      'AMBIGUOUS_HEADER',
    );
  if (failure.closest.length > 0)
    return new UnreadableFileError(
      `${where}前 ${HEADER_SCAN_ROWS} 行中找不到可识别的表头。最接近的是${failure.closest
        .map((c) => `「${c.label}」（缺少列：${c.missing.join('、')}）`)
        .join('，其次是')}。请补上缺少的列或改用规范的表头名称，再报送。`,
      'NO_HEADER',
    );
  if (encoding === 'gb18030-mixed')
    return new UnreadableFileError(`${where}的编码混杂（大部分是 UTF-8，夹有 GBK 字符），表头无法正确读出。请用 Excel 或 WPS 打开后“另存为”CSV UTF-8 或 .xlsx，再报送。`, 'NO_HEADER');
  return new UnreadableFileError(
    `${where}中没有可识别的表头。${KINDS_HINT}；请把表头放在前 ${HEADER_SCAN_ROWS} 行内${sheet ? '；若这是说明等非数据工作表，请删除该工作表' : ''}，再报送。`,
    'NO_HEADER',
  );
}

export async function ingestSheet(ctx: RunContext, source: Sheet, file: string, encoding: string): Promise<SheetReport> {
  const report = emptyReport(file, source.name, encoding);
  const skip = skipper(report);

  const hidden = source.visibility?.hidden ?? false;
  if (hidden || (source.name && NOTES_SHEET.test(source.name))) {
    // Counted, and listed in the manifest as skipped 'hidden' or 'notes': nothing in it is
    // published. A hidden sheet (last term's figures kept "for reference") is not what the
    // clerk sees: it is said so, with its row count.
    source.forEachRow((cells) => {
      report.read++;
      skip(hidden ? (isBlankRow(cells) ? 'blank' : 'hidden') : 'notes');
    });
    report.hidden = hidden;
    if (hidden && (report.skipped_by_reason.hidden ?? 0) > 0) {
      report.warnings++;
      ctx.state.warnings.push(hiddenSheetWarning(file, source.name!, report.skipped_by_reason.hidden ?? 0));
    }
    return report;
  }

  const { sheet, filled, numbers, fillNumber } = fillMerges(source);
  const evidence = evidenceFor(ctx, file, sheet.name);
  if (evidence.mapping) report.kind_rule = evidence.mapping.pattern;
  report.merged_cells_filled = filled;
  const hiddenRows = new Set(source.visibility?.rows ?? []);
  const hiddenColumns = new Set(source.visibility?.columns ?? []);

  // Rows from the first non-blank one are held until the layout is found (at most HEADER_SCAN_ROWS).
  const top: string[][] = [];
  let topStart = 0;
  let table: SheetTable | null = null;
  /** A per-person form: every row from the first non-blank one is held, and read as one record at the end. */
  let form: FormLayout | null = null;
  /** Called once the header is known, before the rows held are handled. */
  let onHeader: ((header: HeaderMatch) => void) | null = null;
  let headerFound: HeaderMatch | null = null;

  /** A work log with the weeks as columns: each person's row handed on as a row per week (week-columns.ts). */
  let weekly: WeekColumns | null = null;
  /** A row of the sheet after the header, to the table: reshaped first if the weeks are columns. */
  const handRow = (cells: string[], index: number): void => {
    if (!weekly) return table!.row(cells, index);
    const rows = rowsByWeek(weekly, cells);
    if (rows.length === 0) {
      // Nothing written in any week: a footer or total is skipped as one; a person's empty row is blank.
      const person = [...weekly.personAt.map((i) => cells[i] ?? ''), ...weekly.header.slice(weekly.personAt.length).map(() => '')];
      return classifyRow(person, []) === 'data' ? skip('blank') : table!.row(person, index);
    }
    // Rows read are counted as person-weeks, so that each is accepted, rejected or skipped once.
    report.read += rows.length - 1;
    for (const row of rows) table!.row(row, index);
  };

  const start = () => {
    form = findForm(top);
    if (form) return;
    let header = findHeader(top, hiddenColumns, evidence);
    const weeks = header.ok && header.kind !== 'worklogs' ? findWeekColumns(top) : !header.ok ? findWeekColumns(top) : null;
    if (weeks) {
      const reshaped = [...top];
      reshaped[weeks.row] = weeks.header;
      reshaped[weeks.row - 1] = [];
      const again = findHeader(reshaped, new Set(), evidence);
      if (again.ok && again.kind === 'worklogs' && again.row === weeks.row) {
        weekly = weeks;
        top[weeks.row] = weeks.header;
        header = again;
      }
    }
    // A two- or three-level header (groups over the headings under them) is read as one row,
    // joined. A CSV's group row may pass for a header by itself (its blanks are no duplicate
    // columns): the levels under it, when it has groups, are joined all the same.
    const levels = weekly ? null : joinTwoLevelHeader(top, (sheet.merges ?? []).map((m) => ({ ...m, top: m.top - topStart, bottom: m.bottom - topStart })));
    const twoLevel = levels && (!header.ok || levels.row > header.row) ? levels : null;
    if (twoLevel) {
      const joined = [...top];
      joined[twoLevel.row] = twoLevel.cells;
      // The group rows, now in the joined one.
      for (let r = twoLevel.from; r < twoLevel.row; r++) joined[r] = [];
      const again = findHeader(joined, hiddenColumns, evidence);
      if (again.ok && again.row === twoLevel.row) {
        top[twoLevel.row] = twoLevel.cells;
        header = again;
      }
    }
    if (!header.ok) {
      // One field in two columns because one header cell is merged across them: a two-row header.
      const d = header.duplicate;
      const merged = d && (sheet.merges ?? []).some((m) => m.top <= topStart + d.row && topStart + d.row <= m.bottom && m.left <= d.columns[0]! && d.columns[d.columns.length - 1]! <= m.right);
      if (merged && top[d.row + 1]) throw multiRowHeader(topStart + d.row, top[d.row + 1]!);
      throw headerFailure(header, sheet.name, encoding, d ? null : (source.encodingProblem?.() ?? null));
    }
    headerFound = header;
    table = prepareTable(
      ctx,
      report,
      weekly
        ? { file, sheet: sheet.name, header, evidence, top, topStart, hiddenRows, date1904: source.date1904 }
        : { file, sheet: sheet.name, header, evidence, top, topStart, merges: sheet.merges, mergedNumbers: numbers, fillNumber, hiddenRows, hiddenColumns, date1904: source.date1904 },
      skip,
    );
    if (weekly) report.layout = 'weeks_as_columns';
    onHeader?.(header);
    const headerAt = header.row;
    top.forEach((cells, i) => (i > headerAt ? handRow(cells, topStart + i) : table!.row(cells, topStart + i)));
  };

  const visit = (cells: string[]) => {
    const index = report.read++;
    if (report.read % PROGRESS_EVERY === 0) ctx.onRows?.(file, report.read);
    if (table) return handRow(cells, index);
    if (top.length === 0 && isBlankRow(cells)) {
      topStart = index + 1;
      return skip('blank');
    }
    top.push(cells);
    if (top.length === HEADER_SCAN_ROWS) start();
  };

  // A large CSV in two halves: a worker reads the tail while this thread reads the head, from
  // the moment the header is known. Kinds that reject a person listed twice need every row
  // seen before, and a table feeding two kinds stages to both, so their tail is read here after
  // the head, as is a sheet whose header is not in the head.
  const tail = source.split
    ? startTail({ tail: source.split.tail, stagePath: ctx.sink.stagePath!(), rules: ctx.rules, file, sheet: sheet.name, encoding })
    : null;
  try {
    const head = source.split?.head() ?? null;
    if (!head) {
      tail?.cancel();
      sheet.forEachRow(visit);
    } else {
      let reading = false;
      onHeader = (header) => {
        if (TABLES[header.kind].uniqueKey || header.also || weekly) return;
        tail!.read({ delimiter: head.delimiter, records: head.records, top, topStart, header, context: table!.context });
        reading = true;
      };
      const line = head.forEachRow(visit);
      // A header repeated in another order in the head changes how the tail's rows are read: read it here.
      if (reading && !table!.remapped) mergeTail(ctx, report, table!, await tail!.result(line, (rows) => ctx.onRows?.(file, rows)), source.invisible);
      else {
        tail!.cancel();
        head.forEachTailRow(visit, line);
      }
    }
  } finally {
    tail?.cancel();
  }
  // A sheet of nothing but blank rows (Excel's empty Sheet2) has no table: kind stays null.
  if (!table && !form && top.length > 0) start();
  if (form) ingestForm(ctx, report, form, top, topStart, file, sheet.name, skip);
  else if (table) finishTable(ctx, report, table);
  const found = headerFound as HeaderMatch | null;
  const reading = readingWarnings(
    { file, sheet: sheet.name, table: report.kind, header: table ? (table as SheetTable).headerCells() : null },
    source,
    found ? { read: found.hiddenRead, passedOver: found.hiddenPassedOver } : undefined,
  );
  report.warnings += reading.length;
  ctx.state.warnings.push(...reading);
  return report;
}
