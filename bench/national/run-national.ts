import { runDetections } from '../../src/cli/detection-pool.ts';
import type { NationalSeries } from './national-series.ts';

/** The national-size run: many series, the last week monitored, through the CLI's worker pool. */
export interface NationalRun {
  readonly series: number;
  readonly threads: number;
  /** Wall time from handing the series to the pool until every outcome is back, seconds. */
  readonly seconds: number;
  readonly ok: number;
  readonly failed: number;
  readonly alarms: number;
  /** The most frequent failure, if any. */
  readonly firstError: string;
}

/** Runs one detector configuration on the last week of every series with `threads` threads. */
export async function runNational(
  items: ReadonlyArray<NationalSeries>,
  algorithm: string,
  control: unknown,
  threads: number,
): Promise<NationalRun> {
  const t0 = performance.now();
  const outcomes = await runDetections(
    items.map((s) => ({ id: s.id, series: s.series })),
    { algorithm, control, range: { kind: 'last', n: 1 } },
    { threads },
  );
  const seconds = (performance.now() - t0) / 1000;
  let ok = 0;
  let alarms = 0;
  let firstError = '';
  for (const o of outcomes) {
    if (o.ok) {
      ok++;
      if (o.result.alarm.some((a) => a === true)) alarms++;
    } else if (firstError === '') firstError = `${o.error.code}: ${o.error.message}`;
  }
  return { series: items.length, threads, seconds, ok, failed: outcomes.length - ok, alarms, firstError };
}
