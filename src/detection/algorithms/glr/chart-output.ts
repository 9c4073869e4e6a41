/**
 * What the count-data charts of Höhle & Paul (2008) share: each runs on one segment `start … end − 1`
 * of the monitored points (the chart restarts after every alarm, spec §5.3), writes its statistic and,
 * when asked, the counts needed for an alarm, and returns the absolute index of its first alarm or −1.
 */
export interface ChartOutput {
  /** The chart statistic per monitored point; positions the chart does not evaluate are left at 0. */
  readonly statistic: Float64Array;
  /** Counts needed for an alarm (R `ret = "cases"`), or `undefined` when not requested. */
  readonly cases: Float64Array | undefined;
}

/** Detection direction d of the GLR charts: +1 detects increases (R `dir = "inc"`), −1 decreases. */
export type ChartDirection = 1 | -1;

/** C's `fmax(0, v)`: a NaN argument yields 0 (JavaScript's `Math.max` would give NaN). */
export function fmax0(v: number): number {
  // biome-ignore lint/complexity/useMathMinMax: Math.max(NaN, 0) is NaN, C's fmax(0, NaN) is 0.
  return v > 0 ? v : 0;
}

/** The statistic R starts every maximum from (`maxGLR = -1e99`); it is reported as 0 at the end. */
export const NO_WINDOW = -1e99;
