import { describe, expect, it } from 'vitest';
import { NA_KIND, naKindOf } from './na-kind.ts';

describe('naKindOf', () => {
  it('passes on the kind of the first non-number operand, as R on x86-64 (NA + NaN is NA, NaN + NA is NaN)', () => {
    expect(naKindOf(NA_KIND.na, NA_KIND.nan, Number.NaN)).toBe(NA_KIND.na);
    expect(naKindOf(NA_KIND.nan, NA_KIND.na, Number.NaN)).toBe(NA_KIND.nan);
    expect(naKindOf(NA_KIND.value, NA_KIND.na, Number.NaN)).toBe(NA_KIND.na);
  });

  it('calls fresh arithmetic NaN (0/0, 0·∞) NaN and infinities numbers', () => {
    expect(naKindOf(NA_KIND.value, NA_KIND.value, 0 / 0)).toBe(NA_KIND.nan);
    expect(naKindOf(NA_KIND.value, NA_KIND.value, 1 / 0)).toBe(NA_KIND.value);
  });
});
