import { type Kysely, type SqlBool, sql } from 'kysely';
import type { MapCountQuery, MapCountRepository, PathValue } from '../domain/map-count.ts';
import { OPEN_SIGNAL_STATES, type SignalState } from '../domain/signal.ts';
import { chunks } from './chunks.ts';
import { pathPrefixRange } from './path-prefix.ts';
import type { Schema } from './schema.ts';
import { OPEN_STATES_SQL } from './signal-repository.ts';

const isOpenSet = (states: ReadonlyArray<SignalState>): boolean =>
  states.length === OPEN_SIGNAL_STATES.length && OPEN_SIGNAL_STATES.every((s) => states.includes(s));

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
    if (isOpenSet(states)) base = base.where(OPEN_STATES_SQL);
    else if (states.length > 0) base = base.where('state', 'in', [...states]);
    if (q.hazardIds !== undefined && q.hazardIds.length > 0)
      base = base.where('hazardId', 'in', [...q.hazardIds]);
    if (q.from !== undefined) base = base.where('lastEpoch', '>=', q.from);
    if (q.to !== undefined) base = base.where('lastEpoch', '<=', q.to);
    const rows = await base
      .select(['placePath as path', (eb) => eb.fn.countAll<number>().as('value')])
      .groupBy('placePath')
      .execute();
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
    async placesAtLevel(level, ids) {
      const found = new Set<string>();
      for (const part of chunks([...ids], 500)) {
        const rows = await db
          .selectFrom('places')
          .select('id')
          .where('level', '=', level)
          .where('id', 'in', part)
          .execute();
        for (const row of rows) found.add(row.id);
      }
      return found;
    },
    async placePath(id) {
      const row = await db.selectFrom('places').select('path').where('id', '=', id).executeTakeFirst();
      return row?.path;
    },
  };
}
