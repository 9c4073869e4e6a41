/**
 * Values as the golden files and `tocsin detect --case` write them: `null` = R's NA, the strings
 * "NaN", "Inf", "-Inf" for IEEE specials, numbers otherwise.
 */
export type RNumber = number | null | 'NaN' | 'Inf' | '-Inf';
export type RLogical = boolean | null;
export type RVector = ReadonlyArray<RNumber | RLogical>;

/** Encodes a double; NaN becomes NA (`null`) unless `nanIsNaN`, where it stays the string "NaN". */
export function encodeRNumber(v: number, nanIsNaN = false): RNumber {
  if (Number.isNaN(v)) return nanIsNaN ? 'NaN' : null;
  if (v === Number.POSITIVE_INFINITY) return 'Inf';
  if (v === Number.NEGATIVE_INFINITY) return '-Inf';
  return v;
}

export function encodeRNumbers(values: ArrayLike<number>, nanIsNaN = false): RNumber[] {
  const out: RNumber[] = new Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = encodeRNumber(values[i], nanIsNaN);
  return out;
}

/** Decodes a golden value to a double (NA and "NaN" both become NaN). */
export function decodeRNumber(v: unknown): number {
  if (v === null || v === 'NaN') return Number.NaN;
  if (v === 'Inf') return Number.POSITIVE_INFINITY;
  if (v === '-Inf') return Number.NEGATIVE_INFINITY;
  if (typeof v === 'number') return v;
  return Number.NaN;
}
