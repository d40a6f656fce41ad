/**
 * npm run ingest -- [--input data/exports] [--out public/data] [--rules data/rules.json] [--strict]
 * Reads every CSV/Excel export below --input and writes validated Parquet + manifest.json to --out.
 * A rules.json inside --input (an institution's own settings) is laid over --rules. A file that
 * cannot be read or understood is set aside and listed; with --strict it stops the run (exit 2).
 */
import { parseArgs } from 'node:util';
import { IngestError } from '../src/ingest/records.ts';
import { runIngest } from '../src/ingest/run.ts';
import { formatSummary } from '../src/ingest/summary.ts';

const { values } = parseArgs({
  options: {
    input: { type: 'string', default: 'data/exports' },
    out: { type: 'string', default: 'public/data' },
    rules: { type: 'string', default: 'data/rules.json' },
    quiet: { type: 'boolean', default: false },
    strict: { type: 'boolean', default: false },
  },
});

try {
  const started = performance.now();
  const manifest = await runIngest({
    input: values.input,
    out: values.out,
    rulesPath: values.rules,
    strict: values.strict,
    onFile: values.quiet
      ? undefined
      : (i, total, file, reports) => {
          const r = reports.reduce((a, s) => ({ read: a.read + s.read, ok: a.ok + s.accepted, bad: a.bad + s.rejected, skip: a.skip + s.skipped }), { read: 0, ok: 0, bad: 0, skip: 0 });
          const aside = reports.filter((s) => s.set_aside).map((s) => `${s.sheet ? `［${s.sheet}］` : ''}未能导入，已搁置：${s.set_aside!.message}`);
          process.stderr.write(`[${i}/${total}] ${file}：读取 ${r.read} 行，接受 ${r.ok}，拒绝 ${r.bad}，跳过 ${r.skip}${aside.length ? `；${aside.join('；')}` : ''}\n`);
        },
    onRows: values.quiet ? undefined : (file, rows) => process.stderr.write(`  …${file}：已读取 ${rows.toLocaleString('zh-CN')} 行\n`),
  });
  process.stdout.write(formatSummary(manifest, performance.now() - started, values.out));
} catch (error) {
  if (error instanceof IngestError) {
    process.stderr.write(`\n导入失败：${error.message}\n已有的输出未被改动。\n`);
    process.exit(2);
  }
  throw error;
}
