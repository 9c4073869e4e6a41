import { detectionWorkerSource } from '../../src/cli/detection-pool.ts';
import type { NationalSeries } from './national-series.ts';

type Pool = typeof import('../../src/cli/detection-pool.ts');

/**
 * The pool as `tocsin detect` runs it: from the build (dist/cli/detection-pool.js) when it is fresh,
 * so that the calling thread, which takes its share of the series, runs the same code as the workers;
 * else from the sources.
 */
export async function nationalPool(): Promise<{ readonly pool: Pool; readonly from: string }> {
  if (detectionWorkerSource() === 'source')
    return { pool: await import('../../src/cli/detection-pool.ts'), from: 'src/cli/detection-pool.ts' };
  const built = new URL('../../dist/cli/detection-pool.js', import.meta.url).href;
  return { pool: (await import(built)) as Pool, from: 'dist/cli/detection-pool.js (the build)' };
}

/** The national-size run: many series, the last week monitored, through the CLI's worker pool. */
export interface NationalRun {
  readonly series: number;
  readonly threads: number;
  /** Wall time from handing the series to the pool until every outcome is back, seconds. */
  readonly seconds: number;
  /** CPU time of the whole process (every thread) over the same span, seconds. */
  readonly cpuSeconds: number;
  readonly ok: number;
  readonly failed: number;
  readonly alarms: number;
  /** The first failure, if any. */
  readonly firstError: string;
}

/** Runs one detector configuration on the last week of every series with `threads` threads. */
export async function runNational(
  items: ReadonlyArray<NationalSeries>,
  algorithm: string,
  control: unknown,
  threads: number,
): Promise<NationalRun> {
  const { pool } = await nationalPool();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  // Lean outcomes (alarm, bound, expected, score in typed arrays): the run needs no method extras.
  const out = await pool.runLeanDetections(
    items,
    { algorithm, control, range: { kind: 'last', n: 1 } },
    { threads },
  );
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  let alarms = 0;
  for (let i = 0; i < out.count; i++) {
    for (let j = out.pointStart[i]; j < out.pointStart[i + 1]; j++) {
      if (out.alarm[j] === 1) {
        alarms++;
        break;
      }
    }
  }
  const first = out.errors[0];
  return {
    series: items.length,
    threads,
    seconds,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    ok: out.count - out.errors.length,
    failed: out.errors.length,
    alarms,
    firstError: first === undefined ? '' : `${first.error.code}: ${first.error.message}`,
  };
}
