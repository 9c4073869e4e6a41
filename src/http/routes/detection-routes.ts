import { z } from 'zod';
import { OPTION_SPECS } from '../../detection/detectors/option-specs.ts';
import { DETECTORS } from '../../detection/detectors/registry.ts';
import { DETECTION_RUN_STATUSES, DETECTION_TRIGGERS } from '../../domain/detection-run.ts';
import type { ConfigureDetection } from '../../services/configure-detection.ts';
import type { RunDetection } from '../../services/run-detection.ts';
import { actorOf, type TocsinApp } from '../app.ts';

/** A response array: the services return read-only arrays. */
const roArray = <T extends z.ZodType>(item: T) => z.array(item).readonly();

const Frequency = z.enum(['daily', 'weekly', 'monthly']);

const ConfigBody = z.object({
  name: z.string().min(1).max(100),
  algorithm: z.string().min(1).describe('a detector name or R function (GET /api/detection/algorithms)'),
  control: z.record(z.string(), z.unknown()).default({}).describe('R-style control list, e.g. {"b":5,"w":3}'),
  selector: z.object({
    hazardIds: z.array(z.string()).optional(),
    placeIds: z.array(z.string()).optional().describe('place subtrees; none: everywhere'),
    sources: z.array(z.string()).optional(),
    strata: z.array(z.string()).optional(),
    frequency: Frequency,
  }),
  schedule: z.string().nullable().default(null).describe('cron expression, or null for on demand only'),
  monitoredEpochs: z.number().int().min(1).max(520),
  enabled: z.boolean().default(true),
});

const ConfigView = z.object({
  id: z.string(),
  name: z.string(),
  algorithm: z.string(),
  control: z.record(z.string(), z.unknown()),
  selector: z.object({
    hazardIds: roArray(z.string()),
    placeIds: roArray(z.string()),
    sources: roArray(z.string()),
    strata: roArray(z.string()),
    frequency: Frequency,
  }),
  schedule: z.string().nullable(),
  monitoredEpochs: z.number().int(),
  enabled: z.boolean(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

const RunView = z.object({
  id: z.string(),
  configId: z.string(),
  trigger: z.enum(DETECTION_TRIGGERS),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  status: z.enum(DETECTION_RUN_STATUSES),
  seriesCount: z.number().int(),
  alarmCount: z.number().int(),
  signalsOpened: z.number().int(),
  signalsUpdated: z.number().int(),
  problems: roArray(z.object({ seriesId: z.string(), code: z.string(), message: z.string() })),
});

const SeriesResult = z.discriminatedUnion('status', [
  z.object({
    seriesId: z.string(),
    status: z.literal('ok'),
    monitored: z.number().int(),
    alarms: z.number().int(),
    opened: z.number().int(),
    updated: z.number().int(),
  }),
  z.object({ seriesId: z.string(), status: z.literal('problem'), code: z.string(), message: z.string() }),
]);

const IdParams = z.object({ id: z.string().min(1) });

const OptionSpec = z.object({
  name: z.string().describe("R's control name"),
  type: z.enum(['number', 'integer', 'boolean', 'choice', 'numbers', 'json']),
  default: z.unknown().describe("R's default; null where R derives it (the description says how)"),
  choices: roArray(z.string()).optional(),
  description: z.string(),
});

/** Detection configurations (detection:configure), runs on demand (detection:run) and their record. */
export function detectionRoutes(deps: {
  readonly configure: ConfigureDetection;
  readonly detection: RunDetection;
}) {
  return (app: TocsinApp): void => {
    app.get(
      '/api/detection/algorithms',
      {
        schema: {
          tags: ['detection'],
          summary: 'The detection methods a configuration can use, with their options',
          response: {
            200: roArray(
              z.object({
                name: z.string(),
                rFunction: z.string(),
                summary: z.string(),
                options: roArray(OptionSpec),
              }),
            ),
          },
        },
      },
      async (request) => {
        actorOf(request);
        return DETECTORS.map((d) => ({
          name: d.name,
          rFunction: d.rFunction,
          summary: d.summary,
          options: OPTION_SPECS[d.name] ?? [],
        }));
      },
    );

    app.get(
      '/api/detection/configs',
      {
        schema: {
          tags: ['detection'],
          summary: 'Detection configurations that touch your jurisdiction',
          response: { 200: roArray(ConfigView) },
        },
      },
      async (request) => deps.configure.list(actorOf(request)),
    );

    app.post(
      '/api/detection/configs',
      {
        schema: {
          tags: ['detection'],
          summary: 'Create a detection configuration',
          body: ConfigBody,
          response: { 201: ConfigView },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await deps.configure.create(actorOf(request), request.body)),
    );

    app.get(
      '/api/detection/configs/:id',
      {
        schema: {
          tags: ['detection'],
          summary: 'One detection configuration',
          params: IdParams,
          response: { 200: ConfigView },
        },
      },
      async (request) => deps.configure.get(actorOf(request), request.params.id),
    );

    app.put(
      '/api/detection/configs/:id',
      {
        schema: {
          tags: ['detection'],
          summary: 'Replace a detection configuration (at the version read)',
          params: IdParams,
          body: ConfigBody.extend({ version: z.number().int().min(1) }),
          response: { 200: ConfigView },
        },
      },
      async (request) => {
        const { version, ...input } = request.body;
        return deps.configure.update(actorOf(request), request.params.id, version, input);
      },
    );

    app.delete(
      '/api/detection/configs/:id',
      {
        schema: {
          tags: ['detection'],
          summary: 'Delete a detection configuration that never ran (at the version read)',
          params: IdParams,
          querystring: z.object({ version: z.coerce.number().int().min(1) }),
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        await deps.configure.remove(actorOf(request), request.params.id, request.query.version);
        return reply.status(204).send(null);
      },
    );

    app.post(
      '/api/detection/configs/:id/runs',
      {
        schema: {
          tags: ['detection'],
          summary: 'Run a detection configuration now; returns the run with a result per series',
          params: IdParams,
          response: {
            201: z.object({ run: RunView, configName: z.string(), series: roArray(SeriesResult) }),
          },
        },
      },
      async (request, reply) => {
        return reply
          .status(201)
          .send(await deps.detection.run(actorOf(request), request.params.id, 'manual'));
      },
    );

    app.get(
      '/api/detection/runs',
      {
        schema: {
          tags: ['detection'],
          summary: 'Detection runs, newest first',
          querystring: z.object({
            configId: z.string().optional(),
            limit: z.coerce.number().int().min(1).max(200).default(50),
            offset: z.coerce.number().int().min(0).default(0),
          }),
          response: { 200: z.object({ items: roArray(RunView), total: z.number().int() }) },
        },
      },
      async (request) => {
        return deps.configure.listRuns(actorOf(request), request.query);
      },
    );

    app.get(
      '/api/detection/runs/:id',
      {
        schema: {
          tags: ['detection'],
          summary: 'One detection run with its per-series problems',
          params: IdParams,
          response: { 200: RunView },
        },
      },
      async (request) => deps.configure.getRun(actorOf(request), request.params.id),
    );
  };
}
