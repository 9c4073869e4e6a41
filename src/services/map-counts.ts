/**
 * Counts per place for the maps (permission signal:read, or observation:read for observations; always
 * narrowed to the caller's jurisdiction): signals, alarms or observed counts summed up the place
 * hierarchy to the places of one level — one GROUP BY in the store, folded here.
 */
import { type Actor, requirePermission } from '../domain/actor.ts';
import { type FieldProblem, invalid } from '../domain/errors.ts';
import {
  foldToLevel,
  MAP_LEVELS,
  MAP_METRICS,
  type MapCountRepository,
  type MapLevel,
  type MapMetric,
  type PlaceValue,
} from '../domain/map-count.ts';
import type { Transactor } from '../domain/ports.ts';
import { isSignalState, type SignalState } from '../domain/signal.ts';

export interface MapCountStore {
  readonly mapCounts: MapCountRepository;
}

/** The map filters as a client sends them. */
export interface MapCountFilters {
  readonly level: string;
  /** Default `signals`. */
  readonly metric?: string;
  /** A place: only rows in its subtree (e.g. one country's regions). */
  readonly placeId?: string;
  readonly hazardIds?: ReadonlyArray<string>;
  /** Signal states; absent: the open states (signals) or every state but merged (alarms). */
  readonly states?: ReadonlyArray<string>;
  /** `YYYY-MM-DD`, inclusive: the signal's last epoch, the alarm's or the observation's epoch. */
  readonly from?: string;
  readonly to?: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function createMapCounts(deps: { readonly tx: Transactor<MapCountStore> }) {
  const { tx } = deps;
  return {
    async count(actor: Actor, f: MapCountFilters): Promise<ReadonlyArray<PlaceValue>> {
      const problems: FieldProblem[] = [];
      const level = f.level as MapLevel;
      if (!MAP_LEVELS.includes(level))
        problems.push({ field: 'level', message: `use ${MAP_LEVELS.join(', ')}` });
      const metric = (f.metric ?? 'signals') as MapMetric;
      if (!MAP_METRICS.includes(metric))
        problems.push({ field: 'metric', message: `use ${MAP_METRICS.join(', ')}` });
      if (f.states !== undefined && !f.states.every(isSignalState))
        problems.push({
          field: 'state',
          message: 'use new, under-review, monitoring, discarded, verified or merged',
        });
      if (f.states !== undefined && metric === 'observations')
        problems.push({ field: 'state', message: 'observations have no state' });
      for (const key of ['from', 'to'] as const) {
        const v = f[key];
        if (v !== undefined && !DATE.test(v))
          problems.push({ field: key, message: 'must be a date YYYY-MM-DD' });
      }
      if (problems.length > 0) throw invalid(problems);
      requirePermission(actor, metric === 'observations' ? 'observation:read' : 'signal:read');

      return tx.transaction(async ({ mapCounts }) => {
        let prefix = actor.jurisdictionPath;
        if (f.placeId !== undefined) {
          const path = await mapCounts.placePath(f.placeId);
          if (path === undefined) throw invalid([{ field: 'place', message: `no place ${f.placeId}` }]);
          if (path.startsWith(prefix)) prefix = path;
          else if (!prefix.startsWith(path)) return [];
        }
        const values = await mapCounts.valuesByPath({
          metric,
          placePathPrefix: prefix,
          states: f.states as ReadonlyArray<SignalState> | undefined,
          hazardIds: f.hazardIds,
          from: f.from,
          to: f.to,
        });
        if (values.length === 0) return [];
        return foldToLevel(values, await mapCounts.placesAtLevel(level));
      });
    },
  };
}

export type MapCounts = ReturnType<typeof createMapCounts>;
