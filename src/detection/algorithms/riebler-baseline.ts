/**
 * The reference values of the Bayes and RKI systems (Riebler 2004, bachelor's thesis, LMU Munich; R
 * `surveillance` `algo.bayes`/`algo.rki`, spec §6–§7): the `w` periods before time point t when the
 * current year is used, plus a window of ±w periods around t in each of the `b` past years. Past years are
 * always reached by index arithmetic (`t − i·f`), even for date-indexed series.
 */
import { DetectionInputError, type OptionProblem } from '../errors.ts';
import type { DetectionRange } from '../range.ts';
import { type CountSeries, PERIODS_PER_YEAR } from '../series/count-series.ts';
import { MISSING } from '../series/missing.ts';

/** Shape of the reference window, shared by `BayesOptions` and `RkiOptions`. */
export interface RieblerWindow {
  /** Number of past years in the baseline (R `control$b`). */
  readonly b: number;
  /** Half-width of each past-year window and length of the current-year window, in periods (R `control$w`). */
  readonly w: number;
  /** Whether the `w` periods just before t belong to the baseline (R `control$actY`). */
  readonly actY: boolean;
}

/** Problems with `b` and `w` (non-negative integers), for the option validation of both systems. */
export function rieblerWindowProblems(window: RieblerWindow): OptionProblem[] {
  const problems: OptionProblem[] = [];
  if (!Number.isInteger(window.b) || window.b < 0) {
    problems.push({ option: 'b', message: `expected an integer ≥ 0, got ${window.b}` });
  }
  if (!Number.isInteger(window.w) || window.w < 0) {
    problems.push({ option: 'w', message: `expected an integer ≥ 0, got ${window.w}` });
  }
  if (typeof window.actY !== 'boolean') {
    problems.push({ option: 'actY', message: `expected true or false, got ${JSON.stringify(window.actY)}` });
  }
  return problems;
}

/** Number of values `fillRieblerBaseline` writes at most (the buffer size it needs). */
export function rieblerBaselineCapacity(window: RieblerWindow): number {
  // R quirk: with w = 0, `(t − w):(t − 1)` counts down and yields y[t], y[t−1].
  const current = window.actY ? (window.w === 0 ? 2 : window.w) : 0;
  return current + window.b * (2 * window.w + 1);
}

/** 0-based index of the first time point that passes R's guard `t − b·f − w ≥ 1`. */
export function firstRieblerPoint(series: CountSeries, window: RieblerWindow): number {
  return window.b * PERIODS_PER_YEAR[series.frequency] + window.w;
}

/** R's default would be no range at all; Tocsin monitors every point that passes R's guard. */
export function defaultRieblerRange(
  series: CountSeries,
  window: RieblerWindow,
  method: string,
): DetectionRange {
  const from = firstRieblerPoint(series, window);
  const n = series.observed.length;
  if (from > n - 1) {
    throw new DetectionInputError(
      `${method} needs at least b·f + w + 1 = ${from + 1} periods, the series has ${n}`,
      'observed',
    );
  }
  return { from, to: n - 1 };
}

/** Throws like R ("The vector of observed is too short!") when the range starts before the guard allows. */
export function checkRieblerRange(
  series: CountSeries,
  window: RieblerWindow,
  range: DetectionRange,
  method: string,
): void {
  const first = firstRieblerPoint(series, window);
  if (range.from < first) {
    throw new DetectionInputError(
      `${method} with b = ${window.b}, w = ${window.w} needs t − b·f − w ≥ 1, so the range must start at ` +
        `1-based index ${first + 1} or later (it starts at ${range.from + 1})`,
      'range',
    );
  }
}

/**
 * Writes the baseline of 0-based time point `t` into `out` (in R's order) and returns how many values
 * were written. Positions after the end of the series are written as missing, as R's out-of-bounds
 * subscripts give NA. The caller has checked the range with `checkRieblerRange`.
 */
export function fillRieblerBaseline(
  observed: Float64Array,
  periodsPerYear: number,
  window: RieblerWindow,
  t: number,
  out: Float64Array,
): number {
  const n = observed.length;
  const { b, w } = window;
  let k = 0;
  if (window.actY) {
    if (w === 0) {
      // R quirk: `(t − 0):(t − 1)` is the decreasing pair t, t − 1 (index 0 is dropped), so the current
      // value itself enters the baseline.
      out[k++] = observed[t];
      if (t >= 1) out[k++] = observed[t - 1];
    } else {
      for (let j = t - w; j <= t - 1; j++) out[k++] = observed[j];
    }
  }
  for (let i = 1; i <= b; i++) {
    const centre = t - i * periodsPerYear;
    for (let j = centre - w; j <= centre + w; j++) out[k++] = j < n ? observed[j] : MISSING;
  }
  return k;
}
