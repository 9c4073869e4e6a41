import { describe, expect, it } from 'vitest';
import type { ChartOutput } from './chart-output.ts';
import { NB_CASES_NOT_FOUND, nbGlrCases } from './nb-glr-cases.ts';
import { type NbGlrSettings, nbGlrChart } from './nb-glr-chart.ts';

/** R's brute force, transcribed literally: rerun the whole segment with x_pos moved by ±1. */
function rBruteForce(x: Float64Array, mu0: Float64Array, s: NbGlrSettings, xMax: number): Float64Array {
  const n = x.length;
  const run = (xs: Float64Array) => {
    const out: ChartOutput = { statistic: new Float64Array(n), cases: undefined };
    const a = nbGlrChart(xs, mu0, 0, n, s, out);
    return a < 0 ? n + 1 : a + 1; // R's 1-based N, length + 1 without alarm
  };
  const N = run(x);
  const cases = new Float64Array(n);
  for (let pos = 1; pos <= Math.min(n, N); pos++) {
    const myx = Float64Array.from(x);
    const gotAlarm = N <= pos;
    const direction = gotAlarm ? -1 : 1;
    let alarmChange = false;
    while (!alarmChange && myx[pos - 1] <= xMax && myx[pos - 1] >= 1) {
      myx[pos - 1] += direction;
      const tmpN = run(myx);
      if (!gotAlarm && tmpN <= pos) {
        alarmChange = true;
        cases[pos - 1] = myx[pos - 1];
      }
      if (gotAlarm && tmpN > pos) {
        alarmChange = true;
        cases[pos - 1] = myx[pos - 1] + 1;
      }
    }
    if (!alarmChange) cases[pos - 1] = gotAlarm ? Number.NaN : NB_CASES_NOT_FOUND;
  }
  return cases;
}

/** A small deterministic series with seasonality, zeros and an outbreak near the end. */
function example(length: number): { x: Float64Array; mu0: Float64Array } {
  const x = new Float64Array(length);
  const mu0 = new Float64Array(length);
  let state = 12345;
  for (let i = 0; i < length; i++) {
    state = (state * 1103515245 + 12345) % 2147483648;
    mu0[i] = 2 + 1.5 * Math.sin((2 * Math.PI * i) / 13);
    x[i] = Math.floor((state / 2147483648) * 2 * mu0[i]) + (i > length - 6 ? 6 : 0);
  }
  return { x, mu0 };
}

describe('nbGlrCases', () => {
  const settings: NbGlrSettings[] = [
    { threshold: 3, direction: 1, alpha: 0.3, M: -1, Mtilde: 1 },
    { threshold: 2.5, direction: 1, alpha: 0.1, M: 6, Mtilde: 2 },
  ];
  for (const s of settings) {
    it(`gives exactly R's brute-force result with M = ${s.M}, M̃ = ${s.Mtilde}`, () => {
      const { x, mu0 } = example(30);
      const expected = rBruteForce(x, mu0, s, 1e4);
      const out: ChartOutput = { statistic: new Float64Array(30), cases: undefined };
      const alarmAt = nbGlrChart(x, mu0, 0, 30, s, out);
      expect(alarmAt).toBeGreaterThan(0);
      const cases = new Float64Array(30);
      nbGlrCases(x, mu0, 0, 30, alarmAt, s, 1e4, cases);
      expect(Array.from(cases)).toEqual(Array.from(expected));
      // R quirk: a zero count never gets a finite number of cases.
      for (let i = 0; i < alarmAt; i++) if (x[i] === 0) expect(cases[i]).toBe(NB_CASES_NOT_FOUND);
    });
  }

  it("skips trial counts only where R's unit steps could not succeed (large counts)", () => {
    const n = 12;
    const mu0 = new Float64Array(n).fill(100);
    const x = Float64Array.from([95, 104, 0, 99, 101, 120, 97, 103, 100, 98, 180, 90]);
    const s: NbGlrSettings = { threshold: 20, direction: 1, alpha: 0.1, M: -1, Mtilde: 1 };
    const out: ChartOutput = { statistic: new Float64Array(n), cases: undefined };
    const alarmAt = nbGlrChart(x, mu0, 0, n, s, out);
    const cases = new Float64Array(n);
    nbGlrCases(x, mu0, 0, n, alarmAt, s, 1e4, cases);
    const expected = rBruteForce(x, mu0, s, 1e4);
    expect(Array.from(cases)).toEqual(Array.from(expected));
    // The needed counts lie far above the observed ones, so the search went past its unit steps.
    expect(cases[0] - x[0]).toBeGreaterThan(64);
  });

  it('stops the search at xMax + 1 as R does', () => {
    const x = Float64Array.from([3, 3]);
    const mu0 = Float64Array.from([3, 3]);
    const s: NbGlrSettings = { threshold: 50, direction: 1, alpha: 0.2, M: -1, Mtilde: 1 };
    const cases = new Float64Array(2);
    nbGlrCases(x, mu0, 0, 2, -1, s, 5, cases);
    expect(Array.from(cases)).toEqual(Array.from(rBruteForce(x, mu0, s, 5)));
    expect(cases[0]).toBe(NB_CASES_NOT_FOUND);
  });
});
