/**
 * Report-volume surges: the daily number of reports about a hazard in a country, run through the
 * detection core's EARS C2 (as epitweetr does with tweet counts): a day whose count exceeds the
 * baseline of the seven days before the two-day guard band by z_{1−α} standard deviations (with a floor
 * on the spread, so a quiet baseline does not alarm on two reports) and reaches a minimum count.
 */
import { earsC } from '../detection/algorithms/ears-c.ts';
import { countSeries } from '../detection/series/count-series.ts';

const addDays = (day: string, n: number): string =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

export interface VolumeOptions {
  /** Baseline days (EARS n_b). */
  readonly baseline: number;
  readonly alpha: number;
  /** Floor on the baseline standard deviation, in reports. */
  readonly minSigma: number;
  /** Least reports on the day for a surge. */
  readonly minCount: number;
}

export const DEFAULT_VOLUME_OPTIONS: VolumeOptions = Object.freeze({
  baseline: 7,
  alpha: 0.025,
  minSigma: 1,
  minCount: 3,
});

/** Days of counts the check of one day reads (baseline, guard band and the day itself). */
export function volumeHistoryDays(options: VolumeOptions = DEFAULT_VOLUME_OPTIONS): number {
  return options.baseline + 3;
}

export interface VolumeCheck {
  readonly day: string;
  readonly observed: number;
  readonly expected: number;
  readonly upperBound: number;
  readonly surge: boolean;
}

/**
 * Checks `day` given the daily counts (`YYYY-MM-DD` → reports; days not listed had none).
 */
export function checkVolume(
  counts: ReadonlyMap<string, number>,
  day: string,
  options: VolumeOptions = DEFAULT_VOLUME_OPTIONS,
): VolumeCheck {
  const n = volumeHistoryDays(options);
  const dates: string[] = [];
  for (let i = n - 1; i >= 0; i--) dates.push(addDays(day, -i));
  const series = countSeries({ frequency: 'daily', dates, observed: dates.map((d) => counts.get(d) ?? 0) });
  const r = earsC(
    series,
    { method: 'C2', baseline: options.baseline, alpha: options.alpha, minSigma: options.minSigma },
    { from: n - 1, to: n - 1 },
  );
  const observed = r.observed[0];
  const upperBound = r.upperBound[0];
  return {
    day,
    observed,
    expected: r.expected[0],
    upperBound,
    surge: r.alarm[0] === true && observed >= options.minCount,
  };
}
