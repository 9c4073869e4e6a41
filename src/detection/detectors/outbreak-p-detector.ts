import {
  DEFAULT_OUTBREAK_P_OPTIONS,
  defaultOutbreakPRange,
  type OutbreakPOptions,
  type OutbreakPResult,
  outbreakP,
  outbreakPOptions,
} from '../algorithms/outbreak-p.ts';
import type { Detector } from '../detector.ts';
import { ControlReader } from '../r-compat/control-reader.ts';
import { encodeRNumbers } from '../r-compat/r-values.ts';

/** `algo.outbreakP` behind the uniform detector face. */
export const outbreakPDetector: Detector<OutbreakPOptions, OutbreakPResult> = {
  name: 'outbreakP',
  rFunction: 'algo.outbreakP',
  summary: 'OutbreakP (Frisén et al. 2009): likelihood ratio of a monotone increase against a constant mean',
  parseControl(control) {
    const c = new ControlReader('outbreakP', control);
    const d = DEFAULT_OUTBREAK_P_OPTIONS;
    const options = {
      k: c.number('k', d.k),
      ret: c.oneOf('ret', ['value', 'cases'], d.ret),
      maxUpperboundCases: c.number('maxUpperboundCases', d.maxUpperboundCases, (v) =>
        v >= 0 ? undefined : `expected a number ≥ 0, got ${v}`,
      ),
    };
    c.done();
    return Object.freeze(outbreakPOptions(options));
  },
  defaultRange: (series) => defaultOutbreakPRange(series),
  run: (series, options, range) => outbreakP(series, options, range),
  extras: (result): Readonly<Record<string, ArrayLike<number>>> =>
    result.neededCases === null
      ? { statistic: result.statistic }
      : { statistic: result.statistic, neededCases: result.neededCases },
  // The statistic's NaN (∞·0 in R's product) is reported as NaN; the search's failures are NA.
  toR: (result, options) => ({
    upperbound: encodeRNumbers(result.upperBound, options.ret === 'value'),
    alarm: result.alarm,
  }),
};
