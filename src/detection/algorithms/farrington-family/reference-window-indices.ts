/**
 * Baseline selection of `algo.farrington` (Farrington et al. 1996, §2; spec §1.2): the periods within
 * ±w of the same period in each of the b previous years.
 */
import { addMonths, addYears, dateParts, isoWeekday } from '../../series/calendar.ts';
import { type CountSeries, PERIODS_PER_YEAR } from '../../series/count-series.ts';
import { indexOfDate } from './index-of-date.ts';

/**
 * The 0-based baseline indices for time point k, in R's order. Period-indexed series: `k − i·f + j`
 * for i = b … 1, j = −w … w, dropping indices before the start. Date-indexed series (R's
 * `refvalIdxByDate`): the window dates around the same date i = 1 … b calendar years earlier, snapped
 * to t₀'s weekday (weekly) or day of month (monthly), dropping dates that are not in the series.
 */
export function referenceWindowIndices(series: CountSeries, k: number, b: number, w: number): Int32Array {
  const out: number[] = [];
  if (!series.epochAsDate) {
    const f = PERIODS_PER_YEAR[series.frequency];
    for (let i = b; i >= 1; i--) {
      for (let j = -w; j <= w; j++) {
        const t = k - i * f + j;
        if (t >= 0) out.push(t);
      }
    }
    return Int32Array.from(out);
  }
  const t0 = series.dates[k];
  const weekday0 = isoWeekday(t0);
  const day0 = dateParts(t0).day;
  for (let i = 1; i <= b; i++) {
    const ref = addYears(t0, -i);
    for (let m = -w; m <= w; m++) {
      let d: number;
      switch (series.frequency) {
        case 'weekly': {
          d = ref + 7 * m;
          const forward = (((weekday0 - isoWeekday(d)) % 7) + 7) % 7;
          const backward = (((isoWeekday(d) - weekday0) % 7) + 7) % 7;
          d += forward < backward ? forward : -backward;
          break;
        }
        case 'monthly':
          d = addMonths(ref, m);
          d -= dateParts(d).day - day0;
          break;
        case 'daily':
          d = ref + m;
          break;
      }
      const idx = indexOfDate(series.dates, d);
      if (idx >= 0) out.push(idx);
    }
  }
  return Int32Array.from(out);
}
