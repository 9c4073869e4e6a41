import { afterEach, describe, expect, it } from 'vitest';
import {
  actor,
  type PlaceId,
  seedDetectionReference,
  signalFixture,
} from '../../../test/support/detection-fixtures.ts';
import { openTestStore, type TestStore } from '../../../test/support/test-store.ts';
import type { Actor } from '../../domain/actor.ts';
import { createSignalInbox } from '../../services/signal-inbox.ts';
import { createTriageSignal } from '../../services/triage-signal.ts';
import { buildApp } from '../app.ts';
import { signalRoutes } from './signal-routes.ts';

const stores: TestStore[] = [];
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close();
});

/** Requests name their actor as `x-test-actor: role@place`. */
function testActor(header: string | string[] | undefined): Actor | null {
  if (typeof header !== 'string') return null;
  const [role, place] = header.split('@');
  return actor(role as Actor['role'], place as PlaceId);
}

async function setup() {
  const t = await openTestStore();
  stores.push(t);
  await seedDetectionReference(t.database);
  await t.store.signals.insert(signalFixture({ id: 's1', createdAt: '2026-11-01T08:00:00.000Z' }));
  await t.store.signals.insert(
    signalFixture({ id: 's2', createdAt: '2026-11-02T08:00:00.000Z', source: 'indicator' }),
  );
  const app = await buildApp({
    authenticate: async (request) => testActor(request.headers['x-test-actor']),
    routes: [
      signalRoutes({
        inbox: createSignalInbox({ tx: t.tx }),
        triage: createTriageSignal({ tx: t.tx, clock: t.clock, ids: t.ids }),
      }),
    ],
  });
  const as = (who: string) => ({ 'x-test-actor': who });
  return { t, app, as };
}

