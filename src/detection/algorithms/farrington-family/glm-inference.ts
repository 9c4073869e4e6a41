/**
 * The inferential quantities R's `summary.glm` and `predict.glm` give the Farrington family: the
 * dispersion computed from the weights R stores in the model, and the link-scale prediction with its
 * variance factor.
 */

import { CompensatedSum } from '../../math/compensated-sum.ts';
import { type GlmFit, linearPredictor, quadraticForm } from '../../math/glm.ts';

/**
 * `Σ w_i r_i² / df` over the observations with w_i > 0, r the working residuals: with the fit's working
 * weights this is R's Pearson dispersion; with the prior weights it is farringtonFlexible's D* (spec §2.4).
 */
export function weightedDispersion(fit: GlmFit, weights: ArrayLike<number>): number {
  const s = new CompensatedSum();
  for (let i = 0; i < fit.m; i++) {
    const w = weights[i];
    const r = fit.workingResiduals[i];
    if (w > 0) s.add(w * (r * r));
  }
  return fit.dfResidual > 0 ? s.value() / fit.dfResidual : Number.NaN;
}

export interface LinkPrediction {
  /** η₀ = x₀ᵀβ + o₀. */
  readonly eta: number;
  /** x₀ᵀ C x₀ (multiply by a dispersion for the squared link-scale standard error). */
  readonly variance: number;
}

export function predictLink(fit: GlmFit, x0: ArrayLike<number>, offset: number): LinkPrediction {
  return { eta: linearPredictor(fit, x0, offset), variance: quadraticForm(fit, x0) };
}
