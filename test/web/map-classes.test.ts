import { describe, expect, it } from 'vitest';
import { classBounds, classLower, classOf } from '../../web/src/map-classes.ts';

describe('choropleth classes', () => {
  it('gives one class per count while the largest count is at most five', () => {
    expect(classBounds(3)).toEqual([1, 2, 3]);
    expect(classBounds(5)).toEqual([1, 2, 3, 4, 5]);
  });

  it('cuts larger counts into five equal steps rounded up, the last ending at the largest', () => {
    expect(classBounds(165)).toEqual([33, 66, 99, 132, 165]);
    expect(classBounds(7)).toEqual([2, 3, 5, 6, 7]);
  });

  it('cuts fractional values at two significant digits', () => {
    expect(classBounds(0.37)).toEqual([0.074, 0.15, 0.22, 0.3, 0.37]);
  });

  it('has no class when nothing is above zero', () => {
    expect(classBounds(0)).toEqual([]);
    expect(classBounds(Number.NaN)).toEqual([]);
  });

  it('puts zero and missing values in class 0 and others in the first class that holds them', () => {
    const bounds = [33, 66, 99, 132, 165];
    expect([undefined, 0, -2, 1, 33, 34, 132, 133, 165, 999].map((v) => classOf(v, bounds))).toEqual([
      0, 0, 0, 1, 1, 2, 4, 5, 5, 5,
    ]);
    expect(classOf(4, [])).toBe(0);
  });

  it('starts each count class one above the previous bound for the legend', () => {
    const bounds = [33, 66, 99, 132, 165];
    expect([1, 2, 5].map((k) => classLower(k, bounds))).toEqual([1, 34, 133]);
    expect(classLower(2, [0.074, 0.15])).toBe(0.074);
  });
});
