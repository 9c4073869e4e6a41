import { describe, expect, it } from 'vitest';
import { cdcDetector } from '../detectors/cdc-detector.ts';
import { DetectionInputError, DetectionOptionsError } from '../errors.ts';
import { countSeries } from '../series/count-series.ts';
import { cdc } from './cdc.ts';

/** qnorm(1 − 0.025/2) and qnorm(1 − 0.05/2) as R prints them with 16 digits. */
const Z_9875 = 2.241402727604947;
const Z_975 = 1.959963984540054;

function weekly(observed: ReadonlyArray<number | null>) {
  return countSeries({ frequency: 'weekly', start: '2001-01-01', observed });
}

/**
 * 60 weeks with b = 1, m = 1: t = 59 (0-based) is the first monitorable week; its baseline is weeks
 * 0…11 (t − 52 − 7 … t − 52 + 4) in blocks 0–3, 4–7, 8–11, and its 4-week total is weeks 56…59.
 */
function oneYear(baseline: ReadonlyArray<number | null>, current: ReadonlyArray<number | null>) {
  const y: (number | null)[] = new Array(60).fill(0);
  for (let i = 0; i < 12; i++) y[i] = baseline[i];
  for (let i = 0; i < 4; i++) y[56 + i] = current[i];
  return weekly(y);
}

