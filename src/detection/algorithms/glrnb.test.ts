import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareCase, type GoldenCase } from '../../../test/golden/compare.ts';
import { glrnbDetector } from '../detectors/glrnb-detector.ts';
import { glrpoisDetector } from '../detectors/glrpois-detector.ts';
import { DetectionInputError, DetectionOptionsError } from '../errors.ts';
import { parseRCase, seriesFromRCase } from '../r-compat/r-case.ts';
import { rangeFromR } from '../range.ts';
import { countSeries } from '../series/count-series.ts';
import { DEFAULT_GLRNB_OPTIONS, glrnb, glrnbOptions } from './glrnb.ts';

const GOLDEN = join(import.meta.dirname, '../../../test/golden/cases');

interface GlrGolden extends GoldenCase {
  readonly result: { readonly upperbound: unknown[]; readonly alarm: unknown[]; readonly mu0: number[] };
  readonly result_extra: { readonly alpha: number };
}

function goldenCases(dir: 'glrnb' | 'glrpois'): GlrGolden[] {
  return readdirSync(join(GOLDEN, dir))
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(join(GOLDEN, dir, f), 'utf8')));
}

function weekly(observed: ReadonlyArray<number | null>) {
  return countSeries({ frequency: 'weekly', start: '2020-01-06', observed });
}

const given = (values: number[]) => ({ kind: 'given', values }) as const;

/** Poisson log-likelihood ratio of one window at its ML shift: S log(S/M) − S + M (S > M). */
const poissonLr = (s: number, m: number) => s * Math.log(s / m) - s + m;

