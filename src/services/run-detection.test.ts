import { afterEach, describe, expect, it } from 'vitest';
import {
  actor,
  addCounts,
  addWeeklySeries,
  flatThen,
  PLACES,
  seedDetectionReference,
  weekDate,
} from '../../test/support/detection-fixtures.ts';
import { openTestStore, type TestStore } from '../../test/support/test-store.ts';
import { SYSTEM_ACTOR } from '../domain/actor.ts';
import type { Signal } from '../domain/signal.ts';
import { createConfigureDetection } from './configure-detection.ts';
import { createRunDetection } from './run-detection.ts';

const stores: TestStore[] = [];
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close();
});

const admin = actor('admin', 'world');

/**
 * RKI with b = 1, w = 2: the baseline of week t is weeks t − 54 … t − 50, all 5 cases here, so the
 * bound is the tabulated Poisson limit for a mean of 5, 11.177: a week with 12 or more cases alarms.
 */
async function setup(selector: { placeIds?: string[]; hazardIds?: string[] } = { placeIds: ['DE', 'FR'] }) {
  const t = await openTestStore();
  stores.push(t);
  await seedDetectionReference(t.database);
  // Weeks 104–111 are monitored: alarms at 105, 106 (one episode) and 109 (another).
  await addWeeklySeries(t.database, 'by', 'DE-BY', flatThen([5, 20, 25, 5, 5, 30, 5, 5]));
  // Cholera, national class A: one alarm at week 111.
  await addWeeklySeries(t.database, 'nw', 'DE-NW', flatThen([5, 5, 5, 5, 5, 5, 5, 40]), 'cholera');
  // Too short for b = 1 year of baseline.
  await addWeeklySeries(t.database, 'short', 'FR', new Array(20).fill(3));
  const deps = { tx: t.tx, clock: t.clock, ids: t.ids };
  const configure = createConfigureDetection(deps);
  const config = await configure.create(admin, {
    name: 'RKI weekly',
    algorithm: 'rki',
    control: { b: 1, w: 2, actY: false },
    selector: { frequency: 'weekly', ...selector },
    schedule: '0 6 * * 1',
    monitoredEpochs: 8,
    enabled: true,
  });
  const detection = createRunDetection({ ...deps, detectorVersion: 'tocsin-test 1.0' });
  const signalsOf = async (seriesId: string): Promise<Signal[]> => {
    const rows = await t.database.db
      .selectFrom('signals')
      .select('id')
      .where('seriesId', '=', seriesId)
      .orderBy('firstEpoch')
      .execute();
    return Promise.all(rows.map(async (r) => (await t.store.signals.get(r.id))!));
  };
  const alarmsOf = async (signalId: string) =>
    (
      await t.database.db
        .selectFrom('signalAlarms')
        .select('epoch')
        .where('signalId', '=', signalId)
        .orderBy('epoch')
        .execute()
    ).map((a) => a.epoch);
  return { t, config, detection, configure, signalsOf, alarmsOf };
}

