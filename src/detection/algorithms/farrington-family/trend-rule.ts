/**
 * The trend rule of the Farrington family (Farrington et al. 1996, §3.4; spec §1.4, §2.5): a fitted
 * trend is kept only if at least three years of data are used, it is significant, and it does not
 * extrapolate beyond the largest baseline count.
 */
import { DetectionInputError } from '../../errors.ts';
import { pt } from '../../math/distributions.ts';
import type { GlmFit } from '../../math/glm.ts';

/**
 * R's `atLeastThreeYears && significant && noExtrapolation` with NA (`null`) as R evaluates `&&`;
 * R's `if` stops on an NA result, and so does this.
 */
export function keepTrend(
  atLeastThreeYears: boolean,
  significant: boolean | null,
  noExtrapolation: boolean | null,
  k: number,
): boolean {
  if (!atLeastThreeYears || significant === false || noExtrapolation === false) return false;
  if (significant === null || noExtrapolation === null) {
    throw new DetectionInputError(
      `time point ${k + 1}: the trend test is undefined (no residual degrees of freedom or a missing baseline count; R stops)`,
      'observed',
    );
  }
  return true;
}

export interface TrendTest {
  /** p < threshold for the trend's two-sided t-test; `null` when the p-value is undefined (R's NA). */
  readonly significant: boolean | null;
  /** The p-value lies within rounding (1e-7 relative) of the threshold. */
  readonly closeCall: boolean;
}

/**
 * The t-test of the trend coefficient (design column 1) with dispersion `dispersion` against
 * `threshold`: p = 2·T_df(−|β/se|) (R's `summary.glm`, quasi family). With a threshold of 1 or more
 * (Noufaily's setting) every |t| above 1e-6 gives p < 1 − 6e-7, so the t distribution is only needed
 * near t = 0. An aliased trend column has no row in R's coefficient table, and R stops.
 */
export function trendTest(fit: GlmFit, dispersion: number, threshold: number, k: number): TrendTest {
  if (fit.aliased[1] === 1) {
    throw new DetectionInputError(
      `time point ${k + 1}: the trend cannot be estimated from the baseline (R: subscript out of bounds)`,
      'observed',
    );
  }
  const t = fit.beta[1] / Math.sqrt(dispersion * fit.covUnscaled[fit.p + 1]);
  if (threshold >= 1 && Math.abs(t) > 1e-6) return { significant: true, closeCall: false };
  const p = 2 * pt(-Math.abs(t), fit.dfResidual);
  if (Number.isNaN(p)) return { significant: null, closeCall: false };
  return { significant: p < threshold, closeCall: tooCloseToCall(p, threshold, 1e-7) };
}

/**
 * Whether `a` and `b` are so close that the rounding of a different (but equally exact) linear algebra
 * could order them differently: the fast GLM engine then hands the decision to the QR engine.
 */
export function tooCloseToCall(a: number, b: number, relative: number): boolean {
  return Math.abs(a - b) <= relative * Math.max(Math.abs(a), Math.abs(b));
}
