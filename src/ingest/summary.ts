/**
 * The one-screen summary printed at the end of an ingest run: totals, then per department the
 * files, rows accepted / rejected / skipped and warnings, then where a clerk has work to do.
 */
import { placeOf } from '../domain/context.ts';
import { setAsideSheets } from './quarantine.ts';
import type { SheetReport } from './records.ts';
import type { Manifest } from './run.ts';
import { TABLES, TABLE_KINDS } from '../domain/tables/index.ts';
import { displayWidth } from '../domain/text.ts';

/** The output tables as the clerk knows them: each export's name, then the rows rejected and the warnings. */
const TABLE_NAMES: Record<keyof Manifest['tables'], string> = {
  ...(Object.fromEntries(TABLE_KINDS.map((kind) => [kind, TABLES[kind].label])) as Record<(typeof TABLE_KINDS)[number], string>),
  rejects: '拒绝的行',
  warnings: '提示',
  coverage: '报送状态',
};

/** The department a file belongs to: the one its accepted rows name, else (set aside, superseded) the one its name, folder or rows named, else the folder it sits in. */
export function departmentOf(sheet: Pick<SheetReport, 'file' | 'departments' | 'set_aside' | 'superseded'>, known: readonly string[]): string {
  const named = Object.keys(sheet.departments);
  if (named.length === 1) return named[0]!;
  if (named.length > 1) return '（跨系部的汇总文件）';
  if (sheet.set_aside?.department) return sheet.set_aside.department;
  if (sheet.superseded) return sheet.superseded.department;
  const folder = [...placeOf(sheet.file).folders].reverse().find((part) => known.includes(part));
  return folder ?? '（未知系部）';
}

interface Line {
  files: Set<string>;
  /** Files (or sheets) set aside: not read. */
  setAside: number;
  accepted: number;
  rejected: number;
  skipped: number;
  warnings: number;
}

export function summaryByDepartment(manifest: Manifest): Array<[string, Line]> {
  const lines = new Map<string, Line>();
  for (const sheet of manifest.files) {
    const department = departmentOf(sheet, manifest.departments);
    const line = lines.get(department) ?? { files: new Set(), setAside: 0, accepted: 0, rejected: 0, skipped: 0, warnings: 0 };
    line.files.add(sheet.file);
    if (sheet.set_aside) line.setAside++;
    line.accepted += sheet.accepted;
    line.rejected += sheet.rejected;
    line.skipped += sheet.skipped;
    line.warnings += sheet.warnings;
    lines.set(department, line);
  }
  const collator = new Intl.Collator('zh-CN');
  return [...lines.entries()].sort(([a], [b]) => collator.compare(a, b));
}

/** `text` padded to `width` terminal columns (a Chinese character takes two). */
const pad = (text: string | number, width: number) => String(text) + ' '.repeat(Math.max(0, width - displayWidth(String(text))));

export function formatSummary(manifest: Manifest, elapsedMs: number, out: string): string {
  const t = manifest.totals;
  const aside = setAsideSheets(manifest.files);
  const superseded = manifest.files.filter((f) => f.superseded);
  const hidden = manifest.files.filter((f) => f.hidden && (f.skipped_by_reason.hidden ?? 0) > 0);
  const notRead = manifest.not_read ?? [];
  const among = [
    aside.length > 0 ? `其中 ${aside.length} 个文件或工作表未能导入，已搁置` : '',
    superseded.length > 0 ? `${superseded.length} 个是同一报表的重复或旧版本，未计入` : '',
    notRead.length > 0 ? `另有 ${notRead.length} 个文件不是报表，未读取` : '',
  ].filter(Boolean);
  const byDepartment = summaryByDepartment(manifest);
  // The widest department name and two spaces: a long 学院 name never runs into its figures.
  const nameWidth = Math.max(24, ...byDepartment.map(([department]) => displayWidth(department) + 2));
  const lines = [
    `导入完成：${t.files} 个文件${among.length > 0 ? `（${among.join('；')}）` : ''}，读取 ${t.read} 行 = 接受 ${t.accepted} + 拒绝 ${t.rejected} + 跳过（标题、表头、合计、表尾、空行等）${t.skipped}，提示 ${t.warnings} 条，用时 ${(elapsedMs / 1000).toFixed(1)} 秒。`,
    `学期：${manifest.semesters.join('、')}`,
    '',
    `${pad('系部', nameWidth)}${pad('文件', 6)}${pad('接受', 9)}${pad('拒绝', 7)}${pad('跳过', 7)}提示`,
    ...byDepartment.map(
      ([department, l]) => `${pad(department, nameWidth)}${pad(l.files.size, 6)}${pad(l.accepted, 9)}${pad(l.rejected, 7)}${pad(l.skipped, 7)}${l.warnings}`,
    ),
    '',
    `输出：${out}/ — ${Object.entries(manifest.tables)
      .map(([name, table]) => `${TABLE_NAMES[name as keyof Manifest['tables']]} ${table.rows}`)
      .join('，')}`,
  ];
  const withRejects = manifest.files.filter((f) => f.rejected > 0);
  const where = (f: SheetReport) => `${f.file}${f.sheet ? `［${f.sheet}］` : ''}`;
  if (aside.length + withRejects.length > 0) {
    lines.push('', '请退回以下文件，通知报送单位修改后重新报送（原因见各系部的退回清单，或看板“数据质量”页）：');
    for (const f of aside) lines.push(`  ✗ ${where(f)}：未能导入，已搁置。${f.set_aside!.message}`);
    for (const f of withRejects) lines.push(`  ${where(f)}：拒绝 ${f.rejected} 行`);
  }
  if (manifest.returns.length > 0)
    lines.push(
      '',
      `退回清单（逐项写明问题和修改办法，可直接发给各系部）：${out}/returns/ — ${manifest.returns.map((r) => `${r.department} ${r.items} 项`).join('，')}`,
    );
  if (superseded.length > 0) {
    lines.push('', '同一报表的重复或旧版本（未计入，只计入取代它的文件）：');
    for (const f of superseded) lines.push(`  ${where(f)}：${f.superseded!.message}`);
  }
  if (hidden.length > 0) {
    lines.push('', '隐藏的工作表（未导入，如需导入请取消隐藏后重新报送）：');
    for (const f of hidden) lines.push(`  ${where(f)}：${f.skipped_by_reason.hidden} 行`);
  }
  if (notRead.length > 0) {
    lines.push('', '未读取的文件（不是报表）：');
    for (const f of notRead) lines.push(`  ${f.file}：${f.reason}`);
  }
  const dropped = [...new Set(manifest.files.flatMap((f) => f.personal_columns_dropped))];
  if (dropped.length > 0) lines.push('', `已删除的个人信息列（不会发布）：${dropped.join('、')}`);
  return lines.join('\n') + '\n';
}
