/**
 * A script's options, read as node:util's parseArgs reads them, with the clerk in mind:
 * `--help` (or `-h`) prints the script's usage in Chinese and exits 0, and an option it does not
 * know, or one missing its value, is said in Chinese (exit 2) instead of a stack trace.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';

/** Exit code of a command that was given wrong options (as the ingest's faults). */
const WRONG_OPTIONS = 2;

type Options = NonNullable<ParseArgsConfig['options']>;

export function commandLine<const O extends Options>(usage: string, options: O, args: readonly string[] = process.argv.slice(2)) {
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(`${usage.trim()}\n`);
    process.exit(0);
  }
  try {
    return parseArgs({ options, args: [...args], strict: true, allowPositionals: false });
  } catch (error) {
    const code = (error as { code?: string }).code;
    const what =
      code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION'
        ? '有不认识的选项'
        : code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE'
          ? '有选项缺少取值或取值不对'
          : code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL'
            ? '有多余的参数（选项应写成 --名称 取值）'
            : '选项有误';
    const named = /'([^']+)'/.exec((error as Error).message)?.[1];
    process.stderr.write(`命令行${what}${named ? `：${named}` : ''}。用法如下：\n\n${usage.trim()}\n`);
    process.exit(WRONG_OPTIONS);
  }
}
