import type { Kysely } from 'kysely';
import type { Frequency } from '../detection/series/count-series.ts';
import {
  FREQUENCIES,
  type SeriesDefinition,
  type SeriesRepository,
  seriesKeyText,
} from '../domain/series-definition.ts';
import { chunks } from './chunks.ts';
import { pathPrefixRange } from './path-prefix.ts';
import type { Schema, SeriesTable } from './schema.ts';

function toSeries(row: SeriesTable): SeriesDefinition {
  if (!FREQUENCIES.includes(row.frequency as Frequency))
    throw new Error(`series ${row.id} has unknown frequency ${row.frequency}`);
  return { ...row, frequency: row.frequency as Frequency };
}

/** Series definitions on either dialect. */
export function seriesRepository(db: Kysely<Schema>): SeriesRepository {
  return {
    async byId(id) {
      const row = await db.selectFrom('series').selectAll().where('id', '=', id).executeTakeFirst();
      return row === undefined ? undefined : toSeries(row);
    },
    async findByKeys(keys) {
      if (keys.length === 0) return [];
      const wanted = new Set(keys.map(seriesKeyText));
      const hazardIds = [...new Set(keys.map((k) => k.hazardId))];
      const placeIds = [...new Set(keys.map((k) => k.placeId))];
      const out: SeriesDefinition[] = [];
      for (const hz of chunks(hazardIds, 100)) {
        for (const pl of chunks(placeIds, 500)) {
          const rows = await db
            .selectFrom('series')
            .selectAll()
            .where('hazardId', 'in', hz)
            .where('placeId', 'in', pl)
            .execute();
          for (const r of rows) {
            const s = toSeries(r);
            if (wanted.has(seriesKeyText(s))) out.push(s);
          }
        }
      }
      return out;
    },
    async insertMany(series) {
      for (const part of chunks(series, 200)) await db.insertInto('series').values(part).execute();
    },
    async list(filter) {
      const [lo, hi] = pathPrefixRange(filter.withinPath);
      let q = db.selectFrom('series').where('placePath', '>=', lo).where('placePath', '<', hi);
      if (filter.placePath !== undefined) {
        const [plo, phi] = pathPrefixRange(filter.placePath);
        q = q.where('placePath', '>=', plo).where('placePath', '<', phi);
      }
      if (filter.hazardId !== undefined) q = q.where('hazardId', '=', filter.hazardId);
      if (filter.source !== undefined) q = q.where('source', '=', filter.source);
      const rows = await q
        .selectAll()
        .orderBy('placePath')
        .orderBy('hazardId')
        .orderBy('stratum')
        .orderBy('source')
        .orderBy('id')
        .limit(filter.limit)
        .offset(filter.offset)
        .execute();
      const { n } = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      return { items: rows.map(toSeries), total: Number(n) };
    },
  };
}
