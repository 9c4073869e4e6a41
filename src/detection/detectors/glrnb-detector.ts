import {
  DEFAULT_GLRNB_OPTIONS,
  defaultGlrnbRange,
  type GlrInControlMean,
  type GlrnbOptions,
  type GlrnbResult,
  glrnb,
  glrnbOptions,
} from '../algorithms/glrnb.ts';
import type { Detector } from '../detector.ts';
import { ControlReader } from '../r-compat/control-reader.ts';
import { encodeRNumbers, type RVector } from '../r-compat/r-values.ts';

/** Reads R's `mu0`: absent/NULL or a list {S, trend, refit} (estimated), or a numeric vector (given). */
function readMu0(c: ControlReader): GlrInControlMean {
  const raw = c.raw('mu0');
  const d = { kind: 'estimated', harmonics: 1, trend: false, refit: false } as const;
  if (raw === undefined || raw === null) return d;
  if (Array.isArray(raw)) {
    if (!raw.every((v) => typeof v === 'number' && Number.isFinite(v))) {
      c.problem('mu0', 'expected an array of finite numbers or an object {S, trend, refit}');
      return d;
    }
    return { kind: 'given', values: Float64Array.from(raw as number[]) };
  }
  if (typeof raw !== 'object') {
    c.problem(
      'mu0',
      `expected an array of numbers or an object {S, trend, refit}, got ${JSON.stringify(raw)}`,
    );
    return d;
  }
  const list = new ControlReader('glrnb', raw);
  const model = {
    kind: 'estimated',
    harmonics: list.integer('S', 1, 0),
    trend: list.boolean('trend', false),
    refit: list.boolean('refit', false),
  } as const;
  try {
    list.done();
  } catch (err) {
    if (!(err instanceof Error && 'problems' in err && Array.isArray(err.problems))) throw err;
    for (const p of err.problems) c.problem(`mu0$${p.option}`, p.message);
  }
  return model;
}

/**
 * Reads the keys `algo.glrnb` and `algo.glrpois` share (all but `alpha`) into typed options; R's
 * `theta` (known shift) must be a number.
 */
export function readGlrControl(c: ControlReader): Omit<GlrnbOptions, 'alpha'> {
  const d = DEFAULT_GLRNB_OPTIONS;
  const theta = c.has('theta') ? c.number('theta', 1) : null;
  return {
    threshold: c.number('c.ARL', d.threshold),
    mu0: readMu0(c),
    minWindow: c.integer('Mtilde', d.minWindow, 1),
    maxWindow: c.integer('M', d.maxWindow, -1),
    change: c.oneOf('change', ['intercept', 'epi'], d.change),
    knownShift: theta,
    direction: c.oneOf('dir', ['inc', 'dec'], d.direction),
    output: c.oneOf('ret', ['value', 'cases'], d.output),
    casesSearchLimit: c.number('xMax', d.casesSearchLimit),
  };
}

/** R's outputs: the upper bound (statistic or cases), the alarms and the in-control means used. */
export function glrToR(result: GlrnbResult): Readonly<Record<string, RVector>> {
  return {
    upperbound: encodeRNumbers(result.upperBound),
    alarm: result.alarm,
    mu0: encodeRNumbers(result.expected),
  };
}

/** The extra per-point outputs of both GLR detectors. */
export function glrExtras(result: GlrnbResult): Readonly<Record<string, ArrayLike<number>>> {
  return result.casesNeeded === undefined
    ? { statistic: result.statistic }
    : { statistic: result.statistic, casesNeeded: result.casesNeeded };
}

/** `algo.glrnb` behind the uniform detector face; an absent `alpha` is estimated (`MASS::glm.nb`). */
export const glrnbDetector: Detector<GlrnbOptions, GlrnbResult> = {
  name: 'glrnb',
  rFunction: 'algo.glrnb',
  summary:
    'Höhle & Paul (2008): negative binomial / Poisson GLR (or known-shift LR) chart on a seasonal in-control mean',
  parseControl(control) {
    const c = new ControlReader('glrnb', control);
    const alpha = c.has('alpha') ? c.number('alpha', 0) : null;
    const options: GlrnbOptions = { ...readGlrControl(c), alpha };
    c.done();
    return Object.freeze(glrnbOptions(options));
  },
  defaultRange: (series, options) => defaultGlrnbRange(series, options),
  run: (series, options, range) => glrnb(series, options, range),
  extras: glrExtras,
  toR: glrToR,
};
