/**
 * 数据质量: the ingest report — per department and per file, rows read = accepted + rejected +
 * skipped; every rejected row with its reason; every warning — so a clerk knows what to fix and resend.
 */
import { COVERAGE_LABELS, type CoverageRow } from '../../collection/coverage.ts';
import { semesterLabel } from '../../domain/semester.ts';
import { TABLES, type TableKind } from '../../domain/tables/index.ts';
import { departmentOf, summaryByDepartment } from '../../ingest/summary.ts';
import type { Manifest } from '../../ingest/run.ts';
import { sqlString } from '../../metrics/sql.ts';
import { cardsHtml, namesDepartment, ruleHtml, semesterTitle } from '../common.ts';
import type { DashboardContext } from '../context.ts';
import type { Panel, PageSpec, State } from '../types.ts';
import { checklistPanel } from './checklist.ts';
import { formatInt } from '../../domain/format.ts';
import { filterSql } from '../../metrics/filters.ts';

type SheetReport = Manifest['files'][number];

const manifestOf = (ctx: DashboardContext) => ({ files: ctx.files, departments: ctx.departments }) as Manifest;

/** The files in scope: of the selected department (by its rows, else its folder) and semester. */
function filesInScope(s: State, ctx: DashboardContext): SheetReport[] {
  return ctx.files.filter(
    (f) =>
      (!s.department || departmentOf(f, ctx.departments) === s.department || namesDepartment(f, s.department)) &&
      (!s.semester || f.semester == null || f.semester === s.semester),
  );
}

const inFiles = (files: readonly SheetReport[]) => (files.length ? `file IN (${[...new Set(files.map((f) => f.file))].map(sqlString).join(', ')})` : 'FALSE');

const conservationRule = () =>
  ruleHtml([
    ['每个文件（工作表）的读取行数 = 接受 + 拒绝 + 跳过。跳过的是标题、表头、合计、表尾（填表人、审核人等）和空行；拒绝的行不计入任何统计，原因见下表。', undefined],
    ['无法读取或无法识别的文件（已损坏、设有密码、找不到表头、无法确定学期或系部等）整个搁置，不读取、不计入任何统计，原因列在“被拒绝的行及原因”表中（行号为空）；其他文件照常导入。', undefined],
    ['同一系部同一学期的同一份报表报送了多个版本（副本、更正后重新报送）时只计入一个：完全相同的副本只计一次；内容不同时以填报日期较晚的、或文件名注明“更正”的为准；无法判断时各版本均搁置。未计入的版本列为“重复或旧版本（未计入）”。Excel 中隐藏的工作表不导入，隐藏的行照常计入并给出提示。', undefined],
    ['提示不影响接受：该行已计入统计，但数据可能有误（如得分与等次不一致、同一人同一周填报两次、工号丢失前导零），请核对。', undefined],
  ]);

const summary: Panel = {
  id: 'summary',
  readsFiles: true,
  title: (s) => `导入概况${s.department ? ` · ${s.department}` : ''}${s.semester ? ` · ${semesterLabel(s.semester)}` : ''}`,
  queries: () => ({}),
  render: (_data, s, ctx) => {
    const files = filesInScope(s, ctx);
    const sum = (k: 'read' | 'accepted' | 'rejected' | 'skipped' | 'warnings') => files.reduce((n, f) => n + f[k], 0);
    const aside = files.filter((f) => f.set_aside).length;
    return {
      html: cardsHtml([
        { key: 'files', label: '文件（工作表）', value: `${formatInt(new Set(files.map((f) => f.file)).size)} 个` },
        { key: 'set_aside', label: '未能导入（已搁置）', value: `${formatInt(aside)} 个`, tone: aside > 0 ? 'bad' : 'ok' },
        { key: 'read', label: '读取行数', value: formatInt(sum('read')) },
        { key: 'accepted', label: '接受', value: formatInt(sum('accepted')) },
        { key: 'rejected', label: '拒绝', value: formatInt(sum('rejected')), tone: sum('rejected') > 0 ? 'bad' : 'ok' },
        { key: 'skipped', label: '跳过（非数据行）', value: formatInt(sum('skipped')) },
        { key: 'warnings', label: '提示', value: formatInt(sum('warnings')), tone: sum('warnings') > 0 ? 'bad' : 'ok' },
      ]),
    };
  },
  rule: conservationRule,
  // Counts of files and rows (the public build's file list holds no file names: src/site/public-build.ts).
  public: 'as-is',
};

