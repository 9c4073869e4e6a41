import { DetectionInputError } from './errors.ts';

/**
 * The monitored time points: a contiguous, 0-based, inclusive index span `from … to` of a series
 * (R's `control$range` minus one). All per-point outputs are aligned with it.
 */
export interface DetectionRange {
  readonly from: number;
  readonly to: number;
}

export function rangeLength(range: DetectionRange): number {
  return range.to - range.from + 1;
}

/** Converts R's 1-based index vector (must be contiguous and increasing) to a `DetectionRange`. */
export function rangeFromR(indices: ReadonlyArray<number>, seriesLength: number): DetectionRange {
  if (indices.length === 0) throw new DetectionInputError('range is empty', 'range');
  for (let i = 0; i < indices.length; i++) {
    const v = indices[i];
    if (!Number.isInteger(v) || v < 1 || v > seriesLength) {
      throw new DetectionInputError(`range[${i}] = ${v} is not an index 1…${seriesLength}`, 'range');
    }
    if (i > 0 && v !== indices[i - 1] + 1) {
      throw new DetectionInputError(`range is not contiguous at range[${i}] = ${v}`, 'range');
    }
  }
  return { from: indices[0] - 1, to: indices[indices.length - 1] - 1 };
}

/** Checks a range against a series length; throws `DetectionInputError` when it does not fit. */
export function checkRange(range: DetectionRange, seriesLength: number): void {
  if (
    !Number.isInteger(range.from) ||
    !Number.isInteger(range.to) ||
    range.from < 0 ||
    range.to >= seriesLength ||
    range.from > range.to
  ) {
    throw new DetectionInputError(
      `range ${range.from}…${range.to} does not lie within 0…${seriesLength - 1}`,
      'range',
    );
  }
}

/** Which points to monitor, as a user asks for them; resolved per series by `resolveRange`. */
export type RangeSpec =
  | { readonly kind: 'default' }
  | { readonly kind: 'last'; readonly n: number }
  | { readonly kind: 'dates'; readonly from: number; readonly to: number };

/**
 * Resolves a range request against one series and the method's default range (where R can first
 * compute): `last` and `dates` are clipped so that they never start before the default range.
 * Returns `undefined` when nothing is left to monitor.
 */
export function resolveRange(
  spec: RangeSpec,
  dates: Int32Array,
  defaultRange: DetectionRange,
): DetectionRange | undefined {
  let from = defaultRange.from;
  let to = defaultRange.to;
  if (spec.kind === 'last') {
    from = Math.max(from, dates.length - spec.n);
  } else if (spec.kind === 'dates') {
    let lo = 0;
    while (lo < dates.length && dates[lo] < spec.from) lo++;
    let hi = dates.length - 1;
    while (hi >= 0 && dates[hi] > spec.to) hi--;
    from = Math.max(from, lo);
    to = Math.min(to, hi);
  }
  return from <= to ? { from, to } : undefined;
}
