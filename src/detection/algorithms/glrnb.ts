/**
 * Count-data regression charts: Höhle M, Paul M (2008), "Count data regression charts for the
 * monitoring of surveillance time series", Computational Statistics & Data Analysis 52:4357–4368, as
 * implemented by R `surveillance` 1.20.3 `algo.glrnb` (spec §5). A seasonal log-linear in-control mean
 * μ₀,t (Poisson or negative binomial) is monitored for a shift of the intercept (GLR or, with a known
 * shift, LR CUSUM) or for an epidemic change; the chart restarts after every alarm.
 */
import { DetectionInputError, DetectionOptionsError, type OptionProblem } from '../errors.ts';
import { checkRange, type DetectionRange, rangeLength } from '../range.ts';
import type { DetectionResult } from '../result.ts';
import { type CountSeries, PERIODS_PER_YEAR } from '../series/count-series.ts';
import type { ChartDirection, ChartOutput } from './glr/chart-output.ts';
import { epidemicGlrChart } from './glr/epidemic-glr-chart.ts';
import { fitInControlMean, type InControlFit } from './glr/in-control-mean.ts';
import { knownShiftLrChart } from './glr/known-shift-lr-chart.ts';
import { nbGlrCases } from './glr/nb-glr-cases.ts';
import { nbGlrChart } from './glr/nb-glr-chart.ts';
import { poissonGlrChart } from './glr/poisson-glr-chart.ts';

/** Where the in-control mean μ₀,t comes from (R `control$mu0`). */
export type GlrInControlMean =
  | {
      /** Fitted to the counts before the range (R: `mu0` NULL or a list). */
      readonly kind: 'estimated';
      /** Number S of harmonic pairs cos/sin(2πst/f) in the log-linear model (R `mu0$S`). */
      readonly harmonics: number;
      /** Whether the model has a linear trend in the time index t (R `mu0$trend`). */
      readonly trend: boolean;
      /**
       * Whether the model is refitted at every restart after an alarm, on all counts before the new
       * segment, keeping α at its first value (R `mu0$refit`).
       */
      readonly refit: boolean;
    }
  | {
      /** Given per monitored point (R: `mu0` a numeric vector as long as the range). */
      readonly kind: 'given';
      /** μ₀,t > 0, expected counts, aligned with the range. */
      readonly values: ArrayLike<number>;
    };

export interface GlrnbOptions {
  /** Alarm threshold c_γ on the chart statistic, in log-likelihood-ratio units (R `c.ARL`). */
  readonly threshold: number;
  /** In-control mean μ₀,t (R `mu0`). */
  readonly mu0: GlrInControlMean;
  /**
   * Negative binomial dispersion α ≥ 0, Var = μ + αμ² (paper α; R `alpha`); 0 gives the Poisson charts.
   * `null` (R: key absent) estimates it with the in-control model as 1/θ̂ of `MASS::glm.nb`; it must
   * then be estimated, i.e. `mu0` must not be given.
   */
  readonly alpha: number | null;
  /** Minimum number M̃ ≥ 1 of points a change is estimated from (paper M̃; R `Mtilde`). */
  readonly minWindow: number;
  /**
   * Window limit M (paper M; R `M`): −1 for an unlimited window; otherwise the change point is searched
   * among the last M (+1) points only.
   */
  readonly maxWindow: number;
  /** Alternative to monitor: a shift of the intercept or an epidemic change μ₀,t + λx_{t−1} (R `change`). */
  readonly change: 'intercept' | 'epi';
  /**
   * Known shift κ ≠ 0 of the log mean (paper κ; R `theta`): an LR CUSUM for that shift instead of the
   * GLR chart, detecting increases only. `null` estimates the shift (GLR).
   */
  readonly knownShift: number | null;
  /** Direction of the change to detect, increase or decrease (R `dir`); LR charts detect increases. */
  readonly direction: 'inc' | 'dec';
  /**
   * What `upperBound` holds (R `ret`): the chart statistic (`value`) or the count at each point that
   * would have raised an alarm (`cases`); not available for epidemic charts.
   */
  readonly output: 'value' | 'cases';
  /** Largest count tried when searching the NB GLR `cases` by brute force (R `xMax`). */
  readonly casesSearchLimit: number;
}

/** R's defaults: c.ARL 5, μ₀ estimated with S = 1 and no trend, α estimated, M̃ = 1, M = −1. */
export const DEFAULT_GLRNB_OPTIONS: Readonly<GlrnbOptions> = Object.freeze({
  threshold: 5,
  mu0: Object.freeze({ kind: 'estimated', harmonics: 1, trend: false, refit: false }),
  alpha: null,
  minWindow: 1,
  maxWindow: -1,
  change: 'intercept',
  knownShift: null,
  direction: 'inc',
  output: 'value',
  casesSearchLimit: 1e4,
});

