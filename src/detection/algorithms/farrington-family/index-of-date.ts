import type { DayNumber } from '../../series/calendar.ts';

/** Position of day `d` in the strictly increasing `dates`, or −1 (R's `match(d, dates)` minus one). */
export function indexOfDate(dates: Int32Array, d: DayNumber): number {
  let lo = 0;
  let hi = dates.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = dates[mid];
    if (v === d) return mid;
    if (v < d) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}
