import { z } from 'zod';
import type { TocsinApp } from '../app.ts';

/** Liveness and readiness: the store answers a query. */
export function healthRoutes(check: () => Promise<{ readonly dialect: string }>) {
  return (app: TocsinApp): void => {
    app.get(
      '/api/health',
      {
        schema: {
          tags: ['health'],
          summary: 'Whether the server and its store are up',
          security: [],
          response: { 200: z.object({ status: z.literal('ok'), store: z.string(), time: z.string() }) },
        },
      },
      async () => {
        const { dialect } = await check();
        return { status: 'ok' as const, store: dialect, time: new Date().toISOString() };
      },
    );
  };
}
