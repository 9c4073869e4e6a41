import { afterEach, describe, expect, it } from 'vitest';
import { importGoldenSeries, readGoldenCase } from '../../../test/support/golden-series.ts';
import { actorAt } from '../../../test/support/reference-fixtures.ts';
import { openTestStore, type TestStore } from '../../../test/support/test-store.ts';
import type { Actor } from '../../domain/actor.ts';
import { exploreDetection } from '../../services/explore-detection.ts';
import { buildApp, type TocsinApp } from '../app.ts';
import { seriesDetectionRoutes } from './series-detection-routes.ts';

const stores: TestStore[] = [];
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close();
});

const ACTORS: Readonly<Record<string, Actor>> = {
  viewerDE: actorAt('viewer', 'DE'),
  analystBW: actorAt('analyst', 'DE-BW'),
  analystCN: actorAt('analyst', 'CN'),
};

// salmNewport in Bavaria as passed to R, with R's EARS C3 answer (default alpha, baseline 7).
const golden = readGoldenCase('earsC', 'earsC_salmNewport_Bavaria_C3_defaultAlpha');

async function setup(): Promise<{ app: TocsinApp; seriesId: string }> {
  const t = await openTestStore();
  stores.push(t);
  const seriesId = await importGoldenSeries(t, golden, 'DE-BY');
  const app = await buildApp({
    authenticate: async (request) => {
      const who = request.headers['x-actor'];
      return typeof who === 'string' ? (ACTORS[who] ?? null) : null;
    },
    routes: [
      seriesDetectionRoutes({ explore: exploreDetection({ tx: t.tx, detectorVersion: 'tocsin-test' }) }),
    ],
  });
  return { app, seriesId };
}

describe('POST /api/series/{id}/detection', () => {
  it("answers every monitored epoch with R's bounds and alarms, the method, its effective options and version", async () => {
    const { app, seriesId } = await setup();
    const first = golden.range[0] - 1;
    const r = await app.inject({
      method: 'POST',
      url: `/api/series/${seriesId}/detection`,
      headers: { 'x-actor': 'viewerDE' },
      payload: { algorithm: 'earsC', options: golden.control, from: golden.dates[first] },
    });
    expect(r.statusCode).toBe(200);
    const body = r.json();
    expect(body).toMatchObject({
      seriesId,
      algorithm: 'earsC',
      rFunction: 'earsC',
      detectorVersion: 'tocsin-test',
      options: { method: 'C3', baseline: 7 },
      effectiveOptions: { method: 'C3', baseline: 7, minSigma: 0, alpha: 0.025 },
      boundScale: 'count',
      alarms: 3,
      from: golden.dates[first],
      to: '2014-02-10',
    });
    expect(body.epochs).toHaveLength(129);
    body.epochs.forEach((e: { upperBound: number; alarm: boolean | null }, i: number) => {
      const u = golden.result.upperbound[i];
      // R's NaN (a zero standard deviation) and NA are null here.
      if (typeof u !== 'number') expect(e.upperBound).toBeNull();
      else expect(Math.abs(e.upperBound - u)).toBeLessThanOrEqual(1e-6 * Math.max(1, u));
      expect(e.alarm).toBe(golden.result.alarm[i]);
    });
    expect(body.epochs[0]).toHaveProperty('expected');
    expect(body.epochs[0].baseline[0]).toMatchObject({ epochs: 9 });
  });

  it('gives a problem naming the option when an option is bad', async () => {
    const { app, seriesId } = await setup();
    const r = await app.inject({
      method: 'POST',
      url: `/api/series/${seriesId}/detection`,
      headers: { 'x-actor': 'viewerDE' },
      payload: { algorithm: 'farringtonFlexible', options: { alpha: 1.5 } },
    });
    expect(r.statusCode).toBe(422);
    expect(r.headers['content-type']).toContain('application/problem+json');
    expect(r.json()).toMatchObject({
      code: 'VALIDATION',
      problems: [{ field: 'options.alpha', message: 'expected a number in (0, 1), got 1.5' }],
    });
  });

  it('refuses more than 520 monitored epochs in plain words', async () => {
    const { app, seriesId } = await setup();
    const r = await app.inject({
      method: 'POST',
      url: `/api/series/${seriesId}/detection`,
      headers: { 'x-actor': 'viewerDE' },
      payload: { algorithm: 'earsC', options: { baseline: 3 }, from: '2004-01-05' },
    });
    expect(r.statusCode).toBe(422);
    expect(r.json().detail).toBe(
      'from: at most 520 monitored epochs per request, asked for 525; move from or to closer',
    );
  });

  it("refuses another jurisdiction's series (403), an unknown series (404) and anonymous callers (401)", async () => {
    const { app, seriesId } = await setup();
    const ask = (who: string | undefined, id = seriesId) =>
      app.inject({
        method: 'POST',
        url: `/api/series/${id}/detection`,
        headers: who === undefined ? {} : { 'x-actor': who },
        payload: { algorithm: 'earsC' },
      });
    expect((await ask('analystBW')).statusCode).toBe(403);
    expect((await ask('analystCN')).statusCode).toBe(403);
    expect((await ask('viewerDE', 'missing')).statusCode).toBe(404);
    expect((await ask(undefined)).statusCode).toBe(401);
  });
});
