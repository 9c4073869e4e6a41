import { afterEach, describe, expect, it } from 'vitest';
import { ACTORS } from '../../test/support/response-fixtures.ts';
import { openResponseServices, type ResponseServices } from '../../test/support/response-services.ts';

let s: ResponseServices;
afterEach(async () => s.close());

async function withTasks() {
  s = await openResponseServices([
    {
      id: 'by',
      state: 'verified',
      place: 'DE-BY',
      hazardId: 'cholera',
      verifiedAt: '2026-11-28T07:00:00.000Z',
    },
  ]);
  const e = await s.escalation.escalate(ACTORS.coordinator, {
    signalIds: ['by'],
    title: 'Cholera in Bavaria',
    leadDepartmentId: 'health',
    coordinatorId: 'u-coord2',
  });
  const make = (title: string, dueAt: string) =>
    s.assign.create(ACTORS.coordinator, e.id, { title, departmentId: 'health', dueAt });
  const early = await make('Chlorinate wells', '2026-11-28T10:00:00Z');
  const late = await make('Trace contacts', '2026-11-28T16:00:00Z');
  const finished = await make('Inform the mayor', '2026-11-28T09:00:00Z');
  await s.tasks.changeState(ACTORS.responder, finished.id, 1, 'done');
  return { event: e, early, late };
}

const coordinator2 = { ...ACTORS.coordinator, userId: 'u-coord2' };

describe('overdue task escalation', () => {
  it("marks overdue tasks and notifies the event's coordinator once per task", async () => {
    const { event, early } = await withTasks();
    s.clock.set('2026-11-28T12:00:00.000Z');
    const run = await s.overdue.run();
    expect(run.items).toEqual([
      {
        taskId: early.id,
        outcome: 'notified',
        coordinatorId: 'u-coord2',
        notificationId: expect.any(String),
      },
    ]);
    expect(run).toMatchObject({ notified: 1, failed: 0 });
    const again = await s.overdue.run();
    expect(again.items).toEqual([]);
    const inbox = await s.notifications.list(coordinator2, {});
    expect(inbox.items.map((n) => [n.kind, n.subjectId])).toEqual([['task-overdue', early.id]]);
    expect(inbox.items[0].text).toContain('Chlorinate wells');
    const [audit] = await s.audit('task.overdue');
    expect(audit).toMatchObject({ actorId: 'system', objectId: early.id });
    expect((await s.events.timeline(ACTORS.viewer, event.id)).at(-1)?.kind).toBe('task-overdue');
  });

  it('escalates each task when its own due time passes', async () => {
    const { early, late } = await withTasks();
    s.clock.set('2026-11-28T12:00:00.000Z');
    await s.overdue.run();
    s.clock.set('2026-11-28T17:00:00.000Z');
    const run = await s.overdue.run();
    expect(run.items.map((i) => i.taskId)).toEqual([late.id]);
    expect((await s.notifications.list(coordinator2, {})).total).toBe(2);
    expect((await s.tasks.get(ACTORS.coordinator, early.id)).task.overdue).toBe(true);
  });
});

describe('in-app notifications', () => {
  it('are read by their user only, one by one or all at once', async () => {
    await withTasks();
    s.clock.set('2026-11-28T17:00:00.000Z');
    await s.overdue.run();
    const inbox = await s.notifications.list(coordinator2, { unreadOnly: true });
    expect(inbox).toMatchObject({ total: 2, unread: 2 });
    await expect(s.notifications.markRead(ACTORS.coordinator, inbox.items[0].id)).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    const read = await s.notifications.markRead(coordinator2, inbox.items[0].id);
    expect(read.readAt).toBe('2026-11-28T17:00:00.000Z');
    expect(await s.notifications.markAllRead(coordinator2)).toBe(1);
    expect((await s.notifications.list(coordinator2, {})).unread).toBe(0);
    expect((await s.audit('notification.read')).map((a) => a.actorId)).toEqual(['u-coord2']);
  });
});
