/**
 * Cross-row checks, run in SQL over the staging tables once every file is in. They are warnings
 * for the data-quality output, never silent fixes (row-level checks live in each kind's derive).
 */
import { TABLES, TABLE_KINDS, type TableKind } from '../domain/tables/index.ts';
import type { NodeRunner } from '../io/duckdb-node.ts';
import { DIARY_SHEETS, SHEET_KEY } from '../metrics/workload.ts';
import { WARNINGS_LISTED_PER_FILE, type WarningRecord } from './records.ts';

interface CrossCheck {
  code: string;
  table: TableKind;
  /** Returns source_file, source_sheet, source_row, column, message. */
  sql: string;
}

const quote = (name: string) => `"${name}"`;

/** Every published column but where the row came from. */
function contentColumns(kind: TableKind): string[] {
  return TABLES[kind].output.map((c) => c.name).filter((n) => !n.startsWith('source_'));
}

/** A work-log row's person-week (or month), as one hash. */
const PERSON_WEEK = 'hash(semester, department, role, COALESCE(staff_id, name), week_start, month)';

/**
 * The person-weeks with more than one work-log row, of any sheet (by PERSON_WEEK: a collision
 * only adds a candidate): made once before the checks, which then look only at their rows.
 * Grouping every row by a hash was the checks' cost, and two of them did it (1.2 s of CPU each
 * at ten million rows). When many weeks repeat (a file of many departments sent twice), the
 * narrowing would cost more than it saves (2,000,000 rows all sent twice: 16.8 s against 11.9 s):
 * the checks then group every row themselves (NARROW_UP_TO).
 */
const REPEATED_WEEKS = 'repeated_person_weeks';
/** Narrowed to the repeated weeks' rows while these are at most this share of the work-log rows. */
const NARROW_UP_TO = 0.05;

/**
 * The same row, every published column equal, twice — in one file or in two: sent twice?
 * Rows are first narrowed by a hash of their identity (the kind's few columns that tell one
 * record from another: equal rows share it), then of their whole content among those (a GROUP
 * BY on one number, cheap at a million rows), then compared column by column among the few
 * candidates. A work log's rows are narrowed before that to the person-weeks with more than one
 * row (REPEATED_WEEKS, its identity holds the person-week): the grouping of every row is done
 * once for this check and PERSON_WEEK_TWICE.
 */
function duplicateRows(kind: TableKind, narrowed: boolean): CrossCheck {
  const columns = contentColumns(kind).map(quote).join(', ');
  const identity = `hash(${TABLES[kind].identity.flat().map(quote).join(', ')})`;
  const rows = kind === 'worklogs' && narrowed ? `(SELECT * FROM worklogs WHERE ${PERSON_WEEK} IN (SELECT k FROM ${REPEATED_WEEKS}))` : kind;
  return {
    code: 'DUPLICATE_ROW',
    table: kind,
    sql: `
WITH same AS (SELECT ${identity} AS k FROM ${rows} GROUP BY k HAVING COUNT(*) > 1),
alike AS (SELECT * FROM ${rows} WHERE ${identity} IN (SELECT k FROM same)),
candidates AS (
  SELECT * FROM alike
  WHERE hash(${columns}) IN (SELECT hash(${columns}) AS k FROM alike GROUP BY k HAVING COUNT(*) > 1)
)
SELECT source_file, source_sheet, source_row, NULL AS "column",
  '与 ' || first_file || ' 第 ' || first_row || ' 行内容完全相同，可能重复填报；两行都已计入，请确认后删去一行。' AS message
FROM (
  SELECT source_file, source_sheet, source_row,
    FIRST_VALUE(source_file) OVER w AS first_file, FIRST_VALUE(source_row) OVER w AS first_row,
    ROW_NUMBER() OVER w AS n
  FROM candidates
  WINDOW w AS (PARTITION BY ${columns} ORDER BY source_file, source_row)
) WHERE n > 1`,
  };
}


