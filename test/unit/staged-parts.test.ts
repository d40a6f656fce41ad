/**
 * A kind's staged rows in several files (a worker's half of a large CSV added on as a file of its
 * own), taken back to a mark across them or after rows were written out, and joined into one
 * Parquet file (staging.ts, stage-writer.ts, parquet-concat.ts): the rows read back are those
 * kept, in order.
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseRules } from '../../src/domain/rules.ts';
import { TABLES } from '../../src/domain/tables/index.ts';
import { StageWriter } from '../../src/ingest/stage-writer.ts';
import { Staging } from '../../src/ingest/staging.ts';
import { NodeRunner } from '../../src/io/duckdb-node.ts';
import { ROW_GROUP_ROWS } from '../../src/io/parquet-writer.ts';
import { concatParquet, footerRoundTrip } from '../../src/io/parquet-concat.ts';

const parsed = parseRules(JSON.parse(readFileSync('data/rules.json', 'utf8')));
if (!parsed.ok) throw new Error(parsed.errors.join('; '));
const rules = parsed.rules;

/** A training record (a kind with few columns) named `name`. */
const record = (name: string, i: number): Record<string, unknown> => ({
  staff_id: null, name, department: '机电工程系', course: `培训${i}`, level: 'school', hours: i / 2, date: '2025-10-01', year: 2025,
  source_file: '2025-2026-1/培训.csv', source_sheet: null, source_row: i + 2,
});

/** The staging's training rows as written to `folder`, names in order. */
async function trainingNames(staging: Staging, folder: string): Promise<string[]> {
  await staging.finish(folder);
  const rows = await staging.runner.query<{ name: string }>(`SELECT name FROM read_parquet('${join(folder, TABLES.training.file)}', file_row_number = true) ORDER BY file_row_number`);
  return rows.map((r) => r.name);
}

/** A worker's file of training rows (as tail-read.ts writes one). */
function workerFile(staging: Staging, names: string[]): string {
  const path = staging.stagePath();
  const writer = new StageWriter(path, TABLES.training.output);
  names.forEach((name, i) => writer.append(record(name, 100 + i)));
  writer.close();
  return path;
}

describe('staged rows in several files', () => {
  const open = async () => ({ staging: await Staging.open(rules), folder: mkdtempSync(join(tmpdir(), 'staged-out-')) });

  it('keep a file added on in its place, and the rows after it in a file of their own', async () => {
    const { staging, folder } = await open();
    staging.append('training', record('甲', 1));
    staging.appendStaged('training', workerFile(staging, ['乙', '丙']), 2);
    staging.append('training', record('丁', 4));
    expect(await trainingNames(staging, folder)).toEqual(['甲', '乙', '丙', '丁']);
    expect(staging.counts.training).toBe(4);
    staging.close();
  });

  it('taken back to a mark before a file was added: that file and the rows after it are left out', async () => {
    const { staging, folder } = await open();
    staging.append('training', record('甲', 1));
    const mark = staging.mark();
    staging.append('training', record('戊', 5));
    staging.appendStaged('training', workerFile(staging, ['乙', '丙']), 2);
    staging.append('training', record('丁', 4));
    staging.rollback(mark);
    staging.append('training', record('己', 6));
    expect(await trainingNames(staging, folder)).toEqual(['甲', '己']);
    expect(staging.counts.training).toBe(2);
    staging.close();
  });

  it('taken back to a mark after a file was added: the files before it stay', async () => {
    const { staging, folder } = await open();
    staging.appendStaged('training', workerFile(staging, ['乙', '丙']), 2);
    const mark = staging.mark();
    staging.append('training', record('丁', 4));
    staging.rollback(mark);
    expect(await trainingNames(staging, folder)).toEqual(['乙', '丙']);
    staging.close();
  });

  it('taken back after whole row groups were written out: those rows are left out, the rows around them kept in order', async () => {
    const { staging, folder } = await open();
    const names: string[] = [];
    const add = (n: number, prefix: string, keep: boolean) => {
      for (let i = 0; i < n; i++) {
        staging.append('training', record(`${prefix}${i}`, i));
        if (keep) names.push(`${prefix}${i}`);
      }
    };
    add(1000, '前', true);
    const sheet = staging.mark();
    add(ROW_GROUP_ROWS + 500, '弃', false); // a sheet set aside after a row group of it was written out
    staging.rollback(sheet);
    add(700, '后', true);
    const inner = staging.mark();
    add(10, '短', false); // a sheet set aside while its rows are still in the row group being filled
    staging.rollback(inner);
    add(5, '末', true);
    expect(await trainingNames(staging, folder)).toEqual(names);
    expect(staging.counts.training).toBe(names.length);
    staging.close();
  });

  it('leave nothing in the staging folder once closed', async () => {
    const { staging } = await open();
    const path = workerFile(staging, ['乙']);
    staging.close();
    expect(existsSync(path)).toBe(false);
  });
});

