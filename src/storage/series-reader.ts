import type { Kysely } from 'kysely';
import type { Frequency } from '../detection/series/count-series.ts';
import {
  countSeriesFromEpochs,
  type EpochCount,
  type SelectedSeries,
  type SeriesCounts,
  type SeriesReader,
} from '../domain/series-reader.ts';
import { pathPrefixRange } from './path-prefix.ts';
import type { Schema } from './schema.ts';

/** Series per query when reading counts. */
const CHUNK = 500;

/**
 * Reads series and their counts for detection (read-only): the latest revision of every epoch, laid
 * on the series' regular grid. The observation import owns the writes.
 */
export function seriesReader(db: Kysely<Schema>): SeriesReader {
  return {
    async selectSeries(query) {
      let q = db
        .selectFrom('series')
        .innerJoin('hazards', 'hazards.id', 'series.hazardId')
        .innerJoin('places', 'places.id', 'series.placeId')
        .select([
          'series.id',
          'series.hazardId',
          'hazards.name as hazardName',
          'hazards.ihrCategory',
          'hazards.nationalClass',
          'series.placeId',
          'places.name as placeName',
          'series.placePath',
          'series.stratum',
          'series.source',
          'series.frequency',
          'series.unit',
        ])
        .where('series.frequency', '=', query.frequency);
      if (query.hazardIds.length > 0) q = q.where('series.hazardId', 'in', [...query.hazardIds]);
      if (query.sources.length > 0) q = q.where('series.source', 'in', [...query.sources]);
      if (query.strata.length > 0) q = q.where('series.stratum', 'in', [...query.strata]);
      if (query.withinPath !== '/' && query.withinPath !== '') {
        const [lo, hi] = pathPrefixRange(query.withinPath);
        q = q.where('series.placePath', '>=', lo).where('series.placePath', '<', hi);
      }
      if (query.placePaths.length > 0) {
        q = q.where((eb) =>
          eb.or(
            query.placePaths.map((p) => {
              const [lo, hi] = pathPrefixRange(p);
              return eb.and([eb('series.placePath', '>=', lo), eb('series.placePath', '<', hi)]);
            }),
          ),
        );
      }
      const rows = await q.orderBy('series.id').execute();
      return rows.map((r): SelectedSeries => ({ ...r, frequency: r.frequency as Frequency }));
    },
    async readCounts(series) {
      const out = new Map<string, SeriesCounts>();
      for (let i = 0; i < series.length; i += CHUNK) {
        const chunk = series.slice(i, i + CHUNK);
        const rows = await db
          .selectFrom('observations')
          .select(['seriesId', 'epoch', 'revision', 'count', 'population'])
          .where(
            'seriesId',
            'in',
            chunk.map((s) => s.id),
          )
          .orderBy('seriesId')
          .orderBy('epoch')
          .orderBy('revision')
          .execute();
        const bySeries = new Map<string, EpochCount[]>();
        for (const r of rows) {
          let list = bySeries.get(r.seriesId);
          if (list === undefined) {
            list = [];
            bySeries.set(r.seriesId, list);
          }
          const row: EpochCount = { epoch: r.epoch, count: r.count, population: r.population };
          // Rows come by revision within an epoch: a later revision replaces the earlier one.
          if (list.length > 0 && list[list.length - 1].epoch === r.epoch) list[list.length - 1] = row;
          else list.push(row);
        }
        for (const s of chunk) out.set(s.id, countSeriesFromEpochs(s.frequency, bySeries.get(s.id) ?? []));
      }
      return out;
    },
  };
}
