/**
 * Plain DuckDB turning a CSV into Parquet, in a process of its own: prints its time (s), CPU time
 * (s, all threads, user and system) and peak memory (MB), the ingest's reference.
 */
import { NodeRunner } from '../../src/io/duckdb-node.ts';
import { sqlString } from '../../src/metrics/sql.ts';

const [csv, out] = process.argv.slice(2);
const duck = await NodeRunner.inMemory();
const started = performance.now();
const cpu = process.cpuUsage();
await duck.connection.run(
  `COPY (SELECT * FROM read_csv(${sqlString(csv!)}, encoding = 'latin-1', skip = 1, header = true, all_varchar = true))
   TO ${sqlString(out!)} (FORMAT parquet, COMPRESSION zstd)`,
);
const used = process.cpuUsage(cpu);
const seconds = (performance.now() - started) / 1000;
duck.close();
process.stdout.write(`${seconds} ${(used.user + used.system) / 1e6} ${process.resourceUsage().maxRSS / 1024}\n`);
