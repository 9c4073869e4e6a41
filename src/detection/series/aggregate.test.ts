import { describe, expect, it } from 'vitest';
import { aggregateSeries } from './aggregate.ts';
import { formatIsoDate } from './calendar.ts';
import { countSeries } from './count-series.ts';

describe('aggregateSeries', () => {
  it('sums days into Monday-to-Sunday ISO weeks and drops the incomplete weeks at both ends', () => {
    // 2024-01-03 is a Wednesday: the first complete ISO week starts Monday 2024-01-08.
    const days = Array.from({ length: 20 }, (_, i) => i + 1);
    const s = countSeries({ frequency: 'daily', start: '2024-01-03', observed: days });
    const w = aggregateSeries(s, 'weekly');
    expect(Array.from(w.dates, formatIsoDate)).toEqual(['2024-01-08', '2024-01-15']);
    // Days 2024-01-08..14 are values 6..12; 15..21 are 13..19.
    expect(Array.from(w.observed)).toEqual([6 + 7 + 8 + 9 + 10 + 11 + 12, 13 + 14 + 15 + 16 + 17 + 18 + 19]);
    expect(w.frequency).toBe('weekly');
  });

  it('marks a week with a missing day as missing, not as a smaller count', () => {
    const obs: (number | null)[] = Array.from({ length: 14 }, () => 1);
    obs[9] = null;
    const s = countSeries({ frequency: 'daily', start: '2024-01-01', observed: obs });
    const w = aggregateSeries(s, 'weekly');
    expect(w.observed[0]).toBe(7);
    expect(Number.isNaN(w.observed[1])).toBe(true);
  });

  it('sums days into calendar months of 28 to 31 days', () => {
    const s = countSeries({
      frequency: 'daily',
      start: '2023-02-01',
      observed: Array.from({ length: 28 + 31 }, () => 2),
    });
    const m = aggregateSeries(s, 'monthly');
    expect(Array.from(m.dates, formatIsoDate)).toEqual(['2023-02-01', '2023-03-01']);
    expect(Array.from(m.observed)).toEqual([56, 62]);
  });

  it('assigns an ISO week to the month of its Thursday', () => {
    // January 2024 has the weeks of 01-01 … 01-22 (4 Thursdays); February has 5 Thursdays (1, 8, 15, 22, 29),
    // so the week of Monday 2024-01-29 counts in February; March (week of 03-04) is incomplete and dropped.
    const s = countSeries({
      frequency: 'weekly',
      start: '2024-01-01',
      observed: [1, 1, 1, 1, 10, 10, 10, 10, 100, 1000],
    });
    const m = aggregateSeries(s, 'monthly');
    expect(Array.from(m.dates, formatIsoDate)).toEqual(['2024-01-01', '2024-02-01']);
    expect(Array.from(m.observed)).toEqual([4, 140]);
  });

  it('refuses to disaggregate', () => {
    const s = countSeries({ frequency: 'monthly', start: '2024-01-01', observed: [1, 2] });
    expect(() => aggregateSeries(s, 'weekly')).toThrow(/cannot aggregate monthly counts to weekly/);
  });
});
