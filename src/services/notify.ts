/**
 * In-app notifications: `notifyUser` writes one inside the caller's transaction (audited like every
 * change); the service lets each user list theirs and mark them read.
 */
import { type Actor, SYSTEM_ACTOR } from '../domain/actor.ts';
import type { AuditWriter } from '../domain/audit-entry.ts';
import { forbidden, notFound } from '../domain/errors.ts';
import type { Notification, NotificationKind, NotificationRepository } from '../domain/notification.ts';
import { pageWindow } from '../domain/page.ts';
import { type Clock, type IdGenerator, isoNow, type Transactor } from '../domain/ports.ts';

export interface NotifyPorts {
  readonly notifications: Pick<NotificationRepository, 'insertNotification'>;
  readonly audit: AuditWriter;
}

export interface NotificationDraft {
  readonly userId: string;
  readonly kind: NotificationKind;
  readonly subjectType: string;
  readonly subjectId: string;
  readonly text: string;
}

/** Writes an in-app notification (inside the caller's transaction). */
export async function notifyUser(
  store: NotifyPorts,
  ids: IdGenerator,
  at: string,
  draft: NotificationDraft,
  actorId: string = SYSTEM_ACTOR.userId,
): Promise<Notification> {
  const n: Notification = { id: ids.next(), ...draft, createdAt: at, readAt: null };
  await store.notifications.insertNotification(n);
  await store.audit.append(
    {
      actorId,
      action: 'notification.create',
      objectType: 'notification',
      objectId: n.id,
      before: null,
      after: n,
    },
    at,
  );
  return n;
}

export interface NotificationsDeps {
  readonly tx: Transactor<{ readonly notifications: NotificationRepository; readonly audit: AuditWriter }>;
  readonly clock: Clock;
}

/** Each user's own notifications. */
export function notifications({ tx, clock }: NotificationsDeps) {
  return {
    async list(
      actor: Actor,
      options: { readonly unreadOnly?: boolean; readonly limit?: number; readonly offset?: number },
    ) {
      const { limit, offset } = pageWindow(options);
      return tx.transaction((store) =>
        store.notifications.listNotifications(actor.userId, {
          unreadOnly: options.unreadOnly ?? false,
          limit,
          offset,
        }),
      );
    },

    /** Marks one of the actor's notifications read (already read: unchanged). */
    async markRead(actor: Actor, id: string): Promise<Notification> {
      return tx.transaction(async (store) => {
        const n = await store.notifications.getNotification(id);
        if (n === undefined) throw notFound('notification', id);
        if (n.userId !== actor.userId) throw forbidden(`notification ${id} is someone else's`);
        if (n.readAt !== null) return n;
        const now = isoNow(clock);
        if (await store.notifications.markRead(id, now))
          await store.audit.append(
            {
              actorId: actor.userId,
              action: 'notification.read',
              objectType: 'notification',
              objectId: id,
              before: { readAt: null },
              after: { readAt: now },
            },
            now,
          );
        return { ...n, readAt: now };
      });
    },

    /** Marks all the actor's notifications read; returns how many changed. */
    async markAllRead(actor: Actor): Promise<number> {
      return tx.transaction(async (store) => {
        const now = isoNow(clock);
        const n = await store.notifications.markAllRead(actor.userId, now);
        if (n > 0)
          await store.audit.append(
            {
              actorId: actor.userId,
              action: 'notification.read-all',
              objectType: 'user',
              objectId: actor.userId,
              before: null,
              after: { marked: n, readAt: now },
            },
            now,
          );
        return n;
      });
    },
  };
}

export type NotificationsService = ReturnType<typeof notifications>;
