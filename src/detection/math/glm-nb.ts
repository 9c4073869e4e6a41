/**
 * Negative binomial regression with estimated dispersion, as R's `MASS::glm.nb` (Venables & Ripley,
 * *Modern Applied Statistics with S*, 4th ed., §7.4) and its `theta.ml` (spec §0.5): a Poisson fit,
 * then alternation between an NB-GLM fit with fixed θ (R's `glm.fit`, see `glm.ts`) and a Newton
 * maximum-likelihood update of θ, until the log-likelihood and θ stop moving.
 */
import { digamma, lgamma, trigamma } from './distributions.ts';
import { fitGlm, type GlmData, type GlmFit } from './glm.ts';

export interface ThetaMl {
  /** Maximum-likelihood θ (NB size; variance μ + μ²/θ), truncated at 0 as R does. */
  readonly theta: number;
  /** √(1/information) at the last Newton step (R's `attr(th, "SE")`). */
  readonly se: number;
  /** Newton steps taken. */
  readonly iterations: number;
  /** R's warning, if any: 'estimate truncated at zero' or 'iteration limit reached'. */
  readonly warning: string | undefined;
}

const THETA_EPS = (2 ** -52) ** 0.25;

/**
 * R's `MASS::theta.ml(y, mu, limit)` with unit weights: Newton's method on the NB profile score,
 * started at the moment estimate m / Σ(y/μ − 1)².
 */
export function thetaMl(y: Float64Array, mu: Float64Array, limit = 10): ThetaMl {
  const m = y.length;
  let s = 0;
  for (let i = 0; i < m; i++) {
    const r = y[i] / mu[i] - 1;
    s += r * r;
  }
  let t0 = m / s;
  let it = 0;
  let del = 1;
  let info = Number.NaN;
  let warning: string | undefined;
  // R's loop test `(it <- it + 1) < limit`: at most limit − 1 steps.
  while (++it < limit && Math.abs(del) > THETA_EPS) {
    t0 = Math.abs(t0);
    let score = 0;
    info = 0;
    const dgT = digamma(t0);
    const tgT = trigamma(t0);
    const logT = Math.log(t0);
    for (let i = 0; i < m; i++) {
      const yi = y[i];
      const mt = mu[i] + t0;
      score += digamma(t0 + yi) - dgT + logT + 1 - Math.log(t0 + mu[i]) - (yi + t0) / mt;
      info += -trigamma(t0 + yi) + tgT - 1 / t0 + 2 / mt - (yi + t0) / (mt * mt);
    }
    del = score / info;
    t0 += del;
  }
  if (t0 < 0) {
    t0 = 0;
    warning = 'estimate truncated at zero';
  }
  if (it === limit) warning = 'iteration limit reached';
  return { theta: t0, se: Math.sqrt(1 / info), iterations: it - 1, warning };
}

/** The NB log-likelihood glm.nb monitors (unit weights). */
export function negativeBinomialLogLik(theta: number, mu: Float64Array, y: Float64Array): number {
  let s = 0;
  const lgT = lgamma(theta);
  const tLogT = theta * Math.log(theta);
  for (let i = 0; i < y.length; i++) {
    const yi = y[i];
    s +=
      lgamma(theta + yi) -
      lgT -
      lgamma(yi + 1) +
      tLogT +
      yi * Math.log(mu[i] + (yi === 0 ? 1 : 0)) -
      (theta + yi) * Math.log(theta + mu[i]);
  }
  return s;
}

export interface GlmNbFit {
  /** The last NB-GLM fit (θ fixed at the value before the last θ update, as in R). */
  readonly fit: GlmFit;
  /**
   * Estimated θ; the NB dispersion α of Höhle & Paul is 1/θ. NaN where R's `theta.ml` fails (its
   * Newton step is undefined, e.g. for a baseline of zeros or one without any overdispersion).
   */
  readonly theta: number;
  /** R's `SE.theta`. */
  readonly seTheta: number;
  /** 2 × log-likelihood at (θ, μ). */
  readonly twoLogLik: number;
  /** Outer alternations performed. */
  readonly alternations: number;
  /** R's warnings: θ estimation problems or 'alternation limit reached'. */
  readonly warnings: ReadonlyArray<string>;
}

export interface GlmNbOptions {
  /** R `glm.control(maxit)`: limit for IRLS, θ Newton steps and outer alternations. */
  readonly maxIterations?: number;
  /** R `glm.control(epsilon)`. */
  readonly epsilon?: number;
}

/** Fits `MASS::glm.nb` (log link, unit prior weights) exactly as R does (spec §0.5). */
export function fitGlmNb(data: GlmData, options: GlmNbOptions = {}): GlmNbFit {
  const maxit = options.maxIterations ?? 25;
  const epsilon = options.epsilon ?? 1e-8;
  const y = data.y;
  const warnings: string[] = [];
  let fit = fitGlm(data, { family: { kind: 'poisson' }, maxIterations: maxit, epsilon });
  // Where glm.fit fails R stops; the failed fit is handed back for the caller to report.
  if (fit.failed) {
    return { fit, theta: Number.NaN, seTheta: Number.NaN, twoLogLik: Number.NaN, alternations: 0, warnings };
  }
  let mu = fit.mu;
  let th = thetaMl(y, mu, maxit);
  if (th.warning !== undefined) warnings.push(th.warning);
  let theta = th.theta;
  let alternations = 0;
  const d1 = Math.sqrt(2 * Math.max(1, fit.dfResidual));
  const d2 = 1;
  let del = 1;
  let lm = negativeBinomialLogLik(theta, mu, y);
  let lm0 = lm + 2 * d1;
  let iter = 0;
  // A NaN θ is where R stops with "missing value where TRUE/FALSE needed"; the caller reports it.
  while (!Number.isNaN(theta) && ++iter <= maxit && Math.abs(lm0 - lm) / d1 + Math.abs(del) / d2 > epsilon) {
    alternations = iter;
    const eta = new Float64Array(mu.length);
    for (let i = 0; i < mu.length; i++) eta[i] = Math.log(mu[i]);
    fit = fitGlm(data, {
      family: { kind: 'negativeBinomial', theta },
      etaStart: eta,
      maxIterations: maxit,
      epsilon,
    });
    if (fit.failed) break;
    const t0 = theta;
    // R quirk: θ is re-estimated from the μ of the previous fit; μ is updated only afterwards.
    th = thetaMl(y, mu, maxit);
    if (th.warning !== undefined) warnings.push(th.warning);
    theta = th.theta;
    mu = fit.mu;
    del = t0 - theta;
    lm0 = lm;
    lm = negativeBinomialLogLik(theta, mu, y);
  }
  if (iter > maxit) warnings.push('alternation limit reached');
  return {
    fit,
    theta,
    seTheta: th.se,
    twoLogLik: 2 * lm,
    alternations,
    warnings,
  };
}