const resend: Panel = {
  id: 'resend',
  readsFiles: true,
  title: () => '需要修改后重新报送的文件',
  queries: () => ({}),
  render: (_data, s, ctx) => ({
    table: {
      title: '需要重新报送的文件',
      // Files that could not be read at all first, then those with rejected rows.
      rows: filesInScope(s, ctx)
        .filter((f) => f.rejected > 0 || f.set_aside)
        .sort((a, b) => Number(!a.set_aside) - Number(!b.set_aside)),
      rowKey: (r) => `${r.file}|${r.sheet ?? ''}`,
      flagged: () => true,
      empty: '没有需要重新报送的文件：所选范围内没有未能导入的文件，也没有被拒绝的行。',
      columns: [
        { key: 'department', label: '报送单位', rowHeader: true, display: (r) => departmentOf(r, ctx.departments) },
        { key: 'file', label: '文件' },
        { key: 'sheet', label: '工作表' },
        { key: 'rejected', label: '被拒绝的行', display: (r) => (r.set_aside ? '整个文件未能导入' : formatInt(r.rejected)), numeric: true },
        { key: 'action', label: '需要处理', display: () => '按下表所列原因修改后重新报送' },
      ],
    },
  }),
  rule: conservationRule,
  // File names may hold a person's (a folder of per-person forms): the 学工部's own work list.
  public: 'omit',
};

/**
 * What the figures could not rest on (coverage): exports sent but not read, not sent, and columns a
 * form lacked — each shown on the pages in place of a figure, never as a zero.
 */
const coverageGaps: Panel = {
  id: 'coverage',
  readsCoverage: true,
  title: (s) => `未能计入统计的报表和缺少的列${s.semester ? ` · ${semesterTitle(s)}` : ''}`,
  queries: () => ({}),
  render: (_data, s, ctx) => ({
    table: {
      title: '未能计入统计的报表和列',
      rows: ctx.coverage.filter(
        (c) => (!s.semester || c.semester === s.semester) && (!s.department || c.department === s.department) && (c.status === 'unreadable' || c.status === 'column_missing'),
      ),
      rowKey: (r) => `${r.semester}|${r.department}|${r.kind}|${r.role ?? ''}|${r.field ?? ''}`,
      flagged: () => true,
      empty: '所选学期各系部已报送的报表均已导入，表中也不缺少统计所需的列。',
      columns: [
        { key: 'department', label: '系部', rowHeader: true },
        { key: 'status', label: '状态', display: (r: CoverageRow) => COVERAGE_LABELS[r.status] },
        { key: 'note', label: '说明' },
        { key: 'shown', label: '页面上如何显示', display: (r) => (r.status === 'column_missing' ? '该项不计入达标率，注明“该项未报送”' : '以此说明代替数字，全院数字不含该系部并注明') },
      ],
    },
  }),
  rule: () => ruleHtml([['一个数字只按已报送并已导入的数据计算；未能导入或未报送的，页面上以状态代替数字，不显示为 0、缺口或未达标。表中缺少某列的，该项不计入该系部的达标率。', undefined]]),
  public: 'as-is',
};

const departments: Panel = {
  id: 'departments',
  readsFiles: true,
  title: () => '各系部报送情况',
  queries: () => ({}),
  render: (_data, s, ctx) => {
    const rows = summaryByDepartment(manifestOf({ ...ctx, files: filesInScope(s, ctx) })).map(([department, l]) => ({
      department,
      files: l.files.size,
      setAside: l.setAside,
      accepted: l.accepted,
      rejected: l.rejected,
      skipped: l.skipped,
      warnings: l.warnings,
    }));
    return {
      table: {
        title: '各系部报送情况',
        rows,
        rowKey: (r) => r.department,
        flagged: (r) => r.setAside > 0 || r.rejected > 0 || r.warnings > 0,
        columns: [
          { key: 'department', label: '系部', rowHeader: true },
          { key: 'files', label: '文件数', format: 'int' },
          { key: 'setAside', label: '未能导入', format: 'int' },
          { key: 'accepted', label: '接受行数', format: 'int' },
          { key: 'rejected', label: '拒绝行数', format: 'int' },
          { key: 'skipped', label: '跳过行数', format: 'int' },
          { key: 'warnings', label: '提示条数', format: 'int' },
          {
            key: 'action',
            label: '需要处理',
            display: (r) =>
              r.setAside > 0 ? '请按原因修改未能导入的文件后重新报送' : r.rejected > 0 ? '请修改被拒绝的行后重新报送' : r.warnings > 0 ? '请核对提示' : '无',
          },
        ],
      },
    };
  },
  rule: conservationRule,
  public: 'as-is',
};

