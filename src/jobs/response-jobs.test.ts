import { describe, expect, it } from 'vitest';
import { startResponseJobs } from './response-jobs.ts';

describe('the response jobs', () => {
  it('run the deadline watch, then the overdue escalation, logging results and per-item failures', async () => {
    const calls: string[] = [];
    const lines: string[] = [];
    const jobs = startResponseJobs({
      deadlines: {
        watch: async () => {
          calls.push('watch');
          return {
            at: 'now',
            items: [
              { kind: 'breached', deadlineId: 'd1', ruleCode: 'IHR-ART6', eventId: null },
              { kind: 'failed', id: 'd2', message: 'boom' },
            ],
            started: 0,
            breached: 1,
            failed: 1,
          };
        },
      },
      overdue: {
        run: async () => {
          calls.push('overdue');
          throw new Error('database gone');
        },
      },
      log: { info: (m) => lines.push(`info ${m}`), error: (m) => lines.push(`error ${m}`) },
    });
    try {
      await jobs.runNow();
    } finally {
      jobs.stop();
    }
    expect(calls).toEqual(['watch', 'overdue']);
    expect(lines).toEqual([
      "info deadline-watch: 0 signals' deadlines started, 1 breached, 1 failed",
      'error deadline-watch: d2: boom',
      'error overdue-tasks failed: database gone',
    ]);
  });
});
