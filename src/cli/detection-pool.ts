import { existsSync, readdirSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import {
  type DetectionRequest,
  prepareRequest,
  runOne,
  type SeriesItem,
  type SeriesOutcome,
} from './detection-job.ts';
import type { WorkerReply, WorkerRequest } from './detection-worker.ts';
import { type LeanOutcomes, LeanOutcomesBuilder, mergeLeanOutcomes } from './lean-outcomes.ts';
import { packSeries, seriesBatchTransfer } from './series-batch.ts';

export type { DetectionRequest, SeriesItem, SeriesOutcome } from './detection-job.ts';
export type { LeanOutcomes } from './lean-outcomes.ts';

export interface PoolOptions {
  /** Threads in all: this one and threads − 1 workers (1: this thread alone). Default: all cores. */
  readonly threads?: number;
  /** Series per message to a worker (default: shrinking with the work left, at most 1,000). */
  readonly chunkSize?: number;
  readonly onProgress?: (done: number, total: number) => void;
}

/**
 * Runs one detection request over many series, on all cores: this thread and worker threads take
 * chunks of series in turn, outcomes come back in input order. The request is validated here first, so a bad algorithm or
 * control fails once, before any work starts.
 */
export async function runDetections(
  items: ReadonlyArray<SeriesItem>,
  request: DetectionRequest,
  options: PoolOptions = {},
): Promise<ReadonlyArray<SeriesOutcome>> {
  const results: SeriesOutcome[] = new Array(items.length);
  await runPool(items, request, options, false, (start, reply) => {
    const outcomes = reply.outcomes ?? [];
    for (let i = 0; i < outcomes.length; i++) results[start + i] = outcomes[i];
  });
  return results;
}

/**
 * `runDetections` for callers that need only alarm, upper bound, expected and score (e.g. a national
 * run over 100,000 series): results come back packed in typed arrays, moved rather than copied
 * between threads, without the method extras.
 */
export async function runLeanDetections(
  items: ReadonlyArray<SeriesItem>,
  request: DetectionRequest,
  options: PoolOptions = {},
): Promise<LeanOutcomes> {
  const parts: LeanOutcomes[] = [];
  const starts: number[] = [];
  await runPool(items, request, options, true, (start, reply) => {
    if (reply.lean === undefined) return;
    parts.push(reply.lean);
    starts.push(start);
  });
  const order = parts.map((_, i) => i).sort((a, b) => starts[a] - starts[b]);
  return mergeLeanOutcomes(order.map((i) => parts[i]));
}

/** Chunks in flight per worker: the next one waits in its queue while it works on the current one. */
const IN_FLIGHT = 2;

/** Series this thread runs at most between looks at its workers' messages. */
const HERE_CHUNK = 200;

/** Series per message to a worker at most. */
const WORKER_CHUNK = 1000;

async function runPool(
  items: ReadonlyArray<SeriesItem>,
  request: DetectionRequest,
  options: PoolOptions,
  lean: boolean,
  receive: (start: number, reply: WorkerReply) => void,
): Promise<void> {
  const prepared = prepareRequest(request);
  const total = items.length;
  const threads = Math.max(1, Math.min(options.threads ?? availableParallelism(), Math.ceil(total / 64)));
  // This thread works too, beside threads − 1 workers: a CLI run has nothing else to do meanwhile,
  // and it saves one worker's start-up and warm-up.
  const runHere = (start: number, end: number): void => {
    const count = end - start;
    if (lean) {
      const builder = new LeanOutcomesBuilder(count);
      for (let i = start; i < end; i++) builder.add(runOne(prepared, items[i]));
      receive(start, { start, count, lean: builder.finish() });
    } else {
      const outcomes: SeriesOutcome[] = [];
      for (let i = start; i < end; i++) outcomes.push(runOne(prepared, items[i]));
      receive(start, { start, count, outcomes });
    }
  };
  if (threads === 1) {
    const step = Math.max(256, options.chunkSize ?? 0);
    for (let start = 0; start < total; start += step) {
      const end = Math.min(total, start + step);
      runHere(start, end);
      options.onProgress?.(end, total);
    }
    return;
  }
  // Started first: workers load their modules while the first chunks are packed.
  const workers = Array.from({ length: threads - 1 }, startWorker);
  // Guided chunks: large while much is left, small at the end, so that the threads finish together.
  const chunk = (limit: number): number =>
    options.chunkSize ?? Math.max(16, Math.min(limit, Math.ceil((total - next) / (threads * IN_FLIGHT * 2))));
  let next = 0;
  let done = 0;
  try {
    const here = new Promise<void>((resolve, reject) => {
      const tick = (): void => {
        if (next >= total) {
          resolve();
          return;
        }
        const start = next;
        const end = Math.min(total, start + chunk(HERE_CHUNK));
        next = end;
        try {
          runHere(start, end);
        } catch (error) {
          reject(error);
          return;
        }
        done += end - start;
        options.onProgress?.(done, total);
        setImmediate(tick);
      };
      setImmediate(tick);
    });
    await Promise.all([
      here,
      ...workers.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            let pending = 0;
            const send = (): void => {
              if (next >= total) return;
              const start = next;
              const end = Math.min(total, start + chunk(WORKER_CHUNK));
              next = end;
              const batch = packSeries((i) => items[i].series, start, end);
              const ids = lean ? undefined : items.slice(start, end).map((item) => item.id);
              const message: WorkerRequest = { batch, ids };
              worker.postMessage(message, seriesBatchTransfer(batch));
              pending++;
            };
            worker.on('message', (reply: WorkerReply) => {
              pending--;
              send();
              receive(reply.start, reply);
              done += reply.count;
              options.onProgress?.(done, total);
              if (pending === 0) resolve();
            });
            worker.on('error', reject);
            worker.on('exit', (code) => {
              if (pending > 0) reject(new Error(`detection worker stopped (exit code ${code})`));
            });
            const init: WorkerRequest = { request, lean };
            worker.postMessage(init);
            for (let k = 0; k < IN_FLIGHT; k++) send();
            if (pending === 0) resolve();
          }),
      ),
    ]);
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

