import type { Kysely } from 'kysely';
import { PLACE_LEVELS, type Place, type PlaceLevel, type PlaceRepository } from '../domain/place.ts';
import { chunks } from './chunks.ts';
import { pathPrefixRange } from './path-prefix.ts';
import type { PlaceTable, Schema } from './schema.ts';

function toPlace(row: PlaceTable): Place {
  if (!(PLACE_LEVELS as ReadonlyArray<string>).includes(row.level))
    throw new Error(`place ${row.id} has unknown level ${row.level}`);
  return { ...row, level: row.level as PlaceLevel };
}

/** The place hierarchy and its aliases on either dialect. */
export function placeRepository(db: Kysely<Schema>): PlaceRepository {
  return {
    async byId(id) {
      const row = await db.selectFrom('places').selectAll().where('id', '=', id).executeTakeFirst();
      return row === undefined ? undefined : toPlace(row);
    },
    async byCodes(codes) {
      const out: Place[] = [];
      for (const part of chunks([...new Set(codes)], 500)) {
        const rows = await db.selectFrom('places').selectAll().where('code', 'in', part).execute();
        out.push(...rows.map(toPlace));
      }
      return out;
    },
    async byAliasKey(key) {
      const rows = await db
        .selectFrom('places')
        .selectAll('places')
        .where('id', 'in', db.selectFrom('placeAliases').select('placeId').where('aliasKey', '=', key))
        .orderBy('path')
        .execute();
      return rows.map(toPlace);
    },
    async list(filter) {
      let q = db.selectFrom('places');
      if (filter.parentId !== undefined) q = q.where('parentId', '=', filter.parentId);
      if (filter.level !== undefined) q = q.where('level', '=', filter.level);
      if (filter.withinPath !== undefined) {
        const [lo, hi] = pathPrefixRange(filter.withinPath);
        q = q.where('path', '>=', lo).where('path', '<', hi);
      }
      if (filter.query !== undefined && filter.query !== '') {
        const [lo, hi] = pathPrefixRange(filter.query);
        q = q.where('id', 'in', (eb) =>
          eb
            .selectFrom('placeAliases')
            .select('placeId')
            .where('aliasKey', '>=', lo)
            .where('aliasKey', '<', hi),
        );
      }
      const rows = await q.selectAll().orderBy('path').limit(filter.limit).offset(filter.offset).execute();
      const { n } = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      return { items: rows.map(toPlace), total: Number(n) };
    },
    async aliasesOf(placeId) {
      const rows = await db
        .selectFrom('placeAliases')
        .select('alias')
        .where('placeId', '=', placeId)
        .orderBy('alias')
        .execute();
      return rows.map((r) => r.alias);
    },
    async insertMany(places, aliases) {
      for (const part of chunks(places, 200)) await db.insertInto('places').values(part).execute();
      // Two names of one place can normalise to the same key; the first one is kept.
      for (const part of chunks(aliases, 1000))
        await db
          .insertInto('placeAliases')
          .values(part)
          .onConflict((oc) => oc.columns(['aliasKey', 'placeId']).doNothing())
          .execute();
    },
  };
}
