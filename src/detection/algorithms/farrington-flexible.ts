/**
 * Noufaily A, Enki DG, Farrington P, Garthwaite P, Andrews N, Charlett A (2013), "An improved
 * algorithm for outbreak detection in multiple surveillance systems", Stat Med 32:1206–1222, in the
 * implementation of Salmon, Schumacher & Höhle (2016), "Monitoring count time series in R", JSS 70(10):
 * R `surveillance` 1.20.3 `farringtonFlexible` (spec §2). It generalises Farrington et al. (1996): the
 * whole of the past b years enters the model through a seasonal factor (`noPeriods` levels), the
 * recent periods are left out, and the bound may be a negative binomial quantile.
 */
import { DetectionInputError, DetectionOptionsError, type OptionProblem } from '../errors.ts';
import { pnorm, qnorm } from '../math/distributions.ts';
import type { GlmFit } from '../math/glm.ts';
import { checkRange, type DetectionRange, rangeLength } from '../range.ts';
import type { DetectionResult } from '../result.ts';
import { type CountSeries, PERIODS_PER_YEAR } from '../series/count-series.ts';
import { anyMissing, isMissing } from '../series/missing.ts';
import { limit54Problems } from './farrington.ts';
import { anscombeWeights } from './farrington-family/anscombe-weights.ts';
import { enoughCases } from './farrington-family/enough-cases.ts';
import {
  designRow,
  type FarringtonDesign,
  farringtonDesign,
  withoutTrend,
} from './farrington-family/farrington-design.ts';
import { type FarringtonResponse, farringtonResponse } from './farrington-family/farrington-response.ts';
import { type FitEngine, fitQuasiPoisson } from './farrington-family/fit-quasi-poisson.ts';
import { predictLink, weightedDispersion } from './farrington-family/glm-inference.ts';
import { pluginThreshold } from './farrington-family/plugin-threshold.ts';
import {
  POWER_TRANSFORMS,
  type PowerTransform,
  powerThreshold,
} from './farrington-family/power-threshold.ts';
import { Scratch } from './farrington-family/scratch.ts';
import { type SeasonalBlocks, seasonalBlocks } from './farrington-family/seasonal-blocks.ts';
import { keepTrend, tooCloseToCall, trendTest } from './farrington-family/trend-rule.ts';

/**
 * How the upper bound is formed (R `control$thresholdMethod`): `delta` — Farrington's power-scale
 * normal approximation; `nbPlugin` — negative binomial quantile with the predicted mean plugged in
 * (Noufaily et al. 2013); `muan` — the same with the upper (1 − α) quantile of the predicted mean.
 */
export type ThresholdMethod = 'delta' | 'nbPlugin' | 'muan';

export const THRESHOLD_METHODS: ReadonlyArray<ThresholdMethod> = Object.freeze(['delta', 'nbPlugin', 'muan']);

export interface FarringtonFlexibleOptions {
  /** Number of past years whose data form the baseline, b (R `control$b`). */
  readonly b: number;
  /** Half-width in periods of the window around the same period of each past year, w (R `control$w`). */
  readonly w: number;
  /** Down-weight past outbreaks by their Anscombe residuals (R `control$reweight`). */
  readonly reweight: boolean;
  /** Standardised Anscombe residuals above this are down-weighted (R `control$weightsThreshold`; paper 2.58). */
  readonly weightsThreshold: number;
  /** One-sided level α: the bound is a (1 − α) quantile (R `control$alpha`). */
  readonly alpha: number;
  /** Allow a linear time trend, kept only if significant and sensible (R `control$trend`). */
  readonly trend: boolean;
  /** The trend is kept only if its p-value is below this (R `control$pThresholdTrend`; Noufaily: 1). */
  readonly pThresholdTrend: number;
  /**
   * Minimum-count rule: an alarm needs at least `limit54[0]` cases in the `limit54[1]` periods ending
   * with the current one (R `control$limit54`, default 5 cases in 4 periods).
   */
  readonly limit54: readonly [number, number];
  /** Power transformation of the `delta` threshold, exponent 2/3, 1/2 or 1 (R `control$powertrans`). */
  readonly powertrans: PowerTransform;
  /** Add `offset(log(population))` to the model (R `control$populationOffset`). */
  readonly populationOffset: boolean;
  /** Number of seasonal levels per year; 1 = Farrington's windows only (R `control$noPeriods`; Noufaily: 10). */
  readonly noPeriods: number;
  /**
   * Number of periods before the current one left out of the baseline; `null` = w
   * (R `control$pastWeeksNotIncluded`; Noufaily: 26).
   */
  readonly pastWeeksNotIncluded: number | null;
  /** How the upper bound is formed (R `control$thresholdMethod`). */
  readonly thresholdMethod: ThresholdMethod;
}

