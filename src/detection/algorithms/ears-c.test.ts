import { describe, expect, it } from 'vitest';
import { earsCDetector } from '../detectors/ears-c-detector.ts';
import { DetectionInputError, DetectionOptionsError } from '../errors.ts';
import { countSeries } from '../series/count-series.ts';
import { earsC } from './ears-c.ts';

/** qnorm(0.999), qnorm(0.975), qnorm(0.95) as R prints them with 16 digits. */
const Z_999 = 3.090232306167813;
const Z_975 = 1.959963984540054;
const Z_95 = 1.644853626951472;

function weekly(observed: ReadonlyArray<number | null>) {
  return countSeries({ frequency: 'weekly', start: '2020-01-06', observed });
}

describe('earsC', () => {
  it('puts the C1 bound at the baseline mean plus z·sd of the 7 periods before t', () => {
    const series = weekly([1, 2, 3, 4, 5, 6, 7, 20, 9]);
    const r = earsC(series, { method: 'C1' }, { from: 7, to: 8 });
    // Baseline 1…7: mean 4, sd √(28/6).
    expect(r.expected[0]).toBe(4);
    expect(r.baselineSd[0]).toBeCloseTo(Math.sqrt(28 / 6), 14);
    expect(r.upperBound[0]).toBeCloseTo(4 + Z_999 * Math.sqrt(28 / 6), 12);
    expect(r.alarm[0]).toBe(true);
    // Baseline 2…7, 20: mean 47/7.
    const sd = Math.sqrt((2 ** 2 + 3 ** 2 + 4 ** 2 + 5 ** 2 + 6 ** 2 + 7 ** 2 + 20 ** 2 - 47 ** 2 / 7) / 6);
    expect(r.upperBound[1]).toBeCloseTo(47 / 7 + Z_999 * sd, 12);
    expect(r.alarm[1]).toBe(false);
    expect(r.alpha).toBe(0.001);
  });

  it('leaves a two-period guard band before t in C2', () => {
    // The two periods before t are huge; C2 must not see them.
    const series = weekly([2, 2, 2, 4, 4, 4, 6, 1000, 1000, 30]);
    const r = earsC(series, { method: 'C2', baseline: 3, alpha: 0.05 }, { from: 9, to: 9 });
    // Baseline y[4..6] = 4, 4, 6: mean 14/3, sd √(4/3).
    expect(r.expected[0]).toBeCloseTo(14 / 3, 14);
    expect(r.upperBound[0]).toBeCloseTo(14 / 3 + Z_95 * Math.sqrt(4 / 3), 12);
    expect(r.alarm[0]).toBe(true);
  });

  it('builds the C3 bound from y_t and the two lagged C2 exceedances only (R quirk)', () => {
    const y = [1, 2, 3, 1, 2, 3, 1, 2, 3, 10, 12, 4];
    const series = weekly(y);
    const r = earsC(series, { method: 'C3', baseline: 3, alpha: 0.025 }, { from: 11, to: 11 });
    // C2 of t = 9, 10, 11 uses baselines y[4..6], y[5..7], y[6..8] — each a permutation of 1, 2, 3 (mean 2, sd 1).
    const p9 = Math.max(0, (10 - 2) / 1 - 1);
    const p10 = Math.max(0, (12 - 2) / 1 - 1);
    expect(r.statistic[0]).toBe(2); // (4 − 2)/1, the current C2, which the bound ignores
    expect(r.laggedExcess[0]).toBe(p9 + p10);
    expect(r.upperBound[0]).toBe(Math.max(0, 4 + 1 * (Z_975 - (p9 + p10))));
    expect(r.upperBound[0]).toBe(0);
    expect(r.alarm[0]).toBe(true);
  });

  it('raises a C3 alarm exactly when the lagged exceedances pass z, whatever y_t is', () => {
    const y = [1, 2, 3, 1, 2, 3, 1, 2, 3, 3.5, 3.5, 100];
    const r = earsC(weekly(y), { method: 'C3', baseline: 3 }, { from: 11, to: 11 });
    // P = 0.5 + 0.5 = 1 < z: bound = y_t + (z − 1), above y_t however large y_t is.
    expect(r.upperBound[0]).toBeCloseTo(100 + Z_975 - 1, 12);
    expect(r.alarm[0]).toBe(false);
  });

  it('returns no alarm when the baseline is all zeros and the count is zero (C1/C2 bound = mean)', () => {
    const series = weekly([0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
    for (const method of ['C1', 'C2'] as const) {
      const r = earsC(series, { method }, { from: 9, to: 9 });
      expect(r.upperBound[0]).toBe(0);
      expect(r.alarm[0]).toBe(true);
    }
    const quiet = earsC(weekly([0, 0, 0, 0, 0, 0, 0, 0]), { method: 'C1' }, { from: 7, to: 7 });
    expect(quiet.upperBound[0]).toBe(0);
    expect(quiet.alarm[0]).toBe(false);
  });

  it('gives an undefined C3 bound (R NaN) when the baseline sd is 0 and minSigma is 0', () => {
    const series = weekly(new Array(12).fill(0));
    const r = earsC(series, { method: 'C3', baseline: 7 }, { from: 11, to: 11 });
    expect(r.upperBound[0]).toBeNaN();
    expect(r.status[0]).toBe('zero-spread');
    expect(r.alarm[0]).toBeNull();
    expect(earsCDetector.toR(r, earsCDetector.parseControl({ method: 'C3' }))).toEqual({
      upperbound: ['NaN'],
      alarm: [null],
    });
  });

  it('floors the baseline sd at minSigma', () => {
    const series = weekly([5, 5, 5, 5, 5, 5, 5, 9]);
    const r = earsC(series, { method: 'C1', minSigma: 0.5 }, { from: 7, to: 7 });
    expect(r.baselineSd[0]).toBe(0.5);
    expect(r.upperBound[0]).toBeCloseTo(5 + Z_999 * 0.5, 12);
    expect(r.alarm[0]).toBe(true);
    const c3 = earsC(
      weekly([5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 6]),
      { method: 'C3', minSigma: 1 },
      { from: 11, to: 11 },
    );
    expect(c3.upperBound[0]).toBeCloseTo(6 + Z_975, 12);
    expect(c3.status[0]).toBe('ok');
  });

  it('gives an NA bound and no alarm when a baseline value is missing', () => {
    const series = weekly([1, 2, null, 4, 5, 6, 7, 20, 1, 2, 3, 4, 5, 6, 7]);
    const r = earsC(series, { method: 'C1' }, { from: 7, to: 14 });
    // t = 7…9 see index 2; t = 10 onward do not.
    expect(Array.from(r.upperBound.subarray(0, 3))).toEqual([Number.NaN, Number.NaN, Number.NaN]);
    expect(r.status.slice(0, 4)).toEqual(['missing-baseline', 'missing-baseline', 'missing-baseline', 'ok']);
    expect(r.alarm.slice(0, 3)).toEqual([null, null, null]);
    expect(earsCDetector.toR(r, earsCDetector.parseControl({})).upperbound.slice(0, 4)).toEqual([
      null,
      null,
      null,
      r.upperBound[3],
    ]);
  });

  it('keeps the C1/C2 bound but gives no alarm when the current count is missing; C3 has no bound then', () => {
    const c1 = earsC(weekly([1, 2, 3, 4, 5, 6, 7, null]), { method: 'C1' }, { from: 7, to: 7 });
    expect(c1.upperBound[0]).toBeCloseTo(4 + Z_999 * Math.sqrt(28 / 6), 12);
    expect(c1.alarm[0]).toBeNull();
    expect(c1.status[0]).toBe('missing-observed');
    const c3 = earsC(
      weekly([1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, null]),
      { method: 'C3', baseline: 3 },
      { from: 11, to: 11 },
    );
    expect(c3.upperBound[0]).toBeNaN();
    expect(c3.status[0]).toBe('missing-observed');
    expect(earsCDetector.toR(c3, earsCDetector.parseControl({ method: 'C3' })).upperbound).toEqual([null]);
  });

  it('reports NA or NaN in C3 by the first undefined lagged term, as R arithmetic does', () => {
    // All zero (sd 0) except one missing count: C2 at a zero count is 0/0 = NaN, at the missing one NA.
    const naThenNaN = weekly([0, 0, 0, 0, 0, 0, 0, null, 0, 0]);
    const nanThenNa = weekly([0, 0, 0, 0, 0, 0, 0, 0, null, 0]);
    const control = earsCDetector.parseControl({ method: 'C3', baseline: 3 });
    const a = earsC(naThenNaN, control, { from: 9, to: 9 });
    const b = earsC(nanThenNa, control, { from: 9, to: 9 });
    // NA + NaN is NA; NaN + NA is NaN.
    expect(earsCDetector.toR(a, control).upperbound).toEqual([null]);
    expect(earsCDetector.toR(b, control).upperbound).toEqual(['NaN']);
  });

  it('uses alpha 0.001 for C1/C2 and 0.025 for C3 when alpha is not given', () => {
    const series = weekly([1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3]);
    expect(earsC(series, { method: 'C2' }, { from: 11, to: 11 }).z).toBeCloseTo(Z_999, 12);
    expect(earsC(series, { method: 'C3' }, { from: 11, to: 11 }).z).toBeCloseTo(Z_975, 12);
  });

  it('starts the default range after the history each method needs', () => {
    const series = weekly(new Array(20).fill(1));
    expect(earsC(series, { method: 'C1' }).range).toEqual({ from: 7, to: 19 });
    expect(earsC(series, { method: 'C2' }).range).toEqual({ from: 9, to: 19 });
    expect(earsC(series, { method: 'C3', baseline: 10 }).range).toEqual({ from: 14, to: 19 });
  });

  it('rejects a range that starts before a full history, as R does', () => {
    const series = weekly(new Array(20).fill(1));
    expect(() => earsC(series, { method: 'C3' }, { from: 10, to: 19 })).toThrow(DetectionInputError);
    expect(() => earsC(series, { method: 'C3' }, { from: 11, to: 19 })).not.toThrow();
    expect(() => earsC(series, { method: 'C1' }, { from: 6, to: 19 })).toThrow(
      expect.objectContaining({ name: 'DetectionInputError', field: 'range' }),
    );
  });

  it('rejects a series too short for any baseline', () => {
    expect(() => earsC(weekly([1, 2, 3, 4, 5, 6, 7]))).toThrow(DetectionInputError);
    expect(() => earsC(weekly([]))).toThrow(DetectionInputError);
  });

  it('reports every invalid option at once', () => {
    const series = weekly(new Array(20).fill(1));
    expect(() => earsC(series, { baseline: 2, minSigma: -1, alpha: 1.5 })).toThrow(
      expect.objectContaining({
        problems: [
          expect.objectContaining({ option: 'baseline' }),
          expect.objectContaining({ option: 'minSigma' }),
          expect.objectContaining({ option: 'alpha' }),
        ],
      }),
    );
    expect(() => earsC(series, { baseline: 2 })).toThrow(DetectionOptionsError);
    expect(() => earsCDetector.parseControl({ method: 'C4', baseline: 2.5, minSigma: -1, foo: 1 })).toThrow(
      /method.*baseline.*minSigma.*foo/,
    );
  });

  it('gives all-NA results when every count is missing', () => {
    const r = earsC(weekly(new Array(15).fill(null)), { method: 'C3' }, { from: 11, to: 14 });
    expect(r.status).toEqual([
      'missing-observed',
      'missing-observed',
      'missing-observed',
      'missing-observed',
    ]);
    expect(r.alarm).toEqual([null, null, null, null]);
  });

  it('stays exact with huge counts: a constant 1e7 baseline has sd 0, a shifted one the small-count sd', () => {
    const constant = weekly([...new Array(7).fill(1e7), 1e7 + 1]);
    const r = earsC(constant, { method: 'C1' }, { from: 7, to: 7 });
    expect(r.baselineSd[0]).toBe(0);
    expect(r.upperBound[0]).toBe(1e7);
    expect(r.alarm[0]).toBe(true);
    const shifted = weekly([1, 2, 3, 4, 5, 6, 7, 0].map((v) => v + 1e7));
    const s = earsC(shifted, { method: 'C1' }, { from: 7, to: 7 });
    expect(s.expected[0]).toBe(1e7 + 4);
    expect(s.baselineSd[0]).toBeCloseTo(Math.sqrt(28 / 6), 9);
    const huge = weekly([1, 2, 3, 4, 5, 6, 7, 0].map((v) => v + 1e12));
    expect(earsC(huge, { method: 'C1' }, { from: 7, to: 7 }).baselineSd[0]).toBeCloseTo(Math.sqrt(28 / 6), 3);
  });

  it('handles non-integer counts through the two-pass path', () => {
    const r = earsC(weekly([0.5, 1.5, 2.5, 3.5, 4.5, 5.5, 6.5, 7]), { method: 'C1' }, { from: 7, to: 7 });
    expect(r.expected[0]).toBeCloseTo(3.5, 14);
    expect(r.baselineSd[0]).toBeCloseTo(Math.sqrt(28 / 6), 14);
  });

  it('computes the same values for a point whether it is alone in the range or not (no look-ahead)', () => {
    const y = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8, 9, 7, 9, 3, 2, 3, 8, 4, 6, 2, 6, 4, 3];
    for (const method of ['C1', 'C2', 'C3'] as const) {
      const full = earsC(weekly(y), { method }, { from: 12, to: 24 });
      const longer = earsC(weekly([...y, 50, 0]), { method }, { from: 12, to: 26 });
      for (let t = 12; t <= 24; t++) {
        const alone = earsC(weekly(y.slice(0, t + 1)), { method }, { from: t, to: t });
        expect(alone.upperBound[0]).toBeCloseTo(full.upperBound[t - 12], 12);
        expect(longer.upperBound[t - 12]).toBe(full.upperBound[t - 12]);
        expect(alone.alarm[0]).toBe(full.alarm[t - 12]);
      }
    }
  });
});
