/**
 * The demo counselors' personal attributes, as a 辅导员信息表 carries them (性别, 出生年月, 民族, 政治面貌,
 * 学历, 学位, 所学专业, 职称, 职级, 任辅导员时间), drawn once per person with realistic distributions:
 * full-time counselors mostly party members, about 60 % with a master's; part-time
 * teachers older and more senior; part-time graduate students 22–27 with a bachelor's. About 3 % of
 * cells are left blank (未填写). Used by scripts/generate-demo.ts, which decides who gets which.
 */

export interface ProfileRng {
  next(): number;
  int(lo: number, hi: number): number;
  pick<T>(items: readonly T[]): T;
  chance(p: number): boolean;
}

/** What a clerk wrote; '' is a blank cell. Dates as 'YYYY-MM'. */
export interface CounselorProfile {
  gender: string;
  birth: string;
  ethnicity: string;
  political: string;
  education: string;
  degree: string;
  major: string;
  title: string;
  rank: string;
  since: string;
}
export type ProfileField = keyof CounselorProfile;

export interface Who {
  type: 'full' | 'part';
  partKind: '教师' | '研究生';
  /** Year and month the person started as a counselor in the demo, or null: before it. */
  hired: { year: number; month: number } | null;
  /** The name reads as a woman's. */
  female: boolean;
}

/** The reference year: the demo's ages are drawn for autumn 2025. */
const NOW = 2025;
const ym = (year: number, month: number) => `${year}-${String(month).padStart(2, '0')}`;

const MINORITIES = ['回族', '维吾尔族', '蒙古族', '壮族', '满族', '土家族', '哈萨克族'];
const COUNSELOR_MAJORS = [
  '思想政治教育', '思想政治教育', '思想政治教育', '马克思主义理论', '应用心理学', '教育学', '汉语言文学', '社会工作',
  '法学', '计算机科学与技术', '会计学', '英语', '新闻学', '行政管理', '机械设计制造及其自动化',
];
const TEACHER_MAJORS = ['机械工程', '计算机科学与技术', '会计学', '护理学', '土木工程', '英语语言文学', '应用数学', '车辆工程', '化学工程', '视觉传达设计'];
const STUDENT_MAJORS = ['思想政治教育', '马克思主义理论', '教育学原理', '应用心理学', '课程与教学论'];

/** One person's attributes. */
export function drawProfile(rng: ProfileRng, who: Who): CounselorProfile {
  const student = who.type === 'part' && who.partKind === '研究生';
  const teacher = who.type === 'part' && who.partKind === '教师';
  // Age in autumn 2025, and the year they became a counselor.
  const age = student ? rng.int(22, 27) : teacher ? rng.int(31, 56) : who.hired ? rng.int(24, 30) : Math.round(26 + 24 * rng.next() ** 1.6);
  const birthYear = NOW - age;
  const sinceYear = who.hired ? who.hired.year : student ? rng.int(2023, 2025) : teacher ? rng.int(2016, 2024) : Math.min(2024, birthYear + rng.int(23, 29));
  const since = who.hired ? ym(who.hired.year, who.hired.month) : ym(sinceYear, rng.pick([7, 8, 9, 9, 9, 3]));
  const years = NOW - sinceYear;

  const education = student
    ? rng.pick(['本科', '大学本科'])
    : teacher
      ? rng.chance(0.3) ? '博士研究生' : rng.chance(0.7) ? rng.pick(['硕士研究生', '研究生']) : '本科'
      : rng.chance(0.04) ? '博士研究生' : rng.chance(0.6) ? rng.pick(['硕士研究生', '硕士研究生', '研究生']) : rng.pick(['本科', '本科', '大学本科']);
  const degree = /博士/.test(education) ? '博士' : /硕士|研究生/.test(education) ? (rng.chance(0.97) ? '硕士' : '学士') : rng.chance(0.95) ? '学士' : '无';

  const political = student
    ? rng.pick(['中共党员', '中共党员', '中共预备党员', '共青团员'])
    : rng.chance(teacher ? 0.6 : 0.8)
      ? rng.pick(['中共党员', '中共党员', '中共党员', '中共党员', '中国共产党党员'])
      : rng.chance(0.2) ? '中共预备党员'
      : age < 28 ? '共青团员'
      : rng.chance(0.2) ? rng.pick(['民盟盟员', '九三学社社员']) : '群众';

  const title = student
    ? rng.pick(['未定级', ''])
    : teacher
      ? rng.pick(['讲师', '讲师', '副教授', '副教授', '教授', '高级工程师', '助教'])
      : years <= 1 ? rng.pick(['未定级', '助教'])
      : years <= 5 ? (rng.chance(0.35) ? '助教' : rng.pick(['讲师', '讲师（思政）']))
      : years <= 10 ? (rng.chance(0.22) ? '副教授' : rng.pick(['讲师', '讲师', '讲师（思政）']))
      : rng.chance(0.1) ? '教授' : rng.chance(0.5) ? '副教授' : '讲师';
  const rank = who.type === 'part' || rng.chance(0.3)
    ? ''
    : years <= 2 ? rng.pick(['科员', '九级职员'])
    : years <= 8 ? rng.pick(['副科级', '八级职员', '九级职员'])
    : rng.pick(['正科级', '七级职员', '八级职员']);

  const profile: CounselorProfile = {
    gender: who.female ? '女' : '男',
    birth: ym(birthYear, rng.int(1, 12)),
    ethnicity: rng.chance(0.86) ? '汉族' : rng.pick(MINORITIES),
    political,
    education,
    degree,
    major: rng.pick(student ? STUDENT_MAJORS : teacher ? TEACHER_MAJORS : COUNSELOR_MAJORS),
    title,
    rank,
    since,
  };
  // A few cells the clerk left blank (the same ones every semester).
  for (const field of ['gender', 'birth', 'political', 'education', 'degree', 'title', 'since', 'major'] as const) if (rng.chance(0.03)) profile[field] = '';
  return profile;
}

/** How a department's 辅导员信息表 heads the columns (null: it has no such column), in the order they appear. */
export type ProfileStyle = 'A' | 'B' | 'C';
export const PROFILE_HEADERS: Record<ProfileStyle, ReadonlyArray<readonly [ProfileField, string]>> = {
  A: [['gender', '性别'], ['birth', '出生年月'], ['ethnicity', '民族'], ['political', '政治面貌'], ['education', '学历'], ['degree', '学位'], ['major', '所学专业'], ['title', '职称'], ['rank', '职级'], ['since', '任辅导员时间']],
  B: [['gender', '性别'], ['birth', '出生日期'], ['ethnicity', '民族'], ['political', '政治面貌'], ['education', '最高学历'], ['degree', '最高学位'], ['title', '专业技术职务'], ['rank', '职员等级'], ['since', '从事辅导员工作时间'], ['major', '所学专业']],
  C: [['gender', '性别'], ['birth', '出生年月'], ['ethnicity', '民族'], ['political', '政治面貌'], ['education', '学历'], ['degree', '学位'], ['major', '毕业专业'], ['title', '职称'], ['since', '任辅导员时间']],
};

/** A 'YYYY-MM' as the department writes months: 1990.05, 1990年5月 or 1990-05. */
export function monthText(value: string, style: ProfileStyle): string {
  if (!value) return '';
  const [y, m] = value.split('-');
  return style === 'A' ? `${y}.${m}` : style === 'B' ? `${y}年${Number(m)}月` : value;
}
