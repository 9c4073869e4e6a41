import { z } from 'zod';
import type { NotificationsService } from '../../services/notify.ts';
import { actorOf, type TocsinApp } from '../app.ts';
import { IdParams, NotificationView, Paging, roArray } from '../response-contract.ts';

/** Your in-app notifications (overdue tasks, breached deadlines, new tasks). */
export function notificationRoutes(deps: { readonly notifications: NotificationsService }) {
  return (app: TocsinApp): void => {
    app.get(
      '/api/notifications',
      {
        schema: {
          tags: ['notifications'],
          summary: 'Your notifications, newest first, with the unread count',
          querystring: z.object({
            unread: z
              .enum(['true', 'false'])
              .optional()
              .transform((v) => v === 'true')
              .describe('only unread ones'),
            ...Paging,
          }),
          response: {
            200: z.object({
              items: roArray(NotificationView),
              total: z.number().int(),
              unread: z.number().int(),
            }),
          },
        },
      },
      async (request) =>
        deps.notifications.list(actorOf(request), {
          unreadOnly: request.query.unread,
          limit: request.query.limit,
          offset: request.query.offset,
        }),
    );
    app.post(
      '/api/notifications/:id/read',
      {
        schema: {
          tags: ['notifications'],
          summary: 'Mark one of your notifications read',
          params: IdParams,
          response: { 200: NotificationView },
        },
      },
      async (request) => deps.notifications.markRead(actorOf(request), request.params.id),
    );
    app.post(
      '/api/notifications/read-all',
      {
        schema: {
          tags: ['notifications'],
          summary: 'Mark all your notifications read',
          response: { 200: z.object({ marked: z.number().int() }) },
        },
      },
      async (request) => ({ marked: await deps.notifications.markAllRead(actorOf(request)) }),
    );
  };
}
