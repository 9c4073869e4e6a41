import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { actorAt, SMALL_REFERENCE } from '../../test/support/reference-fixtures.ts';
import { openTestStore, type TestStore } from '../../test/support/test-store.ts';
import { SYSTEM_ACTOR } from '../domain/actor.ts';
import { verifyAuditChain } from '../domain/audit-entry.ts';
import { DomainError } from '../domain/errors.ts';
import type { ImportProgress } from '../domain/observation-import.ts';
import { sha256Hex } from '../storage/audit-repository.ts';
import { importObservations } from './import-observations.ts';
import { readObservations } from './read-observations.ts';
import { referenceDataService } from './reference-data.ts';
import { seedReferenceData } from './seed-reference-data.ts';

const stores: TestStore[] = [];
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close();
});

const analystBW = actorAt('analyst', 'DE-BW');
const analystDE = actorAt('analyst', 'DE');
const HEADER = 'hazard,place,stratum,source,frequency,date,count';

const FILE = `${HEADER}
influenza,DE-08336,,sentinel,weekly,2024-01-01,3
influenza,DE-08336,,sentinel,weekly,2024-01-08,5
influenza,DE-08336,,sentinel,weekly,2024-01-15,
influenza,DE-BW,age=00-04,,weekly,2024-W01,1
influenza,DE-BW,age=00-04,,weekly,2024-W02,0
`;

async function setup() {
  const t = await openTestStore();
  stores.push(t);
  await seedReferenceData(t)(SYSTEM_ACTOR, SMALL_REFERENCE);
  const deps = { ...t, hash: sha256Hex };
  return {
    t,
    importer: importObservations(deps),
    read: readObservations(t),
    reference: referenceDataService(t),
  };
}

async function counts(t: TestStore) {
  const one = async (table: 'series' | 'observations' | 'imports' | 'audit_log') =>
    Number(
      (await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(t.database.db)).rows[0]
        .n,
    );
  return {
    series: await one('series'),
    observations: await one('observations'),
    imports: await one('imports'),
    audit: await one('audit_log'),
  };
}

const csv = (content: string, fileName = 'flu.csv') => ({ fileName, format: 'csv' as const, content });

