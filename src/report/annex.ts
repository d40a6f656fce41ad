/**
 * The 附件's 数据质量说明 and 其他需关注事项: what the body leaves out so that it reads as a report
 * to the committee — fields the rosters left empty, records to check, exports not sent, and the
 * findings beyond the body's six or about single records. Plain sentences (HTML where a finding
 * carries its linked numbers).
 */
import { escapeHtml, formatInt } from '../domain/format.ts';
import type { ActiveRules } from '../domain/rules.ts';
import type { SemesterFigures } from './figures.ts';
import { otherFindings } from './problems.ts';
import { structureGaps } from './structure.ts';

/** 数据质量说明: each a sentence about the data, not about the team. */
export function dataNotes(f: SemesterFigures): string[] {
  const notes: string[] = [];
  const gaps = structureGaps(f.structure);
  if (gaps.length) notes.push(`辅导员名册中${gaps.join('、')}；队伍结构各项占比均以全部专职辅导员为分母计算。`);
  const unknownHiring = f.staffing.hiring.filter((h) => h.hiring == null).reduce((s, h) => s + h.counselors, 0);
  if (unknownHiring > 0) notes.push(`辅导员名册中${formatInt(unknownHiring)}人未填写聘用方式，其聘用方式是否规范无法判断（见辅导员聘用方式表）。`);
  if (f.assessment.mismatches > 0) notes.push(`${formatInt(f.assessment.mismatches)}条考核记录的得分与填报等次不一致，已请有关系部核实。`);
  // What was not received or not read is a matter of the collection, not of the team: said here, never as a problem
  // in the body; an export set aside is named as not read, never as 未报送.
  for (const s of f.submissions) {
    const parts = [
      s.unreadable.length > 0 && `报送的${s.unreadable.join('、')}未能导入，未计入统计，待重新报送`,
      s.unknownFiles > 0 && `${formatInt(s.unknownFiles)}个报送文件无法读取或无法识别，未计入统计`,
      s.missing.length > 0 && (s.unknownFiles > 0 ? `${s.missing.join('、')}尚未收到可读取的报表` : `未报送${s.missing.join('、')}`),
      s.rejected > 0 && `${formatInt(s.rejected)}行数据因填写错误未能采用`,
      s.missingColumns.length > 0 && `报送的${s.missingColumns.join('、')}，相应指标未计入`,
    ].filter(Boolean);
    if (parts.length) notes.push(`${escapeHtml(s.department)}${parts.join('，')}。`);
  }
  return notes;
}

/** 其他需关注事项: the findings not in the body, each as "标题。说明". */
export function otherMatters(f: SemesterFigures, rules: ActiveRules, prev: SemesterFigures | null): string[] {
  return otherFindings(f, rules, prev).map((p) => `<strong>${escapeHtml(p.title)}。</strong>${p.detail}`);
}
