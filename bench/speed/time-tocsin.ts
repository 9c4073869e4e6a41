import type { DetectionRange } from '../../src/detection/range.ts';
import type { CountSeries } from '../../src/detection/series/count-series.ts';
import type { PreparedBenchAlgorithm } from '../algorithms/prepare-bench-algorithm.ts';

/** One timed loop of an algorithm over a set of series, on one core. */
export interface LoopTiming {
  readonly series: number;
  /** Monitored points per series. */
  readonly points: number;
  /** Wall time of the loop, seconds (the median over repeats). */
  readonly seconds: number;
  /** CPU time of this process during that loop, seconds. */
  readonly cpuSeconds: number;
  /** Every repeat's wall time, seconds. */
  readonly repeats: ReadonlyArray<number>;
}

export interface TimingOptions {
  /**
   * Untimed calls on the first series before timing (JIT warm-up; R's script warms up too). When
   * those suggest a whole loop takes under 2 s, the warm-up is one whole untimed loop instead.
   */
  readonly warmup: number;
  /** Timed loops; the median is reported. */
  readonly repeats: number;
}

/** Times `prepared.run` over every series on this thread: the same loop as R's `system.time`. */
export function timeTocsin(
  prepared: PreparedBenchAlgorithm,
  series: ReadonlyArray<CountSeries>,
  range: (s: CountSeries) => DetectionRange,
  options: TimingOptions,
): LoopTiming {
  const ranges = series.map(range);
  const w = Math.min(options.warmup, series.length);
  const tw = performance.now();
  for (let i = 0; i < w; i++) prepared.run(series[i], ranges[i]);
  const estimatedLoop = w > 0 ? ((performance.now() - tw) / 1000 / w) * series.length : 0;
  if (estimatedLoop < 2) for (let i = w; i < series.length; i++) prepared.run(series[i], ranges[i]);
  const runs: { wall: number; cpu: number }[] = [];
  for (let r = 0; r < options.repeats; r++) {
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    for (let i = 0; i < series.length; i++) prepared.run(series[i], ranges[i]);
    const wall = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    runs.push({ wall, cpu: (cpu.user + cpu.system) / 1e6 });
  }
  const sorted = [...runs].sort((a, b) => a.wall - b.wall);
  const median = sorted[Math.floor((sorted.length - 1) / 2)];
  const first = ranges[0];
  return {
    series: series.length,
    points: first === undefined ? 0 : first.to - first.from + 1,
    seconds: median.wall,
    cpuSeconds: median.cpu,
    repeats: runs.map((x) => x.wall),
  };
}
