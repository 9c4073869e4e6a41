import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { digamma } from './distributions.ts';
import { fitGlmNb, thetaMl } from './glm-nb.ts';

const GOLDEN = join(import.meta.dirname, '../../../test/golden/cases/glrnb');

interface NbModel {
  readonly coefficients: Readonly<Record<string, number>>;
  readonly theta: number;
  readonly 'SE.theta': number;
}

/** The glm.nb fit R made for a golden case: training data 1 … range[1] − 1 with R's formula. */
function goldenFit(file: string, harmonics: number, trend: boolean) {
  const c = JSON.parse(readFileSync(join(GOLDEN, file), 'utf8'));
  const m = c.range[0] - 1;
  const p = 1 + (trend ? 1 : 0) + 2 * harmonics;
  const y = Float64Array.from(c.observed.slice(0, m) as number[]);
  const x = new Float64Array(m * p);
  for (let i = 0; i < m; i++) {
    const t = i + 1;
    let j = 0;
    x[j++ * m + i] = 1;
    if (trend) x[j++ * m + i] = t;
    for (let s = 1; s <= harmonics; s++) {
      x[j++ * m + i] = Math.cos(((2 * s * Math.PI) / c.freq) * t);
      x[j++ * m + i] = Math.sin(((2 * s * Math.PI) / c.freq) * t);
    }
  }
  const model: NbModel = c.result_extra.mu0_models[0];
  return { fit: fitGlmNb({ y, x, p }), model };
}

function relativeError(a: number, b: number): number {
  return Math.abs(a - b) / Math.abs(b);
}

describe('fitGlmNb', () => {
  const cases: Array<[string, number, boolean]> = [
    ['glrnb_agona_aEst_value.json', 1, false],
    ['glrnb_measlesDE_North_Rhine_Westphalia_aEst_value.json', 1, false],
    ['glrnb_shadar_aEst_cARL4_value.json', 1, false],
    ['glrnb_campyDE_aEst_S2trend_cARL10_value.json', 2, true],
  ];
  for (const [file, harmonics, trend] of cases) {
    it(`reproduces R's MASS::glm.nb θ, its standard error and the coefficients (${file})`, () => {
      const { fit, model } = goldenFit(file, harmonics, trend);
      expect(relativeError(fit.theta, model.theta)).toBeLessThan(1e-12);
      expect(relativeError(fit.seTheta, model['SE.theta'])).toBeLessThan(1e-9);
      Object.values(model.coefficients).forEach((b, j) => {
        expect(relativeError(fit.fit.beta[j], b)).toBeLessThan(1e-11);
      });
      expect(fit.warnings).toEqual([]);
    });
  }
});

describe('thetaMl', () => {
  it('solves the NB score equation for θ (spec §0.5)', () => {
    // Two counts around a common mean of 5, overdispersed (variance 18 > 5): the ML θ is finite.
    const y = [2, 8];
    const mu = [5, 5];
    const r = thetaMl(Float64Array.from(y), Float64Array.from(mu), 25);
    const score = (t: number) =>
      y.reduce(
        (s, yi, i) =>
          s + digamma(t + yi) - digamma(t) + Math.log(t) + 1 - Math.log(t + mu[i]) - (yi + t) / (mu[i] + t),
        0,
      );
    expect(Math.abs(score(r.theta))).toBeLessThan(1e-10);
    expect(r.theta).toBeGreaterThan(0);
    expect(r.warning).toBeUndefined();
    // With limit 2, R takes exactly one Newton step from the moment estimate 2/Σ(y/μ − 1)² = 2/0.72.
    const one = thetaMl(Float64Array.from(y), Float64Array.from(mu), 2);
    expect(one.iterations).toBe(1);
    expect(one.warning).toBe('iteration limit reached');
    expect(one.theta).not.toBe(2 / 0.72);
  });

  it("returns NaN where R's theta.ml fails: counts without any dispersion", () => {
    const y = Float64Array.from([3, 3, 3]);
    expect(Number.isNaN(thetaMl(y, Float64Array.from([3, 3, 3]), 25).theta)).toBe(true);
  });
});
