import { afterEach, describe, expect, it } from 'vitest';
import { as, responseApp } from '../../../test/support/response-app.ts';
import { ACTORS } from '../../../test/support/response-fixtures.ts';
import { openResponseServices, type ResponseServices } from '../../../test/support/response-services.ts';

let s: ResponseServices;
afterEach(async () => s.close());

describe('notification routes', () => {
  it("show the overdue escalation to the event's coordinator, who marks it read", async () => {
    s = await openResponseServices([
      {
        id: 'by',
        state: 'verified',
        place: 'DE-BY',
        hazardId: 'cholera',
        verifiedAt: '2026-11-28T07:00:00.000Z',
      },
    ]);
    const app = await responseApp(s);
    const e = await s.escalation.escalate(ACTORS.coordinator, {
      signalIds: ['by'],
      title: 'Cholera',
      leadDepartmentId: 'health',
      coordinatorId: 'u-coord',
    });
    await s.assign.create(ACTORS.coordinator, e.id, {
      title: 'Wells',
      departmentId: 'health',
      dueAt: '2026-11-28T09:00:00Z',
    });
    await s.assign.create(ACTORS.coordinator, e.id, {
      title: 'Trace',
      departmentId: 'health',
      dueAt: '2026-11-28T09:30:00Z',
    });
    s.clock.set('2026-11-28T10:00:00.000Z');
    await s.overdue.run();
    const inbox = (await as(app, 'coordinator').get('/api/notifications?unread=true')).json();
    expect(inbox).toMatchObject({ total: 2, unread: 2 });
    expect(inbox.items.map((n: { kind: string }) => n.kind)).toEqual(['task-overdue', 'task-overdue']);
    expect((await as(app, 'responder').post(`/api/notifications/${inbox.items[0].id}/read`)).statusCode).toBe(
      403,
    );
    const read = await as(app, 'coordinator').post(`/api/notifications/${inbox.items[0].id}/read`);
    expect(read.json().readAt).toBe('2026-11-28T10:00:00.000Z');
    expect((await as(app, 'coordinator').post('/api/notifications/read-all')).json()).toEqual({ marked: 1 });
    expect((await as(app, 'coordinator').get('/api/notifications')).json().unread).toBe(0);
    expect((await as(app, null).get('/api/notifications')).statusCode).toBe(401);
  });
});