const files: Panel = {
  id: 'files',
  readsFiles: true,
  title: () => '逐个文件的导入结果',
  queries: () => ({}),
  render: (_data, s, ctx) => ({
    table: {
      title: '文件导入结果',
      rows: filesInScope(s, ctx),
      rowKey: (r) => `${r.file}|${r.sheet ?? ''}`,
      flagged: (r) => r.rejected > 0 || r.set_aside !== null,
      columns: [
        { key: 'file', label: '文件', rowHeader: true },
        { key: 'sheet', label: '工作表' },
        {
          key: 'kind',
          label: '识别为',
          display: (r) =>
            r.set_aside
              ? '未能导入（已搁置）'
              : r.superseded
                ? '重复或旧版本（未计入）'
                : r.hidden
                  ? '隐藏的工作表（未导入）'
                  : r.kind
                    ? [r.kind, r.also].flatMap((k) => (k ? [TABLES[k as TableKind].label] : [])).join('、')
                    : '说明页（未导入）',
        },
        { key: 'semester', label: '学期', format: 'semester' },
        { key: 'read', label: '读取', format: 'int' },
        { key: 'accepted', label: '接受', format: 'int' },
        { key: 'rejected', label: '拒绝', format: 'int' },
        { key: 'skipped', label: '跳过', format: 'int' },
        { key: 'warnings', label: '提示', format: 'int' },
        { key: 'check', label: '核对', display: (r) => (r.read === r.accepted + r.rejected + r.skipped ? '相符' : '不相符') },
      ],
    },
  }),
  rule: conservationRule,
  public: 'omit',
};

/**
 * The public build's aggregates of the rejects and warnings (created by the build from the full
 * data, src/site/public-build.ts): per semester, department and table, and for rejects per column,
 * how many rows — no file name, row number, value or message.
 */
export const QUALITY_TABLES = { rejects: 'quality_rejects', warnings: 'quality_warnings' } as const;

export function qualityTablesSql(ctx: DashboardContext): string[] {
  const files = ctx.files.map(
    (f) => `(${sqlString(f.file)}, ${f.sheet == null ? 'NULL' : sqlString(f.sheet)}, ${f.semester == null ? 'NULL' : sqlString(f.semester)}, ${sqlString(departmentOf(f, ctx.departments))}, ${f.kind == null ? 'NULL' : sqlString(f.kind)})`,
  );
  const place = files.length
    ? `(VALUES ${files.join(', ')}) m(file, sheet, semester, department, kind)`
    : `(SELECT NULL::VARCHAR AS file, NULL::VARCHAR AS sheet, NULL::VARCHAR AS semester, NULL::VARCHAR AS department, NULL::VARCHAR AS kind WHERE FALSE) m`;
  const on = `ON x.file = m.file AND x.sheet IS NOT DISTINCT FROM m.sheet`;
  return [
    `CREATE OR REPLACE TABLE ${QUALITY_TABLES.rejects} AS SELECT m.semester, m.department, m.kind, x."column", x."row" IS NULL AS whole_file,
  COUNT(DISTINCT (x.file, x.sheet, x."row"))::INTEGER AS rows FROM rejects x JOIN ${place} ${on} GROUP BY ALL`,
    `CREATE OR REPLACE TABLE ${QUALITY_TABLES.warnings} AS SELECT m.semester, m.department, x."table" AS kind, COUNT(*)::INTEGER AS warnings
  FROM warnings x JOIN ${place} ${on} GROUP BY ALL`,
  ];
}

/** The aggregates' rows in the view (a file with no semester counts in every semester, as on the internal page). */
const qualityScope = (s: State) => `(semester IS NULL OR ${filterSql({ semester: s.semester })}) AND ${filterSql({ department: s.department })}`;
const kindLabel = (kind: string | null) => (kind ? (TABLES[kind as TableKind]?.label ?? kind) : '（未识别）');

const rejectCounts: Panel = {
  id: 'rejects',
  title: () => '被拒绝的行数（按系部、数据表和列）',
  queries: (s) => ({
    rows: `SELECT department, kind, "column", whole_file, SUM(rows)::INTEGER AS rows FROM ${QUALITY_TABLES.rejects} WHERE ${qualityScope(s)}
GROUP BY ALL ORDER BY whole_file DESC, department, kind, "column"`,
  }),
  render: (data) => ({
    table: {
      title: '被拒绝的行数',
      rows: data.rows as Array<{ department: string; kind: string | null; column: string | null; whole_file: boolean; rows: number }>,
      rowKey: (r) => `${r.department}|${r.kind ?? ''}|${r.column ?? ''}|${r.whole_file}`,
      flagged: () => true,
      empty: '没有被拒绝的行。',
      columns: [
        { key: 'department', label: '报送单位', rowHeader: true },
        { key: 'kind', label: '数据表', display: (r) => kindLabel(r.kind) },
        { key: 'column', label: '列', display: (r) => (r.whole_file ? '整个文件未能导入' : (r.column ?? '')) },
        { key: 'rows', label: '行数（文件数）', format: 'int' },
      ],
    },
  }),
  rule: () =>
    ruleHtml([
      ['被拒绝的行不计入任何统计。公开版只按报送单位、数据表和列统计行数，不列文件名、行号、原始值和原因（其中可能含有人员信息）；需要修改的文件和原因见内部版。', undefined],
    ]),
  public: 'as-is',
};

