import { afterEach, describe, expect, it } from 'vitest';
import { dialectsUnderTest } from '../../test/support/databases.ts';
import type { Hazard } from '../domain/hazard.ts';
import { aliasKey, type Place } from '../domain/place.ts';
import type { Database } from './database.ts';
import { departmentRepository } from './department-repository.ts';
import { hazardRepository } from './hazard-repository.ts';
import { placeRepository } from './place-repository.ts';

const open: Database[] = [];
afterEach(async () => {
  for (const d of open.splice(0)) await d.close();
});

const hazard = (code: string, extra: Partial<Hazard> = {}): Hazard => ({
  id: `id-${code}`,
  code,
  name: code[0].toUpperCase() + code.slice(1),
  domain: 'human',
  icd10: null,
  icd11: null,
  pathogen: null,
  synonyms: [],
  ihrCategory: null,
  nationalClass: null,
  active: true,
  version: 1,
  updatedAt: '2026-11-28T08:00:00.000Z',
  ...extra,
});

const place = (id: string, parent: Place | null, level: Place['level'], name = id): Place => ({
  id,
  code: id,
  name,
  nameLocal: null,
  level,
  parentId: parent?.id ?? null,
  path: `${parent?.path ?? '/'}${id}/`,
  iso2: null,
  lat: null,
  lon: null,
});