describe('glrnb', () => {
  it('computes the Poisson GLR as the best window at its ML shift', () => {
    const r = glrnb(
      weekly([3, 0, 4]),
      { mu0: given([1, 1, 1]), alpha: 0, threshold: 100 },
      { from: 0, to: 2 },
    );
    expect(r.statistic[0]).toBeCloseTo(poissonLr(3, 1), 12);
    // n = 1: the window {1} has Σx = 0 (κ̂ = 0, ratio 0); {0, 1} has Σx = 3 over Σμ = 2.
    expect(r.statistic[1]).toBeCloseTo(poissonLr(3, 2), 12);
    // n = 2: windows {2}, {1, 2}, {0, 1, 2}; the last point alone is best.
    expect(r.statistic[2]).toBeCloseTo(Math.max(poissonLr(4, 1), poissonLr(4, 2), poissonLr(7, 3)), 12);
    expect(r.statistic[2]).toBeCloseTo(poissonLr(4, 1), 12);
    expect(r.alarm).toEqual([false, false, false]);
    expect(r.upperBound).toBe(r.statistic);
    expect(r.expected).toEqual(Float64Array.from([1, 1, 1]));
  });

  it('finds the smallest count that would raise a Poisson alarm and restarts after the alarm', () => {
    const series = weekly([3, 0, 4, 1]);
    const r = glrnb(
      series,
      { mu0: given([1, 1, 1, 1]), alpha: 0, threshold: 2, output: 'cases' },
      { from: 0, to: 3 },
    );
    // n = 0: 3 log 3 − 2 < 2 ≤ 4 log 4 − 3. n = 1: {0, 1} with x₁ = 3 gives 6 log 3 − 4 ≥ 2, x₁ = 2 gives
    // max(2 log 2 − 1, 5 log 2.5 − 3) < 2. n = 2 alarms (4 log 4 − 3 ≥ 2) and needs x₂ = 4.
    expect(Array.from(r.casesNeeded ?? [])).toEqual([4, 3, 4, 4]);
    expect(r.alarm).toEqual([false, false, true, false]);
    // The chart restarts at n = 3 from scratch: only {3} with x = 1 = μ.
    expect(r.statistic[3]).toBe(0);
    expect(r.statistic[2]).toBeCloseTo(poissonLr(4, 1), 12);
  });

  it('detects decreases with dir = "dec" and ignores windows without cases (R: NaN)', () => {
    const r = glrnb(
      weekly([0, 0, 0]),
      { mu0: given([2, 2, 2]), alpha: 0, direction: 'dec', threshold: 5 },
      { from: 0, to: 2 },
    );
    // Σx = 0 makes κ̂ = −∞ and the ratio NaN: no window counts, the statistic is reported as 0.
    expect(Array.from(r.statistic)).toEqual([0, 0, 0]);
    const s = glrnb(
      weekly([1, 1, 1]),
      { mu0: given([4, 4, 4]), alpha: 0, direction: 'dec', threshold: 4 },
      { from: 0, to: 2 },
    );
    // Window {0, 1, 2}: κ̂ = log(3/12), ratio 3 log(1/4) + (1 − 1/4)·12.
    expect(s.statistic[2]).toBeCloseTo(3 * Math.log(0.25) + 0.75 * 12, 12);
    expect(s.alarm).toEqual([false, false, true]);
  });

  it('limits the Poisson windows to M + 1 points and skips the first M̃ points (R quirk)', () => {
    const r = glrnb(
      weekly([9, 0, 0, 4]),
      { mu0: given([1, 1, 1, 1]), alpha: 0, maxWindow: 1, minWindow: 1, threshold: 100 },
      { from: 0, to: 3 },
    );
    // Windows have 2 points: n = 1 → {0, 1}; n = 3 → {2, 3}. Position 0 is never evaluated.
    expect(r.statistic[0]).toBe(0);
    expect(r.statistic[1]).toBeCloseTo(poissonLr(9, 2), 12);
    expect(r.statistic[3]).toBeCloseTo(poissonLr(4, 2), 12);
  });

  it('computes the negative binomial GLR with Newton estimates of the shift', () => {
    // One point: the score (x − e^κμ)/(1 + αe^κμ) vanishes at κ̂ = log(x/μ).
    const alpha = 0.5;
    const lr = (x: number, mu: number) =>
      Math.log(x / mu) * x + (x + 1 / alpha) * Math.log((1 + alpha * mu) / (1 + alpha * x));
    const r = glrnb(weekly([6, 6]), { mu0: given([2, 2]), alpha, threshold: 100 }, { from: 0, to: 1 });
    expect(r.statistic[0]).toBeCloseTo(lr(6, 2), 9);
    // Both points share x/μ = 3, so the two-point window has the same κ̂ and twice the ratio.
    expect(r.statistic[1]).toBeCloseTo(2 * lr(6, 2), 9);
    expect(r.alpha).toBe(0.5);
  });

  it('runs the Poisson LR CUSUM for a known shift with a strict threshold', () => {
    const kappa = Math.log(2);
    const r = glrnb(
      weekly([3, 0, 4, 2]),
      { mu0: given([1, 1, 1, 1]), alpha: 0, knownShift: kappa, threshold: 1.5, output: 'cases' },
      { from: 0, to: 3 },
    );
    const s0 = 3 * kappa - 1;
    const s1 = s0 - 1;
    const s2 = s1 + 4 * kappa - 1;
    expect(r.statistic[0]).toBeCloseTo(s0, 14);
    expect(r.statistic[1]).toBeCloseTo(s1, 14);
    expect(r.statistic[2]).toBeCloseTo(s2, 14);
    expect(r.alarm).toEqual([false, false, true, false]);
    // Cases: (c − S_{n−1} + μ(e^κ − 1))/κ, not rounded; the CUSUM restarts after the alarm.
    expect(r.casesNeeded?.[0]).toBeCloseTo((1.5 + 1) / kappa, 12);
    expect(r.casesNeeded?.[1]).toBeCloseTo((1.5 - s0 + 1) / kappa, 12);
    expect(r.casesNeeded?.[2]).toBeCloseTo((1.5 - s1 + 1) / kappa, 12);
    expect(r.casesNeeded?.[3]).toBeCloseTo((1.5 + 1) / kappa, 12);
    expect(r.statistic[3]).toBeCloseTo(2 * kappa - 1, 14);
  });

  it('runs the negative binomial LR CUSUM for a known shift', () => {
    const kappa = Math.log(2);
    const alpha = 0.5;
    const ell = Math.log((1 + alpha * 2) / (1 + alpha * 2 * 2));
    const r = glrnb(
      weekly([5, 1]),
      { mu0: given([2, 2]), alpha, knownShift: kappa, threshold: 10, output: 'cases' },
      { from: 0, to: 1 },
    );
    const s0 = kappa * 5 + (5 + 1 / alpha) * ell;
    expect(r.statistic[0]).toBeCloseTo(s0, 14);
    expect(r.statistic[1]).toBeCloseTo(Math.max(0, s0 + kappa + (1 + 1 / alpha) * ell), 14);
    expect(r.casesNeeded?.[1]).toBeCloseTo((10 - s0 - ell / alpha) / (kappa + ell), 12);
  });

  it('runs the Poisson epidemic chart with the alarming count as x₋₁ of the next segment', () => {
    const r = glrnb(
      weekly([10, 8, 9]),
      { mu0: given([2, 2, 2]), alpha: 0, change: 'epi', threshold: 3 },
      { from: 0, to: 2 },
    );
    // n = 0: x₋₁ = 0 leaves λ unidentified (0/0): no window counts.
    expect(r.statistic[0]).toBe(0);
    // n = 1: window {1} has λ̂ = (x₁ − μ₁)/x₀ and ratio x₁ log(x₁/μ₁) − (x₁ − μ₁); {0, 1} adds nothing.
    expect(r.statistic[1]).toBeCloseTo(8 * Math.log(4) - 6, 8);
    // The chart restarts at n = 2 with x₋₁ = 8: λ̂ = 7/8, and alarms again.
    expect(r.statistic[2]).toBeCloseTo(9 * Math.log(4.5) - 7, 8);
    expect(r.alarm).toEqual([false, true, true]);
  });

  it('gives a missing current count a statistic of 0 and no alarm, like R', () => {
    const r = glrnb(
      weekly([3, null, 4]),
      { mu0: given([1, 1, 1]), alpha: 0, threshold: 100 },
      { from: 0, to: 2 },
    );
    expect(r.statistic[1]).toBe(0);
    expect(r.alarm[1]).toBe(false);
    // Windows reaching back over the missing count contribute 0; {2} alone remains.
    expect(r.statistic[2]).toBeCloseTo(poissonLr(4, 1), 12);
    const lr = glrnb(
      weekly([3, null, 4]),
      { mu0: given([1, 1, 1]), alpha: 0, knownShift: Math.log(2), threshold: 100 },
      { from: 0, to: 2 },
    );
    // The LR CUSUM restarts from 0 after a missing count.
    expect(lr.statistic[1]).toBe(0);
    expect(lr.statistic[2]).toBeCloseTo(4 * Math.log(2) - 1, 14);
  });

  it('fits a constant in-control mean as the mean of the non-missing baseline counts', () => {
    // Intercept-only Poisson model (S = 0): the ML mean is the average of the baseline.
    const series = weekly([2, null, 4, 6, 5, 1]);
    const r = glrnb(
      series,
      { mu0: { kind: 'estimated', harmonics: 0, trend: false, refit: false }, alpha: 0 },
      { from: 4, to: 5 },
    );
    // IRLS stops on the deviance criterion, so the mean is exact to ~1e-10 only.
    expect(r.expected[0]).toBeCloseTo(4, 9);
    expect(r.expected[1]).toBeCloseTo(4, 9);
    expect(r.inControlFits[0].terms).toEqual(['(Intercept)']);
    expect(r.inControlFits[0].family).toBe('poisson');
  });

  it('predicts the single baseline count when the history is one point (rank-deficient fit)', () => {
    const r = glrnb(weekly([4, 7, 2]), { alpha: 0 }, { from: 1, to: 2 });
    // Only the intercept is estimable; R predicts from the non-aliased coefficients.
    expect(r.expected[0]).toBeCloseTo(4, 9);
    expect(r.expected[1]).toBeCloseTo(4, 9);
    expect(Number.isNaN(r.inControlFits[0].coefficients[1])).toBe(true);
  });

  it('returns no alarm when the baseline and the monitored counts are all zeros', () => {
    const series = weekly(new Array(60).fill(0));
    for (const alpha of [0, 0.2]) {
      const r = glrnb(series, { alpha }, { from: 52, to: 59 });
      expect(r.alarm.every((a) => a === false)).toBe(true);
      expect(Array.from(r.statistic)).toEqual(new Array(8).fill(0));
      for (const m of r.expected) expect(m).toBeLessThan(1e-6);
    }
  });

  it('throws like R when glm.nb cannot estimate the dispersion of an all-zero baseline', () => {
    const series = weekly(new Array(60).fill(0));
    expect(() => glrnb(series, {}, { from: 52, to: 59 })).toThrowError(/give alpha/);
  });

  it('handles huge counts, including the cases search', () => {
    const mu = [1e7, 1e7, 1e7];
    const r = glrnb(
      weekly([1e7 + 3000, 1e7 - 2000, 1e7 + 20000]),
      { mu0: given(mu), alpha: 0, threshold: 5, output: 'cases' },
      { from: 0, to: 2 },
    );
    expect(r.statistic[0]).toBeCloseTo(poissonLr(1e7 + 3000, 1e7), 6);
    expect(r.alarm).toEqual([false, false, true]);
    // One point alone: the smallest v with v log(v/μ) − v + μ ≥ 5 is near μ + √(2·5·μ).
    const first = r.casesNeeded?.[0] ?? 0;
    expect(poissonLr(first, 1e7)).toBeGreaterThanOrEqual(5);
    expect(poissonLr(first - 1, 1e7)).toBeLessThan(5);
    expect(Math.abs(first - (1e7 + Math.sqrt(2 * 5 * 1e7)))).toBeLessThan(50);
  });

  it('throws where R stops: no history before the range, no baseline count, mu0 of the wrong length', () => {
    const series = weekly([1, 2, 3, 4]);
    expect(() => glrnb(series, { alpha: 0 }, { from: 0, to: 3 })).toThrowError(DetectionInputError);
    const missing = weekly([null, null, 3, 4]);
    expect(() => glrnb(missing, { alpha: 0 }, { from: 2, to: 3 })).toThrowError(/missing/);
    expect(glrnb(series, { mu0: given([1, 1, 1]), alpha: 0 }, { from: 1, to: 3 }).expected).toHaveLength(3);
    const wrongLength = () => glrnb(series, { mu0: given([1, 1]), alpha: 0 }, { from: 1, to: 3 });
    expect(wrongLength).toThrowError(DetectionInputError);
    expect(wrongLength).toThrowError(expect.objectContaining({ field: 'mu0' }));
  });

  it('refuses a missing count in the NB cases search (R fails on NA there)', () => {
    const series = weekly([3, null, 4]);
    expect(() =>
      glrnb(series, { mu0: given([1, 1, 1]), alpha: 0.2, output: 'cases' }, { from: 0, to: 2 }),
    ).toThrowError(DetectionInputError);
  });

  it('reports every invalid option at once', () => {
    try {
      glrnbOptions({
        threshold: Number.NaN,
        minWindow: 0,
        maxWindow: -3,
        direction: 'up' as 'inc',
        knownShift: 0,
        alpha: -1,
      });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(DetectionOptionsError);
      const options = (err as DetectionOptionsError).problems.map((p) => p.option).sort();
      expect(options).toEqual(['alpha', 'direction', 'knownShift', 'maxWindow', 'minWindow', 'threshold']);
    }
    // R fails on these two combinations.
    expect(() => glrnbOptions({ mu0: given([1]), alpha: null })).toThrowError(/alpha/);
    expect(() => glrnbOptions({ change: 'epi', output: 'cases' })).toThrowError(/epidemic/);
  });

  it("uses R's defaults", () => {
    expect(glrnbOptions()).toEqual(DEFAULT_GLRNB_OPTIONS);
    expect(DEFAULT_GLRNB_OPTIONS.threshold).toBe(5);
    expect(DEFAULT_GLRNB_OPTIONS.alpha).toBeNull();
    expect(Object.isFrozen(DEFAULT_GLRNB_OPTIONS)).toBe(true);
  });

  it('keeps the monitoring when an alarm falls on the last point with refit (R fails there)', () => {
    const y = [3, 4, 2, 3, 5, 4, 3, 2, 4, 3, 40];
    const r = glrnb(
      weekly(y),
      { mu0: { kind: 'estimated', harmonics: 0, trend: false, refit: true }, alpha: 0 },
      { from: 8, to: 10 },
    );
    expect(r.alarm[2]).toBe(true);
    expect(r.inControlFits).toHaveLength(1);
  });

  it('reports all control problems of an R control list', () => {
    try {
      glrnbDetector.parseControl({ 'c.ARL': 'high', Mtilde: 0, mu0: { S: -1, colour: 1 }, foo: 1 });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(DetectionOptionsError);
      const options = (err as DetectionOptionsError).problems.map((p) => p.option).sort();
      expect(options).toEqual(['Mtilde', 'c.ARL', 'foo', 'mu0$S', 'mu0$colour']);
    }
    expect(() => glrpoisDetector.parseControl({ alpha: 0.1 })).toThrowError(/alpha = 0/);
  });
});

describe('glrnb charts fed with R in-control means', () => {
  // The golden files carry R's μ₀ and α: given those, the charts must reproduce R's statistics, which
  // tests them apart from the in-control fit (and from glm.nb's optimiser).
  for (const dir of ['glrnb', 'glrpois'] as const) {
    for (const c of goldenCases(dir)) {
      it(`reproduces ${c.id} given R's mu0 and alpha`, () => {
        const control = { ...c.control, mu0: c.result.mu0, alpha: c.result_extra.alpha };
        const options = glrnbDetector.parseControl(control);
        const series = seriesFromRCase(parseRCase(c));
        const result = glrnbDetector.run(series, options, rangeFromR(c.range, series.observed.length));
        const actual = glrnbDetector.toR(result, options);
        expect(Object.keys(actual).sort()).toEqual(Object.keys(c.result).sort());
        const cmp = compareCase({ ...c, algorithm: 'algo.glrnb', control }, actual);
        expect(cmp.mismatches).toEqual([]);
      });
    }
  }
});
