import { sql } from 'kysely';
import { buildApp, type TocsinApp } from '../http/app.ts';
import { authenticateWith } from '../http/authenticate.ts';
import { auditRoutes } from '../http/routes/audit-routes.ts';
import { authRoutes, userRoutes } from '../http/routes/auth-routes.ts';
import { healthRoutes } from '../http/routes/health-routes.ts';
import type { AppContext } from './context.ts';

/** Builds the HTTP API on a context (used by `tocsin serve`, `npm start` and in-process tests). */
export async function buildServer(
  ctx: AppContext,
  options: { readonly logger?: boolean } = {},
): Promise<TocsinApp> {
  const s = ctx.services;
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
    ],
  });
}