describe.each(dialectsUnderTest())('reference repositories on $name', (dialect) => {
  async function fresh(): Promise<Database> {
    const database = await dialect.open();
    open.push(database);
    return database;
  }

  it('stores hazards and finds them by code, domain and a text query over names and synonyms', async () => {
    const { db } = await fresh();
    const repo = hazardRepository(db);
    await repo.insertMany([
      hazard('cholera', {
        synonyms: ['霍乱', 'Vibrio cholerae'],
        ihrCategory: 'always-algorithm',
        nationalClass: 'A',
      }),
      hazard('african-swine-fever', { domain: 'animal' }),
      hazard('smallpox', { ihrCategory: 'always-notifiable', active: false }),
    ]);
    expect((await repo.byCodes(['cholera', 'nothing'])).map((h) => h.code)).toEqual(['cholera']);
    const cholera = await repo.byId('id-cholera');
    expect(cholera).toMatchObject({
      synonyms: ['霍乱', 'Vibrio cholerae'],
      ihrCategory: 'always-algorithm',
      active: true,
    });
    expect((await repo.list({ domain: 'animal', limit: 10, offset: 0 })).items.map((h) => h.code)).toEqual([
      'african-swine-fever',
    ]);
    expect((await repo.list({ query: 'VIBRIO', limit: 10, offset: 0 })).items.map((h) => h.code)).toEqual([
      'cholera',
    ]);
    expect((await repo.list({ query: '霍乱', limit: 10, offset: 0 })).items.map((h) => h.code)).toEqual([
      'cholera',
    ]);
    expect((await repo.list({ limit: 10, offset: 0 })).total).toBe(2);
    const all = await repo.list({ includeInactive: true, limit: 2, offset: 1 });
    expect(all.total).toBe(3);
    expect(all.items.map((h) => h.code)).toEqual(['cholera', 'smallpox']);
    expect(
      (await repo.list({ ihrCategory: 'always-notifiable', includeInactive: true, limit: 5, offset: 0 }))
        .total,
    ).toBe(1);
  });

  it('treats % and _ in a query as plain characters', async () => {
    const { db } = await fresh();
    const repo = hazardRepository(db);
    await repo.insertMany([hazard('a-b'), hazard('a_b')]);
    expect((await repo.list({ query: '_', limit: 10, offset: 0 })).items.map((h) => h.code)).toEqual(['a_b']);
  });

  it('updates a hazard only at the version the caller read', async () => {
    const { db } = await fresh();
    const repo = hazardRepository(db);
    await repo.insertMany([hazard('cholera')]);
    const v1 = (await repo.byId('id-cholera')) as Hazard;
    expect(await repo.update({ ...v1, name: 'Cholera (Vibrio)', version: 2 }, 1)).toBe(true);
    expect(await repo.update({ ...v1, name: 'Lost update', version: 2 }, 1)).toBe(false);
    expect((await repo.byId('id-cholera'))?.name).toBe('Cholera (Vibrio)');
  });

  it('stores the place tree and lists children, levels, subtrees and alias matches', async () => {
    const { db } = await fresh();
    const repo = placeRepository(db);
    const world = place('world', null, 'world', 'World');
    const de = place('DE', world, 'country', 'Germany');
    const bw = place('DE-BW', de, 'admin1', 'Baden-Württemberg');
    const by = place('DE-BY', de, 'admin1', 'Bavaria');
    const lo = place('DE-08336', bw, 'admin2', 'LK Loerrach');
    const dk = place('DK', world, 'country', 'Denmark');
    const aliases = [
      ['DE-BW', 'Baden.Wuerttemberg'],
      ['DE-BW', 'Baden-Württemberg'],
      ['DE-08336', '8336'],
      ['DE-BY', 'Bayern'],
      ['DE', 'Germany'],
      ['DK', 'Denmark'],
    ].map(([placeId, alias]) => ({ placeId, alias, aliasKey: aliasKey(alias) }));
    await repo.insertMany([world, de, bw, by, lo, dk], aliases);
    expect((await repo.byCodes(['DE-BW', 'XX'])).map((p) => p.path)).toEqual(['/world/DE/DE-BW/']);
    expect((await repo.byAliasKey(aliasKey('Baden.Wuerttemberg'))).map((p) => p.id)).toEqual(['DE-BW']);
    expect((await repo.byAliasKey('8336')).map((p) => p.id)).toEqual(['DE-08336']);
    const children = await repo.list({ parentId: 'DE', limit: 10, offset: 0 });
    expect(children).toEqual({ items: [bw, by], total: 2 });
    expect((await repo.list({ level: 'country', limit: 1, offset: 1 })).items.map((p) => p.id)).toEqual([
      'DK',
    ]);
    expect(
      (await repo.list({ withinPath: '/world/DE/', limit: 10, offset: 0 })).items.map((p) => p.id),
    ).toEqual(['DE', 'DE-BW', 'DE-08336', 'DE-BY']);
    // a prefix of a normalised alias
    expect((await repo.list({ query: 'baden', limit: 10, offset: 0 })).items.map((p) => p.id)).toEqual([
      'DE-BW',
    ]);
    // "Baden-Württemberg" has the same key as "Baden.Wuerttemberg": kept once
    expect(await repo.aliasesOf('DE-BW')).toEqual(['Baden.Wuerttemberg']);
  });

  it('updates a department only at the version read, and counts the version up', async () => {
    const { db } = await fresh();
    const repo = departmentRepository(db);
    await repo.insertMany([
      { id: 'd1', code: 'health', name: 'Health', nameZh: null, domain: 'human', createdAt: 't', version: 1 },
    ]);
    const changes = { name: 'Health authority', nameZh: '卫生健康委员会', domain: 'human' as const };
    expect(await repo.update('d1', 1, changes)).toBe(true);
    expect(await repo.byId('d1')).toMatchObject({
      name: 'Health authority',
      nameZh: '卫生健康委员会',
      version: 2,
    });
    expect(await repo.update('d1', 1, { ...changes, name: 'stale' })).toBe(false);
    expect((await repo.byId('d1'))?.name).toBe('Health authority');
    expect(await repo.update('nope', 1, changes)).toBe(false);
  });

  it('stores departments with their Chinese names', async () => {
    const { db } = await fresh();
    const repo = departmentRepository(db);
    await repo.insertMany([
      {
        id: 'd1',
        code: 'health',
        name: 'Health authority',
        nameZh: '卫生健康委员会',
        domain: 'human',
        createdAt: 't',
        version: 1,
      },
      {
        id: 'd2',
        code: 'customs',
        name: 'Customs',
        nameZh: '海关',
        domain: 'food',
        createdAt: 't',
        version: 1,
      },
    ]);
    expect((await repo.list()).map((d) => [d.code, d.nameZh])).toEqual([
      ['customs', '海关'],
      ['health', '卫生健康委员会'],
    ]);
    expect((await repo.byCodes(['health'])).map((d) => d.id)).toEqual(['d1']);
  });
});
