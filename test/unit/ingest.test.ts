/**
 * The ingest end to end on files: conservation of rows, rejects with reasons, personal data
 * dropped, semester sources, determinism, and failures that stop the run without touching the
 * previous output.
 */
import iconv from 'iconv-lite';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { IngestError } from '../../src/ingest/records.ts';
import { runIngest, type Manifest } from '../../src/ingest/run.ts';
import { NodeRunner } from '../../src/io/duckdb-node.ts';
import { readSheets } from '../support/oracle.ts';
import { writeWorklogCsv } from '../../scripts/bench/worklog-csv.ts';
import { TABLE_KINDS } from '../../src/domain/tables/index.ts';
import { personWeeksSql } from '../../src/metrics/workload.ts';
import { digest, rowDigest } from '../support/digest.ts';

function fixture(files: Record<string, string | Uint8Array>): string {
  const dir = mkdtempSync(join(tmpdir(), 'ingest-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}
const gbk = (text: string) => new Uint8Array(iconv.encode(text, 'gbk'));
const scratch = () => join(mkdtempSync(join(tmpdir(), 'out-')), 'data');

async function tables(out: string) {
  const runner = await NodeRunner.overParquet(out, ['enrollment', 'counselors', 'rejects']);
  const all = {
    enrollment: await runner.query<Record<string, unknown>>('SELECT * FROM enrollment'),
    counselors: await runner.query<Record<string, unknown>>('SELECT * FROM counselors'),
    rejects: await runner.query<Record<string, unknown>>('SELECT * FROM rejects'),
  };
  runner.close();
  return all;
}


const ENROLLMENT_GBK =
  '机电工程系2025-2026学年第一学期在校生人数统计表,,,,\r\n' +
  '填报单位：机电工程系　　单位：人,,,,\r\n' +
  '序号,系部,年级,在校生人数,备注\r\n' +
  '1,机电工程系,2024级,"1,020",\r\n' +
  '2,机电工程系,2025级,１２０,\r\n' +
  '3,机电工程系,2023级,12a,\r\n' +
  ',合计,,"1,140",\r\n' +
  ',,,,\r\n' +
  '填表人：张三　　审核人：李四,,,,\r\n' +
  '单位（盖章）：,,,,\r\n' +
  '填报日期：2025年9月15日,,,,\r\n';

const ROSTER =
  '序号,工号,姓名,系部,专兼职,所带学生数,聘用方式,联系电话,QQ,身份证号\n' +
  '1,000123,王 芳,机电工程系,专职,200,事业编制,13800000000,12345678,110101199001011234\n' +
  '2,000124,李四,机电工程系,兼 职,,劳务派遣,13900000000,,\n' +
  '3,000125,赵五,机电工程系,兼职（研究生）,,,,,\n' +
  '4,000126,钱六,机电工程系,外聘,,,,,\n' +
  '5,000123,王芳,机电工程系,专职,,,,,\n';

describe('ingest of one department', () => {
  const input = fixture({
    '2025-2026-1/机电工程系/在校生人数.csv': gbk(ENROLLMENT_GBK),
    '2025-2026-1/机电工程系/辅导员名册.csv': ROSTER,
  });

  it('accepts, rejects with a reason, or skips every row read', async () => {
    const out = scratch();
    const manifest = await runIngest({ input, out });
    const byFile = Object.fromEntries(manifest.files.map((f) => [f.file.split('/').pop(), f]));
    expect(byFile['在校生人数.csv']).toMatchObject({
      kind: 'enrollment', encoding: 'gb18030', semester: '2025-2026-1', semester_source: 'title',
      read: 11, accepted: 2, rejected: 1, skipped: 8,
      skipped_by_reason: { title: 2, header: 1, total: 1, blank: 1, footer: 3 },
    });
    expect(byFile['辅导员名册.csv']).toMatchObject({
      kind: 'counselors', semester_source: 'folder', read: 6, accepted: 3, rejected: 2, skipped: 1,
    });
    const t = await tables(out);
    expect(t.enrollment.map((r) => r.students)).toEqual([1020, 120]);
    expect(t.counselors.map((r) => [r.staff_id, r.name, r.employment, r.hiring])).toEqual([
      ['000123', '王芳', 'full_time', '事业编制'],
      ['000124', '李四', 'part_time', '劳务派遣'],
      ['000125', '赵五', 'part_time', null],
    ]);
    expect(t.counselors[1]!.fte).toBeCloseTo(1 / 3, 12);
    expect(t.rejects.map((r) => [r.row, r.column, r.value, r.code])).toEqual([
      [6, '在校生人数', '12a', 'NOT_A_COUNT'],
      [5, '专兼职', '外聘', 'UNKNOWN_EMPLOYMENT'],
      [6, '工号', '000123', 'DUPLICATE_PERSON'],
    ]);
    for (const r of t.rejects) expect(r.message).toMatch(/请/);
  });

  it('publishes no phone, QQ or ID number, and lists the columns it dropped', async () => {
    const out = scratch();
    const manifest = await runIngest({ input, out });
    const roster = manifest.files.find((f) => f.kind === 'counselors')!;
    expect(roster.personal_columns_dropped).toEqual(['联系电话', 'QQ', '身份证号']);
    const everything = JSON.stringify(await tables(out)) + readFileSync(join(out, 'manifest.json'), 'utf8');
    for (const secret of ['13800000000', '13900000000', '12345678', '110101199001011234']) expect(everything).not.toContain(secret);
  });

  it('gives byte-identical output for the same input', async () => {
    const a = scratch();
    const b = scratch();
    await runIngest({ input, out: a });
    await runIngest({ input, out: b });
    expect(digest(a)).toEqual(digest(b));
  });
});

describe('where the semester comes from', () => {
  const header = '序号,系部,在校生人数\n';
  it.each([
    ['a 学期 column, row by row', { 'x/a.csv': '系部,学期,人数\n甲系,2024-2025学年第二学期,10\n甲系,2025秋,20\n' }, ['2024-2025-2', '2025-2026-1'], 'column'],
    ['the title line', { 'x/a.csv': '甲系2024—2025学年第2学期学生数\n' + header + '1,甲系,10\n' }, ['2024-2025-2'], 'title'],
    ['the folder name', { '2025-2026-2/甲系/a.csv': header + '1,甲系,10\n' }, ['2025-2026-2'], 'folder'],
  ])('from %s', async (_, files, semesters, source) => {
    const out = scratch();
    const manifest = await runIngest({ input: fixture(files), out });
    expect(manifest.semesters).toEqual(semesters);
    expect(manifest.files[0]!.semester_source).toBe(source);
  });
});

describe('files that cannot be read or understood', () => {
  const good = { '2025-2026-1/甲系/a.csv': '系部,人数\n甲系,10\n' };
  const cases = [
    ['an unrecognised header, naming the closest kind and what it lacks', { '2025-2026-1/b.csv': '工号,姓名,系部\n1,张三,甲系\n' }, /b\.csv.*辅导员名册.*缺少列：专兼职/s],
    ['an empty file', { '2025-2026-1/b.csv': '' }, /b\.csv.*文件为空/],
    ['a text file named .xls', { '2025-2026-1/b.xls': 'not really' }, /b\.xls.*没有可识别的表头/],
    ['a corrupt .xlsx', { '2025-2026-1/b.xlsx': 'PK\u0003\u0004 broken' }, /b\.xlsx.*无法打开/],
    ['no semester anywhere', { 'misc/b.csv': '系部,人数\n乙系,5\n' }, /b\.csv.*无法确定学期/],
  ] as const;

  it.each(cases)('%s: set aside with its reason, the other files published', async (_, files, message) => {
    const manifest = await runIngest({ input: fixture({ ...good, ...files }), out: scratch() });
    const aside = manifest.files.filter((f) => f.set_aside);
    expect(aside.map((f) => `${f.file}：${f.set_aside!.message}`).join('\n')).toMatch(message);
    expect(manifest.totals).toMatchObject({ set_aside: 1, accepted: 1 });
    expect(manifest.files.find((f) => f.file === '2025-2026-1/甲系/a.csv')).toMatchObject({ accepted: 1, set_aside: null });
  });

  it.each(cases)('%s: with --strict, stops the run and leaves the previous output as it was', async (_, files, message) => {
    const out = scratch();
    const input = fixture({ ...good, ...files });
    await runIngest({ input: fixture(good), out });
    const before = digest(out);
    const error = await runIngest({ input, out, strict: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IngestError);
    expect((error as Error).message).toMatch(message);
    expect(digest(out)).toEqual(before);
  });

  it('a sheet set aside after some of its rows were staged leaves none of them behind', async () => {
    // The quote opened on row 40 is never closed: rows 2–39 had been staged when it was found.
    const rows = Array.from({ length: 38 }, (_, i) => `00${i},王芳${i},甲系,专职`);
    const roster = `工号,姓名,系部,专兼职\n${rows.join('\n')}\n9,"没有结束,甲系,专职\n`;
    const out = scratch();
    const manifest = await runIngest({ input: fixture({ ...good, '2025-2026-1/甲系/名册.csv': roster }), out });
    expect(manifest.files.find((f) => f.file.endsWith('名册.csv'))!.set_aside!.message).toContain('引号不成对');
    expect(manifest.tables.counselors.rows).toBe(0);
    const runner = await NodeRunner.overParquet(out, ['counselors', 'enrollment']);
    expect(await runner.query('SELECT COUNT(*)::INTEGER AS n FROM counselors')).toEqual([{ n: 0 }]);
    expect(await runner.query('SELECT COUNT(*)::INTEGER AS n FROM enrollment')).toEqual([{ n: 1 }]);
    runner.close();
  });

  it('a broken rules file, naming the field', async () => {
    const rules = join(fixture({}), 'rules.json');
    writeFileSync(rules, JSON.stringify({ institution: { name: 'X' }, active_profile: 'p', profiles: { p: { label: 'p', staffing: { max_students_per_counselor: { value: -5 }, part_time_weight: { value: '1/3' } } } } }));
    const error = await runIngest({ input: fixture(good), out: scratch(), rulesPath: rules }).catch((e: unknown) => e);
    expect((error as Error).message).toContain('profiles.p.staffing.max_students_per_counselor.value');
  });

  it('from the command line: listed first among the files to send back; with --strict, exit status 2 and a Chinese message', () => {
    const input = fixture({ ...good, 'b.csv': '工号,姓名\n1,张三\n', '2025-2026-1/甲系/c.csv': '系部,人数\n甲系,x\n' });
    const result = spawnSync(process.execPath, ['scripts/ingest.ts', '--input', input, '--out', scratch()], { encoding: 'utf8' });
    expect(result.status).toBe(0);
    const back = result.stdout.split('请退回以下文件')[1]!.split('\n').filter((l) => l.startsWith('  '));
    expect(back[0]).toMatch(/^ {2}✗ b\.csv：未能导入，已搁置。/);
    expect(back[1]).toMatch(/c\.csv：拒绝 1 行/);
    expect(result.stdout).toContain('其中 1 个文件或工作表未能导入');
    const strict = spawnSync(process.execPath, ['scripts/ingest.ts', '--input', input, '--out', scratch(), '--strict'], { encoding: 'utf8' });
    expect(strict.status).toBe(2);
    expect(strict.stderr).toContain('导入失败：b.csv');
  });
});

describe('an ingest killed midway', () => {
  it('leaves the previous output byte for byte, and the next run completes', async () => {
    const out = scratch();
    await runIngest({ input: fixture({ '2025-2026-1/甲系/a.csv': '系部,人数\n甲系,10\n' }), out });
    const before = digest(out);
    const big = mkdtempSync(join(tmpdir(), 'big-'));
    writeWorklogCsv(join(big, '2025-2026-1', 'worklog.csv'), 400_000);
    // --verbose: every progress line (without it, a log gets one every 5 s, and a quick run may print none).
    const child = spawn(process.execPath, ['scripts/ingest.ts', '--input', big, '--out', out, '--verbose'], { stdio: ['ignore', 'ignore', 'pipe'] });
    // Kill it as soon as it reports progress inside the big file.
    await new Promise<void>((resolve) => child.stderr.on('data', (chunk: Buffer) => chunk.toString().includes('已读取') && resolve()));
    child.kill('SIGKILL');
    await new Promise((resolve) => child.on('exit', resolve));
    expect(digest(out)).toEqual(before);
    const manifest = await runIngest({ input: big, out });
    expect(manifest.totals.accepted).toBe(400_000);
    expect(readdirSync(dirname(out)).filter((n) => n.includes('.tmp-'))).toEqual([]);
  }, 60_000);
});

describe('the bundled demo exports', () => {
  it('conserve every row of every file, counted independently of the ingest', async () => {
    const out = scratch();
    const manifest: Manifest = await runIngest({ input: 'data/exports', out });
    expect(manifest.files.length).toBeGreaterThanOrEqual(manifest.totals.files);
    for (const f of manifest.files) {
      expect(f.read, f.file).toBe(f.accepted + f.rejected + f.skipped);
      const sheets = await readSheets(join('data/exports', f.file));
      expect(f.read, `${f.file} ${f.sheet ?? ''}`).toBe((sheets.find((s) => s.sheet === (f.sheet ?? '')) ?? sheets[0]!).rows.length);
    }
    // The shapes departments really send are all there, and read without a reject: 系部 merged down its
    // rows, an old .xls, seed 000's 汇总表 as printed (no 系部 column), a workbook of 考核量化表 forms.
    const by = (pattern: RegExp) => manifest.files.filter((f) => pattern.test(f.file));
    expect(by(/信息工程系在校生人数\.xlsx$/).every((f) => f.merged_cells_filled > 0 && f.rejected === 0)).toBe(true);
    expect(by(/\.xls$/).map((f) => [f.encoding, f.kind, f.rejected])).toEqual([['xls', 'counselors', 0]]);
    expect(by(/考核情况汇总表/).map((f) => [f.kind, f.also, f.department_source, f.rejected])).toEqual([['assessments', 'assistants', 'title', 0]]);
    expect(new Set(by(/考核量化表/).map((f) => `${f.layout} ${f.rejected}`))).toEqual(new Set(['quantified_form 0']));
    expect(manifest.rules_files).toEqual(['data/rules.json', 'data/exports/rules.json']);
    const runner = await NodeRunner.overParquet(out, TABLE_KINDS);
    let published = 0;
    for (const kind of TABLE_KINDS) {
      const [row] = await runner.query<{ n: number }>(`SELECT COUNT(*)::INTEGER AS n FROM ${kind}`);
      expect(manifest.tables[kind].rows, kind).toBe(row!.n);
      published += row!.n;
    }
    runner.close();
    // An accepted row is published once per table it fills: the 汇总表's rows twice (考核 and 助理名册).
    expect(published).toBe(manifest.files.reduce((n, f) => n + Object.values(f.published).reduce((a, b) => a + (b ?? 0), 0), 0));
    expect(published - manifest.totals.accepted).toBe(by(/考核情况汇总表/)[0]!.published.assistants);
    expect(manifest.departments).toHaveLength(12);
    expect(manifest.semesters).toHaveLength(4);
  });

  it('print progress and a summary that adds up', () => {
    const out = scratch();
    const result = execFileSync(process.execPath, ['scripts/ingest.ts', '--out', out], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    const m = result.match(/读取 (\d+) 行 = 接受 (\d+) \+ 拒绝 (\d+) \+ 跳过（[^）]*）(\d+)/);
    expect(m).not.toBeNull();
    const [read, accepted, rejected, skipped] = m!.slice(1).map(Number);
    expect(read).toBe(accepted! + rejected! + skipped!);
  });
});

describe('a large CSV read in two halves at once (a worker reads the second)', () => {
  const HEADER = '序号,工号,姓名,系部,周次,谈心谈话,查课,备注\r\n';
  /** A work log with rejects, warnings past the listed number, quoted cells and skipped rows in both halves. */
  function worklog(rows: number, extra: (i: number) => string | null = () => null): string {
    const lines = ['机电工程系辅导员工作记录（2025-2026学年第一学期）,,,,,,,', HEADER.trimEnd()];
    for (let i = 1; i <= rows; i++) {
      const special = extra(i);
      if (special !== null) lines.push(special);
      else if (i % 97 === 0) lines.push(`${i},00${i},王芳,机电工程系,3,abc,1,`); // NOT_A_COUNT
      else if (i % 7 === 0) lines.push(`${i},00${i},李四,信息工程系,25,2,1,"备注, 含逗号"`); // WEEK_OUTSIDE_SEMESTER
      else if (i % 501 === 0) lines.push(',,,,,,,');
      else if (i % 333 === 0) lines.push(`${i},00${i},"赵五",经济管理系,4,1,1,"两行
备注"`);
      else lines.push(`${i},00${i % 50},钱六,${i % 3 ? '机电工程系' : '机电系'},${1 + (i % 18)},${i % 9},1,`);
    }
    lines.push('填表人：张三,,,,,,,');
    return lines.join('\r\n') + '\r\n';
  }

  async function both(files: Record<string, string | Uint8Array>) {
    const input = fixture(files);
    const one = scratch();
    const two = scratch();
    const whole = await runIngest({ input, out: one, splitBytes: Infinity }).catch((e: Error) => e);
    const split = await runIngest({ input, out: two, splitBytes: 1 }).catch((e: Error) => e);
    return { whole, split, one, two };
  }

  it('gives the same output, byte for byte, as one pass: rows, rejects with their row numbers, warnings listed and counted', async () => {
    const { whole, split, one, two } = await both({ '2025-2026-1/机电工程系/worklog.csv': gbk(worklog(6000)) });
    expect(split).not.toBeInstanceOf(Error);
    expect(await rowDigest(two)).toEqual(await rowDigest(one));
    const manifest = split as Manifest;
    const file = manifest.files[0]!;
    expect(file.read).toBe(file.accepted + file.rejected + file.skipped);
    expect(file.read).toBe(6000 + 3);
    expect(file.rejected).toBe(Math.floor(6000 / 97));
    expect((whole as Manifest).files).toEqual(manifest.files);
    // Row 5821 of the log (in the second half) is line 5823 of the file.
    const runner = await NodeRunner.overParquet(two, ['rejects', 'warnings', 'worklogs']);
    const [reject] = await runner.query<{ row: number; value: string }>(`SELECT "row", value FROM rejects WHERE value = 'abc' ORDER BY "row" DESC LIMIT 1`);
    expect(reject).toEqual({ row: Math.floor(6000 / 97) * 97 + 2, value: 'abc' });
    const [staged] = await runner.query<{ n: number }>(`SELECT COUNT(*)::INTEGER AS n FROM worklogs WHERE source_row = 5823`);
    expect(staged!.n).toBe(1);
    const listed = await runner.query<{ n: number }>(`SELECT COUNT(*)::INTEGER AS n FROM warnings WHERE code = 'WEEK_OUTSIDE_SEMESTER' AND "row" IS NOT NULL`);
    expect(listed[0]!.n).toBe(200);
    runner.close();
  });

  it('gives the same output when the cut falls inside a quoted cell, in a roster (a person listed twice), or before the header', async () => {
    const quoted = worklog(400, (i) => (i === 200 ? `${i},00${i},王芳,机电工程系,3,1,1,"${'很长的备注\n'.repeat(2000)}"` : null));
    const roster =
      '序号,工号,姓名,系部,专兼职\n' + Array.from({ length: 3000 }, (_, i) => `${i + 1},${String(i % 2500).padStart(6, '0')},王芳,机电工程系,专职`).join('\n') + '\n';
    const lateHeader = '\n'.repeat(6) + '标题\n'.repeat(3) + '系部,人数\n甲系,10\n';
    // Lone CRs (and line feeds in quoted cells) before the cut, CRLF after it.
    const lines = worklog(3000).split('\r\n');
    const mixed = lines.slice(0, 1200).join('\r') + '\r' + lines.slice(1200).join('\r\n');
    const inputs: Array<Record<string, string>> = [
      { '2025-2026-1/a/worklog.csv': quoted },
      { '2025-2026-1/a/roster.csv': roster },
      { '2025-2026-1/a/enrollment.csv': lateHeader },
      { '2025-2026-1/a/mixed.csv': mixed },
      { '2025-2026-1/a/lf.csv': worklog(3000).replace(/\r\n/g, '\n'), '2025-2026-1/b/cr.csv': worklog(3000).replace(/\r\n/g, '\r') },
    ];
    for (const files of inputs) {
      const { whole, split, one, two } = await both(files);
      expect(split).not.toBeInstanceOf(Error);
      expect(await rowDigest(two)).toEqual(await rowDigest(one));
      expect((split as Manifest).totals).toEqual((whole as Manifest).totals);
    }
  });

  it('sets the file aside with the same message, naming the same line, for a quote left open in the second half', async () => {
    const text = worklog(3000, (i) => (i === 2999 ? `${i},00${i},王芳,机电工程系,3,1,1,"没有结束` : null));
    const { whole, split, one, two } = await both({ '2025-2026-1/a/worklog.csv': text });
    const message = (m: unknown) => (m as Manifest).files[0]!.set_aside!.message;
    expect(message(split)).toBe(message(whole));
    // Row 2999 is line 3001, after 8 cells that hold a line break: line 3009.
    expect(message(split)).toContain('第 3009 行起引号不成对');
    // None of the rows staged before it was found is published.
    expect((split as Manifest).tables.worklogs.rows).toBe(0);
    expect(await rowDigest(two)).toEqual(await rowDigest(one));
  });

  it('gives the same output for every case of the bad-input corpus', async () => {
    const cases = readdirSync(join('test', 'corpus', 'cases'));
    expect(cases.length).toBeGreaterThan(60);
    for (const name of cases) {
      const input = join('test', 'corpus', 'cases', name);
      const one = scratch();
      const two = scratch();
      const whole = await runIngest({ input, out: one, splitBytes: Infinity }).catch((e: Error) => e.message);
      const split = await runIngest({ input, out: two, splitBytes: 1 }).catch((e: Error) => e.message);
      expect(split, name).toEqual(whole);
      if (typeof whole !== 'string') expect(await rowDigest(two), name).toEqual(await rowDigest(one));
    }
  }, 300_000); // 112 cases read twice: 80 s alone on a loaded machine

  it('gives the same rows, in order, when the tail of a large file is staged by the worker in a file of its own, joined after the head part', async () => {
    const input = fixture({ '2025-2026-1/a/worklog.csv': gbk(worklog(3000)) });
    // 260,000 rows: the head's part holds a row group written out and one part-filled when the tail's file is joined after it.
    writeWorklogCsv(join(input, '2025-2026-1', 'b.csv'), 260_000);
    const one = scratch();
    const two = scratch();
    await runIngest({ input, out: one, splitBytes: Infinity });
    await runIngest({ input, out: two, splitBytes: 1 });
    const { 'worklogs.parquet': joined, ...rest } = digest(two);
    const { 'worklogs.parquet': whole, ...others } = digest(one);
    expect(rest).toEqual(others);
    // Its row groups are cut where the two parts meet: another file, the same rows.
    expect(joined).not.toBe(whole);
    const rows = await rowDigest(two);
    expect(rows['worklogs.parquet']).toContain(`; ${260_000 + 3000 - Math.floor(3000 / 97) - Math.floor(3000 / 501)} rows `);
    expect(rows).toEqual(await rowDigest(one));
  }, 120_000);
});

describe('cross-checks over the work logs', () => {
  // Among 200 other people's weeks, the repeated weeks are few: the checks look only at their rows (checks.ts, REPEATED_WEEKS).
  it.each([0, 200])('warn of a row sent twice, a week entered twice with different counts, and a person in two departments (with %i other weeks)', async (others) => {
    const log =
      '工号,姓名,系部,角色,周次,谈心谈话\n' +
      '001,王芳,甲系,辅导员,1,5\n' +
      '001,王芳,甲系,辅导员,2,5\n' +
      '001,王芳,甲系,辅导员,2,6\n' + // the same week again, different
      '002,李四,甲系,辅导员,1,3\n' +
      '002,李四,甲系,辅导员,1,3\n' + // the same row again
      '003,赵五,甲系,辅导员,1,2\n' +
      '003,赵五,乙系,辅导员,2,2\n' + // another department
      Array.from({ length: others }, (_, i) => `${1000 + i},王${i},甲系,辅导员,3,1\n`).join('');
    const out = scratch();
    const manifest = await runIngest({ input: fixture({ '2025-2026-1/a.csv': log }), out });
    expect(manifest.totals.accepted).toBe(7 + others);
    const runner = await NodeRunner.overParquet(out, ['warnings']);
    const warnings = await runner.query<{ row: number; code: string }>(`SELECT "row", code FROM warnings ORDER BY code, "row"`);
    runner.close();
    expect(warnings).toEqual([
      { row: 6, code: 'DUPLICATE_ROW' },
      { row: 7, code: 'PERSON_IN_TWO_DEPARTMENTS' }, // the row not in the first department by code point (乙系)
      { row: 4, code: 'PERSON_WEEK_TWICE' },
    ]);
  });

  it('a weekly form with one week entered twice under two dates is no diary: warned, not added up; a month entered twice in a monthly report is warned too', async () => {
    const weekly =
      '工号,姓名,系部,角色,日期,谈心谈话\n' +
      '001,王芳,甲系,辅导员,2025-09-01,5\n' +
      '001,王芳,甲系,辅导员,2025-09-08,5\n' +
      '001,王芳,甲系,辅导员,2025-09-10,6\n' + // week 2 again, another day
      '001,王芳,甲系,辅导员,2025-09-15,4\n';
    const monthly = '工号,姓名,系部,角色,月份,联系任课教师\n002,李四,甲系,班主任,10月,1\n002,李四,甲系,班主任,2025年10月,2\n';
    const out = scratch();
    await runIngest({ input: fixture({ '2025-2026-1/周报.csv': weekly, '2025-2026-1/月报.csv': monthly }), out });
    const runner = await NodeRunner.overParquet(out, ['warnings', 'worklogs']);
    const warnings = await runner.query<{ file: string; row: number; message: string }>(`SELECT file, "row", message FROM warnings WHERE code = 'PERSON_WEEK_TWICE' ORDER BY file`);
    const weeks = await runner.query(`SELECT COUNT(*)::INTEGER AS n FROM ${personWeeksSql(['talks'])}`);
    runner.close();
    expect(warnings.map((w) => [w.file.replace(/^.*\//, ''), w.row])).toEqual([['周报.csv', 4], ['月报.csv', 3]]);
    expect(warnings[1]!.message).toContain('在 2025年10月已有一行不同的记录');
    expect(weeks).toEqual([{ n: 4 }]);
  });

  it('a diary exported one row per activity is added up by person and week — a week of rows on one date, or under a 周次 only, too; without a 次数 column a row is one time; an activity never named is not reported', async () => {
    const oneDate =
      '工号,姓名,系部,角色,日期,工作类型,次数\n' +
      '001,王芳,甲系,辅导员,2025-09-01,谈心谈话,3\n' +
      '001,王芳,甲系,辅导员,2025-09-01,个别谈心,2\n' + // the same activity by another of its names
      '001,王芳,甲系,辅导员,2025-09-01,查课,2\n' +
      '001,王芳,甲系,辅导员,2025-09-08,谈心谈话,4\n';
    const noCount = '工号,姓名,系部,角色,日期,事项\n002,李四,乙系,辅导员,2025-09-01,谈心谈话\n002,李四,乙系,辅导员,2025-09-02,谈心谈话\n002,李四,乙系,辅导员,2025-09-02,走访宿舍\n';
    const byWeek = '工号,姓名,系部,角色,周次,活动类别,人次\n003,赵五,丙系,辅导员,1,谈心谈话,3\n003,赵五,丙系,辅导员,1,查课,2\n';
    const out = scratch();
    await runIngest({ input: fixture({ '2025-2026-1/日志甲.csv': oneDate, '2025-2026-1/日志乙.csv': noCount, '2025-2026-1/日志丙.csv': byWeek }), out });
    const runner = await NodeRunner.overParquet(out, ['warnings', 'worklogs', 'coverage']);
    const warnings = await runner.query(`SELECT code FROM warnings`);
    const weeks = await runner.query(`SELECT name, strftime(week_start, '%m-%d') AS week, talks::INTEGER AS talks, class_checks::INTEGER AS checks, dorm_visits::INTEGER AS visits
      FROM ${personWeeksSql(['talks', 'class_checks', 'dorm_visits'])} ORDER BY staff_id, week`);
    const notReported = await runner.query(`SELECT department, list(field ORDER BY field) AS fields FROM coverage WHERE status = 'column_missing' GROUP BY ALL ORDER BY department`);
    runner.close();
    expect(warnings).toEqual([]);
    expect(weeks).toEqual([
      { name: '王芳', week: '09-01', talks: 5, checks: 2, visits: null },
      { name: '王芳', week: '09-08', talks: 4, checks: null, visits: null },
      { name: '李四', week: '09-01', talks: 2, checks: null, visits: 1 },
      { name: '赵五', week: '09-01', talks: 3, checks: 2, visits: null },
    ]);
    // The default norms' activities a department's diary never names: 该项未报送, not 0.
    expect(notReported).toEqual([
      { department: '丙系', fields: ['dorm_hygiene_checks', 'dorm_visits', 'lectures_attended'] },
      { department: '乙系', fields: ['class_checks', 'dorm_hygiene_checks', 'lectures_attended'] },
      { department: '甲系', fields: ['dorm_hygiene_checks', 'dorm_visits', 'lectures_attended'] },
    ]);
  });

  it('beside activity columns, or beside 工作时长 with no 次数, a 工作内容 is free text: listed as not read, never an activity rejected', async () => {
    const hours = '学号,姓名,系部,角色,日期,工作内容,工作时长\nS001,周敏,研究生院,研究生德育助理,2025-09-02,整理党建材料,6\nS001,周敏,研究生院,研究生德育助理,2025-09-04,新生入学教育,4\n';
    const wide = '工号,姓名,系部,角色,日期,工作内容,谈心谈话\n001,王芳,甲系,辅导员,2025-09-01,新生入学教育,3\n';
    const out = scratch();
    const manifest = await runIngest({ input: fixture({ '2025-2026-1/时长.csv': hours, '2025-2026-1/日志.csv': wide }), out });
    expect(manifest.files.map((f) => [f.accepted, f.rejected, f.dropped_columns])).toEqual([[1, 0, ['工作内容']], [2, 0, ['工作内容']]]);
  });
});