describe('importing observations', () => {
  it('creates the series on first import and stores every value as revision 1', async () => {
    const { importer, read } = await setup();
    const outcome = await importer(analystBW, csv(FILE));
    expect(outcome.seriesCreated).toBe(2);
    expect(outcome.record).toMatchObject({
      kind: 'observations',
      fileName: 'flu.csv',
      sha256: sha256Hex(FILE),
      rows: 5,
      inserted: 5,
      revised: 0,
      unchanged: 0,
      actorId: analystBW.userId,
      createdAt: '2026-11-28T08:00:00.000Z',
    });
    const series = await read.listSeries(analystBW, { limit: 10, offset: 0 });
    expect(series.items.map((s) => [s.placeId, s.stratum, s.source, s.frequency, s.unit])).toEqual([
      ['DE-BW', 'age=00-04', 'default', 'weekly', 'cases'],
      ['DE-08336', '', 'sentinel', 'weekly', 'cases'],
    ]);
    const district = series.items[1];
    const { values } = await read.seriesValues(analystBW, district.id);
    expect(values.map((v) => [v.epoch, v.count, v.revision])).toEqual([
      ['2024-01-01', 3, 1],
      ['2024-01-08', 5, 1],
      ['2024-01-15', null, 1],
    ]);
    expect((await read.seriesValues(analystBW, series.items[0].id)).values.map((v) => v.epoch)).toEqual([
      '2024-01-01',
      '2024-01-08',
    ]);
  });

  it('writes one audit entry per import with the counts and the file’s sha256', async () => {
    const { t, importer } = await setup();
    const before = await counts(t);
    const { record } = await importer(analystBW, csv(FILE));
    const after = await counts(t);
    expect(after.audit - before.audit).toBe(1);
    const entry = (await t.store.audit.page(0, 100)).at(-1);
    expect(entry).toMatchObject({
      action: 'observation.import',
      objectType: 'import',
      objectId: record.id,
      actorId: analystBW.userId,
    });
    expect(JSON.parse(entry?.after ?? '{}')).toMatchObject({
      sha256: sha256Hex(FILE),
      rows: 5,
      inserted: 5,
      seriesCreated: 2,
    });
    expect((await verifyAuditChain(t.store.audit, sha256Hex)).ok).toBe(true);
  });

  it('changes nothing when the same file is imported again, and says so', async () => {
    const { t, importer } = await setup();
    await importer(analystBW, csv(FILE));
    const before = await counts(t);
    const again = await importer(analystBW, csv(FILE));
    expect(again.record).toMatchObject({ rows: 5, inserted: 0, revised: 0, unchanged: 5 });
    expect(again.seriesCreated).toBe(0);
    const after = await counts(t);
    expect(after.observations).toBe(before.observations);
    expect(after.series).toBe(before.series);
    expect(after.imports).toBe(before.imports + 1);
  });

  it('keeps a corrected count as a new revision; earlier values stay readable as of their time', async () => {
    const { t, importer, read } = await setup();
    await importer(analystBW, csv(FILE));
    t.clock.advance(24 * 3600_000);
    const corrected = FILE.replace('2024-01-08,5', '2024-01-08,7').replace('2024-01-15,\n', '2024-01-15,2\n');
    const second = await importer(analystBW, csv(corrected, 'flu-corrected.csv'));
    expect(second.record).toMatchObject({ inserted: 0, revised: 2, unchanged: 3 });
    const [district] = (await read.listSeries(analystBW, { placeId: 'DE-08336', limit: 1, offset: 0 })).items;
    const now = await read.seriesValues(analystBW, district.id);
    expect(now.values.map((v) => [v.epoch, v.count, v.revision])).toEqual([
      ['2024-01-01', 3, 1],
      ['2024-01-08', 7, 2],
      ['2024-01-15', 2, 2],
    ]);
    const then = await read.seriesValues(analystBW, district.id, { asOf: '2026-11-28T12:00:00Z' });
    expect(then.values.map((v) => [v.epoch, v.count])).toEqual([
      ['2024-01-01', 3],
      ['2024-01-08', 5],
      ['2024-01-15', null],
    ]);
    const history = await read.seriesRevisions(analystBW, district.id, {
      from: '2024-01-08',
      to: '2024-01-08',
    });
    expect(history.revisions.map((r) => [r.revision, r.count, r.recordedAt])).toEqual([
      [1, 5, '2026-11-28T08:00:00.000Z'],
      [2, 7, '2026-11-29T08:00:00.000Z'],
    ]);
    // importing the corrected file again changes nothing either
    expect((await importer(analystBW, csv(corrected))).record).toMatchObject({
      inserted: 0,
      revised: 0,
      unchanged: 5,
    });
  });

  it('rejects the whole file when one row is bad, naming line, column and field, and writes nothing', async () => {
    const { t, importer } = await setup();
    await importer(analystBW, csv(FILE));
    const before = await counts(t);
    const bad = `${FILE}influenza,DE-08336,,sentinel,weekly,2024-01-22,many\ninfluenza,DE-08336,,sentinel,weekly,2024-01-29,4\n`;
    const err = await importer(analystBW, csv(bad, 'bad.csv')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DomainError);
    expect(err).toMatchObject({
      code: 'VALIDATION',
      details: {
        fileName: 'bad.csv',
        problems: [
          {
            line: 7,
            column: 7,
            field: 'count',
            message: 'expected a whole number ≥ 0, or nothing/NA for a missing value, found "many"',
          },
        ],
      },
    });
    expect((err as Error).message).toContain(
      'bad.csv: rejected, nothing was imported — line 7, column 7 (count)',
    );
    expect(await counts(t)).toEqual(before);
  });

  it('rejects unknown hazard and place codes and a deactivated hazard, all at once', async () => {
    const { t, importer, reference } = await setup();
    const [salm] = await t.store.hazards.byCodes(['salmonellosis']);
    await reference.deactivateHazard(SYSTEM_ACTOR, salm.id, 1, 'test');
    const before = await counts(t);
    const file = `${HEADER}\ninfluenza,DE-08336,,,weekly,2024-01-01,1\nplague,DE-08336,,,weekly,2024-01-01,1\ninfluenza,Atlantis,,,weekly,2024-01-01,1\nsalmonellosis,DE-BW,,,weekly,2024-01-01,1\n`;
    await expect(importer(analystBW, csv(file))).rejects.toMatchObject({
      code: 'VALIDATION',
      details: {
        problems: [
          { line: 3, field: 'hazard', message: 'expected a hazard code; there is no hazard "plague"' },
          { line: 4, field: 'place', message: 'expected a place code; there is no place "Atlantis"' },
          { line: 5, field: 'hazard', message: 'hazard "salmonellosis" is deactivated' },
        ],
      },
    });
    expect(await counts(t)).toEqual(before);
  });

  it('rejects a file with places outside the importer’s jurisdiction', async () => {
    const { t, importer } = await setup();
    const before = await counts(t);
    const file = `${HEADER}\ninfluenza,DE-08336,,,weekly,2024-01-01,1\ninfluenza,DE-BY,,,weekly,2024-01-01,1\n`;
    await expect(importer(analystBW, csv(file))).rejects.toMatchObject({
      code: 'FORBIDDEN',
      details: { problems: [{ line: 3, field: 'place', message: 'DE-BY lies outside your jurisdiction' }] },
    });
    expect(await counts(t)).toEqual(before);
    await expect(importer(analystDE, csv(file))).resolves.toMatchObject({ record: { inserted: 2 } });
  });

  it('is refused to roles without observation:import', async () => {
    const { importer } = await setup();
    for (const role of ['viewer', 'assessor', 'responder', 'coordinator'] as const)
      await expect(importer(actorAt(role, 'DE'), csv(FILE))).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('refuses a unit that differs from the stored series’ unit', async () => {
    const { importer } = await setup();
    await importer(analystBW, csv(`${HEADER},unit\ninfluenza,DE-BW,,,weekly,2024-01-01,1,cases\n`));
    await expect(
      importer(analystBW, csv(`${HEADER},unit\ninfluenza,DE-BW,,,weekly,2024-01-08,1,deaths\n`)),
    ).rejects.toMatchObject({
      code: 'VALIDATION',
      details: {
        problems: [
          {
            line: 2,
            field: 'unit',
            message: 'expected "cases", the unit of the stored series, found "deaths"',
          },
        ],
      },
    });
  });

  it('imports the same rows from JSON, and knows them as unchanged', async () => {
    const { importer } = await setup();
    await importer(analystBW, csv(FILE));
    const rows = FILE.trim()
      .split('\n')
      .slice(1)
      .map((line) => {
        const [hazard, place, stratum, source, frequency, date, count] = line.split(',');
        return {
          hazard,
          place,
          stratum,
          source,
          frequency,
          date,
          count: count === '' ? null : Number(count),
        };
      });
    const outcome = await importer(analystBW, { fileName: 'flu.json', format: 'json', content: rows });
    expect(outcome.record).toMatchObject({
      rows: 5,
      inserted: 0,
      unchanged: 5,
      sha256: sha256Hex(JSON.stringify(rows)),
    });
  });

  it('reports progress while writing, ending with done', async () => {
    const { importer } = await setup();
    const lines = Array.from(
      { length: 25 },
      (_, i) =>
        `influenza,DE-BW,,,daily,${new Date(Date.UTC(2024, 0, 1 + i)).toISOString().slice(0, 10)},${i}`,
    );
    const seen: ImportProgress[] = [];
    await importer(analystBW, csv(`${HEADER}\n${lines.join('\n')}\n`), {
      onProgress: (p) => seen.push(p),
      progressEvery: 10,
    });
    expect(seen.map((p) => p.phase)).toEqual([
      'reading',
      'checking',
      'writing',
      'writing',
      'writing',
      'writing',
      'done',
    ]);
    expect(seen.filter((p) => p.phase === 'writing').map((p) => [p.done, p.total])).toEqual([
      [0, 25],
      [10, 25],
      [20, 25],
      [25, 25],
    ]);
  });
});

describe('reading observations', () => {
  it('shows only the series inside the reader’s jurisdiction', async () => {
    const { importer, read } = await setup();
    await importer(
      analystDE,
      csv(`${HEADER}\ninfluenza,DE-BW,,,weekly,2024-01-01,1\ninfluenza,DE-BY,,,weekly,2024-01-01,2\n`),
    );
    const all = await read.listSeries(analystDE, { limit: 10, offset: 0 });
    expect(all.items.map((s) => s.placeId).sort()).toEqual(['DE-BW', 'DE-BY']);
    const viewerBW = actorAt('viewer', 'DE-BW');
    const mine = await read.listSeries(viewerBW, { limit: 10, offset: 0 });
    expect(mine.items.map((s) => s.placeId)).toEqual(['DE-BW']);
    const bavarian = all.items.find((s) => s.placeId === 'DE-BY');
    await expect(read.seriesValues(viewerBW, bavarian?.id ?? '')).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(read.seriesRevisions(viewerBW, bavarian?.id ?? '')).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });

  it('lists import records newest first and rejects a malformed as-of time', async () => {
    const { t, importer, read } = await setup();
    await importer(analystBW, csv(FILE, 'a.csv'));
    t.clock.advance(1000);
    await importer(analystBW, csv(FILE, 'b.csv'));
    const page = await read.listImports(analystBW, 10, 0);
    expect(page.items.map((r) => r.fileName)).toEqual(['b.csv', 'a.csv']);
    expect((await read.getImport(analystBW, page.items[1].id)).inserted).toBe(5);
    const [s] = (await read.listSeries(analystBW, { limit: 1, offset: 0 })).items;
    await expect(read.seriesValues(analystBW, s.id, { asOf: 'yesterday' })).rejects.toMatchObject({
      code: 'VALIDATION',
      details: { problems: [{ field: 'asOf' }] },
    });
  });
});
