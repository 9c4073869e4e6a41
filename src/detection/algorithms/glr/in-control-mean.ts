/**
 * The in-control mean μ₀,t of the count-data GLR charts (Höhle & Paul 2008, §4; spec §5.2): a
 * log-linear model with an optional linear trend in the time index t and S harmonic pairs of period f,
 * fitted to every count before the monitored range and predicted at the monitored points, as R
 * `surveillance`'s `estimateGLRNbHook` does.
 */
import { DetectionInputError } from '../../errors.ts';
import { fitGlm, type GlmFit, linearPredictor } from '../../math/glm.ts';
import { fitGlmNb } from '../../math/glm-nb.ts';
import { isMissing } from '../../series/missing.ts';

/** Shape of the in-control model (R `control$mu0` as a list). */
export interface InControlModel {
  /** Number S of harmonic pairs cos/sin(2πst/f), s = 1…S (R `mu0$S`). */
  readonly harmonics: number;
  /** Whether a linear trend in t enters the model (R `mu0$trend`). */
  readonly trend: boolean;
}

/** How the count distribution is fitted: α = 0 Poisson, α > 0 NB with θ = 1/α, `null` estimates α. */
export type InControlDispersion = number | null;

/** One fitted in-control model, as R keeps it in `control$mu0Model$fitted`. */
export interface InControlFit {
  /** R's coefficient names: `(Intercept)`, `t`, `cos(2 * s * pi/p * t)`, `sin(2 * s * pi/p * t)`. */
  readonly terms: ReadonlyArray<string>;
  /** Coefficients aligned with `terms`; NaN for aliased columns. */
  readonly coefficients: Float64Array;
  /** R's family label: `poisson` or `Negative Binomial(θ)`. */
  readonly family: string;
  /** NB dispersion α of the model: 0 (Poisson), the fixed value, or 1/θ̂ when estimated. */
  readonly alpha: number;
  /** θ̂ and its standard error when α was estimated by glm.nb; NaN otherwise. */
  readonly theta: number;
  readonly seTheta: number;
  /** 1-based index of the last training point (the model uses t = 1 … this). */
  readonly trainingEnd: number;
  readonly converged: boolean;
  readonly warnings: ReadonlyArray<string>;
}

export interface InControlMean {
  readonly fit: InControlFit;
  /** μ₀ at the requested 0-based indices `from … to`. */
  readonly mu0: Float64Array;
}

function termNames(model: InControlModel): string[] {
  const names = ['(Intercept)'];
  if (model.trend) names.push('t');
  for (let s = 1; s <= model.harmonics; s++) {
    names.push(`cos(2 * ${s} * pi/p * t)`, `sin(2 * ${s} * pi/p * t)`);
  }
  return names;
}

/** Fills one design row for time index t (1-based), evaluated in R's order `2*s*pi/p*t`. */
function designRow(model: InControlModel, period: number, t: number, row: Float64Array): void {
  let j = 0;
  row[j++] = 1;
  if (model.trend) row[j++] = t;
  for (let s = 1; s <= model.harmonics; s++) {
    const angle = ((2 * s * Math.PI) / period) * t;
    row[j++] = Math.cos(angle);
    row[j++] = Math.sin(angle);
  }
}

function familyLabel(alpha: number): string {
  return alpha === 0 ? 'poisson' : `Negative Binomial(${Number((1 / alpha).toFixed(4))})`;
}

/**
 * Fits the in-control model to the counts at 0-based indices `0 … trainingEnd − 1` (missing counts are
 * dropped, as R's `na.omit`) and predicts μ₀ at `from … to`. Throws `DetectionInputError` where R's
 * fit stops: no training count at all, or an IRLS fit that cannot produce finite means.
 */
export function fitInControlMean(
  observed: Float64Array,
  period: number,
  trainingEnd: number,
  from: number,
  to: number,
  model: InControlModel,
  dispersion: InControlDispersion,
): InControlMean {
  if (trainingEnd < 1) {
    // R builds the training set as 1:(range[1] − 1), which is c(1, 0) here and fails.
    throw new DetectionInputError(
      'the in-control mean is estimated from the counts before the range, but the range starts at the first count',
      'range',
    );
  }
  let m = 0;
  for (let i = 0; i < trainingEnd; i++) if (!isMissing(observed[i])) m++;
  if (m === 0) {
    throw new DetectionInputError(
      'every count before the range is missing: the in-control mean cannot be estimated',
      'observed',
    );
  }
  const terms = termNames(model);
  const p = terms.length;
  const y = new Float64Array(m);
  const x = new Float64Array(m * p);
  const row = new Float64Array(p);
  let r = 0;
  for (let i = 0; i < trainingEnd; i++) {
    if (isMissing(observed[i])) continue;
    y[r] = observed[i];
    designRow(model, period, i + 1, row);
    for (let j = 0; j < p; j++) x[j * m + r] = row[j];
    r++;
  }
  const data = { y, x, p };
  let fit: GlmFit;
  let alpha: number;
  let theta = Number.NaN;
  let seTheta = Number.NaN;
  const warnings: string[] = [];
  if (dispersion === null) {
    const nb = fitGlmNb(data);
    if (Number.isNaN(nb.theta) && !nb.fit.failed) {
      throw new DetectionInputError(
        'the negative binomial dispersion cannot be estimated from the counts before the range (MASS::theta.ml fails, as in R): give alpha',
        'observed',
      );
    }
    fit = nb.fit;
    theta = nb.theta;
    seTheta = nb.seTheta;
    alpha = 1 / nb.theta;
    warnings.push(...nb.warnings);
  } else {
    alpha = dispersion;
    fit = fitGlm(data, {
      family: alpha === 0 ? { kind: 'poisson' } : { kind: 'negativeBinomial', theta: 1 / alpha },
    });
  }
  if (fit.failed) {
    throw new DetectionInputError(
      'the in-control model fit found no valid coefficients (R: "no valid set of coefficients")',
      'observed',
    );
  }
  if (!fit.converged) warnings.push('glm.fit: algorithm did not converge');
  const mu0 = new Float64Array(to - from + 1);
  for (let i = from; i <= to; i++) {
    designRow(model, period, i + 1, row);
    mu0[i - from] = Math.exp(linearPredictor(fit, row));
  }
  return {
    fit: {
      terms,
      coefficients: Float64Array.from(fit.beta),
      family: dispersion === null ? `Negative Binomial(${Number(theta.toFixed(4))})` : familyLabel(alpha),
      alpha,
      theta,
      seTheta,
      trainingEnd,
      converged: fit.converged,
      warnings,
    },
    mu0,
  };
}
