/**
 * Negative binomial GLR chart for a shift κ of the intercept (Höhle & Paul 2008, §2.3; spec §5.4), with
 * R `surveillance`'s C routine `glr_nb_window` as reference: for every window k … n the ML estimate of
 * κ is found by Newton–Raphson (started from the previous window's estimate), clamped to the monitored
 * direction, and GLR_n is the largest log-likelihood ratio l_{n,k}.
 */
import { isMissing } from '../../series/missing.ts';
import { type ChartDirection, type ChartOutput, fmax0, NO_WINDOW } from './chart-output.ts';

export interface NbGlrSettings {
  /** Alarm threshold c (R `c.ARL`); alarm when GLR_n ≥ c. */
  readonly threshold: number;
  readonly direction: ChartDirection;
  /** NB dispersion α > 0: Var = μ + αμ² (R `alpha`). */
  readonly alpha: number;
  /** Window limit M (R `M`): −1 unlimited, otherwise windows start at k ≥ n − M. */
  readonly M: number;
  /** Minimum window M̃ (R `Mtilde`). */
  readonly Mtilde: number;
}

/** The lowest and highest window start k for point n of the segment starting at `start`. */
export function nbWindowStarts(start: number, n: number, M: number, Mtilde: number): [number, number] {
  return [start + (M === -1 ? 0 : Math.max(0, n - start - M)), n - (Mtilde - 1)];
}

/**
 * Newton–Raphson for κ on the window k … n (x_n replaced by `xn`), as the C code iterates it: from
 * `kappaStart` (with κ_old = 0.4), while κ > −18, |Δκ| > 1e-6 and fewer than 1000 steps.
 */
export function nbKappaNewton(
  x: Float64Array,
  mu0: Float64Array,
  alpha: number,
  k: number,
  n: number,
  xn: number,
  kappaStart: number,
): number {
  let kOld = 0.4;
  let kNew = kappaStart;
  let iter = 0;
  while (kNew > -18 && Math.abs(kNew - kOld) > 1e-6 && iter < 1000) {
    iter++;
    kOld = kNew;
    const e = Math.exp(kOld);
    const ae = alpha * e;
    let score = 0;
    let fisher = 0;
    for (let i = k; i < n; i++) {
      const xi = x[i];
      const mi = mu0[i];
      const den = 1 + ae * mi;
      score += (xi - e * mi) / den;
      fisher += (mi * (alpha * xi + 1)) / (den * den);
    }
    const mn = mu0[n];
    const denN = 1 + ae * mn;
    score += (xn - e * mn) / denN;
    fisher += (mn * (alpha * xn + 1)) / (denN * denN);
    kNew = kOld + score / (e * fisher);
  }
  return kNew;
}

/** l_{n,k}(κ) = Σ_{i=k}^{n} κx_i + (x_i + 1/α)·log((1 + αμ_i)/(1 + αμ_i e^κ)), x_n replaced by `xn`. */
function nbLogLikelihoodRatio(
  x: Float64Array,
  mu0: Float64Array,
  alpha: number,
  k: number,
  n: number,
  xn: number,
  kappa: number,
): number {
  const e = Math.exp(kappa);
  let lnk = 0;
  for (let i = k; i < n; i++) {
    const xi = x[i];
    const am = alpha * mu0[i];
    lnk += kappa * xi + (xi + 1 / alpha) * Math.log((1 + am) / (1 + am * e));
  }
  const amN = alpha * mu0[n];
  lnk += kappa * xn + (xn + 1 / alpha) * Math.log((1 + amN) / (1 + amN * e));
  return lnk;
}

/**
 * GLR_n of the segment starting at `start`, with `xn` in place of x[n]. Stops early once the maximum
 * reaches `stopAt` (pass +∞ for the exact maximum). A window containing a missing count contributes 0
 * and hands κ = 0 to the next window, which is where R's C code ends up when NA arrives as the most
 * negative `int` (its Newton iteration diverges to NaN, clamped to 0).
 */
export function nbGlrAt(
  x: Float64Array,
  mu0: Float64Array,
  start: number,
  n: number,
  xn: number,
  s: NbGlrSettings,
  stopAt: number,
): number {
  const d = s.direction;
  const alpha = s.alpha;
  const [low, up] = nbWindowStarts(start, n, s.M, s.Mtilde);
  let lastMissing = -1;
  if (isMissing(xn)) lastMissing = n;
  else {
    for (let i = n - 1; i >= low; i--) {
      if (isMissing(x[i])) {
        lastMissing = i;
        break;
      }
    }
  }
  let maxGlr = NO_WINDOW;
  let kappaMl = 0.5;
  for (let k = low; k <= up; k++) {
    let lnk = 0;
    if (k <= lastMissing) kappaMl = 0;
    else {
      const kappa = nbKappaNewton(x, mu0, alpha, k, n, xn, kappaMl);
      kappaMl = d * fmax0(d * kappa);
      lnk = nbLogLikelihoodRatio(x, mu0, alpha, k, n, xn, kappaMl);
    }
    if (lnk > maxGlr) {
      maxGlr = lnk;
      if (maxGlr >= stopAt) return maxGlr;
    }
  }
  return maxGlr;
}

/** Runs the chart on `start … end − 1`; returns the absolute index of the first alarm or −1. */
export function nbGlrChart(
  x: Float64Array,
  mu0: Float64Array,
  start: number,
  end: number,
  s: NbGlrSettings,
  out: ChartOutput,
): number {
  const first = Math.min(end, start + Math.max(s.Mtilde - 1, 0));
  out.statistic.fill(0, start, first);
  for (let n = first; n < end; n++) {
    const glr = nbGlrAt(x, mu0, start, n, x[n], s, Number.POSITIVE_INFINITY);
    out.statistic[n] = glr;
    if (glr >= s.threshold) return n;
  }
  return -1;
}
