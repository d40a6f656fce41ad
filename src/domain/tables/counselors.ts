/**
 * 辅导员名册 / 辅导员信息表: who the counselors are, full- or part-time, how they were hired, and —
 * when the roster carries them — the attributes the team's structure is described by (性别, 出生年月,
 * 民族, 政治面貌, 学历, 学位, 职称, 职级, 任辅导员时间, 所学专业). All of those are optional: a roster
 * without them reads exactly as before.
 *
 * A birth date is personal: it is read to count the age on the semester's first day and never
 * published (not even in a warning). An attribute that cannot be read keeps the row (the person
 * still counts towards 师生比), is published blank (未填写) and raises a warning.
 */
import { semesterFirstDay } from '../calendar.ts';
import * as cell from '../cells.ts';
import {
  HIRING_METHODS,
  OTHER_CATEGORY,
  VOCABULARY_HINTS,
  completedYears,
  degreeOf,
  educationOf,
  genderOf,
  hiringOf,
  parsePastDate,
  politicalOf,
  titleLevelOf,
} from '../people.ts';
import { cleanCell, compactCell, isBlankCell, parseCount } from '../text.ts';
import { department, name, outDepartment, outName, outSemester, semester, staffId } from './columns.ts';
import { PROVENANCE, type InputColumn, type RowWarning, type TableSpec } from './types.ts';

/** An attribute cell as text, never refused: even a formula's text is read (and found unreadable) rather than echoed into a reject. */
const attribute: cell.Cell<string | null> = (raw) => (isBlankCell(raw) || cell.isFormula(raw) ? null : cleanCell(raw));

const optional = (key: string, label: string, aliases: string[], value?: 'date'): InputColumn => ({ key, label, aliases, required: false, parse: attribute, ...(value ? { value } : {}) });

/** A year and a one-digit month after a point: 1990.1 may be January, or 1990.10 with its 0 lost. */
const AMBIGUOUS_YEAR_MONTH = /^\d{4}\.[1-9]$/;

/** Ages outside this range are typing slips in 出生年月 (or 年龄). */
const PLAUSIBLE_AGE = [16, 80] as const;

/** A vocabulary attribute: its code, or null with a warning when the text is not one of its spellings. */
function coded<T>(fields: Record<string, unknown>, key: string, label: string, of: (raw: string) => T | null, hint: string, warnings: RowWarning[]): T | null {
  const raw = fields[key] as string | null | undefined;
  if (raw == null) return null;
  const code = of(raw);
  if (code === null) warnings.push({ code: 'ATTRIBUTE_UNREADABLE', column: label, message: `「${label}」的值「${raw}」无法识别，按未填写统计；${hint}。` });
  return code;
}

function ageOf(fields: Record<string, unknown>, reference: string, warnings: RowWarning[]): number | null {
  const birthText = fields.birth as string | null | undefined;
  const ageText = fields.age as string | null | undefined;
  let age: number | null = null;
  if (birthText != null) {
    const birth = parsePastDate(birthText);
    // The value is a birth date: never repeated in a message.
    if (!birth) warnings.push({ code: 'ATTRIBUTE_UNREADABLE', column: '出生年月', message: '「出生年月」无法识别为日期（应写成 1990年5月、1990-05 或 1990-05-12），年龄按未填写统计。' });
    else {
      age = completedYears(birth, reference);
      // 1990.1 is January as written, but also what a number shown as 1990.10 becomes once its format is lost.
      if (AMBIGUOUS_YEAR_MONTH.test(birthText.trim()))
        warnings.push({ code: 'DATE_AMBIGUOUS', column: '出生年月', message: '「出生年月」写成“年份.一位数”（如 1990.1），可能是 1 月，也可能是 10 月（数字末尾的 0 在保存时丢失），已按 1–9 月计算年龄；请改写为 1990年10月 或 1990-10 这样的写法。' });
    }
  } else if (ageText != null) {
    age = parseCount(ageText.replace(/岁$/, ''));
    if (age === null) warnings.push({ code: 'ATTRIBUTE_UNREADABLE', column: '年龄', message: `「年龄」的值「${ageText}」无法识别，按未填写统计；请填写周岁数。` });
  }
  if (age !== null && (age < PLAUSIBLE_AGE[0] || age > PLAUSIBLE_AGE[1])) {
    warnings.push({ code: 'AGE_IMPLAUSIBLE', column: birthText != null ? '出生年月' : '年龄', message: `按所填${birthText != null ? '出生年月' : '年龄'}，该辅导员在学期初不满 ${PLAUSIBLE_AGE[0]} 岁或超过 ${PLAUSIBLE_AGE[1]} 岁，按未填写统计，请核对。` });
    age = null;
  }
  return age;
}

