/** Every file below a folder (an ingest's output, its return lists too) by relative path, with its SHA-256: equal digests, byte-identical folders. */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export function digest(dir: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => join(e.parentPath, e.name))
      .sort()
      .map((path) => [path.slice(dir.length + 1), createHash('sha256').update(readFileSync(path)).digest('hex')]),
  );
}

/**
 * As digest, but each Parquet file by its columns and its rows in order, not its bytes: two
 * ingests that stage the same rows in different parts (a large CSV read in two halves, its
 * worker's file joined after the head's) write the same rows in row groups cut elsewhere.
 */
export async function rowDigest(dir: string): Promise<Record<string, string>> {
  const { NodeRunner } = await import('../../src/io/duckdb-node.ts');
  const runner = await NodeRunner.inMemory();
  try {
    const out: Record<string, string> = {};
    for (const [path, bytes] of Object.entries(digest(dir))) {
      if (!path.endsWith('.parquet')) {
        out[path] = bytes;
        continue;
      }
      const file = join(dir, path).replaceAll("'", "''");
      const columns = await runner.query<{ column_name: string; column_type: string }>(`SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_parquet('${file}'))`);
      const [rows] = await runner.query<{ n: number; h: string | null }>(
        `SELECT COUNT(*)::INTEGER AS n, md5(string_agg(md5(CAST(t AS VARCHAR)), ',' ORDER BY t.file_row_number)) AS h FROM read_parquet('${file}', file_row_number = true) t`,
      );
      out[path] = `${columns.map((c) => `${c.column_name} ${c.column_type}`).join(', ')}; ${rows!.n} rows ${rows!.h ?? ''}`;
    }
    return out;
  } finally {
    runner.close();
  }
}