/** R's defaults. */
export const DEFAULT_FARRINGTON_FLEXIBLE_OPTIONS: Readonly<FarringtonFlexibleOptions> = Object.freeze({
  b: 5,
  w: 3,
  reweight: true,
  weightsThreshold: 2.58,
  alpha: 0.05,
  trend: true,
  pThresholdTrend: 0.05,
  limit54: Object.freeze([5, 4]) as readonly [number, number],
  powertrans: '2/3',
  populationOffset: false,
  noPeriods: 1,
  pastWeeksNotIncluded: null,
  thresholdMethod: 'delta',
});

/** The settings of Noufaily et al. (2013), the recommended use of `farringtonFlexible`. */
export const NOUFAILY_OPTIONS: Readonly<FarringtonFlexibleOptions> = Object.freeze({
  ...DEFAULT_FARRINGTON_FLEXIBLE_OPTIONS,
  noPeriods: 10,
  pastWeeksNotIncluded: 26,
  weightsThreshold: 2.58,
  pThresholdTrend: 1,
  thresholdMethod: 'nbPlugin',
});

export interface FarringtonFlexibleResult extends DetectionResult {
  /** R's `expected`: μ₀ when the minimum-count rule is met and a bound exists, else NaN. */
  readonly expected: Float64Array;
  /** R's `upperbound`: U when the minimum-count rule is met, else NaN. */
  readonly upperBound: Float64Array;
  /** U before the minimum-count masking. */
  readonly upperBoundUnmasked: Float64Array;
  /** Predicted mean μ₀ = exp(η₀) of the final model, whatever the minimum-count rule says. */
  readonly predictedMean: Float64Array;
  /** R's `score`: (y − μ₀)/(U − μ₀) for delta; (y − η₀)/(U − η₀) with the log-scale η₀ otherwise (R quirk). */
  readonly score: Float64Array;
  /** R's `pvalue`: probability of a count at least as large as the observed one. */
  readonly pValue: Float64Array;
  /** R's `mu0Vector`: the mean plugged into the threshold (see spec §2.7). */
  readonly mu0Quantile: Float64Array;
  /** R's `phiVector`: dispersion φ = max(1, Pearson dispersion) of the final model. */
  readonly phi: Float64Array;
  /** The dispersion D* used for the standard errors and the trend test (spec §2.4). */
  readonly predictionDispersion: Float64Array;
  /** Standard error of η₀ = log μ₀ with dispersion D* (times μ₀ on the response scale). */
  readonly linkStandardError: Float64Array;
  /** R's `trendVector`: the trend coefficient (per period) when the trend was kept, else NaN. */
  readonly trendCoefficient: Float64Array;
  /** R's `trend`: whether the trend was kept (`null` when the fit failed). */
  readonly trend: ReadonlyArray<boolean | null>;
  /** Whether the minimum-count rule was met (`null` when a count in its window is missing). */
  readonly enoughCases: ReadonlyArray<boolean | null>;
  /** Number of baseline observations used by the fit. */
  readonly baselineSize: Int32Array;
  /** The GLM did not converge with nor without trend: no result at this point (R warns). */
  readonly fitFailed: ReadonlyArray<boolean>;
}

