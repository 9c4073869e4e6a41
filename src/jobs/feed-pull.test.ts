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

  it('checks today’s report volumes after a pull that stored reports, and logs the surges', async () => {
    const logged: string[] = [];
    const ingest = {
      sourceId: 'a',
      stored: 2,
      duplicates: 0,
      alreadyStored: 0,
      errors: 0,
      storiesOpened: 1,
      storiesUpdated: 0,
      signalIds: ['s1'],
      items: [],
      warnings: [],
    };
    const job = startFeedPullJob({
      pull: { pullDue: async () => [{ sourceId: 'a', name: 'A', status: 'ok', items: 2, ingest }] },
      log: { info: (m) => logged.push(m), error: (m) => logged.push(m) },
      schedule: '0 0 1 1 *',
      volume: async () => [
        {
          hazardCode: 'cholera',
          country: 'DE',
          day: '2026-11-28',
          observed: 6,
          upperBound: 2.96,
          signalId: 's1',
          marked: true,
        },
      ],
    });
    try {
      await job.runNow();
    } finally {
      job.stop();
    }
    expect(logged).toEqual([
      'feed pull: A: 2 item(s), 2 new, 0 duplicate(s); 1 signal(s) opened, 0 updated',
      'report volume: cholera in DE: 6 reports on 2026-11-28 (bound 3.0)',
    ]);
  });
});
