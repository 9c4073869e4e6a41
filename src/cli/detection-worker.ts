import { parentPort } from 'node:worker_threads';
import { type DetectionRequest, prepareRequest, runOne, type SeriesItem } from './detection-job.ts';

/** Worker side of the detection pool: receives a request once, then chunks of series. */
interface WorkerMessage {
  readonly request?: DetectionRequest;
  readonly chunk?: ReadonlyArray<SeriesItem>;
}

const port = parentPort;
if (port === null) throw new Error('detection-worker must run in a worker thread');
let prepared: ReturnType<typeof prepareRequest> | undefined;
port.on('message', (msg: WorkerMessage) => {
  if (msg.request !== undefined) prepared = prepareRequest(msg.request);
  if (msg.chunk !== undefined && prepared !== undefined) {
    const p = prepared;
    port.postMessage(msg.chunk.map((item) => runOne(p, item)));
  }
});
