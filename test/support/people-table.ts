/** A small table of people per department (department, role) for the tests of queries asked per department: the i-th department has i + 2 people. */
import { NodeRunner } from '../../src/io/duckdb-node.ts';
import { sqlString } from '../../src/metrics/sql.ts';

export async function peopleTable(departments: readonly string[]): Promise<NodeRunner> {
  const runner = await NodeRunner.inMemory();
  const rows = departments.flatMap((d, i) => Array.from({ length: i + 2 }, (_, j) => `(${sqlString(d)}, ${sqlString(['counselor', 'assistant', 'class_teacher'][j % 3]!)})`));
  await runner.connection.run(`CREATE TABLE people AS SELECT * FROM (VALUES ${rows.join(', ')}) t(department, role)`);
  return runner;
}
