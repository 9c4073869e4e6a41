import { describe, expect, it } from 'vitest';
import { movingMoments } from './moving-moments.ts';

function run(values: number[], first: number, last: number, width: number, lag: number) {
  const mean = new Float64Array(last - first + 1);
  const sd = new Float64Array(last - first + 1);
  movingMoments(values, first, last, width, lag, mean, sd);
  return { mean: Array.from(mean), sd: Array.from(sd) };
}

describe('movingMoments', () => {
  it('gives the mean and n − 1 sd of the window ending lag periods before each point', () => {
    // Windows of width 3 ending 1 before u = 3, 4, 5: [1,2,3], [2,3,5], [3,5,9].
    const r = run([1, 2, 3, 5, 9, 100], 3, 5, 3, 1);
    expect(r.mean).toEqual([2, 10 / 3, 17 / 3]);
    expect(r.sd[0]).toBe(1);
    expect(r.sd[1]).toBeCloseTo(Math.sqrt(7 / 3), 15);
    expect(r.sd[2]).toBeCloseTo(Math.sqrt(28 / 3), 15);
  });

  it('skips the guard band with a larger lag', () => {
    // Window of width 2 ending 3 before u = 4: indices 0, 1.
    expect(run([4, 6, 1000, 1000, 0], 4, 4, 2, 3)).toEqual({ mean: [5], sd: [Math.SQRT2] });
  });

  it('gives NaN while a missing value is inside the window, and recovers after it leaves', () => {
    const r = run([1, Number.NaN, 3, 4, 5, 6], 3, 5, 2, 1);
    expect(r.mean[0]).toBeNaN(); // window 1, 2
    expect(r.mean[1]).toBe(3.5); // window 2, 3
    expect(r.sd[2]).toBeCloseTo(Math.SQRT1_2, 15); // window 3, 4
  });

  it('gives exactly 0 sd for a constant window on the exact and the two-pass path', () => {
    expect(run([7, 7, 7, 7, 7], 3, 4, 3, 0).sd).toEqual([0, 0]);
    expect(run([7.5, 7.5, 7.5, 7.5], 3, 3, 3, 0).sd).toEqual([0]);
    expect(run([5e9, 5e9, 5e9, 5e9], 3, 3, 3, 0).sd).toEqual([0]);
  });

  it('agrees with the direct formulas on long integer series', () => {
    const values = Array.from({ length: 400 }, (_, i) => (i * 7919) % 31);
    const r = run(values, 30, 399, 28, 3);
    for (const u of [30, 31, 200, 399]) {
      const w = values.slice(u - 3 - 27, u - 2);
      const m = w.reduce((a, b) => a + b, 0) / 28;
      const v = w.reduce((a, b) => a + (b - m) ** 2, 0) / 27;
      expect(r.mean[u - 30]).toBeCloseTo(m, 13);
      expect(r.sd[u - 30]).toBeCloseTo(Math.sqrt(v), 13);
    }
  });

  it('rejects a window that reaches before the first value', () => {
    expect(() => run([1, 2, 3], 2, 2, 3, 1)).toThrow(RangeError);
  });
});
