/**
 * Farrington CP, Andrews NJ, Beale AD, Catchpole MA (1996), "A statistical algorithm for the early
 * detection of outbreaks of infectious disease", J R Stat Soc A 159:547–563 — as implemented by R
 * `surveillance` 1.20.3 `algo.farrington` (spec §1). For each monitored period a quasi-Poisson
 * log-linear model (optionally with a linear trend) is fitted to the same period ± w in the b previous
 * years, past outbreaks are down-weighted by their Anscombe residuals, and the upper bound is a
 * prediction interval on the 2/3-power scale.
 */
import { DetectionInputError, DetectionOptionsError, type OptionProblem } from '../errors.ts';
import { pnorm, qnorm } from '../math/distributions.ts';
import type { GlmFit } from '../math/glm.ts';
import { checkRange, type DetectionRange, rangeLength } from '../range.ts';
import type { DetectionResult } from '../result.ts';
import { type CountSeries, PERIODS_PER_YEAR } from '../series/count-series.ts';
import { isMissing } from '../series/missing.ts';
import { anscombeWeights } from './farrington-family/anscombe-weights.ts';
import { enoughCases } from './farrington-family/enough-cases.ts';
import {
  designRow,
  type FarringtonDesign,
  farringtonDesign,
  withoutOffset,
  withoutTrend,
} from './farrington-family/farrington-design.ts';
import { type FarringtonResponse, farringtonResponse } from './farrington-family/farrington-response.ts';
import { type FitEngine, fitQuasiPoisson } from './farrington-family/fit-quasi-poisson.ts';
import { predictLink, weightedDispersion } from './farrington-family/glm-inference.ts';
import {
  POWER_TRANSFORMS,
  type PowerTransform,
  powerThreshold,
} from './farrington-family/power-threshold.ts';
import { referenceWindowIndices } from './farrington-family/reference-window-indices.ts';
import { Scratch } from './farrington-family/scratch.ts';
import { keepTrend, tooCloseToCall, trendTest } from './farrington-family/trend-rule.ts';

/**
 * How the GLM is fitted (R `control$fitFun`): `fast` (`algo.farrington.fitGLM.fast`, the default),
 * `glm` (`algo.farrington.fitGLM`, same numbers) or `populationOffset`
 * (`algo.farrington.fitGLM.populationOffset`, adds `offset(log(population))`).
 */
export type FarringtonFitter = 'fast' | 'glm' | 'populationOffset';

export const FARRINGTON_FITTERS: ReadonlyArray<FarringtonFitter> = Object.freeze([
  'fast',
  'glm',
  'populationOffset',
]);

export interface FarringtonOptions {
  /** Number of past years whose windows form the baseline, b (R `control$b`). */
  readonly b: number;
  /** Half-width of each window in periods, w: the same period ± w (R `control$w`). */
  readonly w: number;
  /** Down-weight past outbreaks by their Anscombe residuals, threshold fixed at 1 (R `control$reweight`). */
  readonly reweight: boolean;
  /** Two-sided level α of the prediction interval: the bound uses z_{1−α/2} (R `control$alpha`). */
  readonly alpha: number;
  /** Allow a linear time trend, kept only if significant and sensible (R `control$trend`). */
  readonly trend: boolean;
  /**
   * Minimum-count rule: an alarm needs at least `limit54[0]` cases in the `limit54[1]` periods ending
   * with the current one (R `control$limit54`, default 5 cases in 4 periods).
   */
  readonly limit54: readonly [number, number];
  /** Power transformation of the threshold, exponent 2/3, 1/2 or 1 (R `control$powertrans`). */
  readonly powertrans: PowerTransform;
  /** GLM fitting function (R `control$fitFun`). */
  readonly fitFun: FarringtonFitter;
}

/** R's defaults. */
export const DEFAULT_FARRINGTON_OPTIONS: Readonly<FarringtonOptions> = Object.freeze({
  b: 5,
  w: 3,
  reweight: true,
  alpha: 0.05,
  trend: true,
  limit54: Object.freeze([5, 4]) as readonly [number, number],
  powertrans: '2/3',
  fitFun: 'fast',
});