export interface GlrnbResult extends DetectionResult {
  /** In-control mean μ₀,t actually used (after refits). */
  readonly expected: Float64Array;
  /**
   * R's `upperbound`: the chart statistic (`output` = value) or the counts needed for an alarm
   * (`output` = cases; 1e99 where the NB search found none up to its limit).
   */
  readonly upperBound: Float64Array;
  /** The chart statistic (GLR_n or LR CUSUM S_n), restarted after every alarm; 0 where not evaluated. */
  readonly statistic: Float64Array;
  /** Counts needed for an alarm when `output` = cases, else `undefined`. */
  readonly casesNeeded: Float64Array | undefined;
  /** Alarm threshold c the statistic was compared with. */
  readonly threshold: number;
  /** NB dispersion α used by the charts (0 = Poisson; estimated when the options had `null`). */
  readonly alpha: number;
  /** In-control models fitted: the first fit, then one per refit; empty when μ₀ was given. */
  readonly inControlFits: ReadonlyArray<InControlFit>;
}

function isFiniteNumber(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

function isInteger(v: unknown, min: number): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= min;
}

/** Merges options with the defaults and checks them; throws `DetectionOptionsError` listing every problem. */
export function glrnbOptions(options?: Partial<GlrnbOptions>, algorithm = 'glrnb'): GlrnbOptions {
  const o: GlrnbOptions = { ...DEFAULT_GLRNB_OPTIONS, ...options };
  const problems: OptionProblem[] = [];
  const bad = (option: string, message: string): void => {
    problems.push({ option, message });
  };
  if (!isFiniteNumber(o.threshold)) bad('threshold', `expected a finite number, got ${o.threshold}`);
  const mu0 = o.mu0;
  if (mu0.kind === 'estimated') {
    if (!isInteger(mu0.harmonics, 0)) bad('mu0.harmonics', `expected an integer ≥ 0, got ${mu0.harmonics}`);
    if (typeof mu0.trend !== 'boolean') bad('mu0.trend', 'expected true or false');
    if (typeof mu0.refit !== 'boolean') bad('mu0.refit', 'expected true or false');
  } else if (mu0.kind === 'given') {
    for (let i = 0; i < mu0.values.length; i++) {
      const v = mu0.values[i];
      if (!(isFiniteNumber(v) && v > 0)) {
        bad('mu0', `expected positive finite in-control means, got ${v} at position ${i + 1}`);
        break;
      }
    }
    // R stops here ("argument is of length zero"): α cannot be estimated without the model.
    if (o.alpha === null) bad('alpha', 'must be given when mu0 is given as values');
  } else {
    bad('mu0', 'expected an estimated model or given values');
  }
  if (o.alpha !== null && !(isFiniteNumber(o.alpha) && o.alpha >= 0)) {
    bad('alpha', `expected a finite number ≥ 0 or null (estimate), got ${o.alpha}`);
  }
  if (!isInteger(o.minWindow, 1)) bad('minWindow', `expected an integer ≥ 1, got ${o.minWindow}`);
  if (!isInteger(o.maxWindow, -1)) bad('maxWindow', `expected an integer ≥ −1, got ${o.maxWindow}`);
  if (o.change !== 'intercept' && o.change !== 'epi') {
    bad('change', `expected "intercept" or "epi", got ${JSON.stringify(o.change)}`);
  }
  if (o.knownShift !== null && !(isFiniteNumber(o.knownShift) && o.knownShift !== 0)) {
    bad('knownShift', `expected a finite non-zero number or null, got ${o.knownShift}`);
  }
  if (o.direction !== 'inc' && o.direction !== 'dec') {
    bad('direction', `expected "inc" or "dec", got ${JSON.stringify(o.direction)}`);
  }
  if (o.output !== 'value' && o.output !== 'cases') {
    bad('output', `expected "value" or "cases", got ${JSON.stringify(o.output)}`);
  }
  if (o.output === 'cases' && o.change === 'epi') {
    // R's epidemic charts return no cases and algo.glrnb then fails.
    bad('output', '"cases" is not available for the epidemic chart (change = "epi")');
  }
  if (!(typeof o.casesSearchLimit === 'number' && !Number.isNaN(o.casesSearchLimit))) {
    bad('casesSearchLimit', `expected a number, got ${o.casesSearchLimit}`);
  }
  if (problems.length > 0) throw new DetectionOptionsError(algorithm, problems);
  return o;
}

/**
 * R has no default range. Tocsin's: with an estimated in-control mean, every point after the first
 * year (f periods) of training data; with given means, the last `values.length` points.
 */
