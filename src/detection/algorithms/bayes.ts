/**
 * The Bayes system: Riebler A (2004), "Empirischer Vergleich von statistischen Methoden zur
 * Ausbruchserkennung bei Surveillance Daten", bachelor's thesis, LMU Munich, as implemented by R
 * `surveillance` 1.20.3 `algo.bayes` (spec §6). A Poisson count with a non-informative Gamma prior,
 * updated with the baseline counts, predicts the current count by a negative binomial distribution; its
 * (1 − α) quantile is the upper bound.
 */
import { DetectionOptionsError, type OptionProblem } from '../errors.ts';
import { qnbinom } from '../math/distributions.ts';
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

export interface BayesOptions {
  /** Number of past years whose window around the same period enters the baseline (R `control$b`). */
  readonly b: number;
  /**
   * Window half-width in periods: ±w around the same period of each past year, and the w periods before
   * the current one when `actY` (R `control$w`).
   */
  readonly w: number;
  /** Whether the w periods just before the current one enter the baseline (R `control$actY`). */
  readonly actY: boolean;
  /** One-sided level α of the prediction interval; the bound is its 1 − α quantile (R `control$alpha`). */
  readonly alpha: number;
}

/** R's defaults (the bayes1 system). */
export const DEFAULT_BAYES_OPTIONS: Readonly<BayesOptions> = Object.freeze({
  b: 0,
  w: 6,
  actY: true,
  alpha: 0.05,
});

/** The three named systems of the thesis (R `algo.bayes1`, `algo.bayes2`, `algo.bayes3`). */
export const BAYES_VARIANTS: Readonly<Record<'bayes1' | 'bayes2' | 'bayes3', Readonly<BayesOptions>>> =
  Object.freeze({
    bayes1: DEFAULT_BAYES_OPTIONS,
    bayes2: Object.freeze({ b: 1, w: 6, actY: true, alpha: 0.05 }),
    bayes3: Object.freeze({ b: 2, w: 4, actY: false, alpha: 0.05 }),
  });

export interface BayesResult extends DetectionResult {
  /** `expected` is the predictive mean (S + ½)/N of the negative binomial. */
  readonly expected: Float64Array;
  /** Sum S of the non-missing baseline counts per monitored point. */
  readonly baselineSum: Float64Array;
  /** Number N of non-missing baseline counts per monitored point (0 gives a NaN bound). */
  readonly baselineCount: Int32Array;
}

/** Merges options with the defaults and checks them; throws `DetectionOptionsError` listing every problem. */
export function bayesOptions(options?: Partial<BayesOptions>): BayesOptions {
  const merged: BayesOptions = { ...DEFAULT_BAYES_OPTIONS, ...options };
  const problems: OptionProblem[] = rieblerWindowProblems(merged);
  if (!(typeof merged.alpha === 'number' && merged.alpha >= 0 && merged.alpha <= 1)) {
    problems.push({ option: 'alpha', message: `expected a number in [0, 1], got ${merged.alpha}` });
  }
  if (problems.length > 0) throw new DetectionOptionsError('bayes', problems);
  return merged;
}

/** Every point from the first one R accepts (`t − b·f − w ≥ 1`) to the end; R itself has no default. */
export function defaultBayesRange(series: CountSeries, options?: Partial<BayesOptions>): DetectionRange {
  return defaultRieblerRange(series, bayesOptions(options), 'bayes');
}

/**
 * Runs the Bayes system on `range` (default: `defaultBayesRange`). Missing baseline counts are skipped;
 * a missing current count gives a bound but no alarm decision. Throws `DetectionInputError` where R stops
 * (a range starting before `t − b·f − w ≥ 1`).
 */
export function bayes(
  series: CountSeries,
  options?: Partial<BayesOptions>,
  range?: DetectionRange,
): BayesResult {
  const opts = bayesOptions(options);
  const observed = series.observed;
  const r = range ?? defaultRieblerRange(series, opts, 'bayes');
  checkRange(r, observed.length);
  checkRieblerRange(series, opts, r, 'bayes');

  const f = PERIODS_PER_YEAR[series.frequency];
  const m = rangeLength(r);
  const out = {
    observed: new Float64Array(m),
    expected: new Float64Array(m),
    upperBound: new Float64Array(m),
    alarm: new Array<boolean | null>(m),
    baselineSum: new Float64Array(m),
    baselineCount: new Int32Array(m),
  };
  const p = 1 - opts.alpha;
  const buffer = new Float64Array(rieblerBaselineCapacity(opts));
  for (let i = 0; i < m; i++) {
    const t = r.from + i;
    const length = fillRieblerBaseline(observed, f, opts, t, buffer);
    let sum = 0;
    let count = 0;
    for (let j = 0; j < length; j++) {
      if (isMissing(buffer[j])) continue;
      sum += buffer[j];
      count++;
    }
    // With no baseline value the probability N/(N+1) is 0, where R's qnbinom gives NaN.
    const upper = qnbinom(p, sum + 0.5, count / (count + 1));
    const y = observed[t];
    out.observed[i] = y;
    out.expected[i] = count > 0 ? (sum + 0.5) / count : Number.NaN;
    out.upperBound[i] = upper;
    out.alarm[i] = isMissing(y) || Number.isNaN(upper) ? null : y > upper;
    out.baselineSum[i] = sum;
    out.baselineCount[i] = count;
  }
  return { algorithm: 'bayes', range: r, ...out };
}
