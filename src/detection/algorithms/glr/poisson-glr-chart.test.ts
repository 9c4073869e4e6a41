import { describe, expect, it } from 'vitest';
import type { ChartOutput } from './chart-output.ts';
import { type PoissonGlrSettings, poissonGlrAt, poissonGlrChart } from './poisson-glr-chart.ts';

/** R's C loop for the cases at n, literally: x_n = 0, 1, 2, … until d·GLR_n < d·c fails. */
function rCases(x: Float64Array, mu0: Float64Array, n: number, s: PoissonGlrSettings): number {
  const d = s.direction;
  let v = -1;
  let g = s.threshold - d;
  while (d * g < s.threshold * d) {
    v++;
    g = poissonGlrAt(x, mu0, 0, n, v, s);
  }
  return v;
}

describe('poissonGlrChart', () => {
  const x = Float64Array.from([480, 530, 0, 515, 470, 560, 505, 490, 610, 500]);
  const mu0 = Float64Array.from([500, 505, 510, 505, 500, 495, 490, 495, 500, 505]);
  const settings: PoissonGlrSettings[] = [
    { threshold: 5, direction: 1, M: -1, Mtilde: 1 },
    { threshold: 4, direction: -1, M: -1, Mtilde: 2 },
    { threshold: 6, direction: 1, M: 3, Mtilde: 1 },
    { threshold: 3, direction: -1, M: 4, Mtilde: 2 },
  ];
  for (const s of settings) {
    it(`finds the cases of R's unit-step search for large counts (d = ${s.direction}, M = ${s.M}, M̃ = ${s.Mtilde})`, () => {
      const cases = new Float64Array(x.length);
      const out: ChartOutput = { statistic: new Float64Array(x.length), cases };
      const alarmAt = poissonGlrChart(x, mu0, 0, x.length, s, out);
      const last = alarmAt < 0 ? x.length - 1 : alarmAt;
      const first = s.M > 0 ? s.Mtilde : s.Mtilde - 1;
      for (let n = 0; n <= last; n++) {
        expect(cases[n], `n = ${n}`).toBe(n < first ? 0 : rCases(x, mu0, n, s));
      }
    });
  }

  it('stops at the first point whose GLR reaches the threshold (≥)', () => {
    const xs = Float64Array.from([1, 4]);
    const mu = Float64Array.from([1, 1]);
    const c = 4 * Math.log(4) - 3; // GLR_1 exactly
    const out: ChartOutput = { statistic: new Float64Array(2), cases: undefined };
    expect(poissonGlrChart(xs, mu, 0, 2, { threshold: c, direction: 1, M: -1, Mtilde: 1 }, out)).toBe(1);
  });
});
