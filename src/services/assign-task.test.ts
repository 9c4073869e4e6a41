import { afterEach, describe, expect, it } from 'vitest';
import { ACTORS } from '../../test/support/response-fixtures.ts';
import { openResponseServices, type ResponseServices } from '../../test/support/response-services.ts';
import type { TaskInput } from './assign-task.ts';

let s: ResponseServices;
afterEach(async () => s.close());

async function withEvent() {
  s = await openResponseServices([
    {
      id: 'by',
      state: 'verified',
      place: 'DE-BY',
      hazardId: 'cholera',
      verifiedAt: '2026-11-28T07:00:00.000Z',
    },
  ]);
  return s.escalation.escalate(ACTORS.coordinator, {
    signalIds: ['by'],
    title: 'Cholera in Bavaria',
    leadDepartmentId: 'health',
    coordinatorId: 'u-coord',
  });
}

const TASK: TaskInput = {
  title: 'Chlorinate the village wells',
  description: 'All four wells of Oberdorf',
  departmentId: 'health',
  assigneeId: 'u-resp',
  dueAt: '2026-11-28T20:00:00+01:00',
  priority: 'urgent',
};

describe('assigning a response task', () => {
  it('creates an open task for a department and person, audited, on the timeline, and tells the assignee', async () => {
    const e = await withEvent();
    const t = await s.assign.create(ACTORS.coordinator, e.id, TASK);
    expect(t).toMatchObject({
      eventId: e.id,
      state: 'open',
      priority: 'urgent',
      departmentId: 'health',
      assigneeId: 'u-resp',
      dueAt: '2026-11-28T19:00:00.000Z',
      version: 1,
      overdueNotifiedAt: null,
    });
    expect((await s.audit('task.create')).map((a) => a.objectId)).toEqual([t.id]);
    expect((await s.events.timeline(ACTORS.viewer, e.id)).at(-1)?.kind).toBe('task-created');
    const inbox = await s.notifications.list(ACTORS.responder, {});
    expect(inbox.items.map((n) => [n.kind, n.subjectId])).toEqual([['task-assigned', t.id]]);
  });

  it('defaults to normal priority and no assignee', async () => {
    const e = await withEvent();
    const t = await s.assign.create(ACTORS.coordinator, e.id, {
      title: 'Trace contacts',
      departmentId: 'customs',
      dueAt: '2026-11-29T08:00:00Z',
    });
    expect(t).toMatchObject({ priority: 'normal', assigneeId: null, description: '' });
  });

  it('checks the department, the assignee’s department and the due time, naming the fields', async () => {
    const e = await withEvent();
    await expect(
      s.assign.create(ACTORS.coordinator, e.id, { ...TASK, departmentId: 'navy', assigneeId: 'u-resp-vet' }),
    ).rejects.toMatchObject({
      code: 'VALIDATION',
      details: {
        problems: [
          { field: 'departmentId', message: 'no department navy' },
          { field: 'assigneeId', message: 'user u-resp-vet is not in department navy' },
        ],
      },
    });
    await expect(
      s.assign.create(ACTORS.coordinator, e.id, { ...TASK, dueAt: 'tomorrow' }),
    ).rejects.toMatchObject({
      code: 'VALIDATION',
      details: { problems: [{ field: 'dueAt' }] },
    });
    await expect(
      s.assign.create(ACTORS.coordinator, e.id, { ...TASK, dueAt: '2026-11-28T20:00:00' }),
    ).rejects.toMatchObject({ code: 'VALIDATION' });
  });

  it('needs task:assign, the event’s jurisdiction and an event that is not closed', async () => {
    const e = await withEvent();
    await expect(s.assign.create(ACTORS.responder, e.id, TASK)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(s.assign.create(ACTORS.coordinatorFR, e.id, TASK)).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await s.events.changeStatus(ACTORS.coordinator, e.id, 1, 'closed');
    await expect(s.assign.create(ACTORS.coordinator, e.id, TASK)).rejects.toMatchObject({
      code: 'INVALID_TRANSITION',
    });
  });
});
