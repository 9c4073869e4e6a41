import { type Kysely, type SqlBool, sql } from 'kysely';
import type { MapCountQuery, MapCountRepository, PathValue } from '../domain/map-count.ts';
import { OPEN_SIGNAL_STATES, SIGNAL_STATES, type SignalState } from '../domain/signal.ts';
import { pathPrefixRange } from './path-prefix.ts';
import type { Schema } from './schema.ts';
import { OPEN_STATES_SQL } from './signal-repository.ts';

const isOpenSet = (states: ReadonlyArray<SignalState>): boolean =>
  states.length === OPEN_SIGNAL_STATES.length && OPEN_SIGNAL_STATES.every((s) => states.includes(s));
/** Every state named: no condition at all (so the place_path index covers the query). */
const isEverySet = (states: ReadonlyArray<SignalState>): boolean =>
  SIGNAL_STATES.every((s) => states.includes(s));

/**
 * Sums for the maps: one GROUP BY on the place path of the counted rows (signals, their alarms, or the
 * latest revision of observations), narrowed to a path prefix with a plain range on the indexed path.
 * The open signals come from the partial index `signals_open_path` (place_path first, so the groups
 * arrive in order); a date range from the covering `signals_last_epoch`.
 */
export function mapCountRepository(db: Kysely<Schema>): MapCountRepository {
  const range = (prefix: string): readonly [string, string] | null =>
    prefix === '/' || prefix === '' ? null : pathPrefixRange(prefix);

  async function signalsByPath(q: MapCountQuery): Promise<PathValue[]> {
    let base = db.selectFrom('signals');
    const r = range(q.placePathPrefix);
    if (r !== null) base = base.where('placePath', '>=', r[0]).where('placePath', '<', r[1]);
    const states = q.states ?? OPEN_SIGNAL_STATES;
    const open = isOpenSet(states);
    const everyState = states.length === 0 || isEverySet(states);
    if (open) base = base.where(OPEN_STATES_SQL);
    else if (!everyState) base = base.where('state', 'in', [...states]);
    const hazards = q.hazardIds !== undefined && q.hazardIds.length > 0;
    if (hazards) base = base.where('hazardId', 'in', [...(q.hazardIds ?? [])]);
    if (q.from !== undefined) base = base.where('lastEpoch', '>=', q.from);
    if (q.to !== undefined) base = base.where('lastEpoch', '<=', q.to);
    let rows: ReadonlyArray<{ path: string; value: number | string | bigint }>;
    if (!hazards && q.from === undefined && q.to === undefined && (open || everyState)) {
      // Every signal, or the open ones: an index that starts with place_path covers the query and
      // hands the groups over in order.
      rows = await base
        .select(['placePath as path', (eb) => eb.fn.countAll<number>().as('value')])
        .groupBy('placePath')
        .execute();
    } else {
      // Other filters: SQLite would walk the place_path index for the grouping and look up each row
      // for the filter (seconds on 1M signals). The subquery's LIMIT (of no consequence) keeps it from
      // being merged, so the filter picks its covering index (state/place_path, last_epoch…, hazard…)
      // and only the matches are grouped.
      const matches = base.select('placePath as path').limit(2_000_000_000).as('matches');
      rows = await db
        .selectFrom(matches)
        .select(['matches.path', (eb) => eb.fn.countAll<number>().as('value')])
        .groupBy('matches.path')
        .execute();
    }
    return rows.map((x) => ({ path: x.path, value: Number(x.value) }));
  }

  async function alarmsByPath(q: MapCountQuery): Promise<PathValue[]> {
    let base = db.selectFrom('signalAlarms as a').innerJoin('signals as s', 's.id', 'a.signalId');
    const r = range(q.placePathPrefix);
    if (r !== null) base = base.where('s.placePath', '>=', r[0]).where('s.placePath', '<', r[1]);
    if (q.states === undefined) base = base.where('s.state', '<>', 'merged');
    else if (q.states.length > 0) base = base.where('s.state', 'in', [...q.states]);
    if (q.hazardIds !== undefined && q.hazardIds.length > 0)
      base = base.where('s.hazardId', 'in', [...q.hazardIds]);
    if (q.from !== undefined) base = base.where('a.epoch', '>=', q.from);
    if (q.to !== undefined) base = base.where('a.epoch', '<=', q.to);
    const rows = await base
      .select(['s.placePath as path', (eb) => eb.fn.countAll<number>().as('value')])
      .groupBy('s.placePath')
      .execute();
    return rows.map((x) => ({ path: x.path, value: Number(x.value) }));
  }

  async function observationsByPath(q: MapCountQuery): Promise<PathValue[]> {
    let base = db
      .selectFrom('observations as o')
      .innerJoin('series as se', 'se.id', 'o.seriesId')
      .where('o.count', 'is not', null)
      // The latest revision of each epoch (a correction replaces the earlier value), from the primary key.
      .where(
        sql<SqlBool>`not exists (select 1 from observations o2 where o2.series_id = ${sql.ref('o.seriesId')} and o2.epoch = ${sql.ref('o.epoch')} and o2.revision > ${sql.ref('o.revision')})`,
      );
    const r = range(q.placePathPrefix);
    if (r !== null) base = base.where('se.placePath', '>=', r[0]).where('se.placePath', '<', r[1]);
    if (q.hazardIds !== undefined && q.hazardIds.length > 0)
      base = base.where('se.hazardId', 'in', [...q.hazardIds]);
    if (q.from !== undefined) base = base.where('o.epoch', '>=', q.from);
    if (q.to !== undefined) base = base.where('o.epoch', '<=', q.to);
    const rows = await base
      .select(['se.placePath as path', (eb) => eb.fn.sum<number>('o.count').as('value')])
      .groupBy('se.placePath')
      .execute();
    return rows.map((x) => ({ path: x.path, value: Number(x.value) }));
  }

  return {
    valuesByPath(q) {
      switch (q.metric) {
        case 'signals':
          return signalsByPath(q);
        case 'alarms':
          return alarmsByPath(q);
        case 'observations':
          return observationsByPath(q);
      }
    },
    async placesAtLevel(level) {
      const rows = await db.selectFrom('places').select('id').where('level', '=', level).execute();
      return new Set(rows.map((row) => row.id));
    },
    async placePath(id) {
      const row = await db.selectFrom('places').select('path').where('id', '=', id).executeTakeFirst();
      return row?.path;
    },
  };
}
