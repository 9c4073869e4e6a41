import { afterEach, describe, expect, it } from 'vitest';
import {
  actor,
  PLACES,
  seedDetectionReference,
  signalFixture,
} from '../../test/support/detection-fixtures.ts';
import { openTestStore, type TestStore } from '../../test/support/test-store.ts';
import { createSignalInbox } from './signal-inbox.ts';

const stores: TestStore[] = [];
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close();
});

async function setup() {
  const t = await openTestStore();
  stores.push(t);
  await seedDetectionReference(t.database);
  const at = (day: number) => `2026-11-${String(day).padStart(2, '0')}T08:00:00.000Z`;
  for (const s of [
    signalFixture({ id: 'by-new', createdAt: at(1), source: 'indicator' }),
    signalFixture({ id: 'by-review', createdAt: at(2), state: 'under-review', assigneeId: 'analyst-DE-BY' }),
    signalFixture({ id: 'nw-new', createdAt: at(3), placeId: 'DE-NW', placePath: PLACES['DE-NW'] }),
    signalFixture({ id: 'fr-new', createdAt: at(4), placeId: 'FR', placePath: PLACES.FR }),
    signalFixture({ id: 'by-verified', createdAt: at(5), state: 'verified' }),
  ])
    await t.store.signals.insert(s);
  return { t, inbox: createSignalInbox({ tx: t.tx }) };
}

const ids = (page: { items: ReadonlyArray<{ id: string }> }) => page.items.map((s) => s.id);

describe('the signal inbox', () => {
  it('shows the open signals of both sources in the caller’s jurisdiction, newest first', async () => {
    const { inbox } = await setup();
    expect(ids(await inbox.list(actor('viewer', 'world'), {}))).toEqual([
      'fr-new',
      'nw-new',
      'by-review',
      'by-new',
    ]);
    const de = await inbox.list(actor('viewer', 'DE'), {});
    expect(ids(de)).toEqual(['nw-new', 'by-review', 'by-new']);
    expect(de.total).toBe(3);
    expect(ids(await inbox.list(actor('analyst', 'DE-BY'), {}))).toEqual(['by-review', 'by-new']);
  });

  it('narrows a place filter to the jurisdiction and never widens it', async () => {
    const { inbox } = await setup();
    const by = actor('analyst', 'DE-BY');
    expect(ids(await inbox.list(by, { placeId: 'DE' }))).toEqual(['by-review', 'by-new']);
    expect(await inbox.list(by, { placeId: 'FR' })).toEqual({
      items: [],
      total: 0,
      totalExact: true,
      nextCursor: null,
    });
    expect(ids(await inbox.list(actor('viewer', 'world'), { placeId: 'DE-NW' }))).toEqual(['nw-new']);
    await expect(inbox.list(by, { placeId: 'XX' })).rejects.toMatchObject({
      code: 'VALIDATION',
      details: { problems: [{ field: 'placeId', message: 'no place XX' }] },
    });
  });

  it('filters by state, source and assignee (me, none)', async () => {
    const { inbox } = await setup();
    const by = actor('analyst', 'DE-BY', 'analyst-DE-BY');
    expect(ids(await inbox.list(by, { states: ['verified'] }))).toEqual(['by-verified']);
    expect(ids(await inbox.list(by, { sources: ['indicator'] }))).toEqual(['by-new']);
    expect(ids(await inbox.list(by, { assignee: 'me' }))).toEqual(['by-review']);
    expect(ids(await inbox.list(by, { assignee: 'none' }))).toEqual(['by-new']);
  });

  it('pages with a cursor and with an offset', async () => {
    const { inbox } = await setup();
    const world = actor('viewer', 'world');
    const first = await inbox.list(world, { limit: 3 });
    expect(ids(first)).toEqual(['fr-new', 'nw-new', 'by-review']);
    expect(first.total).toBe(4);
    const second = await inbox.list(world, { limit: 3, cursor: first.nextCursor ?? '' });
    expect(ids(second)).toEqual(['by-new']);
    expect(second.nextCursor).toBeNull();
    expect(ids(await inbox.list(world, { limit: 2, offset: 1 }))).toEqual(['nw-new', 'by-review']);
  });

  it('names every bad filter at once', async () => {
    const { inbox } = await setup();
    await expect(
      inbox.list(actor('viewer', 'world'), {
        states: ['open'],
        sources: ['rumour'],
        sort: 'size',
        direction: 'up',
        limit: 0,
        from: '2026-13',
        cursor: 'x',
        offset: 1,
      }),
    ).rejects.toMatchObject({
      code: 'VALIDATION',
      details: {
        problems: ['state', 'source', 'sort', 'direction', 'limit', 'from', 'cursor'].map((field) => ({
          field,
          message: expect.any(String),
        })),
      },
    });
  });

  it('gets one signal only inside the jurisdiction', async () => {
    const { inbox } = await setup();
    expect((await inbox.get(actor('viewer', 'DE'), 'nw-new')).signal.id).toBe('nw-new');
    await expect(inbox.get(actor('viewer', 'DE-BY'), 'nw-new')).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(inbox.get(actor('viewer', 'DE'), 'nope')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
