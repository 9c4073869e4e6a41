import { type Actor, requireJurisdiction, requirePermission } from '../domain/actor.ts';
import { invalid, notFound } from '../domain/errors.ts';
import { type ObservationRepository, type ObservationRevision, valuesAsOf } from '../domain/observation.ts';
import type { ImportRecord, ImportRepository } from '../domain/observation-import.ts';
import { MAX_PAGE_SIZE, type Page } from '../domain/page.ts';
import type { PlaceRepository } from '../domain/place.ts';
import type { Transactor } from '../domain/ports.ts';
import type { SeriesDefinition, SeriesRepository } from '../domain/series-definition.ts';

export interface ReadObservationsStore {
  readonly places: PlaceRepository;
  readonly series: SeriesRepository;
  readonly observations: ObservationRepository;
  readonly imports: ImportRepository;
}

export interface SeriesListFilter {
  readonly hazardId?: string;
  /** Series at this place or below it. */
  readonly placeId?: string;
  readonly source?: string;
  readonly limit: number;
  readonly offset: number;
}

export interface EpochRange {
  readonly from?: string;
  readonly to?: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function checkRange(range: EpochRange): void {
  const problems = [];
  if (range.from !== undefined && !DATE.test(range.from))
    problems.push({ field: 'from', message: 'a date YYYY-MM-DD' });
  if (range.to !== undefined && !DATE.test(range.to))
    problems.push({ field: 'to', message: 'a date YYYY-MM-DD' });
  if (problems.length > 0) throw invalid(problems);
}

function checkPaging(limit: number, offset: number): void {
  const problems = [];
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE)
    problems.push({ field: 'limit', message: `a whole number from 1 to ${MAX_PAGE_SIZE}` });
  if (!Number.isInteger(offset) || offset < 0)
    problems.push({ field: 'offset', message: 'a whole number ≥ 0' });
  if (problems.length > 0) throw invalid(problems);
}

/**
 * Reading series and their values (permission observation:read, within the actor's jurisdiction): the
 * current values, the values as known at an earlier time, every revision, and the import records.
 */
export function readObservations(deps: { readonly tx: Transactor<ReadObservationsStore> }) {
  const { tx } = deps;

  async function visibleSeries(
    store: ReadObservationsStore,
    actor: Actor,
    id: string,
  ): Promise<SeriesDefinition> {
    const series = await store.series.byId(id);
    if (series === undefined) throw notFound('series', id);
    requireJurisdiction(actor, series.placePath, `series ${id}`);
    return series;
  }

  return {
    async listSeries(actor: Actor, filter: SeriesListFilter): Promise<Page<SeriesDefinition>> {
      requirePermission(actor, 'observation:read');
      checkPaging(filter.limit, filter.offset);
      return tx.transaction(async (store) => {
        let placePath: string | undefined;
        if (filter.placeId !== undefined) {
          const place = await store.places.byId(filter.placeId);
          if (place === undefined) throw notFound('place', filter.placeId);
          placePath = place.path;
        }
        return store.series.list({
          withinPath: actor.jurisdictionPath,
          hazardId: filter.hazardId,
          placePath,
          source: filter.source,
          limit: filter.limit,
          offset: filter.offset,
        });
      });
    },

    async getSeries(actor: Actor, id: string): Promise<SeriesDefinition> {
      requirePermission(actor, 'observation:read');
      return tx.transaction((store) => visibleSeries(store, actor, id));
    },

    /**
     * The value of each epoch: the latest revision, or with `asOf` (an ISO time) the latest one recorded
     * by then — the series as it was known at that moment.
     */
    async seriesValues(
      actor: Actor,
      id: string,
      options: EpochRange & { readonly asOf?: string } = {},
    ): Promise<{ readonly series: SeriesDefinition; readonly values: ReadonlyArray<ObservationRevision> }> {
      requirePermission(actor, 'observation:read');
      checkRange(options);
      let asOf: string | undefined;
      if (options.asOf !== undefined) {
        const t = Date.parse(options.asOf);
        if (Number.isNaN(t))
          throw invalid([{ field: 'asOf', message: 'an ISO 8601 time, e.g. 2026-11-28T10:00:00Z' }]);
        asOf = new Date(t).toISOString();
      }
      return tx.transaction(async (store) => {
        const series = await visibleSeries(store, actor, id);
        const revisions = await store.observations.revisions(id, options);
        return { series, values: valuesAsOf(revisions, asOf) };
      });
    },

    /** Every revision of every epoch (the correction history). */
    async seriesRevisions(
      actor: Actor,
      id: string,
      range: EpochRange = {},
    ): Promise<{
      readonly series: SeriesDefinition;
      readonly revisions: ReadonlyArray<ObservationRevision>;
    }> {
      requirePermission(actor, 'observation:read');
      checkRange(range);
      return tx.transaction(async (store) => {
        const series = await visibleSeries(store, actor, id);
        return { series, revisions: await store.observations.revisions(id, range) };
      });
    },

    async listImports(actor: Actor, limit: number, offset: number): Promise<Page<ImportRecord>> {
      requirePermission(actor, 'observation:read');
      checkPaging(limit, offset);
      return tx.transaction((store) => store.imports.list(limit, offset));
    },

    async getImport(actor: Actor, id: string): Promise<ImportRecord> {
      requirePermission(actor, 'observation:read');
      const record = await tx.transaction((store) => store.imports.byId(id));
      if (record === undefined) throw notFound('import', id);
      return record;
    },
  };
}

export type ReadObservationsService = ReturnType<typeof readObservations>;
