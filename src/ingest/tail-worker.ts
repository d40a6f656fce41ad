/** Worker: reads the tail of a large CSV (see tail.ts). */
import { parentPort, workerData } from 'node:worker_threads';
import { ingestTail, type TailJob, type TailStart } from './tail-read.ts';
import { UnbalancedQuotes } from './readers/csv-parse.ts';
import { UnreadableFileError } from './readers/types.ts';

const job = workerData as TailJob;
const port = parentPort!;
port.once('message', (start: TailStart) => {
  try {
    const result = ingestTail(job, start, (rows) => port.postMessage({ progress: rows }));
    port.postMessage({ result });
  } catch (error) {
    if (error instanceof UnbalancedQuotes) port.postMessage({ unbalanced: error.line });
    else if (error instanceof UnreadableFileError) port.postMessage({ unreadable: { message: error.message, code: error.code } });
    else port.postMessage({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
});
