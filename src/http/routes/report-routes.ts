import { z } from 'zod';
import { DomainError, invalid } from '../../domain/errors.ts';
import { type ReportItem, reportItemFromJson } from '../../domain/report.ts';
import { SOURCE_KINDS } from '../../domain/source.ts';
import type { IngestReports } from '../../services/ingest-reports.ts';
import type { ManageSources } from '../../services/manage-sources.ts';
import type { PullSources } from '../../services/pull-sources.ts';
import type { ReadReports } from '../../services/read-reports.ts';
import type { ReportFeedback } from '../../services/report-feedback.ts';
import { actorOf, type TocsinApp } from '../app.ts';

const roArray = <T extends z.ZodType>(item: T) => z.array(item).readonly();

const Tags = z.object({
  language: z.string(),
  relevance: z.number(),
  countries: roArray(z.string()),
  mentionedCountries: roArray(z.string()),
  places: roArray(z.object({ id: z.string(), name: z.string(), level: z.string(), country: z.string() })),
  hazards: roArray(z.object({ id: z.string(), name: z.string(), icd10: z.string().nullable() })),
  cases: z.number().nullable(),
  deaths: z.number().nullable(),
});

export const ReportView = z.object({
  id: z.string(),
  sourceId: z.string(),
  externalId: z.string(),
  url: z.string().nullable(),
  title: z.string().describe('plain text: markup was removed when the report was stored'),
  text: z.string(),
  language: z.string(),
  publishedAt: z.string(),
  fetchedAt: z.string(),
  contentKey: z.string(),
  duplicateOf: z.string().nullable().describe('the earlier report this one repeats'),
  duplicateKind: z.enum(['exact', 'near']).nullable(),
  similarity: z.number().nullable(),
  relevance: z.number(),
  tags: Tags,
  placeId: z.string().nullable(),
  placePath: z.string(),
  storyIds: roArray(z.string()),
});

export const JudgementView = z.object({
  id: z.string(),
  reportId: z.string(),
  userId: z.string(),
  relevant: z.boolean(),
  reason: z.string().nullable(),
  createdAt: z.string(),
  version: z.number().int().describe('1 for the user’s first judgement of the report, then 2, 3, …'),
  supersededAt: z.string().nullable().describe('when a later judgement replaced it; null while current'),
});

export const ReportFeedbackView = z.object({
  reportId: z.string(),
  mine: JudgementView.nullable().describe('your current judgement'),
  current: roArray(JudgementView).describe('every user’s current judgement'),
  history: roArray(JudgementView).describe('all judgements, superseded ones included, oldest first'),
});

const ListedReportView = ReportView.extend({
  myFeedback: JudgementView.nullable().describe('your current relevance judgement (null: none)'),
});

export const SourceView = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(SOURCE_KINDS),
  url: z.string().nullable(),
  active: z.boolean(),
  pullMinutes: z.number().int(),
  etag: z.string().nullable(),
  lastModified: z.string().nullable(),
  lastPullAt: z.string().nullable(),
  lastSuccessAt: z.string().nullable(),
  lastErrorAt: z.string().nullable(),
  lastError: z.string().nullable(),
  itemsSeen: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});

const ItemOutcome = z.object({
  index: z.number().int(),
  status: z.enum(['stored', 'duplicate', 'already-stored', 'error']),
  reportId: z.string().optional(),
  storyIds: roArray(z.string()).optional(),
  duplicateOf: z.string().optional(),
  kind: z.enum(['exact', 'near']).optional(),
  externalId: z.string().optional(),
  message: z.string().optional(),
});

export const IngestOutcomeView = z.object({
  sourceId: z.string(),
  stored: z.number().int(),
  duplicates: z.number().int(),
  alreadyStored: z.number().int(),
  errors: z.number().int(),
  storiesOpened: z.number().int(),
  storiesUpdated: z.number().int(),
  signalIds: roArray(z.string()),
  items: roArray(ItemOutcome),
  warnings: roArray(z.string()),
});

const IdParams = z.object({ id: z.string().min(1) });

const SourceInput = z.object({
  name: z.string().min(1).max(200),
  kind: z.enum(SOURCE_KINDS).optional(),
  url: z.string().max(2000).nullable().optional(),
  active: z.boolean().optional(),
  pullMinutes: z.number().int().optional(),
});

/** Items of a request body, each checked as a report; problems name the item. */
function itemsOf(values: ReadonlyArray<unknown>): ReportItem[] {
  return values.map((v, i) => {
    try {
      return reportItemFromJson(v);
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      const problems = (err.details as { problems?: Array<{ field: string; message: string }> } | undefined)
        ?.problems ?? [{ field: '(item)', message: err.message }];
      throw invalid(problems.map((p) => ({ field: `items[${i}].${p.field}`, message: p.message })));
    }
  });
}

/**
 * Event-based reports and their sources: reading reports (signal:read, by jurisdiction), posting
 * reports to a source (observation:import, whole-world jurisdiction), the source registry (read:
 * reference:read; edit: reference:admin) with its health, and pulling a feed on demand.
 */
