import { describe, expect, it } from 'vitest';
import { glrpoisDetector } from '../detectors/glrpois-detector.ts';
import { DetectionOptionsError } from '../errors.ts';
import { countSeries } from '../series/count-series.ts';
import { glrnb } from './glrnb.ts';
import { DEFAULT_GLRPOIS_OPTIONS, glrpois, glrpoisOptions } from './glrpois.ts';

const observed = [4, 6, 3, 5, 7, 2, 4, 5, 6, 3, 4, 5, 12, 15, 4, 3];
const series = countSeries({ frequency: 'monthly', start: '2019-01-01', observed });

describe('glrpois', () => {
  it('is glrnb with alpha = 0', () => {
    const options = {
      threshold: 3,
      mu0: { kind: 'estimated', harmonics: 1, trend: true, refit: true },
    } as const;
    const p = glrpois(series, options, { from: 10, to: 15 });
    const nb = glrnb(series, { ...options, alpha: 0 }, { from: 10, to: 15 });
    expect(p.algorithm).toBe('glrpois');
    expect(p.alpha).toBe(0);
    expect(Array.from(p.statistic)).toEqual(Array.from(nb.statistic));
    expect(Array.from(p.expected)).toEqual(Array.from(nb.expected));
    expect(p.alarm).toEqual(nb.alarm);
    expect(p.inControlFits.map((f) => f.family)).toEqual(nb.inControlFits.map(() => 'poisson'));
  });

  it('alarms on the outbreak and refits the Poisson model after it', () => {
    const p = glrpois(
      series,
      { threshold: 3, mu0: { kind: 'estimated', harmonics: 0, trend: false, refit: true } },
      { from: 10, to: 15 },
    );
    // Intercept-only Poisson model: μ₀ is the mean of the counts before the range, 45/10.
    expect(p.expected[0]).toBeCloseTo(4.5, 9);
    const first = p.alarm.indexOf(true);
    expect(first).toBe(2);
    // After the alarm at index 12 the model is refitted on 13 counts: mean (45 + 4 + 5 + 12)/13.
    expect(p.expected[3]).toBeCloseTo(66 / 13, 9);
    // One refit per alarm that leaves points to monitor.
    expect(p.inControlFits).toHaveLength(1 + p.alarm.slice(0, 5).filter((a) => a === true).length);
  });

  it("uses R's defaults with alpha fixed at 0", () => {
    expect(glrpoisOptions()).toEqual(DEFAULT_GLRPOIS_OPTIONS);
    expect('alpha' in DEFAULT_GLRPOIS_OPTIONS).toBe(false);
    expect(Object.isFrozen(DEFAULT_GLRPOIS_OPTIONS)).toBe(true);
  });

  it('reports every invalid option under the glrpois name', () => {
    try {
      glrpoisOptions({ threshold: Number.POSITIVE_INFINITY, minWindow: 1.5 });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(DetectionOptionsError);
      expect((err as DetectionOptionsError).algorithm).toBe('glrpois');
      expect((err as DetectionOptionsError).problems.map((p) => p.option)).toEqual([
        'threshold',
        'minWindow',
      ]);
    }
  });

  it("renders exactly R's result keys", () => {
    const options = glrpoisDetector.parseControl({ 'c.ARL': 3, mu0: { S: 1 }, ret: 'cases' });
    const result = glrpoisDetector.run(series, options, { from: 10, to: 15 });
    expect(Object.keys(glrpoisDetector.toR(result, options)).sort()).toEqual(['alarm', 'mu0', 'upperbound']);
    expect(glrpoisDetector.extras(result)).toHaveProperty('casesNeeded');
  });
});
