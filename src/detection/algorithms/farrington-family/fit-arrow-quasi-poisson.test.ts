import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { GlmFit } from '../../math/glm.ts';
import { anscombeWeights } from './anscombe-weights.ts';
import { designRow, type FarringtonDesign, withoutTrend } from './farrington-design.ts';
import { farringtonResponse } from './farrington-response.ts';
import { fitArrowQuasiPoisson } from './fit-arrow-quasi-poisson.ts';
import { fitGenericQuasiPoisson } from './fit-quasi-poisson.ts';
import { weightedDispersion } from './glm-inference.ts';
import { Scratch } from './scratch.ts';

const GOLDEN = join(import.meta.dirname, '../../../../test/golden/cases');

interface Baseline {
  readonly id: string;
  readonly k: number;
  readonly y: Float64Array;
  readonly design: FarringtonDesign;
  readonly nowColumn: number;
}

/** Real baselines: the reference indices (and seasonal levels) R used in the golden diagnostics. */
function goldenBaselines(): Baseline[] {
  const out: Baseline[] = [];
  for (const dir of ['farrington', 'farringtonFlexible']) {
    for (const file of readdirSync(join(GOLDEN, dir))) {
      const c = JSON.parse(readFileSync(join(GOLDEN, dir, file), 'utf8'));
      const d = c.diagnostics;
      if (d === undefined) continue;
      const observed: Array<number | null> = c.observed;
      // Every eighth monitored point keeps the test quick while covering every series.
      for (let r = 0; r < c.range.length; r += 8) {
        const indices: number[] = d.reference_indices[r];
        const labels: number[] | undefined = d.reference_groups?.[r];
        const m = indices.length;
        const y = Float64Array.from(indices, (t) => observed[t - 1] ?? Number.NaN);
        const time = Float64Array.from(indices);
        let group: Int32Array | undefined;
        let groupColumns = 0;
        let nowColumn = -1;
        if (labels !== undefined && (c.control.noPeriods ?? 1) !== 1) {
          const levels = [...new Set(labels)].sort((a, b) => a - b);
          group = Int32Array.from(labels, (l) => levels.indexOf(l) - 1);
          groupColumns = levels.length - 1;
          nowColumn = levels.indexOf(c.control.noPeriods) - 1;
        }
        out.push({
          id: c.id,
          k: c.range[r],
          y,
          design: { m, time, group, groupColumns, offset: undefined, fixed: false },
          nowColumn,
        });
      }
    }
  }
  return out;
}

function close(a: number, b: number, tolerance: number): boolean {
  if (a === b) return true;
  return Math.abs(a - b) <= tolerance * Math.max(1, Math.abs(a), Math.abs(b));
}

/**
 * Compares what the Farrington algorithms take from a fit: convergence and iteration count, fitted
 * means, working weights, hat values, dispersion, the prediction η₀ and its variance at the current
 * period, and the trend's coefficient and variance. (Single coefficients of an all-zero level drift
 * towards −∞ together with the intercept; only their sums are determined to 1e-9.)
 */
