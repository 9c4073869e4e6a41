import {
  DEFAULT_RKI_OPTIONS,
  defaultRkiRange,
  RKI_VARIANTS,
  type RkiOptions,
  type RkiResult,
  rki,
  rkiOptions,
} from '../algorithms/rki.ts';
import type { Detector } from '../detector.ts';
import { ControlReader } from '../r-compat/control-reader.ts';
import { encodeRNumbers } from '../r-compat/r-values.ts';

type Variant = keyof typeof RKI_VARIANTS;

/**
 * `algo.rki` behind the uniform detector face. Besides R's keys the control may name a `variant`
 * (`rki1`, `rki2`, `rki3`, R's `algo.rki1` … `algo.rki3`) as the starting point for the others.
 */
export const rkiDetector: Detector<RkiOptions, RkiResult> = {
  name: 'rki',
  rFunction: 'algo.rki',
  summary: 'RKI system: tabulated Poisson limit or mean + 2 sd of a seasonal baseline',
  parseControl(control) {
    const c = new ControlReader('rki', control);
    const variant = c.oneOf<Variant | 'none'>('variant', ['rki1', 'rki2', 'rki3'], 'none');
    const base = variant === 'none' ? DEFAULT_RKI_OPTIONS : RKI_VARIANTS[variant];
    const b = c.integer('b', base.b, 0);
    const w = c.integer('w', base.w, 0);
    const actY = c.boolean('actY', base.actY);
    if (b === 0 && !actY) c.problem('actY', 'b = 0 with actY = false leaves the baseline empty');
    c.done();
    return Object.freeze(rkiOptions({ b, w, actY }));
  },
  defaultRange: (series, options) => defaultRkiRange(series, options),
  run: (series, options, range) => rki(series, options, range),
  extras: (result) => ({ baselineSd: result.baselineSd, poissonTable: result.poissonTable }),
  // A one-value baseline above 20 has sd NA in R, so the bound is NA.
  toR: (result) => ({ upperbound: encodeRNumbers(result.upperBound), alarm: result.alarm }),
};
