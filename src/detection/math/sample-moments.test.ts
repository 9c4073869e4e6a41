import { describe, expect, it } from 'vitest';
import { sampleMean, sampleSd, sampleVariance } from './sample-moments.ts';

describe('sample moments', () => {
  it('uses the n − 1 denominator as R does', () => {
    // R: var(c(2, 4, 4, 4, 5, 5, 7, 9)) = 32/7
    const x = [2, 4, 4, 4, 5, 5, 7, 9];
    expect(sampleMean(x, 0, 7)).toBe(5);
    expect(sampleVariance(x, 0, 7)).toBeCloseTo(32 / 7, 15);
    expect(sampleSd(x, 0, 7)).toBeCloseTo(Math.sqrt(32 / 7), 15);
  });

  it('works on a sub-span', () => {
    expect(sampleMean([100, 1, 2, 3, 100], 1, 3)).toBe(2);
    expect(sampleVariance([100, 1, 2, 3, 100], 1, 3)).toBe(1);
  });

  it('gives NaN (R NA) for fewer than two values or any missing value', () => {
    expect(sampleVariance([3], 0, 0)).toBeNaN();
    expect(sampleMean([], 0, -1)).toBeNaN();
    expect(sampleMean([1, Number.NaN, 3], 0, 2)).toBeNaN();
    expect(sampleSd([1, Number.NaN, 3], 0, 2)).toBeNaN();
  });

  it('gives exactly 0 for a constant sample, even of huge values', () => {
    expect(sampleSd([1e12 + 1, 1e12 + 1, 1e12 + 1], 0, 2)).toBe(0);
  });
});