export function defaultGlrnbRange(series: CountSeries, options?: Partial<GlrnbOptions>): DetectionRange {
  const opts = glrnbOptions(options);
  const n = series.observed.length;
  const from =
    opts.mu0.kind === 'given' ? n - opts.mu0.values.length : Math.min(PERIODS_PER_YEAR[series.frequency], n);
  if (from < (opts.mu0.kind === 'given' ? 0 : 1) || from > n - 1) {
    throw new DetectionInputError(
      opts.mu0.kind === 'given'
        ? `the series has ${n} counts but ${opts.mu0.values.length} in-control means were given`
        : `the in-control model needs a year (${from} periods) of counts before the first monitored point; the series has ${n}`,
      'observed',
    );
  }
  return { from, to: n - 1 };
}

/**
 * Runs the chart on `range` (default: `defaultGlrnbRange`). Throws `DetectionInputError` where R stops:
 * a range starting at the first count or with no training count (estimated μ₀), given means whose
 * number differs from the range length, a missing count with the NB `cases` search.
 */
export function glrnb(
  series: CountSeries,
  options?: Partial<GlrnbOptions>,
  range?: DetectionRange,
  algorithm = 'glrnb',
): GlrnbResult {
  const opts = glrnbOptions(options, algorithm);
  const observed = series.observed;
  const r = range ?? defaultGlrnbRange(series, opts);
  checkRange(r, observed.length);
  const length = rangeLength(r);
  const period = PERIODS_PER_YEAR[series.frequency];
  const x = observed.slice(r.from, r.to + 1);
  // R hands the counts to its C code through as.integer (truncation); missing counts stay NaN.
  const counts = x.map(Math.trunc);

  const fits: InControlFit[] = [];
  let mu0: Float64Array;
  let alpha: number;
  const model = opts.mu0;
  if (model.kind === 'given') {
    if (model.values.length !== length) {
      throw new DetectionInputError(
        `mu0 has ${model.values.length} values but the range has ${length} points`,
        'mu0',
      );
    }
    mu0 = Float64Array.from(model.values);
    alpha = opts.alpha ?? 0;
  } else {
    const est = fitInControlMean(observed, period, r.from, r.from, r.to, model, opts.alpha);
    fits.push(est.fit);
    mu0 = est.mu0;
    alpha = opts.alpha ?? est.fit.alpha;
  }

  const statistic = new Float64Array(length);
  const casesNeeded = opts.output === 'cases' ? new Float64Array(length) : undefined;
  const out: ChartOutput = { statistic, cases: casesNeeded };
  const alarm = new Array<boolean | null>(length).fill(false);
  const threshold = opts.threshold;
  const direction: ChartDirection = opts.direction === 'inc' ? 1 : -1;
  const M = opts.maxWindow;
  const Mtilde = opts.minWindow;

  let start = 0;
  let previousCount = 0;
  while (start < length) {
    let alarmAt: number;
    if (opts.change === 'epi') {
      alarmAt = epidemicGlrChart(
        counts,
        mu0,
        start,
        length,
        { threshold, alpha, M, Mtilde, previousCount },
        out,
      );
    } else if (opts.knownShift !== null) {
      alarmAt = knownShiftLrChart(
        counts,
        mu0,
        start,
        length,
        { threshold, kappa: opts.knownShift, alpha },
        out,
      );
    } else if (alpha === 0) {
      alarmAt = poissonGlrChart(counts, mu0, start, length, { threshold, direction, M, Mtilde }, out);
    } else {
      const settings = { threshold, direction, alpha, M, Mtilde };
      alarmAt = nbGlrChart(counts, mu0, start, length, settings, out);
      if (casesNeeded !== undefined) {
        nbGlrCases(counts, mu0, start, length, alarmAt, settings, opts.casesSearchLimit, casesNeeded);
      }
    }
    if (alarmAt < 0) break;
    alarm[alarmAt] = true;
    // R keeps x₋₁ as the untruncated double.
    previousCount = x[alarmAt];
    start = alarmAt + 1;
    // After an alarm on the last point R still refits (on an empty range) and fails; nothing is left to monitor.
    if (model.kind === 'estimated' && model.refit && start < length) {
      // α stays at its first value, so an estimated α is refitted as a fixed-θ NB model (R quirk).
      const from = r.from + start;
      const est = fitInControlMean(observed, period, from, from, r.to, model, alpha);
      fits.push(est.fit);
      mu0.set(est.mu0, start);
    }
  }

  // R reports NA/NaN and negative statistics (including the "no window" −1e99) as 0.
  for (let i = 0; i < length; i++) {
    if (!(statistic[i] > 0)) statistic[i] = 0;
    if (casesNeeded !== undefined && !(casesNeeded[i] > 0)) casesNeeded[i] = 0;
  }
  return {
    algorithm,
    range: r,
    observed: x,
    expected: mu0,
    upperBound: casesNeeded ?? statistic,
    alarm,
    statistic,
    casesNeeded,
    threshold,
    alpha,
    inControlFits: fits,
  };
}
