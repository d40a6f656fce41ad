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
import { dataNotes, otherMatters } from './annex.ts';
import type { SemesterFigures } from './figures.ts';
import { assessmentParagraph, assistantsParagraph, progressParagraph, staffingParagraph, trainingParagraph, workloadParagraph } from './narrative.ts';
import type { OfficeNotes } from './notes.ts';
import { committeeMatters, nextSteps } from './plans.ts';
import { problems, type Problem } from './problems.ts';
import { peopleTable, structureDepartmentsTable, structureParagraph, structureTable, structureTableNote } from './structure.ts';
import {
  assistantsTable,
  comparisonNote,
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
  /** Paragraphs from the figures, then the office's own (notes.ts), marked apart. */
  | { id: string; title: string; kind: 'prose'; paragraphs: string[]; office: string[] }
  | { id: string; title: string; kind: 'problems'; problems: Problem[] }
  /** Numbered items （一）（二）…; `office`: written by the office rather than pre-filled. */
  | { id: string; title: string; kind: 'items'; items: string[]; empty: string; office: boolean };

export type Exhibit =
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each table has its own row type
  | { kind: 'table'; id: string; title: string; view: TableView<any>; note?: string }
  | { kind: 'chart'; id: string; title: string; chart: 'staffing' }
  | { kind: 'list'; id: string; title: string; items: string[]; empty: string };

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

export function bodySections(
  f: SemesterFigures,
  prev: SemesterFigures | null,
  yearAgo: SemesterFigures | null,
  rules: ActiveRules,
  notes: OfficeNotes = { work: [], next: null },
): ReportSection[] {
  const found = problems(f, rules, prev);
  const matters = committeeMatters(found, f, rules);
  return [
    {
      id: 'sec-basic',
      title: '基本情况',
      kind: 'prose',
      paragraphs: [staffingParagraph(f, prev, rules), structureParagraph(f.structure, f.semester, structureComparison(prev, yearAgo), rules)],
      office: [],
    },
    {
      id: 'sec-work',
      title: '主要工作与成效',
      kind: 'prose',
      paragraphs: [progressParagraph(f, prev, yearAgo, rules), workloadParagraph(f, rules), trainingParagraph(f, rules), assessmentParagraph(f, rules), assistantsParagraph(f)],
      office: notes.work,
    },
    { id: 'sec-problems', title: '存在的问题', kind: 'problems', problems: found },
    {
      id: 'sec-next',
      title: '下一步工作打算',
      kind: 'items',
      items: notes.next ?? nextSteps(found, f, rules),
      empty: '继续按有关规定做好辅导员队伍建设各项工作。',
      office: notes.next != null,
    },
    { id: 'sec-committee', title: '提请党委研究的事项', kind: 'items', items: matters, empty: '本学期无需提请党委研究的事项。', office: false },
  ];
}

export function exhibits(f: SemesterFigures, prev: SemesterFigures | null, yearAgo: SemesterFigures | null, rules: ActiveRules): Exhibit[] {
  const t = rules.max_students_per_counselor;
  return [
    {
      kind: 'table',
      id: 'tbl-compare',
      title: '主要指标与上学期、上年同期对比',
      view: comparisonTable(f, prev, yearAgo),
      note: comparisonNote(f, prev, yearAgo) + '“上升”“下降”指数值本身的变化，“改善”“变差”指对照要求的好坏；师生比以每名专职辅导员对应的学生数计，数值越小越好。无可比数据时显示“无数据”。',
    },
    {
      kind: 'table',
      id: 'tbl-structure-figures',
      title: '专职辅导员队伍结构',
      view: structureTable(f.structure, f.semester, structureComparison(prev, yearAgo), rules),
      note: structureTableNote(rules),
    },
    { kind: 'table', id: 'tbl-structure-departments', title: '各系部专职辅导员队伍结构', view: structureDepartmentsTable(f.structure, rules) },
    {
      kind: 'table',
      id: 'tbl-staffing-departments',
      title: '各系部辅导员配备情况',
      view: staffingDepartmentsTable(f, rules, prev),
      note: `折合专职人数为专职人数加兼职人数的${rules.part_time_weight.numerator}/${rules.part_time_weight.denominator}；缺口为按1:${t}测算尚需增配的专职辅导员人数；正文中师生比和人数取整数。`,
    },
    { kind: 'chart', id: 'chart-staffing', title: `各系部每名专职辅导员对应在校生人数（虚线为1:${t}标准）`, chart: 'staffing' },
    { kind: 'table', id: 'tbl-hiring', title: '辅导员聘用方式', view: hiringTable(f, rules) },
    { kind: 'table', id: 'tbl-workload', title: '各项工作要求达标率', view: workloadNormsTable(f, rules) },
    { kind: 'table', id: 'tbl-workload-departments', title: '各系部辅导员达到全部周工作要求的比例', view: workloadDepartmentsTable(f, rules) },
    { kind: 'table', id: 'tbl-assessment', title: '考核等次分布', view: gradesTable(f, rules) },
    { kind: 'table', id: 'tbl-quota', title: '优秀名额使用情况', view: quotaTable(f) },
    { kind: 'table', id: 'tbl-training', title: '各系部专职辅导员培训情况', view: trainingTable(f, rules) },
    { kind: 'table', id: 'tbl-assistants', title: '各系部助理配备情况', view: assistantsTable(f) },
    { kind: 'table', id: 'tbl-people', title: f.structure.named ? '需研究处理或核实的人员情况（内部）' : '需研究处理或核实的人员情况', view: peopleTable(f.structure) },
    { kind: 'list', id: 'list-other', title: '其他需关注事项', items: otherMatters(f, rules, prev), empty: '无。' },
    { kind: 'list', id: 'list-data', title: '数据质量说明', items: dataNotes(f), empty: '本学期各系部数据报送完整，未发现需说明的数据问题。' },
  ];
}

/** "表1" / "图1": tables and charts numbered separately, in order. */
export function exhibitNumbers(list: readonly Exhibit[]): Map<string, string> {
  let tables = 0;
  let charts = 0;
  return new Map(list.flatMap((e) => (e.kind === 'list' ? [] : [[e.id, e.kind === 'table' ? `表${++tables}` : `图${++charts}`] as const])));
}
