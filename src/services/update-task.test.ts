import { afterEach, describe, expect, it } from 'vitest';
import { ACTORS } from '../../test/support/response-fixtures.ts';
import { openResponseServices, type ResponseServices } from '../../test/support/response-services.ts';
import type { ResponseTask } from '../domain/response-task.ts';

let s: ResponseServices;
afterEach(async () => s.close());

async function withTasks(): Promise<{ health: ResponseTask; vet: ResponseTask; eventId: string }> {
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
    coordinatorId: 'u-coord',
  });
  const health = await s.assign.create(ACTORS.coordinator, e.id, {
    title: 'Chlorinate wells',
    departmentId: 'health',
    dueAt: '2026-11-28T12:00:00Z',
  });
  const vet = await s.assign.create(ACTORS.coordinator, e.id, {
    title: 'Test the cattle troughs',
    departmentId: 'animal-health',
    dueAt: '2026-11-29T12:00:00Z',
  });
  return { health, vet, eventId: e.id };
}

describe('working on response tasks', () => {
  it("lets a responder move their department's task along and reopen it once done", async () => {
    const { health } = await withTasks();
    const started = await s.tasks.changeState(ACTORS.responder, health.id, 1, 'in-progress');
    expect(started).toMatchObject({ state: 'in-progress', version: 2, overdue: false });
    const done = await s.tasks.changeState(ACTORS.responder, health.id, 2, 'done', 'all four wells');
    expect(done.state).toBe('done');
    expect((await s.tasks.changeState(ACTORS.coordinator, health.id, 3, 'in-progress')).state).toBe(
      'in-progress',
    );
    const states = await s.audit('task.state');
    expect(states.map((a) => JSON.parse(a.after ?? '{}').state)).toEqual([
      'in-progress',
      'done',
      'in-progress',
    ]);
    expect(states[1].reason).toBe('all four wells');
  });

  it('refuses transitions the lifecycle does not allow', async () => {
    const { health } = await withTasks();
    await s.tasks.changeState(ACTORS.responder, health.id, 1, 'cancelled');
    await expect(s.tasks.changeState(ACTORS.coordinator, health.id, 2, 'open')).rejects.toMatchObject({
      code: 'INVALID_TRANSITION',
    });
  });

  it("keeps responders off other departments' tasks and read-only roles off all of them", async () => {
    const { vet } = await withTasks();
    await expect(s.tasks.changeState(ACTORS.responder, vet.id, 1, 'in-progress')).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(s.tasks.get(ACTORS.responder, vet.id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(s.tasks.changeState(ACTORS.viewer, vet.id, 1, 'in-progress')).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(s.tasks.get(ACTORS.coordinatorFR, vet.id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect((await s.tasks.changeState(ACTORS.responderVet, vet.id, 1, 'in-progress')).state).toBe(
      'in-progress',
    );
  });

  it('lets one of two responders win and tells the other to reload', async () => {
    const { health } = await withTasks();
    await s.tasks.changeState(ACTORS.responder, health.id, 1, 'in-progress');
    const other = { ...ACTORS.responder, userId: 'u-resp2' };
    await expect(s.tasks.changeState(other, health.id, 1, 'done')).rejects.toMatchObject({
      code: 'CONFLICT',
      details: { expectedVersion: 1, actualVersion: 2 },
    });
  });

  it("lists responders only their department's tasks; readers and coordinators see all", async () => {
    const { health, vet, eventId } = await withTasks();
    expect((await s.tasks.list(ACTORS.responder, {})).items.map((t) => t.id)).toEqual([health.id]);
    expect((await s.tasks.list(ACTORS.responderVet, { eventId })).items.map((t) => t.id)).toEqual([vet.id]);
    await expect(s.tasks.list(ACTORS.responder, { departmentId: 'animal-health' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    expect((await s.tasks.list(ACTORS.viewer, {})).total).toBe(2);
    expect(
      (await s.tasks.list(ACTORS.coordinator, { departmentId: 'animal-health' })).items.map((t) => t.id),
    ).toEqual([vet.id]);
    expect((await s.tasks.list(ACTORS.coordinatorFR, {})).total).toBe(0);
  });

  it('shows which tasks are overdue now', async () => {
    const { health } = await withTasks();
    s.clock.set('2026-11-28T13:00:00.000Z');
    expect(
      (await s.tasks.list(ACTORS.coordinator, { overdue: true })).items.map((t) => [t.id, t.overdue]),
    ).toEqual([[health.id, true]]);
  });

  it('takes notes and links as evidence from the department', async () => {
    const { health, vet } = await withTasks();
    await s.tasks.addEvidence(ACTORS.responder, health.id, 'note', 'Wells 1-3 done');
    s.clock.advance(60_000);
    await s.tasks.addEvidence(ACTORS.responder, health.id, 'link', 'https://lab.example/report/77');
    const details = await s.tasks.get(ACTORS.coordinator, health.id);
    expect(details.evidence.map((e) => [e.kind, e.body, e.authorId])).toEqual([
      ['note', 'Wells 1-3 done', 'u-resp'],
      ['link', 'https://lab.example/report/77', 'u-resp'],
    ]);
    await expect(s.tasks.addEvidence(ACTORS.responder, vet.id, 'note', 'x')).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(s.tasks.addEvidence(ACTORS.responder, health.id, 'link', 'ftp://x')).rejects.toMatchObject({
      code: 'VALIDATION',
    });
    expect(await s.audit('task.evidence')).toHaveLength(2);
  });

  it('lets responders reassign within their department, and only coordinators change the rest', async () => {
    const { health } = await withTasks();
    const assigned = await s.tasks.update(ACTORS.responder, health.id, 1, { assigneeId: 'u-resp2' });
    expect(assigned).toMatchObject({ assigneeId: 'u-resp2', version: 2 });
    await expect(
      s.tasks.update(ACTORS.responder, health.id, 2, { assigneeId: 'u-resp-vet' }),
    ).rejects.toMatchObject({
      code: 'VALIDATION',
    });
    await expect(
      s.tasks.update(ACTORS.responder, health.id, 2, { dueAt: '2026-12-01T00:00:00Z' }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const moved = await s.tasks.update(ACTORS.coordinator, health.id, 2, {
      departmentId: 'customs',
      priority: 'high',
    });
    expect(moved).toMatchObject({ departmentId: 'customs', assigneeId: null, priority: 'high', version: 3 });
  });

  it('clears the overdue mark when the due time moves', async () => {
    const { health } = await withTasks();
    s.clock.set('2026-11-28T13:00:00.000Z');
    await s.overdue.run();
    expect((await s.tasks.get(ACTORS.coordinator, health.id)).task.overdueNotifiedAt).toBe(
      '2026-11-28T13:00:00.000Z',
    );
    const moved = await s.tasks.update(
      ACTORS.coordinator,
      health.id,
      1,
      { dueAt: '2026-11-28T18:00:00Z' },
      'more time',
    );
    expect(moved).toMatchObject({ overdueNotifiedAt: null, overdue: false });
  });
});
