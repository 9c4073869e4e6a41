import { isMissing } from '../series/missing.ts';
import { sampleMean, sampleSd } from './sample-moments.ts';

/**
 * Largest `width · max|x|` for which the window sums Σx, Σx² and the variance numerator
 * `width·Σx² − (Σx)²` of integer counts stay below 2⁵³, i.e. are exact in doubles.
 */
const EXACT_WIDTH_TIMES_MAX = 94_906_265;

/**
 * Mean and standard deviation (n − 1 denominator, R's `mean`/`sd`) of a trailing window for every
 * point of a span: for `u = first … last` the window is `values[u − lag − width + 1 … u − lag]`, and
 * the results go to `meanOut[u − first]`, `sdOut[u − first]`. A window with a missing value gives NaN
 * for both.
 *
 * Integer counts (the usual case) take a sliding-sum path in O(span + width) whose sums are exact, so
 * a constant window has a standard deviation of exactly 0 and every result is the correctly rounded
 * value; other data fall back to R's two-pass formulas per window, O(span · width).
 */
export function movingMoments(
  values: ArrayLike<number>,
  first: number,
  last: number,
  width: number,
  lag: number,
  meanOut: Float64Array,
  sdOut: Float64Array,
): void {
  const lo = first - lag - width + 1;
  const hi = last - lag;
  if (width < 1 || lo < 0 || last < first) {
    throw new RangeError(`movingMoments: window ${lo}…${hi} of width ${width} is not inside the values`);
  }
  let integral = true;
  let maxAbs = 0;
  for (let i = lo; i <= hi; i++) {
    const v = values[i];
    if (isMissing(v)) continue;
    if (!Number.isInteger(v)) {
      integral = false;
      break;
    }
    const a = Math.abs(v);
    if (a > maxAbs) maxAbs = a;
  }
  if (!integral || width * maxAbs > EXACT_WIDTH_TIMES_MAX) {
    for (let u = first; u <= last; u++) {
      const to = u - lag;
      const from = to - width + 1;
      meanOut[u - first] = sampleMean(values, from, to);
      sdOut[u - first] = sampleSd(values, from, to);
    }
    return;
  }
  let s1 = 0;
  let s2 = 0;
  let missing = 0;
  for (let i = lo; i < lo + width; i++) {
    const v = values[i];
    if (isMissing(v)) missing++;
    else {
      s1 += v;
      s2 += v * v;
    }
  }
  const denominator = width * (width - 1);
  for (let u = first; ; u++) {
    const j = u - first;
    if (missing > 0) {
      meanOut[j] = Number.NaN;
      sdOut[j] = Number.NaN;
    } else {
      meanOut[j] = s1 / width;
      sdOut[j] = width > 1 ? Math.sqrt((width * s2 - s1 * s1) / denominator) : Number.NaN;
    }
    if (u === last) break;
    const out = values[u - lag - width + 1];
    const inn = values[u - lag + 1];
    if (isMissing(out)) missing--;
    else {
      s1 -= out;
      s2 -= out * out;
    }
    if (isMissing(inn)) missing++;
    else {
      s1 += inn;
      s2 += inn * inn;
    }
  }
}
