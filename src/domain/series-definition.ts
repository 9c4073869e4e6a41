/**
 * What identifies an observation series: hazard × place × stratum × source × frequency (the unit is a
 * fact of the series, fixed when it is created). Series are created by the first import that names them.
 */
import type { Frequency } from '../detection/series/count-series.ts';
import type { Page } from './page.ts';

export const FREQUENCIES: ReadonlyArray<Frequency> = ['daily', 'weekly', 'monthly'];

/** Stratum of all people/animals (no breakdown). */
export const NO_STRATUM = '';
export const DEFAULT_SOURCE = 'default';
export const DEFAULT_UNIT = 'cases';

export interface SeriesKey {
  readonly hazardId: string;
  readonly placeId: string;
  /** E.g. `age=00-04;sex=f`, or '' for all. */
  readonly stratum: string;
  readonly source: string;
  readonly frequency: Frequency;
}

export interface SeriesDefinition extends SeriesKey {
  readonly id: string;
  /** The place's path, for jurisdiction filters without a join. */
  readonly placePath: string;
  readonly unit: string;
  readonly createdAt: string;
}

/** One text per identity, for maps keyed by series. */
export function seriesKeyText(k: SeriesKey): string {
  return `${k.hazardId}\u0000${k.placeId}\u0000${k.stratum}\u0000${k.source}\u0000${k.frequency}`;
}

export interface SeriesFilter {
  /** Only series whose place path starts with this (the reader's jurisdiction). */
  readonly withinPath: string;
  readonly hazardId?: string;
  /** Series at this place or below it. */
  readonly placePath?: string;
  readonly source?: string;
  readonly limit: number;
  readonly offset: number;
}

export interface SeriesRepository {
  byId(id: string): Promise<SeriesDefinition | undefined>;
  /** The stored series among these identities (any order). */
  findByKeys(keys: ReadonlyArray<SeriesKey>): Promise<ReadonlyArray<SeriesDefinition>>;
  insertMany(series: ReadonlyArray<SeriesDefinition>): Promise<void>;
  list(filter: SeriesFilter): Promise<Page<SeriesDefinition>>;
}
