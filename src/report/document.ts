/**
 * The semester report as a document in the form of 党政机关公文 (GB/T 9704-2012): the body is
 * prose, in numbered sections (一、二、…), the problems as （一）（二）…, then the signature and
 * date; the tables and the chart follow as one attachment (附件), numbered 表1…, 图1…, which the
 * numbers in the prose link to.
 *
 * Both lists are plain data built here: a new section or table is one more entry, and the
 * numbering follows. The page (src/pages/report/[semester].astro) only lays them out.
 */
import type { ActiveRules } from '../domain/rules.ts';
import type { TableView } from '../views/table.ts';
import type { SemesterFigures } from './figures.ts';
import { assessmentParagraph, assistantsParagraph, staffingParagraph, trainingParagraph, workloadParagraph } from './narrative.ts';
import { problems, type Problem } from './problems.ts';
import { structureDepartmentsTable, structureParagraph, structureTable, structureTableNote } from './structure.ts';
import {
  assistantsTable,
  comparisonTable,
  gradesTable,
  hiringTable,
  quotaTable,
  staffingDepartmentsTable,
  trainingTable,
  workloadDepartmentsTable,
  workloadNormsTable,
} from './tables.ts';

export type ReportSection =
  | { id: string; title: string; kind: 'prose'; paragraphs: string[] }
  | { id: string; title: string; kind: 'problems'; problems: Problem[] }
  | { id: string; title: string; kind: 'editable' };

export type Exhibit =
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each table has its own row type
  | { kind: 'table'; id: string; anchor: string; title: string; view: TableView<any>; note?: string }
  | { kind: 'chart'; id: string; title: string; chart: 'staffing' };

const DIGITS = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1 → 一, 10 → 十, 12 → 十二, 20 → 二十: the numbers of 公文 headings. */
export function chineseNumber(n: number): string {
  if (n < 10) return DIGITS[n]!;
  const tens = Math.floor(n / 10);
  return `${tens === 1 ? '' : DIGITS[tens]}十${DIGITS[n % 10]}`;
}

/** 队伍结构 is compared with the same term a year earlier, else with the previous semester. */
function structureComparison(prev: SemesterFigures | null, yearAgo: SemesterFigures | null) {
  return yearAgo
    ? { semester: yearAgo.semester, label: '上年同期', figures: yearAgo.structure }
    : prev
      ? { semester: prev.semester, label: '上学期', figures: prev.structure }
      : null;
}

export function bodySections(f: SemesterFigures, prev: SemesterFigures | null, yearAgo: SemesterFigures | null, rules: ActiveRules): ReportSection[] {
  return [
    {
      id: 'sec-basic',
      title: '基本情况',
      kind: 'prose',
      paragraphs: [structureParagraph(f.structure, f.semester, structureComparison(prev, yearAgo), rules), staffingParagraph(f, prev, rules)],
    },
    { id: 'sec-workload', title: '工作落实情况', kind: 'prose', paragraphs: [workloadParagraph(f, rules)] },
    { id: 'sec-assessment', title: '考核情况', kind: 'prose', paragraphs: [assessmentParagraph(f, rules)] },
    { id: 'sec-training', title: '培训情况', kind: 'prose', paragraphs: [trainingParagraph(f, rules)] },
    { id: 'sec-assistants', title: '助理队伍建设情况', kind: 'prose', paragraphs: [assistantsParagraph(f)] },
    { id: 'sec-problems', title: '存在的问题', kind: 'problems', problems: problems(f, rules) },
    { id: 'sec-next', title: '下一步工作建议', kind: 'editable' },
  ];
}

export function exhibits(f: SemesterFigures, prev: SemesterFigures | null, yearAgo: SemesterFigures | null, rules: ActiveRules): Exhibit[] {
  const t = rules.max_students_per_counselor;
  return [
    {
      kind: 'table',
      id: 'tbl-compare',
      anchor: 'tbl-compare-title',
      title: '主要指标与上学期、上年同期对比',
      view: comparisonTable(f, prev, yearAgo),
      note: '“上升”“下降”指数值本身的变化，“改善”“变差”指对照要求的好坏；师生比以每名专职辅导员对应的学生数计，数值越小越好。无可比数据时显示“无数据”。',
    },
    {
      kind: 'table',
      id: 'tbl-structure-figures',
      anchor: 'tbl-structure',
      title: '专职辅导员队伍结构',
      view: structureTable(f.structure, f.semester, structureComparison(prev, yearAgo), rules),
      note: structureTableNote(rules),
    },
    { kind: 'table', id: 'tbl-structure-departments', anchor: 'tbl-structure-departments-title', title: '各系部专职辅导员队伍结构', view: structureDepartmentsTable(f.structure, rules) },
    { kind: 'table', id: 'tbl-staffing-departments', anchor: 'tbl-staffing', title: '各系部辅导员配备情况', view: staffingDepartmentsTable(f, rules) },
    { kind: 'chart', id: 'chart-staffing', title: `各系部每名专职辅导员对应在校生人数（虚线为1:${t}标准）`, chart: 'staffing' },
    { kind: 'table', id: 'tbl-hiring', anchor: 'tbl-hiring-title', title: '辅导员聘用方式', view: hiringTable(f) },
    { kind: 'table', id: 'tbl-workload', anchor: 'tbl-workload-title', title: '各项工作要求达标率', view: workloadNormsTable(f, rules) },
    { kind: 'table', id: 'tbl-workload-departments', anchor: 'tbl-workload-departments-title', title: '各系部辅导员达到全部周工作要求的比例', view: workloadDepartmentsTable(f, rules) },
    { kind: 'table', id: 'tbl-assessment', anchor: 'tbl-assessment-title', title: '考核等次分布', view: gradesTable(f) },
    { kind: 'table', id: 'tbl-quota', anchor: 'tbl-quota-title', title: '优秀名额使用情况', view: quotaTable(f) },
    { kind: 'table', id: 'tbl-training', anchor: 'tbl-training-title', title: '各系部专职辅导员培训情况', view: trainingTable(f, rules) },
    { kind: 'table', id: 'tbl-assistants', anchor: 'tbl-assistants-title', title: '各系部助理配备情况', view: assistantsTable(f) },
  ];
}

/** "表1" / "图1": tables and charts numbered separately, in order. */
export function exhibitNumbers(list: readonly Exhibit[]): Map<string, string> {
  let tables = 0;
  let charts = 0;
  return new Map(list.map((e) => [e.id, e.kind === 'table' ? `表${++tables}` : `图${++charts}`]));
}
