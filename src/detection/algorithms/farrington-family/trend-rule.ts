/**
 * The trend rule of the Farrington family (Farrington et al. 1996, §3.4; spec §1.4, §2.5): a fitted
 * trend is kept only if at least three years of data are used, it is significant, and it does not
 * extrapolate beyond the largest baseline count.
 */
import { DetectionInputError } from '../../errors.ts';
import type { GlmFit } from '../../math/glm.ts';
import { coefficientPValue } from './glm-inference.ts';

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

/**
 * Two-sided t-test p-value of the trend coefficient (design column 1) with dispersion `dispersion`
 * (NaN when undefined). An aliased trend column has no row in R's coefficient table, and R stops.
 */
export function trendPValue(fit: GlmFit, dispersion: number, k: number): number {
  if (fit.aliased[1] === 1) {
    throw new DetectionInputError(
      `time point ${k + 1}: the trend cannot be estimated from the baseline (R: subscript out of bounds)`,
      'observed',
    );
  }
  return coefficientPValue(fit, 1, dispersion);
}

/**
 * Whether `a` and `b` are so close that the rounding of a different (but equally exact) linear algebra
 * could order them differently: the fast GLM engine then hands the decision to the QR engine.
 */
export function tooCloseToCall(a: number, b: number, relative: number): boolean {
  return Math.abs(a - b) <= relative * Math.max(Math.abs(a), Math.abs(b));
}
