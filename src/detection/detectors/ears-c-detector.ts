import {
  DEFAULT_EARS_C_OPTIONS,
  type EarsCMethod,
  type EarsCOptions,
  type EarsCResult,
  earsC,
  earsCDefaultRange,
} from '../algorithms/ears-c.ts';
import type { Detector } from '../detector.ts';
import { ControlReader } from '../r-compat/control-reader.ts';
import { encodeRNumber, type RNumber } from '../r-compat/r-values.ts';

const METHODS: ReadonlyArray<EarsCMethod> = ['C1', 'C2', 'C3'];

/** R `earsC(sts, control)`: EARS C1, C2 and C3 (spec §3). */
export const earsCDetector: Detector<EarsCOptions, EarsCResult> = {
  name: 'earsC',
  rFunction: 'earsC',
  summary: 'EARS C1/C2/C3: count above the mean + z·sd of the last n_b periods (C2/C3 with a 2-period gap)',
  parseControl(control) {
    const c = new ControlReader('earsC', control);
    const d = DEFAULT_EARS_C_OPTIONS;
    const method = c.oneOf('method', METHODS, d.method);
    const baseline = c.integer('baseline', d.baseline, 3);
    const minSigma = c.number('minSigma', d.minSigma, (v) => (v >= 0 ? undefined : `expected ≥ 0, got ${v}`));
    const alpha = c.has('alpha') ? c.probability('alpha', 0.001) : d.alpha;
    c.done();
    return { method, baseline, minSigma, alpha };
  },
  defaultRange: (series, options) => earsCDefaultRange(series.observed.length, options),
  run: (series, options, range) => earsC(series, options, range),
  extras(result) {
    const extras: Record<string, ArrayLike<number | boolean | null>> = {
      baselineMean: result.expected,
      baselineSd: result.baselineSd,
      [result.method === 'C1' ? 'c1Statistic' : 'c2Statistic']: result.statistic,
    };
    if (result.method === 'C3') extras.laggedExcess = result.laggedExcess;
    return extras;
  },
  toR(result) {
    const upperbound: RNumber[] = new Array(result.upperBound.length);
    for (let i = 0; i < upperbound.length; i++) {
      upperbound[i] = encodeRNumber(result.upperBound[i], result.status[i] === 'zero-spread');
    }
    return { upperbound, alarm: result.alarm };
  },
};
