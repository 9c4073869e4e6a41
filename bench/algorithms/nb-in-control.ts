import { fitGlm, type GlmData, linearPredictor } from '../../src/detection/math/glm.ts';
import { fitGlmNb } from '../../src/detection/math/glm-nb.ts';
import type { DetectionRange } from '../../src/detection/range.ts';
import type { CountSeries } from '../../src/detection/series/count-series.ts';

/** In-control mean and NB dispersion for the monitored weeks. */
export interface NbInControl {
  /** Fitted mean μ₀ at every monitored point (aligned with the range). */
  readonly mu: Float64Array;
  /** NB dispersion α = 1/θ̂; 0 after the Poisson fallback. */
  readonly alpha: number;
  /** Why the Poisson fallback was used; empty otherwise. */
  readonly note: string;
}

/** The design row of the model at index t (1-based): 1, t, cos/sin of the first two harmonics (period 52). */
function designRow(t: number, row: Float64Array): Float64Array {
  row[0] = 1;
  row[1] = t;
  row[2] = Math.cos(((2 * Math.PI) / 52) * t);
  row[3] = Math.sin(((2 * Math.PI) / 52) * t);
  row[4] = Math.cos(((4 * Math.PI) / 52) * t);
  row[5] = Math.sin(((4 * Math.PI) / 52) * t);
  return row;
}

/**
 * The `cusum_nb` in-control model of the benchmark's r/algos.R (`nb_incontrol`): `MASS::glm.nb` of
 * y ~ 1 + t + 2 harmonics (period 52) on indices 1 … range start − 1, predicted at the range; the
 * same model as glrnb's `mu0 = list(S = 2, trend = TRUE)`. If glm.nb fails, a Poisson GLM with α = 0.
 */
export function nbInControl(series: CountSeries, range: DetectionRange): NbInControl {
  const m = range.from;
  const p = 6;
  const x = new Float64Array(m * p);
  const row = new Float64Array(p);
  for (let i = 0; i < m; i++) {
    designRow(i + 1, row);
    for (let j = 0; j < p; j++) x[j * m + i] = row[j];
  }
  const data: GlmData = { y: series.observed.slice(0, m), x, p };
  const predict = (fit: Parameters<typeof linearPredictor>[0]): Float64Array => {
    const mu = new Float64Array(range.to - range.from + 1);
    for (let t = range.from; t <= range.to; t++)
      mu[t - range.from] = Math.exp(linearPredictor(fit, designRow(t + 1, row)));
    return mu;
  };
  let note = '';
  try {
    const nb = fitGlmNb(data);
    if (Number.isFinite(nb.theta) && nb.theta > 0 && !nb.fit.failed) {
      return { mu: predict(nb.fit), alpha: 1 / nb.theta, note };
    }
    note = `glm.nb failed (theta ${nb.theta}), Poisson fallback`;
  } catch (err) {
    note = `glm.nb failed, Poisson fallback: ${err instanceof Error ? err.message : String(err)}`;
  }
  return { mu: predict(fitGlm(data, { family: { kind: 'poisson' } })), alpha: 0, note };
}
