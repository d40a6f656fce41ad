/**
 * A small input made to probe the public build (issue 22): five departments over two semesters,
 * with what real exports bring and the public build must never publish or fall over:
 * - departments of 1 (戊系) and 2 (丁系) counselors, both all 不合格 in the later semester (3 withheld people, all 不合格);
 * - a population of one: 丙系 has 4 full-time counselors of whom 1 is new in post;
 * - a person's name typed into a work log's 院系 cell (乙系's);
 * - a name, a phone number and an ID number in a file name, a sheet name and in 年级;
 * - free text in 聘用方式 ("人事代理(…经办)").
 * Written as the departments would send it (CSV and .xlsx), by this file alone (no code of src/).
 */
import * as XLSX from '@e965/xlsx';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Strings planted in the input that must appear in no public file. */
export const PLANTED = {
  nameInDepartmentCell: '蒋某峰',
  nameInFileName: '欧阳某某',
  phone: '13712345678',
  idNumber: '110101199003071234',
  nameInGrade: '司马某某',
  gradeNote: '心理问题',
  nameInHiring: '诸葛某某',
} as const;

export const PROBE_SEMESTERS = ['2025-2026-2', '2026-2027-1'] as const;

interface Dept {
  name: string;
  key: string;
  fullTime: number;
  partTime: number;
  students: number;
}

export const PROBE_DEPARTMENTS: readonly Dept[] = [
  { name: '甲系', key: '甲', fullTime: 6, partTime: 2, students: 1100 },
  { name: '乙系', key: '乙', fullTime: 5, partTime: 0, students: 950 },
  { name: '丙系', key: '丙', fullTime: 4, partTime: 0, students: 700 },
  { name: '丁系', key: '丁', fullTime: 2, partTime: 0, students: 380 },
  { name: '戊系', key: '戊', fullTime: 1, partTime: 0, students: 210 },
];

const GIVEN = '一二三四五六七八九十';

/** The counselors of a department: 王甲一 … (full-time first), their staff ids 6 digits. */
export function probePeople(d: Dept): Array<{ name: string; id: string; employment: '专职' | '兼职' }> {
  return Array.from({ length: d.fullTime + d.partTime }, (_, i) => ({
    name: `王${d.key}${GIVEN[i]}`,
    id: String(100000 + PROBE_DEPARTMENTS.indexOf(d) * 100 + i),
    employment: i < d.fullTime ? '专职' : '兼职',
  }));
}

const csv = (rows: ReadonlyArray<ReadonlyArray<string | number>>) => '\uFEFF' + rows.map((r) => r.join(',')).join('\r\n') + '\r\n';

function xlsx(path: string, sheet: string, rows: ReadonlyArray<ReadonlyArray<string | number>>): void {
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(rows.map((r) => [...r])), sheet);
  writeFileSync(path, XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
}

/** Writes the probe's exports below `dir` (dir/<semester>/<department>/…). */
export function writeProbe(dir: string): void {
  for (const semester of PROBE_SEMESTERS) {
    const later = semester === PROBE_SEMESTERS[1];
    for (const d of PROBE_DEPARTMENTS) {
      const folder = join(dir, semester, d.name);
      mkdirSync(folder, { recursive: true });
      const people = probePeople(d);
      const grades = [
        [`${semester.slice(0, 4)}级`, Math.floor(d.students / 2)],
        [d.name === '甲系' ? `2024级(含休学学生${PLANTED.nameInGrade},${PLANTED.gradeNote})` : '2024级', d.students - Math.floor(d.students / 2)],
      ] as const;
      const enrollment = [['序号', '院系', '年级', '学生数'], ...grades.map(([g, n], i) => [i + 1, d.name, g, n])];
      if (d.name === '甲系') {
        // A file named after the clerk and her phone, its sheet after someone's ID number.
        xlsx(join(folder, `甲系在校生人数（填表人${PLANTED.nameInFileName}${PLANTED.phone}）.xlsx`), PLANTED.idNumber, enrollment);
      } else writeFileSync(join(folder, `${d.name}在校生人数.csv`), csv(enrollment));

      const roster = [
        ['序号', '工号', '姓名', '性别', '出生年月', '政治面貌', '学历', '学位', '职称', '任辅导员时间', '院系', '专兼职', '聘用方式', '联系电话'],
        ...people.map((p, i) => {
          // 丙系's last full-time counselor is new in post in the later semester (a population of one).
          const newInPost = later && d.name === '丙系' && i === d.fullTime - 1;
          const hiring = d.name === '乙系' && i === 0 ? `人事代理(${PLANTED.nameInHiring}经办)` : '事业编制';
          return [i + 1, p.id, p.name, i % 2 ? '女' : '男', `19${88 + (i % 8)}.0${1 + (i % 9)}`, '中共党员', '硕士研究生', '硕士', '讲师', newInPost ? '2026.08' : '2018.09', d.name, p.employment, hiring, `1390000${String(i).padStart(4, '0')}`];
        }),
      ];
      writeFileSync(join(folder, `${d.name}辅导员名册.csv`), csv(roster));

      if (later) {
        // 丁系 and 戊系 (the withheld groups, 3 people) are all 不合格; 甲系 has 3 of 8, the others none:
        // 全院 6 − the departments shown 3 = 3, the people withheld — each of them 不合格, unless more is withheld.
        const grade = (i: number) => (d.name === '丁系' || d.name === '戊系' ? '不合格' : d.name === '甲系' && i >= 2 && i <= 4 ? '不合格' : i === 1 ? '优秀' : '合格');
        const assessment = [
          ['序号', '姓名', '工号', '角色', '所在院系', '综合得分', '考核等次'],
          ...people.map((p, i) => [i + 1, p.name, p.id, '辅导员', d.name, grade(i) === '不合格' ? 55 : grade(i) === '优秀' ? 93 : 80, grade(i)]),
        ];
        writeFileSync(join(folder, `${d.name}辅导员考核结果.csv`), csv(assessment));
      }

      const log = [
        ['序号', '工号', '姓名', '所在院系', '角色', '周次', '谈心谈话（人次）', '查课（次）', '宿舍卫生检查（次）', '深入宿舍（次）', '听课（次）', '联系家长（次）', '工作时长（小时）'],
        ...people.flatMap((p, i) =>
          [1, 2, 3, 4].map((week) => {
            // 乙系's clerk typed a person's name into one row's 院系 cell.
            const unit = d.name === '乙系' && i === 1 && week === 2 ? PLANTED.nameInDepartmentCell : d.name;
            return [0, p.id, p.name, unit, '辅导员', week, 5 + (i % 3), 2, 2, 2, 1, 2, 40 + i];
          }),
        ),
      ].map((r, i) => (i === 0 ? r : [i, ...r.slice(1)]));
      writeFileSync(join(folder, `${d.name}辅导员工作记录.csv`), csv(log));
    }
  }
}
