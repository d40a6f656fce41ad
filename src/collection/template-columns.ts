/**
 * What a template says about each column of each kind of export: what it means, how a cell is
 * formatted (text, date, number), the values a dropdown offers, an example, and which rule of
 * the active profile uses it (with its source). The columns themselves, their order, canonical
 * names and whether they are required come from the data dictionary (src/domain/tables/); this
 * table adds only what a department needs to fill them in. Pure: no I/O.
 */
import { semesterFirstDay, semesterStart } from '../domain/calendar.ts';
import { MAX_COUNT_PER_ROW, ROLE_LABELS, type Grade, type Role } from '../domain/cells.ts';
import { addDays } from '../domain/dates.ts';
import { formatFraction } from '../domain/format.ts';
import {
  DEGREE_LABELS,
  EDUCATION_LABELS,
  GENDER_LABELS,
  GRADUATE_POST_LABELS,
  POLITICAL_LABELS,
  TITLE_LEVEL_LABELS,
  titleLevelOf,
} from '../domain/people.ts';
import type { ActiveRules } from '../domain/rules.ts';
import { gradeLabels, gradeOf, gradeScheme } from '../domain/scoring.ts';
import { ASSESSMENT_ITEMS } from '../domain/tables/assessments.ts';
import type { TableKind } from '../domain/tables/index.ts';
import { ACTIVITIES } from '../domain/activities.ts';

/** How a column's cells are formatted in the template, so that what is typed in survives: IDs as text, dates as dates. */
export type CellFormat = 'text' | 'date' | 'month' | 'integer' | 'decimal';

/** Where a rule comes from: a rule of the active profile (its path), a workload norm's own source, or a policy document by its short name. */
export type SourceRef = { rule: string } | { text: string } | { document: string };

export interface RuleUse {
  /** What the rule does with the column, in the profile's numbers. */
  text: string;
  source?: SourceRef;
}

/** What the template knows when it is written: the rules, the semester, and — for one department's copy — its classes. */
export interface TemplateContext {
  rules: ActiveRules;
  semester: string;
  /** The department this copy is for (its name in the title, no 系部 column), or null for every department. */
  department: string | null;
  /** Departments known (the rules' list, the last ingest's): the 系部 dropdown of the shared template. */
  departments: readonly string[];
  /** This department's classes from its last class list: the 聘用岗位（班级） dropdown, and the class list pre-filled. */
  classes: ReadonlyArray<{ class_name: string; students: number | null; counselor: string | null; class_teacher: string | null }>;
}

export interface Choices {
  values: readonly string[];
  /** Only these (a closed set the ingest reads) or suggestions (other spellings are read too, e.g. a 职称 not listed). */
  closed: boolean;
}

export interface ColumnGuide {
  format: CellFormat;
  meaning: string;
  /** How to fill it in, beyond its format and choices. */
  hint?: (ctx: TemplateContext) => string;
  choices?: (ctx: TemplateContext) => Choices | null;
  /** Smallest and largest value a number or date may take (dates as ISO days). */
  bounds?: (ctx: TemplateContext) => { min: number | string; max?: number | string };
  /** A value that the ingest accepts, shown in the notes and used by the tests to fill a template. */
  example: (ctx: TemplateContext) => string | number;
  use?: (ctx: TemplateContext) => RuleUse | null;
}

/**
 * Input columns a template leaves out: the semester is in the title; 出生年月 stands for 年龄; the
 * work-log template asks for weeks (a 月份 is only how a monthly report the ingest also reads is dated).
 */
export const LEFT_OUT: ReadonlySet<string> = new Set(['semester', 'age', 'month', 'activity', 'count']);

const DEPARTMENT_EXAMPLE = '机电工程系';
const department = (ctx: TemplateContext) => ctx.department ?? ctx.departments[0] ?? DEPARTMENT_EXAMPLE;
const closed = (values: readonly string[]): Choices => ({ values, closed: true });
const labels = <T extends string>(record: Record<T, string>) => Object.values(record) as string[];
const academicYear = (ctx: TemplateContext) => Number(ctx.semester.slice(0, 4));
/** A day in the template's semester: its first Monday plus `days`. */
const inSemester = (ctx: TemplateContext, days: number) => addDays(semesterStart(ctx.semester, ctx.rules.calendar), days);

/** 职称 names offered (others are read too), from 正高级 to 未定级. */
const COMMON_TITLES = ['教授', '研究员', '副教授', '副研究员', '高级讲师', '高级工程师', '讲师', '助理研究员', '工程师', '助教', '助理工程师', '未定级'];
const HIRING = ['事业编制', '备案制', '合同制', '人事代理', '劳务派遣'];
const LEVELS = ['校级', '省级（自治区级）', '国家级'];
const ELIGIBLE_POLITICAL = ['中共党员', '中共预备党员'];

