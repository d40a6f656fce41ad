/**
 * The Parquet files the ingest stages its rows in, written from JS (parquet-writer.ts), as DuckDB
 * reads them back: every value as appended, in order, across row groups; the types the data
 * dictionary names; statistics that are true where present (DuckDB skips row groups by them, so
 * a wrong bound would drop rows from a filter); rows taken back before they are written out; two
 * files joined; values of the wrong type refused; the RLE / bit-packing hybrid against a decoder
 * written here from the Parquet spec.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeRunner } from '../../src/io/duckdb-node.ts';
import { concatParquet } from '../../src/io/parquet-concat.ts';
import { encodeHybrid, ParquetWriter, ROW_GROUP_ROWS, type ParquetColumn } from '../../src/io/parquet-writer.ts';
import { sqlString } from '../../src/metrics/sql.ts';

const scratch = mkdtempSync(join(tmpdir(), 'parquet-writer-'));
let runner: NodeRunner;
beforeAll(async () => {
  runner = await NodeRunner.inMemory();
});
afterAll(() => {
  runner.closeDatabase();
  rmSync(scratch, { recursive: true, force: true });
});

const read = (path: string) => `read_parquet(${sqlString(path)}, file_row_number = true)`;
/** A text as DuckDB reads it back: its UTF-8 bytes (Buffer.from's, a lone surrogate as U+FFFD) decoded. */
const asRead = (s: string) => Buffer.from(s).toString();
const utf8Order = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));

/** A deterministic PRNG (mulberry32), so that a failure is the same on every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const isoOfDays = (days: number) => new Date(days * 86_400_000).toISOString().slice(0, 10);

// ---- A file of 260,000 rows: two full row groups and a part of a third. ----

const COLUMNS: ParquetColumn[] = [
  { name: 's', type: 'VARCHAR' },
  { name: 'i', type: 'INTEGER' },
  { name: 'x', type: 'DOUBLE' },
  { name: 'd', type: 'DATE' },
  { name: 'none', type: 'VARCHAR' },
];
const ROWS = 260_000;
/** 90 bytes, neither the least nor the greatest text: the statistics stay. */
const LONG_MIDDLE = '长文本'.repeat(10);
/** 80 bytes and the greatest text of the row groups it is in (not the second): their text statistics are left out. */
const LONG_GREATEST = '😀'.repeat(20);
const TEXTS = [
  '',
  '辅导员队伍建设',
  '😀', // F0 9F 98 80: after U+FF5E in UTF-8, before it in UTF-16
  '\uFF5E', // EF BD 9E
  'a😀b',
  'lone \uD800 high',
  'lone \uDC00 low',
  'lone \uFFFD high', // the same bytes as the lone high surrogate's text, once written
  'tab\there',
  'line\nbreak\r\n',
  'quote " and \' here',
  'back\\slash',
  'control \u0001\u001f\u007f',
  'nul \u0000 inside',
  LONG_MIDDLE,
];
const INTEGERS = [-2147483648, 2147483647, 0, -1, 1];
const DOUBLES = [-0, 0, 0.1, 0.5, -1234.5678, 1 / 3, 1e300, -1e300, 5e-324, Number.MAX_SAFE_INTEGER, 2 ** 53 + 2];
const DATES = ['1900-01-01', '1970-01-01', '2000-02-29', '2099-12-31'];
const FIRST_DAY = -25567; // 1900-01-01
const LAST_DAY = 47481; // 2099-12-31

type Row = {
  s: string | null;
  i: number | null;
  x: number | null;
  d: string | null;
};

/**
 * The rows: nulls in every column; the second row group's INTEGER and the third's DATE all null;
 * `none` left out of every record. Texts in runs of 64 (RLE) and one a row (over 65,536 distinct
 * values in a row group: 17-bit dictionary numbers); dates over two centuries (more than the
 * writer's 4,096 remembered texts).
 */
