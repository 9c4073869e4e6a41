import type { SignalState } from './signal.ts';

/** The place levels a map can show (each feature of a map layer is one place of one level). */
export const MAP_LEVELS = ['country', 'admin1', 'admin2', 'admin3'] as const;
export type MapLevel = (typeof MAP_LEVELS)[number];

/**
 * What a map counts per place: `signals` (records to triage, by their last epoch), `alarms` (algorithm
 * outputs attached to signals, by their epoch) or `observations` (the sum of the latest revision of the
 * observed counts of the place's series, by epoch).
 */
export const MAP_METRICS = ['signals', 'alarms', 'observations'] as const;
export type MapMetric = (typeof MAP_METRICS)[number];

/** The value of one place on a map. */
export interface PlaceValue {
  readonly placeId: string;
  readonly value: number;
}

/** What the store sums, before it is folded up to one level. */
export interface MapCountQuery {
  readonly metric: MapMetric;
  /** Materialised path every counted row's place lies under (`/` for everything). */
  readonly placePathPrefix: string;
  /** Signal states (signals and alarms); absent: every state but `merged` (alarms) or the open states (signals). */
  readonly states?: ReadonlyArray<SignalState>;
  readonly hazardIds?: ReadonlyArray<string>;
  /** `YYYY-MM-DD`, inclusive. */
  readonly from?: string;
  readonly to?: string;
}

/** A sum per distinct place path (one GROUP BY); `path` is the materialised path of the row's place. */
export interface PathValue {
  readonly path: string;
  readonly value: number;
}

export interface MapCountRepository {
  valuesByPath(q: MapCountQuery): Promise<ReadonlyArray<PathValue>>;
  /** The ids of every place of `level` (a few thousand at most: 4,577 first-level regions). */
  placesAtLevel(level: MapLevel): Promise<ReadonlySet<string>>;
  /** The materialised path of a place, or undefined when there is none. */
  placePath(id: string): Promise<string | undefined>;
}

/**
 * Folds sums per place path up to the places of one level: each path adds its value to the place of
 * that level on it (`/world/DE/DE-BW/DE-08336/` → `DE-BW` at admin1); paths above the level add nothing.
 * `atLevel` holds the ids of the places of the level. Sorted by place id.
 */
export function foldToLevel(
  values: ReadonlyArray<PathValue>,
  atLevel: ReadonlySet<string>,
): ReadonlyArray<PlaceValue> {
  const sums = new Map<string, number>();
  for (const { path, value } of values) {
    const id = path.split('/').find((segment) => atLevel.has(segment));
    if (id !== undefined) sums.set(id, (sums.get(id) ?? 0) + value);
  }
  return [...sums]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([placeId, value]) => ({ placeId, value }));
}
