import { DetectionInputError } from '../errors.ts';
import { dateParts, dayNumberFromParts, isoWeekday } from './calendar.ts';
import { type CountSeries, epochDates, type Frequency } from './count-series.ts';
import { isMissing, MISSING } from './missing.ts';

/**
 * Aggregates a series to a coarser frequency: daily → ISO weeks (Monday–Sunday), daily → calendar
 * months, weekly → months (an ISO week belongs to the month of its Thursday, the ISO 8601 convention).
 * The one missing-value rule applies: a period with any missing part is missing (a partial sum would
 * read as a drop in cases), and incomplete periods at either end of the series are left out.
 * Denominators are summed the same way.
 */
export function aggregateSeries(series: CountSeries, target: Frequency): CountSeries {
  const from = series.frequency;
  if (from === target) return series;
  const ok =
    (from === 'daily' && (target === 'weekly' || target === 'monthly')) ||
    (from === 'weekly' && target === 'monthly');
  if (!ok) throw new DetectionInputError(`cannot aggregate ${from} counts to ${target}`, 'frequency');
  const n = series.observed.length;
  // Key of the target period for each source epoch, as the day number of the period's start.
  const periodStart = (i: number): number => {
    const d = series.dates[i];
    if (target === 'weekly') return d - isoWeekday(d) + 1;
    const anchor = from === 'weekly' ? d + 3 : d; // the Thursday of the ISO week
    const p = dateParts(anchor);
    return dayNumberFromParts(p.year, p.month, 1);
  };
  const expectedParts = (start: number): number => {
    if (target === 'weekly') return 7;
    const p = dateParts(start);
    const nextMonth = dayNumberFromParts(p.year, p.month + 1, 1);
    if (from === 'daily') return nextMonth - start;
    // Weeks whose Thursday falls in the month.
    let count = 0;
    const firstThursday = start + ((4 - isoWeekday(start) + 7) % 7);
    for (let t = firstThursday; t < nextMonth; t += 7) count++;
    return count;
  };
  const starts: number[] = [];
  const sums: number[] = [];
  const pops: number[] = [];
  const parts: number[] = [];
  for (let i = 0; i < n; i++) {
    const s = periodStart(i);
    if (starts.length === 0 || starts[starts.length - 1] !== s) {
      starts.push(s);
      sums.push(0);
      pops.push(0);
      parts.push(0);
    }
    const k = starts.length - 1;
    const v = series.observed[i];
    sums[k] = isMissing(v) || isMissing(sums[k]) ? MISSING : sums[k] + v;
    if (series.population !== undefined) pops[k] += series.population[i];
    parts[k]++;
  }
  let lo = 0;
  let hi = starts.length - 1;
  if (lo <= hi && parts[lo] < expectedParts(starts[lo])) lo++;
  if (lo <= hi && parts[hi] < expectedParts(starts[hi])) hi--;
  const m = Math.max(0, hi - lo + 1);
  const observed = new Float64Array(m);
  const population = series.population === undefined ? undefined : new Float64Array(m);
  for (let k = 0; k < m; k++) {
    observed[k] = sums[lo + k];
    if (population !== undefined) population[k] = pops[lo + k];
  }
  const dates = m === 0 ? new Int32Array(0) : epochDates(target, starts[lo], m);
  return { frequency: target, dates, observed, population, epochAsDate: true };
}