function makeRows(): Row[] {
  const next = random(23);
  const rows: Row[] = [];
  for (let r = 0; r < ROWS; r++) {
    const group = Math.floor(r / ROW_GROUP_ROWS);
    let s: string | null;
    if (r % 11 === 5) s = null;
    else if (r % 997 < TEXTS.length) s = TEXTS[r % 997]!;
    else if (r % 997 === TEXTS.length && group !== 1) s = LONG_GREATEST;
    else if ((((r + 32) >> 6) & 3) === 0) s = `院系${((r + 32) >> 6) % 40}`; // runs across the row groups' edges
    else s = `编号${r}`;
    let i: number | null;
    if (group === 1 || r % 13 === 4) i = null;
    else if (r % 1009 < INTEGERS.length) i = INTEGERS[r % 1009]!;
    else if (((r >> 5) & 3) === 0) i = r >> 5;
    else i = Math.floor(next() * 2 ** 32) - 2 ** 31;
    let x: number | null;
    if (r % 17 === 6) x = null;
    else if (r % 1013 < DOUBLES.length) x = DOUBLES[r % 1013]!;
    else x = (next() - 0.5) * 2000;
    let d: string | null;
    if (group === 2 || r % 19 === 7) d = null;
    else if (r % 1019 < DATES.length) d = DATES[r % 1019]!;
    else d = isoOfDays(FIRST_DAY + Math.floor(next() * (LAST_DAY - FIRST_DAY + 1)));
    rows.push({ s, i, x, d });
  }
  return rows;
}

const big = { path: join(scratch, 'big.parquet'), rows: [] as Row[] };
beforeAll(() => {
  big.rows = makeRows();
  const writer = new ParquetWriter(big.path, COLUMNS);
  for (const row of big.rows) writer.append(row);
  expect(writer.rows).toBe(ROWS);
  writer.close();
});

/** The first rows (at most five) where `actual` differs from `expected`, to show in a failure. */
function differences<A, E>(actual: A[], expected: E[], same: (a: A, e: E) => boolean): Array<{ row: number; actual: A | undefined; expected: E | undefined }> {
  const out = [];
  for (let r = 0; r < Math.max(actual.length, expected.length) && out.length < 5; r++)
    if (r >= actual.length || r >= expected.length || !same(actual[r]!, expected[r]!)) out.push({ row: r, actual: actual[r], expected: expected[r] });
  return out;
}

interface ReadRow {
  s: string | null;
  i: number | null;
  x: number | null;
  d: string | null;
  none: string | null;
}
const readRows = (path: string) =>
  runner.query<ReadRow>(`SELECT s, i, x, d::VARCHAR AS d, none FROM ${read(path)} ORDER BY file_row_number`);
/**
 * A row as appended and as read back: text as its UTF-8 bytes read, a date as its ISO text, a
 * double to the bit: -0 must read as -0, not 0, since the writer copies the double's eight bytes
 * and DuckDB hands them back as they are; a 0 would mean the bytes were changed on the way.
 */
const sameRow = (a: ReadRow, e: Row) =>
  a.s === (e.s === null ? null : asRead(e.s)) && a.i === e.i && Object.is(a.x, e.x) && a.d === e.d && a.none === null;