/** Merges options with the defaults and checks them; throws `DetectionOptionsError` listing every problem. */
export function farringtonFlexibleOptions(
  options?: Partial<FarringtonFlexibleOptions>,
): FarringtonFlexibleOptions {
  if (options !== undefined && CHECKED_OPTIONS.has(options)) return options as FarringtonFlexibleOptions;
  const o: FarringtonFlexibleOptions = { ...DEFAULT_FARRINGTON_FLEXIBLE_OPTIONS, ...options };
  const problems: OptionProblem[] = [];
  const intAtLeast = (name: string, v: unknown, min: number): void => {
    if (!(typeof v === 'number' && Number.isInteger(v) && v >= min))
      problems.push({ option: name, message: `expected an integer ≥ ${min}, got ${String(v)}` });
  };
  const finite = (name: string, v: unknown): void => {
    if (!(typeof v === 'number' && Number.isFinite(v)))
      problems.push({ option: name, message: `expected a finite number, got ${String(v)}` });
  };
  const bool = (name: string, v: unknown): void => {
    if (typeof v !== 'boolean')
      problems.push({ option: name, message: `expected true or false, got ${String(v)}` });
  };
  intAtLeast('b', o.b, 1);
  intAtLeast('w', o.w, 0);
  bool('reweight', o.reweight);
  finite('weightsThreshold', o.weightsThreshold);
  if (!(typeof o.alpha === 'number' && o.alpha > 0 && o.alpha < 1))
    problems.push({ option: 'alpha', message: `expected a number in (0, 1), got ${String(o.alpha)}` });
  bool('trend', o.trend);
  finite('pThresholdTrend', o.pThresholdTrend);
  problems.push(...limit54Problems(o.limit54));
  if (!POWER_TRANSFORMS.includes(o.powertrans))
    problems.push({
      option: 'powertrans',
      message: `expected one of ${POWER_TRANSFORMS.join(', ')}, got ${String(o.powertrans)}`,
    });
  bool('populationOffset', o.populationOffset);
  intAtLeast('noPeriods', o.noPeriods, 1);
  if (o.pastWeeksNotIncluded !== null) intAtLeast('pastWeeksNotIncluded', o.pastWeeksNotIncluded, 0);
  if (!THRESHOLD_METHODS.includes(o.thresholdMethod))
    problems.push({
      option: 'thresholdMethod',
      message: `expected one of ${THRESHOLD_METHODS.join(', ')}, got ${String(o.thresholdMethod)}`,
    });
  if (problems.length > 0) throw new DetectionOptionsError('farringtonFlexible', problems);
  if (options !== undefined && isCompleteAndFrozen(options)) CHECKED_OPTIONS.add(options);
  return o;
}

/**
 * Frozen, complete option objects already checked: a batch run passes the same object for every series
 * (and twice per series), so it is checked once. Only frozen ones, since they cannot change afterwards.
 */
const CHECKED_OPTIONS = new WeakSet<object>();

function isCompleteAndFrozen(options: Partial<FarringtonFlexibleOptions>): boolean {
  if (!Object.isFrozen(options) || !Object.isFrozen(options.limit54)) return false;
  for (const key of Object.keys(DEFAULT_FARRINGTON_FLEXIBLE_OPTIONS)) if (!(key in options)) return false;
  return true;
}

/** R's default range `(f·b + w + 1) … n` (1-based): the first point with b complete past years. */
export function defaultFarringtonFlexibleRange(
  series: CountSeries,
  options?: Partial<FarringtonFlexibleOptions>,
): DetectionRange {
  const o = farringtonFlexibleOptions(options);
  const n = series.observed.length;
  const from = PERIODS_PER_YEAR[series.frequency] * o.b + o.w;
  if (from > n - 1) {
    throw new DetectionInputError(
      `the series has ${n} periods, too few for b = ${o.b} years of baseline (R's default range starts at ${from + 1})`,
      'range',
    );
  }
  return { from, to: n - 1 };
}

const EPS = 2 ** -52;

/** Buffers of the per-time-point work (see `Scratch`); every returned output is copied out of it. */
const SCRATCH = new Scratch();

interface FlexibleModel {
  readonly fit: GlmFit;
  readonly design: FarringtonDesign;
  /** max(1, Pearson dispersion). */
  readonly phi: number;
  /** D*: what R's later `summary.glm`/`predict.glm` calls take as the dispersion (spec §2.4). */
  readonly dispersion: number;
}

/** The fast engine met a decision that rounding could tip: redo the time point with the QR engine. */
const FRAGILE = 'fragile';