describe('running detection', () => {
  it('turns alarms into one signal per series per episode and records the run with per-series problems', async () => {
    const { t, config, detection, signalsOf, alarmsOf } = await setup();
    const report = await detection.run(admin, config.id, 'manual');
    expect(report.run).toMatchObject({
      configId: config.id,
      trigger: 'manual',
      status: 'partial',
      seriesCount: 3,
      alarmCount: 4,
      signalsOpened: 3,
      signalsUpdated: 0,
    });
    expect(report.run.problems).toEqual([
      {
        seriesId: 'short',
        code: 'DETECTION_INPUT',
        message: expect.stringContaining('needs at least b·f + w + 1 = 55 periods'),
      },
    ]);
    expect(report.series.map((s) => [s.seriesId, s.status])).toEqual([
      ['by', 'ok'],
      ['nw', 'ok'],
      ['short', 'problem'],
    ]);
    expect(await t.store.detection.getRun(report.run.id)).toEqual(report.run);

    const by = await signalsOf('by');
    expect(by.map((s) => [s.firstEpoch, s.lastEpoch, s.state, s.source])).toEqual([
      [weekDate(105), weekDate(106), 'new', 'indicator'],
      [weekDate(109), weekDate(109), 'new', 'indicator'],
    ]);
    expect(await alarmsOf(by[0].id)).toEqual([weekDate(105), weekDate(106)]);
    expect(by[0]).toMatchObject({
      title: 'Salmonellosis — Bavaria · notifications',
      hazardId: 'salmonellosis',
      placeId: 'DE-BY',
      placePath: PLACES['DE-BY'],
      configId: config.id,
      // 20 and 25 against a bound of 11.177: the larger exceedance (×2.2) sets it.
      priority: 'high',
    });
    expect(by[0].explanation).toEqual({
      kind: 'indicator',
      epoch: weekDate(106),
      observed: 25,
      expected: 5,
      upperBound: 11.177,
      score: null,
      baseline: {
        stretches: [{ from: weekDate(52), to: weekDate(56), epochs: 5 }],
        epochs: 5,
        description: 'the same period ±2 in each of the 1 previous years',
      },
      algorithm: 'rki',
      rFunction: 'algo.rki',
      control: { b: 1, w: 2, actY: false },
      detectorVersion: 'tocsin-test 1.0',
      configId: config.id,
      configName: 'RKI weekly',
      configVersion: 1,
      runId: report.run.id,
      alarmCount: 2,
    });
    const [nw] = await signalsOf('nw');
    expect(nw.priority).toBe('critical');
    expect(nw.title).toBe('Cholera — North Rhine-Westphalia · notifications');

    const details = await t.store.signals.details(by[0].id);
    expect(details?.transitions).toEqual([
      {
        id: expect.any(String),
        signalId: by[0].id,
        fromState: null,
        toState: 'new',
        actorId: 'admin-world',
        at: '2026-11-28T08:00:00.000Z',
        reason: `opened by detection run ${report.run.id} of "RKI weekly"`,
      },
    ]);
    const actions = (await t.store.audit.page(0, 100)).map((e) => e.action);
    expect(actions).toEqual([
      'detection-config.create',
      'detection-run.start',
      'signal.open',
      'signal.open',
      'signal.open',
      'detection-run.finish',
    ]);
  });

  it('changes nothing when run again on the same data', async () => {
    const { t, config, detection } = await setup();
    await detection.run(admin, config.id, 'manual');
    const snapshot = async () => ({
      signals: await t.database.db.selectFrom('signals').selectAll().orderBy('id').execute(),
      alarms: await t.database.db
        .selectFrom('signalAlarms')
        .selectAll()
        .orderBy('signalId')
        .orderBy('epoch')
        .execute(),
      transitions: await t.database.db.selectFrom('signalTransitions').selectAll().orderBy('id').execute(),
    });
    const before = await snapshot();
    t.clock.advance(3_600_000);
    const again = await detection.run(admin, config.id, 'manual');
    expect(again.run).toMatchObject({ alarmCount: 4, signalsOpened: 0, signalsUpdated: 0 });
    expect(await snapshot()).toEqual(before);
  });

  it('extends the open signal with the next consecutive alarm, refreshing its explanation', async () => {
    const { t, config, detection, signalsOf, alarmsOf } = await setup();
    await detection.run(admin, config.id, 'manual');
    await addCounts(t.database, 'nw', [[112, 50]]);
    t.clock.advance(7 * 86_400_000);
    const report = await detection.run(admin, config.id, 'schedule');
    expect(report.run).toMatchObject({ signalsOpened: 0, signalsUpdated: 1, trigger: 'schedule' });
    const nw = await signalsOf('nw');
    expect(nw).toHaveLength(1);
    expect(nw[0]).toMatchObject({ firstEpoch: weekDate(111), lastEpoch: weekDate(112), version: 2 });
    expect(nw[0].explanation).toMatchObject({
      epoch: weekDate(112),
      observed: 50,
      alarmCount: 2,
      runId: report.run.id,
    });
    expect(await alarmsOf(nw[0].id)).toEqual([weekDate(111), weekDate(112)]);
    const audit = await t.store.audit.page(0, 100);
    const extend = audit.find((e) => e.action === 'signal.extend');
    expect(extend?.objectId).toBe(nw[0].id);
  });

  it('opens a new signal when the episode goes on after its signal was closed', async () => {
    const { t, config, detection, signalsOf } = await setup();
    await detection.run(admin, config.id, 'manual');
    const [first] = await signalsOf('nw');
    await t.store.signals.update(first.id, first.version, { state: 'discarded' }, '2026-11-29T00:00:00.000Z');
    await addCounts(t.database, 'nw', [[112, 50]]);
    const report = await detection.run(admin, config.id, 'manual');
    expect(report.run).toMatchObject({ signalsOpened: 1, signalsUpdated: 0 });
    expect((await signalsOf('nw')).map((s) => [s.firstEpoch, s.state])).toEqual([
      [weekDate(111), 'discarded'],
      [weekDate(112), 'new'],
    ]);
  });

  it('opens a new signal for an alarm after a week without alarm', async () => {
    const { t, config, detection, signalsOf } = await setup();
    await detection.run(admin, config.id, 'manual');
    await addCounts(t.database, 'by', [
      [112, 5],
      [113, 25],
    ]);
    const report = await detection.run(admin, config.id, 'manual');
    expect(report.run).toMatchObject({ signalsOpened: 1, signalsUpdated: 0 });
    expect((await signalsOf('by')).map((s) => s.firstEpoch)).toEqual([
      weekDate(105),
      weekDate(109),
      weekDate(113),
    ]);
  });

  it('keeps one episode across a week with no count', async () => {
    const { t, config, detection, signalsOf, alarmsOf } = await setup();
    await addWeeklySeries(
      t.database,
      'holes',
      'DE-BY',
      flatThen([5, 5, 5, 5, 5, 20, undefined, 25]),
      'salmonellosis',
      'laboratory',
    );
    await detection.run(admin, config.id, 'manual');
    const holes = await signalsOf('holes');
    expect(holes).toHaveLength(1);
    expect(await alarmsOf(holes[0].id)).toEqual([weekDate(109), weekDate(111)]);
  });

  it("reads only the runner's jurisdiction", async () => {
    const { config, detection } = await setup();
    const report = await detection.run(actor('analyst', 'FR'), config.id, 'manual');
    expect(report.series.map((s) => s.seriesId)).toEqual(['short']);
    expect(report.run.status).toBe('failed');
  });

  it('refuses actors without detection:run and configurations outside their jurisdiction', async () => {
    const { config, detection } = await setup({ placeIds: ['FR'] });
    await expect(detection.run(actor('viewer', 'DE'), config.id, 'manual')).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(detection.run(actor('analyst', 'DE-BY'), config.id, 'manual')).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(detection.run(admin, 'nope', 'manual')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('runs by name and runs every enabled configuration, and lists the scheduled ones', async () => {
    const { config, detection, configure } = await setup();
    const other = await configure.create(admin, {
      name: 'EARS off',
      algorithm: 'earsC',
      control: {},
      selector: { frequency: 'weekly' },
      schedule: null,
      monitoredEpochs: 4,
      enabled: false,
    });
    expect((await detection.runByName(SYSTEM_ACTOR, 'RKI weekly', 'manual')).configName).toBe('RKI weekly');
    expect((await detection.runAll(SYSTEM_ACTOR, 'manual')).map((r) => r.configName)).toEqual(['RKI weekly']);
    expect(await detection.scheduled()).toEqual([
      { id: config.id, name: 'RKI weekly', schedule: '0 6 * * 1', version: 1 },
    ]);
    await expect(detection.run(SYSTEM_ACTOR, other.id, 'schedule')).rejects.toMatchObject({
      code: 'VALIDATION',
    });
  });
});
