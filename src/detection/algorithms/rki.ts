/**
 * The RKI system: the Robert Koch Institute's internal method as documented by Riebler A (2004),
 * "Empirischer Vergleich von statistischen Methoden zur Ausbruchserkennung bei Surveillance Daten",
 * bachelor's thesis, LMU Munich, and implemented by R `surveillance` 1.20.3 `algo.rki` (spec §7). Above a
 * baseline mean of 20 the bound is mean + 2·sd; below it, a tabulated upper 95 % Poisson limit.
 */
import { DetectionInputError, DetectionOptionsError } from '../errors.ts';
import { checkRange, type DetectionRange, rangeLength } from '../range.ts';
import type { DetectionResult } from '../result.ts';
import { type CountSeries, PERIODS_PER_YEAR } from '../series/count-series.ts';
import { isMissing } from '../series/missing.ts';
import {
  checkRieblerRange,
  defaultRieblerRange,
  fillRieblerBaseline,
  rieblerBaselineCapacity,
  rieblerWindowProblems,
} from './riebler-baseline.ts';

export interface RkiOptions {
  /** Number of past years whose window around the same period enters the baseline (R `control$b`). */
  readonly b: number;
  /**
   * Window half-width in periods: ±w around the same period of each past year, and the w periods before
   * the current one when `actY` (R `control$w`).
   */
  readonly w: number;
  /** Whether the w periods just before the current one enter the baseline (R `control$actY`). */
  readonly actY: boolean;
}

/** R's defaults (the rki3 system). */
export const DEFAULT_RKI_OPTIONS: Readonly<RkiOptions> = Object.freeze({ b: 2, w: 4, actY: false });

/** The three named systems (R `algo.rki1`, `algo.rki2`, `algo.rki3`). */
export const RKI_VARIANTS: Readonly<Record<'rki1' | 'rki2' | 'rki3', Readonly<RkiOptions>>> = Object.freeze({
  rki1: Object.freeze({ b: 0, w: 6, actY: true }),
  rki2: Object.freeze({ b: 1, w: 6, actY: true }),
  rki3: DEFAULT_RKI_OPTIONS,
});

/**
 * Upper 95 % limits for a Poisson count whose mean rounds down to the index (column "O" of the package's
 * internal table `CIdata`), used while the baseline mean is at most 20.
 */
export const RKI_POISSON_LIMITS: ReadonlyArray<number> = Object.freeze([
  3.285, 5.323, 6.686, 8.102, 9.598, 11.177, 12.817, 13.765, 14.921, 16.768, 17.633, 19.05, 20.335, 21.364,
  22.945, 23.762, 25.4, 26.306, 27.735, 28.966, 30.017,
]);

export interface RkiResult extends DetectionResult {
  /** `expected` is the baseline mean μ̄. */
  readonly expected: Float64Array;
  /** Sample standard deviation (n − 1) of the baseline; NaN with fewer than two values. */
  readonly baselineSd: Float64Array;
  /** True where the bound came from the Poisson table (μ̄ ≤ 20), false where it is μ̄ + 2·sd. */
  readonly poissonTable: ReadonlyArray<boolean>;
}

/** Merges options with the defaults and checks them; throws `DetectionOptionsError` listing every problem. */
export function rkiOptions(options?: Partial<RkiOptions>): RkiOptions {
  const merged: RkiOptions = { ...DEFAULT_RKI_OPTIONS, ...options };
  const problems = rieblerWindowProblems(merged);
  if (merged.b === 0 && merged.actY === false) {
    // R takes the mean of an empty vector (NA) and stops at `if (mu > 20)`.
    problems.push({ option: 'actY', message: 'b = 0 with actY = false leaves the baseline empty' });
  }
  if (problems.length > 0) throw new DetectionOptionsError('rki', problems);
  return merged;
}

/** Every point from the first one R accepts (`t − b·f − w ≥ 1`) to the end; R itself has no default. */
export function defaultRkiRange(series: CountSeries, options?: Partial<RkiOptions>): DetectionRange {
  return defaultRieblerRange(series, rkiOptions(options), 'rki');
}

/**
 * Runs the RKI system on `range` (default: `defaultRkiRange`). Throws `DetectionInputError` where R
 * stops: a range starting before `t − b·f − w ≥ 1`, or a missing count in any baseline. A missing current
 * count gives a bound but no alarm decision.
 */
export function rki(series: CountSeries, options?: Partial<RkiOptions>, range?: DetectionRange): RkiResult {
  const opts = rkiOptions(options);
  const observed = series.observed;
  const r = range ?? defaultRieblerRange(series, opts, 'rki');
  checkRange(r, observed.length);
  checkRieblerRange(series, opts, r, 'rki');

  const f = PERIODS_PER_YEAR[series.frequency];
  const m = rangeLength(r);
  const out = {
    observed: new Float64Array(m),
    expected: new Float64Array(m),
    upperBound: new Float64Array(m),
    alarm: new Array<boolean | null>(m),
    baselineSd: new Float64Array(m),
    poissonTable: new Array<boolean>(m),
  };
  const buffer = new Float64Array(rieblerBaselineCapacity(opts));
  for (let i = 0; i < m; i++) {
    const t = r.from + i;
    const length = fillRieblerBaseline(observed, f, opts, t, buffer);
    let sum = 0;
    for (let j = 0; j < length; j++) {
      if (isMissing(buffer[j])) {
        // R's mean is NA and `if (mu > 20)` stops with "missing value where TRUE/FALSE needed".
        throw new DetectionInputError(
          `rki cannot use a missing count in the baseline of 1-based index ${t + 1}`,
          'observed',
        );
      }
      sum += buffer[j];
    }
    // Two-pass mean and variance as R's mean() and var().
    let mean = sum / length;
    let correction = 0;
    for (let j = 0; j < length; j++) correction += buffer[j] - mean;
    mean += correction / length;
    let squares = 0;
    for (let j = 0; j < length; j++) squares += (buffer[j] - mean) ** 2;
    const sd = length >= 2 ? Math.sqrt(squares / (length - 1)) : Number.NaN;

    const table = !(mean > 20);
    const upper = table ? RKI_POISSON_LIMITS[Math.floor(mean)] : mean + 2 * sd;
    const y = observed[t];
    out.observed[i] = y;
    out.expected[i] = mean;
    out.upperBound[i] = upper;
    out.alarm[i] = isMissing(y) || Number.isNaN(upper) ? null : y > upper;
    out.baselineSd[i] = sd;
    out.poissonTable[i] = table;
  }
  return { algorithm: 'rki', range: r, ...out };
}
