import {
  type CdcOptions,
  type CdcResult,
  cdc,
  cdcDefaultRange,
  DEFAULT_CDC_OPTIONS,
} from '../algorithms/cdc.ts';
import type { Detector } from '../detector.ts';
import { ControlReader } from '../r-compat/control-reader.ts';
import { encodeRNumbers } from '../r-compat/r-values.ts';

/** R `algo.cdc(disProg, control)`: the CDC 4-week-total method (spec §8). */
export const cdcDetector: Detector<CdcOptions, CdcResult> = {
  name: 'cdc',
  rFunction: 'algo.cdc',
  summary: 'CDC method: 4-week total above mean + z·sd of 4-week totals around the same weeks of past years',
  parseControl(control) {
    const c = new ControlReader('algo.cdc', control);
    const d = DEFAULT_CDC_OPTIONS;
    const b = c.integer('b', d.b, 1);
    const m = c.integer('m', d.m, 0);
    const alpha = c.probability('alpha', d.alpha);
    // R quirk: algo.cdc resets m to 1 unless the (otherwise unused) key `w` is given.
    const keepM = c.has('w');
    c.done();
    return { b, m: keepM ? m : 1, alpha };
  },
  defaultRange: (series, options) => cdcDefaultRange(series, options),
  run: (series, options, range) => cdc(series, options, range),
  extras: (result) => ({
    fourWeekTotal: result.fourWeekTotal,
    baselineMean: result.expected,
    baselineSd: result.baselineSd,
  }),
  toR: (result) => ({
    upperbound: encodeRNumbers(result.upperBound),
    alarm: result.alarm,
    aggr: encodeRNumbers(result.fourWeekTotal),
  }),
};
