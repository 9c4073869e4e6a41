import { DetectionInputError } from '../errors.ts';
import { addMonths, type DayNumber, formatIsoDate, parseIsoDate } from './calendar.ts';
import { countsFromNullable } from './missing.ts';

/** How often a series is counted. Weeks are ISO 8601 weeks (Monday start). */
export type Frequency = 'daily' | 'weekly' | 'monthly';

/** Periods per year as R's `freq` (`frequency(sts)`): 365, 52 or 12. */
export const PERIODS_PER_YEAR: Readonly<Record<Frequency, number>> = Object.freeze({
  daily: 365,
  weekly: 52,
  monthly: 12,
});

export function frequencyFromPeriodsPerYear(freq: number): Frequency | undefined {
  if (freq === 365) return 'daily';
  if (freq === 52) return 'weekly';
  if (freq === 12) return 'monthly';
  return undefined;
}

/**
 * A univariate count series: one epoch per period, observed counts (NaN = missing, see `missing.ts`),
 * an optional denominator, and the start date of every epoch as a day number.
 */
export interface CountSeries {
  readonly frequency: Frequency;
  /** Start date of every epoch (days since 1970-01-01), strictly increasing. */
  readonly dates: Int32Array;
  /** Observed counts; NaN where not reported. */
  readonly observed: Float64Array;
  /** Optional denominator per epoch (R's `population` / `populationFrac`). */
  readonly population?: Float64Array | undefined;
  /**
   * Whether the series is date-indexed (R's `epochAsDate`). Only the Farrington family looks at it:
   * a date-indexed series goes back in calendar years, a period-indexed one in steps of `freq` epochs.
   */
  readonly epochAsDate: boolean;
}

export interface CountSeriesInput {
  readonly frequency: Frequency;
  /** ISO dates (`YYYY-MM-DD`) of every epoch, or only the first epoch's date (`start`). */
  readonly dates?: ReadonlyArray<string>;
  readonly start?: string;
  readonly observed: ReadonlyArray<number | null>;
  readonly population?: ReadonlyArray<number> | null;
  readonly epochAsDate?: boolean;
}

/** Successive epoch start dates from `start`: +1 day, +7 days, or +1 calendar month. */
export function epochDates(frequency: Frequency, start: DayNumber, length: number): Int32Array {
  const dates = new Int32Array(length);
  for (let i = 0; i < length; i++) {
    dates[i] = frequency === 'monthly' ? addMonths(start, i) : start + i * (frequency === 'weekly' ? 7 : 1);
  }
  return dates;
}

/** Builds and checks a series; throws `DetectionInputError` naming the first bad field. */
export function countSeries(input: CountSeriesInput): CountSeries {
  const n = input.observed.length;
  let dates: Int32Array;
  if (input.dates !== undefined) {
    if (input.dates.length !== n) {
      throw new DetectionInputError(`dates has ${input.dates.length} entries but observed has ${n}`, 'dates');
    }
    dates = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const d = parseIsoDate(input.dates[i]);
      if (d === undefined) throw new DetectionInputError(`dates[${i}] is not a YYYY-MM-DD date`, 'dates');
      if (i > 0 && d <= dates[i - 1])
        throw new DetectionInputError(`dates[${i}] is not after dates[${i - 1}]`, 'dates');
      dates[i] = d;
    }
  } else {
    const start = parseIsoDate(input.start ?? '');
    if (start === undefined) throw new DetectionInputError('start is not a YYYY-MM-DD date', 'start');
    dates = epochDates(input.frequency, start, n);
  }
  for (let i = 0; i < n; i++) {
    const v = input.observed[i];
    if (v !== null && !(Number.isFinite(v) && v >= 0)) {
      throw new DetectionInputError(`observed[${i}] = ${v} is not a non-negative count or null`, 'observed');
    }
  }
  let population: Float64Array | undefined;
  if (input.population !== undefined && input.population !== null) {
    if (input.population.length !== n) {
      throw new DetectionInputError(
        `population has ${input.population.length} entries but observed has ${n}`,
        'population',
      );
    }
    population = Float64Array.from(input.population);
  }
  return {
    frequency: input.frequency,
    dates,
    observed: countsFromNullable(input.observed),
    population,
    epochAsDate: input.epochAsDate ?? true,
  };
}

export function seriesLength(series: CountSeries): number {
  return series.observed.length;
}

export function epochLabel(series: CountSeries, index: number): string {
  return formatIsoDate(series.dates[index]);
}
