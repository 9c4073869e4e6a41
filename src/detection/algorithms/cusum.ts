/**
 * Poisson CUSUM on standardised counts — Rossi G, Lampugnani L, Marchi M (1999), An approximate CUSUM
 * procedure for surveillance of health events, Stat Med 18:2111–2122. Reproduces R
 * `surveillance::algo.cusum` 1.20.3 (spec §4): the in-control mean, the five standardising transforms,
 * the never-resetting chart and the back-transformed upper bound.
 */
import { DetectionInputError, DetectionOptionsError, type OptionProblem } from '../errors.ts';
import { fitGlm, linearPredictor } from '../math/glm.ts';
import { NA_KIND, type NaKind, naKindOf } from '../math/na-kind.ts';
import { sampleMean } from '../math/sample-moments.ts';
import { checkRange, type DetectionRange, rangeLength } from '../range.ts';
import type { DetectionResult } from '../result.ts';
import { dateParts, dayNumberFromParts, isoWeek } from '../series/calendar.ts';
import { type CountSeries, PERIODS_PER_YEAR } from '../series/count-series.ts';
import { isMissing } from '../series/missing.ts';

/**
 * How a count x is standardised against the in-control mean m: `standard` (x − m)/√m; `rossi`
 * (x − 3m + 2√(xm))/(2√m); `anscombe` 1.5(x^⅔ − m^⅔)/m^⅙; `anscombe2nd` the Anscombe residual with
 * the second-order mean correction; `pearsonNegBin` (x − m)/√(m + αm²); `none` x itself.
 */
export type CusumTransform = 'standard' | 'rossi' | 'anscombe' | 'anscombe2nd' | 'pearsonNegBin' | 'none';

/**
 * The in-control mean: `null` = mean of all counts before the range; a number; one value per range
 * point; or `'glm'` = a Poisson regression with one yearly harmonic fitted to the counts before the range.
 */
export type CusumInControlMean = null | number | 'glm' | ArrayLike<number>;

export interface CusumOptions {
  /** Reference value k, in standardised units: subtracted from every z_t before cumulating. R `control$k`. */
  readonly k: number;
  /** Decision interval h, in standardised units: alarm when S_t ≥ h. R `control$h`. */
  readonly h: number;
  /** In-control mean m of the counts (Rossi's λ₀), see `CusumInControlMean`. R `control$m`. */
  readonly m: CusumInControlMean;
  /** Standardising transform, see `CusumTransform`. R `control$trans`. */
  readonly trans: CusumTransform;
  /**
   * Negative binomial dispersion α (variance m + α·m², ≥ 0); used only by `pearsonNegBin`.
   * R `control$alpha`.
   */
  readonly alpha: number;
}

export const DEFAULT_CUSUM_OPTIONS: Readonly<CusumOptions> = Object.freeze({
  k: 1.04,
  h: 2.26,
  m: null,
  trans: 'standard',
  alpha: 0.1,
});

/**
 * Why a point has no statistic. `missing-data`: a count in the range up to t, or the in-control mean,
 * is missing (R: NA); `undefined`: the statistic became 0/0, e.g. a count of 0 against an in-control
 * mean of 0 (R: NaN). The chart never recovers from either, as in R.
 */
export type CusumStatus = 'ok' | 'missing-data' | 'undefined';

export interface CusumResult extends DetectionResult {
  readonly algorithm: 'cusum';
  readonly trans: CusumTransform;
  /** `expected` is the in-control mean m_t; this is the standardised count z_t. */
  readonly standardized: Float64Array;
  /** The CUSUM S_t = max(0, S_{t−1} + z_t − k), S before the range = 0. */
  readonly cusum: Float64Array;
  readonly status: ReadonlyArray<CusumStatus>;
  /** `m = 'glm'` only: intercept, cos and sin coefficients (NaN if aliased). */
  readonly glmCoefficients: Float64Array | undefined;
  /** `m = 'glm'` only: whether the IRLS converged. */
  readonly glmConverged: boolean | undefined;
}

export const CUSUM_TRANSFORMS: ReadonlyArray<CusumTransform> = [
  'standard',
  'rossi',
  'anscombe',
  'anscombe2nd',
  'pearsonNegBin',
  'none',
];

/**
 * R has no default range for `algo.cusum` (it fails without one). Tocsin monitors the last year and
 * takes the in-control mean from everything before it.
 */
export function cusumDefaultRange(series: CountSeries): DetectionRange {
  const n = series.observed.length;
  if (n < 2) throw new DetectionInputError('cusum needs at least 2 periods', 'observed');
  return { from: Math.max(1, n - PERIODS_PER_YEAR[series.frequency]), to: n - 1 };
}

function isNonNegative(v: number): boolean {
  return Number.isFinite(v) && v >= 0;
}

