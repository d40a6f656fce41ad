/**
 * The worker reading the tail of a large CSV (see csvSheet and ingestSheet): started before the
 * head is read so that it is loaded meanwhile; told how to read the rows once the head's header
 * is known; its result added to the sheet when the head has been read.
 */
import { Worker } from 'node:worker_threads';
import type { TailJob, TailResult, TailStart } from './tail-read.ts';
import { unbalancedQuotes } from './readers/csv.ts';
import { UnreadableFileError, type SetAsideCode } from './readers/types.ts';

type Unreadable = { unreadable: { message: string; code: SetAsideCode } };
type Reply = { progress: number } | { result: TailResult } | { unbalanced: number } | Unreadable | { error: string };

export interface TailWorker {
  /** Start reading the rows. */
  read(start: TailStart): void;
  /** The tail's rows; `line` is the tail's first line in the file, for a message about quotes. */
  result(line: number, onRows: (rows: number) => void): Promise<TailResult>;
  /** Stop the worker, if it is still running (after a result: nothing). */
  cancel(): void;
}

export function startTail(job: TailJob): TailWorker {
  // A file is read by the worker itself; bytes in memory are copied for it, and handed over.
  const { source, start, end } = job.tail;
  const tail = source instanceof Uint8Array ? { ...job.tail, source: source.slice(start, end), start: 0, end: end - start } : job.tail;
  const worker = new Worker(new URL('./tail-worker.ts', import.meta.url), {
    workerData: { ...job, tail } satisfies TailJob,
    transferList: tail.source instanceof Uint8Array ? [tail.source.buffer as ArrayBuffer] : [],
  });
  let running = true;
  let progress: (rows: number) => void = () => {};
  const reply = new Promise<TailResult | { unbalanced: number } | Unreadable>((resolve, reject) => {
    worker.on('message', (message: Reply) => {
      if ('progress' in message) return progress(message.progress);
      running = false;
      if ('result' in message) resolve(message.result);
      else if ('unbalanced' in message || 'unreadable' in message) resolve(message);
      else reject(new Error(`${job.file}: ${message.error}`));
    });
    worker.on('error', (error) => {
      running = false;
      reject(error);
    });
    worker.on('exit', (code) => {
      if (running) reject(new Error(`${job.file}: the worker reading the second half stopped (exit code ${code})`));
      running = false;
    });
  });
  reply.catch(() => {}); // if cancelled, nobody waits for it
  return {
    read: (start) => worker.postMessage(start),
    async result(line, onRows) {
      progress = onRows;
      const result = await reply;
      if ('unbalanced' in result) throw unbalancedQuotes(line + result.unbalanced - 1);
      if ('unreadable' in result) throw new UnreadableFileError(result.unreadable.message, result.unreadable.code);
      return result;
    },
    cancel() {
      if (running) void worker.terminate();
      running = false;
    },
  };
}