/** The checks, the work logs' narrowed to the repeated weeks' rows or not (REPEATED_WEEKS). */
export const crossChecks = (narrowed: boolean): CrossCheck[] => [
  ...TABLE_KINDS.map((kind) => duplicateRows(kind, narrowed)),
  {
    // One person's week (or month, in a monthly report) entered twice with different counts
    // (identical rows are DUPLICATE_ROW). A work diary's rows are days of the week, added up
    // (personWeeksSql), not entries twice.
    code: 'PERSON_WEEK_TWICE',
    table: 'worklogs',
    sql: `
WITH twice AS (
  -- Person-weeks with more than one row outside the diaries, among those with more than one row:
  -- only their rows' content is hashed below, not every row's.
  SELECT ${PERSON_WEEK} AS k FROM worklogs
  WHERE ${narrowed ? `${PERSON_WEEK} IN (SELECT k FROM ${REPEATED_WEEKS}) AND ` : ''}${SHEET_KEY} NOT IN (SELECT sheet FROM ${DIARY_SHEETS})
  GROUP BY k HAVING COUNT(*) > 1
),
weeks AS (
  -- More than one distinct row: two different hashes (MIN <> MAX is COUNT(DISTINCT) > 1, at a third of the cost).
  SELECT semester, department, role, person, week_start, month FROM (
    SELECT semester, department, role, COALESCE(staff_id, name) AS person, week_start, month, hash(${contentColumns('worklogs').map(quote).join(', ')}) AS h
    FROM worklogs WHERE ${PERSON_WEEK} IN (SELECT k FROM twice) AND ${SHEET_KEY} NOT IN (SELECT sheet FROM ${DIARY_SHEETS})
  ) GROUP BY ALL
  HAVING MIN(h) <> MAX(h)
)
SELECT source_file, source_sheet, source_row, CASE WHEN week_start IS NULL THEN '月份' ELSE '周次' END AS "column",
  CASE WHEN week_start IS NULL
    THEN name || ' 在 ' || replace(month, '-', '年') || '月已有一行不同的记录（' || first_file || ' 第 ' || first_row || ' 行），同一人每月应只填一行；两行都已计入，请合并。'
    ELSE name || ' 在 ' || strftime(week_start, '%Y-%m-%d') || ' 这一周已有一行不同的记录（' || first_file || ' 第 ' || first_row || ' 行），同一人每周应只填一行；两行都已计入，请合并。'
  END AS message
FROM (
  SELECT w.*, FIRST_VALUE(source_file) OVER p AS first_file, FIRST_VALUE(source_row) OVER p AS first_row, ROW_NUMBER() OVER p AS n
  -- A monthly report's rows have no week, a week's rows no month: NULL matches NULL here.
  FROM worklogs w JOIN weeks ON w.semester = weeks.semester AND w.department = weeks.department AND w.role = weeks.role
    AND w.week_start IS NOT DISTINCT FROM weeks.week_start AND w.month IS NOT DISTINCT FROM weeks.month
  WHERE COALESCE(w.staff_id, w.name) = weeks.person AND ${SHEET_KEY} NOT IN (SELECT sheet FROM ${DIARY_SHEETS})
  WINDOW p AS (PARTITION BY w.semester, w.department, w.role, COALESCE(w.staff_id, w.name), w.week_start, w.month ORDER BY source_file, source_row)
) WHERE n > 1`,
  },
  {
    code: 'PERSON_IN_TWO_DEPARTMENTS',
    table: 'worklogs',
    sql: `
WITH people AS (
  SELECT semester, staff_id, MIN(department) AS first_department
  FROM worklogs WHERE staff_id IS NOT NULL GROUP BY ALL HAVING MIN(department) <> MAX(department)
)
SELECT w.source_file, w.source_sheet, w.source_row, '系部' AS "column",
  '工号 ' || w.staff_id || ' 在 ' || w.semester || ' 学期的工作记录出现在多个系部（' || p.first_department || '、' || w.department || '），请核对。' AS message
FROM worklogs w JOIN people p USING (semester, staff_id)
WHERE w.department <> p.first_department`,
  },
  {
    // Excel turns 001234 into the number 1234 unless the column is formatted as text.
    code: 'STAFF_ID_LEADING_ZEROS',
    table: 'counselors',
    sql: `
WITH usual AS (SELECT MODE(LENGTH(staff_id)) AS len FROM counselors WHERE regexp_full_match(staff_id, '[0-9]+'))
SELECT source_file, source_sheet, source_row, '工号' AS "column",
  '工号 ' || staff_id || ' 只有 ' || LENGTH(staff_id) || ' 位，其他工号多为 ' || usual.len ||
  ' 位，可能被 Excel 去掉了前导零；请把工号列设为“文本”格式后重新导出。' AS message
FROM counselors, usual
WHERE regexp_full_match(staff_id, '[0-9]+') AND LENGTH(staff_id) < usual.len`,
  },
];

