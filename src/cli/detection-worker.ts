import { parentPort } from 'node:worker_threads';
import {
  type DetectionRequest,
  type PreparedRequest,
  prepareRequest,
  runOne,
  type SeriesOutcome,
} from './detection-job.ts';
import { type LeanOutcomes, LeanOutcomesBuilder, leanOutcomesTransfer } from './lean-outcomes.ts';
import { type SeriesBatch, unpackSeries } from './series-batch.ts';

/** A message to a worker: the request once (and whether lean outcomes are wanted), then batches of series. */
export interface WorkerRequest {
  readonly request?: DetectionRequest;
  readonly lean?: boolean;
  readonly batch?: SeriesBatch;
  /** The batch's series identifiers (full outcomes only). */
  readonly ids?: ReadonlyArray<string>;
}

/** A worker's answer to one batch: full outcomes, or lean ones. */
export interface WorkerReply {
  readonly start: number;
  readonly count: number;
  readonly outcomes?: ReadonlyArray<SeriesOutcome>;
  readonly lean?: LeanOutcomes;
}

const port = parentPort;
if (port === null) throw new Error('detection-worker must run in a worker thread');
let prepared: PreparedRequest | undefined;
let lean = false;
port.on('message', (msg: WorkerRequest) => {
  if (msg.request !== undefined) {
    prepared = prepareRequest(msg.request);
    lean = msg.lean === true;
  }
  const batch = msg.batch;
  if (batch === undefined || prepared === undefined) return;
  if (lean) {
    const builder = new LeanOutcomesBuilder(batch.count);
    for (let i = 0; i < batch.count; i++)
      builder.add(runOne(prepared, { id: '', series: unpackSeries(batch, i) }));
    const packed = builder.finish();
    const reply: WorkerReply = { start: batch.start, count: batch.count, lean: packed };
    port.postMessage(reply, leanOutcomesTransfer(packed));
  } else {
    const outcomes: SeriesOutcome[] = new Array(batch.count);
    for (let i = 0; i < batch.count; i++) {
      outcomes[i] = runOne(prepared, { id: msg.ids?.[i] ?? '', series: unpackSeries(batch, i) });
    }
    const reply: WorkerReply = { start: batch.start, count: batch.count, outcomes };
    port.postMessage(reply);
  }
});
