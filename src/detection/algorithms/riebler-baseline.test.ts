import { describe, expect, it } from 'vitest';
import { DetectionInputError } from '../errors.ts';
import { countSeries } from '../series/count-series.ts';
import {
  checkRieblerRange,
  defaultRieblerRange,
  fillRieblerBaseline,
  rieblerBaselineCapacity,
  rieblerWindowProblems,
} from './riebler-baseline.ts';

/** Observed value = 1-based index, so the baseline lists R's indices. */
function indexSeries(n: number): Float64Array {
  return Float64Array.from({ length: n }, (_, i) => i + 1);
}

function baseline(
  observed: Float64Array,
  f: number,
  b: number,
  w: number,
  actY: boolean,
  t: number,
): number[] {
  const out = new Float64Array(rieblerBaselineCapacity({ b, w, actY }));
  const k = fillRieblerBaseline(observed, f, { b, w, actY }, t, out);
  return Array.from(out.subarray(0, k));
}

describe('rieblerBaseline', () => {
  it('takes the w periods before t and ±w around t in each past year, in R order', () => {
    // t = 120 (1-based), f = 52, b = 2, w = 2: 118, 119, then 66 … 70, then 14 … 18.
    expect(baseline(indexSeries(130), 52, 2, 2, true, 119)).toEqual([
      118, 119, 66, 67, 68, 69, 70, 14, 15, 16, 17, 18,
    ]);
  });

  it('leaves out the current year when actY is false', () => {
    expect(baseline(indexSeries(30), 12, 1, 1, false, 19)).toEqual([7, 8, 9]);
  });

  it('follows R when w = 0 and the current year is used: y[t] and y[t − 1] enter the baseline', () => {
    expect(baseline(indexSeries(10), 12, 0, 0, true, 4)).toEqual([5, 4]);
    expect(baseline(indexSeries(10), 12, 0, 0, true, 0)).toEqual([1]);
  });

  it('treats window positions after the end of the series as missing, as R indexes past the end', () => {
    // t = 30 of 30, f = 12, w = 13: the past-year window is 5 … 31, and index 31 does not exist.
    const values = baseline(indexSeries(30), 12, 1, 13, false, 29);
    expect(values).toHaveLength(27);
    expect(values.slice(0, 26)).toEqual(Array.from({ length: 26 }, (_, i) => i + 5));
    expect(values[26]).toBeNaN();
  });

  it('rejects a range that starts before t − b·f − w ≥ 1, naming the range', () => {
    const series = countSeries({
      frequency: 'monthly',
      start: '2020-01-01',
      observed: new Array(40).fill(1),
    });
    expect(() => checkRieblerRange(series, { b: 2, w: 3, actY: false }, { from: 26, to: 39 }, 'x')).toThrow(
      DetectionInputError,
    );
    expect(() =>
      checkRieblerRange(series, { b: 2, w: 3, actY: false }, { from: 27, to: 39 }, 'x'),
    ).not.toThrow();
  });

  it('starts the default range at the first point R accepts', () => {
    const series = countSeries({
      frequency: 'weekly',
      start: '2020-01-06',
      observed: new Array(100).fill(1),
    });
    expect(defaultRieblerRange(series, { b: 1, w: 6, actY: true }, 'x')).toEqual({ from: 58, to: 99 });
    expect(() => defaultRieblerRange(series, { b: 2, w: 4, actY: false }, 'x')).toThrow(DetectionInputError);
  });

  it('reports every problem with b, w and actY', () => {
    const problems = rieblerWindowProblems({ b: -1, w: 1.5, actY: true });
    expect(problems.map((p) => p.option)).toEqual(['b', 'w']);
  });
});
