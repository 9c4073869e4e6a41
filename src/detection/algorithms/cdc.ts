/**
 * The CDC method — Stroup DF, Williamson GD, Herndon JL, Karon JM (1989), Detection of aberrations in
 * the occurrence of notifiable diseases surveillance data, Stat Med 8:323–329, with the prediction
 * interval of Farrington CP, Andrews NJ (2003), Outbreak detection: application to infectious disease
 * surveillance, in Monitoring the Health of Populations, OUP. Reproduces R `surveillance::algo.cdc`
 * 1.20.3 (spec §8): the current 4-week total against 4-week totals around the same time of past years.
 */
import { DetectionInputError, DetectionOptionsError, type OptionProblem } from '../errors.ts';
import { qnorm } from '../math/distributions.ts';
import { sampleMean, sampleSd } from '../math/sample-moments.ts';
import { checkRange, type DetectionRange, rangeLength } from '../range.ts';
import type { DetectionResult } from '../result.ts';
import { type CountSeries, PERIODS_PER_YEAR } from '../series/count-series.ts';
import { isMissing } from '../series/missing.ts';

export interface CdcOptions {
  /** Number of past years b in the baseline (integer ≥ 1). R `control$b`. */
  readonly b: number;
  /**
   * Half-width m of each past year's window, in 4-period blocks (integer ≥ 0): a year contributes the
   * 2m + 1 blocks centred on the current 4 periods, so the baseline has (2m + 1)·b totals. R `control$m`.
   */
  readonly m: number;
  /** Two-sided significance level α in (0, 1); the threshold uses z_{1−α/2}. R `control$alpha`. */
  readonly alpha: number;
}

export const DEFAULT_CDC_OPTIONS: Readonly<CdcOptions> = Object.freeze({ b: 5, m: 1, alpha: 0.025 });

/**
 * Why a point has no bound or no alarm. `missing-observed`: one of the current 4 counts is missing (the
 * bound is still given); `missing-baseline`: a count in the baseline blocks is missing (R: NA bound);
 * `single-block`: b = 1 and m = 0 leave one baseline total, whose standard deviation is NA in R.
 */
export type CdcStatus = 'ok' | 'missing-observed' | 'missing-baseline' | 'single-block';

export interface CdcResult extends DetectionResult {
  readonly algorithm: 'cdc';
  /**
   * `observed` is the count of period t; this is the 4-period total y_{t−3} + … + y_t that `upperBound`
   * and the alarm refer to (R's `aggr`). `expected` is the mean of the baseline totals.
   */
  readonly fourWeekTotal: Float64Array;
  /** Standard deviation (n − 1) of the baseline 4-period totals. */
  readonly baselineSd: Float64Array;
  readonly status: ReadonlyArray<CdcStatus>;
}

/** Largest value R's `as.integer` keeps; larger block totals become NA. */
const R_INT_MAX = 2_147_483_647;

/**
 * Offsets (relative to t) of the baseline periods, in R's order: sorted, then cut into consecutive
 * blocks of 4. R quirk: for m ≥ 6 the years' windows overlap and the sort interleaves them, so blocks
 * then mix periods of different years; this order reproduces that.
 */
function baselineOffsets(b: number, m: number, f: number): Int32Array {
  const width = 8 * m + 4;
  const offsets = new Int32Array(b * width);
  let j = 0;
  for (let year = -b; year <= -1; year++) {
    for (let d = -4 * m - 3; d <= 4 * m; d++) offsets[j++] = year * f + d;
  }
  return offsets.sort();
}

/** The first index (0-based) with a complete baseline: b·f + 4m + 3. */
export function cdcFirstIndex(series: CountSeries, options: Pick<CdcOptions, 'b' | 'm'>): number {
  return options.b * PERIODS_PER_YEAR[series.frequency] + 4 * options.m + 3;
}

