import { afterEach, describe, expect, it } from 'vitest';
import { actorAt, SMALL_REFERENCE } from '../../../test/support/reference-fixtures.ts';
import { openTestStore, type TestStore } from '../../../test/support/test-store.ts';
import { type Actor, SYSTEM_ACTOR } from '../../domain/actor.ts';
import { importObservations } from '../../services/import-observations.ts';
import { readObservations } from '../../services/read-observations.ts';
import { seedReferenceData } from '../../services/seed-reference-data.ts';
import { sha256Hex } from '../../storage/audit-repository.ts';
import { buildApp, type TocsinApp } from '../app.ts';
import { observationRoutes } from './observation-routes.ts';

const stores: TestStore[] = [];
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close();
});

const ACTORS: Readonly<Record<string, Actor>> = {
  analystBW: actorAt('analyst', 'DE-BW'),
  viewerBY: actorAt('viewer', 'DE-BY'),
  viewerDE: actorAt('viewer', 'DE'),
};

async function setup(): Promise<{ app: TocsinApp; t: TestStore }> {
  const t = await openTestStore();
  stores.push(t);
  await seedReferenceData(t)(SYSTEM_ACTOR, SMALL_REFERENCE);
  const app = await buildApp({
    authenticate: async (request) => {
      const who = request.headers['x-actor'];
      return typeof who === 'string' ? (ACTORS[who] ?? null) : null;
    },
    routes: [
      observationRoutes({
        importObservations: importObservations({ ...t, hash: sha256Hex }),
        observations: readObservations(t),
      }),
    ],
  });
  return { app, t };
}

const CSV =
  'hazard,place,stratum,source,frequency,date,count\ninfluenza,DE-08336,,,weekly,2024-01-01,3\ninfluenza,DE-08336,,,weekly,2024-01-08,4\n';

describe('the observation API', () => {
  it('imports CSV sent as text/csv and answers with the import record', async () => {
    const { app } = await setup();
    const r = await app.inject({
      method: 'POST',
      url: '/api/observations/imports?fileName=week1.csv',
      headers: { 'x-actor': 'analystBW', 'content-type': 'text/csv' },
      payload: CSV,
    });
    expect(r.statusCode).toBe(201);
    expect(r.json()).toMatchObject({
      record: {
        fileName: 'week1.csv',
        rows: 2,
        inserted: 2,
        revised: 0,
        unchanged: 0,
        sha256: sha256Hex(CSV),
      },
      seriesCreated: 1,
    });
  });

  it('imports a JSON array of rows; the same rows again change nothing', async () => {
    const { app } = await setup();
    const rows = [
      { hazard: 'influenza', place: 'DE-BW', frequency: 'weekly', date: '2024-W01', count: 1 },
      { hazard: 'influenza', place: 'DE-BW', frequency: 'weekly', date: '2024-W02', count: null },
    ];
    const post = () =>
      app.inject({
        method: 'POST',
        url: '/api/observations/imports',
        headers: { 'x-actor': 'analystBW' },
        payload: rows,
      });
    expect((await post()).json().record).toMatchObject({ fileName: 'upload.json', inserted: 2 });
    expect((await post()).json().record).toMatchObject({ inserted: 0, revised: 0, unchanged: 2 });
  });

  it('rejects a bad file as problem+json listing line, column and field', async () => {
    const { app } = await setup();
    const r = await app.inject({
      method: 'POST',
      url: '/api/observations/imports',
      headers: { 'x-actor': 'analystBW', 'content-type': 'text/csv' },
      payload: `${CSV}influenza,DE-08336,,,weekly,2024-01-15,-1\n`,
    });
    expect(r.statusCode).toBe(422);
    expect(r.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(r.json()).toMatchObject({
      code: 'VALIDATION',
      problems: [{ line: 4, column: 7, field: 'count' }],
    });
  });

  it('answers 403 for a viewer and for places outside the jurisdiction, 401 without sign-in', async () => {
    const { app } = await setup();
    const post = (who: string | undefined, payload: string) =>
      app.inject({
        method: 'POST',
        url: '/api/observations/imports',
        headers: { ...(who === undefined ? {} : { 'x-actor': who }), 'content-type': 'text/csv' },
        payload,
      });
    expect((await post('viewerDE', CSV)).statusCode).toBe(403);
    expect((await post('analystBW', CSV.replaceAll('DE-08336', 'DE-BY'))).statusCode).toBe(403);
    expect((await post(undefined, CSV)).statusCode).toBe(401);
  });

  it('serves series, current values, values as of a time, revisions and import records', async () => {
    const { app, t } = await setup();
    const post = (payload: string) =>
      app.inject({
        method: 'POST',
        url: '/api/observations/imports',
        headers: { 'x-actor': 'analystBW', 'content-type': 'text/csv' },
        payload,
      });
    await post(CSV);
    t.clock.advance(3600_000);
    await post(CSV.replace('2024-01-08,4', '2024-01-08,6'));
    const get = (url: string, who = 'analystBW') =>
      app.inject({ method: 'GET', url, headers: { 'x-actor': who } });
    const list = (await get('/api/series?place=DE-BW')).json();
    expect(list).toMatchObject({ total: 1, limit: 50, offset: 0 });
    const id = list.items[0].id;
    expect((await get(`/api/series/${id}`)).json()).toMatchObject({
      placeId: 'DE-08336',
      hazardId: expect.any(String),
    });
    const now = (await get(`/api/series/${id}/observations`)).json();
    expect(now.values.map((v: { count: number; revision: number }) => [v.count, v.revision])).toEqual([
      [3, 1],
      [6, 2],
    ]);
    const then = (await get(`/api/series/${id}/observations?asOf=2026-11-28T08:30:00Z`)).json();
    expect(then.values.map((v: { count: number }) => v.count)).toEqual([3, 4]);
    const history = (await get(`/api/series/${id}/revisions?from=2024-01-08`)).json();
    expect(history.revisions.map((v: { count: number }) => v.count)).toEqual([4, 6]);
    const imports = (await get('/api/observations/imports')).json();
    expect(imports.items.map((r: { revised: number }) => r.revised)).toEqual([1, 0]);
    expect((await get(`/api/observations/imports/${imports.items[0].id}`)).json().revised).toBe(1);
    // another jurisdiction sees neither the series nor its values
    expect((await get('/api/series', 'viewerBY')).json().total).toBe(0);
    expect((await get(`/api/series/${id}/observations`, 'viewerBY')).statusCode).toBe(403);
  });

  it('documents the routes in the OpenAPI document', async () => {
    const { app } = await setup();
    const spec = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(Object.keys(spec.paths)).toEqual(
      expect.arrayContaining([
        '/api/observations/imports',
        '/api/observations/imports/{id}',
        '/api/series',
        '/api/series/{id}/observations',
        '/api/series/{id}/revisions',
      ]),
    );
    expect(spec.paths['/api/observations/imports'].post.tags).toEqual(['observations']);
  });
});