const warningCounts: Panel = {
  id: 'warnings',
  title: () => '数据提示条数（已计入统计）',
  queries: (s) => ({
    rows: `SELECT department, kind, SUM(warnings)::INTEGER AS warnings FROM ${QUALITY_TABLES.warnings} WHERE ${qualityScope(s)} GROUP BY ALL ORDER BY department, kind`,
  }),
  render: (data) => ({
    table: {
      title: '数据提示条数',
      rows: data.rows as Array<{ department: string; kind: string | null; warnings: number }>,
      rowKey: (r) => `${r.department}|${r.kind ?? ''}`,
      empty: '没有数据提示。',
      columns: [
        { key: 'department', label: '报送单位', rowHeader: true },
        { key: 'kind', label: '数据表', display: (r) => kindLabel(r.kind) },
        { key: 'warnings', label: '提示条数', format: 'int' },
      ],
    },
  }),
  rule: () =>
    ruleHtml([['提示不影响接受：该行已计入统计，但数据可能有误，请报送单位核对。公开版只统计条数，说明见内部版。', undefined]]),
  public: 'as-is',
};

const rejects: Panel = {
  id: 'rejects',
  readsFiles: true,
  title: () => '被拒绝的行及原因',
  // Files set aside (no row number) first: they are what most needs sending back.
  queries: (s, ctx) => ({ rows: `SELECT * FROM rejects WHERE ${inFiles(filesInScope(s, ctx))} ORDER BY "row" IS NOT NULL, file, sheet, "row", "column"` }),
  render: (data) => ({
    table: {
      title: '被拒绝的行',
      rows: data.rows as Array<Record<string, string | number | null>>,
      rowKey: (r) => `${r.file}|${r.sheet ?? ''}|${r.row}|${r.column ?? ''}`,
      flagged: () => true,
      empty: '没有被拒绝的行。',
      columns: [
        { key: 'file', label: '文件', rowHeader: true },
        { key: 'sheet', label: '工作表' },
        { key: 'row', label: '行号', display: (r) => (r.row == null ? '整个文件' : formatInt(Number(r.row))) },
        { key: 'column', label: '列' },
        { key: 'value', label: '原始值' },
        { key: 'message', label: '原因及修改建议' },
        { key: 'code', label: '代码', downloadOnly: true },
      ],
    },
  }),
  rule: conservationRule,
  // A rejected cell's value and its message can be a person's (a name, a score): counts only.
  public: { panel: rejectCounts },
};

const warnings: Panel = {
  id: 'warnings',
  readsFiles: true,
  title: () => '数据提示（已计入统计，请核对）',
  queries: (s, ctx) => ({ rows: `SELECT * FROM warnings WHERE ${inFiles(filesInScope(s, ctx))} ORDER BY file, sheet, "row", code` }),
  render: (data) => ({
    table: {
      title: '数据提示',
      rows: data.rows as Array<Record<string, string | number | null>>,
      rowKey: (r) => `${r.file}|${r.sheet ?? ''}|${r.row ?? ''}|${r.code}`,
      empty: '没有数据提示。',
      columns: [
        { key: 'file', label: '文件', rowHeader: true },
        { key: 'sheet', label: '工作表' },
        { key: 'row', label: '行号', format: 'int' },
        { key: 'column', label: '列' },
        { key: 'message', label: '说明' },
        { key: 'code', label: '代码', downloadOnly: true },
      ],
    },
  }),
  rule: conservationRule,
  public: { panel: warningCounts },
};

export const qualityPage: PageSpec = {
  id: 'quality',
  path: 'quality.html',
  navLabel: '数据质量',
  title: '数据质量与报送情况',
  lede: () => '各系部报送文件的导入结果：每一行或被接受，或被拒绝（附原因），或作为标题、表头、合计、表尾、空行跳过，没有遗漏。请通知有拒绝行的单位修改后重新报送。',
  filters: ['semester', 'department'],
  semesterOptional: true,
  // The clerk's work first: who sent what (the 报送 checklist), what to send back and why; then the warnings; then the full accounts.
  panels: [summary, checklistPanel, resend, rejects, coverageGaps, warnings, departments, files],
};
