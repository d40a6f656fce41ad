/**
 * The 报送 checklist on 数据质量: for the chosen semester (the latest when none is chosen), each
 * department × each kind of export — 已报送, 部分有误, 未能导入 or 未报送 (coverage's words) — with its rows and the date of its last
 * file, and the return lists to send back. Built from the ingest's report of its files
 * (src/collection/checklist.ts), not from the published rows: a file set aside has none.
 */
import { COVERAGE_LABELS } from '../../collection/coverage.ts';
import { buildChecklist, checklistDepartments, expectedKinds, STATUS_LABELS, type ChecklistCell, type ChecklistRow } from '../../collection/checklist.ts';
import { escapeHtml, formatInt } from '../../domain/format.ts';
import { semesterLabel } from '../../domain/semester.ts';
import { TABLES, type TableKind } from '../../domain/tables/index.ts';
import { hrefOf } from '../../site/department-files.ts';
import { ruleHtml } from '../common.ts';
import { latestSemester, type DashboardContext } from '../context.ts';
import type { Panel, State } from '../types.ts';

/** The semester the checklist is for: the one chosen, else the latest. */
const semesterOf = (s: State, ctx: DashboardContext) => s.semester || latestSemester(ctx);

/** What a cell says, a line each: its status, its rows (and what went wrong), the last file's date. */
export function cellText(c: ChecklistCell): string {
  const date = c.lastFileDate ? [c.lastFileDate] : [];
  switch (c.status) {
    case 'sent':
      return [STATUS_LABELS.sent, `${formatInt(c.accepted)} 行`, ...date].join('\n');
    case 'problem': {
      const problems = [c.setAside ? `${c.setAside} 个文件未能导入` : '', c.rejected ? `拒绝 ${formatInt(c.rejected)} 行` : ''].filter(Boolean);
      // The same words as coverage (what the figures rest on): rows read with some rejected, or nothing read.
      return [c.accepted > 0 ? COVERAGE_LABELS.partial : COVERAGE_LABELS.unreadable, `${problems.join('，')}，接受 ${formatInt(c.accepted)} 行`, ...date].join('\n');
    }
    case 'missing':
      return STATUS_LABELS.missing;
    case 'not_expected':
      return '—';
  }
}

type Row = ChecklistRow & { returnList: { file: string; items: number } | null };

/** A column sorted ascending puts what needs doing first: 未报送, then 未能导入 / 部分有误, then 已报送 (— last). */
const STATUS_ORDER: Record<ChecklistCell['status'], number | null> = { missing: 0, problem: 1, sent: 2, not_expected: null };

export const checklistPanel: Panel = {
  id: 'checklist',
  readsFiles: true,
  title: (s, ctx) => `报送清单 · ${semesterLabel(semesterOf(s, ctx))}`,
  queries: () => ({}),
  render: (_data, s, ctx) => {
    const semester = semesterOf(s, ctx);
    const departments = checklistDepartments(ctx.files, [...ctx.rules.departments, ...ctx.departments]);
    const list = buildChecklist(ctx.files, departments, semester, ctx.rules.expected_exports);
    const returns = new Map(ctx.returns.map((r) => [r.department, r]));
    const rows: Row[] = list.rows
      .filter((r) => !s.department || r.department === s.department)
      .map((r) => ({ ...r, returnList: returns.get(r.department) ?? null }));
    const count = (status: ChecklistCell['status']) => rows.reduce((n, r) => n + list.kinds.filter((k) => r.cells[k].status === status).length, 0);
    // The lists name files, rows and values (a person's among them): a public build says how many items, and links none.
    const internal = ctx.audience !== 'public';
    const links = rows
      .filter((r) => r.returnList)
      .map((r) =>
        internal
          ? `<a href="${escapeHtml(ctx.root + hrefOf(`data/${r.returnList!.file}`))}" download>${escapeHtml(r.department)}</a>（${r.returnList!.items} 项）`
          : `${escapeHtml(r.department)}（${r.returnList!.items} 项）`,
      );
    const html =
      `<p class="note" data-figure="checklist-summary">${escapeHtml(`${semesterLabel(semester)}：已报送 ${count('sent')} 项，部分有误或未能导入 ${count('problem')} 项，未报送 ${count('missing')} 项。`)}</p>` +
      (links.length
        ? `<p class="note" data-figure="return-lists">${internal ? '退回清单（Excel，逐项写明文件、行号、问题和修改办法，可直接发给各系部）' : '需要退回修改的项目（退回清单由学工部发给各系部）'}：${links.join('、')}</p>`
        : '<p class="note" data-figure="return-lists">没有需要退回的文件。</p>') +
      `<p class="note">下发模板、收回、导入和退回的步骤，以及导入时各条提示的含义，见<a href="${escapeHtml(`${ctx.root}guide.html`)}">使用说明</a>。</p>`;
    return {
      html,
      table: {
        title: `报送清单_${semester}`,
        rows,
        rowKey: (r) => r.department,
        flagged: (r) => r.setAsideUnknown.length > 0 || list.kinds.some((k) => r.cells[k].status === 'problem' || r.cells[k].status === 'missing'),
        columns: [
          { key: 'department', label: '系部', rowHeader: true },
          // The semester the matrix is of (the latest when none is chosen), said in the download.
          { key: 'semester', label: '学期', downloadOnly: true, display: () => semesterLabel(semester) },
          ...list.kinds.map((k) => ({ key: k, label: TABLES[k].label, display: (r: Row) => cellText(r.cells[k]), sortValue: (r: Row) => STATUS_ORDER[r.cells[k].status] })),
          // A file set aside whose name tells no kind: a problem of the department all the same.
          ...(rows.some((r) => r.setAsideUnknown.length)
            ? [{ key: 'other', label: '其他未能导入的文件', display: (r: Row) => (r.setAsideUnknown.length ? `${r.setAsideUnknown.length} 个` : '—') }]
            : []),
          { key: 'returns', label: '退回清单', display: (r: Row) => (r.returnList ? `${r.returnList.items} 项` : '无'), sortValue: (r: Row) => r.returnList?.items ?? 0 },
        ],
        empty: '所选学期没有任何系部报送的文件。',
      },
    };
  },
  rule: (ctx) =>
    ruleHtml([
      ['已报送：收到该系部该类报表，各行均已导入；部分有误：有被拒绝的行（或另有文件未能导入），按已导入的行统计；未能导入：收到了但一行也未能导入（无法读取、无法识别，或有多个版本无法确定采用哪一个），相关数字以此状态代替，不计为 0；未报送：没有收到。日期为最后收到的文件的保存日期。', undefined],
      [
        ctx.rules.expected_exports.length
          ? `每个系部每学期应报送：${expectedKinds([], '', ctx.rules.expected_exports).map((k) => TABLES[k].label).join('、')}（本校设定）。`
          : '每个系部每学期应报送的报表：该学期半数及以上系部报送了的各类报表；只有少数系部报送的（如研究生德育助理名册），其他系部未报送不计为缺报，显示为“—”。',
        undefined,
      ],
      ['退回清单在每次导入时生成，列出该系部所有未能导入的文件、被拒绝的行、需要核对的提示和本学期未报送的报表。', undefined],
    ]),
  // Files and departments, counted: no one's attribute (a public build's file list holds no file names, src/site/public-build.ts).
  public: 'as-is',
};
