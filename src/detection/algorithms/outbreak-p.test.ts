import { describe, expect, it } from 'vitest';
import { outbreakPDetector } from '../detectors/outbreak-p-detector.ts';
import { DetectionInputError, DetectionOptionsError } from '../errors.ts';
import { countSeries } from '../series/count-series.ts';
import { DEFAULT_OUTBREAK_P_OPTIONS, defaultOutbreakPRange, outbreakP } from './outbreak-p.ts';

function weekly(observed: ReadonlyArray<number | null>) {
  return countSeries({ frequency: 'weekly', start: '2020-01-06', observed });
}

function all(observed: ReadonlyArray<number | null>) {
  return { from: 0, to: observed.length - 1 };
}

/**
 * A line-by-line port of R surveillance 1.20.3 `calc.outbreakP.statistic` and the loop of
 * `algo.outbreakP`, without any of the shortcuts of the implementation, as the reference for the
 * equivalence test.
 */
function rPow(x: number, y: number): number {
  if (y === 2) return x * x;
  if (x === 1 || y === 0) return 1;
  return x ** y;
}

function rStatistic(values: ReadonlyArray<number>): number {
  const n = values.length;
  const x = [0, ...values];
  const leftl = new Array<number>(n + 1).fill(0);
  const yhat = new Array<number>(n + 1).fill(0);
  const sumwy = new Array<number>(n + 1).fill(0);
  const sumw = new Array<number>(n + 1).fill(0);
  const meanl = new Array<number>(n + 1).fill(0);
  let xbar = 0;
  meanl[0] = Number.NEGATIVE_INFINITY;
  for (let i = 1; i <= n; i++) {
    yhat[i] = x[i];
    sumwy[i] = x[i];
    sumw[i] = 1;
    meanl[i] = x[i];
    leftl[i] = i;
    xbar = xbar + (x[i] - xbar) / i;
    while (meanl[i] <= meanl[leftl[i] - 1]) {
      sumwy[i] = sumwy[i] + sumwy[leftl[i] - 1];
      sumw[i] = sumw[i] + sumw[leftl[i] - 1];
      meanl[i] = sumwy[i] / sumw[i];
      leftl[i] = leftl[leftl[i] - 1];
    }
    for (let j = leftl[i]; j <= i; j++) yhat[j] = meanl[i];
  }
  let stat = 1;
  for (let j = 1; j <= n; j++) {
    const div = yhat[j] === 0 && xbar === 0 ? 1 : yhat[j] / xbar;
    stat = stat * rPow(div, x[j]);
  }
  return stat;
}

function rOutbreakP(observed: number[], k: number, ret: 'value' | 'cases', max: number) {
  const upper: number[] = [];
  const alarm: (boolean | null)[] = [];
  for (let i = 1; i <= observed.length; i++) {
    let stat = rStatistic(observed.slice(0, i));
    const a = Number.isNaN(stat) ? null : stat > k;
    alarm.push(a);
    if (ret === 'value') upper.push(stat);
    else if (i <= 1) upper.push(k >= 1 ? Number.NaN : 0);
    else if (Number.isNaN(stat)) upper.push(Number.NaN);
    else {
      const delta = a ? -1 : 1;
      let v = observed[i - 1];
      let found = false;
      while (((delta === -1 && v > 0) || (delta === 1 && v < max)) && !found) {
        v = v + delta;
        stat = rStatistic([...observed.slice(0, i - 1), v]);
        if (Number.isNaN(stat)) v = max;
        else found = stat > k === !a;
      }
      upper.push(found ? v + (a ? 1 : 0) : Number.NaN);
    }
  }
  return { upper, alarm };
}

