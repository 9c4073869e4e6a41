import { describe, expect, it } from 'vitest';
import { checkVolume, volumeHistoryDays } from './story-volume.ts';

const DAY = '2026-11-28';
const days = (values: ReadonlyArray<number>): Map<string, number> => {
  const m = new Map<string, number>();
  values.forEach((v, i) => {
    const d = new Date(Date.parse(`${DAY}T00:00:00Z`) - (values.length - 1 - i) * 86_400_000);
    m.set(d.toISOString().slice(0, 10), v);
  });
  return m;
};

describe('report-volume surges (EARS C2)', () => {
  it('reads ten days: a baseline of seven, a guard band of two and the day', () => {
    expect(volumeHistoryDays()).toBe(10);
  });

  it('finds a surge when the day exceeds the baseline mean by z(0.975) floored standard deviations', () => {
    // baseline 1,1,1,1,1,1,1 (sd 0, floored to 1): bound = 1 + 1.96 = 2.96; 9 reports exceed it
    const c = checkVolume(days([1, 1, 1, 1, 1, 1, 1, 5, 5, 9]), DAY);
    expect(c.expected).toBe(1);
    expect(c.upperBound).toBeCloseTo(2.959964, 5);
    expect([c.observed, c.surge]).toEqual([9, true]);
  });

  it('does not call two reports after a quiet week a surge, nor a day within the usual spread', () => {
    expect(checkVolume(days([0, 0, 0, 0, 0, 0, 0, 0, 0, 2]), DAY).surge).toBe(false);
    expect(checkVolume(days([4, 8, 3, 9, 5, 7, 6, 0, 0, 10]), DAY).surge).toBe(false);
  });

  it('counts days without reports as zero', () => {
    const c = checkVolume(new Map([[DAY, 4]]), DAY);
    expect([c.expected, c.observed, c.surge]).toEqual([0, 4, true]);
  });
});
