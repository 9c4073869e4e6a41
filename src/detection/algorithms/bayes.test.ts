import { describe, expect, it } from 'vitest';
import { bayesDetector } from '../detectors/bayes-detector.ts';
import { DetectionInputError, DetectionOptionsError } from '../errors.ts';
import { countSeries } from '../series/count-series.ts';
import { BAYES_VARIANTS, bayes, DEFAULT_BAYES_OPTIONS, defaultBayesRange } from './bayes.ts';

function weekly(observed: ReadonlyArray<number | null>) {
  return countSeries({ frequency: 'weekly', start: '2020-01-06', observed });
}

function optionsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (e) {
    if (e instanceof DetectionOptionsError) return e.problems.map((p) => p.option);
    throw e;
  }
  return [];
}

describe('bayes', () => {
  it("has R's defaults (bayes1) and the three named systems", () => {
    expect(DEFAULT_BAYES_OPTIONS).toEqual({ b: 0, w: 6, actY: true, alpha: 0.05 });
    expect(BAYES_VARIANTS.bayes1).toEqual({ b: 0, w: 6, actY: true, alpha: 0.05 });
    expect(BAYES_VARIANTS.bayes2).toEqual({ b: 1, w: 6, actY: true, alpha: 0.05 });
    expect(BAYES_VARIANTS.bayes3).toEqual({ b: 2, w: 4, actY: false, alpha: 0.05 });
  });

  it('gives a bound of 1 after an all-zero baseline, so one case is no alarm and two are', () => {
    // S = 0, N = 6: NB(size ½, prob 6/7) has P(0) = 0.926 < 0.95 and P(≤ 1) = 0.992.
    const r = bayes(weekly([0, 0, 0, 0, 0, 0, 1, 2]), {}, { from: 6, to: 7 });
    expect(Array.from(r.upperBound)).toEqual([1, 1]);
    expect(r.alarm).toEqual([false, true]);
    expect(Array.from(r.baselineSum)).toEqual([0, 1]);
  });

  it('uses the negative binomial quantile of the baseline sum and size (hand calculation)', () => {
    // S = 6, N = 6: NB(6.5, 6/7) cdf 0.367, 0.708, 0.891, 0.965, 0.990, 0.997 at 0 … 5.
    const series = weekly([1, 1, 1, 1, 1, 1, 3, 4]);
    const r = bayes(series, {}, { from: 6, to: 6 });
    expect(r.upperBound[0]).toBe(3);
    expect(r.alarm[0]).toBe(false);
    expect(r.expected[0]).toBeCloseTo(6.5 / 6, 12);
    expect(bayes(series, { alpha: 0.01 }, { from: 6, to: 6 }).upperBound[0]).toBe(5);
  });

  it('adds ±w windows around the same week of past years (index arithmetic)', () => {
    const observed = new Array<number>(70).fill(0);
    observed[2] = 1; // 1-based 3: in last year's window 3 … 15 of t = 61
    observed[14] = 2; // 1-based 15
    observed[15] = 5; // 1-based 16: just outside it
    observed[59] = 3; // 1-based 60: in the current-year window 55 … 60
    const r = bayes(weekly(observed), BAYES_VARIANTS.bayes2, { from: 60, to: 60 });
    expect(r.baselineCount[0]).toBe(6 + 13);
    expect(r.baselineSum[0]).toBe(6);
    expect(r.expected[0]).toBeCloseTo(6.5 / 19, 12);
  });

  it('skips missing values in the baseline', () => {
    // Seven weeks with one missing leave S = 6, N = 6 as in the hand calculation above.
    const r = bayes(weekly([1, 1, 1, null, 1, 1, 1, 3]), { w: 7 }, { from: 7, to: 7 });
    expect(r.baselineCount[0]).toBe(6);
    expect(r.upperBound[0]).toBe(3);
  });

  it('gives a bound but no alarm decision when the current count is missing', () => {
    const r = bayes(weekly([1, 1, 1, 1, 1, 1, null]), {}, { from: 6, to: 6 });
    expect(r.upperBound[0]).toBe(3);
    expect(r.alarm[0]).toBeNull();
    expect(Number.isNaN(r.observed[0])).toBe(true);
  });

  it('reports NaN (as R does) and no alarm when the whole baseline is missing', () => {
    const series = weekly([null, null, null, null, null, null, 4]);
    const r = bayes(series, {}, { from: 6, to: 6 });
    expect(r.upperBound[0]).toBeNaN();
    expect(r.expected[0]).toBeNaN();
    expect(r.alarm[0]).toBeNull();
    expect(bayesDetector.toR(r, DEFAULT_BAYES_OPTIONS)).toEqual({ upperbound: ['NaN'], alarm: [null] });
  });

  it('handles huge counts (1e7) with a bound near mean + 1.645 sd', () => {
    const r = bayes(weekly([1e7, 1e7, 1e7, 1e7, 1e7, 1e7, 1e7, 1.01e7]), {}, { from: 6, to: 7 });
    // Predictive mean ≈ 1e7, variance ≈ 1e7·7/6, so U ≈ 1e7 + 1.645·3416.
    expect(r.upperBound[0]).toBeGreaterThan(1e7 + 5500);
    expect(r.upperBound[0]).toBeLessThan(1e7 + 5750);
    expect(r.alarm).toEqual([false, true]);
  });

  it("follows R's w = 0 quirk: the current count enters its own baseline", () => {
    const r = bayes(weekly([0, 0, 5]), { w: 0 }, { from: 2, to: 2 });
    expect(r.baselineCount[0]).toBe(2);
    expect(r.baselineSum[0]).toBe(5);
  });

  it('throws a DetectionInputError naming the range when t − b·f − w < 1, as R stops', () => {
    const series = weekly(new Array(80).fill(1));
    expect(() => bayes(series, BAYES_VARIANTS.bayes2, { from: 57, to: 79 })).toThrow(DetectionInputError);
    expect(() => bayes(series, BAYES_VARIANTS.bayes2, { from: 58, to: 79 })).not.toThrow();
  });

  it('has no default range on a series too short for any baseline', () => {
    const series = weekly([1, 2, 3, 4, 5, 6]);
    expect(() => defaultBayesRange(series)).toThrow(DetectionInputError);
    expect(() => bayes(series)).toThrow(DetectionInputError);
    expect(defaultBayesRange(weekly([1, 2, 3, 4, 5, 6, 7]))).toEqual({ from: 6, to: 6 });
  });

  it('reports every invalid option at once', () => {
    expect(optionsOf(() => bayes(weekly([1]), { b: -1, w: 1.5, alpha: 2 }))).toEqual(['b', 'w', 'alpha']);
    expect(
      optionsOf(() => bayesDetector.parseControl({ b: 'x', w: -2, alpha: 1.5, actY: 1, foo: 1 })),
    ).toEqual(['b', 'w', 'actY', 'alpha', 'foo']);
  });

  it('reads a control list, starting from a named variant when one is given', () => {
    expect(bayesDetector.parseControl({ b: 1, w: 3, actY: true, alpha: 0.01 })).toEqual({
      b: 1,
      w: 3,
      actY: true,
      alpha: 0.01,
    });
    expect(bayesDetector.parseControl({ variant: 'bayes3', alpha: 0.1 })).toEqual({
      b: 2,
      w: 4,
      actY: false,
      alpha: 0.1,
    });
    expect(bayesDetector.parseControl({})).toEqual(DEFAULT_BAYES_OPTIONS);
  });
});