/**
 * Every check's warnings, in the order of crossChecks. With a `helper` (another connection, free once
 * `ready`), the two take the checks not yet taken in turn, so the work is shared; the warnings
 * do not depend on which connection ran a check. The repeated weeks are grouped on `runner`
 * first, while the helper takes the checks that do not read them.
 */
export async function runCrossChecks(runner: NodeRunner, helper?: { runner: NodeRunner; ready: Promise<void> }): Promise<WarningRecord[]> {
  const narrowed = crossChecks(true);
  const plain = crossChecks(false);
  // The checks that read the repeated weeks (their SQL depends on them) go after the others.
  const reading = (i: number) => narrowed[i]!.sql !== plain[i]!.sql;
  const order = [...narrowed.keys()].sort((a, b) => Number(reading(a)) - Number(reading(b)) || a - b);
  let checks: CrossCheck[] | null = null;
  const grouped = (async () => {
    // A table, not a temporary one: both connections read it.
    await runner.connection.run(`CREATE OR REPLACE TABLE ${REPEATED_WEEKS} AS SELECT ${PERSON_WEEK} AS k FROM worklogs GROUP BY k HAVING COUNT(*) > 1`);
    const [counted] = await runner.query<{ weeks: number; rows: number }>(
      `SELECT (SELECT COUNT(*) FROM ${REPEATED_WEEKS})::DOUBLE AS weeks, (SELECT COUNT(*) FROM worklogs)::DOUBLE AS rows`,
    );
    checks = counted!.weeks <= NARROW_UP_TO * counted!.rows ? narrowed : plain;
  })();
  const results: WarningRecord[][] = [];
  let next = 0;
  const lane = async (on: NodeRunner) => {
    while (next < order.length) {
      const i = order[next++]!;
      if (reading(i)) await grouped;
      results[i] = await runCheck(on, (checks ?? plain)[i]!);
    }
  };
  const lanes = await Promise.allSettled([grouped.then(() => lane(runner)), helper?.ready.then(() => lane(helper.runner))]);
  for (const done of lanes) if (done.status === 'rejected') throw done.reason;
  await runner.connection.run(`DROP TABLE ${REPEATED_WEEKS}`);
  return results.flat();
}

async function runCheck(runner: NodeRunner, check: CrossCheck): Promise<WarningRecord[]> {
  const warnings: WarningRecord[] = [];
  const rows = await runner.query<{ source_file: string; source_sheet: string | null; source_row: number; column: string | null; message: string; total: number; k: number }>(
    `SELECT *, COUNT(*) OVER f AS total, ROW_NUMBER() OVER (f ORDER BY source_row) AS k FROM (${check.sql})
     WINDOW f AS (PARTITION BY source_file) QUALIFY k <= ${WARNINGS_LISTED_PER_FILE} ORDER BY source_file, source_row`,
  );
  for (const r of rows) {
    warnings.push({ file: r.source_file, sheet: r.source_sheet, row: r.source_row, table: check.table, column: r.column, code: check.code, message: r.message });
    if (r.k === WARNINGS_LISTED_PER_FILE && r.total > r.k)
      warnings.push({ file: r.source_file, sheet: r.source_sheet, row: null, table: check.table, column: null, code: check.code, message: `同类问题另有 ${r.total - r.k} 处，未逐条列出；请先核对上面列出的行。` });
  }
  return warnings;
}
