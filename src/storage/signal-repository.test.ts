import SqliteDatabase from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { dialectsUnderTest } from '../../test/support/databases.ts';
import { PLACES, seedDetectionReference, signalFixture } from '../../test/support/detection-fixtures.ts';
import { DomainError } from '../domain/errors.ts';
import type { Signal } from '../domain/signal.ts';
import { decodeCursor, type SignalListQuery } from '../domain/signal-query.ts';
import type { Database } from './database.ts';
import { signalRepository } from './signal-repository.ts';

const open: Database[] = [];
afterEach(async () => {
  for (const d of open.splice(0)) await d.close();
});

const query = (over: Partial<SignalListQuery> = {}): SignalListQuery => ({
  placePathPrefix: '/',
  sort: 'created',
  direction: 'desc',
  limit: 50,
  paging: { kind: 'offset', offset: 0 },
  ...over,
});

const ids = (signals: ReadonlyArray<Signal>) => signals.map((s) => s.id);

describe.each(dialectsUnderTest())('signal repository on $name', (dialect) => {
  async function withSignals(signals: ReadonlyArray<Signal>) {
    const database = await dialect.open();
    open.push(database);
    await seedDetectionReference(database);
    const repo = signalRepository(database.db);
    for (const s of signals) await repo.insert(s);
    return { database, repo };
  }

  // Six signals across places, hazards, states, sources, dates and priorities.
  const six = [
    signalFixture({
      id: 'a',
      createdAt: '2026-11-01T08:00:00.000Z',
      priority: 'low',
      firstEpoch: '2026-10-05',
      lastEpoch: '2026-10-12',
    }),
    signalFixture({
      id: 'b',
      createdAt: '2026-11-02T08:00:00.000Z',
      priority: 'critical',
      state: 'under-review',
      source: 'indicator',
    }),
    signalFixture({
      id: 'c',
      createdAt: '2026-11-03T08:00:00.000Z',
      priority: 'high',
      placeId: 'DE-NW',
      placePath: PLACES['DE-NW'],
      title: '100% Salmonella_x',
    }),
    signalFixture({
      id: 'd',
      createdAt: '2026-11-04T08:00:00.000Z',
      priority: 'medium',
      placeId: 'FR',
      placePath: PLACES.FR,
      hazardId: 'cholera',
    }),
    signalFixture({
      id: 'e',
      createdAt: '2026-11-05T08:00:00.000Z',
      priority: 'high',
      state: 'discarded',
      assigneeId: 'analyst-DE',
    }),
    signalFixture({
      id: 'f',
      createdAt: '2026-11-06T08:00:00.000Z',
      priority: 'low',
      state: 'merged',
      mergedIntoId: 'b',
    }),
  ];

  it('stores and reads a signal with its explanation', async () => {
    const { repo } = await withSignals([six[1]]);
    expect(await repo.get('b')).toEqual(six[1]);
    expect(await repo.get('nope')).toBeUndefined();
  });

  it('updates at the version read, bumps it, and refuses a stale version with CONFLICT', async () => {
    const { repo } = await withSignals([six[0]]);
    const after = await repo.update(
      'a',
      1,
      { state: 'under-review', priority: 'high' },
      '2026-11-20T00:00:00.000Z',
    );
    expect(after).toMatchObject({
      state: 'under-review',
      priority: 'high',
      version: 2,
      updatedAt: '2026-11-20T00:00:00.000Z',
    });
    const stale = repo.update('a', 1, { state: 'discarded' }, '2026-11-21T00:00:00.000Z');
    await expect(stale).rejects.toBeInstanceOf(DomainError);
    await expect(stale).rejects.toMatchObject({
      code: 'CONFLICT',
      details: { expectedVersion: 1, actualVersion: 2 },
    });
    expect((await repo.get('a'))?.state).toBe('under-review');
  });

  it('lists newest first with a total, leaving merged duplicates out by default', async () => {
    const { repo } = await withSignals(six);
    const page = await repo.list(query());
    expect(ids(page.items)).toEqual(['e', 'd', 'c', 'b', 'a']);
    expect(page.total).toBe(5);
  });

  it('filters by place subtree, hazard, source, state, assignee and text', async () => {
    const { repo } = await withSignals(six);
    expect(ids((await repo.list(query({ placePathPrefix: PLACES.DE }))).items)).toEqual(['e', 'c', 'b', 'a']);
    expect(ids((await repo.list(query({ placePathPrefix: PLACES['DE-NW'] }))).items)).toEqual(['c']);
    expect(ids((await repo.list(query({ hazardIds: ['cholera'] }))).items)).toEqual(['d']);
    expect(ids((await repo.list(query({ sources: ['indicator'] }))).items)).toEqual(['b']);
    expect(ids((await repo.list(query({ states: ['merged', 'discarded'] }))).items)).toEqual(['f', 'e']);
    expect(ids((await repo.list(query({ assigneeId: 'analyst-DE' }))).items)).toEqual(['e']);
    expect(ids((await repo.list(query({ assigneeId: null }))).items)).toEqual(['d', 'c', 'b', 'a']);
    expect(ids((await repo.list(query({ text: 'salmonella_X' }))).items)).toEqual(['c']);
    expect(ids((await repo.list(query({ text: '100%' }))).items)).toEqual(['c']);
    expect(ids((await repo.list(query({ text: '_' }))).items)).toEqual(['c']);
  });

  it('filters by the date a signal was last seen (its last epoch)', async () => {
    const { repo } = await withSignals(six);
    expect(ids((await repo.list(query({ to: '2026-10-20' }))).items)).toEqual(['a']);
    expect(ids((await repo.list(query({ from: '2026-10-13' }))).items)).toEqual(['e', 'd', 'c', 'b']);
    expect(ids((await repo.list(query({ from: '2026-10-12', to: '2026-10-12' }))).items)).toEqual(['a']);
    // 'a' ran from 10-05 to 10-12: a range inside it is not its last epoch.
    expect(ids((await repo.list(query({ from: '2026-10-06', to: '2026-10-08' }))).items)).toEqual([]);
  });

  it('sorts by priority (critical first, then newest), last epoch and update time', async () => {
    const { repo } = await withSignals(six);
    expect(ids((await repo.list(query({ sort: 'priority' }))).items)).toEqual(['b', 'e', 'c', 'd', 'a']);
    expect(ids((await repo.list(query({ sort: 'priority', direction: 'asc' }))).items)).toEqual([
      'a',
      'd',
      'c',
      'e',
      'b',
    ]);
    expect(ids((await repo.list(query({ sort: 'last-epoch', direction: 'asc' }))).items)).toEqual([
      'a',
      'b',
      'c',
      'd',
      'e',
    ]);
    await repo.update('a', 1, { title: 'touched' }, '2026-12-01T00:00:00.000Z');
    expect(ids((await repo.list(query({ sort: 'updated' }))).items)[0]).toBe('a');
  });

  it.each([
    ['created', false],
    ['priority', false],
    ['last-epoch', false],
    ['updated', false],
    ['created', true],
    ['priority', true],
  ] as const)(
    'pages with a keyset cursor through every row exactly once (sort %s, date range %s)',
    async (sort, dated) => {
      const range = dated ? { from: '2026-10-11', to: '2026-12-31' } : {};
      const many = Array.from({ length: 23 }, (_, i) =>
        signalFixture({
          id: `s${String(i).padStart(2, '0')}`,
          createdAt: `2026-11-${String(1 + (i % 5)).padStart(2, '0')}T08:00:00.000Z`,
          updatedAt: `2026-11-${String(1 + (i % 3)).padStart(2, '0')}T08:00:00.000Z`,
          lastEpoch: `2026-10-${String(10 + (i % 4)).padStart(2, '0')}`,
          priority: (['low', 'medium', 'high', 'critical'] as const)[i % 4],
        }),
      );
      const { repo } = await withSignals(many);
      const all = ids((await repo.list(query({ sort, limit: 200, ...range }))).items);
      // With the range, the 6 signals last seen on 2026-10-10 are out.
      expect(all).toHaveLength(dated ? 17 : 23);
      const walked: string[] = [];
      let cursor: string | null = null;
      do {
        const after = cursor === null ? null : decodeCursor(cursor, sort, 'desc');
        const page = await repo.list(query({ sort, limit: 5, paging: { kind: 'cursor', after }, ...range }));
        expect(page.total).toBe(dated ? 17 : 23);
        walked.push(...ids(page.items));
        cursor = page.nextCursor;
      } while (cursor !== null);
      expect(walked).toEqual(all);
    },
  );

  it('counts exactly up to a cap, then says the total is a lower bound', async () => {
    const { database } = await withSignals(six);
    const capped = signalRepository(database.db, { maxExactTotal: 3 });
    expect(await capped.list(query({ limit: 2 }))).toMatchObject({ total: 3, totalExact: false });
    expect(await capped.list(query({ placePathPrefix: PLACES.DE }))).toMatchObject({
      total: 3,
      totalExact: false,
    });
    expect(await capped.list(query({ states: ['new', 'under-review', 'monitoring'] }))).toMatchObject({
      total: 3,
      totalExact: false,
    });
    expect(await capped.list(query({ hazardIds: ['cholera'] }))).toMatchObject({
      total: 1,
      totalExact: true,
    });
  });

  it('lists the open states through the open-signal indexes', async () => {
    const { repo } = await withSignals(six);
    const page = await repo.list(query({ states: ['monitoring', 'new', 'under-review'] }));
    expect(ids(page.items)).toEqual(['d', 'c', 'b', 'a']);
    expect(
      ids(
        (await repo.list(query({ states: ['new', 'under-review', 'monitoring'], sort: 'priority' }))).items,
      ),
    ).toEqual(['b', 'c', 'd', 'a']);
  });

  it('pages by offset', async () => {
    const { repo } = await withSignals(six);
    const page = await repo.list(query({ limit: 2, paging: { kind: 'offset', offset: 2 } }));
    expect(ids(page.items)).toEqual(['c', 'b']);
    expect(page.total).toBe(5);
    expect(page.nextCursor).not.toBeNull();
  });

  it('shows the alarms and comments of merged duplicates on the signal they were merged into', async () => {
    const { repo } = await withSignals([
      signalFixture({ id: 't' }),
      signalFixture({ id: 'd1', state: 'merged', mergedIntoId: 't' }),
      signalFixture({ id: 'd2', state: 'merged', mergedIntoId: 'd1' }),
    ]);
    await repo.addAlarms([
      {
        signalId: 't',
        epoch: '2026-11-09',
        runId: 'r',
        observed: 9,
        expected: 2,
        upperBound: 5,
        score: null,
      },
      {
        signalId: 'd2',
        epoch: '2026-11-02',
        runId: 'r',
        observed: 7,
        expected: 2,
        upperBound: 5,
        score: 1.5,
      },
    ]);
    await repo.addComment({
      id: 'c1',
      signalId: 'd1',
      authorId: 'u',
      body: 'same outbreak',
      at: '2026-11-10T09:00:00.000Z',
    });
    await repo.addTransition({
      id: 'x1',
      signalId: 't',
      fromState: null,
      toState: 'new',
      actorId: 'system',
      at: '2026-11-10T08:00:00.000Z',
      reason: 'opened',
    });
    const d = await repo.details('t');
    expect(d?.mergedIds).toEqual(['d1', 'd2']);
    expect(d?.alarms.map((a) => [a.signalId, a.epoch])).toEqual([
      ['d2', '2026-11-02'],
      ['t', '2026-11-09'],
    ]);
    expect(d?.comments.map((c) => c.body)).toEqual(['same outbreak']);
    expect(d?.transitions.map((t) => [t.fromState, t.toState])).toEqual([[null, 'new']]);
  });

  it('links two signals once, shows the link on both, and removes it either way round', async () => {
    const { repo } = await withSignals([signalFixture({ id: 'p' }), signalFixture({ id: 'q' })]);
    const link = {
      signalId: 'p',
      otherSignalId: 'q',
      kind: 'related' as const,
      createdBy: 'u',
      at: '2026-11-10T09:00:00.000Z',
    };
    expect(await repo.addLink(link)).toBe(true);
    expect(await repo.addLink({ ...link, signalId: 'q', otherSignalId: 'p' })).toBe(false);
    expect((await repo.details('q'))?.links).toEqual([link]);
    expect(await repo.removeLink('q', 'p')).toBe(true);
    expect((await repo.details('p'))?.links).toEqual([]);
    expect(await repo.removeLink('q', 'p')).toBe(false);
  });

  it('tells the episode rule which alarms are recorded and which signals are open', async () => {
    const indicator = { source: 'indicator' as const, seriesId: null, configId: 'cfg' };
    const { database, repo } = await withSignals([]);
    await database.db
      .insertInto('series')
      .values({
        id: 'ser',
        hazardId: 'salmonellosis',
        placeId: 'DE-BY',
        placePath: PLACES['DE-BY'],
        stratum: '',
        source: 'n',
        frequency: 'weekly',
        unit: 'cases',
        createdAt: '2026-01-01T00:00:00.000Z',
      })
      .execute();
    await repo.insert(
      signalFixture({
        id: 'old',
        ...indicator,
        seriesId: 'ser',
        state: 'discarded',
        firstEpoch: '2026-10-05',
        lastEpoch: '2026-10-12',
      }),
    );
    await repo.insert(
      signalFixture({
        id: 'cur',
        ...indicator,
        seriesId: 'ser',
        state: 'monitoring',
        firstEpoch: '2026-10-26',
        lastEpoch: '2026-10-26',
      }),
    );
    const alarm = (signalId: string, epoch: string) => ({
      signalId,
      epoch,
      runId: 'r',
      observed: 1,
      expected: 1,
      upperBound: 1,
      score: null,
    });
    await repo.addAlarms([
      alarm('old', '2026-10-05'),
      alarm('old', '2026-10-12'),
      alarm('cur', '2026-10-26'),
    ]);
    const state = await repo.seriesSignalState('ser', 'cfg', '2026-10-12');
    expect(state.recorded.map((r) => [r.epoch, r.signalId, r.state]).sort()).toEqual([
      ['2026-10-12', 'old', 'discarded'],
      ['2026-10-26', 'cur', 'monitoring'],
    ]);
    expect(ids(state.open)).toEqual(['cur']);
    // One episode start per series and configuration: a racing run cannot open it twice.
    await expect(
      repo.insert(
        signalFixture({
          id: 'dup',
          ...indicator,
          seriesId: 'ser',
          firstEpoch: '2026-10-26',
          lastEpoch: '2026-10-26',
        }),
      ),
    ).rejects.toThrow();
  });

  it('finds places and assignees with their jurisdiction', async () => {
    const { repo } = await withSignals([]);
    expect(await repo.placePath('DE-NW')).toBe(PLACES['DE-NW']);
    expect(await repo.placePath('XX')).toBeUndefined();
    expect(await repo.assignee('analyst-DE-BY')).toEqual({
      id: 'analyst-DE-BY',
      role: 'analyst',
      active: true,
      jurisdictionPath: PLACES['DE-BY'],
    });
    expect((await repo.assignee('retired-DE'))?.active).toBe(false);
  });

  if (dialect.name === 'sqlite') {
    it('walks the priority and open-signal indexes in order instead of sorting (their expressions match)', async () => {
      const { repo } = await withSignals(six);
      const open = ['new', 'under-review', 'monitoring'] as const;
      const planOf = async (q: Partial<SignalListQuery>) =>
        (await sqlitePlansOf(() => repo.list(query(q)))).find((p) => p.sql.includes('order by'))?.plan ?? '';
      const plans = [
        await planOf({ sort: 'priority', states: ['discarded', 'verified'] }),
        await planOf({ sort: 'priority', states: [...open] }),
        await planOf({ states: [...open] }),
      ];
      expect(plans.map((p) => p.match(/signals_\w+/)?.[0])).toEqual([
        'signals_state_priority',
        'signals_open_priority',
        'signals_open_created',
      ]);
      expect(plans[1]).not.toContain('TEMP B-TREE');
      expect(plans[2]).not.toContain('TEMP B-TREE');
    });
  }
});

/** Runs `work` and returns SQLite's query plan of every statement it ran (through better-sqlite3). */
async function sqlitePlansOf(work: () => Promise<unknown>): Promise<Array<{ sql: string; plan: string }>> {
  type Stmt = { source: string; database: SqliteDatabase.Database; all(...args: unknown[]): unknown };
  const probe = new SqliteDatabase(':memory:');
  const proto = Object.getPrototypeOf(probe.prepare('select 1')) as Stmt;
  probe.close();
  const all = proto.all;
  const plans: Array<{ sql: string; plan: string }> = [];
  proto.all = function (this: Stmt, ...args: unknown[]) {
    if (!this.source.startsWith('explain')) {
      const rows = all.apply(this.database.prepare(`explain query plan ${this.source}`), args) as Array<{
        detail: string;
      }>;
      plans.push({ sql: this.source, plan: rows.map((r) => r.detail).join(' | ') });
    }
    return all.apply(this, args);
  };
  try {
    await work();
  } finally {
    proto.all = all;
  }
  return plans;
}
