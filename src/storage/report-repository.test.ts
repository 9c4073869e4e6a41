import { afterEach, describe, expect, it } from 'vitest';
import { dialectsUnderTest } from '../../test/support/databases.ts';
import { type Report, signatureBandKeys } from '../domain/report.ts';
import type { Source } from '../domain/source.ts';
import type { Database } from './database.ts';
import { reportRepository } from './report-repository.ts';
import { signalRepository } from './signal-repository.ts';
import { sourceRepository } from './source-repository.ts';
import { storyRepository } from './story-repository.ts';

const open: Database[] = [];
afterEach(async () => {
  for (const d of open.splice(0)) await d.close();
});

const AT = '2026-11-28T10:00:00.000Z';

const SOURCE: Source = {
  id: 's1',
  name: 'News',
  kind: 'feed',
  url: 'https://news.example/feed.xml',
  active: true,
  pullMinutes: 60,
  etag: null,
  lastModified: null,
  lastPullAt: null,
  lastSuccessAt: null,
  lastErrorAt: null,
  lastError: null,
  itemsSeen: 0,
  createdAt: AT,
  updatedAt: AT,
  version: 1,
};

function report(id: string, extra: Partial<Report> = {}): Report {
  return {
    id,
    sourceId: 's1',
    externalId: `ext-${id}`,
    url: null,
    title: `Title ${id}`,
    text: 'Text with "quotes" and émojis 🦠',
    language: 'en',
    publishedAt: '2026-11-20T00:00:00.000Z',
    fetchedAt: AT,
    contentKey: `key-${id}`,
    signature: Uint32Array.from({ length: 64 }, (_, i) => (i * 2654435761) >>> 0),
    duplicateOf: null,
    duplicateKind: null,
    similarity: null,
    relevance: 0.75,
    tags: {
      language: 'en',
      relevance: 0.75,
      countries: ['DE'],
      mentionedCountries: [],
      places: [],
      hazards: [{ id: 'cholera', name: 'Cholera', icd10: 'A00.0' }],
      cases: 3,
      deaths: null,
    },
    placeId: 'DE',
    placePath: '/world/DE/',
    ...extra,
  };
}

