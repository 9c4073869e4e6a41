/**
 * Distribution functions with R's conventions (`pnorm`, `qnorm`, `pt`, `ppois`, `qpois`, `pnbinom`,
 * `qnbinom`), on the special functions of the stdlib project. Discrete quantiles follow R exactly:
 * the smallest integer q ≥ 0 with F(q) ≥ p·(1 − 8ε), searched as R 4.2 does (its
 * qDiscrete_search.h; spec §0.4 says 64ε, which was R ≤ 4.0).
 */
import betainc from '@stdlib/math-base-special-betainc';
import digammaFn from '@stdlib/math-base-special-digamma';
import gammainc from '@stdlib/math-base-special-gammainc';
import gammalnFn from '@stdlib/math-base-special-gammaln';
import trigammaFn from '@stdlib/math-base-special-trigamma';
import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import tCdf from '@stdlib/stats-base-dists-t-cdf';

const EPSILON = 2 ** -52;

/** Standard normal cdf Φ(x). */
export function pnorm(x: number): number {
  return normalCdf(x, 0, 1);
}

/** Standard normal quantile Φ⁻¹(p). */
export function qnorm(p: number): number {
  return normalQuantile(p, 0, 1);
}

/** Student-t cdf with `df` degrees of freedom. */
export function pt(x: number, df: number): number {
  return tCdf(x, df);
}

/** log Γ(x). */
export function lgamma(x: number): number {
  return gammalnFn(x);
}

/** ψ(x). */
export function digamma(x: number): number {
  return digammaFn(x);
}

/** ψ'(x). */
export function trigamma(x: number): number {
  return trigammaFn(x);
}

/** P(Y ≤ q) for Y ~ Poisson(λ). */
export function ppois(q: number, lambda: number): number {
  if (q < 0) return 0;
  if (lambda === 0) return 1;
  return gammainc(lambda, Math.floor(q) + 1, true, true);
}

/** P(Y ≥ y) for Y ~ Poisson(λ), computed without cancellation. */
export function ppoisUpper(y: number, lambda: number): number {
  if (y <= 0) return 1;
  if (lambda === 0) return 0;
  return gammainc(lambda, Math.ceil(y), true, false);
}

/** P(Y ≤ q) for Y ~ NegBin(size, prob) in R's parametrisation (mean size·(1−prob)/prob). */
export function pnbinom(q: number, size: number, prob: number): number {
  if (q < 0) return 0;
  if (size === 0 || prob === 1) return 1;
  return betainc(prob, size, Math.floor(q) + 1, true, false);
}

/** P(Y ≥ y) for Y ~ NegBin(size, prob), computed without cancellation. */
export function pnbinomUpper(y: number, size: number, prob: number): number {
  if (y <= 0) return 1;
  if (size === 0 || prob === 1) return 0;
  return betainc(prob, size, Math.ceil(y), true, true);
}

function discreteQuantile(p: number, cdf: (q: number) => number, start: number): number {
  if (Number.isNaN(p)) return Number.NaN;
  if (p + 1.01 * EPSILON >= 1) return Number.POSITIVE_INFINITY;
  // R ≥ 4.1 (qDiscrete_search.h): left-continuity fuzz 8ε, unit steps below 4096, otherwise steps of
  // ⌊y/64⌋ shrunk 8-fold per pass until they fall below 1e-15·y (beyond 2^53 not every integer exists).
  const target = p * (1 - 8 * EPSILON);
  // R_forceint: round half to even.
  let y = Math.round(start);
  if (y - start === 0.5 && y % 2 !== 0) y -= 1;
  if (!(y > 0)) y = 0;
  if (y < 4096) return searchQuantile(y, target, cdf, 1);
  let incr = Math.floor(y / 64);
  let oldIncr: number;
  do {
    oldIncr = incr;
    y = searchQuantile(y, target, cdf, incr);
    incr = Math.max(1, Math.floor(incr / 8));
  } while (oldIncr > 1 && incr > y * 1e-15);
  return y;
}

/** R's `do_search`: from y, step by `incr` to the smallest visited value with cdf ≥ target. */
function searchQuantile(start: number, target: number, cdf: (q: number) => number, incr: number): number {
  let y = start;
  if (cdf(y) >= target) {
    for (;;) {
      if (y === 0) return y;
      const z = cdf(y - incr);
      if (Number.isNaN(z) || z < target) return y;
      y = Math.max(0, y - incr);
    }
  }
  for (;;) {
    y += incr;
    const z = cdf(y);
    if (Number.isNaN(z) || z >= target) return y;
  }
}

/** R's `qpois(p, λ)`. */
export function qpois(p: number, lambda: number): number {
  if (Number.isNaN(lambda) || lambda < 0) return Number.NaN;
  if (lambda === 0) return 0;
  if (lambda === Number.POSITIVE_INFINITY) return Number.POSITIVE_INFINITY;
  // Cornish–Fisher start as in R; the unit-step search makes the result exact.
  const sigma = Math.sqrt(lambda);
  const gamma = 1 / sigma;
  const z = qnorm(p);
  const start = lambda + sigma * (z + (gamma * (z * z - 1)) / 6);
  return discreteQuantile(p, (q) => ppois(q, lambda), start);
}

/** R's `qnbinom(p, size, prob)`. */
export function qnbinom(p: number, size: number, prob: number): number {
  if (Number.isNaN(size) || Number.isNaN(prob) || prob <= 0 || prob > 1 || size < 0) return Number.NaN;
  if (size === 0 || prob === 1) return 0;
  const Q = 1 / prob;
  const P = (1 - prob) * Q;
  const mu = size * P;
  const sigma = Math.sqrt(size * P * Q);
  const gamma = (Q + P) / sigma;
  const z = qnorm(p);
  const start = mu + sigma * (z + (gamma * (z * z - 1)) / 6);
  return discreteQuantile(p, (q) => pnbinom(q, size, prob), start);
}
