import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { dialectsUnderTest } from '../../test/support/databases.ts';
import type { RevisionBatch } from '../domain/observation.ts';
import type { SeriesDefinition } from '../domain/series-definition.ts';
import type { Database } from './database.ts';
import { hazardRepository } from './hazard-repository.ts';
import { importRepository } from './import-repository.ts';
import {
  observationRepository,
  ROWS_PER_ARRAY_STATEMENT,
  ROWS_PER_STATEMENT,
} from './observation-repository.ts';
import { placeRepository } from './place-repository.ts';
import { seriesRepository } from './series-repository.ts';

const open: Database[] = [];
afterEach(async () => {
  for (const d of open.splice(0)) await d.close();
});

const T0 = '2026-11-28T08:00:00.000Z';

function batch(
  rows: ReadonlyArray<
    readonly [
      seriesId: string,
      epoch: string,
      revision: number,
      count: number | null,
      population?: number | null,
    ]
  >,
): RevisionBatch {
  return {
    length: rows.length,
    seriesId: rows.map((r) => r[0]),
    epoch: rows.map((r) => r[1]),
    revision: Int32Array.from(rows.map((r) => r[2])),
    count: Float64Array.from(rows.map((r) => r[3] ?? Number.NaN)),
    population: Float64Array.from(rows.map((r) => r[4] ?? Number.NaN)),
  };
}

