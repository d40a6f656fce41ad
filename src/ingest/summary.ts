/** The one-screen summary printed at the end of an ingest run. */
import type { Manifest } from './run.ts';

export function printSummary(manifest: Manifest, elapsedMs: number, out: string): void {
  const t = manifest.totals;
  const lines = [
    '',
    `导入完成：${t.files} 个文件，读取 ${t.read} 行 = 接受 ${t.accepted} + 拒绝 ${t.rejected} + 跳过（标题、表头、合计、表尾、空行）${t.skipped}，用时 ${(elapsedMs / 1000).toFixed(1)} 秒。`,
    `学期：${manifest.semesters.join('、')}`,
    `系部（${manifest.departments.length} 个）：${manifest.departments.join('、')}`,
    `输出：${out}/ — 在校生 ${manifest.tables.enrollment.rows} 行，辅导员 ${manifest.tables.counselors.rows} 行，问题记录 ${manifest.tables.rejects.rows} 条。`,
  ];
  const withRejects = manifest.files.filter((f) => f.rejected > 0);
  if (withRejects.length > 0) {
    lines.push('', '以下文件有被拒绝的行，请通知报送单位修改后重新报送（详见看板“数据质量”或 rejects.parquet）：');
    for (const f of withRejects) lines.push(`  ${f.file}${f.sheet ? `［${f.sheet}］` : ''}：拒绝 ${f.rejected} 行`);
  }
  const dropped = [...new Set(manifest.files.flatMap((f) => f.personal_columns_dropped))];
  if (dropped.length > 0) lines.push('', `已删除的个人信息列（不会发布）：${dropped.join('、')}`);
  process.stdout.write(lines.join('\n') + '\n');
}
