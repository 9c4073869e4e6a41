import { z } from 'zod';
import { SIGNAL_LINK_KINDS, SIGNAL_SOURCES, SIGNAL_STATES } from '../../domain/signal.ts';
import { SIGNAL_PRIORITIES } from '../../domain/signal-priority.ts';
import { SIGNAL_SORTS } from '../../domain/signal-query.ts';
import type { SignalInbox } from '../../services/signal-inbox.ts';
import type { TriageSignal } from '../../services/triage-signal.ts';
import { actorOf, type TocsinApp } from '../app.ts';

/** A response array: the services return read-only arrays. */
const roArray = <T extends z.ZodType>(item: T) => z.array(item).readonly();

const Baseline = z.object({
  stretches: roArray(z.object({ from: z.string(), to: z.string(), epochs: z.number() })),
  epochs: z.number(),
  description: z.string(),
});

const Explanation = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('indicator'),
    epoch: z.string(),
    observed: z.number().nullable(),
    expected: z.number().nullable(),
    upperBound: z.number().nullable(),
    score: z.number().nullable(),
    baseline: Baseline,
    algorithm: z.string(),
    rFunction: z.string(),
    control: z.record(z.string(), z.unknown()),
    detectorVersion: z.string(),
    configId: z.string(),
    configName: z.string(),
    configVersion: z.number(),
    runId: z.string(),
    alarmCount: z.number(),
  }),
  z.object({
    kind: z.literal('event-based'),
    summary: z.string(),
    details: z.record(z.string(), z.unknown()).optional(),
  }),
]);

export const SignalView = z.object({
  id: z.string(),
  source: z.enum(SIGNAL_SOURCES),
  state: z.enum(SIGNAL_STATES),
  title: z.string(),
  hazardId: z.string().nullable(),
  placeId: z.string().nullable(),
  placePath: z.string(),
  seriesId: z.string().nullable(),
  configId: z.string().nullable(),
  firstEpoch: z.string(),
  lastEpoch: z.string(),
  explanation: Explanation,
  priority: z.enum(SIGNAL_PRIORITIES),
  assigneeId: z.string().nullable(),
  mergedIntoId: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});

const Alarm = z.object({
  signalId: z.string(),
  epoch: z.string(),
  runId: z.string(),
  observed: z.number().nullable(),
  expected: z.number().nullable(),
  upperBound: z.number().nullable(),
  score: z.number().nullable(),
});

const Details = z.object({
  signal: SignalView,
  alarms: roArray(Alarm),
  transitions: roArray(
    z.object({
      id: z.string(),
      signalId: z.string(),
      fromState: z.enum(SIGNAL_STATES).nullable(),
      toState: z.enum(SIGNAL_STATES),
      actorId: z.string(),
      at: z.string(),
      reason: z.string().nullable(),
    }),
  ),
  comments: roArray(
    z.object({
      id: z.string(),
      signalId: z.string(),
      authorId: z.string(),
      body: z.string(),
      at: z.string(),
    }),
  ),
  links: roArray(
    z.object({
      signalId: z.string(),
      otherSignalId: z.string(),
      kind: z.enum(SIGNAL_LINK_KINDS),
      createdBy: z.string(),
      at: z.string(),
    }),
  ),
  mergedIds: roArray(z.string()),
});

/** A comma-separated list in a query parameter (`state=new,under-review`). */
const list = (description: string) =>
  z
    .string()
    .optional()
    .describe(`${description} (comma-separated)`)
    .transform((v) =>
      v === undefined
        ? undefined
        : v
            .split(',')
            .map((x) => x.trim())
            .filter((x) => x !== ''),
    );

const IdParams = z.object({ id: z.string().min(1) });
const Version = z.number().int().min(1).describe('the version of the signal as the client read it');

