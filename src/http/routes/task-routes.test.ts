import { afterEach, describe, expect, it } from 'vitest';
import { as, responseApp } from '../../../test/support/response-app.ts';
import { ACTORS } from '../../../test/support/response-fixtures.ts';
import { openResponseServices, type ResponseServices } from '../../../test/support/response-services.ts';

let s: ResponseServices;
afterEach(async () => s.close());

async function setup() {
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
  const event = await s.escalation.escalate(ACTORS.coordinator, {
    signalIds: ['by'],
    title: 'Cholera',
    leadDepartmentId: 'health',
    coordinatorId: 'u-coord',
  });
  return { app, eventId: event.id };
}

describe('task routes', () => {
  it('assign a task and let the department work on it with evidence', async () => {
    const { app, eventId } = await setup();
    const created = await as(app, 'coordinator').post(`/api/events/${eventId}/tasks`, {
      title: 'Chlorinate wells',
      departmentId: 'health',
      assigneeId: 'u-resp',
      dueAt: '2026-11-28T18:00:00Z',
      priority: 'high',
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    const started = await as(app, 'responder').post(`/api/tasks/${id}/state`, {
      version: 1,
      state: 'in-progress',
    });
    expect(started.json()).toMatchObject({ state: 'in-progress', version: 2 });
    const evidence = await as(app, 'responder').post(`/api/tasks/${id}/evidence`, {
      kind: 'link',
      body: 'https://lab.example/77',
    });
    expect(evidence.statusCode).toBe(201);
    const details = (await as(app, 'coordinator').get(`/api/tasks/${id}`)).json();
    expect(details.evidence).toHaveLength(1);
    expect(details.task.state).toBe('in-progress');
    expect(
      (await as(app, 'responderVet').post(`/api/tasks/${id}/state`, { version: 2, state: 'done' }))
        .statusCode,
    ).toBe(403);
    expect(
      (await as(app, 'responder').post(`/api/tasks/${id}/state`, { version: 1, state: 'done' })).statusCode,
    ).toBe(409);
  });

  it("list a responder's own department's tasks, and overdue ones", async () => {
    const { app, eventId } = await setup();
    for (const departmentId of ['health', 'animal-health'])
      await as(app, 'coordinator').post(`/api/events/${eventId}/tasks`, {
        title: `task for ${departmentId}`,
        departmentId,
        dueAt: '2026-11-28T09:00:00Z',
      });
    expect(
      (await as(app, 'responder').get('/api/tasks')).json().items.map((t: { title: string }) => t.title),
    ).toEqual(['task for health']);
    expect((await as(app, 'viewer').get(`/api/events/${eventId}/tasks`)).json().total).toBe(2);
    expect((await as(app, 'responder').get('/api/tasks?department=animal-health')).statusCode).toBe(403);
    s.clock.set('2026-11-28T10:00:00.000Z');
    const overdue = (await as(app, 'coordinator').get('/api/tasks?overdue=true')).json();
    expect(overdue.total).toBe(2);
    expect(overdue.items.every((t: { overdue: boolean }) => t.overdue)).toBe(true);
  });

  it('reject bad input naming the field and roles without task:assign', async () => {
    const { app, eventId } = await setup();
    const bad = await as(app, 'coordinator').post(`/api/events/${eventId}/tasks`, {
      title: 'x',
      departmentId: 'health',
      dueAt: 'soon',
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().problems).toEqual([{ field: 'dueAt', message: expect.stringContaining('ISO 8601') }]);
    const denied = await as(app, 'responder').post(`/api/events/${eventId}/tasks`, {
      title: 'x',
      departmentId: 'health',
      dueAt: '2026-11-28T18:00:00Z',
    });
    expect(denied.statusCode).toBe(403);
  });
});
