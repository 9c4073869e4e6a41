import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { MAX_PAGE_SIZE } from '../../domain/page.ts';
import type { ImportObservations } from '../../services/import-observations.ts';
import type { ReadObservationsService } from '../../services/read-observations.ts';
import { actorOf, type TocsinApp } from '../app.ts';

const ImportRecord = z.object({
  id: z.string(),
  kind: z.literal('observations'),
  fileName: z.string(),
  sha256: z.string(),
  rows: z.number().int(),
  inserted: z.number().int(),
  revised: z.number().int(),
  unchanged: z.number().int(),
  actorId: z.string(),
  createdAt: z.string(),
});

const Series = z.object({
  id: z.string(),
  hazardId: z.string(),
  placeId: z.string(),
  placePath: z.string(),
  stratum: z.string(),
  source: z.string(),
  frequency: z.enum(['daily', 'weekly', 'monthly']),
  unit: z.string(),
  createdAt: z.string(),
});

const Revision = z.object({
  seriesId: z.string(),
  epoch: z.string(),
  revision: z.number().int(),
  count: z.number().nullable(),
  population: z.number().nullable(),
  importId: z.string(),
  recordedAt: z.string(),
});

const ObservationObject = z.record(z.string(), z.union([z.string(), z.number(), z.null()]));
const IdParams = z.object({ id: z.string().min(1) });
const Range = {
  from: z.string().optional(),
  to: z.string().optional(),
};
const paging = {
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(50),
  offset: z.coerce.number().int().min(0).default(0),
};

/**
 * Observations: imports (CSV as `text/csv`, or a JSON array of row objects; permission
 * observation:import), import records, series and their values — current, as known at an earlier time,
 * and every revision (permission observation:read, within the caller's jurisdiction).
 */
export function observationRoutes(deps: {
  readonly importObservations: ImportObservations;
  readonly observations: ReadObservationsService;
}) {
  const { importObservations, observations } = deps;
  return async (app: TocsinApp): Promise<void> => {
    // CSV bodies are parsed as text only here (encapsulated), leaving the rest of the API JSON-only.
    await app.register(async (plugin) => {
      const scoped = plugin.withTypeProvider<ZodTypeProvider>();
      scoped.addContentTypeParser('text/csv', { parseAs: 'string' }, (_request, body, done) => {
        done(null, body);
      });
      scoped.post(
        '/api/observations/imports',
        {
          schema: {
            tags: ['observations'],
            summary: 'Import observations: all rows or none; re-importing the same data changes nothing',
            description:
              'Send CSV as `text/csv` (header `hazard,place,stratum,source,frequency,date,count[,population][,unit]`) ' +
              'or a JSON array of objects with those fields. A bad row rejects the whole import (422, every problem ' +
              'with its line or record, column and field); a corrected value becomes a new revision.',
            querystring: z.object({ fileName: z.string().min(1).max(200).optional() }),
            body: z.union([z.string(), z.array(ObservationObject)]),
            response: { 201: z.object({ record: ImportRecord, seriesCreated: z.number().int() }) },
          },
        },
        async (request, reply) => {
          const body = request.body;
          const csv = typeof body === 'string';
          const outcome = await importObservations(actorOf(request), {
            fileName: request.query.fileName ?? (csv ? 'upload.csv' : 'upload.json'),
            format: csv ? 'csv' : 'json',
            content: body,
          });
          return reply.status(201).send(outcome);
        },
      );
    });
    app.get(
      '/api/observations/imports',
      {
        schema: {
          tags: ['observations'],
          summary: 'Import records, newest first',
          querystring: z.object(paging),
          response: {
            200: z.object({
              items: z.array(ImportRecord),
              total: z.number().int(),
              limit: z.number().int(),
              offset: z.number().int(),
            }),
          },
        },
      },
      async (request) => {
        const { limit, offset } = request.query;
        const page = await observations.listImports(actorOf(request), limit, offset);
        return { items: [...page.items], total: page.total, limit, offset };
      },
    );
    app.get(
      '/api/observations/imports/:id',
      {
        schema: {
          tags: ['observations'],
          summary: 'One import record',
          params: IdParams,
          response: { 200: ImportRecord },
        },
      },
      async (request) => observations.getImport(actorOf(request), request.params.id),
    );
    app.get(
      '/api/series',
      {
        schema: {
          tags: ['observations'],
          summary: 'Series in your jurisdiction, filtered by hazard, place (subtree) and source, paged',
          querystring: z.object({
            hazard: z.string().optional(),
            place: z.string().optional(),
            source: z.string().optional(),
            ...paging,
          }),
          response: {
            200: z.object({
              items: z.array(Series),
              total: z.number().int(),
              limit: z.number().int(),
              offset: z.number().int(),
            }),
          },
        },
      },
      async (request) => {
        const q = request.query;
        const page = await observations.listSeries(actorOf(request), {
          hazardId: q.hazard,
          placeId: q.place,
          source: q.source,
          limit: q.limit,
          offset: q.offset,
        });
        return { items: [...page.items], total: page.total, limit: q.limit, offset: q.offset };
      },
    );
    app.get(
      '/api/series/:id',
      {
        schema: {
          tags: ['observations'],
          summary: 'One series',
          params: IdParams,
          response: { 200: Series },
        },
      },
      async (request) => observations.getSeries(actorOf(request), request.params.id),
    );
    app.get(
      '/api/series/:id/observations',
      {
        schema: {
          tags: ['observations'],
          summary: 'The value of each epoch: the latest revision, or with asOf the latest recorded by then',
          params: IdParams,
          querystring: z.object({ asOf: z.string().optional(), ...Range }),
          response: { 200: z.object({ series: Series, values: z.array(Revision) }) },
        },
      },
      async (request) => {
        const r = await observations.seriesValues(actorOf(request), request.params.id, request.query);
        return { series: r.series, values: [...r.values] };
      },
    );
    app.get(
      '/api/series/:id/revisions',
      {
        schema: {
          tags: ['observations'],
          summary: 'Every revision of every epoch (the correction history)',
          params: IdParams,
          querystring: z.object(Range),
          response: { 200: z.object({ series: Series, revisions: z.array(Revision) }) },
        },
      },
      async (request) => {
        const r = await observations.seriesRevisions(actorOf(request), request.params.id, request.query);
        return { series: r.series, revisions: [...r.revisions] };
      },
    );
  };
}
