import { afterEach, describe, expect, it } from 'vitest';
import { ACTORS } from '../../test/support/response-fixtures.ts';
import { openResponseServices, type ResponseServices } from '../../test/support/response-services.ts';
import { overdueTasksJob } from './overdue-tasks.ts';

let s: ResponseServices;
afterEach(async () => s.close());

describe('the overdue-tasks job', () => {
  it('runs the overdue escalation and reports per task', async () => {
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
      title: 'Cholera',
      leadDepartmentId: 'health',
      coordinatorId: 'u-coord',
    });
    const t = await s.assign.create(ACTORS.coordinator, e.id, {
      title: 'Chlorinate wells',
      departmentId: 'health',
      dueAt: '2026-11-28T09:00:00Z',
    });
    const job = overdueTasksJob(s.overdue);
    expect(job.name).toBe('overdue-tasks');
    s.clock.set('2026-11-28T10:00:00.000Z');
    const result = await job.run();
    expect(result.items.map((i) => [i.taskId, i.outcome])).toEqual([[t.id, 'notified']]);
    expect((await job.run()).items).toEqual([]);
  });
});
