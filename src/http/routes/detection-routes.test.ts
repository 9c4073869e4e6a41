import { afterEach, describe, expect, it } from 'vitest';
import {
  actor,
  addWeeklySeries,
  flatThen,
  type PlaceId,
  seedDetectionReference,
} from '../../../test/support/detection-fixtures.ts';
import { openTestStore, type TestStore } from '../../../test/support/test-store.ts';
import type { Actor } from '../../domain/actor.ts';
import { createConfigureDetection } from '../../services/configure-detection.ts';
import { createRunDetection } from '../../services/run-detection.ts';
import { buildApp } from '../app.ts';
import { detectionRoutes } from './detection-routes.ts';

const stores: TestStore[] = [];
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close();
});

async function setup() {
  const t = await openTestStore();
  stores.push(t);
  await seedDetectionReference(t.database);
  await addWeeklySeries(t.database, 'by', 'DE-BY', flatThen([5, 5, 30, 5]));
  const deps = { tx: t.tx, clock: t.clock, ids: t.ids };
  const app = await buildApp({
    authenticate: async (request) => {
      const h = request.headers['x-test-actor'];
      if (typeof h !== 'string') return null;
      const [role, place] = h.split('@');
      return actor(role as Actor['role'], place as PlaceId);
    },
    routes: [
      detectionRoutes({
        configure: createConfigureDetection(deps),
        detection: createRunDetection({ ...deps, detectorVersion: 'tocsin-test' }),
      }),
    ],
  });
  return { t, app };
}

const body = {
  name: 'RKI Bavaria',
  algorithm: 'algo.rki',
  control: { b: 1, w: 2, actY: false },
  selector: { placeIds: ['DE-BY'], frequency: 'weekly' },
  schedule: '0 6 * * 1',
  monitoredEpochs: 4,
};

describe('the detection API', () => {
  it('creates, reads, replaces and runs a configuration, and lists its runs', async () => {
    const { app } = await setup();
    const h = { 'x-test-actor': 'analyst@DE' };
    const created = await app.inject({
      method: 'POST',
      url: '/api/detection/configs',
      headers: h,
      payload: body,
    });
    expect(created.statusCode).toBe(201);
    const config = created.json();
    expect(config).toMatchObject({ name: 'RKI Bavaria', algorithm: 'rki', enabled: true, version: 1 });
    expect(
      (await app.inject({ method: 'GET', url: `/api/detection/configs/${config.id}`, headers: h })).json(),
    ).toEqual(config);
    const replaced = await app.inject({
      method: 'PUT',
      url: `/api/detection/configs/${config.id}`,
      headers: h,
      payload: { ...body, version: 1, monitoredEpochs: 6 },
    });
    expect(replaced.json()).toMatchObject({ monitoredEpochs: 6, version: 2 });
    const run = await app.inject({
      method: 'POST',
      url: `/api/detection/configs/${config.id}/runs`,
      headers: h,
    });
    expect(run.statusCode).toBe(201);
    expect(run.json()).toMatchObject({
      configName: 'RKI Bavaria',
      run: { status: 'succeeded', seriesCount: 1, alarmCount: 1, signalsOpened: 1 },
      series: [{ seriesId: 'by', status: 'ok', monitored: 6, alarms: 1, opened: 1, updated: 0 }],
    });
    const runs = await app.inject({
      method: 'GET',
      url: `/api/detection/runs?configId=${config.id}`,
      headers: h,
    });
    expect(runs.json()).toMatchObject({ total: 1, items: [{ id: run.json().run.id }] });
    const one = await app.inject({
      method: 'GET',
      url: `/api/detection/runs/${run.json().run.id}`,
      headers: h,
    });
    expect(one.json().status).toBe('succeeded');
    const del = await app.inject({
      method: 'DELETE',
      url: `/api/detection/configs/${config.id}?version=2`,
      headers: h,
    });
    expect(del.statusCode).toBe(422);
  });

  it('names bad control options and refuses a stale version', async () => {
    const { app } = await setup();
    const h = { 'x-test-actor': 'analyst@DE' };
    const bad = await app.inject({
      method: 'POST',
      url: '/api/detection/configs',
      headers: h,
      payload: { ...body, control: { b: -1, wibble: 2 }, schedule: 'every monday' },
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().problems.map((p: { field: string }) => p.field)).toEqual([
      'control.b',
      'control.wibble',
      'schedule',
    ]);
    const created = (
      await app.inject({ method: 'POST', url: '/api/detection/configs', headers: h, payload: body })
    ).json();
    const stale = await app.inject({
      method: 'PUT',
      url: `/api/detection/configs/${created.id}`,
      headers: h,
      payload: { ...body, version: 5 },
    });
    expect(stale.statusCode).toBe(409);
    const deleted = await app.inject({
      method: 'DELETE',
      url: `/api/detection/configs/${created.id}?version=1`,
      headers: h,
    });
    expect(deleted.statusCode).toBe(204);
  });

  it('checks permissions: viewers may not configure or run, coordinators may run but not configure', async () => {
    const { app } = await setup();
    const create = (who: string) =>
      app.inject({
        method: 'POST',
        url: '/api/detection/configs',
        headers: { 'x-test-actor': who },
        payload: body,
      });
    expect((await create('viewer@DE')).statusCode).toBe(403);
    expect((await create('coordinator@DE')).statusCode).toBe(403);
    const id = (await create('analyst@DE')).json().id;
    const run = (who: string) =>
      app.inject({
        method: 'POST',
        url: `/api/detection/configs/${id}/runs`,
        headers: { 'x-test-actor': who },
      });
    expect((await run('viewer@DE')).statusCode).toBe(403);
    expect((await run('coordinator@DE')).statusCode).toBe(201);
    expect((await run('analyst@FR')).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: '/api/detection/configs' })).statusCode).toBe(401);
  });

  it('lists the algorithms', async () => {
    const { app } = await setup();
    const r = await app.inject({
      method: 'GET',
      url: '/api/detection/algorithms',
      headers: { 'x-test-actor': 'viewer@DE' },
    });
    expect(r.json().map((a: { name: string }) => a.name)).toContain('farringtonFlexible');
    expect(r.json().find((a: { name: string }) => a.name === 'rki')?.rFunction).toBe('algo.rki');
    const earsC = r.json().find((a: { name: string }) => a.name === 'earsC');
    expect(earsC.options.find((o: { name: string }) => o.name === 'method')).toMatchObject({
      type: 'choice',
      default: 'C1',
      choices: ['C1', 'C2', 'C3'],
    });
  });
});