/** R's `algo.farrington.fitGLM.flexible`: fit, fallback without trend, reweighted refit; `null` if no fit converges. */
function fitModel(
  response: FarringtonResponse,
  design: FarringtonDesign,
  o: FarringtonFlexibleOptions,
  omega: Float64Array,
  k: number,
  engine: FitEngine,
): FlexibleModel | null | typeof FRAGILE {
  let used = design;
  let fit = fitQuasiPoisson(response, used, undefined, engine, SCRATCH);
  if (fit.fragile) return FRAGILE;
  if (!fit.converged) {
    if (used.time !== undefined) {
      used = withoutTrend(used);
      fit = fitQuasiPoisson(response, used, undefined, engine, SCRATCH);
      if (fit.fragile) return FRAGILE;
    }
    if (!fit.converged) return null;
  }
  let phi = Math.max(weightedDispersion(fit, fit.workingWeights), 1);
  if (!o.reweight) return { fit, design: used, phi, dispersion: weightedDispersion(fit, fit.workingWeights) };
  const closest = anscombeWeights(
    response,
    fit.eta,
    fit.mu,
    fit.hat,
    phi,
    o.weightsThreshold,
    omega,
    fit.muSixth,
  );
  if (Number.isNaN(closest)) {
    throw new DetectionInputError(
      `time point ${k + 1}: undefined Anscombe residuals (no residual degrees of freedom or leverage 1; R stops)`,
      'observed',
    );
  }
  if (engine === 'fast' && closest < 1e-9) return FRAGILE;
  fit = fitQuasiPoisson(response, used, omega, engine, SCRATCH);
  if (fit.fragile) return FRAGILE;
  phi = Math.max(weightedDispersion(fit, fit.workingWeights), 1);
  // R quirk: the model's working weights are overwritten by the prior weights ω after φ is computed.
  return { fit, design: used, phi, dispersion: weightedDispersion(fit, omega) };
}

/** The baseline of one time point, as the model sees it. */
interface Baseline {
  readonly response: FarringtonResponse;
  readonly design: FarringtonDesign;
  readonly maxY: number;
  /** Trend covariate of the current period. */
  readonly timeNow: number;
  /** Indicator column of the current seasonal level (−1: the reference level). */
  readonly nowColumn: number;
  /** log population at k (0 without offset). */
  readonly offsetNow: number;
}

interface Selection {
  readonly model: FlexibleModel | null;
  readonly keepTrend: boolean;
}

/** The fit and the trend decision of spec §2.4–2.5 at time point k (the QR engine is never fragile). */
function selectModel(b: Baseline, o: FarringtonFlexibleOptions, k: number, engine: 'generic'): Selection;
function selectModel(
  b: Baseline,
  o: FarringtonFlexibleOptions,
  k: number,
  engine: FitEngine,
): Selection | typeof FRAGILE;
function selectModel(
  b: Baseline,
  o: FarringtonFlexibleOptions,
  k: number,
  engine: FitEngine,
): Selection | typeof FRAGILE {
  const omega = SCRATCH.float('omega', b.response.y.length);
  let model = fitModel(b.response, b.design, o, omega, k, engine);
  if (model === FRAGILE) return FRAGILE;
  if (model === null || model.design.time === undefined) return { model, keepTrend: false };
  const fit = model.fit;
  const test = trendTest(fit, model.dispersion, o.pThresholdTrend, k);
  const x0 = designRow(model.design, b.timeNow, b.nowColumn, SCRATCH.float('x0', 64));
  const mu = Math.max(Math.exp(predictLink(fit, x0, b.offsetNow).eta), EPS);
  if (engine === 'fast' && (test.closeCall || tooCloseToCall(mu, b.maxY, 1e-9))) return FRAGILE;
  if (keepTrend(o.b >= 3, test.significant, mu <= b.maxY, k)) {
    return { model, keepTrend: true };
  }
  model = fitModel(b.response, withoutTrend(b.design), o, omega, k, engine);
  if (model === FRAGILE) return FRAGILE;
  return { model, keepTrend: false };
}

/**
 * Runs `farringtonFlexible` on `range` (default: R's default range). Missing baseline counts are left
 * out; a missing count in the minimum-count window gives no bound and no alarm. Throws
 * `DetectionInputError` where R stops (a reference point outside the series, too many seasonal periods
 * for the gap between windows, a non-positive population under the population offset).
 */
