/**
 * npm run ingest -- [--input data/exports] [--out public/data] [--rules data/rules.json] [--strict]
 *                   [--verbose] [--quiet] [--max-file-mb 500] [--max-workbook-mb 100] [--temp-dir DIR]
 * Reads every CSV/Excel export below --input and writes validated Parquet + manifest.json to --out.
 * Progress is one updating line in a terminal (a short line every few seconds otherwise), every
 * file's line with --verbose; the demo, or a school still under the demo's name, is said so
 * before the summary. The rules.json inside --input (the school's settings) is laid over --rules. A file that
 * cannot be read or understood is set aside and listed; with --strict it stops the run (exit 2).
 * Anything else that stops the run (no permission, a full disk, another run writing the same
 * --out) is said in Chinese, exit 2; Ctrl+C removes what the run made.
 */
import { useCompileCache } from '../src/io/compile-cache.ts';
import { commandLine } from '../src/io/command-line.ts';

// Before the ingest's modules are loaded (import() below): they are then compiled once, not per run.
useCompileCache();
const { FAULT_EXIT_CODE, faultMessage } = await import('../src/ingest/faults.ts');
const { abortIngests, runIngest } = await import('../src/ingest/run.ts');
const { formatSummary } = await import('../src/ingest/summary.ts');
const { settingsNotices } = await import('../src/domain/settings.ts');

const USAGE = `
导入：读取各系部报送的 CSV/Excel 文件，检查后写出看板数据和各系部的退回清单。

用法：npm run ingest -- [选项]

  --input 文件夹         报送文件所在的文件夹（默认 data/exports）；其中的 rules.json 叠加在规则配置之上
  --out 文件夹           输出文件夹（默认 public/data）
  --rules 文件           规则配置文件（默认 data/rules.json）
  --strict               有文件无法导入时停止（默认搁置该文件，其余照常导入）
  --quiet                只显示最后的小结
  --verbose              逐个列出每个文件的读取情况
  --max-file-mb 数字     单个文件的大小上限（MB，默认 500）
  --max-workbook-mb 数字 工作簿展开后的大小上限（MB，默认 100）
  --temp-dir 文件夹      临时文件所在的文件夹
  --help                 显示本说明
`;

const { values } = commandLine(USAGE, {
    input: { type: 'string', default: 'data/exports' },
    out: { type: 'string', default: 'public/data' },
    rules: { type: 'string', default: 'data/rules.json' },
    quiet: { type: 'boolean', default: false },
    verbose: { type: 'boolean', default: false },
    strict: { type: 'boolean', default: false },
    'max-file-mb': { type: 'string' },
    'max-workbook-mb': { type: 'string' },
    'temp-dir': { type: 'string' },
  });


/**
 * Progress while the files are read: in a terminal one line rewritten in place; in a log (no
 * terminal) a short line at most every few seconds; with --verbose every file on its own line.
 */
const terminal = process.stderr.isTTY === true;
let lastLine = 0;
let updating = false;
/** The text cut to the terminal's width (CJK characters take two columns), so that the line never wraps. */
const fit = (text: string) => {
  let room = (process.stderr.columns || 80) - 1;
  let out = '';
  for (const ch of text) {
    room -= ch.charCodeAt(0) > 0x2e80 ? 2 : 1;
    if (room < 0) return `${out.slice(0, -1)}…`;
    out += ch;
  }
  return out;
};
const progress = (text: string) => {
  if (terminal) {
    process.stderr.write(`\r\x1b[K${fit(text)}`);
    updating = true;
  } else if (performance.now() - lastLine > 5000) {
    lastLine = performance.now();
    process.stderr.write(`${text}\n`);
  }
};
const say = (text: string) => {
  if (updating) process.stderr.write('\r\x1b[K');
  updating = false;
  process.stderr.write(`${text}\n`);
};
lastLine = performance.now();

for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]] as const)
  process.on(signal, () => {
    abortIngests();
    process.stderr.write(`\n导入已中断，已有的输出未被改动。\n`);
    process.exit(code);
  });

function megabytes(option: string | undefined, name: string): number | undefined {
  if (option === undefined) return undefined;
  const n = Number(option);
  if (Number.isFinite(n) && n > 0) return n * 2 ** 20;
  process.stderr.write(`--${name} 应为正数（单位 MB），实际为「${option}」。\n`);
  process.exit(FAULT_EXIT_CODE);
}

try {
  const started = performance.now();
  const manifest = await runIngest({
    input: values.input,
    out: values.out,
    rulesPath: values.rules,
    strict: values.strict,
    maxFileBytes: megabytes(values['max-file-mb'], 'max-file-mb'),
    maxWorkbookBytes: megabytes(values['max-workbook-mb'], 'max-workbook-mb'),
    tempDir: values['temp-dir'],
    onNotice: values.quiet ? undefined : say,
    onFile: values.quiet
      ? undefined
      : (i, total, file, reports) => {
          if (!values.verbose) return progress(`正在读取第 ${i}/${total} 个文件：${file}`);
          const r = reports.reduce((a, s) => ({ read: a.read + s.read, ok: a.ok + s.accepted, bad: a.bad + s.rejected, skip: a.skip + s.skipped }), { read: 0, ok: 0, bad: 0, skip: 0 });
          const aside = reports.filter((s) => s.set_aside).map((s) => `${s.sheet ? `［${s.sheet}］` : ''}未能导入，已搁置：${s.set_aside!.message}`);
          say(`[${i}/${total}] ${file}：读取 ${r.read} 行，接受 ${r.ok}，拒绝 ${r.bad}，跳过 ${r.skip}${aside.length ? `；${aside.join('；')}` : ''}`);
        },
    onRows: values.quiet ? undefined : (file, rows) => (values.verbose ? say : progress)(`  …${file}：已读取 ${rows.toLocaleString('zh-CN')} 行`),
  });
  if (updating) process.stderr.write('\r\x1b[K');
  updating = false;
  const notices = settingsNotices(manifest.rules, values.input);
  process.stdout.write(`${notices.map((line) => `${line}\n`).join('')}${formatSummary(manifest, performance.now() - started, values.out)}`);
} catch (error) {
  if (updating) process.stderr.write('\r\x1b[K');
  process.stderr.write(`\n${faultMessage(error)}\n`);
  if (process.env.INGEST_DEBUG) process.stderr.write(`${(error as Error)?.stack ?? String(error)}\n`);
  process.exit(FAULT_EXIT_CODE);
}
