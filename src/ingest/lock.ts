/**
 * One run at a time per output folder (the ingest's public/data, the build's dist/). A second run
 * into the same `--out` would otherwise clear the first one's half-written folder (what a killed
 * run leaves) and make it fail or hang.
 * The lock is a file beside the output folder, created exclusively, holding the owner's process
 * id and host; a run finding it refuses with a message — unless its owner is gone (a killed
 * run), when it is taken over.
 */
import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { IngestError } from './records.ts';

interface Owner {
  pid: number;
  host: string;
  started: string;
}

export function lockPath(out: string): string {
  return join(dirname(out), `.${basename(out)}.lock`);
}

/** Whether process `pid` on this host is still running. */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readOwner(path: string): Owner | null {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Owner;
  } catch {
    return null;
  }
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Takes the output folder's lock, or throws an IngestError naming who holds it (a `task`: 导入, 构建). Returns the release. */
export async function lockOutput(out: string, task = '导入'): Promise<() => void> {
  const path = lockPath(out);
  const me: Owner = { pid: process.pid, host: hostname(), started: new Date().toISOString() };
  for (let attempt = 0; attempt < 50; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, JSON.stringify(me));
      closeSync(fd);
      let held = true;
      return () => {
        if (held && readOwner(path)?.pid === me.pid) rmSync(path, { force: true });
        held = false;
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const owner = readOwner(path);
    // Being written this instant: look again in a moment.
    if (!owner) {
      await pause(20);
      continue;
    }
    if (owner.host === me.host && !isRunning(owner.pid)) {
      // Its owner was killed: the lock is stale. Removed only if it is still the same one.
      if (readOwner(path)?.pid === owner.pid) rmSync(path, { force: true });
      continue;
    }
    const where = owner.host === me.host ? `进程 ${owner.pid}` : `计算机 ${owner.host} 上的进程 ${owner.pid}`;
    throw new IngestError(
      out,
      `另一次${task}正在写入这个输出文件夹（${where}，开始于 ${new Date(owner.started).toLocaleString('zh-CN', { hour12: false })}）。请等它结束后再运行；如确认没有${task}在运行，可删除文件 ${path} 后重试。`,
    );
  }
  throw new IngestError(out, `无法取得输出文件夹的锁（${path}）。请稍后重试。`);
}