describe('the signal API', () => {
  it('lists the inbox with filters, sort and paging', async () => {
    const { app, as } = await setup();
    const r = await app.inject({
      method: 'GET',
      url: '/api/signals?limit=1&sort=created',
      headers: as('viewer@DE'),
    });
    expect(r.statusCode).toBe(200);
    const page = r.json();
    expect(page.items.map((s: { id: string }) => s.id)).toEqual(['s2']);
    expect(page.total).toBe(2);
    const next = await app.inject({
      method: 'GET',
      url: `/api/signals?limit=1&sort=created&cursor=${page.nextCursor}`,
      headers: as('viewer@DE'),
    });
    expect(next.json().items.map((s: { id: string }) => s.id)).toEqual(['s1']);
    const filtered = await app.inject({
      method: 'GET',
      url: '/api/signals?source=indicator,event-based&state=new&hazard=salmonellosis&place=DE-BY&q=signal%20s1',
      headers: as('viewer@DE'),
    });
    expect(filtered.json().items.map((s: { id: string }) => s.id)).toEqual(['s1']);
    expect(filtered.json().items[0]).toMatchObject({
      explanation: { kind: 'event-based', summary: 'reports of a cluster' },
      version: 1,
    });
  });

  it('answers outside the jurisdiction with an empty inbox and 403 for one signal', async () => {
    const { app, as } = await setup();
    const list = await app.inject({ method: 'GET', url: '/api/signals', headers: as('viewer@FR') });
    expect(list.json()).toEqual({ items: [], total: 0, totalExact: true, nextCursor: null });
    const one = await app.inject({ method: 'GET', url: '/api/signals/s1', headers: as('viewer@FR') });
    expect(one.statusCode).toBe(403);
    expect(one.headers['content-type']).toMatch(/problem\+json/);
  });

  it('triages: transition, comment, assign, link, merge, priority — with versions', async () => {
    const { app, as } = await setup();
    const h = as('analyst@DE');
    const post = (url: string, payload: object, method: 'POST' | 'PUT' = 'POST') =>
      app.inject({ method, url, headers: h, payload });
    const a = await post('/api/signals/s1/transitions', { version: 1, to: 'under-review', reason: 'check' });
    expect(a.statusCode).toBe(200);
    expect(a.json()).toMatchObject({ state: 'under-review', version: 2 });
    expect((await post('/api/signals/s1/comments', { version: 2, body: 'looks real' })).statusCode).toBe(201);
    expect(
      (await post('/api/signals/s1/assignee', { version: 3, assigneeId: 'analyst-DE-BY' }, 'PUT')).json(),
    ).toMatchObject({
      assigneeId: 'analyst-DE-BY',
      version: 4,
    });
    expect(
      (await post('/api/signals/s1/priority', { version: 4, priority: 'high' }, 'PUT')).json().priority,
    ).toBe('high');
    expect((await post('/api/signals/s1/links', { version: 5, otherSignalId: 's2' })).json().version).toBe(6);
    const unlinked = await app.inject({
      method: 'DELETE',
      url: '/api/signals/s1/links/s2?version=6',
      headers: h,
    });
    expect(unlinked.json().version).toBe(7);
    const merged = await post('/api/signals/s2/merge', {
      version: 1,
      targetId: 's1',
      targetVersion: 7,
      reason: 'same',
    });
    expect(merged.statusCode).toBe(200);
    expect(merged.json()).toMatchObject({
      duplicate: { state: 'merged', mergedIntoId: 's1' },
      target: { version: 8 },
    });
    const details = await app.inject({ method: 'GET', url: '/api/signals/s1', headers: h });
    expect(details.json()).toMatchObject({
      signal: { id: 's1', version: 8 },
      mergedIds: ['s2'],
      comments: [{ body: 'looks real', authorId: 'analyst-DE' }],
      transitions: [{ fromState: 'new', toState: 'under-review', reason: 'check' }],
    });
  });

  it('answers a stale version with 409 CONFLICT and a skipped step with 409 INVALID_TRANSITION', async () => {
    const { app, as } = await setup();
    const h = as('analyst@DE');
    const stale = await app.inject({
      method: 'POST',
      url: '/api/signals/s1/transitions',
      headers: h,
      payload: { version: 7, to: 'under-review', reason: 'x' },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'CONFLICT', expectedVersion: 7, actualVersion: 1 });
    const skipped = await app.inject({
      method: 'POST',
      url: '/api/signals/s1/transitions',
      headers: h,
      payload: { version: 1, to: 'verified', reason: 'x' },
    });
    expect(skipped.statusCode).toBe(409);
    expect(skipped.json().code).toBe('INVALID_TRANSITION');
  });

  it('rejects bad input naming the field, unauthenticated callers and roles without triage', async () => {
    const { app, as } = await setup();
    const bad = await app.inject({
      method: 'POST',
      url: '/api/signals/s1/transitions',
      headers: as('analyst@DE'),
      payload: { version: 1, to: 'closed', reason: '' },
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().problems.map((p: { field: string }) => p.field)).toEqual(['body.to', 'body.reason']);
    const badQuery = await app.inject({
      method: 'GET',
      url: '/api/signals?state=open',
      headers: as('viewer@DE'),
    });
    expect(badQuery.statusCode).toBe(422);
    expect(badQuery.json().problems).toEqual([{ field: 'state', message: expect.any(String) }]);
    expect((await app.inject({ method: 'GET', url: '/api/signals' })).statusCode).toBe(401);
    const viewer = await app.inject({
      method: 'POST',
      url: '/api/signals/s1/comments',
      headers: as('viewer@DE'),
      payload: { version: 1, body: 'hi' },
    });
    expect(viewer.statusCode).toBe(403);
  });

  it('documents every route in OpenAPI with tags and summaries', async () => {
    const { app } = await setup();
    const spec = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const ops = Object.entries(
      spec.paths as Record<string, Record<string, { tags?: string[]; summary?: string }>>,
    )
      .filter(([path]) => path.startsWith('/api/signals'))
      .flatMap(([, methods]) => Object.values(methods));
    expect(ops).toHaveLength(10);
    for (const op of ops) {
      expect(op.tags).toEqual(['signals']);
      expect(op.summary).toEqual(expect.any(String));
    }
  });
});