describe('Parquet files joined into one', () => {
  it('read back as the rows of each file in order, with every row group, statistic and bloom filter still right', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'concat-'));
    const runner = await NodeRunner.inMemory();
    await runner.connection.run('SET threads = 1');
    const rows = (from: number, to: number) =>
      `SELECT i::INTEGER AS i, '姓名' || (i % 997) AS name, CASE WHEN i % 5 = 0 THEN NULL ELSE DATE '2025-09-01' + (i % 120)::INTEGER END AS day, i / 7.0 AS hours
       FROM range(${from}, ${to}) t(i)`;
    const parts = [join(dir, 'a.parquet'), join(dir, 'b.parquet'), join(dir, 'c.parquet')];
    await runner.connection.run(`COPY (${rows(0, 150_000)}) TO '${parts[0]}' (FORMAT parquet, COMPRESSION zstd)`);
    await runner.connection.run(`COPY (${rows(150_000, 160_000)}) TO '${parts[1]}' (FORMAT parquet, COMPRESSION zstd)`);
    await runner.connection.run(`COPY (${rows(160_000, 400_000)}) TO '${parts[2]}' (FORMAT parquet, COMPRESSION zstd)`);
    const joined = join(dir, 'joined.parquet');
    concatParquet(parts, joined);

    const groups = async (path: string) => (await runner.query<{ n: number }>(`SELECT COUNT(*)::INTEGER AS n FROM parquet_metadata('${path}') WHERE path_in_schema = 'i'`))[0]!.n;
    expect(await groups(joined)).toBe((await groups(parts[0]!)) + (await groups(parts[1]!)) + (await groups(parts[2]!)));
    const [same] = await runner.query<{ n: number; out_of_order: number }>(
      `SELECT COUNT(*)::INTEGER AS n, COUNT(*) FILTER (WHERE j.i <> j.file_row_number OR j.name <> '姓名' || (j.i % 997) OR j.hours <> j.i / 7.0
         OR j.day IS DISTINCT FROM CASE WHEN j.i % 5 = 0 THEN NULL ELSE DATE '2025-09-01' + (j.i % 120)::INTEGER END)::INTEGER AS out_of_order
       FROM read_parquet('${joined}', file_row_number = true) j`,
    );
    expect(same).toEqual({ n: 400_000, out_of_order: 0 });
    // Filters a reader answers from the row groups' statistics and bloom filters, in every part.
    for (const where of [`name = '姓名3'`, `i BETWEEN 149990 AND 160010`, `day = DATE '2025-09-02' AND i > 300000`]) {
      const [found] = await runner.query<{ n: number }>(`SELECT COUNT(*)::INTEGER AS n FROM '${joined}' WHERE ${where}`);
      const [expected] = await runner.query<{ n: number }>(`SELECT COUNT(*)::INTEGER AS n FROM (${rows(0, 400_000)}) WHERE ${where}`);
      expect(found!.n, where).toBe(expected!.n);
      expect(expected!.n, where).toBeGreaterThan(0);
    }
    const bytes = readFileSync(joined);
    const footer = bytes.subarray(bytes.length - 8 - bytes.readUInt32LE(bytes.length - 8), bytes.length - 8);
    expect(Buffer.from(footerRoundTrip(footer)).equals(footer)).toBe(true);

    const other = join(dir, 'other.parquet');
    await runner.connection.run(`COPY (SELECT 1 AS i) TO '${other}' (FORMAT parquet)`);
    expect(() => concatParquet([parts[0]!, other], join(dir, 'mixed.parquet'))).toThrow(/schema/);
    runner.close();
  });
});
