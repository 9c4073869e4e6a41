/**
 * The bound and p-value of Noufaily et al. (2013) for `farringtonFlexible`'s "nbPlugin" and "muan"
 * methods (spec §2.6): the (1 − α) quantile of a negative binomial with mean μ and variance φμ
 * (size μ/(φ − 1), prob 1/φ), or of a Poisson when φ = 1, and P(Y ≥ y) for the observed count.
 *
 * For the usual small and moderate counts both come from one pass over the probability function
 * (p(0) = prob^size, p(j) = p(j − 1)·(size + j − 1)/j·(1 − prob); Poisson: e^{−μ}, ·μ/j), which is
 * exact to ~1e-13. R's own functions (`qnbinom`, `pnbinom`, `qpois`, `ppois`) are used instead for
 * large counts, tiny tail probabilities, and whenever the cumulative probability lies within 1e-10 of
 * the quantile's target, where the last digits decide the integer.
 */
import { pnbinomUpper, ppoisUpper, qnbinom, qpois } from '../../math/distributions.ts';

export interface PluginThreshold {
  /** The (1 − α) quantile U. */
  readonly upper: number;
  /** P(Y ≥ y); NaN when y is missing. */
  readonly pValue: number;
}

const EPSILON = 2 ** -52;
/** Longest pass over the probability function before R's functions take over. */
const MAX_TERMS = 2000;

/**
 * @param mu the plugged-in mean μ* (finite, > 0)
 * @param phi the dispersion φ ≥ 1 (φ = 1: Poisson)
 * @param alpha one-sided level α
 * @param y the observed count
 */
export function pluginThreshold(mu: number, phi: number, alpha: number, y: number): PluginThreshold {
  const poisson = !(phi > 1);
  const size = poisson ? Number.NaN : mu / (phi - 1);
  const prob = 1 / phi;
  const exact = (): PluginThreshold => ({
    upper: poisson ? qpois(1 - alpha, mu) : qnbinom(1 - alpha, size, prob),
    pValue: poisson ? ppoisUpper(y, mu) : pnbinomUpper(y, size, prob),
  });
  if (!(mu > 0 && mu < 1e4 && Number.isFinite(phi))) return exact();
  let pmf = poisson ? Math.exp(-mu) : Math.exp(size * Math.log(prob));
  if (!(pmf > 1e-250)) return exact();
  // R's discrete quantile: the smallest q with F(q) ≥ (1 − α)(1 − 8ε).
  const target = (1 - alpha) * (1 - 8 * EPSILON);
  const q1 = 1 - prob;
  const last = Number.isInteger(y) ? y - 1 : Number.NaN;
  let cdf = 0;
  let upper = -1;
  let below = Number.NaN;
  for (let j = 0; j < MAX_TERMS; j++) {
    if (j > 0) pmf *= poisson ? mu / j : ((size + j - 1) / j) * q1;
    const previous = cdf;
    cdf += pmf;
    if (upper < 0 && cdf >= target) {
      // Too close to call from a summed cdf: leave the integer to R's algorithm.
      if (cdf - target < 1e-10 || target - previous < 1e-10) return exact();
      upper = j;
    }
    if (j === last) below = cdf;
    if (upper >= 0 && (Number.isNaN(last) || j >= last)) break;
  }
  if (upper < 0) return exact();
  // P(Y ≥ y) = 1 − F(y − 1), from R when it is small (1 − F loses its relative precision).
  let pValue: number;
  if (Number.isNaN(y)) pValue = Number.NaN;
  else if (y <= 0) pValue = 1;
  else if (Number.isNaN(below) || 1 - below < 1e-3)
    pValue = poisson ? ppoisUpper(y, mu) : pnbinomUpper(y, size, prob);
  else pValue = 1 - below;
  return { upper, pValue };
}