export function farringtonFlexible(
  series: CountSeries,
  options?: Partial<FarringtonFlexibleOptions>,
  range?: DetectionRange,
): FarringtonFlexibleResult {
  const o = farringtonFlexibleOptions(options);
  const r = range ?? defaultFarringtonFlexibleRange(series, o);
  checkRange(r, series.observed.length);
  const len = rangeLength(r);
  const observed = series.observed;
  const dates = series.dates;
  const population = series.population;
  const pastWeeksNotIncluded = o.pastWeeksNotIncluded ?? o.w;
  const useFactor = o.noPeriods !== 1;
  const z = qnorm(1 - o.alpha);
  const onLinkScale = o.thresholdMethod !== 'delta';

  const result = {
    algorithm: 'farringtonFlexible',
    range: r,
    observed: observed.slice(r.from, r.to + 1),
    expected: new Float64Array(len),
    upperBound: new Float64Array(len),
    upperBoundUnmasked: new Float64Array(len),
    alarm: new Array<boolean | null>(len),
    predictedMean: new Float64Array(len),
    score: new Float64Array(len),
    pValue: new Float64Array(len),
    mu0Quantile: new Float64Array(len),
    phi: new Float64Array(len),
    predictionDispersion: new Float64Array(len),
    linkStandardError: new Float64Array(len),
    trendCoefficient: new Float64Array(len),
    trend: new Array<boolean | null>(len),
    enoughCases: new Array<boolean | null>(len),
    baselineSize: new Int32Array(len),
    fitFailed: new Array<boolean>(len),
  };

  for (let k = r.from; k <= r.to; k++) {
    const out = k - r.from;
    const rows = memoisedRows(series, k, o, pastWeeksNotIncluded);
    const idx = rows.indices;
    const levelCount = rows.levelCount;
    if (useFactor && levelCount < 2) {
      throw new DetectionInputError(
        `time point ${k + 1}: the seasonal factor has a single level (R: contrasts need two levels)`,
        'noPeriods',
      );
    }
    const nowColumn = useFactor ? rows.columnOfLevel[o.noPeriods] : -1;
    if (nowColumn === -2) {
      throw new DetectionInputError(
        `time point ${k + 1}: the current seasonal level is not in the baseline (R: factor has new level)`,
        'pastWeeksNotIncluded',
      );
    }
    // One scan decides whether the baseline needs per-count missing checks.
    const gaps = idx.length > 0 && anyMissing(observed, idx[0], idx[idx.length - 1]);
    let m = idx.length;
    if (gaps) for (const t of idx) if (isMissing(observed[t])) m--;
    const y = SCRATCH.float('y', m);
    // Without missing counts the rows' times and levels are the calendar's own (read-only) arrays.
    const time = gaps ? SCRATCH.float('time', m) : rows.time;
    const group = useFactor ? (gaps ? SCRATCH.int('group', m) : rows.group) : undefined;
    const offset = o.populationOffset ? SCRATCH.float('offset', m) : undefined;
    const step = series.epochAsDate ? dates[1] - dates[0] : 1;
    let predictionOrigin = 0;
    let maxY = Number.NEGATIVE_INFINITY;
    let row = 0;
    for (let i = 0; i < idx.length; i++) {
      const t = idx[i];
      const v = observed[t];
      if (gaps) {
        if (isMissing(v)) continue;
        time[row] = rows.time[i];
        if (group !== undefined) group[row] = rows.group[i];
      }
      if (row === 0) predictionOrigin = dates[t];
      y[row] = v;
      if (v > maxY) maxY = v;
      if (offset !== undefined) offset[row] = logPopulation(population, t);
      row++;
    }
    if (m === 0) {
      throw new DetectionInputError(`time point ${k + 1} has no baseline count (R's glm stops)`, 'observed');
    }
    const timeNow = series.epochAsDate ? (dates[k] - predictionOrigin) / step : k + 1;
    const offsetNow = o.populationOffset ? Math.log(population === undefined ? 1 : population[k]) : 0;
    const baseline: Baseline = {
      response: farringtonResponse(y, SCRATCH),
      design: farringtonDesign(
        m,
        o.trend ? time : undefined,
        group,
        useFactor ? levelCount - 1 : 0,
        offset,
        !gaps && offset === undefined,
      ),
      maxY,
      timeNow,
      nowColumn,
      offsetNow,
    };
    const fast = selectModel(baseline, o, k, 'fast');
    const { model, keepTrend: doTrend } = fast === FRAGILE ? selectModel(baseline, o, k, 'generic') : fast;

    const enough = enoughCases(observed, k, o.limit54[0], o.limit54[1]);
    result.enoughCases[out] = enough;
    result.baselineSize[out] = m;
    if (model === null) {
      result.fitFailed[out] = true;
      result.alarm[out] = null;
      result.trend[out] = null;
      for (const a of [
        result.expected,
        result.upperBound,
        result.upperBoundUnmasked,
        result.predictedMean,
        result.score,
        result.pValue,
        result.mu0Quantile,
        result.phi,
        result.predictionDispersion,
        result.linkStandardError,
        result.trendCoefficient,
      ])
        a[out] = Number.NaN;
      continue;
    }
    result.fitFailed[out] = false;
    const { fit, design, phi, dispersion } = model;
    const pred = predictLink(fit, designRow(design, timeNow, nowColumn, SCRATCH.float('x0', 64)), offsetNow);
    // R: predict.lm scales by residual.scale² = (√D*)².
    const scale = Math.sqrt(dispersion);
    const seEta = Math.sqrt(pred.variance * (scale * scale));
    const mu0 = Math.max(Math.exp(pred.eta), EPS);
    // The prediction on the scale R asks for: response (delta) or link (nbPlugin, muan).
    const predFit = onLinkScale ? pred.eta : mu0;
    const predSe = onLinkScale ? seEta : seEta * mu0;
    const yk = observed[k];

    let upper: number;
    let pValue: number;
    let mu0Quantile: number;
    if (o.thresholdMethod === 'delta') {
      const th = powerThreshold(predFit, predSe, phi, z, o.powertrans);
      upper = th.upper;
      const e = th.exponent;
      pValue = pnorm(-((yk ** e - predFit ** e) / th.se));
      // R quirk: the delta method's mu0Vector is exp of a response-scale quantile.
      mu0Quantile = Math.exp(normalQuantile(predFit, predSe, z));
    } else {
      mu0Quantile =
        o.thresholdMethod === 'nbPlugin' ? Math.exp(predFit) : Math.exp(normalQuantile(predFit, predSe, z));
      if (mu0Quantile === Number.POSITIVE_INFINITY) {
        upper = Number.NaN;
        pValue = Number.NaN;
      } else {
        // Negative binomial (size μ*/(φ − 1), prob 1/φ) when φ > 1, else Poisson.
        ({ upper, pValue } = pluginThreshold(mu0Quantile, phi, o.alpha, yk));
      }
    }
    // R quirk: for nbPlugin and muan the score mixes the count with the log-scale η₀.
    const score = isMissing(upper) ? Number.NaN : (yk - predFit) / (upper - predFit);

    result.predictedMean[out] = mu0;
    result.upperBoundUnmasked[out] = upper;
    result.upperBound[out] = enough === true ? upper : Number.NaN;
    result.expected[out] = enough === true && !isMissing(upper) ? mu0 : Number.NaN;
    result.alarm[out] = enough === true && score > 1 && yk !== 0;
    result.score[out] = score;
    result.pValue[out] = pValue;
    result.mu0Quantile[out] = mu0Quantile;
    result.phi[out] = phi;
    result.predictionDispersion[out] = dispersion;
    result.linkStandardError[out] = seEta;
    result.trendCoefficient[out] = doTrend ? fit.beta[1] : Number.NaN;
    result.trend[out] = doTrend;
  }
  return result;
}