describe.each(dialectsUnderTest())('series, observations and imports on $name', (dialect) => {
  async function withSeries(): Promise<{ database: Database; s1: SeriesDefinition; s2: SeriesDefinition }> {
    const database = await dialect.open();
    open.push(database);
    const { db } = database;
    await hazardRepository(db).insertMany(
      ['flu', 'cholera'].map((code) => ({
        id: `h-${code}`,
        code,
        name: code,
        domain: 'human' as const,
        icd10: null,
        icd11: null,
        pathogen: null,
        synonyms: [],
        ihrCategory: null,
        nationalClass: null,
        active: true,
        version: 1,
        updatedAt: T0,
      })),
    );
    const p = (id: string, parentPath: string | null, level: 'world' | 'country' | 'admin1') => ({
      id,
      code: id,
      name: id,
      nameLocal: null,
      level,
      parentId: parentPath === null ? null : (parentPath.split('/').at(-2) ?? null),
      path: `${parentPath ?? '/'}${id}/`,
      iso2: null,
      lat: null,
      lon: null,
    });
    await placeRepository(db).insertMany(
      [
        p('world', null, 'world'),
        p('DE', '/world/', 'country'),
        p('DE-BW', '/world/DE/', 'admin1'),
        p('DK', '/world/', 'country'),
      ],
      [],
    );
    const s1: SeriesDefinition = {
      id: 's1',
      hazardId: 'h-flu',
      placeId: 'DE-BW',
      placePath: '/world/DE/DE-BW/',
      stratum: '',
      source: 'default',
      frequency: 'weekly',
      unit: 'cases',
      createdAt: T0,
    };
    const s2: SeriesDefinition = {
      ...s1,
      id: 's2',
      hazardId: 'h-cholera',
      placeId: 'DK',
      placePath: '/world/DK/',
      stratum: 'age=00-04',
    };
    await seriesRepository(db).insertMany([s1, s2]);
    return { database, s1, s2 };
  }

  it('finds series by their full identity only', async () => {
    const { database, s1 } = await withSeries();
    const repo = seriesRepository(database.db);
    const found = await repo.findByKeys([
      { hazardId: 'h-flu', placeId: 'DE-BW', stratum: '', source: 'default', frequency: 'weekly' },
      { hazardId: 'h-flu', placeId: 'DE-BW', stratum: '', source: 'default', frequency: 'monthly' },
      { hazardId: 'h-cholera', placeId: 'DK', stratum: '', source: 'default', frequency: 'weekly' },
    ]);
    expect(found).toEqual([s1]);
    expect(await repo.byId('s2')).toMatchObject({ stratum: 'age=00-04' });
  });

  it('lists only the series inside a path, filtered and paged', async () => {
    const { database } = await withSeries();
    const repo = seriesRepository(database.db);
    expect(
      (await repo.list({ withinPath: '/world/DE/', limit: 10, offset: 0 })).items.map((s) => s.id),
    ).toEqual(['s1']);
    expect((await repo.list({ withinPath: '/', limit: 10, offset: 0 })).total).toBe(2);
    expect(
      (await repo.list({ withinPath: '/', hazardId: 'h-cholera', limit: 10, offset: 0 })).items.map(
        (s) => s.id,
      ),
    ).toEqual(['s2']);
    expect(
      (await repo.list({ withinPath: '/world/', placePath: '/world/DK/', limit: 10, offset: 0 })).total,
    ).toBe(1);
    expect((await repo.list({ withinPath: '/', limit: 1, offset: 1 })).items).toHaveLength(1);
  });

  it(`writes more rows than one statement holds (${ROWS_PER_STATEMENT} on SQLite, ${ROWS_PER_ARRAY_STATEMENT} on PostgreSQL) with nulls intact`, async () => {
    const { database } = await withSeries();
    const repo = observationRepository(database.db, database.dialect);
    const n = Math.max(ROWS_PER_STATEMENT, ROWS_PER_ARRAY_STATEMENT) + 7;
    const start = Date.UTC(2000, 0, 3);
    const rows = Array.from({ length: n }, (_, i) => {
      const epoch = new Date(start + i * 86_400_000).toISOString().slice(0, 10);
      return ['s1', epoch, 1, i % 5 === 0 ? null : i, i % 2 === 0 ? 0.25 : null] as const;
    });
    await repo.insertRevisions(batch(rows), 'imp1', T0);
    const { c } = await sql<{ c: number }>`select count(*) as c from observations`
      .execute(database.db)
      .then((r) => r.rows[0]);
    expect(Number(c)).toBe(n);
    const stored = await repo.revisions('s1');
    expect(stored).toHaveLength(n);
    expect(stored[0]).toEqual({
      seriesId: 's1',
      epoch: '2000-01-03',
      revision: 1,
      count: null,
      population: 0.25,
      importId: 'imp1',
      recordedAt: T0,
    });
    expect(stored[1]).toMatchObject({ count: 1, population: null });
    expect(stored.at(-1)?.count).toBe(n - 1);
  });

  it('gives the latest revision of each epoch, keeping the earlier ones', async () => {
    const { database } = await withSeries();
    const repo = observationRepository(database.db, database.dialect);
    await repo.insertRevisions(
      batch([
        ['s1', '2024-01-01', 1, 5],
        ['s1', '2024-01-08', 1, 6],
        ['s2', '2024-01-01', 1, null],
      ]),
      'imp1',
      T0,
    );
    await repo.insertRevisions(batch([['s1', '2024-01-08', 2, 9, 100]]), 'imp2', '2026-11-29T08:00:00.000Z');
    expect(await repo.currentValues(['s1', 's2'])).toEqual([
      { seriesId: 's1', epoch: '2024-01-01', revision: 1, count: 5, population: null },
      { seriesId: 's1', epoch: '2024-01-08', revision: 2, count: 9, population: 100 },
      { seriesId: 's2', epoch: '2024-01-01', revision: 1, count: null, population: null },
    ]);
    expect(
      (await repo.revisions('s1', { from: '2024-01-08' })).map((r) => [r.revision, r.count, r.importId]),
    ).toEqual([
      [1, 6, 'imp1'],
      [2, 9, 'imp2'],
    ]);
    expect(await repo.revisions('s1', { to: '2023-12-31' })).toEqual([]);
  });

  it('refuses a second row for the same series, epoch and revision', async () => {
    const { database } = await withSeries();
    const repo = observationRepository(database.db, database.dialect);
    await repo.insertRevisions(batch([['s1', '2024-01-01', 1, 5]]), 'imp1', T0);
    await expect(repo.insertRevisions(batch([['s1', '2024-01-01', 1, 6]]), 'imp2', T0)).rejects.toThrow();
  });

  it('keeps import records, newest first', async () => {
    const { database } = await withSeries();
    const repo = importRepository(database.db);
    const record = (id: string, createdAt: string) => ({
      id,
      kind: 'observations' as const,
      fileName: `${id}.csv`,
      sha256: 'ab'.repeat(32),
      rows: 3,
      inserted: 2,
      revised: 1,
      unchanged: 0,
      actorId: 'u1',
      createdAt,
    });
    await repo.insert(record('i1', '2026-11-28T08:00:00.000Z'));
    await repo.insert(record('i2', '2026-11-28T09:00:00.000Z'));
    const page = await repo.list(10, 0);
    expect(page.total).toBe(2);
    expect(page.items.map((r) => r.id)).toEqual(['i2', 'i1']);
    expect(await repo.byId('i1')).toEqual(record('i1', '2026-11-28T08:00:00.000Z'));
  });
});