export interface FarringtonResult extends DetectionResult {
  /** `expected` is the predicted mean μ₀ of the final model. */
  readonly expected: Float64Array;
  /** R's `upperbound`: U when the minimum-count rule is met, else 0 (NaN when it is undetermined). */
  readonly upperBound: Float64Array;
  /** U before the minimum-count masking. */
  readonly upperBoundUnmasked: Float64Array;
  /** Lower end of the prediction interval, floored at 0. */
  readonly lowerBound: Float64Array;
  /** Whether the trend was kept in the final model (R's `trend`). */
  readonly trend: ReadonlyArray<boolean>;
  /** Estimated trend coefficient when the trend was kept, else NaN. */
  readonly trendCoefficient: Float64Array;
  /** Dispersion φ (floored at 1) of the final model. */
  readonly phi: Float64Array;
  /** Standard error of μ₀ (response scale, with φ). */
  readonly expectedStandardError: Float64Array;
  /** Whether the minimum-count rule was met (`null` when a count in its window is missing). */
  readonly enoughCases: ReadonlyArray<boolean | null>;
  /** Φ((y^e − μ₀^e)/se_e): lower-tail probability of the observed count (R's `control$pd[, 1]`). */
  readonly pdQuantile: Float64Array;
  /** Median of the predictive distribution, (μ₀^e)^{1/e} (R's `control$pd[, 2]`). */
  readonly pdMedian: Float64Array;
  /** Number of baseline observations used by the fit. */
  readonly baselineSize: Int32Array;
  /**
   * Whether the fit failed (R's `fitGLM` and `fitGLM.populationOffset` give up when neither the model
   * with nor without trend converges; R then returns NULL for the whole call). Outputs are NaN there.
   */
  readonly fitFailed: ReadonlyArray<boolean>;
}

/** Merges options with the defaults and checks them; throws `DetectionOptionsError` listing every problem. */
export function farringtonOptions(options?: Partial<FarringtonOptions>): FarringtonOptions {
  const o: FarringtonOptions = { ...DEFAULT_FARRINGTON_OPTIONS, ...options };
  const problems: OptionProblem[] = [];
  const intAtLeast = (name: string, v: unknown, min: number): void => {
    if (!(typeof v === 'number' && Number.isInteger(v) && v >= min))
      problems.push({ option: name, message: `expected an integer ≥ ${min}, got ${String(v)}` });
  };
  intAtLeast('b', o.b, 1);
  intAtLeast('w', o.w, 0);
  if (!(typeof o.alpha === 'number' && o.alpha > 0 && o.alpha < 1))
    problems.push({ option: 'alpha', message: `expected a number in (0, 1), got ${String(o.alpha)}` });
  if (typeof o.reweight !== 'boolean')
    problems.push({ option: 'reweight', message: `expected true or false, got ${String(o.reweight)}` });
  if (typeof o.trend !== 'boolean')
    problems.push({ option: 'trend', message: `expected true or false, got ${String(o.trend)}` });
  problems.push(...limit54Problems(o.limit54));
  if (!POWER_TRANSFORMS.includes(o.powertrans))
    problems.push({
      option: 'powertrans',
      message: `expected one of ${POWER_TRANSFORMS.join(', ')}, got ${String(o.powertrans)}`,
    });
  if (!FARRINGTON_FITTERS.includes(o.fitFun))
    problems.push({
      option: 'fitFun',
      message: `expected one of ${FARRINGTON_FITTERS.join(', ')}, got ${String(o.fitFun)}`,
    });
  if (problems.length > 0) throw new DetectionOptionsError('farrington', problems);
  return o;
}

/** R's check `limit54[1] ≥ 0 && limit54[2] > 0` (the period count must also be a whole number). */
export function limit54Problems(limit54: unknown): OptionProblem[] {
  if (
    Array.isArray(limit54) &&
    limit54.length === 2 &&
    typeof limit54[0] === 'number' &&
    limit54[0] >= 0 &&
    typeof limit54[1] === 'number' &&
    Number.isInteger(limit54[1]) &&
    limit54[1] > 0
  )
    return [];
  return [
    {
      option: 'limit54',
      message: `expected [cases ≥ 0, periods ≥ 1 (integer)], got ${JSON.stringify(limit54)}`,
    },
  ];
}

