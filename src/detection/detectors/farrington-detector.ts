import {
  DEFAULT_FARRINGTON_OPTIONS,
  defaultFarringtonRange,
  type FarringtonFitter,
  type FarringtonOptions,
  type FarringtonResult,
  farrington,
  farringtonOptions,
} from '../algorithms/farrington.ts';
import { POWER_TRANSFORMS } from '../algorithms/farrington-family/power-threshold.ts';
import type { Detector } from '../detector.ts';
import { ControlReader } from '../r-compat/control-reader.ts';
import { encodeRNumbers } from '../r-compat/r-values.ts';

/** R's `fitFun` names (also accepted: Tocsin's short names `fast`, `glm`, `populationOffset`). */
const R_FITTERS: Readonly<Record<string, FarringtonFitter>> = Object.freeze({
  'algo.farrington.fitGLM.fast': 'fast',
  'algo.farrington.fitGLM': 'glm',
  'algo.farrington.fitGLM.populationOffset': 'populationOffset',
  fast: 'fast',
  glm: 'glm',
  populationOffset: 'populationOffset',
});

/** `algo.farrington` behind the uniform detector face. */
export const farringtonDetector: Detector<FarringtonOptions, FarringtonResult> = {
  name: 'farrington',
  rFunction: 'algo.farrington',
  summary:
    'Farrington et al. (1996): quasi-Poisson trend model on past-year windows, reweighted, 2/3-power bound',
  parseControl(control) {
    const c = new ControlReader('farrington', control);
    const d = DEFAULT_FARRINGTON_OPTIONS;
    const fitName = c.oneOf('fitFun', Object.keys(R_FITTERS), 'algo.farrington.fitGLM.fast');
    const limit54 = c.numberArray('limit54', d.limit54, 2);
    const options: FarringtonOptions = {
      b: c.integer('b', d.b, 1),
      w: c.integer('w', d.w, 0),
      reweight: c.boolean('reweight', d.reweight),
      alpha: c.probability('alpha', d.alpha),
      trend: c.boolean('trend', d.trend),
      limit54: [limit54[0], limit54[1]],
      powertrans: c.oneOf('powertrans', POWER_TRANSFORMS, d.powertrans),
      fitFun: R_FITTERS[fitName] ?? 'fast',
    };
    // R's control keys that change nothing computed.
    c.raw('verbose');
    c.raw('plot');
    c.done();
    return Object.freeze(farringtonOptions(options));
  },
  defaultRange: (series, options) => defaultFarringtonRange(series, options),
  run: (series, options, range) => farrington(series, options, range),
  extras: (result) => ({
    upperBoundUnmasked: result.upperBoundUnmasked,
    lowerBound: result.lowerBound,
    trend: result.trend,
    trendCoefficient: result.trendCoefficient,
    phi: result.phi,
    expectedStandardError: result.expectedStandardError,
    enoughCases: result.enoughCases,
    pdQuantile: result.pdQuantile,
    pdMedian: result.pdMedian,
    baselineSize: result.baselineSize,
  }),
  toR: (result) => ({
    upperbound: encodeRNumbers(result.upperBound),
    alarm: result.alarm,
    trend: result.trend,
    pd_quantile: encodeRNumbers(result.pdQuantile),
    pd_median: encodeRNumbers(result.pdMedian),
  }),
};
