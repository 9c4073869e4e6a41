// The package's own public entry point, resolved through package.json "exports" (the built dist/).
import {
  countSeries,
  DEFAULT_FARRINGTON_FLEXIBLE_OPTIONS,
  type FarringtonFlexibleResult,
  farringtonFlexible,
} from 'tocsin/detection';
import { describe, expect, it } from 'vitest';

describe('tocsin/detection as a library', () => {
  it('exports farringtonFlexible with its typed options and result', () => {
    const observed = Array.from({ length: 330 }, (_, i) => 10 + ((i * 7) % 4));
    observed[329] = 60;
    const series = countSeries({ frequency: 'weekly', start: '2018-01-01', observed, epochAsDate: false });
    const result: FarringtonFlexibleResult = farringtonFlexible(
      series,
      { ...DEFAULT_FARRINGTON_FLEXIBLE_OPTIONS, noPeriods: 10, pastWeeksNotIncluded: 26 },
      { from: 320, to: 329 },
    );
    expect(result.alarm).toHaveLength(10);
    expect(result.alarm[9]).toBe(true);
    expect(result.alarm.slice(0, 9).every((a) => a === false)).toBe(true);
    expect(DEFAULT_FARRINGTON_FLEXIBLE_OPTIONS.b).toBe(5);
    expect(Object.isFrozen(DEFAULT_FARRINGTON_FLEXIBLE_OPTIONS)).toBe(true);
  });
});
