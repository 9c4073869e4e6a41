import { afterEach, describe, expect, it } from 'vitest';
import { actorAt, SMALL_REFERENCE } from '../../../test/support/reference-fixtures.ts';
import { openTestStore, type TestStore } from '../../../test/support/test-store.ts';
import { type Actor, SYSTEM_ACTOR } from '../../domain/actor.ts';
import { referenceDataService } from '../../services/reference-data.ts';
import { seedReferenceData } from '../../services/seed-reference-data.ts';
import { buildApp, type TocsinApp } from '../app.ts';
import { referenceRoutes } from './reference-routes.ts';

const stores: TestStore[] = [];
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close();
});

const ACTORS: Readonly<Record<string, Actor>> = {
  admin: actorAt('admin', 'world'),
  viewer: actorAt('viewer', 'DE-BW'),
  analyst: actorAt('analyst', 'DE'),
};

async function setup(): Promise<TocsinApp> {
  const t = await openTestStore();
  stores.push(t);
  await seedReferenceData(t)(SYSTEM_ACTOR, SMALL_REFERENCE);
  return buildApp({
    authenticate: async (request) => {
      const who = request.headers['x-actor'];
      return typeof who === 'string' ? (ACTORS[who] ?? null) : null;
    },
    routes: [referenceRoutes({ reference: referenceDataService(t) })],
  });
}

const call = (
  app: TocsinApp,
  who: string | null,
  method: 'GET' | 'POST' | 'PATCH',
  url: string,
  payload?: object,
) =>
  app.inject({
    method,
    url,
    headers: who === null ? {} : { 'x-actor': who },
    ...(payload === undefined ? {} : { payload }),
  });

describe('the reference API', () => {
  it('lists hazards, filtered and paged', async () => {
    const app = await setup();
    const all = (await call(app, 'viewer', 'GET', '/api/hazards?limit=2')).json();
    expect(all).toMatchObject({ total: 3, limit: 2, offset: 0 });
    expect(all.items.map((h: { code: string }) => h.code)).toEqual(['cholera', 'influenza']);
    const found = (await call(app, 'viewer', 'GET', '/api/hazards?q=%E9%9C%8D%E4%B9%B1')).json();
    expect(found.items.map((h: { code: string }) => h.code)).toEqual(['cholera']);
    expect(found.items[0]).toMatchObject({
      ihrCategory: 'always-algorithm',
      nationalClass: 'A',
      synonyms: ['霍乱'],
    });
    expect((await call(app, 'viewer', 'GET', '/api/hazards?domain=space')).statusCode).toBe(422);
    expect((await call(app, null, 'GET', '/api/hazards')).statusCode).toBe(401);
  });

  it('lets an admin create, change and deactivate a hazard, with optimistic versions', async () => {
    const app = await setup();
    const created = await call(app, 'admin', 'POST', '/api/hazards', {
      code: 'fall-armyworm',
      name: 'Fall armyworm',
      domain: 'plant',
      synonyms: ['草地贪夜蛾'],
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    const changed = await call(app, 'admin', 'PATCH', `/api/hazards/${id}`, {
      version: 1,
      pathogen: 'Spodoptera frugiperda',
    });
    expect(changed.json()).toMatchObject({
      version: 2,
      pathogen: 'Spodoptera frugiperda',
      synonyms: ['草地贪夜蛾'],
    });
    const stale = await call(app, 'admin', 'PATCH', `/api/hazards/${id}`, { version: 1, name: 'FAW' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'CONFLICT', expectedVersion: 1, actualVersion: 2 });
    const off = await call(app, 'admin', 'POST', `/api/hazards/${id}/deactivate`, {
      version: 2,
      reason: 'duplicate entry',
    });
    expect(off.json()).toMatchObject({ active: false, version: 3 });
    expect((await call(app, 'viewer', 'GET', `/api/hazards/${id}`)).json().active).toBe(false);
  });

  it('refuses hazard changes to anyone but admins', async () => {
    const app = await setup();
    for (const who of ['viewer', 'analyst']) {
      const r = await call(app, who, 'POST', '/api/hazards', { code: 'x', name: 'X', domain: 'human' });
      expect(r.statusCode).toBe(403);
    }
  });

  it('browses places by parent, level and query, and looks names up', async () => {
    const app = await setup();
    const children = (await call(app, 'viewer', 'GET', '/api/places?parent=DE')).json();
    expect(children.items.map((p: { id: string }) => p.id)).toEqual(['DE-BW', 'DE-BY']);
    const inChina = (await call(app, 'viewer', 'GET', '/api/places?within=CN&level=admin3')).json();
    expect(inChina.items.map((p: { id: string }) => p.id)).toEqual(['CN-110101']);
    const lookup = (await call(app, 'viewer', 'GET', '/api/places/lookup?name=Baden.Wuerttemberg')).json();
    expect(lookup.items.map((p: { id: string }) => p.id)).toEqual(['DE-BW']);
    const place = (await call(app, 'viewer', 'GET', '/api/places/DE-08336')).json();
    expect(place).toMatchObject({
      path: '/world/DE/DE-BW/DE-08336/',
      aliases: expect.arrayContaining(['8336']),
    });
    expect((await call(app, 'viewer', 'GET', '/api/places/XX')).statusCode).toBe(404);
  });

  it('lists the departments with their Chinese names', async () => {
    const app = await setup();
    const r = (await call(app, 'viewer', 'GET', '/api/departments')).json();
    expect(r.items.map((d: { code: string; nameZh: string }) => [d.code, d.nameZh])).toEqual([
      ['animal-health', '畜牧兽医局'],
      ['health', '卫生健康委员会'],
    ]);
  });
});
