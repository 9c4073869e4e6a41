import type { Kysely } from 'kysely';
import type { Notification, NotificationKind, NotificationRepository } from '../domain/notification.ts';
import type { Schema } from './schema.ts';

/** In-app notifications, newest first per user. */
export function notificationRepository(db: Kysely<Schema>): NotificationRepository {
  return {
    async insertNotification(n) {
      await db
        .insertInto('notifications')
        .values({ ...n })
        .execute();
    },
    async getNotification(id) {
      const r = await db.selectFrom('notifications').selectAll().where('id', '=', id).executeTakeFirst();
      return r === undefined ? undefined : { ...r, kind: r.kind as NotificationKind };
    },
    async listNotifications(userId, o) {
      const base = db.selectFrom('notifications').where('userId', '=', userId);
      const q = o.unreadOnly ? base.where('readAt', 'is', null) : base;
      const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      const unread = await base
        .where('readAt', 'is', null)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      const rows = await q
        .selectAll()
        .orderBy('createdAt', 'desc')
        .orderBy('id', 'desc')
        .limit(o.limit)
        .offset(o.offset)
        .execute();
      return {
        items: rows.map((r): Notification => ({ ...r, kind: r.kind as NotificationKind })),
        total: Number(total.n),
        unread: Number(unread.n),
      };
    },
    async markRead(id, at) {
      const r = await db
        .updateTable('notifications')
        .set({ readAt: at })
        .where('id', '=', id)
        .where('readAt', 'is', null)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },
    async markAllRead(userId, at) {
      const r = await db
        .updateTable('notifications')
        .set({ readAt: at })
        .where('userId', '=', userId)
        .where('readAt', 'is', null)
        .executeTakeFirst();
      return Number(r.numUpdatedRows);
    },
  };
}