function expectSameFit(fast: GlmFit, generic: GlmFit, what: string, x0: Float64Array): void {
  expect(fast.converged, `${what}: converged`).toBe(generic.converged);
  expect(fast.iterations, `${what}: iterations`).toBe(generic.iterations);
  expect(fast.dfResidual, `${what}: df`).toBe(generic.dfResidual);
  for (let i = 0; i < fast.m; i++) {
    const mu = generic.mu[i];
    expect(Math.abs(fast.mu[i] - mu) <= 1e-9 * Math.max(mu, 1e-3), `${what}: μ[${i}]`).toBe(true);
    expect(close(fast.hat[i], generic.hat[i], 1e-9), `${what}: hat[${i}]`).toBe(true);
    const w = generic.workingWeights[i];
    expect(Math.abs(fast.workingWeights[i] - w) <= 1e-9 * Math.max(w, 1e-3), `${what}: W[${i}]`).toBe(true);
  }
  const dispersion = (fit: GlmFit): number => weightedDispersion(fit, fit.workingWeights);
  expect(close(dispersion(fast), dispersion(generic), 1e-9), `${what}: dispersion`).toBe(true);
  // η₀ = Σ x_j β_j and x₀ᵀCx₀ = Σ x_a C_ab x_b are compared relative to the size of their terms: in
  // degenerate fits (an all-zero reference level) they are small differences of huge terms, in R too.
  const eta0 = (fit: GlmFit): [number, number] => {
    let s = 0;
    let size = 0;
    for (let j = 0; j < fit.p; j++) {
      s += x0[j] * fit.beta[j];
      size += Math.abs(x0[j] * fit.beta[j]);
    }
    return [s, size];
  };
  const variance = (fit: GlmFit): [number, number] => {
    let s = 0;
    let size = 0;
    for (let a = 0; a < fit.p; a++) {
      for (let b = 0; b < fit.p; b++) {
        const term = x0[a] * fit.covUnscaled[a * fit.p + b] * x0[b];
        s += term;
        size += Math.abs(term);
      }
    }
    return [s, size];
  };
  for (const [name, f] of [
    ['η₀', eta0],
    ['x₀ᵀCx₀', variance],
  ] as const) {
    const [a, size] = f(fast);
    const [b] = f(generic);
    expect(Math.abs(a - b) <= 1e-9 * Math.max(1, size), `${what}: ${name} ${a} vs ${b}`).toBe(true);
  }
  if (fast.p > 1 && x0[1] !== 0) {
    expect(close(fast.beta[1], generic.beta[1], 1e-9), `${what}: trend`).toBe(true);
    expect(
      close(fast.covUnscaled[fast.p + 1], generic.covUnscaled[generic.p + 1], 1e-9),
      `${what}: var(trend)`,
    ).toBe(true);
  }
}

