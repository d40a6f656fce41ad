/**
 * A kind's staged lines in several files (a worker's half of a large CSV added on as a file of its
 * own), taken back to a mark across them, and written to Parquet as two runs joined into one file
 * (staging.ts, parquet-concat.ts): the rows read back are those written, in order.
 */
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { OutputColumn } from '../../src/domain/tables/index.ts';
import { StageWriter } from '../../src/ingest/stage-lines.ts';
import { twoRuns } from '../../src/ingest/staging.ts';
import { NodeRunner } from '../../src/io/duckdb-node.ts';
import { concatParquet, footerRoundTrip } from '../../src/io/parquet-concat.ts';

const COLUMNS: OutputColumn[] = [
  { name: 'name', type: 'VARCHAR', nullable: false, label: '姓名' },
  { name: 'n', type: 'INTEGER', nullable: true, label: '次数' },
];
const lines = (files: Array<{ path: string }>) => files.map((f) => readFileSync(f.path, 'utf8')).join('');

describe('a writer whose lines are in several files', () => {
  function writerWithAddedFile() {
    const dir = mkdtempSync(join(tmpdir(), 'staged-'));
    const writer = new StageWriter(join(dir, 'k.tsv'), COLUMNS, () => 0);
    const other = new StageWriter(join(dir, 'worker-0.tsv'), COLUMNS, () => 0);
    other.append({ name: '乙', n: 2 });
    other.append({ name: '丙', n: null });
    other.close();
    return { writer, added: other.path };
  }

  it('keeps a file added on as one of its files, in order, and writes its next lines to a new file', () => {
    const { writer, added } = writerWithAddedFile();
    writer.append({ name: '甲', n: 1 });
    writer.appendFile(added, 2);
    writer.append({ name: '丁', n: 4 });
    writer.close();
    expect(writer.rows).toBe(4);
    expect(writer.files.map((f) => f.rows)).toEqual([1, 2, 1]);
    expect(lines(writer.files)).toBe('甲\t1\n乙\t2\n丙\t\u0001\n丁\t4\n');
    expect(writer.files.reduce((n, f) => n + f.bytes, 0)).toBe(Buffer.byteLength(lines(writer.files)));
  });

  it('taken back to a mark before a file was added: that file and the lines after it are gone', () => {
    const { writer, added } = writerWithAddedFile();
    writer.append({ name: '甲', n: 1 });
    const mark = writer.mark();
    writer.append({ name: '戊', n: 5 });
    writer.appendFile(added, 2);
    writer.append({ name: '丁', n: 4 });
    writer.rollback(mark);
    writer.append({ name: '己', n: 6 });
    writer.close();
    expect(writer.rows).toBe(2);
    expect(lines(writer.files)).toBe('甲\t1\n己\t6\n');
    expect(existsSync(added)).toBe(false);
  });

  it('taken back to a mark after a file was added: the files before it stay', () => {
    const { writer, added } = writerWithAddedFile();
    writer.appendFile(added, 2);
    const mark = writer.mark();
    writer.append({ name: '丁', n: 4 });
    writer.rollback(mark);
    writer.close();
    expect(writer.rows).toBe(2);
    expect(writer.files.map((f) => f.rows)).toEqual([2]);
    expect(lines(writer.files)).toBe('乙\t2\n丙\t\u0001\n');
  });

  it('is written as two runs once its lines are large and in more than one file, cut where the bytes are most nearly halved', () => {
    const file = (bytes: number) => ({ path: `${bytes}`, rows: 1, bytes });
    expect(twoRuns([file(20 << 20)])).toBeNull();
    expect(twoRuns([file(1 << 20), file(1 << 20)])).toBeNull();
    const runs = twoRuns([file(1 << 20), file(6 << 20), file(5 << 20), file(1 << 20)]);
    expect(runs?.map((run) => run.map((f) => f.bytes >> 20))).toEqual([[1, 6], [5, 1]]);
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
