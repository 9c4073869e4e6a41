import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** R's time for some work as recorded in ../shared/bench/r-results (used when R is not installed). */
export interface RecordedRSpeed {
  readonly task: 'weekly' | 'daily';
  readonly algorithm: string;
  /** Seconds per series and monitored point. */
  readonly secondsPerPoint: number;
  /** CPU seconds per series and point (NaN where only elapsed time was recorded). */
  readonly cpuSecondsPerPoint: number;
  /** Which file and run it comes from. */
  readonly source: string;
}

function csv(path: string): Record<string, string>[] {
  const [head, ...lines] = readFileSync(path, 'utf8').trim().split(/\r?\n/);
  const names = head.split(',');
  return lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [names[i], v])));
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)];
}

/**
 * R's recorded speed: dedicated runs from `r-speed-runs.csv` where they exist (farringtonFlexible,
 * glrnb, daily EARS C3), otherwise the quality run's `alarms-public/run_times.csv` (other core busy).
 */
export function recordedRSpeed(rResultsDir: string): RecordedRSpeed[] {
  const runs = csv(join(rResultsDir, 'r-speed-runs.csv'));
  const dedicated = (task: string, column: 'elapsed_s' | 'cpu_s'): number => {
    const perRun = runs
      .filter((r) => r.task === task)
      .map(
        (r) =>
          Number(r[column]) / (Number(r.n_series) * Number(r.points_per_series) * Number(r.reps_per_run)),
      );
    return median(perRun);
  };
  const quality = csv(join(rResultsDir, 'alarms-public/run_times.csv'));
  const shared = (algorithm: string): number => {
    const row = quality.find((r) => r.algorithm === algorithm);
    return row === undefined ? Number.NaN : Number(row.per_series_ms) / 1000 / 49;
  };
  const fromDedicated = (task: 'weekly' | 'daily', algorithm: string, runTask: string): RecordedRSpeed => ({
    task,
    algorithm,
    secondsPerPoint: dedicated(runTask, 'elapsed_s'),
    cpuSecondsPerPoint: dedicated(runTask, 'cpu_s'),
    source: 'r-speed-runs.csv (dedicated, median of 3)',
  });
  const fromQualityRun = (algorithm: string): RecordedRSpeed => ({
    task: 'weekly',
    algorithm,
    secondsPerPoint: shared(algorithm),
    cpuSecondsPerPoint: Number.NaN,
    source: 'run_times.csv (quality run, other core busy)',
  });
  return [
    fromDedicated('weekly', 'farrington_noufaily', 'ff_all'),
    fromQualityRun('farrington_orig'),
    fromQualityRun('ears_c3'),
    fromDedicated('weekly', 'glrnb', 'glrnb_1000'),
    fromQualityRun('cusum'),
    fromDedicated('daily', 'ears_c3', 'ears_c3_loop'),
  ];
}
