import {
  defaultGlrpoisRange,
  type GlrpoisOptions,
  type GlrpoisResult,
  glrpois,
  glrpoisOptions,
} from '../algorithms/glrpois.ts';
import type { Detector } from '../detector.ts';
import { ControlReader } from '../r-compat/control-reader.ts';
import { glrExtras, glrToR, readGlrControl } from './glrnb-detector.ts';

/** `algo.glrpois` behind the uniform detector face: the `algo.glrnb` charts with α = 0. */
export const glrpoisDetector: Detector<GlrpoisOptions, GlrpoisResult> = {
  name: 'glrpois',
  rFunction: 'algo.glrpois',
  summary: 'Höhle & Paul (2008): Poisson GLR (or known-shift LR) chart on a seasonal in-control mean',
  parseControl(control) {
    const c = new ControlReader('glrpois', control);
    // R stops unless alpha is absent or 0.
    c.number('alpha', 0, (v) => (v === 0 ? undefined : 'algo.glrpois has to operate with alpha = 0'));
    const options = readGlrControl(c);
    c.done();
    return Object.freeze(glrpoisOptions(options));
  },
  defaultRange: (series, options) => defaultGlrpoisRange(series, options),
  run: (series, options, range) => glrpois(series, options, range),
  extras: glrExtras,
  toR: glrToR,
};
