import { afterEach, describe, expect, it } from 'vitest';
import { actor, seedDetectionReference } from '../../test/support/detection-fixtures.ts';
import { openTestStore, type TestStore } from '../../test/support/test-store.ts';
import type { DetectionConfigInput } from '../domain/detection-config.ts';
import { createConfigureDetection } from './configure-detection.ts';

const stores: TestStore[] = [];
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close();
});

const input = (over: Partial<DetectionConfigInput> = {}): DetectionConfigInput => ({
  name: 'Salmonella Bavaria',
  algorithm: 'farringtonFlexible',
  control: { b: 3, w: 2 },
  selector: { hazardIds: ['salmonellosis'], placeIds: ['DE-BY'], frequency: 'weekly' },
  schedule: '0 6 * * 1',
  monitoredEpochs: 4,
  enabled: true,
  ...over,
});

const analystDE = actor('analyst', 'DE');

async function setup() {
  const t = await openTestStore();
  stores.push(t);
  await seedDetectionReference(t.database);
  return { t, configure: createConfigureDetection({ tx: t.tx, clock: t.clock, ids: t.ids }) };
}

describe('configuring detection', () => {
  it('creates a configuration, audited, at version 1', async () => {
    const { t, configure } = await setup();
    const c = await configure.create(analystDE, input());
    expect(c).toMatchObject({
      name: 'Salmonella Bavaria',
      algorithm: 'farringtonFlexible',
      version: 1,
      createdAt: '2026-11-28T08:00:00.000Z',
      selector: {
        hazardIds: ['salmonellosis'],
        placeIds: ['DE-BY'],
        sources: [],
        strata: [],
        frequency: 'weekly',
      },
    });
    expect(await configure.get(analystDE, c.id)).toEqual(c);
    const [entry] = await t.store.audit.page(0, 10);
    expect(entry).toMatchObject({
      action: 'detection-config.create',
      objectId: c.id,
      actorId: 'analyst-DE',
      before: null,
    });
    expect(JSON.parse(entry.after ?? '{}').name).toBe('Salmonella Bavaria');
  });

  it('names unknown places and hazards and a taken name', async () => {
    const { configure } = await setup();
    await configure.create(analystDE, input());
    await expect(configure.create(analystDE, input())).rejects.toMatchObject({
      details: {
        problems: [{ field: 'name', message: 'a configuration named "Salmonella Bavaria" exists' }],
      },
    });
    await expect(
      configure.create(
        analystDE,
        input({ name: 'x', selector: { hazardIds: ['plague'], placeIds: ['XX'], frequency: 'weekly' } }),
      ),
    ).rejects.toMatchObject({
      code: 'VALIDATION',
      details: {
        problems: [
          { field: 'selector.placeIds', message: 'no such place: XX' },
          { field: 'selector.hazardIds', message: 'no such hazard: plague' },
        ],
      },
    });
  });

  it('keeps configurations inside the author’s jurisdiction', async () => {
    const { configure } = await setup();
    const by = actor('analyst', 'DE-BY');
    await expect(
      configure.create(by, input({ selector: { placeIds: ['DE'], frequency: 'weekly' } })),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(configure.create(by, input({ selector: { frequency: 'weekly' } }))).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(
      configure.create(actor('admin', 'world'), input({ selector: { frequency: 'weekly' } })),
    ).resolves.toMatchObject({
      version: 1,
    });
    await expect(configure.create(actor('viewer', 'world'), input({ name: 'v' }))).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(configure.create(actor('coordinator', 'world'), input({ name: 'c' }))).rejects.toMatchObject(
      {
        code: 'FORBIDDEN',
      },
    );
  });

  it('shows configurations to those whose jurisdiction overlaps their places', async () => {
    const { configure } = await setup();
    const c = await configure.create(analystDE, input());
    expect((await configure.list(actor('analyst', 'DE-BY'))).map((x) => x.id)).toEqual([c.id]);
    expect((await configure.list(actor('coordinator', 'world'))).map((x) => x.id)).toEqual([c.id]);
    expect(await configure.list(actor('analyst', 'FR'))).toEqual([]);
    await expect(configure.get(actor('analyst', 'FR'), c.id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(configure.list(actor('viewer', 'DE'))).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('replaces a configuration at the version read, audited with before and after', async () => {
    const { t, configure } = await setup();
    const c = await configure.create(analystDE, input());
    t.clock.advance(1000);
    const d = await configure.update(analystDE, c.id, 1, input({ enabled: false, schedule: null }));
    expect(d).toMatchObject({
      enabled: false,
      schedule: null,
      version: 2,
      updatedAt: '2026-11-28T08:00:01.000Z',
    });
    await expect(configure.update(analystDE, c.id, 1, input())).rejects.toMatchObject({ code: 'CONFLICT' });
    const entries = await t.store.audit.page(0, 10);
    expect(entries.map((e) => e.action)).toEqual(['detection-config.create', 'detection-config.update']);
    expect(JSON.parse(entries[1].before ?? '{}').enabled).toBe(true);
    expect(JSON.parse(entries[1].after ?? '{}').enabled).toBe(false);
  });

  it('deletes a configuration that never ran, and keeps one with runs (disable it instead)', async () => {
    const { t, configure } = await setup();
    const c = await configure.create(analystDE, input());
    const kept = await configure.create(analystDE, input({ name: 'kept' }));
    await t.store.detection.insertRun({
      id: 'r1',
      configId: kept.id,
      trigger: 'manual',
      startedAt: '2026-11-28T08:00:00.000Z',
      finishedAt: null,
      status: 'running',
      seriesCount: 0,
      alarmCount: 0,
      signalsOpened: 0,
      signalsUpdated: 0,
      problems: [],
    });
    await expect(configure.remove(analystDE, c.id, 2)).rejects.toMatchObject({ code: 'CONFLICT' });
    await configure.remove(analystDE, c.id, 1);
    await expect(configure.get(analystDE, c.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(configure.remove(analystDE, kept.id, 1)).rejects.toMatchObject({
      details: {
        problems: [{ field: 'id', message: 'the configuration has runs on record; disable it instead' }],
      },
    });
    expect((await configure.listRuns(analystDE, { limit: 10, offset: 0 })).items.map((r) => r.id)).toEqual([
      'r1',
    ]);
    expect((await configure.getRun(analystDE, 'r1')).configId).toBe(kept.id);
    await expect(configure.getRun(actor('analyst', 'FR'), 'r1')).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await configure.listRuns(actor('analyst', 'FR'), { limit: 10, offset: 0 })).toEqual({
      items: [],
      total: 0,
    });
  });
});
