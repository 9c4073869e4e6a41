import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { farringtonFlexibleDetector } from '../detectors/farrington-flexible-detector.ts';
import { DetectionInputError, DetectionOptionsError } from '../errors.ts';
import { parseRCase, seriesFromRCase } from '../r-compat/r-case.ts';
import { rangeFromR } from '../range.ts';
import { type CountSeries, countSeries } from '../series/count-series.ts';
import { isMissing } from '../series/missing.ts';
import { seasonalBlocks } from './farrington-family/seasonal-blocks.ts';
import {
  defaultFarringtonFlexibleRange,
  farringtonFlexible,
  farringtonFlexibleOptions,
  NOUFAILY_OPTIONS,
} from './farrington-flexible.ts';

const GOLDEN = join(import.meta.dirname, '../../../test/golden/cases/farringtonFlexible');

interface FlexibleGolden {
  readonly id: string;
  readonly control: Record<string, unknown>;
  readonly range: number[];
  readonly diagnostics: {
    readonly reference_indices: number[][];
    readonly reference_groups: number[][];
    readonly pred_fit: number[];
    readonly pred_se_fit: number[];
  };
}

function golden(): FlexibleGolden[] {
  return readdirSync(GOLDEN)
    .filter((f) => f.endsWith('.json'))
    .map((f) => JSON.parse(readFileSync(join(GOLDEN, f), 'utf8')));
}

function relativeError(a: number, b: number): number {
  return a === b ? 0 : Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b));
}

function periodIndexed(
  frequency: 'weekly' | 'monthly',
  observed: ReadonlyArray<number | null>,
  population?: number[],
): CountSeries {
  return countSeries({ frequency, start: '2001-01-01', observed, population, epochAsDate: false });
}

