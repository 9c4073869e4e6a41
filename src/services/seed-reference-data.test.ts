import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { actorAt, SMALL_REFERENCE } from '../../test/support/reference-fixtures.ts';
import { openTestStore, type TestStore } from '../../test/support/test-store.ts';
import { SYSTEM_ACTOR } from '../domain/actor.ts';
import { DomainError } from '../domain/errors.ts';
import { readBundledReferenceData } from '../storage/bundled-reference-data.ts';
import { referenceDataService } from './reference-data.ts';
import { seedReferenceData } from './seed-reference-data.ts';

const stores: TestStore[] = [];
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close();
});

async function setup() {
  const t = await openTestStore();
  stores.push(t);
  return { t, seed: seedReferenceData(t), reference: referenceDataService(t) };
}

async function auditCount(t: TestStore): Promise<number> {
  return (await t.store.audit.page(0, 10_000)).length;
}

describe('seeding reference data', () => {
  it('adds places with their paths, hazards and departments, with one audit entry', async () => {
    const { t, seed, reference } = await setup();
    const outcome = await seed(SYSTEM_ACTOR, SMALL_REFERENCE);
    expect(outcome).toEqual({
      hazards: { inserted: 3, existing: 0 },
      places: { inserted: 8, existing: 0 },
      departments: { inserted: 2, existing: 0 },
    });
    expect(await t.store.places.byId('DE-08336')).toMatchObject({
      parentId: 'DE-BW',
      level: 'admin2',
      path: '/world/DE/DE-BW/DE-08336/',
    });
    const [cholera] = await t.store.hazards.byCodes(['cholera']);
    expect(cholera).toMatchObject({
      ihrCategory: 'always-algorithm',
      nationalClass: 'A',
      active: true,
      version: 1,
    });
    expect((await reference.listDepartments(SYSTEM_ACTOR)).map((d) => d.nameZh)).toEqual([
      '畜牧兽医局',
      '卫生健康委员会',
    ]);
    const entries = await t.store.audit.page(0, 10);
    expect(entries.map((e) => e.action)).toEqual(['reference.seed']);
  });

  it('changes nothing when run again, and writes no audit entry', async () => {
    const { t, seed } = await setup();
    await seed(SYSTEM_ACTOR, SMALL_REFERENCE);
    const again = await seed(SYSTEM_ACTOR, SMALL_REFERENCE);
    expect(again).toEqual({
      hazards: { inserted: 0, existing: 3 },
      places: { inserted: 0, existing: 8 },
      departments: { inserted: 0, existing: 2 },
    });
    expect(await auditCount(t)).toBe(1);
  });

  it('keeps an admin’s edit of a hazard when seeded again', async () => {
    const { t, seed, reference } = await setup();
    await seed(SYSTEM_ACTOR, SMALL_REFERENCE);
    const [flu] = await t.store.hazards.byCodes(['influenza']);
    await reference.updateHazard(SYSTEM_ACTOR, flu.id, 1, { nationalClass: 'B' }, 'reclassified');
    await seed(SYSTEM_ACTOR, SMALL_REFERENCE);
    expect((await t.store.hazards.byId(flu.id))?.nationalClass).toBe('B');
  });

  it('adds only what is new when the data grows', async () => {
    const { seed } = await setup();
    await seed(SYSTEM_ACTOR, SMALL_REFERENCE);
    const grown = {
      ...SMALL_REFERENCE,
      places: [
        ...SMALL_REFERENCE.places,
        {
          code: 'DE-09162',
          name: 'SK Muenchen',
          nameLocal: null,
          level: 'admin2' as const,
          parent: 'DE-BY',
          iso2: 'DE',
          lat: null,
          lon: null,
          aliases: ['9162'],
        },
      ],
    };
    expect((await seed(SYSTEM_ACTOR, grown)).places).toEqual({ inserted: 1, existing: 8 });
  });

  it('rejects a place listed before its parent, naming it, and adds nothing', async () => {
    const { t, seed } = await setup();
    const [world, ...rest] = SMALL_REFERENCE.places;
    const err = await seed(SYSTEM_ACTOR, { ...SMALL_REFERENCE, places: [...rest, world] }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(DomainError);
    expect((err as DomainError).details?.problems).toEqual([
      { field: 'places.DE.parent', message: 'no place world (list parents first)' },
    ]);
    expect(await t.store.places.byId('world')).toBeUndefined();
    expect(await auditCount(t)).toBe(0);
  });

  it('is for admins only', async () => {
    const { seed } = await setup();
    await expect(seed(actorAt('analyst', 'world'), SMALL_REFERENCE)).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });
});

describe('the bundled reference data', () => {
  const dir = fileURLToPath(new URL('../../datasets/reference', import.meta.url));

  it('seeds the world, its countries and regions, China’s divisions and the demo districts, idempotently', async () => {
    const { t, seed, reference } = await setup();
    const data = readBundledReferenceData(dir);
    const first = await seed(SYSTEM_ACTOR, data);
    expect(first.places.inserted).toBe(data.places.length);
    expect(first.places.inserted).toBeGreaterThan(8000);
    expect(first.hazards.inserted).toBeGreaterThan(700);
    expect(first.departments.inserted).toBeGreaterThanOrEqual(10);
    const again = await seed(SYSTEM_ACTOR, data);
    expect(again.places.inserted + again.hazards.inserted + again.departments.inserted).toBe(0);

    const lookup = async (name: string, within?: string) =>
      (await reference.lookupPlaces(SYSTEM_ACTOR, name, within)).map((p) => p.id);
    // salmNewport's series names → German states
    const salmNewport = [
      ['Baden.Wuerttemberg', 'DE-BW'],
      ['Bavaria', 'DE-BY'],
      ['Berlin', 'DE-BE'],
      ['Brandenburg', 'DE-BB'],
      ['Bremen', 'DE-HB'],
      ['Hamburg', 'DE-HH'],
      ['Hesse', 'DE-HE'],
      ['Lower.Saxony', 'DE-NI'],
      ['Mecklenburg.Vorpommern', 'DE-MV'],
      ['North.Rhine.Westphalia', 'DE-NW'],
      ['Rhineland.Palatinate', 'DE-RP'],
      ['Saarland', 'DE-SL'],
      ['Saxony', 'DE-SN'],
      ['Saxony.Anhalt', 'DE-ST'],
      ['Schleswig.Holstein', 'DE-SH'],
      ['Thuringia', 'DE-TH'],
    ];
    for (const [series, code] of salmNewport) expect(await lookup(series, 'DE')).toEqual([code]);
    // fluBYBW's district keys → districts of Baden-Württemberg and Bavaria
    expect(await lookup('8336', 'DE')).toEqual(['DE-08336']);
    expect((await t.store.places.byId('DE-08336'))?.path).toBe('/world/DE/DE-BW/DE-08336/');
    expect((await t.store.places.byId('DE-09162'))?.path).toBe('/world/DE/DE-BY/DE-09162/');
    expect(
      (await reference.listPlaces(SYSTEM_ACTOR, { parentId: 'DE-BW', limit: 500, offset: 0 })).total,
    ).toBe(44);
    expect(
      (await reference.listPlaces(SYSTEM_ACTOR, { parentId: 'DE-BY', limit: 500, offset: 0 })).total,
    ).toBe(96);
    // China: GB/T 2260 codes
    expect(await lookup('110000')).toEqual(['CN-BJ']);
    expect((await t.store.places.byId('CN-130800'))?.nameLocal).toBe('承德市');
    expect((await t.store.places.byId('CN-130800'))?.path).toBe('/world/CN/CN-HE/CN-130800/');
    expect(
      (
        await reference.listPlaces(SYSTEM_ACTOR, {
          level: 'admin2',
          withinPath: '/world/CN/',
          limit: 1,
          offset: 0,
        })
      ).total,
    ).toBe(342);
    // countries by ISO alpha-2, alpha-3 and Chinese name
    expect(await lookup('DEU')).toEqual(['DE']);
    expect(await lookup('中国')).toContain('CN');
    // IHR Annex 2
    const notifiable = await reference.listHazards(SYSTEM_ACTOR, {
      ihrCategory: 'always-notifiable',
      limit: 50,
      offset: 0,
    });
    expect(notifiable.items.map((h) => h.code).sort()).toEqual([
      'influenza-new-subtype',
      'poliomyelitis-wild-type',
      'sars',
      'smallpox',
    ]);
    const algorithm = await reference.listHazards(SYSTEM_ACTOR, {
      ihrCategory: 'always-algorithm',
      limit: 50,
      offset: 0,
    });
    expect(algorithm.items.map((h) => h.code)).toEqual(
      expect.arrayContaining([
        'cholera',
        'plague-pneumonic',
        'yellow-fever',
        'ebola',
        'lassa-fever',
        'marburg',
        'west-nile-fever',
      ]),
    );
    for (const domain of ['animal', 'plant', 'food', 'laboratory', 'environment'] as const)
      expect(
        (await reference.listHazards(SYSTEM_ACTOR, { domain, limit: 1, offset: 0 })).total,
      ).toBeGreaterThan(0);
    const [cholera] = await t.store.hazards.byCodes(['cholera']);
    expect(cholera).toMatchObject({ icd10: 'A00.0', icd11: '1A00', nationalClass: 'A' });
  });
});
