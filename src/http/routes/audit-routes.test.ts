import { afterEach, describe, expect, it } from 'vitest';
import { as, responseApp } from '../../../test/support/response-app.ts';
import { ACTORS } from '../../../test/support/response-fixtures.ts';
import { openResponseServices, type ResponseServices } from '../../../test/support/response-services.ts';

let s: ResponseServices;
afterEach(async () => s.close());

describe('audit search route', () => {
  it('finds the entries of one actor, one object and one day, newest first, and pages on', async () => {
    s = await openResponseServices([
      {
        id: 'chol',
        state: 'verified',
        place: 'DE-BY',
        hazardId: 'cholera',
        verifiedAt: '2026-11-28T07:00:00.000Z',
      },
    ]);
    s.clock.set('2026-11-28T08:00:00.000Z');
    await s.deadlines.watch();
    const due = await s.deadlines.list(ACTORS.coordinator, { status: 'due' });
    s.clock.set('2026-11-29T09:00:00.000Z');
    for (const d of due.items) await s.deadlines.markMet(ACTORS.coordinator, d.id, `met ${d.ruleId}`);
    const app = await responseApp(s);
    const all = (await s.audit()).map((e) => ({
      seq: e.seq,
      actorId: e.actorId,
      at: e.at,
      type: e.objectType,
    }));
    expect(all.length).toBeGreaterThan(2);

    const byCoordinator = await as(app, 'admin').get(
      `/api/audit/search?actorId=${ACTORS.coordinator.userId}`,
    );
    expect(byCoordinator.statusCode).toBe(200);
    const expected = all
      .filter((e) => e.actorId === ACTORS.coordinator.userId)
      .map((e) => e.seq)
      .reverse();
    expect(expected.length).toBe(due.items.length);
    expect(byCoordinator.json().map((e: { seq: number }) => e.seq)).toEqual(expected);

    // A date alone is the whole day (UTC): the 29th holds exactly the entries of the deadlines met.
    const day = await as(app, 'admin').get('/api/audit/search?from=2026-11-29&to=2026-11-29');
    expect(day.json().map((e: { seq: number }) => e.seq)).toEqual(expected);
    const deadlineOne = await as(app, 'admin').get(
      `/api/audit/search?objectType=deadline&objectId=${due.items[0].id}`,
    );
    expect(deadlineOne.json().every((e: { objectId: string }) => e.objectId === due.items[0].id)).toBe(true);

    const first = (await as(app, 'admin').get('/api/audit/search?limit=2')).json();
    expect(first.map((e: { seq: number }) => e.seq)).toEqual([all.length, all.length - 1]);
    const next = (await as(app, 'admin').get(`/api/audit/search?limit=2&before=${first[1].seq}`)).json();
    expect(next.map((e: { seq: number }) => e.seq)).toEqual([all.length - 2, all.length - 3]);
  });

  it('refuses a bad date in plain words, and callers without the whole world', async () => {
    s = await openResponseServices();
    const app = await responseApp(s);
    const bad = await as(app, 'admin').get('/api/audit/search?from=yesterday');
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('from');
    expect((await as(app, 'coordinator').get('/api/audit/search')).statusCode).toBe(403);
  });
});
