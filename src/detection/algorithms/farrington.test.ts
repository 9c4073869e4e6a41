import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { farringtonDetector } from '../detectors/farrington-detector.ts';
import { DetectionInputError, DetectionOptionsError } from '../errors.ts';
import { qnorm } from '../math/distributions.ts';
import { parseRCase, seriesFromRCase } from '../r-compat/r-case.ts';
import { rangeFromR } from '../range.ts';
import { type CountSeries, countSeries } from '../series/count-series.ts';
import { defaultFarringtonRange, farrington, farringtonOptions } from './farrington.ts';
import { anscombeWeights } from './farrington-family/anscombe-weights.ts';
import { farringtonResponse } from './farrington-family/farrington-response.ts';
import { referenceWindowIndices } from './farrington-family/reference-window-indices.ts';

const GOLDEN = join(import.meta.dirname, '../../../test/golden/cases/farrington');

interface FarringtonGolden {
  readonly id: string;
  readonly control: Record<string, unknown>;
  readonly range: number[];
  readonly r_error?: string;
  readonly diagnostics?: {
    readonly reference_indices: number[][];
    readonly phi: number[];
    readonly mu0: number[];
    readonly se_fit: number[];
    readonly upper_unmasked: number[];
  };
}

function golden(): FarringtonGolden[] {
  return readdirSync(GOLDEN)
    .filter((f) => f.endsWith('.json'))
    .map((f) => JSON.parse(readFileSync(join(GOLDEN, f), 'utf8')));
}

function goldenSeries(c: FarringtonGolden): CountSeries {
  return seriesFromRCase(parseRCase(c));
}

function relativeError(a: number, b: number): number {
  return a === b ? 0 : Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b));
}

/** A weekly, period-indexed series. */
function weekly(observed: ReadonlyArray<number | null>, population?: number[]): CountSeries {
  return countSeries({ frequency: 'weekly', start: '2001-01-01', observed, population, epochAsDate: false });
}