/** An ID: text, so that leading zeros and long numbers survive Excel. */
const id = (meaning: string, example: string, use?: ColumnGuide['use']): ColumnGuide => ({
  format: 'text',
  meaning,
  hint: () => '按文本填写，开头的 0 要保留，不要写成科学计数法',
  example: () => example,
  use,
});
const staffId = id('工号（人事系统中的编号）', '0201015', () => ({ text: '与考核结果、培训记录按工号对应；同一学期同一工号只能登记一次' }));
const personId = id('工号（学生填学号）', '0201015', () => ({ text: '同一人各周（各次）的记录按工号或学号汇总；没有时按姓名' }));
const studentId = id('学号', '2023010203');
const name = (example: string): ColumnGuide => ({ format: 'text', meaning: '姓名', hint: () => '填写全名，中间不要加空格', example: () => example });
const departmentColumn: ColumnGuide = {
  format: 'text',
  meaning: '系部（学院）全称',
  hint: (ctx) => (ctx.departments.length ? '' : '填写全称，全院统一'),
  choices: (ctx) => (ctx.departments.length ? { values: ctx.departments, closed: false } : null),
  example: department,
  use: () => ({ text: '按系部统计各项指标，并在系部之间比较' }),
};
const role = (example: Role): ColumnGuide => ({
  format: 'text',
  meaning: '人员角色',
  choices: () => closed(labels(ROLE_LABELS)),
  example: () => ROLE_LABELS[example],
  use: () => ({ text: '按角色分别对照工作要求，分别核定优秀名额' }),
});
const political = (use: ColumnGuide['use'], example = '中共党员'): ColumnGuide => ({
  format: 'text',
  meaning: '政治面貌',
  choices: () => closed(labels(POLITICAL_LABELS)),
  example: () => example,
  use,
});
const monthOf = (meaning: string, example: (ctx: TemplateContext) => string, use?: ColumnGuide['use']): ColumnGuide => ({
  format: 'month',
  meaning,
  hint: () => '填写年月，如 2018-09 或 2018年9月',
  bounds: () => ({ min: '1940-01-01' }),
  example,
  use,
});
const count = (meaning: string, example: number, max = MAX_COUNT_PER_ROW, use?: ColumnGuide['use']): ColumnGuide => ({
  format: 'integer',
  meaning,
  bounds: () => ({ min: 0, max }),
  example: () => example,
  use,
});
const grade: ColumnGuide = {
  format: 'text',
  meaning: '考核结果（等次）',
  choices: (ctx) => closed(gradeScheme(ctx.rules.assessment).map((g) => g.label)),
  example: (ctx) => gradeLabels(ctx.rules.assessment)[exampleGrade(ctx)],
  use: (ctx) => ({
    text: `优秀不超过参评人数的 ${Math.round(ctx.rules.assessment.excellence_quota * 100)}%，按系部和角色分别核定；有得分时以按得分评定的等次为准，填写的等次与之不一致的会提示核对`,
    source: { rule: 'assessment.excellence_quota' },
  }),
};

/** The workload norms of the profile that read this column, as the rule text. */
function normsOf(field: string): ColumnGuide['use'] {
  return (ctx) => {
    const norms = ctx.rules.workload_norms.filter((n) => n.field === field);
    if (norms.length === 0) return null;
    return {
      text: norms.map((n) => `${ROLE_LABELS[n.role]}：${n.label}`).join('；'),
      source: { text: norms.map((n) => n.source).filter(Boolean).join('；') },
    };
  };
}

const bandsText = (ctx: TemplateContext) => {
  const bands = ctx.rules.assessment.bands;
  const label = gradeLabels(ctx.rules.assessment);
  return bands.map((b, i) => `${label[b.grade]}${i === bands.length - 1 ? `不足 ${bands[i - 1]!.min} 分` : i === 0 ? ` ${b.min} 分及以上` : ` ${b.min} 分至不足 ${bands[i - 1]!.min} 分`}`).join('，');
};

/** Example scores: each item one point below its maximum, the total their sum (a total beside the items repeats their sum), and the grade the profile gives it. */
const itemExample = (max: number) => max - 1;
const EXAMPLE_TOTAL = ASSESSMENT_ITEMS.reduce((sum, [, , , max]) => sum + itemExample(max), 0);
const exampleGrade = (ctx: TemplateContext): Grade => gradeOf(EXAMPLE_TOTAL, ctx.rules.assessment.items_max, ctx.rules.assessment);

