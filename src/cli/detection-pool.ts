import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import {
  type DetectionRequest,
  prepareRequest,
  runOne,
  type SeriesItem,
  type SeriesOutcome,
} from './detection-job.ts';

export type { DetectionRequest, SeriesItem, SeriesOutcome } from './detection-job.ts';

export interface PoolOptions {
  /** Worker threads; 1 runs in this thread. Default: all cores. */
  readonly threads?: number;
  /** Series per message to a worker. */
  readonly chunkSize?: number;
  readonly onProgress?: (done: number, total: number) => void;
}

/**
 * Runs one detection request over many series, on all cores: series go to worker threads in chunks,
 * outcomes come back in input order. The request is validated here first, so a bad algorithm or
 * control fails once, before any work starts.
 */
export async function runDetections(
  items: ReadonlyArray<SeriesItem>,
  request: DetectionRequest,
  options: PoolOptions = {},
): Promise<ReadonlyArray<SeriesOutcome>> {
  const prepared = prepareRequest(request);
  const threads = Math.max(
    1,
    Math.min(options.threads ?? availableParallelism(), Math.ceil(items.length / 64)),
  );
  const total = items.length;
  if (threads === 1) {
    const out: SeriesOutcome[] = [];
    for (let i = 0; i < total; i++) {
      out.push(runOne(prepared, items[i]));
      if (options.onProgress !== undefined && (i % 256 === 255 || i === total - 1))
        options.onProgress(i + 1, total);
    }
    return out;
  }
  const chunkSize = options.chunkSize ?? Math.max(16, Math.min(2000, Math.ceil(total / (threads * 8))));
  const results: SeriesOutcome[] = new Array(total);
  const isTs = import.meta.url.endsWith('.ts');
  const workerUrl = new URL(isTs ? './detection-worker.ts' : './detection-worker.js', import.meta.url);
  // On Node 20 `--import tsx` in execArgv does not reach a worker's own .ts entry: register tsx inside it.
  const tsEntry = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(workerUrl.href)}); })`;
  const workers = Array.from({ length: threads }, () =>
    isTs ? new Worker(tsEntry, { eval: true }) : new Worker(workerUrl),
  );
  let next = 0;
  let done = 0;
  try {
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            let start = 0;
            const send = (): void => {
              if (next >= total) {
                resolve();
                return;
              }
              start = next;
              next = Math.min(total, next + chunkSize);
              worker.postMessage({ chunk: items.slice(start, next) });
            };
            worker.on('message', (outcomes: SeriesOutcome[]) => {
              for (let i = 0; i < outcomes.length; i++) results[start + i] = outcomes[i];
              done += outcomes.length;
              options.onProgress?.(done, total);
              send();
            });
            worker.on('error', reject);
            worker.postMessage({ request });
            send();
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return results;
}
