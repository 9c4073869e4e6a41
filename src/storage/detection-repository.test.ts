import { afterEach, describe, expect, it } from 'vitest';
import { dialectsUnderTest } from '../../test/support/databases.ts';
import { PLACES, seedDetectionReference } from '../../test/support/detection-fixtures.ts';
import type { DetectionConfig } from '../domain/detection-config.ts';
import type { DetectionRun } from '../domain/detection-run.ts';
import type { Database } from './database.ts';
import { detectionRepository } from './detection-repository.ts';

const open: Database[] = [];
afterEach(async () => {
  for (const d of open.splice(0)) await d.close();
});

const config: DetectionConfig = {
  id: 'cfg1',
  name: 'Salmonella in Bavaria',
  algorithm: 'rki',
  control: { b: 1, w: 2, actY: false },
  selector: {
    hazardIds: ['salmonellosis'],
    placeIds: ['DE-BY'],
    sources: [],
    strata: [''],
    frequency: 'weekly',
  },
  schedule: '0 6 * * 1',
  monitoredEpochs: 8,
  enabled: true,
  version: 1,
  createdAt: '2026-11-01T00:00:00.000Z',
  updatedAt: '2026-11-01T00:00:00.000Z',
};

const run = (id: string, startedAt: string, configId = 'cfg1'): DetectionRun => ({
  id,
  configId,
  trigger: 'manual',
  startedAt,
  finishedAt: null,
  status: 'running',
  seriesCount: 0,
  alarmCount: 0,
  signalsOpened: 0,
  signalsUpdated: 0,
  problems: [],
});

describe.each(dialectsUnderTest())('detection repository on $name', (dialect) => {
  async function repo() {
    const database = await dialect.open();
    open.push(database);
    await seedDetectionReference(database);
    return detectionRepository(database.db);
  }

  it('stores a configuration and finds it by id and by name', async () => {
    const r = await repo();
    await r.insertConfig(config);
    expect(await r.getConfig('cfg1')).toEqual(config);
    expect(await r.getConfigByName('Salmonella in Bavaria')).toEqual(config);
    expect(await r.listConfigs()).toEqual([config]);
  });

  it('replaces a configuration at the version read and refuses a stale one', async () => {
    const r = await repo();
    await r.insertConfig(config);
    const { id, version, createdAt, updatedAt, ...fields } = config;
    const after = await r.updateConfig(
      'cfg1',
      1,
      { ...fields, enabled: false, schedule: null },
      '2026-11-02T00:00:00.000Z',
    );
    expect(after).toMatchObject({
      enabled: false,
      schedule: null,
      version: 2,
      updatedAt: '2026-11-02T00:00:00.000Z',
    });
    await expect(r.updateConfig('cfg1', 1, fields, '2026-11-03T00:00:00.000Z')).rejects.toMatchObject({
      code: 'CONFLICT',
      details: { expectedVersion: 1, actualVersion: 2 },
    });
    await expect(r.deleteConfig('cfg1', 1)).rejects.toMatchObject({ code: 'CONFLICT' });
    await r.deleteConfig('cfg1', 2);
    expect(await r.getConfig('cfg1')).toBeUndefined();
  });

  it('records runs and lists them newest first, per configuration, with a total', async () => {
    const r = await repo();
    await r.insertConfig(config);
    await r.insertConfig({ ...config, id: 'cfg2', name: 'other' });
    expect(await r.hasRuns('cfg1')).toBe(false);
    await r.insertRun(run('r1', '2026-11-01T06:00:00.000Z'));
    await r.insertRun(run('r2', '2026-11-08T06:00:00.000Z'));
    await r.insertRun(run('r3', '2026-11-09T06:00:00.000Z', 'cfg2'));
    await r.finishRun('r2', {
      finishedAt: '2026-11-08T06:01:00.000Z',
      status: 'partial',
      seriesCount: 3,
      alarmCount: 2,
      signalsOpened: 1,
      signalsUpdated: 1,
      problems: [{ seriesId: 's9', code: 'NO_DATA', message: 'the series has no observations' }],
    });
    expect(await r.hasRuns('cfg1')).toBe(true);
    expect(await r.getRun('r2')).toMatchObject({
      status: 'partial',
      seriesCount: 3,
      problems: [{ seriesId: 's9', code: 'NO_DATA', message: 'the series has no observations' }],
    });
    const page = await r.listRuns({ configIds: ['cfg1'], limit: 10, offset: 0 });
    expect(page.total).toBe(2);
    expect(page.items.map((x) => x.id)).toEqual(['r2', 'r1']);
    expect((await r.listRuns({ configIds: null, limit: 1, offset: 1 })).items.map((x) => x.id)).toEqual([
      'r2',
    ]);
    expect(await r.listRuns({ configIds: [], limit: 10, offset: 0 })).toEqual({ items: [], total: 0 });
  });

  it('resolves place paths and known hazards for selectors', async () => {
    const r = await repo();
    expect(await r.placePaths(['DE-BY', 'XX'])).toEqual(new Map([['DE-BY', PLACES['DE-BY']]]));
    expect(await r.existingHazards(['cholera', 'plague'])).toEqual(new Set(['cholera']));
  });
});
