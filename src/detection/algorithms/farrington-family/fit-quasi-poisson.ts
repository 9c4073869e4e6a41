import { fitGlm, type GlmFit } from '../../math/glm.ts';
import { denseDesign, designColumns, type FarringtonDesign } from './farrington-design.ts';
import type { FarringtonResponse } from './farrington-response.ts';
import { fitArrowQuasiPoisson } from './fit-arrow-quasi-poisson.ts';
import type { Scratch } from './scratch.ts';

const QUASI_POISSON = { kind: 'poisson' } as const;

/**
 * Which linear algebra fits the GLM: `fast` — the O(m + p) arrow-shaped solver where the design allows
 * it; `generic` — the dense Householder QR that follows R's LINPACK arithmetic step by step.
 */
export type FitEngine = 'fast' | 'generic';

export interface QuasiPoissonFit extends GlmFit {
  /** The fast engine met a decision that rounding could tip (see `ArrowFit.fragile`); never for `generic`. */
  readonly fragile: boolean;
  /** μ^{−1/6} per row where the fast engine worked it out along the way (see `ArrowFit.muSixth`). */
  readonly muSixth: Float64Array | undefined;
}

/**
 * One quasi-Poisson log-linear fit of a Farrington design, exactly as R's `glm.fit` (spec §0.5): by the
 * arrow-shaped solver, or by the generic QR engine where R's pivoting could matter or when asked to.
 * A fast fit's arrays live in `scratch` until its next fit.
 */
export function fitQuasiPoisson(
  response: FarringtonResponse,
  design: FarringtonDesign,
  priorWeights: Float64Array | undefined,
  engine: FitEngine,
  scratch: Scratch,
): QuasiPoissonFit {
  if (engine === 'fast') {
    const fit = fitArrowQuasiPoisson(response, design, priorWeights, scratch);
    if (fit !== undefined) return quasiPoissonFit(fit, fit.fragile, fit.muSixth);
  }
  return quasiPoissonFit(fitGenericQuasiPoisson(response.y, design, priorWeights), false, undefined);
}

/**
 * Both engines' fits as objects of one shape: a fit of the other shape turning up (a rare fragile
 * time point) would otherwise make V8 throw away the optimised code of every function reading fits.
 */
function quasiPoissonFit(f: GlmFit, fragile: boolean, muSixth: Float64Array | undefined): QuasiPoissonFit {
  return {
    m: f.m,
    p: f.p,
    beta: f.beta,
    eta: f.eta,
    mu: f.mu,
    converged: f.converged,
    iterations: f.iterations,
    failed: f.failed,
    rank: f.rank,
    aliased: f.aliased,
    dfResidual: f.dfResidual,
    workingWeights: f.workingWeights,
    workingResiduals: f.workingResiduals,
    deviance: f.deviance,
    covUnscaled: f.covUnscaled,
    hat: f.hat,
    fragile,
    muSixth,
  };
}

/** The same fit by the generic dense engine (`fitGlm`, Householder QR with R's pivoting). */
export function fitGenericQuasiPoisson(
  y: Float64Array,
  design: FarringtonDesign,
  priorWeights?: Float64Array,
): GlmFit {
  return fitGlm(
    { y, x: denseDesign(design), p: designColumns(design), priorWeights, offset: design.offset },
    { family: QUASI_POISSON },
  );
}