describe('a file of 260,000 rows in three row groups', () => {
  it('reads back every value as appended, row by row in order', async () => {
    const back = await readRows(big.path);
    expect(back.length).toBe(ROWS);
    expect(differences(back, big.rows, sameRow)).toEqual([]);
    // The cases the rows are made to hold are there (the comparison above covers them).
    expect([back[ROW_GROUP_ROWS - 1]!.s, back[ROW_GROUP_ROWS]!.s]).toEqual(['院系0', '院系0']);
    const xs = back.map((r) => r.x);
    expect(xs.some((x) => Object.is(x, -0))).toBe(true);
    expect(xs.some((x) => Object.is(x, 0))).toBe(true);
    expect(back.some((r) => r.s === 'lone \uFFFD high')).toBe(true);
    expect(back.some((r) => r.s === '')).toBe(true);
    // More distinct texts in the first row group than 16 bits number: its dictionary numbers are 17 bits wide.
    const [distinct] = await runner.query<{ n: number }>(`SELECT count(DISTINCT s) AS n FROM ${read(big.path)} WHERE file_row_number < ${ROW_GROUP_ROWS}`);
    expect(distinct!.n).toBeGreaterThan(2 ** 16);
  });

  it('holds a lone surrogate as U+FFFD (as Buffer.from writes it) and control characters as themselves', async () => {
    const texts = await runner.query<{ s: string; hex: string }>(
      `SELECT DISTINCT s, hex(encode(s)) AS hex FROM ${read(big.path)} WHERE s LIKE 'lone %' OR s LIKE 'control %' OR s LIKE 'nul %' ORDER BY hex`,
    );
    expect(texts.map((t) => t.s)).toEqual(['control \u0001\u001f\u007f', 'lone \uFFFD high', 'lone \uFFFD low', 'nul \u0000 inside']);
    expect(texts.map((t) => t.hex)).toEqual(['636F6E74726F6C20011F7F', '6C6F6E6520EFBFBD2068696768', '6C6F6E6520EFBFBD206C6F77', '6E756C200020696E73696465']);
  });

  it('has the data dictionary types, in order', async () => {
    const columns = await runner.query<{ column_name: string; column_type: string }>(`DESCRIBE SELECT * FROM read_parquet(${sqlString(big.path)})`);
    expect(columns.map((c) => [c.column_name, c.column_type])).toEqual(COLUMNS.map((c) => [c.name, c.type]));
  });

  it('has row groups of 122,880 rows, the last one the rest', async () => {
    const groups = await runner.query<{ id: number; rows: number }>(
      `SELECT DISTINCT row_group_id AS id, row_group_num_rows AS rows FROM parquet_metadata(${sqlString(big.path)}) ORDER BY id`,
    );
    expect(groups).toEqual([
      { id: 0, rows: ROW_GROUP_ROWS },
      { id: 1, rows: ROW_GROUP_ROWS },
      { id: 2, rows: ROWS - 2 * ROW_GROUP_ROWS },
    ]);
  });

  it('has true statistics for every row group and column: nulls counted, min and max where given', async () => {
    const stats = await runner.query<{ group: number; column: string; nulls: number; min: string | null; max: string | null }>(
      `SELECT row_group_id AS "group", path_in_schema AS "column", stats_null_count AS nulls, stats_min_value AS min, stats_max_value AS max
       FROM parquet_metadata(${sqlString(big.path)}) ORDER BY row_group_id, column_id`,
    );
    expect(stats.length).toBe(3 * COLUMNS.length);
    const problems: unknown[] = [];
    for (const stat of stats) {
      const rows = big.rows.slice(stat.group * ROW_GROUP_ROWS, (stat.group + 1) * ROW_GROUP_ROWS);
      const values = rows.map((r) => (stat.column === 'none' ? null : r[stat.column as keyof Row])).filter((v) => v !== null);
      const nulls = rows.length - values.length;
      let expected: { min: string | null; max: string | null };
      if (values.length === 0) expected = { min: null, max: null };
      else if (stat.column === 's' || stat.column === 'none') {
        const sorted = [...new Set(values as string[])].sort(utf8Order);
        const [min, max] = [sorted[0]!, sorted.at(-1)!];
        const kept = Buffer.byteLength(min) <= 64 && Buffer.byteLength(max) <= 64;
        // As text DuckDB reads them (a lone surrogate as U+FFFD).
        expected = kept ? { min: Buffer.from(min).toString(), max: Buffer.from(max).toString() } : { min: null, max: null };
      } else if (stat.column === 'd') {
        const sorted = (values as string[]).sort();
        expected = { min: sorted[0]!, max: sorted.at(-1)! };
      } else {
        let [min, max] = [Infinity, -Infinity];
        for (const v of values as number[]) [min, max] = [Math.min(min, v), Math.max(max, v)];
        expected = { min: String(min), max: String(max) };
      }
      const sameBound = (a: string | null, e: string | null) => (stat.column === 'x' && a !== null && e !== null ? Number(a) === Number(e) : a === e);
      if (stat.nulls !== nulls || !sameBound(stat.min, expected.min) || !sameBound(stat.max, expected.max)) problems.push({ stat, nulls, ...expected });
    }
    expect(problems).toEqual([]);

    const text = (group: number) => stats.find((s) => s.group === group && s.column === 's')!;
    // The first row group's greatest text is 80 bytes: no text bounds rather than cut ones.
    expect([text(0).min, text(0).max]).toEqual([null, null]);
    // The second's greatest by UTF-8 bytes is 😀, though JS's own order puts U+FF5E after it.
    expect(text(1).max).toBe('😀');
    expect('\uFF5E' > '😀').toBe(true);
    // Columns null in every row of a group.
    expect(stats.filter((s) => s.nulls === ROW_GROUP_ROWS || s.nulls === ROWS - 2 * ROW_GROUP_ROWS).map((s) => `${s.group}:${s.column}`)).toEqual([
      '0:none',
      '1:i',
      '1:none',
      '2:d',
      '2:none',
    ]);
  });

  const FILTERS: Array<[string, (r: Row) => boolean]> = [
    ["d = DATE '2000-02-29'", (r) => r.d === '2000-02-29'],
    ["d = DATE '1900-01-01'", (r) => r.d === '1900-01-01'],
    ["d >= DATE '2099-01-01'", (r) => r.d !== null && r.d >= '2099-01-01'],
    ['i > 2000000000', (r) => r.i !== null && r.i > 2000000000],
    ['i = -2147483648', (r) => r.i === -2147483648],
    ['i = 2147483647', (r) => r.i === 2147483647],
    ['x < -999.5', (r) => r.x !== null && r.x < -999.5],
    ['x = 0.1', (r) => r.x === 0.1],
    ['x > 1e299', (r) => r.x !== null && r.x > 1e299],
    ["s = '😀'", (r) => r.s === '😀'],
    ["s = '\uFF5E'", (r) => r.s === '\uFF5E'],
    ["s = 'lone \uFFFD high'", (r) => r.s !== null && Buffer.from(r.s).equals(Buffer.from('lone \uFFFD high'))],
    ["s > '😀'", (r) => r.s !== null && utf8Order(r.s, '😀') > 0],
    ["s = '编号250000'", (r) => r.s === '编号250000'],
    ["s = ''", (r) => r.s === ''],
    ["s = 'tab\there'", (r) => r.s === 'tab\there'],
    ['s IS NULL', (r) => r.s === null],
    ['i IS NULL AND d IS NULL', (r) => r.i === null && r.d === null],
  ];
  it.each(FILTERS)('returns the rows a JS filter finds for WHERE %s', async (where, keep) => {
    const found = await runner.query<{ row: number }>(`SELECT file_row_number AS row FROM ${read(big.path)} WHERE ${where} ORDER BY row`);
    const expected = big.rows.flatMap((r, n) => (keep(r) ? [n] : []));
    expect(expected.length).toBeGreaterThan(0);
    expect(found.map((f) => f.row)).toEqual(expected);
  });
});