/** The signal inbox and triage (permissions signal:read / signal:triage; jurisdiction checked by the services). */
export function signalRoutes(deps: { readonly inbox: SignalInbox; readonly triage: TriageSignal }) {
  return (app: TocsinApp): void => {
    app.get(
      '/api/signals',
      {
        schema: {
          tags: ['signals'],
          summary: 'The signal inbox: filtered, sorted and paged (open signals by default)',
          querystring: z.object({
            hazard: list('hazard ids'),
            place: z.string().optional().describe('a place id: only signals in its subtree'),
            source: list(`sources: ${SIGNAL_SOURCES.join(', ')}`),
            state: list(`states: ${SIGNAL_STATES.join(', ')}; default new, under-review, monitoring`),
            from: z.string().optional().describe('YYYY-MM-DD: signals last seen (last epoch) on or after it'),
            to: z.string().optional().describe('YYYY-MM-DD: signals last seen (last epoch) on or before it'),
            assignee: z.string().optional().describe('a user id, "me" or "none"'),
            q: z.string().max(200).optional().describe('text in the title'),
            sort: z.enum(SIGNAL_SORTS).optional(),
            direction: z.enum(['asc', 'desc']).optional(),
            limit: z.coerce.number().int().min(1).max(200).optional(),
            cursor: z.string().optional().describe('nextCursor of the previous page (keyset paging)'),
            offset: z.coerce.number().int().min(0).optional().describe('offset paging, instead of cursor'),
          }),
          response: {
            200: z.object({
              items: roArray(SignalView),
              total: z.number().int().describe('matching signals, exact up to 100,000 (see totalExact)'),
              totalExact: z.boolean().describe('false: more than 100,000 match and total is a lower bound'),
              nextCursor: z.string().nullable(),
            }),
          },
        },
      },
      async (request) => {
        const q = request.query;
        const page = await deps.inbox.list(actorOf(request), {
          hazardIds: q.hazard,
          placeId: q.place,
          sources: q.source,
          states: q.state,
          from: q.from,
          to: q.to,
          assignee: q.assignee,
          text: q.q,
          sort: q.sort,
          direction: q.direction,
          limit: q.limit,
          cursor: q.cursor,
          offset: q.offset,
        });
        return page;
      },
    );

    app.get(
      '/api/signals/:id',
      {
        schema: {
          tags: ['signals'],
          summary:
            'One signal with its alarms, transitions, comments and links (duplicates merged into it included)',
          params: IdParams,
          response: { 200: Details },
        },
      },
      async (request) => deps.inbox.get(actorOf(request), request.params.id),
    );

    app.get(
      '/api/signals/:id/history',
      {
        schema: {
          tags: ['signals'],
          summary:
            'Everything done to the signal (transitions, assignments, comments, links, merges), oldest first',
          params: IdParams,
          response: {
            200: roArray(
              z.object({
                seq: z.number(),
                at: z.string(),
                actorId: z.string(),
                action: z.string(),
                before: z.string().nullable().describe('the signal before, as JSON'),
                after: z.string().nullable().describe('the signal after, as JSON'),
                reason: z.string().nullable(),
              }),
            ),
          },
        },
      },
      async (request) =>
        (await deps.inbox.history(actorOf(request), request.params.id)).map((e) => ({
          seq: e.seq,
          at: e.at,
          actorId: e.actorId,
          action: e.action,
          before: e.before,
          after: e.after,
          reason: e.reason,
        })),
    );

    app.post(
      '/api/signals/:id/transitions',
      {
        schema: {
          tags: ['signals'],
          summary: 'Move the signal to another state, with a reason',
          params: IdParams,
          body: z.object({
            version: Version,
            to: z.enum(SIGNAL_STATES),
            reason: z.string().min(1).max(2000),
          }),
          response: { 200: SignalView },
        },
      },
      async (request) => deps.triage.transition(actorOf(request), request.params.id, request.body),
    );

    app.put(
      '/api/signals/:id/assignee',
      {
        schema: {
          tags: ['signals'],
          summary: 'Assign the signal to a user (null unassigns)',
          params: IdParams,
          body: z.object({
            version: Version,
            assigneeId: z.string().min(1).nullable(),
            reason: z.string().max(2000).optional(),
          }),
          response: { 200: SignalView },
        },
      },
      async (request) => deps.triage.assign(actorOf(request), request.params.id, request.body),
    );

    app.put(
      '/api/signals/:id/priority',
      {
        schema: {
          tags: ['signals'],
          summary: 'Set the priority of the signal',
          params: IdParams,
          body: z.object({
            version: Version,
            priority: z.enum(SIGNAL_PRIORITIES),
            reason: z.string().max(2000).optional(),
          }),
          response: { 200: SignalView },
        },
      },
      async (request) => deps.triage.prioritise(actorOf(request), request.params.id, request.body),
    );

    app.post(
      '/api/signals/:id/comments',
      {
        schema: {
          tags: ['signals'],
          summary: 'Comment on the signal',
          params: IdParams,
          body: z.object({ version: Version, body: z.string().min(1).max(10_000) }),
          response: { 201: SignalView },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await deps.triage.comment(actorOf(request), request.params.id, request.body)),
    );

    app.post(
      '/api/signals/:id/links',
      {
        schema: {
          tags: ['signals'],
          summary: 'Link a related signal (shown on both)',
          params: IdParams,
          body: z.object({
            version: Version,
            otherSignalId: z.string().min(1),
            kind: z.enum(SIGNAL_LINK_KINDS).optional(),
          }),
          response: { 200: SignalView },
        },
      },
      async (request) => deps.triage.link(actorOf(request), request.params.id, request.body),
    );

    app.delete(
      '/api/signals/:id/links/:otherId',
      {
        schema: {
          tags: ['signals'],
          summary: 'Remove the link between two signals',
          params: z.object({ id: z.string().min(1), otherId: z.string().min(1) }),
          querystring: z.object({ version: z.coerce.number().int().min(1) }),
          response: { 200: SignalView },
        },
      },
      async (request) =>
        deps.triage.unlink(actorOf(request), request.params.id, {
          version: request.query.version,
          otherSignalId: request.params.otherId,
        }),
    );

    app.post(
      '/api/signals/:id/merge',
      {
        schema: {
          tags: ['signals'],
          summary: 'Merge this duplicate into a target signal',
          params: IdParams,
          body: z.object({
            version: Version,
            targetId: z.string().min(1),
            targetVersion: z.number().int().min(1),
            reason: z.string().min(1).max(2000),
          }),
          response: { 200: z.object({ duplicate: SignalView, target: SignalView }) },
        },
      },
      async (request) => deps.triage.merge(actorOf(request), request.params.id, request.body),
    );
  };
}
