/**
 * GLR charts for an epidemic change, μ_t = μ₀,t + λ·x_{t−1} (Held et al. 2005 as monitored by Höhle &
 * Paul 2008, §2.4; spec §5.4 "Epidemic charts"), with R `surveillance`'s C routines `glr_epi_window`
 * (Poisson) and `glr_nbgeneral_window` (negative binomial) as reference.
 */
import { isMissing } from '../../series/missing.ts';
import { type ChartOutput, NO_WINDOW } from './chart-output.ts';
import { nbKappaNewton, nbWindowStarts } from './nb-glr-chart.ts';

export interface EpidemicGlrSettings {
  /** Alarm threshold c (R `c.ARL`): alarm when GLR_n > c (Poisson) or ≥ c (negative binomial). */
  readonly threshold: number;
  /** NB dispersion α (0 = Poisson). */
  readonly alpha: number;
  /** Window limit M (R `M`): −1 unlimited, otherwise windows start at k ≥ n − M. */
  readonly M: number;
  /** Minimum window M̃ (R `Mtilde`). */
  readonly Mtilde: number;
  /** x_{−1}: the count before the segment (0 for the first segment, then the alarming count). */
  readonly previousCount: number;
}

function windowHasMissing(x: Float64Array, xPrev: number, start: number, k: number, n: number): boolean {
  if (k === start ? isMissing(xPrev) : isMissing(x[k - 1])) return true;
  for (let i = k; i <= n; i++) if (isMissing(x[i])) return true;
  return false;
}

/** x_{i−1} within the segment. */
function lagged(x: Float64Array, xPrev: number, start: number, i: number): number {
  return i === start ? xPrev : x[i - 1];
}

/** Poisson epidemic GLR at n: Newton on φ = log λ, started from the previous window's λ̂. */
function poissonEpidemicAt(
  x: Float64Array,
  mu0: Float64Array,
  start: number,
  n: number,
  s: EpidemicGlrSettings,
): number {
  const [low, up] = nbWindowStarts(start, n, s.M, s.Mtilde);
  const xPrev = s.previousCount;
  let maxGlr = NO_WINDOW;
  let lambdaMl = 0.5;
  for (let k = low; k <= up; k++) {
    // A window touching a missing count contributes 0 (R's C code gets NA as a garbage integer).
    if (windowHasMissing(x, xPrev, start, k, n)) {
      if (0 > maxGlr) maxGlr = 0;
      continue;
    }
    let phiOld = 2.0;
    let phiNew = Math.log(lambdaMl);
    let iter = 0;
    while (phiNew > -18 && Math.abs(Math.exp(phiNew) - Math.exp(phiOld)) > 1e-6 && iter < 1000) {
      iter++;
      phiOld = phiNew;
      const e = Math.exp(phiOld);
      let sum = 0;
      for (let i = k; i <= n; i++) {
        const xm1 = lagged(x, xPrev, start, i);
        sum += (x[i] * xm1) / (e * xm1 + mu0[i]) - xm1;
      }
      const score = e * sum;
      let sumF = 0;
      for (let i = k; i <= n; i++) {
        const xm1 = lagged(x, xPrev, start, i);
        const den = e * xm1 + mu0[i];
        sumF += (x[i] * (xm1 * xm1)) / (den * den);
      }
      const fisher = -score + Math.exp(2.0 * phiOld) * sumF;
      phiNew = phiOld + score / fisher;
    }
    lambdaMl = Math.exp(phiNew);
    let lnk = 0;
    for (let i = k; i <= n; i++) {
      const xm1 = lagged(x, xPrev, start, i);
      lnk += x[i] * Math.log((lambdaMl * xm1) / mu0[i] + 1.0) - lambdaMl * xm1;
    }
    if (lnk > maxGlr) maxGlr = lnk;
  }
  return maxGlr;
}

/**
 * NB epidemic GLR at n. R quirk: θ = log λ is estimated with the intercept chart's Newton steps (score
 * and information of the intercept model) and is not clamped; only the likelihood ratio is epidemic.
 */
function nbEpidemicAt(
  x: Float64Array,
  mu0: Float64Array,
  start: number,
  n: number,
  s: EpidemicGlrSettings,
): number {
  const [low, up] = nbWindowStarts(start, n, s.M, s.Mtilde);
  const xPrev = s.previousCount;
  const alpha = s.alpha;
  let maxGlr = NO_WINDOW;
  let thetaMl = 0.5;
  for (let k = low; k <= up; k++) {
    if (windowHasMissing(x, xPrev, start, k, n)) {
      if (0 > maxGlr) maxGlr = 0;
      continue;
    }
    thetaMl = nbKappaNewton(x, mu0, alpha, k, n, x[n], thetaMl);
    const e = Math.exp(thetaMl);
    let lnk = 0;
    for (let i = k; i <= n; i++) {
      const mu = mu0[i];
      const mu1 = mu + e * lagged(x, xPrev, start, i);
      const log0 = Math.log(1 + alpha * mu);
      const log1 = Math.log(1 + alpha * mu1);
      lnk += x[i] * (Math.log(mu1) - Math.log(mu) + log0 - log1) + (1 / alpha) * (log0 - log1);
    }
    if (lnk > maxGlr) maxGlr = lnk;
  }
  return maxGlr;
}

/** Runs the chart on `start … end − 1`; returns the absolute index of the first alarm or −1. */
export function epidemicGlrChart(
  x: Float64Array,
  mu0: Float64Array,
  start: number,
  end: number,
  s: EpidemicGlrSettings,
  out: ChartOutput,
): number {
  const first = Math.min(end, start + Math.max(s.Mtilde - 1, 0));
  out.statistic.fill(0, start, first);
  const poisson = s.alpha === 0;
  for (let n = first; n < end; n++) {
    const glr = poisson ? poissonEpidemicAt(x, mu0, start, n, s) : nbEpidemicAt(x, mu0, start, n, s);
    out.statistic[n] = glr;
    // R quirk: the Poisson epidemic chart alarms on GLR > c, the NB one on GLR ≥ c.
    if (poisson ? glr > s.threshold : glr >= s.threshold) return n;
  }
  return -1;
}