// ---- Smaller files. ----

let files = 0;
const pathFor = (name: string) => join(scratch, `${name}-${files++}.parquet`);
const TWO: ParquetColumn[] = [
  { name: 'name', type: 'VARCHAR' },
  { name: 'n', type: 'INTEGER' },
];
const readTwo = (path: string) => runner.query<{ name: string | null; n: number | null }>(`SELECT name, n FROM ${read(path)} ORDER BY file_row_number`);

describe('rows taken back (truncate)', () => {
  it('keeps the first rows and then those appended after, the nulls of the rows cut not counted', async () => {
    const writer = new ParquetWriter(pathFor('truncate'), TWO);
    // Rows 4 to 9, to be cut: text null in three of them, the number in all six.
    for (let n = 0; n < 10; n++) writer.append({ name: n < 4 || n % 2 ? `甲${n}` : null, n: n < 4 ? n : null });
    writer.truncate(4);
    expect([writer.rows, writer.pendingRows]).toEqual([4, 4]);
    for (let n = 100; n < 103; n++) writer.append({ name: n % 2 ? null : `乙${n}`, n: n % 2 ? n : null });
    writer.close();
    expect(await readTwo(writer.path)).toEqual([
      { name: '甲0', n: 0 },
      { name: '甲1', n: 1 },
      { name: '甲2', n: 2 },
      { name: '甲3', n: 3 },
      { name: '乙100', n: null },
      { name: null, n: 101 },
      { name: '乙102', n: null },
    ]);
    const nulls = await runner.query<{ column: string; nulls: number; min: string | null; max: string | null }>(
      `SELECT path_in_schema AS "column", stats_null_count AS nulls, stats_min_value AS min, stats_max_value AS max FROM parquet_metadata(${sqlString(writer.path)}) ORDER BY column_id`,
    );
    expect(nulls.map((c) => [c.column, c.nulls])).toEqual([
      ['name', 1],
      ['n', 2],
    ]);
    // The bounds are the kept rows' (甲 is U+7532, 乙 U+4E59).
    expect(nulls.map((c) => [c.min, c.max])).toEqual([
      ['乙100', '甲3'],
      ['0', '101'],
    ]);
  });

  it('reads a text column right when only the rows cut had text in it', async () => {
    const writer = new ParquetWriter(pathFor('cut-text'), TWO);
    for (let n = 0; n < 6; n++) writer.append({ name: n < 3 ? null : `丙${n}`, n });
    writer.truncate(3);
    writer.append({ name: null, n: 9 });
    const other = new ParquetWriter(pathFor('cut-text-then-more'), TWO);
    for (let n = 0; n < 6; n++) other.append({ name: n < 3 ? null : `丙${n}`, n });
    other.truncate(3);
    other.append({ name: '丁', n: 9 });
    writer.close();
    other.close();
    expect(await readTwo(writer.path)).toEqual([0, 1, 2, 9].map((n) => ({ name: null, n })));
    expect(await readTwo(other.path)).toEqual([...[0, 1, 2].map((n) => ({ name: null, n })), { name: '丁', n: 9 }]);
    expect(await runner.query(`SELECT count(*) AS n FROM ${read(other.path)} WHERE name = '丙4'`)).toEqual([{ n: 0 }]);
  });

  it('leaves no trace of the rows cut: their text is neither in the file nor a bound of its statistics', async () => {
    // A sheet set aside after some of its rows were staged: its texts must not reach the table's file.
    const SET_ASIDE = ['被剔除工作表的备注甲一二三四五六', '~被剔除工作表的备注乙七八九十'];
    const writer = new ParquetWriter(pathFor('no-trace'), TWO);
    writer.append({ name: '王老师', n: 1 });
    writer.append({ name: '李老师', n: 2 });
    for (const name of SET_ASIDE) writer.append({ name, n: 3 });
    writer.truncate(2);
    writer.append({ name: '王老师', n: 4 });
    writer.close();
    expect(await readTwo(writer.path)).toEqual([
      { name: '王老师', n: 1 },
      { name: '李老师', n: 2 },
      { name: '王老师', n: 4 },
    ]);
    const [stats] = await runner.query(
      `SELECT stats_min_value AS min, stats_max_value AS max FROM parquet_metadata(${sqlString(writer.path)}) WHERE path_in_schema = 'name'`,
    );
    expect(stats).toEqual({ min: '李老师', max: '王老师' });
    const bytes = readFileSync(writer.path);
    for (const name of SET_ASIDE) expect(bytes.includes(Buffer.from(name))).toBe(false);
    // The same texts kept are in the file as written (zstd at level 1 leaves a few short literals as they are): the check above can fail.
    const kept = new ParquetWriter(pathFor('kept'), TWO);
    for (const name of SET_ASIDE) kept.append({ name, n: 3 });
    kept.close();
    expect(SET_ASIDE.map((name) => readFileSync(kept.path).includes(Buffer.from(name)))).toEqual([true, true]);
  });

  it('cannot take back rows already written out in a row group, nor go past the rows appended', async () => {
    const writer = new ParquetWriter(pathFor('truncate-written'), TWO);
    for (let n = 0; n < ROW_GROUP_ROWS + 5; n++) writer.append({ name: n % 3 ? `戊${n % 100}` : null, n });
    expect(writer.pendingRows).toBe(5);
    expect(() => writer.truncate(ROW_GROUP_ROWS - 1)).toThrow();
    expect(() => writer.truncate(ROW_GROUP_ROWS + 6)).toThrow();
    expect(writer.rows).toBe(ROW_GROUP_ROWS + 5);
    writer.truncate(ROW_GROUP_ROWS + 2);
    writer.append({ name: '己', n: -7 });
    writer.close();
    const back = await readTwo(writer.path);
    const expected = [
      ...Array.from({ length: ROW_GROUP_ROWS + 2 }, (_, n) => ({ name: n % 3 ? `戊${n % 100}` : null, n })),
      { name: '己', n: -7 },
    ];
    expect(back.length).toBe(expected.length);
    expect(differences(back, expected, (a, e) => a.name === e.name && a.n === e.n)).toEqual([]);
  });
});

