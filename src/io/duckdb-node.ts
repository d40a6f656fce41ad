/** DuckDB in Node (build time): a QueryRunner with the published Parquet files as tables. */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { QueryRunner } from '../metrics/sql.ts';
import { plainRow, sqlString } from '../metrics/sql.ts';


export class NodeRunner implements QueryRunner {
  readonly connection: DuckDBConnection;
  private readonly instance: DuckDBInstance;
  private constructor(instance: DuckDBInstance, connection: DuckDBConnection) {
    this.instance = instance;
    this.connection = connection;
  }

  static async inMemory(): Promise<NodeRunner> {
    const instance = await DuckDBInstance.create(':memory:');
    return new NodeRunner(instance, await instance.connect());
  }

  /** Another connection to the same database, to run a query alongside this one's. */
  async connect(): Promise<NodeRunner> {
    return new NodeRunner(this.instance, await this.instance.connect());
  }

  /** Views named after the tables over `<dir>/<table>.parquet`, for each file that exists. */
  static async overParquet(dir: string, tables: readonly string[]): Promise<NodeRunner> {
    const runner = await NodeRunner.inMemory();
    for (const table of tables) {
      const path = join(dir, `${table}.parquet`);
      if (existsSync(path)) await runner.connection.run(`CREATE VIEW ${table} AS SELECT * FROM read_parquet(${sqlString(path)})`);
    }
    return runner;
  }

  async query<T = Record<string, unknown>>(sql: string): Promise<T[]> {
    const reader = await this.connection.runAndReadAll(sql);
    return reader.getRowObjectsJS().map((r) => plainRow(r as Record<string, unknown>)) as T[];
  }

  close(): void {
    this.connection.closeSync();
  }

  /** Closes the database itself, freeing its memory now (its other connections must be closed first). */
  closeDatabase(): void {
    this.connection.closeSync();
    this.instance.closeSync();
  }
}