/** Every problem with a set of options. */
export function cusumOptionProblems(options: CusumOptions): OptionProblem[] {
  const problems: OptionProblem[] = [];
  if (!Number.isFinite(options.k))
    problems.push({ option: 'k', message: `expected a number, got ${options.k}` });
  if (!Number.isFinite(options.h))
    problems.push({ option: 'h', message: `expected a number, got ${options.h}` });
  if (!isNonNegative(options.alpha)) {
    problems.push({ option: 'alpha', message: `expected a number ≥ 0, got ${options.alpha}` });
  }
  if (!CUSUM_TRANSFORMS.includes(options.trans)) {
    problems.push({
      option: 'trans',
      message: `expected one of ${CUSUM_TRANSFORMS.join(', ')}, got ${String(options.trans)}`,
    });
  }
  const m = options.m;
  if (typeof m === 'number') {
    if (!isNonNegative(m)) problems.push({ option: 'm', message: `expected a mean ≥ 0, got ${m}` });
  } else if (m !== null && m !== 'glm') {
    if (typeof m !== 'object' || typeof m.length !== 'number') {
      problems.push({ option: 'm', message: `expected null, "glm", a number or an array of numbers` });
    } else {
      for (let i = 0; i < m.length; i++) {
        if (!isNonNegative(m[i])) {
          problems.push({ option: 'm', message: `m[${i}] = ${m[i]} is not a mean ≥ 0` });
          break;
        }
      }
    }
  }
  return problems;
}

function resolveOptions(options: Partial<CusumOptions> | undefined): CusumOptions {
  const o: CusumOptions = { ...DEFAULT_CUSUM_OPTIONS, ...options };
  const problems = cusumOptionProblems(o);
  if (problems.length > 0) throw new DetectionOptionsError('cusum', problems);
  return o;
}

/** R's `epochInYear` of the first epoch (the `start[2]` of the `disProg` object): ISO week, month or day of year. */
function firstPeriodInYear(series: CountSeries): number {
  const d = series.dates[0];
  switch (series.frequency) {
    case 'weekly':
      return isoWeek(d).week;
    case 'monthly':
      return dateParts(d).month;
    case 'daily':
      return d - dayNumberFromParts(dateParts(d).year, 1, 1) + 1;
  }
}

interface GlmMean {
  readonly m: Float64Array;
  readonly coefficients: Float64Array;
  readonly converged: boolean;
}

/** Poisson GLM `y ~ 1 + cos(2πt/p) + sin(2πt/p)` on the counts before the range, predicted on the range. */
function harmonicGlmMean(series: CountSeries, range: DetectionRange): GlmMean {
  const y = series.observed;
  const p = PERIODS_PER_YEAR[series.frequency];
  const start = firstPeriodInYear(series);
  const omega = (2 * Math.PI) / p;
  // R quirk: a range starting at index 1 makes `1:(timePoint-1)` c(1, 0): two rows of y[1], at t = start
  // and start − 1.
  const rows: number[] = [];
  const times: number[] = [];
  if (range.from === 0) {
    rows.push(0, 0);
    times.push(start, start - 1);
  } else {
    for (let i = 0; i < range.from; i++) {
      rows.push(i);
      times.push(start + i);
    }
  }
  // glm's default na.action drops rows with a missing count.
  let m = 0;
  for (const i of rows) if (!isMissing(y[i])) m++;
  if (m === 0) {
    throw new DetectionInputError(
      'cusum m = "glm": no non-missing count before the range to fit',
      'observed',
    );
  }
  const yy = new Float64Array(m);
  const x = new Float64Array(3 * m);
  let r = 0;
  for (let j = 0; j < rows.length; j++) {
    const v = y[rows[j]];
    if (isMissing(v)) continue;
    yy[r] = v;
    x[r] = 1;
    x[m + r] = Math.cos(omega * times[j]);
    x[2 * m + r] = Math.sin(omega * times[j]);
    r++;
  }
  const fit = fitGlm({ y: yy, x, p: 3 }, { family: { kind: 'poisson' } });
  if (fit.failed) {
    throw new DetectionInputError('cusum m = "glm": the Poisson fit found no valid coefficients', 'observed');
  }
  const n = rangeLength(range);
  const out = new Float64Array(n);
  const row = new Float64Array(3);
  row[0] = 1;
  for (let i = 0; i < n; i++) {
    const t = start + range.from + i;
    row[1] = Math.cos(omega * t);
    row[2] = Math.sin(omega * t);
    out[i] = Math.exp(linearPredictor(fit, row));
  }
  return { m: out, coefficients: Float64Array.from(fit.beta), converged: fit.converged };
}

function standardize(trans: CusumTransform, x: number, m: number, alpha: number): number {
  switch (trans) {
    case 'rossi':
      return (x - 3 * m + 2 * Math.sqrt(x * m)) / (2 * Math.sqrt(m));
    case 'standard':
      return (x - m) / Math.sqrt(m);
    case 'anscombe':
      return (1.5 * (x ** (2 / 3) - m ** (2 / 3))) / m ** (1 / 6);
    case 'anscombe2nd':
      return (x ** (2 / 3) - (m ** (2 / 3) - m ** (-1 / 3) / 9)) / ((2 / 3) * m ** (1 / 6));
    case 'pearsonNegBin':
      return (x - m) / Math.sqrt(m + alpha * m * m);
    case 'none':
      return x;
  }
}