export const COLUMN_GUIDES: Record<TableKind, Record<string, ColumnGuide>> = {
  enrollment: {
    department: departmentColumn,
    students: count('在校生人数（该系部，或该系部的一个年级、层次）', 1020, MAX_COUNT_PER_ROW, (ctx) => ({
      text: `师生比：专职辅导员按总体上不低于 1:${ctx.rules.max_students_per_counselor} 配备`,
      source: { rule: 'staffing.max_students_per_counselor' },
    })),
    grade: { format: 'text', meaning: '年级或培养层次（可不填；一个系部分多行填写时，各行相加）', example: (ctx) => `${academicYear(ctx)}级` },
  },
  counselors: {
    staff_id: staffId,
    name: name('王芳'),
    department: departmentColumn,
    employment: {
      format: 'text',
      meaning: '专职或兼职（兼职可加括号注明，如“兼职（教师）”）',
      choices: () => closed(['专职', '兼职']),
      example: () => '专职',
      use: (ctx) => ({
        text: `师生比只计专职辅导员；兼职辅导员的工作量按专职的 ${formatFraction(ctx.rules.part_time_weight)} 折算`,
        source: { rule: 'staffing.part_time_weight' },
      }),
    },
    students_assigned: count('所带学生人数', 200),
    hiring: {
      format: 'text',
      meaning: '聘用方式（编制类型）',
      choices: () => ({ values: HIRING, closed: false }),
      example: () => '事业编制',
      use: (ctx) => ({ text: `原则上不得以${ctx.rules.disallowed_hiring.join('、')}方式聘用辅导员，此类人员单独列出`, source: { rule: 'staffing.disallowed_hiring' } }),
    },
    gender: { format: 'text', meaning: '性别', choices: () => closed(labels(GENDER_LABELS)), example: () => '女', use: () => ({ text: '队伍结构：女性占比' }) },
    birth: monthOf('出生年月（只用于计算年龄，不会公布）', () => '1990-05', (ctx) => ({
      text: `队伍结构：按学期第一天（${semesterFirstDay(ctx.semester, ctx.rules.calendar)}）计算周岁，统计平均年龄和 ${ctx.rules.structure.young_age} 岁以下人员占比`,
      source: { rule: 'structure.young_age' },
    })),
    ethnicity: { format: 'text', meaning: '民族', example: () => '汉族', use: () => ({ text: '队伍结构：民族' }) },
    political: political((ctx) => ({
      text: `队伍结构：中共党员（含预备党员）占比${ctx.rules.structure.party_expected ? '；辅导员原则上应为中共党员' : ''}`,
      source: { rule: 'structure.party_expected' },
    })),
    education: {
      format: 'text',
      meaning: '最高学历',
      choices: () => closed(labels(EDUCATION_LABELS)),
      example: () => '硕士研究生',
      use: (ctx) => ({
        text: `队伍结构：硕士及以上学历占比；学历低于${EDUCATION_LABELS[ctx.rules.structure.min_education]}的单独列出`,
        source: { rule: 'structure.min_education' },
      }),
    },
    degree: { format: 'text', meaning: '最高学位', choices: () => closed(labels(DEGREE_LABELS)), example: () => '硕士', use: () => ({ text: '队伍结构：学位' }) },
    title: {
      format: 'text',
      meaning: '职称（专业技术职务）名称',
      hint: () =>
        `从列表中选择，或填写其他职称名称；按名称归入${labels(TITLE_LEVEL_LABELS).join('、')}（如 ${COMMON_TITLES.slice(0, 4)
          .map((t) => `${t}→${TITLE_LEVEL_LABELS[titleLevelOf(t)!]}`)
          .join('，')}）`,
      choices: () => ({ values: COMMON_TITLES, closed: false }),
      example: () => '讲师',
      use: () => ({ text: '队伍结构：副高级及以上职称占比' }),
    },
    rank: { format: 'text', meaning: '职级（管理岗位职员等级，如 八级职员、正科级；没有可不填）', example: () => '八级职员' },
    in_post_since: monthOf('开始担任辅导员的年月', () => '2018-09', () => ({
      text: '队伍结构：从事辅导员工作年限（按学期第一天计算整年数）',
      source: { rule: 'structure.years_in_post_bands' },
    })),
    major: {
      format: 'text',
      meaning: '所学专业（最高学历）',
      example: () => '思想政治教育',
      use: (ctx) => ({ text: `队伍结构：所学专业含“${ctx.rules.structure.related_majors.slice(0, 3).join('”“')}”等字样的计为思政相关`, source: { rule: 'structure.related_majors' } }),
    },
  },
  worklogs: {
    staff_id: personId,
    name: name('王芳'),
    department: departmentColumn,
    role: role('counselor'),
    week: {
      format: 'integer',
      meaning: '教学周次（第几周）',
      hint: (ctx) =>
        `与“日期”至少填一项；第 1 周从 ${semesterStart(ctx.semester, ctx.rules.calendar)}（星期一）开始，本学期共 ${ctx.rules.calendar.semester_weeks} 周`,
      bounds: () => ({ min: 1, max: 30 }),
      example: () => 3,
    },
    date: {
      format: 'date',
      meaning: '该周内任一天的日期',
      hint: () => '与“周次”至少填一项；按日期所在的一周（星期一至星期日）统计',
      bounds: (ctx) => ({ min: addDays(semesterStart(ctx.semester, ctx.rules.calendar), -7) }),
      example: (ctx) => inSemester(ctx, 14),
      use: () => ({ text: '工作要求按周检查（每月的要求按日期所在月份汇总）' }),
    },
    ...Object.fromEntries(
      ACTIVITIES.map(([key, label]) => [key, count(`本周${label.replace(/（.*）$/, '')}的${label.includes('人次') ? '人次' : '次数'}`, 2, 500, normsOf(key))]),
    ),
    hours: {
      format: 'decimal',
      meaning: '本周工作时长（小时）',
      hint: () => '填写数字，可有小数，如 16.5',
      bounds: () => ({ min: 0, max: 168 }),
      example: () => 16,
      use: normsOf('hours'),
    },
  },
  training: {
    staff_id: id('工号（人事系统中的编号）', '0201015', () => ({ text: '按工号与辅导员名册对应；没有工号时按姓名和系部' })),
    name: name('王芳'),
    department: departmentColumn,
    course: {
      format: 'text',
      meaning: '培训名称（项目名称）',
      example: (ctx) => `${academicYear(ctx)}年辅导员校级专题培训`,
      use: (ctx) => ({
        text: `名称含“${ctx.rules.training.induction_keywords.join('”或“')}”的计为岗前培训；新入职辅导员岗前培训不少于 ${ctx.rules.training.induction_hours} 学时`,
        source: { rule: 'training.induction_hours' },
      }),
    },
    level: {
      format: 'text',
      meaning: '培训级别',
      choices: () => closed(LEVELS),
      example: () => '校级',
      use: (ctx) => ({
        text: `每 ${ctx.rules.training.national_or_provincial_every_years} 年至少参加 1 次国家级或省级（自治区级）培训`,
        source: { rule: 'training.national_or_provincial_every_years' },
      }),
    },
    hours: {
      format: 'decimal',
      meaning: '培训学时',
      hint: () => '填写数字，可有小数',
      bounds: () => ({ min: 0, max: 168 }),
      example: () => 8,
      use: (ctx) => ({ text: `专职辅导员每年参加校级培训不少于 ${ctx.rules.training.school_hours_per_year} 学时`, source: { rule: 'training.school_hours_per_year' } }),
    },
    date: {
      format: 'date',
      meaning: '培训日期（多日的培训填开始日期）',
      bounds: () => ({ min: '1990-01-01' }),
      example: (ctx) => inSemester(ctx, 17),
      use: () => ({ text: '学时按培训日期所在的年度统计' }),
    },
  },
  assessments: {
    person_id: personId,
    name: name('王芳'),
    department: departmentColumn,
    role: role('counselor'),
    total: {
      format: 'decimal',
      meaning: '考核总分',
      hint: (ctx) => `满分 ${ctx.rules.assessment.total_max} 分；与 14 项得分、考核结果至少填一项`,
      bounds: (ctx) => ({ min: 0, max: ctx.rules.assessment.total_max }),
      example: () => EXAMPLE_TOTAL,
      use: (ctx) => ({
        text: `等次${ctx.rules.assessment.basis === 'percent' ? '按得分占满分的百分比' : '按得分'}划分：${bandsText(ctx)}`,
        source: { rule: 'assessment.bands' },
      }),
    },
    ...Object.fromEntries(
      ASSESSMENT_ITEMS.map(([key, label, dimension, max]): [string, ColumnGuide] => [
        key,
        {
          format: 'decimal',
          meaning: `${dimension}·${label}（满分 ${max} 分）`,
          hint: () => '按考核量化表逐项填写；只填总分的可不填',
          bounds: () => ({ min: 0, max }),
          example: () => itemExample(max),
          use: (ctx) => ({ text: `14 项得分之和按满分 ${ctx.rules.assessment.items_max} 分评定等次；与总分都填写时，二者应一致`, source: { rule: 'assessment.items_max' } }),
        },
      ]),
    ),
    grade_recorded: grade,
    late_count: count('本学期迟到次数（学生助管、助理填写）', 0, MAX_COUNT_PER_ROW, (ctx) => ({
      text: `本学期迟到超过 ${ctx.rules.people.lateness.max} 次的，综合评价应为不合格`,
      source: { rule: 'people.lateness' },
    })),
  },
  assistants: {
    name: name('李明'),
    student_id: studentId,
    department: departmentColumn,
    major: { format: 'text', meaning: '所学专业', example: () => '机电一体化技术' },
    year_level: {
      format: 'text',
      meaning: '年级（如 2023级）',
      choices: (ctx) => ({ values: [0, 1, 2, 3].map((n) => `${academicYear(ctx) - n}级`), closed: false }),
      example: (ctx) => `${academicYear(ctx) - 1}级`,
      use: () => ({ text: '任职条件：二、三年级学生', source: { document: 'seeds/000' } }),
    },
    post: {
      format: 'text',
      meaning: '聘用岗位（所协助的班级，与班级名单中的班级名称一致）',
      choices: (ctx) => (ctx.classes.length ? { values: ctx.classes.map((c) => c.class_name), closed: false } : null),
      example: (ctx) => ctx.classes[0]?.class_name ?? `机电${String(academicYear(ctx) - 1).slice(2)}01班`,
      use: () => ({ text: '每个班级至多聘任 1 名助理；按班级名单统计配备情况', source: { document: 'seeds/000' } }),
    },
    period: { format: 'text', meaning: '聘用起止时间', hint: () => '如 2025年9月至2026年7月', example: (ctx) => `${academicYear(ctx)}年9月至${academicYear(ctx) + 1}年7月` },
    political_status: political(() => ({ text: `任职条件：${ELIGIBLE_POLITICAL.join('或')}`, source: { document: 'seeds/000' } }), '中共预备党员'),
    previous_roles: { format: 'text', meaning: '曾任学生干部职务', example: () => '班长', use: () => ({ text: '任职条件：担任学生干部一年以上', source: { document: 'seeds/000' } }) },
    failed_courses: count('不及格课程门数（没有填 0）', 0, MAX_COUNT_PER_ROW, () => ({ text: '任职条件：无不及格课程；不填视为未报送', source: { document: 'seeds/000' } })),
    grade_recorded: {
      ...grade,
      meaning: '本学期考核结果（等次）',
      example: () => '优秀',
      // Seed 000's 考核情况汇总表 is this roster with its 考核结果: the ingest reads such a row as the assistant's assessment too.
      use: (ctx) => ({
        text: `填写了考核结果的行，同时计为该助理本学期的考核结果（考核情况汇总表），不必再在“考核结果”表中重复填写；优秀不超过参评人数的 ${Math.round(ctx.rules.assessment.excellence_quota * 100)}%`,
        source: { rule: 'assessment.excellence_quota' },
      }),
    },
  },
  classes: {
    class_name: {
      format: 'text',
      meaning: '班级名称（与助理名册中的聘用岗位写法一致）',
      example: (ctx) => ctx.classes[0]?.class_name ?? `机电${String(academicYear(ctx)).slice(2)}01班`,
      use: () => ({ text: '助理配备：每个班级至多 1 名助理，统计已配备助理的班级比例', source: { document: 'seeds/000' } }),
    },
    department: departmentColumn,
    students: count('班级人数', 45),
    counselor: { format: 'text', meaning: '辅导员姓名', hint: () => '与“班主任”至少填一项', example: () => '王芳' },
    class_teacher: { format: 'text', meaning: '班主任姓名', hint: () => '与“辅导员”至少填一项', example: () => '张伟' },
  },
  graduate_assistants: {
    name: name('赵磊'),
    student_id: id('学号', '3120250101'),
    department: departmentColumn,
    post: {
      format: 'text',
      meaning: '岗位类型',
      choices: () => closed(labels(GRADUATE_POST_LABELS)),
      example: () => '党建',
      use: () => ({ text: '按岗位类型统计；党建岗位应由正式党员担任', source: { document: 'seeds/003' } }),
    },
    since: monthOf('上岗年月', (ctx) => `${academicYear(ctx)}-09`, (ctx) => ({
      text: `在岗时间至少为一年（${ctx.rules.people.graduate_min_months} 个月）`,
      source: { rule: 'people.graduate_min_months' },
    })),
    left: { ...monthOf('离岗年月（仍在岗的不填）', () => ''), example: () => '' },
    political: political(() => ({ text: '须为中共党员或中共预备党员', source: { document: 'seeds/003' } })),
  },
};
