/**
 * A text file is read a part at a time (text-source.ts, readRows): whatever the parts' size —
 * a GBK or UTF-8 character, a CRLF, a doubled quote or a quoted line break cut between two
 * parts — the rows are those of the file read whole, the file on disk reads as its bytes in
 * memory, and a file cut in two for two threads gives the same rows again.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { csvSheet, decodeText, parseCsvText } from '../../src/ingest/readers/csv.ts';
import { RecordCounter } from '../../src/ingest/readers/csv-parse.ts';
import { CASES_DIR } from '../corpus/make-corpus.ts';
import type { TextSource } from '../../src/ingest/readers/text-source.ts';

const scratch = mkdtempSync(join(tmpdir(), 'csv-parts-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Every row, or the error's message. */
function rowsOf(source: TextSource, partBytes?: number, tabs = false): string[][] | string {
  const rows: string[][] = [];
  try {
    csvSheet(source, Infinity, tabs, partBytes).sheet.forEachRow((cells) => rows.push([...cells]));
  } catch (error) {
    return (error as Error).message;
  }
  return rows;
}

/** The rows of a file cut in two at `splitBytes`: the head's, then the tail's (read here). */
function splitRows(source: TextSource, splitBytes: number, partBytes: number): string[][] | null {
  const { sheet } = csvSheet(source, splitBytes, false, partBytes);
  const head = sheet.split?.head();
  if (!head) return null;
  const rows: string[][] = [];
  const line = head.forEachRow((cells) => rows.push([...cells]));
  expect(rows.length).toBe(head.records);
  head.forEachTailRow((cells) => rows.push([...cells]), line);
  return rows;
}

const TRICKY = [
  '姓名,工号,备注\r\n',
  '张三,001,"第一行\r\n第二行"\r\n',
  '李四,002,"他说""好""，然后走了"\r\n',
  '王五,003,𠀀生僻字\r',
  '赵六,004,末行没有换行',
].join('');

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : /\.(csv|txt|tsv)$/i.test(e.name) ? [join(dir, e.name)] : []));
}

describe('a text file read a part at a time', () => {
  const encodings: Array<[string, Uint8Array]> = [
    ['GBK', new Uint8Array(iconv.encode(TRICKY, 'gb18030'))],
    ['UTF-8 with a BOM', new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(TRICKY)])],
    ['UTF-8', new TextEncoder().encode(TRICKY)],
    ['UTF-16LE with a BOM', new Uint8Array(iconv.encode(TRICKY, 'utf-16le', { addBOM: true }))],
  ];
  for (const [name, bytes] of encodings)
    it(`gives the rows of the whole text, in ${name}, cut anywhere`, () => {
      const expected = parseCsvText(decodeText(bytes).text);
      expect(expected).toHaveLength(5);
      expect(expected[1]![2]).toBe('第一行\r\n第二行');
      for (const part of [1, 2, 3, 4, 5, 7, 11, 64]) expect(rowsOf(bytes, part), `parts of ${part} bytes`).toEqual(expected);
    });

  it('reads every text file of the corpus as it read them whole, from disk as from memory', () => {
    const all = files(CASES_DIR).filter((f) => existsSync(f) && statSync(f).isFile());
    expect(all.length).toBeGreaterThan(100);
    for (const file of all) {
      const bytes = new Uint8Array(readFileSync(file));
      const tabs = !file.toLowerCase().endsWith('.csv');
      const whole = rowsOf(bytes, undefined, tabs);
      for (const part of [3, 1000]) expect(rowsOf(bytes, part, tabs), `${file}, parts of ${part} bytes`).toEqual(whole);
      expect(rowsOf({ path: file, size: bytes.length }, 5, tabs), `${file} on disk`).toEqual(whole);
    }
  });

  it('cut in two, gives the same rows: the head counted from its bytes, the tail read after it', () => {
    const text = ['姓名,说明', ...Array.from({ length: 300 }, (_, i) => (i % 7 === 0 && i < 100 ? `人${i},"引号里""有""换行\n第二行"` : i % 5 === 0 ? `人${i},甲\r` : `人${i},乙`))].join('\r\n') + '\n';
    const bytes = new Uint8Array(iconv.encode(text, 'gbk'));
    const path = join(scratch, 'cut.csv');
    writeFileSync(path, bytes);
    const whole = rowsOf(bytes);
    for (const part of [2, 9, 4096])
      for (const source of [bytes, { path, size: bytes.length }]) {
        const rows = splitRows(source, 1, part);
        expect(rows).toEqual(whole);
      }
  });

  it('a cut inside a quoted line break is no cut: the file is read in one', () => {
    const text = `姓名,说明\n甲,"${'很长的说明\n'.repeat(50)}"\n`;
    const bytes = new TextEncoder().encode(text);
    expect(splitRows(bytes, 1, 7)).toBeNull();
  });

  it('counts the records of bytes given in parts as parsing them gives', () => {
    const text = 'a,"b\r\nc",d\r\ne,f\rg,"h""",i\n"j\n"\n';
    const expected = parseCsvText(text).length;
    const bytes = new TextEncoder().encode(text);
    for (let part = 1; part <= bytes.length; part++) {
      const counter = new RecordCounter(',');
      for (let at = 0; at < bytes.length; at += part) counter.feed(bytes.subarray(at, at + part));
      expect(counter.end(), `parts of ${part} bytes`).toBe(expected);
    }
    const open = new RecordCounter(',');
    open.feed(new TextEncoder().encode('a,"b\nc\n'));
    expect(open.end()).toBeNull();
  });

  it('finds the GBK byte far into a file that began as UTF-8, as when it was read whole', () => {
    const text = '姓名,工号\n' + 'abc,1\n'.repeat(300_000) + '张三,2\n';
    const bytes = new Uint8Array(iconv.encode(text, 'gbk').subarray(0)); // header in GBK too
    const mixed = new Uint8Array([...new TextEncoder().encode('姓名,工号\n' + 'abc,1\n'.repeat(300_000)), ...iconv.encode('张三,2\n', 'gbk')]);
    const path = join(scratch, 'late-gbk.csv');
    writeFileSync(path, mixed);
    expect(csvSheet({ path, size: mixed.length }).encoding).toBe(csvSheet(mixed).encoding);
    expect(csvSheet({ path, size: mixed.length }).encoding).toMatch(/^gb18030/);
    expect(csvSheet(bytes).encoding).toBe('gb18030');
  });
});
