import { afterEach, describe, expect, it } from 'vitest';
import { dialectsUnderTest } from '../../test/support/databases.ts';
import type { Report } from '../domain/report.ts';
import type { ReportJudgement } from '../domain/report-feedback.ts';
import type { Database } from './database.ts';
import { reportFeedbackRepository } from './report-feedback-repository.ts';
import { reportRepository } from './report-repository.ts';
import { sourceRepository } from './source-repository.ts';

const open: Database[] = [];
afterEach(async () => {
  for (const d of open.splice(0)) await d.close();
});

const AT = '2026-11-28T10:00:00.000Z';

function report(id: string, placeId: 'DE' | 'FR'): Report {
  return {
    id,
    sourceId: 's1',
    externalId: `ext-${id}`,
    url: null,
    title: `Title ${id} <script>`,
    text: 'Text with "quotes" and émojis 🦠',
    language: 'en',
    publishedAt: '2026-11-20T00:00:00.000Z',
    fetchedAt: AT,
    contentKey: `key-${id}`,
    signature: new Uint32Array(64),
    duplicateOf: null,
    duplicateKind: null,
    similarity: null,
    relevance: 0.625,
    tags: {
      language: 'en',
      relevance: 0.625,
      countries: [placeId],
      mentionedCountries: [],
      places: [],
      hazards: [],
      cases: null,
      deaths: null,
    },
    placeId,
    placePath: `/world/${placeId}/`,
  };
}

function judgement(id: string, extra: Partial<ReportJudgement> = {}): ReportJudgement {
  return {
    id,
    reportId: 'r-de',
    userId: 'ana',
    relevant: true,
    reason: null,
    createdAt: AT,
    version: 1,
    supersededAt: null,
    ...extra,
  };
}

describe.each(dialectsUnderTest())('report feedback on $name', (dialect) => {
  async function fresh() {
    const database = await dialect.open();
    open.push(database);
    const db = database.db;
    await db
      .insertInto('places')
      .values(
        [
          ['world', null, '/world/'],
          ['DE', 'world', '/world/DE/'],
          ['FR', 'world', '/world/FR/'],
        ].map(([id, parentId, path]) => ({
          id: id ?? '',
          code: id ?? '',
          name: id ?? '',
          nameLocal: null,
          level: id === 'world' ? 'world' : 'country',
          parentId,
          path: path ?? '',
          iso2: null,
          lat: null,
          lon: null,
        })),
      )
      .execute();
    await sourceRepository(db).insertSource({
      id: 's1',
      name: 'News',
      kind: 'file',
      url: null,
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
    });
    const reports = reportRepository(db);
    await reports.insertReport(report('r-de', 'DE'), []);
    await reports.insertReport(report('r-fr', 'FR'), []);
    return reportFeedbackRepository(db);
  }

  it('keeps one current judgement per report and user, with the superseded ones as history', async () => {
    const feedback = await fresh();
    await feedback.appendJudgement(judgement('j1', { relevant: false, reason: 'a drill' }));
    await feedback.appendJudgement(
      judgement('j2', { relevant: true, version: 2, createdAt: '2026-11-28T11:00:00.000Z' }),
    );
    await feedback.appendJudgement(judgement('j3', { userId: 'bea', relevant: false }));
    expect(await feedback.currentJudgement('r-de', 'ana')).toEqual(
      judgement('j2', { relevant: true, version: 2, createdAt: '2026-11-28T11:00:00.000Z' }),
    );
    expect(await feedback.currentJudgement('r-fr', 'ana')).toBeUndefined();
    const history = await feedback.judgementHistory('r-de');
    expect(history.map((j) => [j.id, j.relevant, j.reason, j.supersededAt])).toEqual([
      ['j1', false, 'a drill', '2026-11-28T11:00:00.000Z'],
      ['j3', false, null, null],
      ['j2', true, null, null],
    ]);
    const mine = await feedback.currentJudgementsOf(['r-de', 'r-fr'], 'bea');
    expect([...mine.keys()]).toEqual(['r-de']);
    expect(mine.get('r-de')?.id).toBe('j3');
  });

  it('refuses a judgement built on a version that is no longer current, and one for no stored report', async () => {
    const feedback = await fresh();
    await feedback.appendJudgement(judgement('j1'));
    await feedback.appendJudgement(judgement('j2', { version: 2 }));
    // Someone else's change of mind based on version 1 arrives late.
    await expect(feedback.appendJudgement(judgement('j2b', { version: 2 }))).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    await expect(feedback.appendJudgement(judgement('j0', { userId: 'new', version: 1 }))).resolves.toBe(
      undefined,
    );
    await expect(feedback.appendJudgement(judgement('j1', { userId: 'x' }))).rejects.toThrow();
    await expect(
      feedback.appendJudgement(judgement('jx', { reportId: 'nope', userId: 'y' })),
    ).rejects.toThrow();
    expect((await feedback.judgementHistory('r-de')).map((j) => j.id).sort()).toEqual(['j0', 'j1', 'j2']);
  });

  it('exports only current judgements inside a jurisdiction, with their reports, in pages', async () => {
    const feedback = await fresh();
    await feedback.appendJudgement(judgement('a1', { relevant: false }));
    await feedback.appendJudgement(judgement('a2', { version: 2, relevant: true }));
    await feedback.appendJudgement(judgement('b1', { reportId: 'r-fr', userId: 'bea', relevant: false }));
    await feedback.appendJudgement(judgement('c1', { userId: 'cora', relevant: false }));
    const de = await feedback.exportJudged({ placePathPrefix: '/world/DE/', limit: 10 });
    expect(de.map((j) => [j.judgement.id, j.report.id, j.judgement.relevant])).toEqual([
      ['a2', 'r-de', true],
      ['c1', 'r-de', false],
    ]);
    expect(de[0].report).toEqual({
      id: 'r-de',
      sourceId: 's1',
      title: 'Title r-de <script>',
      text: 'Text with "quotes" and émojis 🦠',
      language: 'en',
      publishedAt: '2026-11-20T00:00:00.000Z',
      relevance: 0.625,
      placePath: '/world/DE/',
    });
    const all = await feedback.exportJudged({ placePathPrefix: '/', limit: 2 });
    expect(all.map((j) => j.judgement.id)).toEqual(['a2', 'b1']);
    const rest = await feedback.exportJudged({ placePathPrefix: '/', limit: 2, after: 'b1' });
    expect(rest.map((j) => j.judgement.id)).toEqual(['c1']);
  });
});
