/**
 * What stops a run that is not the data's fault — no permission, a full disk, an output folder
 * that cannot be written — in the words a clerk can act on: what happened, to which path, what
 * to do. No stack trace (a developer who needs one sets INGEST_DEBUG=1). Every such stop exits
 * with status 2, like a file that stops a --strict run, and leaves the previous output as it was.
 */
import { IngestError } from './records.ts';

export const FAULT_EXIT_CODE = 2;

interface SystemError {
  code?: string;
  path?: string;
  dest?: string;
  syscall?: string;
  message: string;
}

/** What to say per error code: the problem, and what to do about it. */
const BY_CODE: Record<string, (path: string) => string> = {
  EACCES: (p) => `没有权限访问 ${p}。请换一个有读写权限的文件夹（输入用 --input，输出用 --out），或请管理员开放权限。`,
  EPERM: (p) => `操作系统不允许访问 ${p}。请换一个有读写权限的文件夹，或请管理员开放权限。`,
  EROFS: (p) => `${p} 所在的磁盘是只读的，无法写入。请用 --out 换一个可以写入的文件夹。`,
  ENOSPC: (p) => `磁盘空间不足，写入 ${p} 时失败。请清理该磁盘（或用 --temp-dir、--out 换到空间充足的磁盘）后重试。`,
  EDQUOT: (p) => `磁盘配额已用完，写入 ${p} 时失败。请清理文件或请管理员增加配额后重试。`,
  ENOENT: (p) => `找不到 ${p}。请检查路径是否正确。`,
  ENOTDIR: (p) => `${p} 的上级路径不是文件夹（是一个文件），无法在其中建立文件夹。请用 --out 换一个文件夹。`,
  EEXIST: (p) => `${p} 已存在，但不是文件夹（是一个文件），无法在其中建立输出文件夹。请用 --out 换一个文件夹。`,
  EISDIR: (p) => `${p} 是一个文件夹，不是文件。请检查路径。`,
  EMFILE: () => '同时打开的文件过多。请关闭其他程序后重试。',
  EIO: (p) => `读写 ${p} 时磁盘出错。请检查磁盘或换一个文件夹后重试。`,
  CORRUPT: (p) => `${p} 不完整或已损坏。请重新运行 npm run ingest 导入数据（它会重新写出整个文件夹），再重试。`,
  EBUSY: (p) => `${p} 正被其他程序占用。请关闭占用它的程序（如 Excel）后重试。`,
};

/** DuckDB reports disk and permission failures in its own words: recognised by them. */
const DUCKDB: Array<[RegExp, string]> = [
  [/No space left on device|disk is full/i, 'ENOSPC'],
  [/Permission denied/i, 'EACCES'],
  [/Read-only file system/i, 'EROFS'],
  [/No magic bytes found|too small to be a Parquet file|Invalid Parquet file/i, 'CORRUPT'],
];

/** A path named in a DuckDB message ("…file "x.parquet": …"). */
const quotedPath = (message: string) => /"([^"]+\.[a-z]+)"/i.exec(message)?.[1] ?? /'([^']+)'/.exec(message)?.[1] ?? null;

/** For a promise's catch: the error names `path` (a write through a file handle names none). */
export const naming =
  (path: string) =>
  (error: unknown): never => {
    if (error && typeof error === 'object' && !('path' in error)) Object.assign(error, { path });
    throw error;
  };

/** The Chinese message for an error that stopped the run (a `task`: 导入, 构建, 生成报告…). */
export function faultMessage(error: unknown, task = '导入'): string {
  if (error instanceof IngestError) return `${task}失败：${error.message}\n已有的输出未被改动。`;
  const e = (error ?? {}) as SystemError;
  let code = e.code;
  let path = e.path ?? e.dest ?? null;
  if (!code || !BY_CODE[code]) {
    const duck = DUCKDB.find(([pattern]) => pattern.test(String(e.message)));
    if (duck) {
      code = duck[1];
      path ??= quotedPath(String(e.message));
    }
  }
  if (code === 'ERR_STRING_TOO_LONG' || code === 'ERR_FS_FILE_TOO_LARGE')
    return `${task}失败：有文件太大，无法一次读入${path ? `（${path}）` : ''}。请按系部或月份拆分成多个文件后重试。\n已有的输出未被改动。`;
  const say = code ? BY_CODE[code] : undefined;
  if (say) return `${task}失败：${say(path ?? '（未知路径）')}\n已有的输出未被改动。`;
  return `${task}失败：程序遇到了意外的错误（${String(e.message ?? error).split('\n')[0]}）。已有的输出未被改动。请把这条信息和所用的文件夹告诉系统维护人员（设置环境变量 INGEST_DEBUG=1 再运行可看到详细信息）。`;
}
