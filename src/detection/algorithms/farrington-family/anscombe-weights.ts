/**
 * Farrington's down-weighting of past outbreaks (Farrington et al. 1996, §3.2; spec §0.6): standardised
 * Anscombe residuals of a quasi-Poisson fit, and weights that shrink the observations whose residual
 * exceeds a threshold, renormalised so that they sum to the number of observations.
 */

/**
 * Writes the prior weights ω for the refit into `out` (length m). Returns false when a standardised
 * residual is NaN (no residual degrees of freedom, or a zero residual with leverage 1): R's weights are
 * then NA and its refit stops.
 *
 * @param y observed counts of the fit
 * @param mu fitted means of the fit
 * @param hat hat values of the fit
 * @param phi dispersion, already floored at 1
 * @param threshold residuals strictly above it are down-weighted (1 in `algo.farrington`,
 *   `weightsThreshold` in `farringtonFlexible`)
 */
export function anscombeWeights(
  y: ArrayLike<number>,
  mu: ArrayLike<number>,
  hat: ArrayLike<number>,
  phi: number,
  threshold: number,
  out: Float64Array,
): boolean {
  const m = y.length;
  let denominator = 0;
  for (let i = 0; i < m; i++) {
    const mi = mu[i];
    const a = 1.5 * (y[i] ** (2 / 3) * mi ** (-1 / 6) - Math.sqrt(mi));
    const s = a / Math.sqrt(phi * (1 - hat[i]));
    if (Number.isNaN(s)) return false;
    // R: (s^-2)^(s > threshold) — the weight is s^-2 above the threshold and 1 otherwise.
    if (s > threshold) {
      const w = s ** -2;
      out[i] = w;
      denominator += w;
    } else {
      out[i] = -1;
      denominator += 1;
    }
  }
  const gamma = m / denominator;
  for (let i = 0; i < m; i++) out[i] = out[i] < 0 ? gamma : gamma * out[i];
  return true;
}
