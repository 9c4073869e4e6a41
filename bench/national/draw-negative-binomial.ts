import { lgamma } from '../../src/detection/math/distributions.ts';
import type { SeededRandom } from './seeded-random.ts';

/** Gamma(shape, 1) by Marsaglia & Tsang (2000), with the u^(1/shape) boost for shape < 1. */
function drawGamma(rng: SeededRandom, shape: number): number {
  if (shape < 1) return drawGamma(rng, shape + 1) * rng.uniform() ** (1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const x = rng.normal();
    const v0 = 1 + c * x;
    if (v0 <= 0) continue;
    const v = v0 * v0 * v0;
    const u = rng.uniform();
    if (u < 1 - 0.0331 * x * x * x * x) return d * v;
    if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

/** Poisson(λ): sequential inversion for small λ, Hörmann's (1993) PTRS rejection otherwise. */
export function drawPoisson(rng: SeededRandom, lambda: number): number {
  if (lambda <= 0) return 0;
  if (lambda < 10) {
    let k = 0;
    let p = Math.exp(-lambda);
    let cdf = p;
    const u = rng.uniform();
    while (u > cdf && p > 0) {
      k++;
      p *= lambda / k;
      cdf += p;
    }
    return k;
  }
  const slam = Math.sqrt(lambda);
  const loglam = Math.log(lambda);
  const b = 0.931 + 2.53 * slam;
  const a = -0.059 + 0.02483 * b;
  const invalpha = 1.1239 + 1.1328 / (b - 3.4);
  const vr = 0.9277 - 3.6224 / (b - 2);
  for (;;) {
    const u = rng.uniform() - 0.5;
    const v = rng.uniform();
    const us = 0.5 - Math.abs(u);
    const k = Math.floor(((2 * a) / us + b) * u + lambda + 0.43);
    if (us >= 0.07 && v <= vr) return k;
    if (k < 0 || (us < 0.013 && v > us)) continue;
    if (
      Math.log(v) + Math.log(invalpha) - Math.log(a / (us * us) + b) <=
      -lambda + k * loglam - lgamma(k + 1)
    ) {
      return k;
    }
  }
}

/**
 * A count with mean μ and variance φ·μ (the Noufaily et al. 2013 baseline): Poisson when φ = 1,
 * otherwise the gamma–Poisson mixture NB(size = μ/(φ − 1), mean μ).
 */
export function drawNegativeBinomial(rng: SeededRandom, mu: number, phi: number): number {
  if (phi <= 1) return drawPoisson(rng, mu);
  const size = mu / (phi - 1);
  return drawPoisson(rng, drawGamma(rng, size) * (phi - 1));
}
