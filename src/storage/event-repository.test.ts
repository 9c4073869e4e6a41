import { afterEach, describe, expect, it } from 'vitest';
import { dialectsUnderTest } from '../../test/support/databases.ts';
import { PLACES, seedResponseFixtures, seedSignals, T0 } from '../../test/support/response-fixtures.ts';
import type { ResponseEvent } from '../domain/event.ts';
import type { Database } from './database.ts';
import { eventRepository } from './event-repository.ts';

const open: Database[] = [];
afterEach(async () => {
  for (const d of open.splice(0)) await d.close();
});

const event = (id: string, o: Partial<ResponseEvent> = {}): ResponseEvent => ({
  id,
  title: `event ${id}`,
  hazardId: 'cholera',
  placeId: 'DE',
  placePath: PLACES.DE,
  leadDepartmentId: 'health',
  coordinatorId: 'u-coord',
  status: 'active',
  riskLevel: null,
  createdAt: T0,
  updatedAt: T0,
  version: 1,
  ...o,
});

describe.each(dialectsUnderTest())('event repository on $name', (dialect) => {
  async function repo() {
    const database = await dialect.open();
    open.push(database);
    await seedResponseFixtures(database.db);
    await seedSignals(database.db, [
      { id: 's1', state: 'verified', place: 'DE-BY', hazardId: 'cholera' },
      { id: 's2', state: 'verified', place: 'DE-BE', hazardId: 'cholera' },
    ]);
    return eventRepository(database.db);
  }

  it('stores and reads an event', async () => {
    const r = await repo();
    await r.insertEvent(event('e1'));
    expect(await r.getEvent('e1')).toEqual(event('e1'));
    expect(await r.getEvent('nope')).toBeUndefined();
  });

  it('updates only from the version read, and reports a conflict otherwise', async () => {
    const r = await repo();
    await r.insertEvent(event('e1'));
    await r.updateEvent({ ...event('e1'), status: 'contained', version: 2 }, 1);
    await expect(r.updateEvent({ ...event('e1'), title: 'late', version: 2 }, 1)).rejects.toMatchObject({
      code: 'CONFLICT',
      details: { expectedVersion: 1, actualVersion: 2 },
    });
    expect(await r.getEvent('e1')).toMatchObject({ status: 'contained', title: 'event e1', version: 2 });
  });

  it('lets exactly one of two concurrent writers of the same version win', async () => {
    const database = await dialect.open();
    open.push(database);
    await seedResponseFixtures(database.db);
    await eventRepository(database.db).insertEvent(event('e1'));
    const write = (status: 'contained' | 'closed') =>
      database.db
        .transaction()
        .execute((trx) => eventRepository(trx).updateEvent({ ...event('e1'), status, version: 2 }, 1));
    const results = await Promise.allSettled([write('contained'), write('closed')]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(await eventRepository(database.db).getEvent('e1')).toMatchObject({ version: 2 });
  });

  it('lists the events of a jurisdiction, newest first, filtered by status', async () => {
    const r = await repo();
    await r.insertEvent(event('e1', { createdAt: '2026-11-28T08:00:00.000Z' }));
    await r.insertEvent(
      event('e2', { createdAt: '2026-11-28T09:00:00.000Z', placeId: 'DE-BY', placePath: PLACES['DE-BY'] }),
    );
    await r.insertEvent(event('e3', { placeId: 'FR', placePath: PLACES.FR, status: 'closed' }));
    const de = await r.listEvents({ placePathPrefix: PLACES.DE, limit: 10, offset: 0 });
    expect(de.items.map((e) => e.id)).toEqual(['e2', 'e1']);
    expect(de.total).toBe(2);
    const closed = await r.listEvents({
      placePathPrefix: PLACES.world,
      status: 'closed',
      limit: 10,
      offset: 0,
    });
    expect(closed.items.map((e) => e.id)).toEqual(['e3']);
  });

  it('links signals once and finds them both ways', async () => {
    const r = await repo();
    await r.insertEvent(event('e1'));
    await r.linkSignals('e1', ['s1', 's2']);
    await r.linkSignals('e1', ['s1']);
    expect(await r.signalIdsOf('e1')).toEqual(['s1', 's2']);
    expect(await r.eventIdsOfSignal('s2')).toEqual(['e1']);
  });

  it('takes one signal out of an event and leaves the others', async () => {
    const r = await repo();
    await r.insertEvent(event('e1'));
    await r.linkSignals('e1', ['s1', 's2']);
    await r.unlinkSignal('e1', 's1');
    await r.unlinkSignal('e1', 'not-linked');
    expect(await r.signalIdsOf('e1')).toEqual(['s2']);
    expect(await r.eventIdsOfSignal('s1')).toEqual([]);
  });

  it('keeps the timeline in the order written', async () => {
    const r = await repo();
    await r.insertEvent(event('e1'));
    await r.appendTimeline({
      id: 't2',
      eventId: 'e1',
      at: '2026-11-28T09:00:00.000Z',
      kind: 'status',
      text: 'b',
      actorId: 'u',
    });
    await r.appendTimeline({
      id: 't1',
      eventId: 'e1',
      at: '2026-11-28T08:00:00.000Z',
      kind: 'created',
      text: 'a',
      actorId: 'u',
    });
    await r.appendTimeline({
      id: 't0',
      eventId: 'e1',
      at: '2026-11-28T09:00:00.000Z',
      kind: 'updated',
      text: 'c',
      actorId: 'u',
    });
    expect((await r.timeline('e1')).map((t) => [t.kind, t.text])).toEqual([
      ['status', 'b'],
      ['created', 'a'],
      ['updated', 'c'],
    ]);
  });

  it('keeps situation report versions, refuses a duplicate version and publishes once', async () => {
    const r = await repo();
    await r.insertEvent(event('e1'));
    const report = {
      id: 'r1',
      eventId: 'e1',
      version: 1,
      body: 'v1',
      authorId: 'u',
      createdAt: T0,
      publishedAt: null,
    };
    await r.insertReport(report);
    await r.insertReport({ ...report, id: 'r2', version: 2, body: 'v2' });
    await expect(r.insertReport({ ...report, id: 'r3', version: 2 })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    expect((await r.reports('e1')).map((x) => x.version)).toEqual([2, 1]);
    expect(await r.publish('e1', 2, '2026-11-28T10:00:00.000Z')).toBe(true);
    expect(await r.publish('e1', 2, '2026-11-28T11:00:00.000Z')).toBe(false);
    expect(await r.report('e1', 2)).toMatchObject({ body: 'v2', publishedAt: '2026-11-28T10:00:00.000Z' });
  });
});
