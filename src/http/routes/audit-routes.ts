import { z } from 'zod';
import type { AuditVerificationService } from '../../services/verify-audit.ts';
import { actorOf, type TocsinApp } from '../app.ts';

const Entry = z.object({
  seq: z.number(),
  at: z.string(),
  actorId: z.string(),
  action: z.string(),
  objectType: z.string(),
  objectId: z.string(),
  before: z.string().nullable(),
  after: z.string().nullable(),
  reason: z.string().nullable(),
  legalBasis: z.string().nullable(),
  prevHash: z.string(),
  hash: z.string(),
});

/** The audit trail: entries in order and the chain's verification (permission audit:read). */
export function auditRoutes(deps: { readonly audit: AuditVerificationService }) {
  return (app: TocsinApp): void => {
    app.get(
      '/api/audit',
      {
        schema: {
          tags: ['audit'],
          summary: 'Audit entries after a sequence number, oldest first',
          querystring: z.object({
            after: z.coerce.number().int().min(0).default(0),
            limit: z.coerce.number().int().min(1).max(1000).default(100),
          }),
          response: { 200: z.array(Entry) },
        },
      },
      async (request) => [
        ...(await deps.audit.entries(actorOf(request), request.query.after, request.query.limit)),
      ],
    );
    app.get(
      '/api/audit/search',
      {
        schema: {
          tags: ['audit'],
          summary:
            'The newest audit entries about an object, by an actor and/or within a time span, newest first; page on with before = the last seq',
          querystring: z.object({
            objectType: z.string().min(1).max(100).optional(),
            objectId: z.string().min(1).max(200).optional(),
            actorId: z.string().min(1).max(200).optional(),
            from: z.string().max(40).optional().describe('date or time (ISO 8601), inclusive'),
            to: z
              .string()
              .max(40)
              .optional()
              .describe('date (whole day included) or time (ISO 8601), exclusive'),
            before: z.coerce.number().int().min(1).optional(),
            limit: z.coerce.number().int().min(1).max(1000).default(200),
          }),
          response: { 200: z.array(Entry) },
        },
      },
      async (request) => {
        const q = request.query;
        return [
          ...(await deps.audit.search(
            actorOf(request),
            {
              objectType: q.objectType,
              objectId: q.objectId,
              actorId: q.actorId,
              from: q.from,
              to: q.to,
              beforeSeq: q.before,
            },
            q.limit,
          )),
        ];
      },
    );
    app.get(
      '/api/audit/verify',
      {
        schema: {
          tags: ['audit'],
          summary: 'Verify the hash chain of the audit log',
          response: {
            200: z.object({
              ok: z.boolean(),
              entries: z.number(),
              headHash: z.string().optional(),
              brokenAtSeq: z.number().optional(),
              problem: z.string().optional(),
            }),
          },
        },
      },
      async (request) => deps.audit.verify(actorOf(request)),
    );
  };
}
