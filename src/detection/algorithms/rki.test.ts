import { describe, expect, it } from 'vitest';
import { rkiDetector } from '../detectors/rki-detector.ts';
import { DetectionInputError, DetectionOptionsError } from '../errors.ts';
import { countSeries } from '../series/count-series.ts';
import { DEFAULT_RKI_OPTIONS, defaultRkiRange, RKI_POISSON_LIMITS, RKI_VARIANTS, rki } from './rki.ts';

function weekly(observed: ReadonlyArray<number | null>) {
  return countSeries({ frequency: 'weekly', start: '2020-01-06', observed });
}

function monthly(observed: ReadonlyArray<number | null>) {
  return countSeries({ frequency: 'monthly', start: '2020-01-01', observed });
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

const rki1 = RKI_VARIANTS.rki1;

describe('rki', () => {
  it("has R's defaults (rki3) and the three named systems", () => {
    expect(DEFAULT_RKI_OPTIONS).toEqual({ b: 2, w: 4, actY: false });
    expect(RKI_VARIANTS.rki1).toEqual({ b: 0, w: 6, actY: true });
    expect(RKI_VARIANTS.rki2).toEqual({ b: 1, w: 6, actY: true });
    expect(RKI_VARIANTS.rki3).toEqual({ b: 2, w: 4, actY: false });
  });

  it('takes the Poisson table value of the rounded-down mean while the mean is at most 20', () => {
    // Baseline means 0, 15/6 = 2.5 (→ row 2) and exactly 20.
    const r = rki(weekly([0, 0, 0, 0, 0, 0, 3, 4, 0, 5, 1, 2, 7]), rki1, { from: 6, to: 6 });
    expect(r.upperBound[0]).toBe(3.285);
    expect(r.alarm[0]).toBe(false);
    const r2 = rki(weekly([0, 5, 1, 2, 3, 4, 7]), rki1, { from: 6, to: 6 });
    expect(r2.expected[0]).toBe(2.5);
    expect(r2.upperBound[0]).toBe(6.686);
    expect(r2.alarm[0]).toBe(true);
    const r3 = rki(weekly([20, 20, 20, 20, 20, 20, 31]), rki1, { from: 6, to: 6 });
    expect(r3.upperBound[0]).toBe(30.017);
    expect(r3.poissonTable[0]).toBe(true);
    expect(r3.alarm[0]).toBe(true);
  });

  it('uses mean + 2·sd (n − 1 denominator) above a mean of 20', () => {
    // Mean 23, deviations ±1, ±3, ±5: variance 70/5 = 14.
    const r = rki(weekly([18, 20, 22, 24, 26, 28, 30, 31]), rki1, { from: 6, to: 6 });
    expect(r.expected[0]).toBe(23);
    expect(r.baselineSd[0]).toBeCloseTo(Math.sqrt(14), 14);
    expect(r.upperBound[0]).toBeCloseTo(23 + 2 * Math.sqrt(14), 12);
    expect(r.poissonTable[0]).toBe(false);
    expect(r.alarm[0]).toBe(false);
  });

  it('keeps the 21 tabulated limits of the package', () => {
    expect(RKI_POISSON_LIMITS).toHaveLength(21);
    expect(RKI_POISSON_LIMITS[10]).toBe(17.633);
    expect(RKI_POISSON_LIMITS[16]).toBe(25.4);
  });

  it('handles huge counts (1e7): a constant baseline gives the baseline itself as bound', () => {
    const r = rki(weekly([1e7, 1e7, 1e7, 1e7, 1e7, 1e7, 1e7, 1e7 + 1]), rki1, { from: 6, to: 7 });
    expect(Array.from(r.upperBound)).toEqual([1e7, 1e7]);
    expect(r.alarm).toEqual([false, true]);
  });

  it('throws a DetectionInputError when a baseline value is missing, as R stops', () => {
    const series = weekly([1, 2, null, 4, 5, 6, 7, 8]);
    expect(() => rki(series, rki1, { from: 6, to: 7 })).toThrow(DetectionInputError);
    try {
      rki(series, rki1, { from: 6, to: 7 });
    } catch (e) {
      expect(e instanceof DetectionInputError && e.field).toBe('observed');
    }
  });

  it('gives a bound but no alarm decision when only the current count is missing', () => {
    const r = rki(weekly([1, 1, 1, 1, 1, 1, null]), rki1, { from: 6, to: 6 });
    expect(r.upperBound[0]).toBe(5.323);
    expect(r.alarm[0]).toBeNull();
  });

  it('gives NA (no bound, no alarm) for a one-value baseline above 20, whose sd is NA in R', () => {
    const series = monthly([0, 0, 25, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 99]);
    const r = rki(series, { b: 1, w: 0, actY: false }, { from: 14, to: 14 });
    expect(r.expected[0]).toBe(25);
    expect(r.upperBound[0]).toBeNaN();
    expect(r.alarm[0]).toBeNull();
    expect(rkiDetector.toR(r, { b: 1, w: 0, actY: false })).toEqual({ upperbound: [null], alarm: [null] });
  });

  it('throws a DetectionInputError naming the range when t − b·f − w < 1', () => {
    const series = weekly(new Array(120).fill(3));
    expect(() => rki(series, {}, { from: 106, to: 119 })).toThrow(DetectionInputError);
    expect(rki(series, {}, { from: 108, to: 119 }).upperBound[0]).toBe(8.102);
  });

  it('has no default range on a series too short for any baseline', () => {
    expect(() => defaultRkiRange(weekly(new Array(108).fill(0)))).toThrow(DetectionInputError);
    expect(defaultRkiRange(weekly(new Array(109).fill(0)))).toEqual({ from: 108, to: 108 });
    const allZero = rki(weekly(new Array(110).fill(0)));
    expect(Array.from(allZero.upperBound)).toEqual([3.285, 3.285]);
    expect(allZero.alarm).toEqual([false, false]);
  });

  it('reports every invalid option at once, including an empty baseline', () => {
    expect(optionsOf(() => rki(weekly([1]), { b: 0, w: -1, actY: false }))).toEqual(['w', 'actY']);
    expect(optionsOf(() => rkiDetector.parseControl({ b: 1.5, w: 'x', actY: 'no', alpha: 0.05 }))).toEqual([
      'b',
      'w',
      'actY',
      'alpha',
    ]);
  });

  it('reads a control list, starting from a named variant when one is given', () => {
    expect(rkiDetector.parseControl({ b: 1, w: 6, actY: true })).toEqual(RKI_VARIANTS.rki2);
    expect(rkiDetector.parseControl({ variant: 'rki1', w: 3 })).toEqual({ b: 0, w: 3, actY: true });
    expect(rkiDetector.parseControl(undefined)).toEqual(DEFAULT_RKI_OPTIONS);
  });
});
