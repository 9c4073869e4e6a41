import { describe, expect, it } from 'vitest';
import { pnbinomUpper, ppoisUpper, qnbinom, qpois } from '../../math/distributions.ts';
import { pluginThreshold } from './plugin-threshold.ts';

describe('pluginThreshold', () => {
  it("gives R's qnbinom/qpois bound and upper-tail p-value over a grid of means, dispersions and counts", () => {
    let checked = 0;
    for (const mu of [1e-11, 0.003, 0.2, 1, 2.7, 9.4, 31.5, 140, 830, 2500, 9999]) {
      for (const phi of [1, 1 + 1e-9, 1.0004, 1.3, 2, 5.5, 40]) {
        for (const alpha of [0.01, 0.05, 0.2]) {
          for (const y of [0, 1, 3, 12, 57, 300, 4000]) {
            const poisson = !(phi > 1);
            const size = mu / (phi - 1);
            const upper = poisson ? qpois(1 - alpha, mu) : qnbinom(1 - alpha, size, 1 / phi);
            const pValue = poisson ? ppoisUpper(y, mu) : pnbinomUpper(y, size, 1 / phi);
            const t = pluginThreshold(mu, phi, alpha, y);
            expect(t.upper, `U(μ=${mu}, φ=${phi}, α=${alpha})`).toBe(upper);
            const tolerance = 1e-9 * Math.max(pValue, 1e-6);
            expect(Math.abs(t.pValue - pValue), `P(Y ≥ ${y}; μ=${mu}, φ=${phi})`).toBeLessThanOrEqual(
              tolerance,
            );
            checked++;
          }
        }
      }
    }
    expect(checked).toBe(11 * 7 * 3 * 7);
  });

  it('reports no p-value for a missing count and 1 for a zero count', () => {
    expect(pluginThreshold(3, 1.5, 0.05, Number.NaN).pValue).toBeNaN();
    expect(pluginThreshold(3, 1.5, 0.05, 0).pValue).toBe(1);
    expect(pluginThreshold(3, 1, 0.05, 0).pValue).toBe(1);
  });
});
