import { isMissing } from '../../series/missing.ts';

/**
 * The minimum-count rule of the Farrington family (spec §1.6): at least `cases` reports in the
 * `periods` periods ending with (and including) index k. `null` when a count in the window is missing
 * (R's NA). Indices before the series start are ignored, as R's `observed[0:k]` does.
 */
export function enoughCases(
  observed: ArrayLike<number>,
  k: number,
  cases: number,
  periods: number,
): boolean | null {
  let sum = 0;
  for (let t = Math.max(0, k - periods + 1); t <= k; t++) {
    const v = observed[t];
    if (isMissing(v)) return null;
    sum += v;
  }
  return sum >= cases;
}
