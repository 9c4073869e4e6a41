import { fitGlm, type GlmFit } from '../../math/glm.ts';
import { denseDesign, designColumns, type FarringtonDesign } from './farrington-design.ts';

const QUASI_POISSON = { kind: 'poisson' } as const;

/**
 * One quasi-Poisson log-linear fit of a Farrington design, exactly as R's `glm.fit` (spec §0.5).
 */
export function fitQuasiPoisson(
  y: Float64Array,
  design: FarringtonDesign,
  priorWeights?: Float64Array,
): GlmFit {
  return fitGlm(
    { y, x: denseDesign(design), p: designColumns(design), priorWeights, offset: design.offset },
    { family: QUASI_POISSON },
  );
}
