import { z } from 'zod';
import { DEADLINE_STATUSES } from '../../domain/deadline.ts';
import type { TrackDeadlinesService } from '../../services/track-deadlines.ts';
import { actorOf, type TocsinApp } from '../app.ts';
import { DeadlineView, IdParams, LegalRuleView, Paging, roArray } from '../response-contract.ts';

/** Legal rules and the deadlines view (deadline:read); marking a deadline met (event:manage). */
export function deadlineRoutes(deps: { readonly deadlines: TrackDeadlinesService }) {
  return (app: TocsinApp): void => {
    app.get(
      '/api/deadlines',
      {
        schema: {
          tags: ['deadlines'],
          summary: 'Due, met and breached deadlines in your jurisdiction, soonest due first',
          querystring: z.object({
            status: z.enum(DEADLINE_STATUSES).optional(),
            event: z.string().optional().describe('an event id'),
            subjectType: z.enum(['signal', 'event']).optional(),
            subject: z.string().optional().describe('a signal or event id'),
            rule: z.string().optional().describe('a rule code, e.g. IHR-ART6'),
            ...Paging,
          }),
          response: { 200: z.object({ items: roArray(DeadlineView), total: z.number().int() }) },
        },
      },
      async (request) => {
        const q = request.query;
        return deps.deadlines.list(actorOf(request), {
          status: q.status,
          eventId: q.event,
          subjectType: q.subjectType,
          subjectId: q.subject,
          ruleCode: q.rule,
          limit: q.limit,
          offset: q.offset,
        });
      },
    );
    app.post(
      '/api/deadlines/:id/met',
      {
        schema: {
          tags: ['deadlines'],
          summary: 'Record that a deadline was met (e.g. "WHO notified"), with a reference',
          params: IdParams,
          body: z.object({
            reference: z
              .string()
              .min(1)
              .max(2000)
              .describe('what proves it, e.g. "WHO notified via EIS, msg 123"'),
          }),
          response: { 200: DeadlineView },
        },
      },
      async (request) => deps.deadlines.markMet(actorOf(request), request.params.id, request.body.reference),
    );
    app.get(
      '/api/legal-rules',
      {
        schema: {
          tags: ['deadlines'],
          summary: 'The legal rules that start deadlines',
          response: { 200: roArray(LegalRuleView) },
        },
      },
      async (request) => deps.deadlines.rules(actorOf(request)),
    );
  };
}
