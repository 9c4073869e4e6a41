import { z } from 'zod';
import { EVENT_STATUSES } from '../../domain/event.ts';
import type { EscalateEventService } from '../../services/escalate-event.ts';
import type { ManageEventService } from '../../services/manage-event.ts';
import type { SituationReportsService } from '../../services/situation-reports.ts';
import { actorOf, type TocsinApp } from '../app.ts';
import {
  DraftReportBody,
  EscalateBody,
  EventDetailsView,
  EventPatchBody,
  EventStatusBody,
  EventView,
  IdParams,
  LinkSignalsBody,
  Paging,
  roArray,
  SituationReportView,
  TimelineEntryView,
} from '../response-contract.ts';

const ReportParams = z.object({ id: z.string().min(1), version: z.coerce.number().int().min(1) });

/**
 * Events: escalation from verified signals (event:escalate), reading (event:read), management and
 * situation reports (event:manage). Jurisdiction is checked by the services.
 */
export function eventRoutes(deps: {
  readonly escalation: EscalateEventService;
  readonly events: ManageEventService;
  readonly reports: SituationReportsService;
}) {
  return (app: TocsinApp): void => {
    app.post(
      '/api/events',
      {
        schema: {
          tags: ['events'],
          summary: 'Escalate one or more verified signals to an event',
          body: EscalateBody,
          response: { 201: EventView },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await deps.escalation.escalate(actorOf(request), request.body)),
    );
    app.get(
      '/api/events',
      {
        schema: {
          tags: ['events'],
          summary: 'Events in your jurisdiction, newest first',
          querystring: z.object({
            status: z.enum(EVENT_STATUSES).optional(),
            hazard: z.string().optional().describe('a hazard id'),
            ...Paging,
          }),
          response: { 200: z.object({ items: roArray(EventView), total: z.number().int() }) },
        },
      },
      async (request) =>
        deps.events.list(actorOf(request), {
          status: request.query.status,
          hazardId: request.query.hazard,
          limit: request.query.limit,
          offset: request.query.offset,
        }),
    );
    app.get(
      '/api/events/:id',
      {
        schema: {
          tags: ['events'],
          summary: 'An event with its signals, deadlines (and their status) and latest assessments',
          params: IdParams,
          response: { 200: EventDetailsView },
        },
      },
      async (request) => deps.events.get(actorOf(request), request.params.id),
    );
    app.patch(
      '/api/events/:id',
      {
        schema: {
          tags: ['events'],
          summary: 'Change the title, lead department or coordinator of an event',
          params: IdParams,
          body: EventPatchBody,
          response: { 200: EventView },
        },
      },
      async (request) => {
        const { version, reason, ...patch } = request.body;
        return deps.events.update(actorOf(request), request.params.id, version, patch, reason);
      },
    );
    app.post(
      '/api/events/:id/status',
      {
        schema: {
          tags: ['events'],
          summary: 'Move an event along active ⇄ contained → closed',
          params: IdParams,
          body: EventStatusBody,
          response: { 200: EventView },
        },
      },
      async (request) =>
        deps.events.changeStatus(
          actorOf(request),
          request.params.id,
          request.body.version,
          request.body.status,
          request.body.reason,
        ),
    );
    app.post(
      '/api/events/:id/signals',
      {
        schema: {
          tags: ['events'],
          summary: 'Add verified signals to an event (their deadlines follow)',
          params: IdParams,
          body: LinkSignalsBody,
          response: { 200: EventView },
        },
      },
      async (request) =>
        deps.events.linkSignals(
          actorOf(request),
          request.params.id,
          request.body.version,
          request.body.signalIds,
        ),
    );
    app.delete(
      '/api/events/:id/signals/:signalId',
      {
        schema: {
          tags: ['events'],
          summary: 'Take a signal out of an event, with a reason (the event keeps at least one)',
          params: z.object({ id: z.string().min(1), signalId: z.string().min(1) }),
          querystring: z.object({
            version: z.coerce.number().int().min(1),
            reason: z.string().min(1).max(2000),
          }),
          response: { 200: EventView },
        },
      },
      async (request) =>
        deps.events.unlinkSignal(
          actorOf(request),
          request.params.id,
          request.query.version,
          request.params.signalId,
          request.query.reason,
        ),
    );
    app.get(
      '/api/events/:id/timeline',
      {
        schema: {
          tags: ['events'],
          summary: 'Everything that happened to an event, in order',
          params: IdParams,
          response: { 200: roArray(TimelineEntryView) },
        },
      },
      async (request) => deps.events.timeline(actorOf(request), request.params.id),
    );
    app.get(
      '/api/events/:id/situation-reports',
      {
        schema: {
          tags: ['situation reports'],
          summary: 'Every situation report version of an event, newest first',
          params: IdParams,
          response: { 200: roArray(SituationReportView) },
        },
      },
      async (request) => deps.reports.list(actorOf(request), request.params.id),
    );
    app.post(
      '/api/events/:id/situation-reports',
      {
        schema: {
          tags: ['situation reports'],
          summary: 'Save a situation report draft as the next version',
          params: IdParams,
          body: DraftReportBody,
          response: { 201: SituationReportView },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(
            await deps.reports.draft(
              actorOf(request),
              request.params.id,
              request.body.body,
              request.body.basedOnVersion,
            ),
          ),
    );
    app.get(
      '/api/events/:id/situation-reports/:version',
      {
        schema: {
          tags: ['situation reports'],
          summary: 'One situation report version',
          params: ReportParams,
          response: { 200: SituationReportView },
        },
      },
      async (request) => deps.reports.get(actorOf(request), request.params.id, request.params.version),
    );
    app.post(
      '/api/events/:id/situation-reports/:version/publish',
      {
        schema: {
          tags: ['situation reports'],
          summary: 'Publish the latest situation report version',
          params: ReportParams,
          response: { 200: SituationReportView },
        },
      },
      async (request) => deps.reports.publish(actorOf(request), request.params.id, request.params.version),
    );
  };
}
