/**
 * Farrington's upper bound on a power-transformed scale (Farrington et al. 1996, §3.3; spec §1.5): the
 * prediction interval of the count is symmetric on the scale y^e, e = 2/3 by default, which corrects
 * most of the skewness of a Poisson-like count.
 */

/** The power transformation of the Farrington threshold (R `control$powertrans`). */
export type PowerTransform = '2/3' | '1/2' | 'none';

export const POWER_TRANSFORMS: ReadonlyArray<PowerTransform> = Object.freeze(['2/3', '1/2', 'none']);

export interface PowerThreshold {
  /** Lower bound, floored at 0 (R's `lu[1]`). */
  readonly lower: number;
  /** Upper bound U (R's `lu[2]`); NaN when neither bound exists. */
  readonly upper: number;
  /** Standard deviation on the transformed scale, se_e. */
  readonly se: number;
  /** The exponent e. */
  readonly exponent: number;
}

/**
 * @param mu0 predicted mean μ₀
 * @param seMu standard error of μ₀ on the response scale
 * @param phi dispersion φ (floored at 1)
 * @param z the normal quantile: z_{1−α/2} (`algo.farrington`) or z_{1−α} (`farringtonFlexible`)
 */
export function powerThreshold(
  mu0: number,
  seMu: number,
  phi: number,
  z: number,
  transform: PowerTransform,
): PowerThreshold {
  const tau = phi + (seMu * seMu) / mu0;
  let se: number;
  let exponent: number;
  switch (transform) {
    case 'none':
      se = Math.sqrt(mu0 * tau);
      exponent = 1;
      break;
    case '1/2':
      se = Math.sqrt((1 / 4) * tau);
      exponent = 1 / 2;
      break;
    case '2/3':
      se = Math.sqrt((4 / 9) * mu0 ** (1 / 3) * tau);
      exponent = 2 / 3;
      break;
  }
  const centre = mu0 ** exponent;
  const a = rPow(centre - z * se, 1 / exponent);
  const b = rPow(centre + z * se, 1 / exponent);
  // R: sort(c(a, b), na.last = FALSE) — the larger non-missing value is the upper bound.
  let lower: number;
  let upper: number;
  if (Number.isNaN(a)) {
    lower = Number.NaN;
    upper = b;
  } else if (Number.isNaN(b)) {
    lower = Number.NaN;
    upper = a;
  } else {
    lower = Math.min(a, b);
    upper = Math.max(a, b);
  }
  // R: max(0, lu[1], na.rm = TRUE).
  lower = Number.isNaN(lower) ? 0 : Math.max(0, lower);
  return { lower, upper, se, exponent };
}

/** R's `x^y`: `x^2` is `x·x`, a negative base with a fractional power is NaN. */
function rPow(x: number, y: number): number {
  return y === 2 ? x * x : x ** y;
}
