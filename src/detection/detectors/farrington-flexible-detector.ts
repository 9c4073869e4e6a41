import { POWER_TRANSFORMS } from '../algorithms/farrington-family/power-threshold.ts';
import {
  DEFAULT_FARRINGTON_FLEXIBLE_OPTIONS,
  defaultFarringtonFlexibleRange,
  type FarringtonFlexibleOptions,
  type FarringtonFlexibleResult,
  farringtonFlexible,
  farringtonFlexibleOptions,
  THRESHOLD_METHODS,
} from '../algorithms/farrington-flexible.ts';
import type { Detector } from '../detector.ts';
import { ControlReader } from '../r-compat/control-reader.ts';
import { encodeRNumbers, type RNumber } from '../r-compat/r-values.ts';

/** `farringtonFlexible` behind the uniform detector face. */
export const farringtonFlexibleDetector: Detector<FarringtonFlexibleOptions, FarringtonFlexibleResult> = {
  name: 'farringtonFlexible',
  rFunction: 'farringtonFlexible',
  summary:
    'Improved Farrington (Noufaily et al. 2013): seasonal-factor quasi-Poisson model on b past years, NB or power-scale bound',
  parseControl(control) {
    const c = new ControlReader('farringtonFlexible', control);
    const d = DEFAULT_FARRINGTON_FLEXIBLE_OPTIONS;
    const limit54 = c.numberArray('limit54', d.limit54, 2);
    const options: FarringtonFlexibleOptions = {
      b: c.integer('b', d.b, 1),
      w: c.integer('w', d.w, 0),
      reweight: c.boolean('reweight', d.reweight),
      weightsThreshold: c.number('weightsThreshold', d.weightsThreshold),
      alpha: c.probability('alpha', d.alpha),
      trend: c.boolean('trend', d.trend),
      pThresholdTrend: c.number('pThresholdTrend', d.pThresholdTrend),
      limit54: Object.freeze([limit54[0], limit54[1]]) as readonly [number, number],
      powertrans: c.oneOf('powertrans', POWER_TRANSFORMS, d.powertrans),
      populationOffset: c.boolean('populationOffset', d.populationOffset),
      noPeriods: c.integer('noPeriods', d.noPeriods, 1),
      pastWeeksNotIncluded: c.has('pastWeeksNotIncluded') ? c.integer('pastWeeksNotIncluded', 0, 0) : null,
      thresholdMethod: c.oneOf('thresholdMethod', THRESHOLD_METHODS, d.thresholdMethod),
    };
    // R's only fitter, and keys that change nothing computed.
    c.oneOf('fitFun', ['algo.farrington.fitGLM.flexible'], 'algo.farrington.fitGLM.flexible');
    c.raw('verbose');
    c.raw('glmWarnings');
    c.done();
    return Object.freeze(farringtonFlexibleOptions(options));
  },
  defaultRange: (series, options) => defaultFarringtonFlexibleRange(series, options),
  run: (series, options, range) => farringtonFlexible(series, options, range),
  extras: (result) => ({
    score: result.score,
    pValue: result.pValue,
    predictedMean: result.predictedMean,
    upperBoundUnmasked: result.upperBoundUnmasked,
    mu0Quantile: result.mu0Quantile,
    phi: result.phi,
    predictionDispersion: result.predictionDispersion,
    trend: result.trend,
    trendCoefficient: result.trendCoefficient,
    enoughCases: result.enoughCases,
    baselineSize: result.baselineSize,
  }),
  toR: (result) => {
    const n = result.alarm.length;
    // R leaves `expected` at its initial 0 where no model could be fitted.
    const expected: RNumber[] = encodeRNumbers(result.expected);
    const trend: RNumber[] = new Array(n);
    for (let i = 0; i < n; i++) {
      if (result.fitFailed[i]) expected[i] = 0;
      const t = result.trend[i];
      trend[i] = t === null ? null : t ? 1 : 0;
    }
    return {
      upperbound: encodeRNumbers(result.upperBound),
      alarm: result.alarm,
      expected,
      score: encodeRNumbers(result.score),
      pvalue: encodeRNumbers(result.pValue),
      mu0Vector: encodeRNumbers(result.mu0Quantile),
      phiVector: encodeRNumbers(result.phi),
      trendVector: encodeRNumbers(result.trendCoefficient),
      trend,
    };
  },
};