function yearsInPostOf(fields: Record<string, unknown>, reference: string, warnings: RowWarning[]): number | null {
  const text = fields.in_post_since as string | null | undefined;
  if (text == null) return null;
  const since = parsePastDate(text);
  if (!since) {
    warnings.push({ code: 'ATTRIBUTE_UNREADABLE', column: '任辅导员时间', message: `「任辅导员时间」的值「${text}」无法识别为日期，工作年限按未填写统计；请写成 2018年9月 或 2018-09。` });
    return null;
  }
  // Appointed after the semester began: in post less than a year.
  return Math.max(0, completedYears(since, reference));
}

/** 聘用方式 as the dictionary names it; a value outside it kept as written, with a warning (the public build counts it as 其他). */
function hiringField(fields: Record<string, unknown>, warnings: RowWarning[]): string | null {
  const raw = text(fields.hiring);
  if (raw == null) return null;
  const method = hiringOf(raw);
  if (method === null)
    warnings.push({ code: 'ATTRIBUTE_UNLISTED', column: '聘用方式', message: `「聘用方式」的值「${raw}」不是${HIRING_METHODS.join('、')}之一：内部版按所填统计，公开版计为“${OTHER_CATEGORY}”；请改为其中之一。` });
  return method ?? raw;
}

const text = (v: unknown) => (v == null ? null : compactCell(String(v)) || null);

