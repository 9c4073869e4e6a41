/**
 * The one rule for missing data in the detection core: a count that was not reported is `NaN` in a
 * `Float64Array` (`null` at the edges: JSON, CSV, R's `NA`). Zero is a reported count of zero. Every
 * algorithm asks these helpers instead of testing for NaN itself.
 */

/** The in-memory marker of a missing count. */
export const MISSING = Number.NaN;

export function isMissing(value: number): boolean {
  return Number.isNaN(value);
}

/** `null`/`undefined` (not reported) → NaN; a number stays a number. */
export function fromNullable(value: number | null | undefined): number {
  return value === null || value === undefined ? MISSING : value;
}

/** NaN → `null`, for JSON output. Infinite values are kept (callers encode them). */
export function toNullable(value: number): number | null {
  return Number.isNaN(value) ? null : value;
}

export function countsFromNullable(values: ReadonlyArray<number | null>): Float64Array {
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = fromNullable(values[i]);
  return out;
}

/** True when any of `values[from..to]` (inclusive, 0-based) is missing. */
export function anyMissing(values: ArrayLike<number>, from: number, to: number): boolean {
  for (let i = from; i <= to; i++) if (Number.isNaN(values[i])) return true;
  return false;
}
