import { afterEach, describe, expect, it } from 'vitest';
import {
  actor,
  PLACES,
  type PlaceId,
  seedDetectionReference,
  signalFixture,
} from '../../../test/support/detection-fixtures.ts';
import { openTestStore, type TestStore } from '../../../test/support/test-store.ts';
import type { Actor } from '../../domain/actor.ts';
import { createMapCounts } from '../../services/map-counts.ts';
import { buildApp } from '../app.ts';
import { mapRoutes } from './map-routes.ts';

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
  await t.store.signals.insert(signalFixture({ id: 'by1' }));
  await t.store.signals.insert(signalFixture({ id: 'by2', state: 'verified' }));
  await t.store.signals.insert(signalFixture({ id: 'fr1', placeId: 'FR', placePath: PLACES.FR }));
  const app = await buildApp({
    authenticate: async (request) => testActor(request.headers['x-test-actor']),
    routes: [mapRoutes({ mapCounts: createMapCounts({ tx: t.tx }) })],
  });
  return { app, as: (who: string) => ({ 'x-test-actor': who }) };
}

describe('the map API', () => {
  it('answers counts per place of a level, within the caller’s jurisdiction', async () => {
    const { app, as } = await setup();
    const world = await app.inject({ url: '/api/signals/map?level=country', headers: as('viewer@world') });
    expect(world.statusCode).toBe(200);
    expect(world.json()).toEqual([
      { placeId: 'DE', value: 1 },
      { placeId: 'FR', value: 1 },
    ]);
    const german = await app.inject({
      url: '/api/signals/map?level=country&state=new,verified',
      headers: as('viewer@DE'),
    });
    expect(german.json()).toEqual([{ placeId: 'DE', value: 2 }]);
  });

  it('refuses a missing or unknown level, an unknown metric and anonymous callers', async () => {
    const { app, as } = await setup();
    expect((await app.inject({ url: '/api/signals/map', headers: as('viewer@DE') })).statusCode).toBe(422);
    expect(
      (await app.inject({ url: '/api/signals/map?level=district', headers: as('viewer@DE') })).statusCode,
    ).toBe(422);
    expect(
      (await app.inject({ url: '/api/signals/map?level=country&metric=cases', headers: as('viewer@DE') }))
        .statusCode,
    ).toBe(422);
    expect((await app.inject({ url: '/api/signals/map?level=country' })).statusCode).toBe(401);
  });
});
