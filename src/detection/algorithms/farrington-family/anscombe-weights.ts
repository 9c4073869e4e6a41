/**
 * Farrington's down-weighting of past outbreaks (Farrington et al. 1996, §3.2; spec §0.6): standardised
 * Anscombe residuals of a quasi-Poisson fit, and weights that shrink the observations whose residual
 * exceeds a threshold, renormalised so that they sum to the number of observations.
 */

import type { FarringtonResponse } from './farrington-response.ts';

const EPS = 2 ** -52;

/**
 * Writes the prior weights ω for the refit into `out` (length m). Returns the smallest distance of a
 * standardised residual from the threshold, relative to max(1, |threshold|) — a tiny value means that
 * rounding decides which residuals are down-weighted — or NaN when a standardised residual is NaN (no
 * residual degrees of freedom, or a zero residual with leverage 1): R's weights are then NA and its
 * refit stops.
 *
 * @param response the observed counts with their y^{2/3}
 * @param eta linear predictors of the fit (μ^{−1/6} is taken as exp(−η/6) where μ = exp(η))
 * @param mu fitted means of the fit
 * @param hat hat values of the fit
 * @param phi dispersion, already floored at 1
 * @param threshold residuals strictly above it are down-weighted (1 in `algo.farrington`,
 *   `weightsThreshold` in `farringtonFlexible`)
 * @param muSixth μ^{−1/6} = exp(−η/6) per row if the fit has it already (taken where μ > ε and the
 *   leverage is below 1, as exp(−η/6) would be)
 */
export function anscombeWeights(
  response: FarringtonResponse,
  eta: ArrayLike<number>,
  mu: ArrayLike<number>,
  hat: ArrayLike<number>,
  phi: number,
  threshold: number,
  out: Float64Array,
  muSixth?: ArrayLike<number>,
): number {
  const twoThirds = response.twoThirds;
  const m = twoThirds.length;
  let denominator = 0;
  let closest = Number.POSITIVE_INFINITY;
  const scale = Math.max(1, Math.abs(threshold));
  for (let i = 0; i < m; i++) {
    const mi = mu[i];
    // μ^(−1/6) without a pow: exp(−η/6), unless μ was floored at ε by the log link. With leverage 1
    // the sign of a (0/0 = NaN or ±∞ for s) hangs on the last ulp: there, R's own expression.
    const sixth =
      mi > EPS && hat[i] < 1 ? (muSixth === undefined ? Math.exp(-eta[i] / 6) : muSixth[i]) : mi ** (-1 / 6);
    const a = 1.5 * (twoThirds[i] * sixth - Math.sqrt(mi));
    const s = a / Math.sqrt(phi * (1 - hat[i]));
    if (Number.isNaN(s)) return Number.NaN;
    const distance = Math.abs(s - threshold) / scale;
    if (distance < closest) closest = distance;
    // R: (s^-2)^(s > threshold) — the weight is s^-2 above the threshold and 1 otherwise.
    if (s > threshold) {
      const w = 1 / (s * s);
      out[i] = w;
      denominator += w;
    } else {
      out[i] = -1;
      denominator += 1;
    }
  }
  const gamma = m / denominator;
  for (let i = 0; i < m; i++) out[i] = out[i] < 0 ? gamma : gamma * out[i];
  return closest;
}
