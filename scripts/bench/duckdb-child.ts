/** Plain DuckDB turning a CSV into Parquet, in a process of its own: prints its peak memory (MB), the ingest's reference. */
import { NodeRunner } from '../../src/io/duckdb-node.ts';
import { sqlString } from '../../src/metrics/sql.ts';

const [csv, out] = process.argv.slice(2);
const duck = await NodeRunner.inMemory();
await duck.connection.run(
  `COPY (SELECT * FROM read_csv(${sqlString(csv!)}, encoding = 'latin-1', skip = 1, header = true, all_varchar = true))
   TO ${sqlString(out!)} (FORMAT parquet, COMPRESSION zstd)`,
);
duck.close();
process.stdout.write(`${process.resourceUsage().maxRSS / 1024}\n`);