describe('two files joined (concatParquet)', () => {
  it('reads back as the first file’s rows and then the second’s', async () => {
    const first = new ParquetWriter(pathFor('first'), TWO);
    const second = new ParquetWriter(pathFor('second'), TWO);
    const firstRows = Array.from({ length: ROW_GROUP_ROWS + 100 }, (_, n) => ({ name: n % 5 ? `一${n % 7}` : null, n }));
    const secondRows = [
      { name: '二', n: null },
      { name: null, n: 2 },
      { name: '😀', n: 3 },
    ];
    for (const row of firstRows) first.append(row);
    for (const row of secondRows) second.append(row);
    first.close();
    second.close();
    const joined = pathFor('joined');
    concatParquet([first.path, second.path], joined);
    const back = await readTwo(joined);
    const expected = [...firstRows, ...secondRows];
    expect(back.length).toBe(expected.length);
    expect(differences(back, expected, (a, e) => a.name === e.name && a.n === e.n)).toEqual([]);
    expect(await runner.query(`SELECT count(*) AS n FROM ${read(joined)} WHERE name = '😀'`)).toEqual([{ n: 1 }]);
  });
});

describe('values of another type', () => {
  const ALL: ParquetColumn[] = [
    { name: 's', type: 'VARCHAR' },
    { name: 'i', type: 'INTEGER' },
    { name: 'x', type: 'DOUBLE' },
    { name: 'd', type: 'DATE' },
  ];
  const BAD: Array<[string, unknown]> = [
    ['i', 1.5],
    ['i', 2 ** 31],
    ['i', -(2 ** 31) - 1],
    ['i', 'abc'],
    ['i', ''],
    ['i', NaN],
    ['d', '2025-02-30'],
    ['d', '2025-9-1'],
    ['d', '2025/09/01'],
    ['x', 'abc'],
    ['x', ''],
  ];
  it.each(BAD)('refuses %s = %o', (column, value) => {
    const writer = new ParquetWriter(pathFor('bad'), ALL);
    expect(() => writer.append({ [column]: value })).toThrow(/Parquet/);
    writer.abandon();
  });

  it('takes numeric text for numbers and writes a number given for text as its text', async () => {
    const writer = new ParquetWriter(pathFor('lenient'), ALL);
    writer.append({ s: 12.5, i: '42', x: '7.5', d: '2024-02-29' });
    writer.append({ s: -3, i: '-2147483648', x: '-0.25', d: null });
    writer.close();
    expect(await runner.query(`SELECT s, i, x, d::VARCHAR AS d FROM ${read(writer.path)} ORDER BY file_row_number`)).toEqual([
      { s: '12.5', i: 42, x: 7.5, d: '2024-02-29' },
      { s: '-3', i: -2147483648, x: -0.25, d: null },
    ]);
  });
});

