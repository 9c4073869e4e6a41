/**
 * What detection needs to read about observation series: which series a configuration selects (with
 * the hazard and place facts a signal shows), and each series' counts — the latest revision of every
 * epoch — as a regular `CountSeries`. Epochs with no observation at all are missing counts.
 */
import { addMonths, dateParts, formatIsoDate, parseIsoDate } from '../detection/series/calendar.ts';
import type { CountSeries, Frequency } from '../detection/series/count-series.ts';
import { fromNullable } from '../detection/series/missing.ts';

/** A series picked by a selector, with the facts a signal copies. */
export interface SelectedSeries {
  readonly id: string;
  readonly hazardId: string;
  readonly hazardName: string;
  readonly ihrCategory: string | null;
  readonly nationalClass: string | null;
  readonly placeId: string;
  readonly placeName: string;
  readonly placePath: string;
  readonly stratum: string;
  readonly source: string;
  readonly frequency: Frequency;
  readonly unit: string;
}

/** A selector with its places resolved to paths. */
export interface SeriesQuery {
  readonly hazardIds: ReadonlyArray<string>;
  /** Place subtrees (materialised paths); empty: everywhere. */
  readonly placePaths: ReadonlyArray<string>;
  readonly sources: ReadonlyArray<string>;
  readonly strata: ReadonlyArray<string>;
  readonly frequency: Frequency;
  /** Only series whose place path starts with this (the jurisdiction of whoever runs). */
  readonly withinPath: string;
}

/** The latest revision of one epoch. */
export interface EpochCount {
  readonly epoch: string;
  readonly count: number | null;
  readonly population: number | null;
}

export type SeriesCounts =
  | { readonly ok: true; readonly series: CountSeries }
  | { readonly ok: false; readonly code: string; readonly message: string };

/** Reads series and their counts (read-only; the observation import owns the writes). */
export interface SeriesReader {
  /** The selected series, ordered by id. */
  selectSeries(query: SeriesQuery): Promise<ReadonlyArray<SelectedSeries>>;
  /** The counts of each series (latest revision per epoch), by series id. */
  readCounts(
    series: ReadonlyArray<Pick<SelectedSeries, 'id' | 'frequency'>>,
  ): Promise<ReadonlyMap<string, SeriesCounts>>;
}

/**
 * Lays stored epochs (ascending, one row per epoch) on the regular grid of their frequency, from the
 * first to the last: gaps become missing counts. The population is kept only when every epoch has one.
 * An epoch off the grid (a weekly epoch on another weekday than the first, a monthly one on another day
 * of month) is a problem of the series.
 */
export function countSeriesFromEpochs(frequency: Frequency, rows: ReadonlyArray<EpochCount>): SeriesCounts {
  if (rows.length === 0) return { ok: false, code: 'NO_DATA', message: 'the series has no observations' };
  const days = new Int32Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const d = parseIsoDate(rows[i].epoch);
    if (d === undefined)
      return { ok: false, code: 'BAD_EPOCH', message: `epoch "${rows[i].epoch}" is not a YYYY-MM-DD date` };
    if (i > 0 && d <= days[i - 1])
      return { ok: false, code: 'BAD_EPOCH', message: `epochs are not increasing at ${rows[i].epoch}` };
    days[i] = d;
  }
  const start = days[0];
  const last = days[rows.length - 1];
  // Position of a day on the grid, or -1 when it is off the grid.
  const startParts = dateParts(start);
  const position = (d: number): number => {
    switch (frequency) {
      case 'daily':
        return d - start;
      case 'weekly':
        return (d - start) % 7 === 0 ? (d - start) / 7 : -1;
      case 'monthly': {
        const p = dateParts(d);
        const k = (p.year - startParts.year) * 12 + (p.month - startParts.month);
        return addMonths(start, k) === d ? k : -1;
      }
    }
  };
  const n = position(last) + 1;
  const dates = new Int32Array(n);
  const observed = new Float64Array(n).fill(Number.NaN);
  const population = new Float64Array(n).fill(Number.NaN);
  for (let k = 0; k < n; k++) {
    dates[k] = frequency === 'monthly' ? addMonths(start, k) : start + k * (frequency === 'weekly' ? 7 : 1);
  }
  let withPopulation = 0;
  for (let i = 0; i < rows.length; i++) {
    const k = position(days[i]);
    if (k < 0) {
      return {
        ok: false,
        code: 'OFF_GRID',
        message: `epoch ${formatIsoDate(days[i])} is not on the ${frequency} grid that starts at ${formatIsoDate(start)}`,
      };
    }
    observed[k] = fromNullable(rows[i].count);
    const pop = rows[i].population;
    if (pop !== null) {
      population[k] = pop;
      withPopulation++;
    }
  }
  return {
    ok: true,
    series: {
      frequency,
      dates,
      observed,
      population: withPopulation === n ? population : undefined,
      epochAsDate: true,
    },
  };
}
