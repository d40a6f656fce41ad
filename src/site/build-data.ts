/**
 * Build-time access to the published data (the output of the last ingest, public/data): the
 * manifest, and a QueryRunner over the Parquet files that runs the same metric SQL as the browser,
 * with the same derived tables (src/metrics/workload.ts) created once when it opens.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildContext, workloadParams } from '../dashboard/context.ts';
import { TABLES } from '../domain/tables/index.ts';
import type { Manifest } from '../ingest/run.ts';
import { NodeRunner } from '../io/duckdb-node.ts';
import { workloadTablesSql } from '../metrics/workload.ts';

export const DATA_DIR = join(resolve(process.env.DASHBOARD_PUBLIC_DIR ?? 'public'), 'data');

export function loadManifest(): Manifest {
  const path = join(DATA_DIR, 'manifest.json');
  if (!existsSync(path))
    throw new Error(`找不到 ${path}。请先运行 npm run ingest 导入数据（默认导入 data/exports 下的示例数据），再运行 npm run build。`);
  return JSON.parse(readFileSync(path, 'utf8')) as Manifest;
}

let runner: Promise<NodeRunner> | undefined;

export function buildRunner(): Promise<NodeRunner> {
  runner ??= (async () => {
    const db = await NodeRunner.overParquet(DATA_DIR, [...Object.keys(TABLES), 'rejects', 'warnings']);
    for (const sql of workloadTablesSql(workloadParams(buildContext(loadManifest())))) await db.connection.run(sql);
    return db;
  })();
  return runner;
}
