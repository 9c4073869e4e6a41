import { afterEach, describe, expect, it } from 'vitest';
import { dialectsUnderTest } from '../../test/support/databases.ts';
import {
  actor,
  addCounts,
  addWeeklySeries,
  PLACES,
  seedDetectionReference,
  signalFixture,
  weekDate,
} from '../../test/support/detection-fixtures.ts';
import { DomainError } from '../domain/errors.ts';
import { createMapCounts } from '../services/map-counts.ts';
import type { Database } from './database.ts';
import { mapCountRepository } from './map-count-repository.ts';
import { signalRepository } from './signal-repository.ts';

const open: Database[] = [];
afterEach(async () => {
  for (const d of open.splice(0)) await d.close();
});

const MUNICH = '/world/DE/DE-BY/DE-09162/';
const AUGSBURG = '/world/DE/DE-BY/DE-09761/';

describe.each(dialectsUnderTest())('map counts on $name', (dialect) => {
  /**
   * Germany with Bavaria (two districts) and North Rhine-Westphalia, and France. Signals: Munich 3 open
   * (one cholera) + 1 discarded + 1 merged, Augsburg 1 open, Bavaria itself 1 open, NRW 2 open, France
   * 1 open (last epoch 2026-10-12). Alarms: Munich 2 (on a discarded signal) + 1, Augsburg 1.
   * Observations: a Munich series whose week 1 was corrected from 7 to 4.
   */
  async function seeded() {
    const database = await dialect.open();
    open.push(database);
    await seedDetectionReference(database);
    await database.db
      .updateTable('places')
      .set({ level: 'admin1' })
      .where('id', 'in', ['DE-BY', 'DE-NW'])
      .execute();
    await database.db
      .insertInto('places')
      .values(
        [
          ['DE-09162', 'SK Muenchen', MUNICH],
          ['DE-09761', 'SK Augsburg', AUGSBURG],
        ].map(([id, name, path]) => ({
          id,
          code: id,
          name,
          nameLocal: null,
          level: 'admin2',
          parentId: 'DE-BY',
          path,
          iso2: 'DE',
          lat: null,
          lon: null,
        })),
      )
      .execute();
    const signals = signalRepository(database.db);
    const at = (placeId: string, placePath: string) => ({ placeId, placePath });
    const all = [
      signalFixture({ id: 'm1', ...at('DE-09162', MUNICH) }),
      signalFixture({ id: 'm2', ...at('DE-09162', MUNICH), state: 'under-review' }),
      signalFixture({ id: 'm3', ...at('DE-09162', MUNICH), hazardId: 'cholera', lastEpoch: '2026-10-12' }),
      signalFixture({ id: 'm4', ...at('DE-09162', MUNICH), state: 'discarded' }),
      signalFixture({ id: 'm5', ...at('DE-09162', MUNICH), state: 'merged', mergedIntoId: 'm1' }),
      signalFixture({ id: 'a1', ...at('DE-09761', AUGSBURG), state: 'monitoring' }),
      signalFixture({ id: 'by', ...at('DE-BY', PLACES['DE-BY']) }),
      signalFixture({ id: 'n1', ...at('DE-NW', PLACES['DE-NW']) }),
      signalFixture({ id: 'n2', ...at('DE-NW', PLACES['DE-NW']), state: 'verified' }),
      signalFixture({ id: 'n3', ...at('DE-NW', PLACES['DE-NW']) }),
      signalFixture({ id: 'f1', ...at('FR', PLACES.FR), lastEpoch: '2026-10-12' }),
    ];
    for (const s of all) await signals.insert(s);
    const alarm = (signalId: string, epoch: string) => ({
      signalId,
      epoch,
      runId: 'run-1',
      observed: 9,
      expected: 2,
      upperBound: 5,
      score: 3,
    });
    await signals.addAlarms([
      alarm('m4', '2026-11-02'),
      alarm('m4', '2026-11-09'),
      alarm('m1', '2026-11-09'),
      alarm('a1', '2026-10-05'),
      alarm('m5', '2026-11-09'),
    ]);
    await database.db
      .insertInto('series')
      .values({
        id: 's-munich',
        hazardId: 'salmonellosis',
        placeId: 'DE-09162',
        placePath: MUNICH,
        stratum: '',
        source: 'notifications',
        frequency: 'weekly',
        unit: 'cases',
        createdAt: '2026-01-01T00:00:00.000Z',
      })
      .execute();
    await addCounts(database, 's-munich', [
      [0, 3],
      [1, 7],
      [2, null],
    ]);
    await addCounts(database, 's-munich', [[1, 4]]);
    await addWeeklySeries(database, 's-fr', 'FR', [10, 20]);
    const repo = mapCountRepository(database.db);
    const service = createMapCounts({ tx: { transaction: (work) => work({ mapCounts: repo }) } });
    return { repo, service };
  }

  it('counts the open signals per district, per region and per country from one group per place path', async () => {
    const { repo, service } = await seeded();
    const analyst = actor('analyst', 'world');
    expect(await service.count(analyst, { level: 'admin2' })).toEqual([
      { placeId: 'DE-09162', value: 3 },
      { placeId: 'DE-09761', value: 1 },
    ]);
    expect(await service.count(analyst, { level: 'admin1' })).toEqual([
      { placeId: 'DE-BY', value: 5 },
      { placeId: 'DE-NW', value: 2 },
    ]);
    expect(await service.count(analyst, { level: 'country' })).toEqual([
      { placeId: 'DE', value: 7 },
      { placeId: 'FR', value: 1 },
    ]);
    const rows = await repo.valuesByPath({ metric: 'signals', placePathPrefix: '/' });
    expect([...rows].sort((a, b) => a.path.localeCompare(b.path))).toEqual([
      { path: PLACES['DE-BY'], value: 1 },
      { path: MUNICH, value: 3 },
      { path: AUGSBURG, value: 1 },
      { path: PLACES['DE-NW'], value: 2 },
      { path: PLACES.FR, value: 1 },
    ]);
  });

  it("never counts what lies outside the caller's jurisdiction", async () => {
    const { service } = await seeded();
    const bavarian = actor('analyst', 'DE-BY');
    expect(await service.count(bavarian, { level: 'country' })).toEqual([{ placeId: 'DE', value: 5 }]);
    expect(await service.count(bavarian, { level: 'admin1', placeId: 'DE' })).toEqual([
      { placeId: 'DE-BY', value: 5 },
    ]);
    expect(await service.count(bavarian, { level: 'country', placeId: 'FR' })).toEqual([]);
    expect(await service.count(actor('analyst', 'FR'), { level: 'admin2' })).toEqual([]);
  });

  it('filters by states, hazard and the last epoch', async () => {
    const { service } = await seeded();
    const analyst = actor('analyst', 'world');
    expect(await service.count(analyst, { level: 'admin1', states: ['discarded', 'verified'] })).toEqual([
      { placeId: 'DE-BY', value: 1 },
      { placeId: 'DE-NW', value: 1 },
    ]);
    expect(await service.count(analyst, { level: 'admin2', hazardIds: ['cholera'] })).toEqual([
      { placeId: 'DE-09162', value: 1 },
    ]);
    expect(await service.count(analyst, { level: 'country', to: '2026-10-31' })).toEqual([
      { placeId: 'DE', value: 1 },
      { placeId: 'FR', value: 1 },
    ]);
    expect(await service.count(analyst, { level: 'country', from: '2026-11-01' })).toEqual([
      { placeId: 'DE', value: 6 },
    ]);
  });

  it('counts alarms by their epoch, leaving out merged signals unless asked', async () => {
    const { service } = await seeded();
    const analyst = actor('analyst', 'world');
    expect(await service.count(analyst, { level: 'admin2', metric: 'alarms' })).toEqual([
      { placeId: 'DE-09162', value: 3 },
      { placeId: 'DE-09761', value: 1 },
    ]);
    expect(
      await service.count(analyst, {
        level: 'admin2',
        metric: 'alarms',
        from: '2026-11-09',
        to: '2026-11-09',
      }),
    ).toEqual([{ placeId: 'DE-09162', value: 2 }]);
    expect(await service.count(analyst, { level: 'admin2', metric: 'alarms', states: ['merged'] })).toEqual([
      { placeId: 'DE-09162', value: 1 },
    ]);
  });

  it('sums the latest revision of the observed counts', async () => {
    const { service } = await seeded();
    const analyst = actor('analyst', 'world');
    // Munich: 3 + 4 (the correction of 7; the missing week adds nothing); France: 10 + 20.
    expect(await service.count(analyst, { level: 'country', metric: 'observations' })).toEqual([
      { placeId: 'DE', value: 7 },
      { placeId: 'FR', value: 30 },
    ]);
    expect(
      await service.count(analyst, {
        level: 'admin2',
        metric: 'observations',
        from: weekDate(1),
        to: weekDate(1),
      }),
    ).toEqual([{ placeId: 'DE-09162', value: 4 }]);
  });

  it('rejects an unknown level, metric, state, date or place, naming the field', async () => {
    const { service } = await seeded();
    const analyst = actor('analyst', 'world');
    const fields = async (f: Parameters<typeof service.count>[1]) => {
      try {
        await service.count(analyst, f);
        return [];
      } catch (e) {
        if (!(e instanceof DomainError)) throw e;
        return ((e.details?.problems ?? []) as ReadonlyArray<{ field: string }>).map((p) => p.field);
      }
    };
    expect(await fields({ level: 'district', metric: 'cases', states: ['open'], from: '1.11.2026' })).toEqual(
      ['level', 'metric', 'state', 'from'],
    );
    expect(await fields({ level: 'country', placeId: 'nowhere' })).toEqual(['place']);
  });
});
