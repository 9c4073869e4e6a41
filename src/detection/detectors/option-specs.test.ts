import { describe, expect, it } from 'vitest';
import { boundScale, effectiveOptions, OPTION_SPECS } from './option-specs.ts';
import { DETECTORS } from './registry.ts';

describe('option specs', () => {
  it('describe every detector of the registry', () => {
    expect(Object.keys(OPTION_SPECS).sort()).toEqual(DETECTORS.map((d) => d.name).sort());
  });

  for (const detector of DETECTORS) {
    it(`state ${detector.name}'s defaults as R's control keys, parsing to the options of an empty control`, () => {
      const defaults = Object.fromEntries(OPTION_SPECS[detector.name].map((s) => [s.name, s.default]));
      expect(detector.parseControl(defaults)).toEqual(detector.parseControl({}));
    });
  }

  it('give choices only to choice options, and a default among them', () => {
    for (const specs of Object.values(OPTION_SPECS)) {
      for (const s of specs) {
        if (s.type === 'choice') {
          expect(s.choices?.length).toBeGreaterThan(1);
          if (s.default !== null) expect(s.choices).toContain(s.default);
        } else expect(s.choices).toBeUndefined();
      }
    }
  });

  it('fill the defaults around the given options, with EARS C3 at alpha 0.025', () => {
    expect(effectiveOptions('earsC', { method: 'C3', baseline: 10 })).toEqual({
      method: 'C3',
      baseline: 10,
      minSigma: 0,
      alpha: 0.025,
    });
    expect(effectiveOptions('earsC', {}).alpha).toBe(0.001);
    expect(effectiveOptions('farringtonFlexible', { alpha: 0.01 })).toMatchObject({
      alpha: 0.01,
      b: 5,
      w: 3,
    });
  });

  it('call the GLR bound a statistic unless it is returned as cases', () => {
    expect(boundScale('glrnb', effectiveOptions('glrnb', {}))).toBe('statistic');
    expect(boundScale('glrnb', effectiveOptions('glrnb', { ret: 'cases' }))).toBe('count');
    expect(boundScale('earsC', effectiveOptions('earsC', {}))).toBe('count');
  });
});