describe('farrington', () => {
  it('selects the same baseline windows as R for period-indexed, weekly-dated and monthly-dated series', () => {
    let checked = 0;
    for (const c of golden()) {
      if (c.diagnostics === undefined) continue;
      const series = goldenSeries(c);
      const o = farringtonOptions(farringtonDetector.parseControl(c.control));
      c.range.forEach((k, i) => {
        const refs = Array.from(referenceWindowIndices(series, k - 1, o.b, o.w), (t) => t + 1);
        expect(refs, `${c.id} at ${k}`).toEqual(c.diagnostics?.reference_indices[i]);
        checked++;
      });
    }
    expect(checked).toBeGreaterThan(2000);
  });

  it("reproduces R's dispersion, mean, standard error and bound (golden diagnostics) to 1e-9", () => {
    for (const c of golden()) {
      if (c.diagnostics === undefined) continue;
      const series = goldenSeries(c);
      const options = farringtonDetector.parseControl(c.control);
      const result = farrington(series, options, rangeFromR(c.range, series.observed.length));
      const d = c.diagnostics;
      for (let i = 0; i < c.range.length; i++) {
        expect(relativeError(result.phi[i], d.phi[i]), `${c.id} φ[${i}]`).toBeLessThan(1e-9);
        expect(relativeError(result.expected[i], d.mu0[i]), `${c.id} μ₀[${i}]`).toBeLessThan(1e-9);
        expect(relativeError(result.expectedStandardError[i], d.se_fit[i]), `${c.id} se[${i}]`).toBeLessThan(
          1e-9,
        );
        expect(
          relativeError(result.upperBoundUnmasked[i], d.upper_unmasked[i]),
          `${c.id} U[${i}]`,
        ).toBeLessThan(1e-9);
      }
    }
  });

  it('throws DetectionInputError when a baseline count is missing, as R does', () => {
    const c = golden().find((g) => g.r_error !== undefined);
    expect(c).toBeDefined();
    if (c === undefined) return;
    const series = goldenSeries(c);
    const run = () => farrington(series, { b: 5, w: 3 }, rangeFromR(c.range, series.observed.length));
    expect(run).toThrow(DetectionInputError);
  });

  it('leaves missing baseline counts out with the glm fitter when nothing is reweighted', () => {
    const counts = Array.from({ length: 160 }, (_, t) => 3 + (t % 5));
    const withNa: (number | null)[] = [...counts];
    withNa[55] = null; // in the window of k = 159 (0-based 107 … 113 and 55 … 61)
    const options = { b: 2, w: 3, fitFun: 'glm', reweight: false, trend: false } as const;
    const range = { from: 159, to: 159 };
    const full = farrington(weekly(counts), options, range);
    const dropped = farrington(weekly(withNa), options, range);
    expect(full.baselineSize[0]).toBe(14);
    expect(dropped.baselineSize[0]).toBe(13);
    expect(() => farrington(weekly(withNa), { ...options, fitFun: 'fast' }, range)).toThrow(
      DetectionInputError,
    );
    expect(() => farrington(weekly(withNa), { ...options, reweight: true }, range)).toThrow(
      DetectionInputError,
    );
  });

  it('returns a tiny bound over an all-zero baseline and no alarm for a zero count', () => {
    // R's numbers for the 21-point all-zero baseline of farrington_m5_b3w3_limit54_0_4 (spec §2.9).
    const result = farrington(
      weekly(new Array(209).fill(0)),
      { b: 3, w: 3, limit54: [0, 4] },
      { from: 180, to: 180 },
    );
    expect(relativeError(result.expected[0], 1.0261879631701915e-11)).toBeLessThan(1e-6);
    expect(relativeError(result.upperBound[0], 0.002708321128187108)).toBeLessThan(1e-6);
    expect(result.phi[0]).toBe(1);
    expect(result.trend[0]).toBe(false);
    expect(result.alarm[0]).toBe(false);
    const masked = farrington(weekly(new Array(209).fill(0)), { b: 3, w: 3 }, { from: 180, to: 180 });
    expect(masked.upperBound[0]).toBe(0);
    expect(masked.alarm[0]).toBe(false);
  });

  it('gives the hand-calculated bound for a constant series of 1e7 cases', () => {
    const counts = new Array(300).fill(1e7);
    const options = { b: 5, w: 3, trend: false };
    const result = farrington(weekly(counts), options, { from: 299, to: 299 });
    // φ = 1, μ₀ = 1e7, se(μ₀)² = μ₀/35 so τ = 1 + 1/35, U = (μ₀^{2/3} + z·√(4/9·μ₀^{1/3}·τ))^{3/2}.
    const mu = 1e7;
    const se = Math.sqrt((4 / 9) * mu ** (1 / 3) * (1 + 1 / 35));
    const u = (mu ** (2 / 3) + qnorm(0.975) * se) ** 1.5;
    expect(relativeError(u, 10006286.527393145)).toBeLessThan(1e-12);
    expect(result.phi[0]).toBe(1);
    expect(relativeError(result.expected[0], mu)).toBeLessThan(1e-12);
    expect(relativeError(result.upperBound[0], u)).toBeLessThan(1e-9);
    expect(result.alarm[0]).toBe(false);
    counts[299] = 1.001e7;
    expect(farrington(weekly(counts), options, { from: 299, to: 299 }).alarm[0]).toBe(true);
  });

  it('gives no bound and no alarm decision when the current count is missing', () => {
    const counts: (number | null)[] = Array.from({ length: 300 }, (_, t) => 5 + (t % 3));
    counts[299] = null;
    const result = farrington(weekly(counts), {}, { from: 299, to: 299 });
    expect(result.alarm[0]).toBeNull();
    expect(result.upperBound[0]).toBeNaN();
    expect(result.enoughCases[0]).toBeNull();
    expect(result.upperBoundUnmasked[0]).toBeGreaterThan(5);
  });

  it('uses smaller baselines early in the series and throws when there is none', () => {
    const series = weekly(Array.from({ length: 300 }, (_, t) => 4 + (t % 7)));
    const range = defaultFarringtonRange(series, {});
    expect(range).toEqual({ from: 256, to: 299 });
    // At k = 256 the oldest window (k − 260 ± 3) lies wholly before the start; at 262 only index −1 does.
    const result = farrington(series, {}, { from: 256, to: 263 });
    expect(result.baselineSize[0]).toBe(28);
    expect(result.baselineSize[6]).toBe(34);
    expect(result.baselineSize[7]).toBe(35);
    expect(() => farrington(weekly(new Array(60).fill(3)), { b: 2, w: 1 }, { from: 40, to: 40 })).toThrow(
      DetectionInputError,
    );
  });

  it('keeps a significant decreasing trend only with at least three years of data', () => {
    const counts = Array.from({ length: 320 }, (_, t) => Math.round(200 * Math.exp(-0.006 * t)));
    const three = farrington(weekly(counts), { b: 3, w: 3 }, { from: 300, to: 310 });
    expect(three.trend.every((t) => t)).toBe(true);
    expect(three.trendCoefficient[0]).toBeLessThan(0);
    const two = farrington(weekly(counts), { b: 2, w: 3 }, { from: 300, to: 310 });
    expect(two.trend.some((t) => t)).toBe(false);
    expect(Number.isNaN(two.trendCoefficient[0])).toBe(true);
  });

  it('rejects a zero population under the population offset', () => {
    const population = new Array(300).fill(1000);
    population[250] = 0;
    const series = weekly(new Array(300).fill(4), population);
    const run = () => farrington(series, { fitFun: 'populationOffset' }, { from: 299, to: 299 });
    expect(run).toThrow(DetectionInputError);
    expect(() => farrington(series, {}, { from: 299, to: 299 })).not.toThrow();
  });

  it('reports every invalid option at once', () => {
    try {
      farringtonOptions({ b: 0, w: -1, alpha: 2, limit54: [-1, 0], powertrans: 'x' as never });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(DetectionOptionsError);
      const options = (e as DetectionOptionsError).problems.map((p) => p.option);
      expect(options).toEqual(['b', 'w', 'alpha', 'limit54', 'powertrans']);
    }
  });

  it("parses R's control list, fitter names included, and rejects unknown keys", () => {
    const o = farringtonDetector.parseControl({
      b: 3,
      fitFun: 'algo.farrington.fitGLM.populationOffset',
      limit54: [3, 2],
      verbose: false,
    });
    expect(o.fitFun).toBe('populationOffset');
    expect(o.limit54).toEqual([3, 2]);
    expect(() => farringtonDetector.parseControl({ b: 3, window: 2, alpha: 5 })).toThrow(
      DetectionOptionsError,
    );
  });
});

describe('anscombeWeights', () => {
  it('down-weights only residuals above the threshold and renormalises the weights to sum to m', () => {
    // s = (−3, 5.7721): γ = 2 / (1 + 5.7721⁻²), ω = (γ, γ·5.7721⁻²), computed by hand.
    const omega = new Float64Array(2);
    const response = farringtonResponse(Float64Array.from([0, 10]));
    const closest = anscombeWeights(response, [Math.LN2, Math.LN2], [2, 2], [0.5, 0.5], 1, 1, omega);
    // The residual nearest the threshold 1 is −3 (distance 4).
    expect(closest).toBeCloseTo(4, 12);
    expect(relativeError(omega[0], 1.9417191651171175)).toBeLessThan(1e-12);
    expect(relativeError(omega[1], 0.05828083488288258)).toBeLessThan(1e-12);
  });

  it('reports undefined residuals (no residual degrees of freedom) instead of weighting them', () => {
    const response = farringtonResponse(Float64Array.from([3, 4]));
    const omega = new Float64Array(2);
    expect(anscombeWeights(response, [1, 1.4], [2.7, 4.1], [0.5, 0.5], Number.NaN, 1, omega)).toBeNaN();
  });
});
