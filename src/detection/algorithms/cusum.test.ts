import { describe, expect, it } from 'vitest';
import { cusumDetector } from '../detectors/cusum-detector.ts';
import { DetectionInputError, DetectionOptionsError } from '../errors.ts';
import { countSeries } from '../series/count-series.ts';
import { cusum } from './cusum.ts';

function weekly(observed: ReadonlyArray<number | null>) {
  return countSeries({ frequency: 'weekly', start: '1990-01-01', observed });
}

const toR = (r: ReturnType<typeof cusum>) => cusumDetector.toR(r, cusumDetector.parseControl({}));

describe('cusum', () => {
  it('cumulates standardised counts against the mean of the history and inverts the bound (standard)', () => {
    // History 2, 6, 4, 4: m = 4, √m = 2. Range counts 8, 4, 12: z = 2, 0, 4.
    const r = cusum(weekly([2, 6, 4, 4, 8, 4, 12]), {}, { from: 4, to: 6 });
    expect(Array.from(r.expected)).toEqual([4, 4, 4]);
    expect(Array.from(r.standardized)).toEqual([2, 0, 4]);
    expect(r.cusum[0]).toBeCloseTo(0.96, 14);
    expect(r.cusum[1]).toBe(0);
    expect(r.cusum[2]).toBeCloseTo(2.96, 14);
    expect(r.alarm).toEqual([false, false, true]);
    // ⌈√m·(h + k − S_{t−1}) + m⌉ = ⌈2·3.3 + 4⌉, ⌈2·(3.3 − 0.96) + 4⌉, ⌈2·3.3 + 4⌉.
    expect(Array.from(r.upperBound)).toEqual([11, 9, 11]);
  });

  it('never resets the chart after an alarm', () => {
    const r = cusum(weekly([4, 4, 4, 4, 12, 12, 4]), { m: 4 }, { from: 4, to: 6 });
    // z = 4, 4, 0: S = 2.96, 5.92, 4.88.
    expect(r.cusum[0]).toBeCloseTo(2.96, 14);
    expect(r.cusum[1]).toBeCloseTo(5.92, 14);
    expect(r.cusum[2]).toBeCloseTo(4.88, 14);
    expect(r.alarm).toEqual([true, true, true]);
    // A previous S above h + k drives the count bound below 0, reported as 0.
    expect(r.upperBound[2]).toBe(0);
  });

  it('uses a fixed in-control mean or one mean per range point', () => {
    const fixed = cusum(weekly([0, 0, 9, 1]), { m: 9, k: 0, h: 10 }, { from: 2, to: 3 });
    expect(Array.from(fixed.standardized)).toEqual([0, -8 / 3]);
    const vector = cusum(weekly([0, 0, 9, 1]), { m: [9, 1], k: 0, h: 10 }, { from: 2, to: 3 });
    expect(Array.from(vector.expected)).toEqual([9, 1]);
    expect(Array.from(vector.standardized)).toEqual([0, 0]);
    expect(() => cusum(weekly([0, 0, 9, 1]), { m: [1, 2, 3] }, { from: 2, to: 3 })).toThrow(
      DetectionOptionsError,
    );
  });

  it('gives the count that brings the chart exactly to h for the rossi, anscombe and pearsonNegBin transforms', () => {
    const history = [3, 5, 4, 6, 2, 4];
    for (const trans of ['rossi', 'anscombe', 'pearsonNegBin'] as const) {
      const first = cusum(weekly([...history, 7, 0]), { trans, alpha: 0.3 }, { from: 6, to: 7 });
      // Feeding the bound of the second point as its count must give S = h.
      const atBound = cusum(
        weekly([...history, 7, first.upperBound[1]]),
        { trans, alpha: 0.3 },
        { from: 6, to: 7 },
      );
      expect(atBound.cusum[0]).toBe(first.cusum[0]);
      expect(atBound.cusum[1]).toBeCloseTo(2.26, 10);
    }
  });

  it('uses the spec formulas for each transform', () => {
    const m = 4;
    const x = 9;
    const alpha = 0.2;
    const expected: Record<string, number> = {
      standard: (x - m) / Math.sqrt(m),
      rossi: (x - 3 * m + 2 * Math.sqrt(x * m)) / (2 * Math.sqrt(m)),
      anscombe: (1.5 * (x ** (2 / 3) - m ** (2 / 3))) / m ** (1 / 6),
      anscombe2nd: (x ** (2 / 3) - (m ** (2 / 3) - m ** (-1 / 3) / 9)) / ((2 / 3) * m ** (1 / 6)),
      pearsonNegBin: (x - m) / Math.sqrt(m + alpha * m * m),
    };
    for (const [trans, z] of Object.entries(expected)) {
      const r = cusum(weekly([m, x]), { m, alpha, k: 0, trans: trans as 'standard' }, { from: 1, to: 1 });
      expect(r.standardized[0]).toBeCloseTo(z, 14);
    }
    // anscombe2nd bound (spec §4, with R's m^(1/3)/9): ((2/3)m^(1/6)·D + m^(2/3) − m^(1/3)/9)^(3/2), D = h + k.
    const r = cusum(weekly([m, x]), { m, trans: 'anscombe2nd' }, { from: 1, to: 1 });
    const base = (2 / 3) * m ** (1 / 6) * (2.26 + 1.04) + (m ** (2 / 3) - m ** (1 / 3) / 9);
    expect(r.upperBound[0]).toBeCloseTo(base ** 1.5, 12);
  });

  it('propagates a missing count in the history to every output (m NA, cusum NA, bound 0)', () => {
    const r = cusum(weekly([2, null, 4, 4, 8, 4]), {}, { from: 4, to: 5 });
    expect(r.status).toEqual(['missing-data', 'missing-data']);
    expect(toR(r)).toEqual({ upperbound: [0, 0], alarm: [null, null], cusum: [null, null], m: [null, null] });
  });

  it('stops the chart at a missing count in the range, as R does', () => {
    const r = cusum(weekly([4, 4, 4, 4, 12, null, 4]), {}, { from: 4, to: 6 });
    expect(r.alarm).toEqual([true, null, null]);
    expect(toR(r).cusum).toEqual([r.cusum[0], null, null]);
  });

  it('reports an undefined statistic (R NaN) for zero counts against an in-control mean of 0', () => {
    const r = cusum(weekly([0, 0, 0, 0, 0, 3]), {}, { from: 3, to: 5 });
    expect(r.expected[0]).toBe(0);
    expect(r.status).toEqual(['undefined', 'undefined', 'undefined']);
    expect(toR(r)).toEqual({
      upperbound: [0, 0, 0],
      alarm: [null, null, null],
      cusum: ['NaN', 'NaN', 'NaN'],
      m: [0, 0, 0],
    });
    // A positive count first: z = +Inf, an alarm, then 0/0.
    const s = cusum(weekly([0, 0, 0, 2, 0]), {}, { from: 3, to: 4 });
    expect(toR(s).cusum).toEqual(['Inf', 'NaN']);
    expect(s.alarm).toEqual([true, null]);
  });

  it('keeps the kind of the first undefined value: NaN then missing stays NaN, missing then NaN stays NA', () => {
    const nanFirst = cusum(weekly([0, 0, null]), { m: 0 }, { from: 1, to: 2 });
    const naFirst = cusum(weekly([0, null, 0]), { m: 0 }, { from: 1, to: 2 });
    expect(toR(nanFirst).cusum).toEqual(['NaN', 'NaN']);
    expect(toR(naFirst).cusum).toEqual([null, null]);
  });

  it('takes the first count as the in-control mean when the range starts at the first period (R quirk)', () => {
    const r = cusum(weekly([5, 1, 9]), {}, { from: 0, to: 2 });
    expect(r.expected[0]).toBe(5);
    expect(r.standardized[0]).toBe(0);
  });

  it('recovers an exact harmonic Poisson mean with m = "glm"', () => {
    // y_t = exp(1 + 0.5 cos(2πt/52) − 0.3 sin(2πt/52)) with t = 1, 2, … (the series starts in ISO week 1).
    const mean = (t: number) =>
      Math.exp(1 + 0.5 * Math.cos((2 * Math.PI * t) / 52) - 0.3 * Math.sin((2 * Math.PI * t) / 52));
    const y = Array.from({ length: 120 }, (_, i) => mean(i + 1));
    const r = cusum(weekly(y), { m: 'glm' }, { from: 104, to: 119 });
    expect(r.glmCoefficients?.[0]).toBeCloseTo(1, 7);
    expect(r.glmCoefficients?.[1]).toBeCloseTo(0.5, 7);
    expect(r.glmCoefficients?.[2]).toBeCloseTo(-0.3, 7);
    for (let i = 0; i < 16; i++) expect(r.expected[i]).toBeCloseTo(mean(105 + i), 7);
    expect(r.glmConverged).toBe(true);
  });

  it('drops missing counts from the m = "glm" fit and rejects a history with none', () => {
    const mean = (t: number) => Math.exp(1 + 0.5 * Math.cos((2 * Math.PI * t) / 52));
    const y: (number | null)[] = Array.from({ length: 60 }, (_, i) => mean(i + 1));
    y[10] = null;
    const r = cusum(weekly(y), { m: 'glm' }, { from: 52, to: 59 });
    expect(r.expected[0]).toBeCloseTo(mean(53), 7);
    expect(() => cusum(weekly([null, null, 3]), { m: 'glm' }, { from: 2, to: 2 })).toThrow(
      DetectionInputError,
    );
  });

  it('stays accurate with huge counts', () => {
    const r = cusum(weekly([1e7, 1e7, 1e7 + 6000]), {}, { from: 2, to: 2 });
    expect(r.standardized[0]).toBeCloseTo(6000 / Math.sqrt(1e7), 10);
    expect(r.alarm[0]).toBe(false);
  });

  it('monitors the last year by default, with everything before it as history', () => {
    const r = cusum(weekly(new Array(60).fill(3)));
    expect(r.range).toEqual({ from: 8, to: 59 });
    expect(() => cusum(weekly([3]))).toThrow(DetectionInputError);
  });

  it('reports every invalid option at once', () => {
    expect(() =>
      cusum(weekly([1, 2, 3]), { k: Number.NaN, alpha: -1, trans: 'foo' as 'none', m: -2 }),
    ).toThrow(
      expect.objectContaining({
        problems: [
          expect.objectContaining({ option: 'k' }),
          expect.objectContaining({ option: 'alpha' }),
          expect.objectContaining({ option: 'trans' }),
          expect.objectContaining({ option: 'm' }),
        ],
      }),
    );
    expect(() => cusumDetector.parseControl({ m: 'mean', trans: 'log', h: 'x' })).toThrow(/h.*m.*trans/);
  });

  it('does not change earlier results when data are appended (no look-ahead)', () => {
    const y = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8, 9, 7, 9];
    const a = cusum(weekly(y), {}, { from: 5, to: 14 });
    const b = cusum(weekly([...y, 40, 2]), {}, { from: 5, to: 16 });
    expect(Array.from(b.cusum.subarray(0, 10))).toEqual(Array.from(a.cusum));
    expect(Array.from(b.upperBound.subarray(0, 10))).toEqual(Array.from(a.upperBound));
  });
});