/** R's default range `(f·b − w) … n` (1-based), which starts before a complete baseline exists. */
export function defaultFarringtonRange(
  series: CountSeries,
  options?: Partial<FarringtonOptions>,
): DetectionRange {
  const o = farringtonOptions(options);
  const n = series.observed.length;
  const from = PERIODS_PER_YEAR[series.frequency] * o.b - o.w - 1;
  if (from < 0 || from > n - 1) {
    throw new DetectionInputError(
      `the default range starts at index ${from + 1} (f·b − w), outside 1…${n}`,
      'range',
    );
  }
  return { from, to: n - 1 };
}

const EPS = 2 ** -52;

/** Buffers of the per-time-point work (see `Scratch`); every returned output is copied out of it. */
const SCRATCH = new Scratch();

/** One fitted model of the procedure of spec §1.3: the fit, its floored dispersion, and its design. */
interface FarringtonModel {
  readonly fit: GlmFit;
  readonly phi: number;
  readonly design: FarringtonDesign;
}

/** The fast engine met a decision that rounding could tip: redo the time point with the QR engine. */
const FRAGILE = 'fragile';

/**
 * Fit, fallback without trend on non-convergence, and reweighted refit (spec §1.3). `null` when the
 * `glm`/`populationOffset` fitters give up.
 */
function fitModel(
  response: FarringtonResponse,
  design: FarringtonDesign,
  o: FarringtonOptions,
  k: number,
  engine: FitEngine,
): FarringtonModel | null | typeof FRAGILE {
  let fit = fitQuasiPoisson(response, design, undefined, engine, SCRATCH);
  if (fit.fragile) return FRAGILE;
  let used = design;
  // The design of the reweighted refit (R's `theModel`).
  let refitDesign = design;
  if (!fit.converged) {
    if (design.time !== undefined) {
      // R quirk: the population-offset fitter's fallback drops the offset as well, but its reweighted
      // refit goes back to the full formula (trend and offset).
      used = o.fitFun === 'populationOffset' ? withoutOffset(withoutTrend(design)) : withoutTrend(design);
      if (o.fitFun !== 'populationOffset') refitDesign = used;
      fit = fitQuasiPoisson(response, used, undefined, engine, SCRATCH);
      if (fit.fragile) return FRAGILE;
    }
    if (!fit.converged && o.fitFun !== 'fast') return null;
  }
  let phi = Math.max(weightedDispersion(fit, fit.workingWeights), 1);
  if (o.reweight) {
    const omega = SCRATCH.float('omega', response.y.length);
    const closest = anscombeWeights(response, fit.eta, fit.mu, fit.hat, phi, 1, omega, fit.muSixth);
    if (Number.isNaN(closest)) throw noDegreesOfFreedom(k);
    if (engine === 'fast' && closest < 1e-9) return FRAGILE;
    fit = fitQuasiPoisson(response, refitDesign, omega, engine, SCRATCH);
    if (fit.fragile) return FRAGILE;
    used = refitDesign;
    phi = Math.max(weightedDispersion(fit, fit.workingWeights), 1);
  }
  return { fit, phi, design: used };
}

/** The baseline of one time point, as the model sees it. */
interface Baseline {
  readonly response: FarringtonResponse;
  readonly design: FarringtonDesign;
  readonly maxY: number;
  /** A baseline count was missing and left out (only the `glm()`-based fitters allow it). */
  readonly hadMissing: boolean;
  /** log population at k (0 without offset). */
  readonly offsetNow: number;
}

interface Selection {
  readonly model: FarringtonModel | null;
  readonly keepTrend: boolean;
}