export function reportRoutes(deps: {
  readonly ingest: IngestReports;
  readonly reports: ReadReports;
  readonly sources: ManageSources;
  /** Pulls one feed source now. */
  readonly pull?: Pick<PullSources, 'pull'>;
  /** Analysts' relevance feedback (judge, read, export for retraining). */
  readonly feedback?: ReportFeedback;
}) {
  return (app: TocsinApp): void => {
    app.get(
      '/api/reports',
      {
        schema: {
          tags: ['reports'],
          summary: 'Reports about places in your jurisdiction, latest first',
          querystring: z.object({
            source: z.string().optional().describe('a source id'),
            country: z.string().optional().describe('ISO 3166-1 alpha-2 of the (first) affected country'),
            story: z
              .string()
              .optional()
              .describe(
                'a story id (an event-based signal’s details.storyId): its reports and their duplicates',
              ),
            from: z.string().optional().describe('published on or after (ISO date or time)'),
            to: z.string().optional().describe('published before (ISO date or time)'),
            limit: z.coerce.number().int().min(1).max(500).optional(),
            offset: z.coerce.number().int().min(0).optional(),
          }),
          response: { 200: z.object({ items: roArray(ListedReportView) }) },
        },
      },
      async (request) => {
        const q = request.query;
        const items = await deps.reports.list(actorOf(request), {
          sourceId: q.source,
          country: q.country,
          storyId: q.story,
          from: q.from,
          to: q.to,
          limit: q.limit,
          offset: q.offset,
        });
        return { items };
      },
    );

    const feedback = deps.feedback;
    if (feedback !== undefined) {
      app.get(
        '/api/reports/feedback.jsonl',
        {
          schema: {
            tags: ['reports'],
            summary:
              'Current relevance judgements of reports in your jurisdiction, one JSON line each, for retraining the relevance model',
            description:
              'Each line: {"id","title","text","language","label" (1 relevant, 0 not),"relevant","modelRelevance","reason","judgedBy","judgedAt","sourceId","publishedAt"}. title and text are what the relevance model is trained on (bench/ebs/fit-tagging-models.ts).',
            querystring: z.object({ limit: z.coerce.number().int().min(1).max(1_000_000).optional() }),
            produces: ['application/x-ndjson'],
            response: { 200: z.string().describe('JSON lines') },
          },
        },
        async (request, reply) => {
          const lines = await feedback.exportTraining(actorOf(request), { limit: request.query.limit });
          reply.type('application/x-ndjson; charset=utf-8');
          reply.header('content-disposition', 'attachment; filename="report-feedback.jsonl"');
          return lines.map((l) => `${JSON.stringify(l)}\n`).join('');
        },
      );

      app.get(
        '/api/reports/:id/feedback',
        {
          schema: {
            tags: ['reports'],
            summary: 'Relevance judgements of a report: yours, everyone’s current ones and the history',
            params: IdParams,
            response: { 200: ReportFeedbackView },
          },
        },
        async (request) => feedback.feedbackOf(actorOf(request), request.params.id),
      );

      app.post(
        '/api/reports/:id/feedback',
        {
          schema: {
            tags: ['reports'],
            summary:
              'Judge a report relevant or not (kept for retraining); a new judgement replaces your current one, which stays in the history',
            params: IdParams,
            body: z.object({
              relevant: z.boolean(),
              reason: z.string().max(2000).nullable().optional(),
            }),
            response: { 200: ReportFeedbackView },
          },
        },
        async (request) => feedback.judge(actorOf(request), request.params.id, request.body),
      );
    }

    app.get(
      '/api/reports/:id',
      {
        schema: {
          tags: ['reports'],
          summary: 'One report with its tags, duplicate link and stories',
          params: IdParams,
          response: { 200: ReportView },
        },
      },
      async (request) => deps.reports.get(actorOf(request), request.params.id),
    );

    app.post(
      '/api/sources/:id/reports',
      {
        schema: {
          tags: ['reports'],
          summary:
            'Store reports from a source: tagged, duplicates linked, stories opened or updated as event-based signals',
          params: IdParams,
          body: z.object({ items: z.array(z.unknown()).min(1).max(5000) }),
          response: { 200: IngestOutcomeView },
        },
      },
      async (request) => deps.ingest(actorOf(request), request.params.id, itemsOf(request.body.items)),
    );

    app.get(
      '/api/sources',
      {
        schema: {
          tags: ['reports'],
          summary: 'The report sources with their health (last success, last error, items seen)',
          response: { 200: z.object({ items: roArray(SourceView) }) },
        },
      },
      async (request) => ({ items: await deps.sources.list(actorOf(request)) }),
    );

    app.get(
      '/api/sources/:id',
      {
        schema: {
          tags: ['reports'],
          summary: 'One report source with its health',
          params: IdParams,
          response: { 200: SourceView },
        },
      },
      async (request) => deps.sources.get(actorOf(request), request.params.id),
    );

    app.post(
      '/api/sources',
      {
        schema: {
          tags: ['reports'],
          summary: 'Add a report source (a feed URL, or a name for file imports)',
          body: SourceInput,
          response: { 201: SourceView },
        },
      },
      async (request, reply) => {
        const source = await deps.sources.add(actorOf(request), request.body);
        reply.code(201);
        return source;
      },
    );

    app.patch(
      '/api/sources/:id',
      {
        schema: {
          tags: ['reports'],
          summary: 'Edit a report source at the version you read',
          params: IdParams,
          body: SourceInput.partial().extend({ version: z.number().int().min(1) }),
          response: { 200: SourceView },
        },
      },
      async (request) => {
        const { version, ...changes } = request.body;
        return deps.sources.update(actorOf(request), request.params.id, version, changes);
      },
    );

    const pull = deps.pull;
    if (pull !== undefined)
      app.post(
        '/api/sources/:id/pull',
        {
          schema: {
            tags: ['reports'],
            summary: 'Pull a feed source now (its health records the outcome)',
            params: IdParams,
            response: {
              200: z.object({
                sourceId: z.string(),
                name: z.string(),
                status: z.enum(['ok', 'not-modified', 'error']),
                items: z.number().int().optional(),
                message: z.string().optional(),
                ingest: IngestOutcomeView.optional(),
              }),
            },
          },
        },
        async (request) => pull.pull(actorOf(request), request.params.id),
      );
  };
}
