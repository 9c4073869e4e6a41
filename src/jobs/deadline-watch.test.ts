import { afterEach, describe, expect, it } from 'vitest';
import { openResponseServices, type ResponseServices } from '../../test/support/response-services.ts';
import { deadlineWatchJob } from './deadline-watch.ts';

let s: ResponseServices;
afterEach(async () => s.close());

describe('the deadline-watch job', () => {
  it('starts deadlines of verified signals, then reports each breach', async () => {
    s = await openResponseServices([
      {
        id: 'chol',
        state: 'verified',
        place: 'DE-BY',
        hazardId: 'cholera',
        verifiedAt: '2026-11-28T07:00:00.000Z',
      },
    ]);
    const job = deadlineWatchJob(s.deadlines);
    expect(job.name).toBe('deadline-watch');
    const first = await job.run();
    expect(first.items).toEqual([
      { kind: 'started', signalId: 'chol', deadlineIds: [expect.any(String), expect.any(String)] },
    ]);
    s.clock.set('2026-11-30T08:00:00.000Z');
    const later = await job.run();
    expect(later.items.map((i) => (i.kind === 'breached' ? i.ruleCode : i.kind)).sort()).toEqual([
      'INTERNAL-ASSESS-48H',
      'NATIONAL-CLASS-A-2H',
    ]);
  });
});
