/**
 * Likelihood-ratio CUSUM for a known shift κ of the intercept (Höhle & Paul 2008, eq. (4); spec §5.4),
 * Poisson (α = 0) or negative binomial (α > 0), with R `surveillance`'s C routines `lr_cusum` and
 * `lr_cusum_nb` as reference: S_n = max(0, S_{n−1} + z_n), alarm when S_n > c (strict).
 */
import { isMissing } from '../../series/missing.ts';
import type { ChartOutput } from './chart-output.ts';

export interface KnownShiftLrSettings {
  /** Alarm threshold c (R `c.ARL`); alarm when S_n > c. */
  readonly threshold: number;
  /** Shift κ of the log mean under the out-of-control model (R `theta`). */
  readonly kappa: number;
  /** NB dispersion α (0 = Poisson). */
  readonly alpha: number;
}

/**
 * Runs the CUSUM on `start … end − 1`; returns the absolute index of the first alarm or −1. A missing
 * count resets the CUSUM to 0 (R passes NA as the most negative `int`, which drives S below 0). The
 * counts needed, (c − S_{n−1} − …)/…, are not rounded (R neither).
 */
export function knownShiftLrChart(
  x: Float64Array,
  mu0: Float64Array,
  start: number,
  end: number,
  s: KnownShiftLrSettings,
  out: ChartOutput,
): number {
  const { threshold: c, kappa, alpha } = s;
  const eKappa = Math.exp(kappa);
  let previous = 0;
  for (let n = start; n < end; n++) {
    const xn = x[n];
    const mu = mu0[n];
    let z: number;
    let cases: number;
    if (alpha === 0) {
      z = kappa * xn + (1 - eKappa) * mu;
      cases = (c - previous + mu * (eKappa - 1)) / kappa;
    } else {
      const ell = Math.log((1 + alpha * mu) / (1 + alpha * mu * eKappa));
      z = kappa * xn + (xn + 1 / alpha) * ell;
      cases = -(previous * alpha + ell - c * alpha) / alpha / (kappa + ell);
    }
    const sn = isMissing(xn) ? 0 : Math.max(0, previous + z);
    out.statistic[n] = sn;
    if (out.cases !== undefined) out.cases[n] = cases;
    if (sn > c) return n;
    previous = sn;
  }
  return -1;
}