describe('doubles that are not finite', () => {
  it('reads back NaN and the infinities; a row group holding NaN gives no bounds (NaN has no place in the order)', async () => {
    const writer = new ParquetWriter(pathFor('not-finite'), [{ name: 'x', type: 'DOUBLE' }]);
    const values = [1, -Infinity, Infinity, 2, NaN];
    for (const x of values) writer.append({ x });
    writer.close();
    const back = await runner.query<{ x: number }>(`SELECT x FROM ${read(writer.path)} ORDER BY file_row_number`);
    expect(back.map((r) => r.x)).toEqual(values);
    expect(await runner.query(`SELECT stats_min_value AS min, stats_max_value AS max FROM parquet_metadata(${sqlString(writer.path)})`)).toEqual([{ min: null, max: null }]);
    expect(await runner.query(`SELECT count(*) AS n FROM ${read(writer.path)} WHERE x > 1.5`)).toEqual([{ n: 3 }]);
  });
});

describe('a file with no rows', () => {
  it('reads as no rows, with the columns’ types', async () => {
    const writer = new ParquetWriter(pathFor('empty'), COLUMNS);
    writer.close();
    expect(await runner.query(`SELECT count(*) AS n FROM ${read(writer.path)}`)).toEqual([{ n: 0 }]);
    const columns = await runner.query<{ column_name: string; column_type: string }>(`DESCRIBE SELECT * FROM read_parquet(${sqlString(writer.path)})`);
    expect(columns.map((c) => [c.column_name, c.column_type])).toEqual(COLUMNS.map((c) => [c.name, c.type]));
  });
});