/** The fit and the trend decision of spec §1.3–1.4 at time point k (the QR engine is never fragile). */
function selectModel(b: Baseline, o: FarringtonOptions, k: number, engine: 'generic'): Selection;
function selectModel(
  b: Baseline,
  o: FarringtonOptions,
  k: number,
  engine: FitEngine,
): Selection | typeof FRAGILE;
function selectModel(
  b: Baseline,
  o: FarringtonOptions,
  k: number,
  engine: FitEngine,
): Selection | typeof FRAGILE {
  let model = fitModel(b.response, b.design, o, k, engine);
  if (model === FRAGILE) return FRAGILE;
  if (model === null || model.design.time === undefined) return { model, keepTrend: false };
  const fit = model.fit;
  const test = trendTest(fit, weightedDispersion(fit, fit.workingWeights), 0.05, k);
  const x0 = designRow(model.design, k + 1, -1, SCRATCH.float('x0', 64));
  const mu0Hat = Math.max(
    Math.exp(predictLink(fit, x0, model.design.offset === undefined ? 0 : b.offsetNow).eta),
    EPS,
  );
  if (engine === 'fast' && (test.closeCall || tooCloseToCall(mu0Hat, b.maxY, 1e-9))) return FRAGILE;
  // With a missing baseline count R's max(response) is NA.
  const noExtrapolation = b.hadMissing ? null : mu0Hat <= b.maxY;
  if (keepTrend(o.b >= 3, test.significant, noExtrapolation, k)) {
    return { model, keepTrend: true };
  }
  model = fitModel(b.response, withoutTrend(b.design), o, k, engine);
  if (model === FRAGILE) return FRAGILE;
  return { model, keepTrend: false };
}

function noDegreesOfFreedom(k: number): DetectionInputError {
  return new DetectionInputError(
    `time point ${k + 1}: the baseline leaves no residual degrees of freedom for the dispersion (R stops)`,
    'observed',
  );
}

/**
 * Runs `algo.farrington` on `range` (default: R's default range). Throws `DetectionInputError` where R
 * stops: a missing count in a baseline (the default fitter), a time point without any baseline, a
 * non-positive population under the population offset.
 */
