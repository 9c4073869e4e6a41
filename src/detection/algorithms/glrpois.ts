/**
 * Poisson regression charts: Höhle M, Paul M (2008), "Count data regression charts for the monitoring
 * of surveillance time series", CSDA 52:4357–4368, as R `surveillance` 1.20.3 `algo.glrpois`
 * implements them: `algo.glrnb` with the dispersion α fixed at 0 (spec §5).
 */
import type { DetectionRange } from '../range.ts';
import type { CountSeries } from '../series/count-series.ts';
import {
  DEFAULT_GLRNB_OPTIONS,
  defaultGlrnbRange,
  type GlrnbOptions,
  type GlrnbResult,
  glrnb,
  glrnbOptions,
} from './glrnb.ts';

/** The options of `glrnb` without α, which is 0 (see `GlrnbOptions` for every field). */
export type GlrpoisOptions = Omit<GlrnbOptions, 'alpha'>;

/** R's defaults (as `algo.glrnb`'s, with α = 0). */
export const DEFAULT_GLRPOIS_OPTIONS: Readonly<GlrpoisOptions> = Object.freeze({
  threshold: DEFAULT_GLRNB_OPTIONS.threshold,
  mu0: DEFAULT_GLRNB_OPTIONS.mu0,
  minWindow: DEFAULT_GLRNB_OPTIONS.minWindow,
  maxWindow: DEFAULT_GLRNB_OPTIONS.maxWindow,
  change: DEFAULT_GLRNB_OPTIONS.change,
  knownShift: DEFAULT_GLRNB_OPTIONS.knownShift,
  direction: DEFAULT_GLRNB_OPTIONS.direction,
  output: DEFAULT_GLRNB_OPTIONS.output,
  casesSearchLimit: DEFAULT_GLRNB_OPTIONS.casesSearchLimit,
});

/** `glrpois` results are `glrnb` results with α = 0. */
export type GlrpoisResult = GlrnbResult;

function poissonOptions(options?: Partial<GlrpoisOptions>): Partial<GlrnbOptions> {
  return { ...options, alpha: 0 };
}

/** Merges options with the defaults and checks them; throws `DetectionOptionsError` listing every problem. */
export function glrpoisOptions(options?: Partial<GlrpoisOptions>): GlrpoisOptions {
  const { alpha: _alpha, ...rest } = glrnbOptions(poissonOptions(options), 'glrpois');
  return rest;
}

/** R has no default range; Tocsin's is `defaultGlrnbRange`'s. */
export function defaultGlrpoisRange(series: CountSeries, options?: Partial<GlrpoisOptions>): DetectionRange {
  return defaultGlrnbRange(series, poissonOptions(options));
}

/** Runs the Poisson chart on `range` (default: `defaultGlrpoisRange`); see `glrnb`. */
export function glrpois(
  series: CountSeries,
  options?: Partial<GlrpoisOptions>,
  range?: DetectionRange,
): GlrpoisResult {
  return glrnb(series, poissonOptions(options), range, 'glrpois');
}