describe('outbreakP', () => {
  it("has R's defaults", () => {
    expect(DEFAULT_OUTBREAK_P_OPTIONS).toEqual({ k: 100, ret: 'value', maxUpperboundCases: 1e5 });
  });

  it('computes the likelihood ratio of the isotonic fit against the mean (hand calculation)', () => {
    // [1, 3]: ŷ = (1, 3), x̄ = 2, so (1/2)¹·(3/2)³ = 1.6875. [0, 0, 4]: (4 / (4/3))⁴ = 81.
    expect(Array.from(outbreakP(weekly([1, 3]), {}, all([1, 3])).statistic)).toEqual([1, 1.6875]);
    const r = outbreakP(weekly([0, 0, 4]), {}, all([0, 0, 4]));
    expect(Array.from(r.upperBound)).toEqual([1, 1, 81]);
    expect(r.alarm).toEqual([false, false, false]);
    expect(outbreakP(weekly([0, 0, 4]), { k: 50 }, { from: 2, to: 2 }).alarm).toEqual([true]);
  });

  it('pools ties and decreases into one block, giving a statistic of 1', () => {
    expect(Array.from(outbreakP(weekly([3, 3]), {}, all([3, 3])).statistic)).toEqual([1, 1]);
    expect(Array.from(outbreakP(weekly([2, 0]), {}, all([2, 0])).statistic)).toEqual([1, 1]);
  });

  it('gives 1 and no alarm everywhere on an all-zero series', () => {
    const r = outbreakP(weekly([0, 0, 0, 0]), {}, all([0, 0, 0, 0]));
    expect(Array.from(r.statistic)).toEqual([1, 1, 1, 1]);
    expect(r.alarm).toEqual([false, false, false, false]);
  });

  it('finds the needed cases by searching upwards when there is no alarm', () => {
    // After t zeros the statistic of a last count v is (t + 1)^v: 2^7 = 128 and 3^5 = 243 pass k = 100.
    const r = outbreakP(weekly([0, 0, 0]), { ret: 'cases' }, all([0, 0, 0]));
    expect(Array.from(r.upperBound)).toEqual([Number.NaN, 7, 5]);
    expect(outbreakPDetector.toR(r, outbreakPDetector.parseControl({ ret: 'cases' }))).toEqual({
      upperbound: [null, 7, 5],
      alarm: [false, false, false],
    });
  });

  it('finds the needed cases by searching downwards when there is an alarm', () => {
    // [0, 0, 6]: 3^6 = 729 > 100; 3^5 = 243 still alarms, 3^4 = 81 does not, so 5 cases are needed.
    const r = outbreakP(weekly([0, 0, 6]), { ret: 'cases' }, { from: 2, to: 2 });
    expect(r.alarm).toEqual([true]);
    expect(Array.from(r.upperBound)).toEqual([5]);
  });

  it('gives 0 needed cases at the first point only when k < 1', () => {
    const r = outbreakP(weekly([4, 5]), { ret: 'cases', k: 0.5 }, { from: 0, to: 0 });
    expect(r.alarm).toEqual([true]);
    expect(Array.from(r.upperBound)).toEqual([0]);
  });

  it('stops the search at maxUpperboundCases and reports NA', () => {
    expect(
      outbreakP(weekly([0, 0, 0]), { ret: 'cases', maxUpperboundCases: 4 }, { from: 2, to: 2 }).upperBound[0],
    ).toBeNaN();
    expect(
      outbreakP(weekly([0, 0, 0]), { ret: 'cases', maxUpperboundCases: 5 }, { from: 2, to: 2 }).upperBound[0],
    ).toBe(5);
  });

  it('reports an overflowing product as +Inf, as R does', () => {
    // [0, 1e7]: the second factor is 2^1e7.
    const r = outbreakP(weekly([0, 1e7]), {}, all([0, 1e7]));
    expect(r.statistic[1]).toBe(Number.POSITIVE_INFINITY);
    expect(r.alarm[1]).toBe(true);
    expect(outbreakPDetector.toR(r, DEFAULT_OUTBREAK_P_OPTIONS).upperbound).toEqual([1, 'Inf']);
  });

  it('reports 0·∞ as NaN with no alarm decision, and NA needed cases', () => {
    // [1000, 1e6]: (2000/1001000)^1000 underflows to 0 and (2e6/1001000)^1e6 overflows.
    const value = outbreakP(weekly([1000, 1e6]), {}, all([1000, 1e6]));
    expect(value.statistic[1]).toBeNaN();
    expect(value.alarm[1]).toBeNull();
    expect(outbreakPDetector.toR(value, DEFAULT_OUTBREAK_P_OPTIONS).upperbound).toEqual([1, 'NaN']);
    const cases = outbreakP(weekly([1000, 1e6]), { ret: 'cases' }, { from: 1, to: 1 });
    expect(outbreakPDetector.toR(cases, outbreakPDetector.parseControl({ ret: 'cases' }))).toEqual({
      upperbound: [null],
      alarm: [null],
    });
  });

  it("keeps R's underflow: a product that reaches 0 gives no alarm, and the search ends at the first NaN", () => {
    // x̄ = 700: each (500/700)^500 is e^−168, five of them underflow to 0. Searching upwards, the last
    // factor (v/x̄)^v first overflows at v = 1249 (1249·log(1249/707) = 710.8 > 709.78), giving 0·∞.
    const observed = [500, 500, 500, 500, 500, 1200, 1200];
    const r = outbreakP(weekly(observed), { ret: 'cases' }, { from: 6, to: 6 });
    expect(r.statistic[0]).toBe(0);
    expect(r.alarm[0]).toBe(false);
    expect(r.upperBound[0]).toBeNaN();
  });

  it("keeps R's overflow: an alarm can come from a factor that overflows before the product is large", () => {
    // [5000, 5000, v]: at v = 6005, (5000/x̄)^5000 twice is e^−648.6 and (v/x̄)^v = e^710.4 overflows, so R's
    // product is +∞ > 1e100 although the true statistic is e^61.8; at v = 6004 the last factor is e^709.64.
    const r = outbreakP(weekly([5000, 5000, 5000]), { ret: 'cases', k: 1e100 }, { from: 2, to: 2 });
    expect(r.alarm[0]).toBe(false);
    expect(r.upperBound[0]).toBe(6005);
  });

  it('throws a DetectionInputError when a count up to the end of the range is missing, as R stops', () => {
    const series = weekly([1, 2, null, 4, 5]);
    expect(() => outbreakP(series, {}, { from: 3, to: 4 })).toThrow(DetectionInputError);
    expect(() => outbreakP(series, {}, { from: 0, to: 1 })).not.toThrow();
  });

  it('monitors the whole series by default and never looks ahead', () => {
    const observed = [0, 1, 0, 2, 3, 1, 5, 8, 2, 9];
    const whole = outbreakP(weekly(observed), { ret: 'cases' });
    expect(whole.range).toEqual({ from: 0, to: 9 });
    expect(defaultOutbreakPRange(weekly(observed))).toEqual({ from: 0, to: 9 });
    const part = outbreakP(weekly(observed.slice(0, 6)), { ret: 'cases' });
    expect(Array.from(part.upperBound)).toEqual(Array.from(whole.upperBound.slice(0, 6)));
    expect(part.alarm).toEqual(whole.alarm.slice(0, 6));
  });

  it('reports every invalid option at once', () => {
    const problems = (fn: () => unknown): string[] => {
      try {
        fn();
      } catch (e) {
        if (e instanceof DetectionOptionsError) return e.problems.map((p) => p.option);
        throw e;
      }
      return [];
    };
    expect(
      problems(() => outbreakP(weekly([1]), { k: Number.NaN, ret: 'x' as 'value', maxUpperboundCases: -1 })),
    ).toEqual(['k', 'ret', 'maxUpperboundCases']);
    expect(problems(() => outbreakPDetector.parseControl({ k: 'a', ret: 'both', range: [1, 2] }))).toEqual([
      'k',
      'ret',
      'range',
    ]);
  });

  it("agrees with a line-by-line port of R's code on random series, small and large counts", () => {
    let seed = 20240611;
    const random = (): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    for (let trial = 0; trial < 60; trial++) {
      const n = 2 + Math.floor(random() * 25);
      const scale = [0.5, 3, 20, 400, 3000][trial % 5];
      const rising = random() < 0.5;
      const observed: number[] = [];
      for (let i = 0; i < n; i++) {
        const level = scale * (rising ? 0.3 + (2 * i) / n : 1) * (0.6 + 0.8 * random());
        observed.push(Math.round(level));
      }
      const k = [0.5, 1, 20, 100, 1e8, 1e200][Math.floor(random() * 6)];
      const ret = trial % 3 === 0 ? 'value' : 'cases';
      const max = scale >= 400 ? 8000 : 300;
      const ours = outbreakP(weekly(observed), { k, ret, maxUpperboundCases: max }, all(observed));
      const r = rOutbreakP(observed, k, ret, max);
      expect(ours.alarm).toEqual(r.alarm);
      for (let i = 0; i < n; i++) {
        if (ret === 'cases' || !Number.isFinite(r.upper[i])) expect(ours.upperBound[i]).toBe(r.upper[i]);
        else expect(Math.abs(ours.upperBound[i] - r.upper[i])).toBeLessThanOrEqual(1e-12 * r.upper[i]);
      }
    }
  });
});