/**
 * The baseline rows of one time point before missing counts are dropped: the seasonal blocks with each
 * row's trend time and seasonal indicator column. They depend on the dates only, not on the counts.
 */
interface BaselineRows extends SeasonalBlocks {
  /**
   * Column of each label 1 … noPeriods: −1 for the smallest present (the reference), −2 if absent.
   * Seasonal levels are taken before missing counts are dropped (an emptied level stays, aliased).
   */
  readonly columnOfLevel: Int32Array;
  /** Seasonal levels present (0 when noPeriods = 1: no factor). */
  readonly levelCount: number;
  /**
   * Trend time per row. Date-indexed: periods from the first baseline date (before missing counts are
   * dropped), in units of the series' first step (the prediction origin is taken after them: R quirk).
   */
  readonly time: Float64Array;
  /** Indicator column per row (see `columnOfLevel`). */
  readonly group: Int32Array;
}

function baselineRows(series: CountSeries, blocks: SeasonalBlocks, noPeriods: number): BaselineRows {
  const { indices, labels } = blocks;
  const n = indices.length;
  const columnOfLevel = new Int32Array(noPeriods + 1).fill(-2);
  let levelCount = 0;
  if (noPeriods !== 1) {
    for (let i = 0; i < n; i++) columnOfLevel[labels[i]] = 0;
    // Levels sort numerically (R's factor of numbers); the first present one is the reference.
    for (let label = 1; label <= noPeriods; label++) {
      if (columnOfLevel[label] !== -2) columnOfLevel[label] = levelCount++ - 1;
    }
  }
  const dates = series.dates;
  const step = series.epochAsDate ? dates[1] - dates[0] : 1;
  const origin = n > 0 ? dates[indices[0]] : 0;
  const time = new Float64Array(n);
  const group = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const t = indices[i];
    time[i] = series.epochAsDate ? (dates[t] - origin) / step : t + 1;
    group[i] = columnOfLevel[labels[i]];
  }
  return { indices, labels, columnOfLevel, levelCount, time, group };
}

