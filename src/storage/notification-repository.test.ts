import { afterEach, describe, expect, it } from 'vitest';
import { dialectsUnderTest } from '../../test/support/databases.ts';
import { seedResponseFixtures } from '../../test/support/response-fixtures.ts';
import type { Notification } from '../domain/notification.ts';
import type { Database } from './database.ts';
import { notificationRepository } from './notification-repository.ts';

const open: Database[] = [];
afterEach(async () => {
  for (const d of open.splice(0)) await d.close();
});

const n = (id: string, userId: string, minute: number): Notification => ({
  id,
  userId,
  kind: 'task-overdue',
  subjectType: 'task',
  subjectId: 't1',
  text: `n ${id}`,
  createdAt: `2026-11-28T08:0${minute}:00.000Z`,
  readAt: null,
});

describe.each(dialectsUnderTest())('notification repository on $name', (dialect) => {
  async function repo() {
    const database = await dialect.open();
    open.push(database);
    await seedResponseFixtures(database.db);
    const r = notificationRepository(database.db);
    await r.insertNotification(n('n1', 'u-coord', 1));
    await r.insertNotification(n('n2', 'u-coord', 2));
    await r.insertNotification(n('n3', 'u-resp', 3));
    return r;
  }

  it("lists a user's notifications newest first with the unread count", async () => {
    const r = await repo();
    const page = await r.listNotifications('u-coord', { unreadOnly: false, limit: 10, offset: 0 });
    expect(page.items.map((x) => x.id)).toEqual(['n2', 'n1']);
    expect(page).toMatchObject({ total: 2, unread: 2 });
  });

  it('marks one read once, and the rest all at once', async () => {
    const r = await repo();
    expect(await r.markRead('n1', '2026-11-28T09:00:00.000Z')).toBe(true);
    expect(await r.markRead('n1', '2026-11-28T09:01:00.000Z')).toBe(false);
    expect((await r.getNotification('n1'))?.readAt).toBe('2026-11-28T09:00:00.000Z');
    const unread = await r.listNotifications('u-coord', { unreadOnly: true, limit: 10, offset: 0 });
    expect(unread.items.map((x) => x.id)).toEqual(['n2']);
    expect(await r.markAllRead('u-coord', '2026-11-28T09:02:00.000Z')).toBe(1);
    expect((await r.listNotifications('u-coord', { unreadOnly: false, limit: 10, offset: 0 })).unread).toBe(
      0,
    );
    expect((await r.listNotifications('u-resp', { unreadOnly: false, limit: 10, offset: 0 })).unread).toBe(1);
  });
});
