/**
 * Sample mean, variance and standard deviation as R's `mean`, `var` and `sd` compute them (spec §0.3):
 * the mean is refined by a second pass over the residuals, the variance is a two-pass sum of squared
 * deviations with the n − 1 denominator. Any missing (NaN) value makes the result NaN, as R's NA does;
 * with fewer than two values the variance is NaN (R's NA).
 */

/** R's `mean(values[from..to])` (0-based, inclusive); NaN for an empty span or any NaN value. */
export function sampleMean(values: ArrayLike<number>, from: number, to: number): number {
  const n = to - from + 1;
  if (n <= 0) return Number.NaN;
  let s = 0;
  for (let i = from; i <= to; i++) s += values[i];
  s /= n;
  // R's second pass: add the mean residual, which recovers the rounding of the first sum.
  if (Number.isFinite(s)) {
    let t = 0;
    for (let i = from; i <= to; i++) t += values[i] - s;
    s += t / n;
  }
  return s;
}

/** R's `var(values[from..to])`: Σ(x − x̄)² / (n − 1); NaN with fewer than two values or any NaN. */
export function sampleVariance(values: ArrayLike<number>, from: number, to: number): number {
  const n = to - from + 1;
  if (n < 2) return Number.NaN;
  const mean = sampleMean(values, from, to);
  let ss = 0;
  for (let i = from; i <= to; i++) {
    const d = values[i] - mean;
    ss += d * d;
  }
  return ss / (n - 1);
}

/** R's `sd(values[from..to])`: the square root of `sampleVariance`. */
export function sampleSd(values: ArrayLike<number>, from: number, to: number): number {
  return Math.sqrt(sampleVariance(values, from, to));
}
