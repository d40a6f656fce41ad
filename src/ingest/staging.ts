/**
 * The staging database: accepted records stream into one DuckDB table per kind (never held as
 * JS objects), names are published there as the rules say, cross-row checks run over them in SQL,
 * and each table is copied out to Parquet.
 */
import { publishName } from '../domain/names.ts';
import type { ActiveRules } from '../domain/rules.ts';
import { TABLES, TABLE_KINDS, type TableKind } from '../domain/tables/index.ts';
import { NodeRunner } from '../io/duckdb-node.ts';
import { createTable, type TableAppender } from '../io/parquet.ts';
import type { RecordSink } from './pipeline.ts';

export class Staging implements RecordSink {
  readonly runner: NodeRunner;
  private readonly appenders: Record<TableKind, TableAppender>;
  private readonly rules: ActiveRules;
  readonly counts: Record<TableKind, number>;

  private constructor(runner: NodeRunner, appenders: Record<TableKind, TableAppender>, rules: ActiveRules) {
    this.runner = runner;
    this.appenders = appenders;
    this.rules = rules;
    this.counts = Object.fromEntries(TABLE_KINDS.map((k) => [k, 0])) as Record<TableKind, number>;
  }

  static async open(rules: ActiveRules): Promise<Staging> {
    const runner = await NodeRunner.inMemory();
    const appenders = {} as Record<TableKind, TableAppender>;
    for (const kind of TABLE_KINDS) appenders[kind] = await createTable(runner, kind, TABLES[kind].output);
    return new Staging(runner, appenders, rules);
  }

  append(kind: TableKind, record: Record<string, unknown>): void {
    const { names, pseudonym_salt } = this.rules.publish;
    if (names !== 'full')
      for (const column of TABLES[kind].output)
        if (column.person) record[column.name] = publishName(record[column.name] as string | null, names, pseudonym_salt);
    this.appenders[kind].append(record);
    this.counts[kind]++;
  }

  /** Flush every table; after this, query them. */
  finish(): void {
    for (const kind of TABLE_KINDS) this.appenders[kind].close();
  }

  close(): void {
    this.runner.close();
  }
}