// ---- The RLE / bit-packing hybrid. ----

/**
 * A stand-in for the writer's byte buffer (not exported): the fields and methods encodeHybrid
 * uses. Its varint is written here from the spec (ULEB128).
 */
function output() {
  const out = {
    buffer: Buffer.alloc(16),
    length: 0,
    reserve(n: number) {
      if (out.length + n <= out.buffer.length) return;
      const bigger = Buffer.alloc(Math.max(out.buffer.length * 2, out.length + n));
      out.buffer.copy(bigger, 0, 0, out.length);
      out.buffer = bigger;
    },
    byte(b: number) {
      out.reserve(1);
      out.buffer[out.length++] = b;
    },
    varint(n: number) {
      do {
        out.byte((n & 0x7f) | (n >= 0x80 ? 0x80 : 0));
        n = Math.floor(n / 128);
      } while (n > 0);
    },
    int32(n: number) {
      out.reserve(4);
      out.buffer.writeInt32LE(n, out.length);
      out.length += 4;
    },
    view: () => out.buffer.subarray(0, out.length),
    clear() {
      out.length = 0;
    },
  };
  return out;
}

/**
 * Decodes `count` values of `width` bits (parquet-format Encodings.md, "Run Length Encoding /
 * Bit-Packing Hybrid"): a header varint whose low bit says bit-packed (groups of eight values,
 * least significant bit first) or a run (the value in ceil(width / 8) bytes, little-endian).
 * Returns the values and the bytes read.
 */