export function farrington(
  series: CountSeries,
  options?: Partial<FarringtonOptions>,
  range?: DetectionRange,
): FarringtonResult {
  const o = farringtonOptions(options);
  const r = range ?? defaultFarringtonRange(series, o);
  checkRange(r, series.observed.length);
  const len = rangeLength(r);
  const observed = series.observed;
  const population = series.population;
  const withOffset = o.fitFun === 'populationOffset';
  const z = qnorm(1 - o.alpha / 2);

  const result = {
    algorithm: 'farrington',
    range: r,
    observed: observed.slice(r.from, r.to + 1),
    expected: new Float64Array(len),
    upperBound: new Float64Array(len),
    upperBoundUnmasked: new Float64Array(len),
    lowerBound: new Float64Array(len),
    alarm: new Array<boolean | null>(len),
    trend: new Array<boolean>(len),
    trendCoefficient: new Float64Array(len),
    phi: new Float64Array(len),
    expectedStandardError: new Float64Array(len),
    enoughCases: new Array<boolean | null>(len),
    pdQuantile: new Float64Array(len),
    pdMedian: new Float64Array(len),
    baselineSize: new Int32Array(len),
    fitFailed: new Array<boolean>(len),
  };

  for (let k = r.from; k <= r.to; k++) {
    const out = k - r.from;
    const refs = referenceWindowIndices(series, k, o.b, o.w);
    // R's `glm()`-based fitters drop missing responses (na.omit); `glm.fit` (the fast fitter) stops.
    let hasMissing = false;
    for (const t of refs) if (isMissing(observed[t])) hasMissing = true;
    if (hasMissing && (o.fitFun === 'fast' || o.reweight)) {
      throw new DetectionInputError(
        `a count in the baseline of time point ${k + 1} is missing (R's algo.farrington stops)`,
        'observed',
      );
    }
    const rows = hasMissing ? refs.filter((t) => !isMissing(observed[t])) : refs;
    const m = rows.length;
    if (m === 0) {
      throw new DetectionInputError(`time point ${k + 1} has no baseline (R's glm.fit stops)`, 'range');
    }
    const y = SCRATCH.float('y', m);
    const time = SCRATCH.float('time', m);
    let maxY = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < m; i++) {
      y[i] = observed[rows[i]];
      // The covariate is R's 1-based index, also for date-indexed series.
      time[i] = rows[i] + 1;
      if (y[i] > maxY) maxY = y[i];
    }
    let offset: Float64Array | undefined;
    let offsetNow = 0;
    if (withOffset) {
      offset = SCRATCH.float('offset', m);
      for (let i = 0; i < m; i++) {
        const pop = population === undefined ? 1 : population[rows[i]];
        if (!(pop > 0 && Number.isFinite(pop))) {
          throw new DetectionInputError(
            `population[${rows[i] + 1}] = ${pop} cannot enter a log-population offset`,
            'population',
          );
        }
        offset[i] = Math.log(pop);
      }
      offsetNow = Math.log(population === undefined ? 1 : population[k]);
    }
    const baseline: Baseline = {
      response: farringtonResponse(y, SCRATCH),
      design: farringtonDesign(m, o.trend ? time : undefined, undefined, 0, offset),
      maxY,
      hadMissing: hasMissing,
      offsetNow,
    };
    const fast = selectModel(baseline, o, k, 'fast');
    const { model, keepTrend: doTrend } = fast === FRAGILE ? selectModel(baseline, o, k, 'generic') : fast;

    const enough = enoughCases(observed, k, o.limit54[0], o.limit54[1]);
    result.enoughCases[out] = enough;
    result.trend[out] = doTrend;
    result.baselineSize[out] = m;
    if (model === null) {
      result.fitFailed[out] = true;
      result.expected[out] = Number.NaN;
      result.upperBound[out] = Number.NaN;
      result.upperBoundUnmasked[out] = Number.NaN;
      result.lowerBound[out] = Number.NaN;
      result.alarm[out] = null;
      result.trendCoefficient[out] = Number.NaN;
      result.phi[out] = Number.NaN;
      result.expectedStandardError[out] = Number.NaN;
      result.pdQuantile[out] = Number.NaN;
      result.pdMedian[out] = Number.NaN;
      continue;
    }
    result.fitFailed[out] = false;
    const { fit, phi, design } = model;
    // R: predict.glm(dispersion = NaN) stops.
    if (Number.isNaN(phi)) throw noDegreesOfFreedom(k);
    const x0 = designRow(design, k + 1, -1, SCRATCH.float('x0', 64));
    const pred = predictLink(fit, x0, design.offset === undefined ? 0 : offsetNow);
    const mu0 = Math.max(Math.exp(pred.eta), EPS);
    // R: predict.lm scales by residual.scale² = (√φ)².
    const scale = Math.sqrt(phi);
    const seMu = Math.sqrt(pred.variance * (scale * scale)) * mu0;
    const th = powerThreshold(mu0, seMu, phi, z, o.powertrans);
    const yk = observed[k];
    const e = th.exponent;
    const centre = mu0 ** e;

    result.expected[out] = mu0;
    result.expectedStandardError[out] = seMu;
    result.phi[out] = phi;
    result.upperBoundUnmasked[out] = th.upper;
    result.lowerBound[out] = th.lower;
    result.trendCoefficient[out] = doTrend ? fit.beta[1] : Number.NaN;
    result.pdQuantile[out] = pnorm((yk ** e - centre) / th.se);
    result.pdMedian[out] = rPow(normalMedian(centre, th.se), 1 / e);
    if (enough === null) {
      result.upperBound[out] = Number.NaN;
      result.alarm[out] = null;
    } else if (!enough) {
      result.upperBound[out] = 0;
      result.alarm[out] = false;
    } else {
      result.upperBound[out] = th.upper;
      const x = (yk - mu0) / (th.upper - mu0);
      result.alarm[out] = isMissing(x) ? null : x > 1;
    }
  }
  return result;
}

/** R's `qnorm(0.5, mean, sd)`. */
function normalMedian(mean: number, sd: number): number {
  if (Number.isNaN(mean) || Number.isNaN(sd) || sd < 0) return Number.NaN;
  if (sd === 0) return mean;
  return mean + sd * 0;
}

/** R's `x^y`: `x^2` is `x·x`. */
function rPow(x: number, y: number): number {
  return y === 2 ? x * x : x ** y;
}
