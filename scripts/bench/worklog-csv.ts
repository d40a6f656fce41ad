/**
 * Writes a large GBK work-log CSV, as a department would export it from Excel (title line,
 * header, CRLF), deterministically: the benchmark's input at scale.
 */
import iconv from 'iconv-lite';
import { mkdirSync, openSync, writeSync, closeSync } from 'node:fs';
import { dirname } from 'node:path';

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华';
const DEPARTMENTS = ['机电工程系', '信息工程系', '经济管理系', '建筑工程系', '医学护理系', '艺术设计系', '外国语学院', '数学与物理学院', '汽车工程系', '化学与生物工程学院', '旅游与酒店管理系', '电子信息与通信工程学院'];

export function writeWorklogCsv(path: string, rows: number): void {
  mkdirSync(dirname(path), { recursive: true });
  const fd = openSync(path, 'w');
  let seed = 42;
  const rand = (n: number) => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return (seed >>> 8) % n;
  };
  const lines: string[] = [
    '全院辅导员工作记录汇总（2025-2026学年第一学期）,,,,,,,,,,,,',
    '序号,工号,姓名,系部,角色,周次,谈心谈话（人次）,查课（次）,宿舍卫生检查（次）,深入宿舍（次）,听课（次）,联系家长（次）,工作时长（小时）',
  ];
  const flush = () => {
    writeSync(fd, iconv.encode(lines.join('\r\n') + '\r\n', 'gbk'));
    lines.length = 0;
  };
  for (let i = 1; i <= rows; i++) {
    // One row per person per week, as a real log: ~55,600 people × 18 weeks.
    const person = Math.floor((i - 1) / 18);
    const name = SURNAMES[person % SURNAMES.length]! + GIVEN[(person * 7) % GIVEN.length]! + (person % 3 ? GIVEN[(person * 13) % GIVEN.length]! : '');
    const week = 1 + ((i - 1) % 18);
    lines.push(
      `${i},${String(100000 + person).padStart(6, '0')},${name},${DEPARTMENTS[person % DEPARTMENTS.length]},辅导员,${week},${rand(9)},${rand(4)},${rand(4)},${rand(4)},${rand(3)},${rand(3)},${(20 + rand(200) / 10).toFixed(1)}`,
    );
    if (lines.length >= 50_000) flush();
  }
  lines.push('填表人：学工部,,,,,,,,,,,,');
  flush();
  closeSync(fd);
}
