import { buildApp, type TocsinApp } from '../../src/http/app.ts';
import { assessmentRoutes } from '../../src/http/routes/assessment-routes.ts';
import { auditRoutes } from '../../src/http/routes/audit-routes.ts';
import { deadlineRoutes } from '../../src/http/routes/deadline-routes.ts';
import { eventRoutes } from '../../src/http/routes/event-routes.ts';
import { notificationRoutes } from '../../src/http/routes/notification-routes.ts';
import { taskRoutes } from '../../src/http/routes/task-routes.ts';
import { createAuditVerification } from '../../src/services/verify-audit.ts';
import { sha256Hex } from '../../src/storage/audit-repository.ts';
import { ACTORS } from './response-fixtures.ts';
import type { ResponseServices } from './response-services.ts';

export type ActorName = keyof typeof ACTORS;

/** The assessment/response routes (and the audit log's) over the given services; `x-test-actor: <name>` says who calls. */
export async function responseApp(s: ResponseServices): Promise<TocsinApp> {
  return buildApp({
    authenticate: async (request) => {
      const name = request.headers['x-test-actor'];
      return typeof name === 'string' && name in ACTORS ? ACTORS[name as ActorName] : null;
    },
    routes: [
      assessmentRoutes({ risk: s.risk, ihr: s.ihr }),
      eventRoutes({ escalation: s.escalation, events: s.events, reports: s.reports }),
      taskRoutes({ assign: s.assign, tasks: s.tasks }),
      deadlineRoutes({ deadlines: s.deadlines }),
      notificationRoutes({ notifications: s.notifications }),
      auditRoutes({ audit: createAuditVerification({ tx: s.tx, hash: sha256Hex }) }),
    ],
  });
}

/** `app.inject` as a given actor. */
export function as(app: TocsinApp, who: ActorName | null) {
  const headers = who === null ? {} : { 'x-test-actor': who };
  return {
    get: (url: string) => app.inject({ method: 'GET', url, headers }),
    post: (url: string, payload?: object) =>
      app.inject({ method: 'POST', url, headers, payload: payload ?? {} }),
    patch: (url: string, payload: object) => app.inject({ method: 'PATCH', url, headers, payload }),
  };
}