export const counselors: TableSpec = {
  kind: 'counselors',
  label: '辅导员名册',
  file: 'counselors.parquet',
  input: [
    staffId,
    name,
    department,
    { key: 'employment', label: '专兼职', aliases: ['专兼职', '专/兼职', '岗位类型', '类别', '类型', '专职/兼职'], required: true, parse: cell.employment },
    { key: 'students_assigned', label: '所带学生数', aliases: ['所带学生数', '所带学生人数', '带学生数'], required: false, parse: cell.optionalCount, additive: true },
    { key: 'hiring', label: '聘用方式', aliases: ['聘用方式', '用工方式', '聘用形式', '编制类型'], required: false, parse: cell.optionalText },
    optional('gender', '性别', ['性别']),
    optional('birth', '出生年月', ['出生年月', '出生日期', '出生年月日', '出生时间'], 'date'),
    optional('age', '年龄', ['年龄']),
    optional('ethnicity', '民族', ['民族']),
    optional('political', '政治面貌', ['政治面貌', '政治身份']),
    optional('education', '学历', ['学历', '最高学历', '学历层次', '文化程度']),
    optional('degree', '学位', ['学位', '最高学位']),
    optional('title', '职称', ['职称', '专业技术职务', '专业技术职称', '技术职称', '职称(专业技术职务)']),
    optional('rank', '职级', ['职级', '职员等级', '职员职级', '管理岗位职级', '行政职级']),
    optional('in_post_since', '任辅导员时间', ['任辅导员时间', '从事辅导员工作时间', '从事辅导员工作年月', '担任辅导员时间', '任辅导员年月', '开始从事辅导员工作时间', '辅导员工作起始时间'], 'date'),
    optional('major', '所学专业', ['所学专业', '专业', '毕业专业', '最高学历专业']),
    semester,
  ],
  needsSemester: true,
  derive: (fields, { rules }) => {
    const warnings: RowWarning[] = [];
    // Ages and years in post are counted on the semester's first day by the teaching calendar.
    const reference = semesterFirstDay(String(fields.semester), rules.calendar);
    const title = text(fields.title);
    return {
      ok: true,
      warnings,
      record: {
        ...fields,
        fte: fields.employment === 'full_time' ? 1 : rules.part_time_fte,
        hiring: hiringField(fields, warnings),
        gender: coded(fields, 'gender', '性别', genderOf, VOCABULARY_HINTS.gender, warnings),
        age: ageOf(fields, reference, warnings),
        ethnicity: text(fields.ethnicity),
        political_status: coded(fields, 'political', '政治面貌', politicalOf, VOCABULARY_HINTS.political, warnings),
        education: coded(fields, 'education', '学历', educationOf, VOCABULARY_HINTS.education, warnings),
        degree: coded(fields, 'degree', '学位', degreeOf, VOCABULARY_HINTS.degree, warnings),
        title,
        title_level: coded(fields, 'title', '职称', titleLevelOf, VOCABULARY_HINTS.title, warnings),
        rank: text(fields.rank),
        years_in_post: yearsInPostOf(fields, reference, warnings),
        major: text(fields.major),
      },
    };
  },
  uniqueKey: ['semester', 'staff_id'],
  identity: ['semester', 'staff_id'],
  output: [
    outSemester,
    outDepartment,
    { name: 'staff_id', type: 'VARCHAR', nullable: false, label: '工号（文本，前导零保留）' },
    outName,
    { name: 'employment', type: 'VARCHAR', nullable: false, label: '专兼职：full_time 专职 / part_time 兼职' },
    { name: 'fte', type: 'DOUBLE', nullable: false, label: '折算专职人数：专职 1，兼职按规则（默认 1/3）' },
    { name: 'students_assigned', type: 'INTEGER', nullable: true, label: '所带学生数' },
    { name: 'hiring', type: 'VARCHAR', nullable: true, label: '聘用方式（如 事业编制、人事代理、劳务派遣）' },
    { name: 'gender', type: 'VARCHAR', nullable: true, label: '性别：female 女 / male 男' },
    { name: 'age', type: 'INTEGER', nullable: true, label: '年龄（周岁，按学期第一天计算；出生年月只用于计算，不发布）' },
    { name: 'ethnicity', type: 'VARCHAR', nullable: true, label: '民族（原文）' },
    { name: 'political_status', type: 'VARCHAR', nullable: true, label: '政治面貌：cpc_member 中共党员 / cpc_probationary 中共预备党员 / cyl_member 共青团员 / democratic_party 民主党派 / masses 群众' },
    { name: 'education', type: 'VARCHAR', nullable: true, label: '学历：secondary 中专及以下 / college 专科 / bachelor 本科 / master 硕士研究生 / doctor 博士研究生' },
    { name: 'degree', type: 'VARCHAR', nullable: true, label: '学位：bachelor 学士 / master 硕士 / doctor 博士 / none 无学位' },
    { name: 'title', type: 'VARCHAR', nullable: true, label: '职称（原文）' },
    { name: 'title_level', type: 'VARCHAR', nullable: true, label: '职称等级：full 正高级 / associate 副高级 / intermediate 中级 / junior 初级 / unrated 未定级' },
    { name: 'rank', type: 'VARCHAR', nullable: true, label: '职级（原文，如 八级职员、正科级）' },
    { name: 'years_in_post', type: 'INTEGER', nullable: true, label: '从事辅导员工作年限（整年，由任辅导员时间按学期第一天计算）' },
    { name: 'major', type: 'VARCHAR', nullable: true, label: '所学专业（原文）' },
    ...PROVENANCE,
  ],
};
