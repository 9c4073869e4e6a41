import {
  BAYES_VARIANTS,
  type BayesOptions,
  type BayesResult,
  bayes,
  bayesOptions,
  defaultBayesRange,
} from '../algorithms/bayes.ts';
import type { Detector } from '../detector.ts';
import { ControlReader } from '../r-compat/control-reader.ts';
import { encodeRNumbers } from '../r-compat/r-values.ts';

type Variant = keyof typeof BAYES_VARIANTS;

/**
 * `algo.bayes` behind the uniform detector face. Besides R's keys the control may name a `variant`
 * (`bayes1`, `bayes2`, `bayes3`, R's `algo.bayes1` … `algo.bayes3`) as the starting point for the others.
 */
export const bayesDetector: Detector<BayesOptions, BayesResult> = {
  name: 'bayes',
  rFunction: 'algo.bayes',
  summary: 'Bayes system (Riebler 2004): negative binomial predictive quantile from a seasonal baseline',
  parseControl(control) {
    const c = new ControlReader('bayes', control);
    const variant = c.oneOf<Variant | 'none'>('variant', ['bayes1', 'bayes2', 'bayes3'], 'none');
    const base = variant === 'none' ? bayesOptions() : BAYES_VARIANTS[variant];
    const options: BayesOptions = {
      b: c.integer('b', base.b, 0),
      w: c.integer('w', base.w, 0),
      actY: c.boolean('actY', base.actY),
      alpha: c.probability('alpha', base.alpha, true),
    };
    c.done();
    return Object.freeze(options);
  },
  defaultRange: (series, options) => defaultBayesRange(series, options),
  run: (series, options, range) => bayes(series, options, range),
  extras: (result) => ({ baselineSum: result.baselineSum, baselineCount: result.baselineCount }),
  // qnbinom gives NaN (not NA) when no baseline value is available.
  toR: (result) => ({ upperbound: encodeRNumbers(result.upperBound, true), alarm: result.alarm }),
};
