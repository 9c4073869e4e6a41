import { afterEach, describe, expect, it } from 'vitest';
import { dialectsUnderTest } from '../../test/support/databases.ts';
import {
  addCounts,
  addWeeklySeries,
  PLACES,
  seedDetectionReference,
} from '../../test/support/detection-fixtures.ts';
import { formatIsoDate } from '../detection/series/calendar.ts';
import type { SeriesQuery } from '../domain/series-reader.ts';
import type { Database } from './database.ts';
import { seriesReader } from './series-reader.ts';

const open: Database[] = [];
afterEach(async () => {
  for (const d of open.splice(0)) await d.close();
});

const everything: SeriesQuery = {
  hazardIds: [],
  placePaths: [],
  sources: [],
  strata: [],
  frequency: 'weekly',
  withinPath: '/',
};

describe.each(dialectsUnderTest())('series reader on $name', (dialect) => {
  async function withSeries() {
    const database = await dialect.open();
    open.push(database);
    await seedDetectionReference(database);
    await addWeeklySeries(database, 's-by', 'DE-BY', [1, 2, undefined, 4]);
    await addWeeklySeries(database, 's-nw', 'DE-NW', [3, 3], 'cholera');
    await addWeeklySeries(database, 's-fr', 'FR', [7], 'salmonellosis', 'laboratory');
    return { database, reader: seriesReader(database.db) };
  }

  it('selects series by hazard, place subtree, source and jurisdiction, with the facts signals need', async () => {
    const { reader } = await withSeries();
    const ids = async (q: Partial<SeriesQuery>) =>
      (await reader.selectSeries({ ...everything, ...q })).map((s) => s.id);
    expect(await ids({})).toEqual(['s-by', 's-fr', 's-nw']);
    expect(await ids({ hazardIds: ['cholera'] })).toEqual(['s-nw']);
    expect(await ids({ placePaths: [PLACES.DE] })).toEqual(['s-by', 's-nw']);
    expect(await ids({ placePaths: [PLACES['DE-NW'], PLACES.FR] })).toEqual(['s-fr', 's-nw']);
    expect(await ids({ sources: ['laboratory'] })).toEqual(['s-fr']);
    expect(await ids({ withinPath: PLACES['DE-BY'] })).toEqual(['s-by']);
    expect(await ids({ frequency: 'daily' })).toEqual([]);
    const [nw] = await reader.selectSeries({ ...everything, hazardIds: ['cholera'] });
    expect(nw).toEqual({
      id: 's-nw',
      hazardId: 'cholera',
      hazardName: 'Cholera',
      ihrCategory: 'always-algorithm',
      nationalClass: 'A',
      placeId: 'DE-NW',
      placeName: 'North Rhine-Westphalia',
      placePath: PLACES['DE-NW'],
      stratum: '',
      source: 'notifications',
      frequency: 'weekly',
      unit: 'cases',
    });
  });

  it('reads the latest revision of every epoch, with weeks never reported as missing', async () => {
    const { database, reader } = await withSeries();
    await addCounts(database, 's-by', [[1, 12]]); // a correction of week 1: revision 2
    const counts = await reader.readCounts([
      { id: 's-by', frequency: 'weekly' },
      { id: 'nothing', frequency: 'weekly' },
    ]);
    const by = counts.get('s-by');
    if (by === undefined || !by.ok) throw new Error('no counts');
    expect(Array.from(by.series.observed)).toEqual([1, 12, Number.NaN, 4]);
    expect(Array.from(by.series.dates, formatIsoDate)).toEqual([
      '2023-01-02',
      '2023-01-09',
      '2023-01-16',
      '2023-01-23',
    ]);
    expect(counts.get('nothing')).toMatchObject({ ok: false, code: 'NO_DATA' });
  });
});