describe('cdc', () => {
  it('compares the 4-week total with the mean + z·sd·√(1 + 1/n) of past 4-week totals', () => {
    const series = oneYear([1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3], [5, 5, 5, 5]);
    const r = cdc(series, { b: 1, m: 1 }, { from: 59, to: 59 });
    // Totals 4, 8, 12: mean 8, sd 4.
    expect(r.expected[0]).toBe(8);
    expect(r.baselineSd[0]).toBe(4);
    expect(r.upperBound[0]).toBeCloseTo(8 + Z_9875 * 4 * Math.sqrt(1 + 1 / 3), 12);
    expect(r.fourWeekTotal[0]).toBe(20);
    expect(r.alarm[0]).toBe(true);
    expect(r.observed[0]).toBe(5);
    const quiet = cdc(
      oneYear([1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3], [4, 4, 4, 5]),
      { b: 1, m: 1, alpha: 0.05 },
      { from: 59, to: 59 },
    );
    expect(quiet.upperBound[0]).toBeCloseTo(8 + Z_975 * 4 * Math.sqrt(4 / 3), 12);
    expect(quiet.alarm[0]).toBe(false);
  });

  it('takes 2m + 1 blocks from each of the b past years', () => {
    // b = 2, m = 0: one block per year, the same 4 weeks one and two years earlier.
    const y: number[] = new Array(110).fill(0);
    y[106] = 7; // t − 3 for t = 109 (current window)
    y[54] = 1; // t − 52 − 3 … t − 52 = 54…57
    y[2] = 3; // t − 104 − 3 … t − 104 = 2…5
    const r = cdc(weekly(y), { b: 2, m: 0 }, { from: 109, to: 109 });
    expect(r.expected[0]).toBe(2);
    expect(r.baselineSd[0]).toBeCloseTo(Math.SQRT2, 14);
    expect(r.fourWeekTotal[0]).toBe(7);
  });

  it('returns no alarm when the baseline is all zeros and the count is zero', () => {
    const r = cdc(oneYear(new Array(12).fill(0), [0, 0, 0, 0]), { b: 1, m: 1 }, { from: 59, to: 59 });
    expect(r.upperBound[0]).toBe(0);
    expect(r.alarm[0]).toBe(false);
    const one = cdc(oneYear(new Array(12).fill(0), [0, 0, 0, 1]), { b: 1, m: 1 }, { from: 59, to: 59 });
    expect(one.alarm[0]).toBe(true);
  });

  it('keeps the bound but gives no total and no alarm when a current count is missing', () => {
    const r = cdc(
      oneYear([1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3], [5, null, 5, 5]),
      { b: 1, m: 1 },
      { from: 59, to: 59 },
    );
    expect(r.upperBound[0]).toBeCloseTo(8 + Z_9875 * 4 * Math.sqrt(4 / 3), 12);
    expect(r.status[0]).toBe('missing-observed');
    expect(cdcDetector.toR(r, cdcDetector.parseControl({}))).toEqual({
      upperbound: [r.upperBound[0]],
      alarm: [null],
      aggr: [null],
    });
  });

  it('gives an NA bound when a baseline count is missing', () => {
    const r = cdc(
      oneYear([1, 1, 1, 1, 2, null, 2, 2, 3, 3, 3, 3], [5, 5, 5, 5]),
      { b: 1, m: 1 },
      { from: 59, to: 59 },
    );
    expect(r.status[0]).toBe('missing-baseline');
    expect(cdcDetector.toR(r, cdcDetector.parseControl({}))).toEqual({
      upperbound: [null],
      alarm: [null],
      aggr: [20],
    });
  });

  it('gives an NA bound for a single baseline total (b = 1, m = 0), as R sd of one value', () => {
    const r = cdc(weekly(new Array(60).fill(1)), { b: 1, m: 0 }, { from: 55, to: 59 });
    expect(r.status).toEqual(new Array(5).fill('single-block'));
    expect(r.alarm).toEqual(new Array(5).fill(null));
  });

  it('rejects a range whose baseline would start before the series, as R does', () => {
    const series = weekly(new Array(300).fill(1));
    // Defaults b = 5, m = 1: the first valid 1-based index is 52·5 + 4 + 4 = 268.
    expect(() => cdc(series, {}, { from: 266, to: 299 })).toThrow(
      expect.objectContaining({ name: 'DetectionInputError', field: 'range' }),
    );
    expect(cdc(series, {}, { from: 267, to: 299 }).range.from).toBe(267);
    expect(cdc(series).range).toEqual({ from: 267, to: 299 });
  });

  it('rejects a series too short for any baseline', () => {
    expect(() => cdc(weekly(new Array(267).fill(1)))).toThrow(DetectionInputError);
  });

  it('stays exact with huge counts and turns block totals beyond R integers into NA (R quirk)', () => {
    const big = cdc(
      oneYear([...new Array(8).fill(1e7), ...new Array(4).fill(1e7 + 3)], new Array(4).fill(1e7 + 9)),
      { b: 1, m: 1 },
      { from: 59, to: 59 },
    );
    expect(big.expected[0]).toBe(4e7 + 4);
    expect(big.baselineSd[0]).toBeCloseTo(Math.sqrt(48), 9);
    expect(big.fourWeekTotal[0]).toBe(4e7 + 36);
    const overflow = cdc(
      oneYear(new Array(12).fill(6e8), new Array(4).fill(6e8)),
      { b: 1, m: 1 },
      { from: 59, to: 59 },
    );
    expect(overflow.status[0]).toBe('missing-baseline');
  });

  it('resets m to 1 unless w is given, as R algo.cdc does', () => {
    expect(cdcDetector.parseControl({ b: 3, m: 2 })).toEqual({ b: 3, m: 1, alpha: 0.025 });
    expect(cdcDetector.parseControl({ b: 3, m: 2, w: 3 })).toEqual({ b: 3, m: 2, alpha: 0.025 });
    expect(cdcDetector.parseControl({})).toEqual({ b: 5, m: 1, alpha: 0.025 });
  });

  it('reports every invalid option at once', () => {
    expect(() => cdc(weekly([1]), { b: 0, m: -1, alpha: 2 })).toThrow(
      expect.objectContaining({
        problems: [
          expect.objectContaining({ option: 'b' }),
          expect.objectContaining({ option: 'm' }),
          expect.objectContaining({ option: 'alpha' }),
        ],
      }),
    );
    expect(() => cdcDetector.parseControl({ b: 1.5, alpha: 0, range: 3 })).toThrow(DetectionOptionsError);
  });

  it('does not change earlier results when data are appended (no look-ahead)', () => {
    const y = Array.from({ length: 300 }, (_, i) => (i * 7919) % 13);
    const a = cdc(weekly(y), {}, { from: 267, to: 299 });
    const b = cdc(weekly([...y, 40, 50]), {}, { from: 267, to: 301 });
    expect(Array.from(b.upperBound.subarray(0, 33))).toEqual(Array.from(a.upperBound));
    expect(b.alarm.slice(0, 33)).toEqual(a.alarm);
  });
});
