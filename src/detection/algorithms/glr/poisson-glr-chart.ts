/**
 * Poisson GLR chart for a shift κ of the intercept (Höhle & Paul 2008, §2.2; spec §5.4), unlimited or
 * window-limited, with R `surveillance`'s C routines `glr_cusum` / `glr_cusum_window` as reference:
 * GLR_n = max_k sup_κ Σ_{i=k}^{n} log f_κ(x_i)/f_0(x_i), where the ML estimate
 * κ̂ = d·max(0, d·log(Σx/Σμ₀)) has a closed form.
 */
import { isMissing } from '../../series/missing.ts';
import { type ChartDirection, type ChartOutput, fmax0, NO_WINDOW } from './chart-output.ts';
import { firstCrossing } from './first-crossing.ts';

export interface PoissonGlrSettings {
  /** Alarm threshold c (R `c.ARL`); alarm when GLR_n ≥ c. */
  readonly threshold: number;
  readonly direction: ChartDirection;
  /** Window limit M (R `M`): M > 0 uses windows of at most M + 1 points, otherwise unlimited. */
  readonly M: number;
  /** Minimum window M̃ (R `Mtilde`). */
  readonly Mtilde: number;
}

/** Largest trial count the C code can represent (it keeps counts in a C `int`). */
const MAX_TRIAL = 2147483646;

/**
 * GLR_n of the segment starting at `start`, with `xn` in place of x[n]. A window containing a missing
 * count contributes 0: R hands the C code NA as the most negative `int`, which makes Σx negative and
 * κ̂ = 0 there.
 */
export function poissonGlrAt(
  x: Float64Array,
  mu0: Float64Array,
  start: number,
  n: number,
  xn: number,
  s: PoissonGlrSettings,
): number {
  const d = s.direction;
  let maxGlr = NO_WINDOW;
  let sumx = 0;
  let summu = 0;
  let missing = false;
  let kTop = n;
  let kLow = start;
  if (s.M > 0) {
    // The last M̃ points are always in the window; they are summed forwards, as in glr_window.
    for (let l = n - s.Mtilde + 1; l <= n; l++) {
      const xl = l === n ? xn : x[l];
      if (isMissing(xl)) missing = true;
      sumx += xl;
      summu += mu0[l];
    }
    kTop = n - s.Mtilde;
    kLow = start + Math.max(0, n - start - s.M);
  }
  for (let k = kTop; k >= kLow; k--) {
    const xk = k === n ? xn : x[k];
    if (isMissing(xk)) missing = true;
    sumx += xk;
    summu += mu0[k];
    let lr = 0;
    if (!missing) {
      const kappa = d * fmax0(d * Math.log(sumx / summu));
      lr = kappa * sumx + (1 - Math.exp(kappa)) * summu;
    }
    if (lr > maxGlr) maxGlr = lr;
  }
  return maxGlr;
}

/**
 * Runs the chart on `start … end − 1`; returns the absolute index of the first alarm or −1. With
 * `out.cases`, also finds per evaluated point the smallest count v ≥ 0 that gives GLR_n ≥ c (d = +1)
 * or GLR_n ≤ c (d = −1), as R's unit-step search does.
 */
export function poissonGlrChart(
  x: Float64Array,
  mu0: Float64Array,
  start: number,
  end: number,
  s: PoissonGlrSettings,
  out: ChartOutput,
): number {
  const c = s.threshold;
  const d = s.direction;
  // R quirk: the window-limited chart starts one point later than the unlimited one.
  const first = Math.min(end, start + (s.M > 0 ? s.Mtilde : Math.max(0, s.Mtilde - 1)));
  out.statistic.fill(0, start, first);
  out.cases?.fill(0, start, first);
  for (let n = first; n < end; n++) {
    const glr = poissonGlrAt(x, mu0, start, n, x[n], s);
    out.statistic[n] = glr;
    if (out.cases !== undefined) {
      // GLR_n is non-decreasing in x_n for d = +1 and non-increasing for d = −1.
      const v = firstCrossing(0, MAX_TRIAL, (trial, slack) => {
        const g = poissonGlrAt(x, mu0, start, n, trial, s);
        return d === 1
          ? g >= c - slack * Math.max(1, Math.abs(c))
          : g <= c + slack * Math.max(1, Math.abs(c));
      });
      out.cases[n] = v < 0 ? Number.POSITIVE_INFINITY : v;
    }
    if (glr >= c) return n;
  }
  return -1;
}
