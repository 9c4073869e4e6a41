import { describe, expect, it } from 'vitest';
import { epochDates } from '../series/count-series.ts';
import { farringtonFlexible, NOUFAILY_OPTIONS } from './farrington-flexible.ts';

/** A weekly series of 320 weeks with a yearly wave and a spike in the last week. */
function counts(seed: number): Float64Array {
  const y = new Float64Array(320);
  for (let t = 0; t < 320; t++)
    y[t] = Math.round(20 + 8 * Math.sin((2 * Math.PI * (t + seed)) / 52) + ((t * seed) % 5));
  y[319] = 60;
  return y;
}

// One monitored week, as in a national run: the blocks of the last call are reused.
const range = { from: 319, to: 319 };

describe('farringtonFlexible on many series of one calendar', () => {
  it('gives each series the same result whether or not another series on the same dates ran before', () => {
    const dates = epochDates('weekly', 16000, 320);
    const series = (seed: number) => ({
      frequency: 'weekly' as const,
      dates,
      observed: counts(seed),
      epochAsDate: true,
    });
    const alone = farringtonFlexible(series(3), NOUFAILY_OPTIONS, range);
    farringtonFlexible(series(7), NOUFAILY_OPTIONS, range);
    const after = farringtonFlexible(series(3), NOUFAILY_OPTIONS, range);
    expect(after).toEqual(alone);
    expect(after.baselineSize[0]).toBeGreaterThan(200);
  });

  it('notices dates changed in place between two calls', () => {
    const dates = epochDates('weekly', 16000, 320);
    const observed = counts(5);
    const before = farringtonFlexible(
      { frequency: 'weekly', dates, observed, epochAsDate: true },
      NOUFAILY_OPTIONS,
      range,
    );
    // A week missing from the calendar (one report week skipped): the years back from the monitored
    // weeks now reach other indices, so the seasonal blocks differ.
    for (let t = 200; t < dates.length; t++) dates[t] += 7;
    const reused = farringtonFlexible(
      { frequency: 'weekly', dates, observed, epochAsDate: true },
      NOUFAILY_OPTIONS,
      range,
    );
    // A series of another length in between, so that nothing of the calls above can be reused.
    const other = epochDates('weekly', 16000, 321);
    farringtonFlexible(
      { frequency: 'weekly', dates: other, observed: new Float64Array(321).fill(9), epochAsDate: true },
      NOUFAILY_OPTIONS,
      { from: 320, to: 320 },
    );
    const fresh = farringtonFlexible(
      { frequency: 'weekly', dates: dates.slice(), observed: observed.slice(), epochAsDate: true },
      NOUFAILY_OPTIONS,
      range,
    );
    expect(reused).toEqual(fresh);
    expect(fresh.predictedMean).not.toEqual(before.predictedMean);
  });
});
