import { describe, expect, it } from 'vitest';
import type { Signal, SignalState } from './signal.ts';
import { type MonitoredPoint, planEpisodes } from './signal-episode.ts';

const point = (epoch: string, alarm: boolean | null, index = 0): MonitoredPoint => ({
  index,
  epoch,
  alarm,
  observed: alarm ? 20 : 5,
  expected: 5,
  upperBound: 11,
  score: null,
});

const weeks = ['2026-10-05', '2026-10-12', '2026-10-19', '2026-10-26', '2026-11-02', '2026-11-09'];
const points = (pattern: ReadonlyArray<boolean | null>) => pattern.map((a, i) => point(weeks[i + 1], a, i));

function signal(id: string, state: SignalState, firstEpoch: string, lastEpoch: string): Signal {
  return {
    id,
    source: 'indicator',
    state,
    title: id,
    hazardId: 'h',
    placeId: 'p',
    placePath: '/p/',
    seriesId: 's',
    configId: 'c',
    firstEpoch,
    lastEpoch,
    explanation: { kind: 'event-based', summary: '' },
    priority: 'low',
    assigneeId: null,
    mergedIntoId: null,
    createdAt: '2026-11-01T00:00:00.000Z',
    updatedAt: '2026-11-01T00:00:00.000Z',
    version: 1,
  };
}

const nothing = { recorded: [], open: [] };
const epochsOf = (ps: ReadonlyArray<MonitoredPoint>) => ps.map((p) => p.epoch);

describe('the episode rule', () => {
  it('opens one signal for consecutive alarms', () => {
    const plan = planEpisodes({
      points: points([false, true, true, false]),
      epochBefore: weeks[0],
      existing: nothing,
    });
    expect(plan).toHaveLength(1);
    expect(plan[0].kind).toBe('open');
    expect(epochsOf(plan[0].alarms)).toEqual(['2026-10-19', '2026-10-26']);
  });

  it('opens a new signal after a gap of one epoch without alarm', () => {
    const plan = planEpisodes({
      points: points([true, false, true]),
      epochBefore: weeks[0],
      existing: nothing,
    });
    expect(plan.map((a) => [a.kind, epochsOf(a.alarms)])).toEqual([
      ['open', ['2026-10-12']],
      ['open', ['2026-10-26']],
    ]);
  });

  it('lets an undetermined epoch (missing count) neither end nor extend an episode', () => {
    const plan = planEpisodes({
      points: points([true, null, true]),
      epochBefore: weeks[0],
      existing: nothing,
    });
    expect(plan).toHaveLength(1);
    expect(epochsOf(plan[0].alarms)).toEqual(['2026-10-12', '2026-10-26']);
  });

  it('extends the open signal whose last alarm is the epoch just before the monitored ones', () => {
    const open = signal('s1', 'under-review', '2026-09-28', weeks[0]);
    const plan = planEpisodes({
      points: points([true, true]),
      epochBefore: weeks[0],
      existing: { recorded: [], open: [open] },
    });
    expect(plan).toHaveLength(1);
    expect(plan[0]).toMatchObject({ kind: 'extend', signal: { id: 's1' } });
    expect(epochsOf(plan[0].alarms)).toEqual(['2026-10-12', '2026-10-19']);
  });

  it('does not extend an open signal that ended before the epoch just before the monitored ones', () => {
    const open = signal('s1', 'new', '2026-09-21', '2026-09-28');
    const plan = planEpisodes({
      points: points([true]),
      epochBefore: weeks[0],
      existing: { recorded: [], open: [open] },
    });
    expect(plan.map((a) => a.kind)).toEqual(['open']);
  });

  it('changes nothing when every alarm is already recorded', () => {
    const open = signal('s1', 'new', weeks[2], weeks[3]);
    const plan = planEpisodes({
      points: points([false, true, true]),
      epochBefore: weeks[0],
      existing: {
        recorded: [
          { epoch: weeks[2], signalId: 's1', state: 'new' },
          { epoch: weeks[3], signalId: 's1', state: 'new' },
        ],
        open: [open],
      },
    });
    expect(plan).toEqual([]);
  });

  it('continues a recorded open episode with the next new alarm', () => {
    const open = signal('s1', 'monitoring', weeks[2], weeks[2]);
    const plan = planEpisodes({
      points: points([false, true, true]),
      epochBefore: weeks[0],
      existing: { recorded: [{ epoch: weeks[2], signalId: 's1', state: 'monitoring' }], open: [open] },
    });
    expect(plan).toHaveLength(1);
    expect(plan[0]).toMatchObject({ kind: 'extend', signal: { id: 's1' } });
    expect(epochsOf(plan[0].alarms)).toEqual([weeks[3]]);
  });

  it('opens a new signal when the episode continues after its signal was closed', () => {
    const plan = planEpisodes({
      points: points([false, true, true]),
      epochBefore: weeks[0],
      existing: { recorded: [{ epoch: weeks[2], signalId: 's1', state: 'discarded' }], open: [] },
    });
    expect(plan.map((a) => [a.kind, epochsOf(a.alarms)])).toEqual([['open', [weeks[3]]]]);
  });

  it('treats a merged signal as closed', () => {
    const plan = planEpisodes({
      points: points([true, true]),
      epochBefore: weeks[0],
      existing: { recorded: [{ epoch: weeks[1], signalId: 's1', state: 'merged' }], open: [] },
    });
    expect(plan.map((a) => [a.kind, epochsOf(a.alarms)])).toEqual([['open', [weeks[2]]]]);
  });

  it('extends an open signal when monitoring starts with the series', () => {
    const open = signal('s1', 'new', weeks[1], weeks[1]);
    const plan = planEpisodes({
      points: points([true, true]),
      epochBefore: null,
      existing: { recorded: [{ epoch: weeks[1], signalId: 's1', state: 'new' }], open: [open] },
    });
    expect(plan).toHaveLength(1);
    expect(plan[0]).toMatchObject({ kind: 'extend', signal: { id: 's1' } });
  });
});
