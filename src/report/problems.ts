/**
 * 存在问题: what the report must raise, listed from the figures by a table of checks. Each check
 * returns its finding — a short heading ("专职辅导员配备不足") and the sentence that states it —
 * or nothing. The report prints them as （一）…（二）…, the heading in the second-level style.
 */
import { ROLE_LABELS, type Role } from '../domain/cells.ts';
import { formatRatio } from '../domain/format.ts';
import type { ActiveRules } from '../domain/rules.ts';
import { formatPercent } from '../views/table.ts';
import type { SemesterFigures } from './figures.ts';
import { STRUCTURE_CHECKS } from './structure.ts';

export interface Problem {
  id: string;
  title: string;
  /** The finding in one or more sentences, each ending in "。". */
  detail: string;
}

type Check = (f: SemesterFigures, rules: ActiveRules) => Omit<Problem, 'id'> | null;

const names = (xs: string[]) => xs.join('、');
/** "甲系、乙系等2个系部" — or just "甲系" for one. */
const counted = (xs: string[], noun: string) => (xs.length > 1 ? `${names(xs)}等${xs.length}个${noun}` : names(xs));

const CHECKS: ReadonlyArray<readonly [string, Check]> = [
  [
    'staffing',
    (f, r) => {
      // Only departments whose roster and enrollment were read: a missing one is a data problem (below), not a shortage.
      const below = f.staffing.departments.filter((d) => d.note == null && (d.students ?? 0) > 0 && d.compliant_full_time === false);
      const i = f.staffing.institution;
      if (!below.length && (!i || i.compliant_full_time !== false)) return null;
      const t = r.max_students_per_counselor;
      const institution =
        i && i.compliant_full_time === false
          ? `${i.excluded ? `全院（不含${i.excluded}）` : '全院'}专职辅导员师生比为${formatRatio(i.ratio_full_time, t)}，未达到1:${t}的要求，尚缺${i.gap}人。`
          : '';
      const departments = below.length
        ? `${counted(
            below.map((d) => `${d.department}（${d.ratio_full_time == null ? '无专职辅导员' : formatRatio(d.ratio_full_time, t)}，缺${d.gap}人）`),
            '系部',
          )}未达到1:${t}的配备要求${i?.needed ? `，各系部合计需增配专职辅导员${i.needed}人` : ''}。`
        : '';
      return { title: '专职辅导员配备不足', detail: institution + departments };
    },
  ],
  [
    'hiring',
    (f, r) =>
      f.staffing.flaggedHiring > 0
        ? { title: '聘用方式不规范', detail: `仍有${f.staffing.flaggedHiring}名辅导员以${r.disallowed_hiring.join('、')}方式聘用，不符合原则上不以此类方式聘用辅导员的要求。` }
        : null,
  ],
  [
    'workload',
    (f, r) => {
      const below = f.workload.departments.filter((d) => d.periods > 0 && d.met / d.periods < r.workload_target_share);
      return below.length
        ? {
            title: '工作要求落实不到位',
            detail: `${counted(below.map((d) => `${d.department}（${formatPercent(d.met / d.periods)}）`), '系部')}辅导员达到全部周工作要求的人周次比例低于${formatPercent(r.workload_target_share)}的目标。`,
          }
        : null;
    },
  ],
  [
    'quota',
    (f) => {
      const over = f.quota.units.filter((u) => u.over);
      return over.length
        ? {
            title: '优秀等次超出名额',
            detail: `${counted(over.map((u) => `${u.department}${ROLE_LABELS[u.role as Role] ?? u.role}（名额${u.allowed}个，评优${u.used}人）`), '单位')}评为优秀的人数超出名额。`,
          }
        : null;
    },
  ],
  [
    'assessment',
    (f) => {
      const c = f.assessment.coverage;
      const missing = c && f.assessment.grades.length ? c.roster - c.assessed : 0;
      const parts = [missing > 0 && `${missing}名辅导员未见考核结果`, f.assessment.mismatches > 0 && `${f.assessment.mismatches}条考核记录的得分与填报等次不一致`].filter(Boolean);
      return parts.length ? { title: '考核工作有待规范', detail: `${parts.join('；')}。` } : null;
    },
  ],
  [
    'training',
    (f, r) => {
      const t = f.training.institution;
      if (!t || t.counselors === 0) return null;
      const short = t.counselors - t.meets_hours;
      const parts = [
        short > 0 && `${short}名专职辅导员校级培训不足${r.training.school_hours_per_year}学时`,
        t.without_higher > 0 && `${t.without_higher}名专职辅导员近${r.training.national_or_provincial_every_years}年内未参加国家级或省级培训`,
      ].filter(Boolean);
      return parts.length ? { title: '培训未全部落实', detail: `${parts.join('；')}。` } : null;
    },
  ],
  [
    'assistants',
    (f, r) => {
      const a = f.assistants.institution;
      if (!a || a.classes === 0) return null;
      const parts = [
        // 每班可配备1名 is an allowance: a class without an assistant is no problem; one with more exceeds it.
        a.shared > 0 && `${a.shared}个班级多于${r.assistants_per_class}名助理`,
        a.assistants - a.political_ok - a.political_unknown > 0 && `${a.assistants - a.political_ok - a.political_unknown}名助理不是中共党员或预备党员`,
        a.political_unknown > 0 && `${a.political_unknown}名助理未报政治面貌`,
        a.assistants - a.courses_ok - a.courses_unknown > 0 && `${a.assistants - a.courses_ok - a.courses_unknown}名助理有不及格课程`,
      ].filter(Boolean);
      return parts.length ? { title: '助理队伍建设有待加强', detail: `${parts.join('；')}。` } : null;
    },
  ],
  ...STRUCTURE_CHECKS.map(([id, check]) => [id, (f: SemesterFigures, r: ActiveRules) => check(f.structure, r)] as const),
  [
    'data',
    (f) => {
      const missing = f.submissions.filter((s) => s.missing.length);
      const rejected = f.submissions.filter((s) => s.rejected > 0);
      const aside = f.submissions.filter((s) => s.unreadable.length);
      const unknown = f.submissions.filter((s) => s.unknownFiles > 0);
      const parts = [
        aside.length && names(aside.map((s) => `${s.department}报送的${s.unreadable.join('、')}未能导入，未计入统计，待重新报送`)),
        unknown.length && names(unknown.map((s) => `${s.department}有${s.unknownFiles}个报送文件无法读取或无法识别，未计入统计`)),
        // A department with a file whose kind is unknown may have sent them: not received in a readable form, not 未报送.
        missing.length && names(missing.map((s) => (s.unknownFiles > 0 ? `${s.department}的${s.missing.join('、')}尚未收到可读取的报表` : `${s.department}未报送${s.missing.join('、')}`))),
        rejected.length && names(rejected.map((s) => `${s.department}有${s.rejected}行数据因填写错误未能采用`)),
        ...f.submissions.filter((s) => s.missingColumns.length).map((s) => `${s.department}报送的${s.missingColumns.join('、')}，相应指标未计入`),
      ].filter(Boolean);
      return parts.length ? { title: '数据报送不完整', detail: `${parts.join('；')}。` } : null;
    },
  ],
];

export function problems(f: SemesterFigures, rules: ActiveRules): Problem[] {
  return CHECKS.flatMap(([id, check]) => {
    const found = check(f, rules);
    return found ? [{ id, ...found }] : [];
  });
}

/** A problem as one line of text: "专职辅导员配备不足。甲系（…）未达到…。" */
export const problemText = (p: Problem) => `${p.title}。${p.detail}`;