/** The last baseline rows computed, with everything they depend on (the dates by value). */
const ROWS_MEMO = {
  dates: new Int32Array(0),
  frequency: '',
  epochAsDate: false,
  k: -1,
  b: -1,
  w: -1,
  noPeriods: -1,
  pastWeeksNotIncluded: -1,
  rows: undefined as BaselineRows | undefined,
};

/**
 * The baseline rows of time point k, reused when the dates, time point and options equal those of the
 * last call: many series on one calendar (a national run) share them. The dates are compared by value,
 * so a caller changing an array in place is safe; the rows' arrays are never written after this.
 */
function memoisedRows(
  series: CountSeries,
  k: number,
  o: FarringtonFlexibleOptions,
  pastWeeksNotIncluded: number,
): BaselineRows {
  const m = ROWS_MEMO;
  const dates = series.dates;
  if (
    m.rows !== undefined &&
    m.k === k &&
    m.b === o.b &&
    m.w === o.w &&
    m.noPeriods === o.noPeriods &&
    m.pastWeeksNotIncluded === pastWeeksNotIncluded &&
    m.frequency === series.frequency &&
    m.epochAsDate === series.epochAsDate &&
    m.dates.length === dates.length &&
    series.observed.length === dates.length &&
    sameDates(m.dates, dates)
  ) {
    return m.rows;
  }
  const blocks = seasonalBlocks(series, k, o.b, o.w, o.noPeriods, pastWeeksNotIncluded, SCRATCH);
  const rows = baselineRows(
    series,
    { indices: blocks.indices.slice(), labels: blocks.labels.slice() },
    o.noPeriods,
  );
  m.rows = undefined;
  if (series.observed.length === dates.length) {
    m.dates = dates.slice();
    m.frequency = series.frequency;
    m.epochAsDate = series.epochAsDate;
    m.k = k;
    m.b = o.b;
    m.w = o.w;
    m.noPeriods = o.noPeriods;
    m.pastWeeksNotIncluded = pastWeeksNotIncluded;
    m.rows = rows;
  }
  return rows;
}

function sameDates(a: Int32Array, b: Int32Array): boolean {
  for (let i = a.length - 1; i >= 0; i--) if (a[i] !== b[i]) return false;
  return true;
}

/** R's `qnorm(p, mean, sd)` from z = Φ⁻¹(p): `mean + sd·z`, `mean` when sd = 0. */
function normalQuantile(mean: number, sd: number, z: number): number {
  if (Number.isNaN(mean) || Number.isNaN(sd) || sd < 0) return Number.NaN;
  if (sd === 0) return mean;
  return mean + sd * z;
}

function logPopulation(population: Float64Array | undefined, t: number): number {
  const pop = population === undefined ? 1 : population[t];
  if (!(pop > 0 && Number.isFinite(pop))) {
    throw new DetectionInputError(
      `population[${t + 1}] = ${pop} cannot enter a log-population offset`,
      'population',
    );
  }
  return Math.log(pop);
}
