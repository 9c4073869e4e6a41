import { describe, expect, it } from 'vitest';
import type { Actor } from '../domain/actor.ts';
import type { PullOutcome } from '../services/pull-sources.ts';
import { startFeedPullJob } from './feed-pull.ts';

describe('the feed pull job', () => {
  it('pulls the due sources as the system and logs each source’s outcome', async () => {
    const logged: string[] = [];
    const actors: string[] = [];
    const outcomes: PullOutcome[] = [
      { sourceId: 'a', name: 'A', status: 'error', message: 'HTTP 404' },
      { sourceId: 'b', name: 'B', status: 'not-modified' },
    ];
    const job = startFeedPullJob({
      pull: {
        pullDue: async (actor: Actor) => {
          actors.push(actor.userId);
          return outcomes;
        },
      },
      log: { info: (m) => logged.push(`info ${m}`), error: (m) => logged.push(`error ${m}`) },
      schedule: '0 0 1 1 *',
    });
    try {
      expect(await job.runNow()).toEqual(outcomes);
    } finally {
      job.stop();
    }
    expect(actors).toEqual(['system']);
    expect(logged).toEqual(['error feed pull: A: HTTP 404']);
  });

  it('logs a failure of the whole pull instead of throwing', async () => {
    const logged: string[] = [];
    const job = startFeedPullJob({
      pull: { pullDue: () => Promise.reject(new Error('store closed')) },
      log: { info: (m) => logged.push(m), error: (m) => logged.push(m) },
      schedule: '0 0 1 1 *',
    });
    try {
      expect(await job.runNow()).toEqual([]);
    } finally {
      job.stop();
    }
    expect(logged).toEqual(['feed pull failed: store closed']);
  });
});
