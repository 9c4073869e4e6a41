/**
 * R prints two kinds of non-number that a `Float64Array` cannot tell apart: NA (a value is missing)
 * and NaN (arithmetic without a result, such as 0/0). Where an algorithm must report which one R
 * would give, it carries this kind next to each intermediate value.
 *
 * R's arithmetic passes on the payload of the first NaN operand (x86-64 hardware rule), so `NA + NaN`
 * is NA while `NaN + NA` is NaN; `pmax`/`max` keep the kind of the NaN argument.
 */

/** 0: a number (possibly ±Inf); 1: R's NA; 2: R's NaN. */
export type NaKind = 0 | 1 | 2;

export const NA_KIND = Object.freeze({ value: 0, na: 1, nan: 2 } as const);

/** The kind of `left ∘ right` for any arithmetic operator ∘ whose IEEE result is `result`. */
export function naKindOf(left: NaKind, right: NaKind, result: number): NaKind {
  if (left !== NA_KIND.value) return left;
  if (right !== NA_KIND.value) return right;
  return Number.isNaN(result) ? NA_KIND.nan : NA_KIND.value;
}