describe('farringtonFlexible', () => {
  it("builds R's baseline and seasonal levels (golden diagnostics), period- and date-indexed", () => {
    let checked = 0;
    for (const c of golden()) {
      const series = seriesFromRCase(parseRCase(c));
      const o = farringtonFlexibleOptions(farringtonFlexibleDetector.parseControl(c.control));
      c.range.forEach((k, i) => {
        const blocks = seasonalBlocks(series, k - 1, o.b, o.w, o.noPeriods, o.pastWeeksNotIncluded ?? o.w);
        const indices: number[] = [];
        const groups: number[] = [];
        blocks.indices.forEach((t, j) => {
          if (isMissing(series.observed[t])) return;
          indices.push(t + 1);
          groups.push(blocks.labels[j]);
        });
        expect(indices, `${c.id} at ${k}`).toEqual(c.diagnostics.reference_indices[i]);
        expect(groups, `${c.id} at ${k}`).toEqual(c.diagnostics.reference_groups[i]);
        checked++;
      });
    }
    expect(checked).toBeGreaterThan(3000);
  });

  it("reproduces R's prediction and its standard error (golden diagnostics) to 1e-9", () => {
    for (const c of golden()) {
      const series = seriesFromRCase(parseRCase(c));
      const o = farringtonFlexibleDetector.parseControl(c.control);
      const result = farringtonFlexible(series, o, rangeFromR(c.range, series.observed.length));
      const link = o.thresholdMethod !== 'delta';
      for (let i = 0; i < c.range.length; i++) {
        const mu0 = result.predictedMean[i];
        const fit = link ? Math.log(mu0) : mu0;
        const se = link ? result.linkStandardError[i] : result.linkStandardError[i] * mu0;
        const tolerance = Math.abs(c.diagnostics.pred_fit[i]) < 1e-3 ? 1e-9 : 1e-9 * Math.abs(fit);
        expect(Math.abs(fit - c.diagnostics.pred_fit[i]), `${c.id} fit[${i}]`).toBeLessThanOrEqual(tolerance);
        // Near-degenerate fits (a seasonal level of zeros) have huge, iteration-sensitive se (README).
        expect(relativeError(se, c.diagnostics.pred_se_fit[i]), `${c.id} se[${i}]`).toBeLessThan(1e-7);
      }
    }
  });

  it("labels an empty seasonal block twice, as R's `start:(start − 1)` does", () => {
    // Monthly, w = 3, noPeriods = 10: 5 periods between windows, so blocks 6 … 9 are empty and each
    // relabels the period before and the first period of the next window (checked against R's blocks()).
    const series = periodIndexed('monthly', new Array(45).fill(1));
    const k = 39;
    const blocks = seasonalBlocks(series, k, 2, 3, 10, 3);
    const byOffset = new Map<number, number>();
    blocks.indices.forEach((t, j) => {
      byOffset.set(t - k, blocks.labels[j]);
    });
    const expected: Array<[number, number]> = [
      [-27, 10],
      [-21, 10],
      [-20, 1],
      [-17, 4],
      [-16, 9],
      [-15, 9],
      [-14, 10],
      [-9, 10],
      [-8, 1],
      [-5, 4],
      [-4, 9],
    ];
    for (const [offset, label] of expected) expect(byOffset.get(offset), `offset ${offset}`).toBe(label);
    expect(byOffset.has(-3)).toBe(false);
    expect(byOffset.has(-28)).toBe(false);
    expect(blocks.indices.length).toBe(24);
  });

  it('throws DetectionInputError when a reference point lies before the series start, as R does', () => {
    const series = periodIndexed('weekly', new Array(300).fill(2));
    expect(() => farringtonFlexible(series, { b: 5 }, { from: 250, to: 299 })).toThrow(DetectionInputError);
    expect(defaultFarringtonFlexibleRange(series, { b: 5, w: 3 })).toEqual({ from: 263, to: 299 });
    expect(() => defaultFarringtonFlexibleRange(periodIndexed('weekly', [1, 2, 3]), {})).toThrow(
      DetectionInputError,
    );
  });

  it('throws DetectionInputError when the seasonal periods do not fit between the windows', () => {
    // Monthly with w = 4 leaves 3 periods between windows; R needs noPeriods − 9 ≤ 3.
    const series = periodIndexed('monthly', new Array(80).fill(5));
    expect(() => farringtonFlexible(series, { b: 2, w: 4, noPeriods: 13 }, { from: 70, to: 70 })).toThrow(
      DetectionInputError,
    );
    expect(() =>
      farringtonFlexible(series, { b: 2, w: 4, noPeriods: 12 }, { from: 70, to: 70 }),
    ).not.toThrow();
  });

  it('returns no alarm for a zero count over an all-zero baseline, and an alarm for a single case', () => {
    // Farrington's windows only (noPeriods = 1): R's intercept fit over the 21 zeros converges at
    // μ₀ = 1.0261879631701915e-11 and φ = 1, so the Poisson bound is 0.
    const counts = new Array(209).fill(0);
    const options = { b: 3, w: 3, thresholdMethod: 'nbPlugin', limit54: [0, 4] } as const;
    const quiet = farringtonFlexible(periodIndexed('weekly', counts), options, { from: 208, to: 208 });
    expect(quiet.phi[0]).toBe(1);
    expect(relativeError(quiet.mu0Quantile[0], 1.0261879631701915e-11)).toBeLessThan(1e-6);
    expect(quiet.upperBound[0]).toBe(0);
    expect(quiet.score[0]).toBe(1);
    expect(quiet.alarm[0]).toBe(false);
    counts[208] = 1;
    const single = farringtonFlexible(periodIndexed('weekly', counts), options, { from: 208, to: 208 });
    expect(single.alarm[0]).toBe(true);
    // With R's default minimum-count rule one case is not enough: no bound, no alarm.
    const masked = farringtonFlexible(
      periodIndexed('weekly', counts),
      { ...options, limit54: [5, 4] },
      { from: 208, to: 208 },
    );
    expect(masked.upperBound[0]).toBeNaN();
    expect(masked.alarm[0]).toBe(false);
  });

  it('gives no result where no fit converges, as R (an all-zero baseline with ten seasonal levels)', () => {
    // The ten all-zero levels need more than R's 25 IRLS iterations; R warns and reports NA.
    const result = farringtonFlexible(periodIndexed('weekly', new Array(320).fill(0)), NOUFAILY_OPTIONS, {
      from: 319,
      to: 319,
    });
    expect(result.fitFailed[0]).toBe(true);
    expect(result.alarm[0]).toBeNull();
    expect(result.trend[0]).toBeNull();
    expect(result.upperBound[0]).toBeNaN();
    expect(result.phi[0]).toBeNaN();
    const r = farringtonFlexibleDetector.toR(result, farringtonFlexibleOptions(NOUFAILY_OPTIONS));
    expect(r.expected).toEqual([0]);
    expect(r.trend).toEqual([null]);
  });

  it('leaves missing baseline counts out and reports no bound when the current count is missing', () => {
    const counts: (number | null)[] = Array.from({ length: 320 }, (_, t) => 3 + (t % 4));
    const range = { from: 318, to: 319 };
    const full = farringtonFlexible(periodIndexed('weekly', counts), NOUFAILY_OPTIONS, range);
    counts[100] = null;
    counts[200] = null;
    counts[319] = null;
    const gaps = farringtonFlexible(periodIndexed('weekly', counts), NOUFAILY_OPTIONS, range);
    expect(gaps.baselineSize[0]).toBe(full.baselineSize[0] - 2);
    expect(gaps.upperBound[0]).toBeGreaterThan(0);
    expect(gaps.upperBound[1]).toBeNaN();
    expect(gaps.expected[1]).toBeNaN();
    expect(gaps.alarm[1]).toBe(false);
    expect(gaps.enoughCases[1]).toBeNull();
  });

  it("matches R's bound for counts around 1e7", () => {
    const counts = Array.from({ length: 300 }, (_, t) => 1e7 + 1000 * ((t * 7) % 11));
    const result = farringtonFlexible(periodIndexed('weekly', counts), NOUFAILY_OPTIONS, {
      from: 298,
      to: 299,
    });
    // R surveillance 1.20.3: phiVector, mu0Vector and upperbound for this series.
    expect(relativeError(result.phi[0], 1.0403858207957148)).toBeLessThan(1e-9);
    expect(relativeError(result.phi[1], 1.0419145123404194)).toBeLessThan(1e-9);
    expect(relativeError(result.mu0Quantile[0], 10004978.413397016)).toBeLessThan(1e-9);
    expect(relativeError(result.mu0Quantile[1], 10004908.787546726)).toBeLessThan(1e-9);
    expect(Array.from(result.upperBound)).toEqual([10010286, 10010220]);
    expect(result.trend).toEqual([true, true]);
    expect(result.alarm).toEqual([false, false]);
  });

  it('rejects a zero population under the population offset', () => {
    const population = new Array(320).fill(5e4);
    population[150] = 0;
    const series = periodIndexed('weekly', new Array(320).fill(4), population);
    const options = { ...NOUFAILY_OPTIONS, populationOffset: true };
    expect(() => farringtonFlexible(series, options, { from: 319, to: 319 })).toThrow(DetectionInputError);
  });

  it('reports every invalid option at once', () => {
    try {
      farringtonFlexibleOptions({
        b: 0,
        alpha: 0,
        noPeriods: 0,
        pastWeeksNotIncluded: -2,
        thresholdMethod: 'exact' as never,
        limit54: [5, 0],
      });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(DetectionOptionsError);
      const options = (e as DetectionOptionsError).problems.map((p) => p.option);
      expect(options).toEqual([
        'b',
        'alpha',
        'limit54',
        'noPeriods',
        'pastWeeksNotIncluded',
        'thresholdMethod',
      ]);
    }
    expect(() => farringtonFlexibleDetector.parseControl({ noPeriods: 10, fitFun: 'glm' })).toThrow(
      DetectionOptionsError,
    );
  });
});
