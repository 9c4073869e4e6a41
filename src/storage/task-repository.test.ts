import { afterEach, describe, expect, it } from 'vitest';
import { dialectsUnderTest } from '../../test/support/databases.ts';
import { PLACES, seedResponseFixtures, T0 } from '../../test/support/response-fixtures.ts';
import type { ResponseTask } from '../domain/response-task.ts';
import type { Database } from './database.ts';
import { eventRepository } from './event-repository.ts';
import { taskRepository } from './task-repository.ts';

const open: Database[] = [];
afterEach(async () => {
  for (const d of open.splice(0)) await d.close();
});

const task = (id: string, o: Partial<ResponseTask> = {}): ResponseTask => ({
  id,
  eventId: 'e-de',
  title: `task ${id}`,
  description: '',
  departmentId: 'health',
  assigneeId: null,
  dueAt: '2026-11-28T12:00:00.000Z',
  priority: 'normal',
  state: 'open',
  createdBy: 'u-coord',
  createdAt: T0,
  updatedAt: T0,
  overdueNotifiedAt: null,
  version: 1,
  ...o,
});

describe.each(dialectsUnderTest())('task repository on $name', (dialect) => {
  async function repo() {
    const database = await dialect.open();
    open.push(database);
    await seedResponseFixtures(database.db);
    const events = eventRepository(database.db);
    for (const [id, place] of [
      ['e-de', 'DE'],
      ['e-fr', 'FR'],
    ] as const)
      await events.insertEvent({
        id,
        title: id,
        hazardId: null,
        placeId: place,
        placePath: PLACES[place],
        leadDepartmentId: 'health',
        coordinatorId: 'u-coord',
        status: 'active',
        riskLevel: null,
        createdAt: T0,
        updatedAt: T0,
        version: 1,
      });
    return taskRepository(database.db);
  }

  it('stores, reads and updates a task from the version read', async () => {
    const r = await repo();
    await r.insertTask(task('t1'));
    expect(await r.getTask('t1')).toEqual(task('t1'));
    await r.updateTask({ ...task('t1'), state: 'in-progress', version: 2 }, 1);
    await expect(r.updateTask({ ...task('t1'), state: 'done', version: 2 }, 1)).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    expect(await r.getTask('t1')).toMatchObject({ state: 'in-progress', version: 2 });
  });

  it('lets exactly one of two concurrent writers of the same version win', async () => {
    const database = await dialect.open();
    open.push(database);
    await seedResponseFixtures(database.db);
    await eventRepository(database.db).insertEvent({
      id: 'e-de',
      title: 'e',
      hazardId: null,
      placeId: 'DE',
      placePath: PLACES.DE,
      leadDepartmentId: 'health',
      coordinatorId: 'u-coord',
      status: 'active',
      riskLevel: null,
      createdAt: T0,
      updatedAt: T0,
      version: 1,
    });
    await taskRepository(database.db).insertTask(task('t1'));
    const write = (state: 'done' | 'cancelled') =>
      database.db
        .transaction()
        .execute((trx) => taskRepository(trx).updateTask({ ...task('t1'), state, version: 2 }, 1));
    const results = await Promise.allSettled([write('done'), write('cancelled')]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const [lost] = results.filter((r) => r.status === 'rejected');
    expect((lost as PromiseRejectedResult).reason).toMatchObject({ code: 'CONFLICT' });
    expect((await taskRepository(database.db).getTask('t1'))?.version).toBe(2);
  });

  it("lists tasks through their event's jurisdiction, by department, state and overdue", async () => {
    const r = await repo();
    await r.insertTask(task('t1', { dueAt: '2026-11-28T10:00:00.000Z' }));
    await r.insertTask(task('t2', { departmentId: 'customs', dueAt: '2026-11-29T10:00:00.000Z' }));
    await r.insertTask(task('t3', { eventId: 'e-fr' }));
    await r.insertTask(task('t4', { state: 'done', dueAt: '2026-11-27T10:00:00.000Z' }));
    const base = { placePathPrefix: PLACES.DE, limit: 10, offset: 0 };
    expect((await r.listTasks(base)).items.map((t) => t.id)).toEqual(['t4', 't1', 't2']);
    expect((await r.listTasks({ ...base, departmentId: 'customs' })).items.map((t) => t.id)).toEqual(['t2']);
    expect((await r.listTasks({ ...base, state: 'done' })).items.map((t) => t.id)).toEqual(['t4']);
    const overdue = await r.listTasks({ ...base, overdueAt: '2026-11-28T11:00:00.000Z' });
    expect(overdue.items.map((t) => t.id)).toEqual(['t1']);
    expect((await r.listTasks({ ...base, placePathPrefix: PLACES.world })).total).toBe(4);
  });

  it('marks an open past-due task overdue once', async () => {
    const r = await repo();
    await r.insertTask(task('t1', { dueAt: '2026-11-28T10:00:00.000Z' }));
    await r.insertTask(task('t2', { dueAt: '2026-11-28T10:00:00.000Z', state: 'cancelled' }));
    await r.insertTask(task('t3', { dueAt: '2026-11-28T13:00:00.000Z' }));
    const at = '2026-11-28T11:00:00.000Z';
    expect((await r.overdueUnmarked(at, 10)).map((t) => t.id)).toEqual(['t1']);
    expect(await r.markOverdue('t1', at)).toBe(true);
    expect(await r.markOverdue('t1', at)).toBe(false);
    expect(await r.markOverdue('t3', at)).toBe(false);
    expect(await r.overdueUnmarked(at, 10)).toEqual([]);
    expect((await r.getTask('t1'))?.overdueNotifiedAt).toBe(at);
  });

  it('keeps evidence in time order', async () => {
    const r = await repo();
    await r.insertTask(task('t1'));
    await r.addEvidence({
      id: 'x2',
      taskId: 't1',
      kind: 'link',
      body: 'https://x.org',
      authorId: 'u',
      at: '2026-11-28T09:00:00.000Z',
    });
    await r.addEvidence({
      id: 'x1',
      taskId: 't1',
      kind: 'note',
      body: 'done',
      authorId: 'u',
      at: '2026-11-28T08:30:00.000Z',
    });
    expect((await r.evidence('t1')).map((e) => e.kind)).toEqual(['note', 'link']);
  });
});