describe('fitArrowQuasiPoisson', () => {
  const baselines = goldenBaselines();

  it('agrees with the generic QR engine to 1e-9 on the baselines of the golden cases, reweighted refits included', () => {
    let compared = 0;
    for (const b of baselines) {
      const response = farringtonResponse(b.y);
      for (const design of [b.design, withoutTrend(b.design)]) {
        const what = `${b.id} at ${b.k}${design.time === undefined ? ' (no trend)' : ''}`;
        const x0 = designRow(design, b.k, b.nowColumn);
        const generic = fitGenericQuasiPoisson(b.y, design);
        const fast = fitArrowQuasiPoisson(response, design, undefined, new Scratch());
        expect(fast, what).toBeDefined();
        if (fast === undefined || fast.fragile) continue;
        expectSameFit(fast, generic, what, x0);
        const phi = Math.max(weightedDispersion(generic, generic.workingWeights), 1);
        const omega = new Float64Array(b.y.length);
        anscombeWeights(response, generic.eta, generic.mu, generic.hat, phi, 2.58, omega);
        const fastRefit = fitArrowQuasiPoisson(response, design, omega, new Scratch());
        if (fastRefit === undefined || fastRefit.fragile) continue;
        expectSameFit(fastRefit, fitGenericQuasiPoisson(b.y, design, omega), `${what} reweighted`, x0);
        compared += 2;
      }
    }
    expect(compared).toBeGreaterThan(1200);
  }, 180_000);

  it('agrees with the QR engine where a steep decline floors the fitted means at ε (rows summed one by one)', () => {
    const m = 120;
    const time = Float64Array.from({ length: m }, (_, i) => i + 1);
    // Four seasonal levels in blocks of five periods; counts fall from 1e8 to 0, so μ reaches ε.
    const group = Int32Array.from({ length: m }, (_, i) => (Math.floor(i / 5) % 4) - 1);
    for (const rate of [0.3, 0.5]) {
      const y = Float64Array.from(time, (t, i) =>
        Math.round(1e8 * Math.exp(-rate * t) * (1 + 0.1 * Math.sin(i))),
      );
      const design: FarringtonDesign = { m, time, group, groupColumns: 3, offset: undefined, fixed: false };
      const generic = fitGenericQuasiPoisson(y, design);
      const fast = fitArrowQuasiPoisson(farringtonResponse(y), design, undefined, new Scratch());
      expect(fast?.fragile).toBe(false);
      if (fast === undefined) return;
      if (rate === 0.5) expect(Math.min(...generic.mu)).toBe(2 ** -52);
      expectSameFit(fast, generic, `decline at rate ${rate}`, designRow(design, m + 1, 0));
    }
  });

  it('leaves designs that need R’s pivoting QR to the generic engine', () => {
    const y = Float64Array.from([3, 4, 2, 5, 6, 4]);
    const time = Float64Array.from([1, 2, 3, 4, 5, 6]);
    const response = farringtonResponse(y);
    // A seasonal level without observations is an all-zero column: R aliases it.
    const emptyLevel: FarringtonDesign = {
      m: 6,
      time,
      group: Int32Array.from([-1, 0, -1, 0, -1, 0]),
      groupColumns: 2,
      offset: undefined,
      fixed: false,
    };
    expect(fitArrowQuasiPoisson(response, emptyLevel, undefined, new Scratch())).toBeUndefined();
    // No residual degrees of freedom.
    const saturated: FarringtonDesign = {
      m: 2,
      time: Float64Array.from([1, 2]),
      group: undefined,
      groupColumns: 0,
      offset: undefined,
      fixed: false,
    };
    expect(
      fitArrowQuasiPoisson(
        farringtonResponse(Float64Array.from([1, 2])),
        saturated,
        undefined,
        new Scratch(),
      ),
    ).toBeUndefined();
    // A zero prior weight that empties the reference level.
    const design: FarringtonDesign = { ...emptyLevel, group: Int32Array.from([-1, 0, 1, 0, 1, 0]) };
    expect(
      fitArrowQuasiPoisson(response, design, Float64Array.from([0, 1, 1, 1, 1, 1]), new Scratch()),
    ).toBeUndefined();
  });

  it('reuses what it derived from a fixed design only for a design with the very same arrays', () => {
    const m = 40;
    const y = Float64Array.from({ length: m }, (_, i) => 5 + ((i * 7) % 5));
    const response = farringtonResponse(y);
    const levels = (shift: number): Int32Array =>
      Int32Array.from({ length: m }, (_, i) => (Math.floor((i + shift) / 5) % 4) - 1);
    const time = Float64Array.from({ length: m }, (_, i) => i + 1);
    const fixed = (t: Float64Array, g: Int32Array): FarringtonDesign => ({
      m,
      time: t,
      group: g,
      groupColumns: 3,
      offset: undefined,
      fixed: true,
    });
    const alone = (d: FarringtonDesign): number[] => {
      const fit = fitArrowQuasiPoisson(response, { ...d, fixed: false }, undefined, new Scratch());
      if (fit === undefined) throw new Error('no arrow fit');
      return Array.from(fit.mu);
    };
    const scratch = new Scratch();
    const first = fixed(time, levels(0));
    const sameArrays = fixed(first.time ?? time, first.group ?? levels(0));
    const otherLevels = fixed(first.time ?? time, levels(2));
    const otherTimes = fixed(
      Float64Array.from({ length: m }, (_, i) => 2 * i + 1),
      first.group ?? levels(0),
    );
    const sequence = [first, sameArrays, otherLevels, otherTimes, first];
    const expected = sequence.map(alone);
    const got = sequence.map((d) => {
      const fit = fitArrowQuasiPoisson(response, d, undefined, scratch);
      return fit === undefined ? undefined : Array.from(fit.mu);
    });
    expect(got).toEqual(expected);
  });
});