/** Where the pool's workers load their code from (see `detectionWorkerSource`). */
export type WorkerSource = 'bundle' | 'built' | 'source';

/**
 * Where workers start from: `bundle` — dist/cli/detection-worker.bundle.js, the built worker and its
 * dependencies in one file (a worker then starts in ~60 ms of CPU instead of ~200 ms for the ~650
 * files of the built modules); `built` — dist/cli/detection-worker.js; `source` — the TypeScript
 * sources through tsx (~1 s per worker). A build is used only when it is at least as new as every
 * source the worker runs.
 */
export function detectionWorkerSource(): WorkerSource {
  return workerEntry().source;
}

function startWorker(): Worker {
  const entry = workerEntry();
  if (entry.url !== undefined) return new Worker(entry.url);
  const source = new URL('./detection-worker.ts', import.meta.url);
  // On Node 20 `--import tsx` in execArgv does not reach a worker's own .ts entry: register tsx inside it.
  const code = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(source.href)}); })`;
  return new Worker(code, { eval: true });
}

interface WorkerEntry {
  readonly source: WorkerSource;
  readonly url: URL | undefined;
}

let entryCache: WorkerEntry | undefined;

function workerEntry(): WorkerEntry {
  entryCache ??= findWorkerEntry();
  return entryCache;
}

function findWorkerEntry(): WorkerEntry {
  const fromSources = import.meta.url.endsWith('.ts');
  const built = fromSources
    ? new URL('../../dist/cli/detection-worker.js', import.meta.url)
    : new URL('./detection-worker.js', import.meta.url);
  const bundle = new URL('./detection-worker.bundle.js', built);
  if (fromSources && !existsSync(fileURLToPath(built))) return { source: 'source', url: undefined };
  const builtAt = fromSources
    ? newerThanSources(fileURLToPath(built))
    : statSync(fileURLToPath(built)).mtimeMs;
  if (builtAt === undefined) return { source: 'source', url: undefined };
  const bundleFile = fileURLToPath(bundle);
  if (existsSync(bundleFile) && statSync(bundleFile).mtimeMs >= builtAt)
    return { source: 'bundle', url: bundle };
  return { source: 'built', url: built };
}

/** The build's time if no source the worker runs changed after it, else `undefined`. */
function newerThanSources(file: string): number | undefined {
  const builtAt = statSync(file).mtimeMs;
  const cli = fileURLToPath(new URL('.', import.meta.url));
  const detection = fileURLToPath(new URL('../detection/', import.meta.url));
  const sources = [
    ...['detection-worker.ts', 'detection-job.ts', 'lean-outcomes.ts', 'series-batch.ts'].map(
      (f) => `${cli}${f}`,
    ),
    ...readdirSync(detection, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
      .map((f) => `${detection}${f}`),
  ];
  for (const f of sources) if (statSync(f).mtimeMs > builtAt) return undefined;
  return builtAt;
}