/** Every monitorable point: from the first complete baseline to the end (R's own default range is broken). */
export function cdcDefaultRange(series: CountSeries, options: Pick<CdcOptions, 'b' | 'm'>): DetectionRange {
  const from = cdcFirstIndex(series, options);
  const n = series.observed.length;
  if (from > n - 1) {
    throw new DetectionInputError(
      `cdc with b = ${options.b}, m = ${options.m} needs more than ${from} periods; the series has ${n}`,
      'observed',
    );
  }
  return { from, to: n - 1 };
}

/** Every problem with a set of options. */
export function cdcOptionProblems(options: CdcOptions): OptionProblem[] {
  const problems: OptionProblem[] = [];
  if (!Number.isInteger(options.b) || options.b < 1) {
    problems.push({ option: 'b', message: `expected an integer ≥ 1, got ${options.b}` });
  }
  if (!Number.isInteger(options.m) || options.m < 0) {
    problems.push({ option: 'm', message: `expected an integer ≥ 0, got ${options.m}` });
  }
  if (!(options.alpha > 0 && options.alpha < 1)) {
    problems.push({ option: 'alpha', message: `expected a number in (0, 1), got ${options.alpha}` });
  }
  return problems;
}

function resolveOptions(options: Partial<CdcOptions> | undefined): CdcOptions {
  const o: CdcOptions = { ...DEFAULT_CDC_OPTIONS, ...options };
  const problems = cdcOptionProblems(o);
  if (problems.length > 0) throw new DetectionOptionsError('cdc', problems);
  return o;
}

/** The CDC method over `range` (default: every point with a complete baseline). */
export function cdc(series: CountSeries, options?: Partial<CdcOptions>, range?: DetectionRange): CdcResult {
  const opts = resolveOptions(options);
  const y = series.observed;
  const r = range ?? cdcDefaultRange(series, opts);
  checkRange(r, y.length);
  const first = cdcFirstIndex(series, opts);
  if (r.from < first) {
    throw new DetectionInputError(
      `cdc with b = ${opts.b}, m = ${opts.m} needs the range to start at index ${first} (0-based) or later, got ${r.from}`,
      'range',
    );
  }
  const offsets = baselineOffsets(opts.b, opts.m, PERIODS_PER_YEAR[series.frequency]);
  const nBlocks = offsets.length / 4;
  const blocks = new Float64Array(nBlocks);
  const z = qnorm(1 - opts.alpha / 2);
  const inflation = Math.sqrt(1 + 1 / nBlocks);
  const n = rangeLength(r);
  const observed = y.slice(r.from, r.to + 1);
  const expected = new Float64Array(n);
  const baselineSd = new Float64Array(n);
  const upperBound = new Float64Array(n);
  const fourWeekTotal = new Float64Array(n);
  const alarm: (boolean | null)[] = new Array(n);
  const status: CdcStatus[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const t = r.from + i;
    let missingBaseline = false;
    for (let j = 0; j < nBlocks; j++) {
      let s = 0;
      for (let q = 4 * j; q < 4 * j + 4; q++) s += y[t + offsets[q]];
      // R quirk: block totals pass through as.integer (truncation; NA beyond the 32-bit range).
      const total = Math.trunc(s);
      if (isMissing(total) || Math.abs(total) > R_INT_MAX) missingBaseline = true;
      blocks[j] = total;
    }
    const mean = missingBaseline ? Number.NaN : sampleMean(blocks, 0, nBlocks - 1);
    const sd = missingBaseline ? Number.NaN : sampleSd(blocks, 0, nBlocks - 1);
    const u = mean + z * sd * inflation;
    const total = y[t] + y[t - 1] + y[t - 2] + y[t - 3];
    expected[i] = mean;
    baselineSd[i] = sd;
    upperBound[i] = u;
    fourWeekTotal[i] = total;
    if (Number.isNaN(u)) {
      status[i] = missingBaseline ? 'missing-baseline' : 'single-block';
      alarm[i] = null;
    } else if (isMissing(total)) {
      status[i] = 'missing-observed';
      alarm[i] = null;
    } else {
      status[i] = 'ok';
      alarm[i] = total > u;
    }
  }
  return {
    algorithm: 'cdc',
    range: r,
    observed,
    expected,
    upperBound,
    alarm,
    fourWeekTotal,
    baselineSd,
    status,
  };
}