function decodeHybrid(bytes: Uint8Array, count: number, width: number): { values: number[]; used: number; runs: number[] } {
  let at = 0;
  const varint = () => {
    let n = 0;
    for (let shift = 0; ; shift += 7) {
      const b = bytes[at++]!;
      n += (b & 0x7f) * 2 ** shift;
      if (b < 0x80) return n;
    }
  };
  const values: number[] = [];
  const runs: number[] = [];
  while (values.length < count) {
    if (at >= bytes.length) throw new Error(`ran out of bytes after ${values.length} of ${count} values`);
    const header = varint();
    if (header & 1) {
      const n = (header >>> 1) * 8;
      let bit = at * 8;
      for (let k = 0; k < n; k++) {
        let v = 0;
        for (let b = 0; b < width; b++, bit++) v |= ((bytes[bit >> 3]! >> (bit & 7)) & 1) << b;
        if (values.length < count) values.push(v);
      }
      at += (n * width) / 8;
    } else {
      const n = header >>> 1;
      if (n === 0) throw new Error('a run of no values');
      let v = 0;
      for (let b = 0; b < (width + 7) >> 3; b++) v |= bytes[at++]! << (8 * b);
      runs.push(n);
      for (let k = 0; k < n; k++) values.push(v);
    }
  }
  if (values.length !== count) throw new Error(`a run goes past the ${count} values`);
  return { values, used: at, runs };
}

describe('the RLE / bit-packing hybrid (encodeHybrid)', () => {
  const encode = (values: number[], width: number) => {
    const out = output();
    encodeHybrid(values, values.length, width, out as unknown as Parameters<typeof encodeHybrid>[3]);
    return out.view();
  };

  it('decodes, by the spec, to the values given: widths 1 to 17, runs of every length, lengths not a multiple of 8', () => {
    const next = random(7);
    const RUN_LENGTHS = [1, 1, 1, 2, 3, 7, 8, 9, 15, 16, 17, 100, 5000];
    const problems: unknown[] = [];
    for (let width = 1; width <= 17; width++) {
      const top = 2 ** width;
      for (let trial = 0; trial < 40; trial++) {
        const values: number[] = [];
        const length = Math.floor(next() * 300) + (trial % 4 === 0 ? 6000 : 0);
        while (values.length < length) {
          const v = next() < 0.2 ? top - 1 : Math.floor(next() * top);
          const run = RUN_LENGTHS[Math.floor(next() * RUN_LENGTHS.length)]!;
          for (let k = 0; k < run && values.length < length; k++) values.push(v);
        }
        const bytes = encode(values, width);
        try {
          const decoded = decodeHybrid(bytes, values.length, width);
          if (decoded.used !== bytes.length) problems.push({ width, trial, extraBytes: bytes.length - decoded.used });
          const first = decoded.values.findIndex((v, k) => v !== values[k]);
          if (first >= 0) problems.push({ width, trial, row: first, decoded: decoded.values[first], expected: values[first] });
        } catch (error) {
          problems.push({ width, trial, error: String(error) });
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it.each([7, 8, 9])('takes a run of exactly %i after bit-packed values and before others', (run) => {
    for (let width = 1; width <= 17; width++) {
      const top = 2 ** width - 1;
      for (const before of [0, 1, 5, 8, 13]) {
        const values = [...Array.from({ length: before }, (_, k) => k % (top + 1)), ...Array(run).fill(top), ...[1 % (top + 1), 0, 1 % (top + 1)]];
        expect(decodeHybrid(encode(values, width), values.length, width).values).toEqual(values);
      }
    }
  });

  it('writes a long run of one value as one run of a few bytes', () => {
    const values = Array(122_880).fill(1);
    const bytes = encode(values, 1);
    const decoded = decodeHybrid(bytes, values.length, 1);
    expect(decoded.values).toEqual(values);
    expect(decoded.runs).toEqual([122_880]);
    expect(bytes.length).toBeLessThanOrEqual(4);
  });

  it('writes no bytes for no values', () => {
    expect(encode([], 3).length).toBe(0);
  });
});
