import {
  CUSUM_TRANSFORMS,
  type CusumInControlMean,
  type CusumOptions,
  type CusumResult,
  cusum,
  cusumDefaultRange,
  DEFAULT_CUSUM_OPTIONS,
} from '../algorithms/cusum.ts';
import type { Detector } from '../detector.ts';
import { ControlReader } from '../r-compat/control-reader.ts';
import { encodeRNumber, encodeRNumbers, type RNumber } from '../r-compat/r-values.ts';

function readInControlMean(c: ControlReader): CusumInControlMean {
  const v = c.raw('m');
  if (v === undefined || v === null) return null;
  if (v === 'glm') return 'glm';
  if (typeof v === 'number' && Number.isFinite(v) && v >= 0) return v;
  if (
    Array.isArray(v) &&
    v.length > 0 &&
    v.every((x) => typeof x === 'number' && Number.isFinite(x) && x >= 0)
  ) {
    return Float64Array.from(v as number[]);
  }
  c.problem('m', `expected null, "glm", a mean ≥ 0 or an array of means ≥ 0, got ${JSON.stringify(v)}`);
  return null;
}

/** R `algo.cusum(disProg, control)`: Rossi's approximate Poisson CUSUM (spec §4). */
export const cusumDetector: Detector<CusumOptions, CusumResult> = {
  name: 'cusum',
  rFunction: 'algo.cusum',
  summary: "Rossi's CUSUM of standardised counts against an in-control mean (mean, fixed or harmonic GLM)",
  parseControl(control) {
    const c = new ControlReader('algo.cusum', control);
    const d = DEFAULT_CUSUM_OPTIONS;
    const k = c.number('k', d.k);
    const h = c.number('h', d.h);
    const m = readInControlMean(c);
    const trans = c.oneOf('trans', CUSUM_TRANSFORMS, d.trans);
    const alpha = c.number('alpha', d.alpha, (v) => (v >= 0 ? undefined : `expected ≥ 0, got ${v}`));
    c.done();
    return { k, h, m, trans, alpha };
  },
  defaultRange: (series) => cusumDefaultRange(series),
  run: (series, options, range) => cusum(series, options, range),
  extras: (result) => ({
    inControlMean: result.expected,
    standardized: result.standardized,
    cusum: result.cusum,
  }),
  toR(result) {
    const statistic: RNumber[] = new Array(result.cusum.length);
    for (let i = 0; i < statistic.length; i++) {
      statistic[i] = encodeRNumber(result.cusum[i], result.status[i] === 'undefined');
    }
    return {
      upperbound: encodeRNumbers(result.upperBound),
      alarm: result.alarm,
      cusum: statistic,
      m: encodeRNumbers(result.expected),
    };
  },
};
