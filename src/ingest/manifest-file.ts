/**
 * The ingest's output as later commands (build, templates) read it: manifest.json of the format
 * this version writes, and the Parquet files it lists, each whole. An output folder from an older
 * version, a missing file or one cut short (a copy interrupted, a full disk) is named in a message
 * that says to ingest again — rather than DuckDB's English error halfway through a build.
 */
import { closeSync, existsSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { IngestError } from './records.ts';
import type { Manifest } from './run.ts';

/**
 * Raised whenever what manifest.json holds, or a published table's columns, change shape (6: the
 * work log's `activity`); an output of another format is ingested again.
 */
export const MANIFEST_FORMAT = 6;

const AGAIN = '请重新运行 npm run ingest 导入数据（它会重新写出整个文件夹），再重试。';

/** manifest.json in `dataDir`, checked to be complete and of this version's format. */
export function readManifest(dataDir: string): Manifest {
  const path = join(dataDir, 'manifest.json');
  if (!existsSync(path)) throw new IngestError(path, '找不到导入结果。请先运行 npm run ingest 导入数据（默认导入 data/exports 下的示例数据），再运行 npm run build。');
  let manifest: Manifest;
  try {
    manifest = JSON.parse(readFileSync(path, 'utf8')) as Manifest;
  } catch {
    throw new IngestError(path, `文件不完整或已损坏。${AGAIN}`);
  }
  if (manifest?.format !== MANIFEST_FORMAT) throw new IngestError(path, `这是较早版本的程序导入的结果，与本版本的格式不同。${AGAIN}`);
  return manifest;
}

/** Parquet files begin and end with these four bytes; a file cut short lacks the end. */
const MAGIC = 'PAR1';

function isWholeParquet(path: string): boolean {
  const size = statSync(path).size;
  if (size < 12) return false;
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(4);
    const tail = Buffer.alloc(4);
    readSync(fd, head, 0, 4, 0);
    readSync(fd, tail, 0, 4, size - 4);
    return head.toString('latin1') === MAGIC && tail.toString('latin1') === MAGIC;
  } finally {
    closeSync(fd);
  }
}

/** Every table file the manifest lists: present and whole; else an IngestError naming the file. */
export function checkDataFiles(dataDir: string, manifest: Manifest): void {
  for (const { file } of Object.values(manifest.tables)) {
    const path = join(dataDir, file);
    if (!existsSync(path)) throw new IngestError(path, `找不到这个数据文件（导入结果不完整）。${AGAIN}`);
    if (!isWholeParquet(path)) throw new IngestError(path, `数据文件不完整或已损坏。${AGAIN}`);
  }
}