describe.each(dialectsUnderTest())('reports, sources and stories on $name', (dialect) => {
  async function fresh() {
    const database = await dialect.open();
    open.push(database);
    const db = database.db;
    await db
      .insertInto('places')
      .values([
        {
          id: 'world',
          code: 'world',
          name: 'World',
          nameLocal: null,
          level: 'world',
          parentId: null,
          path: '/world/',
          iso2: null,
          lat: null,
          lon: null,
        },
        {
          id: 'DE',
          code: 'DE',
          name: 'Germany',
          nameLocal: null,
          level: 'country',
          parentId: 'world',
          path: '/world/DE/',
          iso2: 'DE',
          lat: null,
          lon: null,
        },
      ])
      .execute();
    await sourceRepository(db).insertSource(SOURCE);
    return {
      db,
      reports: reportRepository(db),
      sources: sourceRepository(db),
      stories: storyRepository(db),
      signals: signalRepository(db),
    };
  }

  it('round-trips a report with its signature and tags, and finds it by content key and band keys', async () => {
    const { reports } = await fresh();
    const r = report('r1');
    await reports.insertReport(r, signatureBandKeys(r.signature));
    const got = await reports.getReport('r1');
    expect(got?.tags).toEqual(r.tags);
    expect(got?.text).toBe(r.text);
    expect(got?.relevance).toBe(0.75);
    expect(await reports.byContentKey('key-r1')).toBe('r1');
    expect(await reports.byContentKey('key-none')).toBeUndefined();
    const candidates = await reports.nearCandidates(signatureBandKeys(r.signature).slice(0, 2));
    expect(candidates.map((c) => c.id)).toEqual(['r1']);
    expect([...candidates[0].signature]).toEqual([...r.signature]);
    expect(await reports.nearCandidates(['0:nothing'])).toEqual([]);
  });

  it('tells which external ids of a source are stored and refuses the same one twice', async () => {
    const { reports } = await fresh();
    await reports.insertReport(report('r1'), []);
    expect([...(await reports.storedExternalIds('s1', ['ext-r1', 'ext-r2']))]).toEqual(['ext-r1']);
    await expect(reports.insertReport(report('r2', { externalId: 'ext-r1' }), [])).rejects.toThrow();
  });

  it('lists reports inside a jurisdiction, latest first', async () => {
    const { reports } = await fresh();
    await reports.insertReport(report('r1'), []);
    await reports.insertReport(report('r2', { publishedAt: '2026-11-22T00:00:00.000Z' }), []);
    await reports.insertReport(report('r3', { placeId: null, placePath: '/' }), []);
    const all = await reports.listReports({ placePathPrefix: '/', limit: 10, offset: 0 });
    expect(all.map((r) => r.id)).toEqual(['r2', 'r3', 'r1']);
    const de = await reports.listReports({ placePathPrefix: '/world/DE/', limit: 10, offset: 0 });
    expect(de.map((r) => r.id)).toEqual(['r2', 'r1']);
    const from = await reports.listReports({
      placePathPrefix: '/',
      from: '2026-11-21',
      limit: 10,
      offset: 0,
    });
    expect(from.map((r) => r.id)).toEqual(['r2']);
  });

  it('updates a source at its version and refuses a stale version', async () => {
    const { sources } = await fresh();
    const after = await sources.updateSource('s1', 1, { etag: '"abc"', itemsSeen: 5, active: false }, AT);
    expect([after.etag, after.itemsSeen, after.active, after.version]).toEqual(['"abc"', 5, false, 2]);
    await expect(sources.updateSource('s1', 1, { itemsSeen: 6 }, AT)).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    expect((await sources.sourceByName('News'))?.id).toBe('s1');
    expect((await sources.listSources()).map((s) => s.name)).toEqual(['News']);
  });

  it('keeps stories with their reports and finds recent stories of a hazard and country', async () => {
    const { reports, stories, signals } = await fresh();
    await signals.insert({
      id: 'sig1',
      source: 'event-based',
      state: 'new',
      title: 'Cholera — Germany',
      hazardId: null,
      placeId: 'DE',
      placePath: '/world/DE/',
      seriesId: null,
      configId: null,
      firstEpoch: '2026-11-20',
      lastEpoch: '2026-11-22',
      explanation: { kind: 'event-based', summary: 'x' },
      priority: 'medium',
      assigneeId: null,
      mergedIntoId: null,
      createdAt: AT,
      updatedAt: AT,
      version: 1,
    });
    await reports.insertReport(report('r1'), []);
    await reports.insertReport(report('r2', { publishedAt: '2026-11-22T00:00:00.000Z' }), []);
    const story = {
      id: 'st1',
      hazardCode: 'cholera',
      country: 'DE',
      signalId: 'sig1',
      firstDate: '2026-11-20',
      lastDate: '2026-11-22',
      reportCount: 2,
      createdAt: AT,
      updatedAt: AT,
      version: 1,
    };
    await stories.insertStory(story);
    await stories.addStoryReport('st1', 'r1');
    await stories.addStoryReport('st1', 'r2');
    expect((await stories.recentStories('cholera', 'DE', '2026-11-10')).map((s) => s.id)).toEqual(['st1']);
    expect(await stories.recentStories('cholera', 'DE', '2026-11-23')).toEqual([]);
    expect(await stories.recentStories('cholera', 'CN', '2026-11-10')).toEqual([]);
    expect((await stories.storyOfSignal('sig1'))?.id).toBe('st1');
    expect(await stories.storyCounts('DE', 'cholera')).toEqual({ country: 1, hazard: 1 });
    expect(await stories.storyCounts('DE', 'influenza')).toEqual({ country: 1, hazard: 0 });
    expect(await stories.storyCounts('CN', 'cholera')).toEqual({ country: 0, hazard: 0 });
    expect(await stories.dailyReportCounts('2026-11-20', '2026-11-22')).toEqual([
      { hazardCode: 'cholera', country: 'DE', day: '2026-11-20', reports: 1 },
      { hazardCode: 'cholera', country: 'DE', day: '2026-11-22', reports: 1 },
    ]);
    expect(await stories.dailyReportCounts('2026-11-21', '2026-11-21')).toEqual([]);
    const listed = await stories.storyReports('st1', 10);
    expect(listed.map((r) => [r.id, r.cases])).toEqual([
      ['r2', 3],
      ['r1', 3],
    ]);
    expect((await reports.getReport('r1'))?.storyIds).toEqual(['st1']);
    const updated = await stories.updateStory('st1', 1, { reportCount: 3, lastDate: '2026-11-25' }, AT);
    expect([updated.reportCount, updated.lastDate, updated.version]).toEqual([3, '2026-11-25', 2]);
    await expect(stories.updateStory('st1', 1, { reportCount: 4 }, AT)).rejects.toMatchObject({
      code: 'CONFLICT',
    });
  });
});