/** The count that would bring the chart to h given S_{t−1} (R's expressions, term by term). */
function backTransform(
  trans: CusumTransform,
  m: number,
  h: number,
  k: number,
  previous: number,
  current: number,
  alpha: number,
): number {
  switch (trans) {
    case 'rossi': {
      const sm = Math.sqrt(m);
      const m32 = m ** (3 / 2);
      const inner = 4 * m * m + 2 * m32 * h + 2 * m32 * k - 2 * m32 * previous;
      return 2 * h * sm + 2 * k * sm - 2 * previous * sm + 5 * m - 2 * Math.sqrt(inner);
    }
    case 'standard':
      return Math.ceil(Math.sqrt(m) * (h + k - previous) + m);
    case 'anscombe': {
      const base = (2 / 3) * m ** (1 / 6) * (h + k - previous) + m ** (2 / 3);
      return base < 0 ? 0 : base ** (3 / 2);
    }
    case 'anscombe2nd': {
      // R quirk: m^(1/3)/9 here, where the transform has m^(−1/3)/9, so this is not its exact inverse.
      const base = (2 / 3) * m ** (1 / 6) * (h + k - previous) + (m ** (2 / 3) - m ** (1 / 3) / 9);
      return base < 0 ? 0 : base ** (3 / 2);
    }
    case 'pearsonNegBin':
      return Math.sqrt(m + alpha * m * m) * (h + k - previous) + m;
    case 'none':
      // R quirk: the untransformed chart reports h − S_t, the current (not previous) CUSUM.
      return h - current;
  }
}

/** Rossi's CUSUM over `range` (R has no default range; see `cusumDefaultRange`). */
export function cusum(
  series: CountSeries,
  options?: Partial<CusumOptions>,
  range?: DetectionRange,
): CusumResult {
  const opts = resolveOptions(options);
  const y = series.observed;
  const r = range ?? cusumDefaultRange(series);
  checkRange(r, y.length);
  const n = rangeLength(r);
  const { k, h, alpha, trans } = opts;

  let expected: Float64Array;
  let glm: GlmMean | undefined;
  const mOption = opts.m;
  if (mOption === null) {
    // R quirk: with the range starting at index 1, `observed[1:0]` is y[1], not an empty history.
    expected = new Float64Array(n).fill(sampleMean(y, 0, Math.max(0, r.from - 1)));
  } else if (typeof mOption === 'number') {
    expected = new Float64Array(n).fill(mOption);
  } else if (mOption === 'glm') {
    glm = harmonicGlmMean(series, r);
    expected = glm.m;
  } else if (mOption.length === 1) {
    expected = new Float64Array(n).fill(mOption[0]);
  } else if (mOption.length === n) {
    expected = Float64Array.from(mOption);
  } else {
    throw new DetectionOptionsError('cusum', [
      { option: 'm', message: `has ${mOption.length} values but the range has ${n} points` },
    ]);
  }

  const observed = y.slice(r.from, r.to + 1);
  const standardized = new Float64Array(n);
  const statistic = new Float64Array(n);
  const upperBound = new Float64Array(n);
  const alarm: (boolean | null)[] = new Array(n);
  const status: CusumStatus[] = new Array(n);
  let previous = 0;
  let previousKind: NaKind = NA_KIND.value;
  for (let i = 0; i < n; i++) {
    const x = observed[i];
    const m = expected[i];
    const z = standardize(trans, x, m, alpha);
    standardized[i] = z;
    // Only counts and the in-control mean can be missing (R's NA); everything else NaN is 0/0.
    const zKind: NaKind =
      isMissing(x) || Number.isNaN(m) ? NA_KIND.na : Number.isNaN(z) ? NA_KIND.nan : NA_KIND.value;
    const step = z - k;
    const sum = previous + step;
    const kind = naKindOf(previousKind, naKindOf(zKind, NA_KIND.value, step), sum);
    const s = kind === NA_KIND.value ? Math.max(0, sum) : Number.NaN;
    statistic[i] = s;
    status[i] = kind === NA_KIND.value ? 'ok' : kind === NA_KIND.na ? 'missing-data' : 'undefined';
    alarm[i] = kind === NA_KIND.value ? s >= h : null;
    const bound = backTransform(trans, m, h, k, previous, s, alpha);
    // R: NA/NaN bounds become 0, negative bounds 0.
    upperBound[i] = Number.isNaN(bound) || bound < 0 ? 0 : bound;
    previous = s;
    previousKind = kind;
  }
  return {
    algorithm: 'cusum',
    trans,
    range: r,
    observed,
    expected,
    upperBound,
    alarm,
    standardized,
    cusum: statistic,
    status,
    glmCoefficients: glm?.coefficients,
    glmConverged: glm?.converged,
  };
}
