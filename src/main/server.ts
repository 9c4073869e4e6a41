import { sql } from 'kysely';
import { buildApp, type TocsinApp } from '../http/app.ts';
import { authenticateWith } from '../http/authenticate.ts';
import { assessmentRoutes } from '../http/routes/assessment-routes.ts';
import { auditRoutes } from '../http/routes/audit-routes.ts';
import { authRoutes, userRoutes } from '../http/routes/auth-routes.ts';
import { deadlineRoutes } from '../http/routes/deadline-routes.ts';
import { detectionRoutes } from '../http/routes/detection-routes.ts';
import { eventRoutes } from '../http/routes/event-routes.ts';
import { healthRoutes } from '../http/routes/health-routes.ts';
import { mapRoutes } from '../http/routes/map-routes.ts';
import { notificationRoutes } from '../http/routes/notification-routes.ts';
import { observationRoutes } from '../http/routes/observation-routes.ts';
import { referenceRoutes } from '../http/routes/reference-routes.ts';
import { reportRoutes } from '../http/routes/report-routes.ts';
import { seriesDetectionRoutes } from '../http/routes/series-detection-routes.ts';
import { signalRoutes } from '../http/routes/signal-routes.ts';
import { taskRoutes } from '../http/routes/task-routes.ts';
import { hasBuiltWeb, webRoutes } from '../http/routes/web-routes.ts';
import { exploreDetection } from '../services/explore-detection.ts';
import { WEB_DIST_DIR } from './bundled-paths.ts';
import { type AppContext, TOCSIN_VERSION } from './context.ts';

/** Builds the HTTP API on a context (used by `tocsin serve`, `npm start` and in-process tests). */
export async function buildServer(
  ctx: AppContext,
  options: { readonly logger?: boolean; readonly webDistDir?: string } = {},
): Promise<TocsinApp> {
  const s = ctx.services;
  const webDistDir = options.webDistDir ?? WEB_DIST_DIR;
  return buildApp({
    logger: options.logger ?? false,
    authenticate: authenticateWith(s.auth),
    routes: [
      healthRoutes(async () => {
        await sql`select 1`.execute(ctx.database.db);
        return { dialect: ctx.database.dialect };
      }),
      authRoutes({ auth: s.auth, users: s.users, config: ctx.config }),
      userRoutes({ users: s.users }),
      auditRoutes({ audit: s.audit }),
      referenceRoutes({ reference: s.reference }),
      observationRoutes({ importObservations: s.importObservations, observations: s.observations }),
      signalRoutes({ inbox: s.inbox, triage: s.triage }),
      mapRoutes({ mapCounts: s.mapCounts }),
      detectionRoutes({ configure: s.detectionConfigs, detection: s.detection }),
      seriesDetectionRoutes({ explore: exploreDetection({ tx: ctx.tx, detectorVersion: TOCSIN_VERSION }) }),
      assessmentRoutes({ risk: s.risk, ihr: s.ihr }),
      eventRoutes({ escalation: s.escalation, events: s.events, reports: s.reports }),
      taskRoutes({ assign: s.assignTask, tasks: s.tasks }),
      deadlineRoutes({ deadlines: s.deadlines }),
      notificationRoutes({ notifications: s.notifications }),
      reportRoutes({
        ingest: s.ingestReports,
        reports: s.readReports,
        sources: s.sources,
        pull: s.pullSources,
        feedback: s.reportFeedback,
      }),
      // The browser UI when it has been built (npm run build:web); the API works without it.
      ...(hasBuiltWeb(webDistDir) ? [webRoutes({ distDir: webDistDir })] : []),
    ],
  });
}
