import { afterEach, describe, expect, it } from 'vitest';
import { actorAt, SMALL_REFERENCE } from '../../test/support/reference-fixtures.ts';
import { openTestStore, type TestStore } from '../../test/support/test-store.ts';
import { SYSTEM_ACTOR } from '../domain/actor.ts';
import { referenceDataService } from './reference-data.ts';
import { seedReferenceData } from './seed-reference-data.ts';

const stores: TestStore[] = [];
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close();
});

const admin = actorAt('admin', 'world');
const viewer = actorAt('viewer', 'DE-BW');

async function setup() {
  const t = await openTestStore();
  stores.push(t);
  await seedReferenceData(t)(SYSTEM_ACTOR, SMALL_REFERENCE);
  return { t, reference: referenceDataService(t) };
}

const newHazard = {
  code: 'xylella',
  name: 'Xylella fastidiosa',
  domain: 'plant',
  pathogen: 'Xylella fastidiosa',
  synonyms: ['olive quick decline'],
};

describe('the hazard catalogue', () => {
  it('lets an admin add a hazard, audited with what it became', async () => {
    const { t, reference } = await setup();
    const h = await reference.createHazard(admin, newHazard, 'new plant pest');
    expect(h).toMatchObject({
      code: 'xylella',
      domain: 'plant',
      active: true,
      version: 1,
      updatedAt: '2026-11-28T08:00:00.000Z',
    });
    const last = (await t.store.audit.page(0, 100)).at(-1);
    expect(last).toMatchObject({
      actorId: admin.userId,
      action: 'hazard.create',
      objectType: 'hazard',
      objectId: h.id,
      before: null,
      reason: 'new plant pest',
    });
    expect(JSON.parse(last?.after ?? '{}')).toMatchObject({ code: 'xylella', version: 1 });
  });

  it('refuses a code that is taken and names every bad field', async () => {
    const { reference } = await setup();
    await expect(reference.createHazard(admin, { ...newHazard, code: 'cholera' })).rejects.toMatchObject({
      code: 'VALIDATION',
      details: { problems: [{ field: 'code', message: 'cholera is taken' }] },
    });
    await expect(reference.createHazard(admin, { code: 'x', domain: 'space' })).rejects.toMatchObject({
      code: 'VALIDATION',
      details: { problems: [{ field: 'name' }, { field: 'domain' }] },
    });
  });

  it('updates at the version read, and turns a stale version into a conflict instead of overwriting', async () => {
    const { t, reference } = await setup();
    const [flu] = await t.store.hazards.byCodes(['influenza']);
    const v2 = await reference.updateHazard(
      admin,
      flu.id,
      1,
      { nationalClass: 'B', synonyms: ['流感'] },
      'law changed',
    );
    expect(v2).toMatchObject({ version: 2, nationalClass: 'B', synonyms: ['流感'], name: 'Influenza' });
    await expect(reference.updateHazard(admin, flu.id, 1, { name: 'Flu' })).rejects.toMatchObject({
      code: 'CONFLICT',
      details: { expectedVersion: 1, actualVersion: 2 },
    });
    expect((await t.store.hazards.byId(flu.id))?.name).toBe('Influenza');
    const entry = (await t.store.audit.page(0, 100)).at(-1);
    expect(entry).toMatchObject({ action: 'hazard.update', reason: 'law changed' });
    expect(JSON.parse(entry?.before ?? '{}')).toMatchObject({ nationalClass: 'C', version: 1 });
    expect(JSON.parse(entry?.after ?? '{}')).toMatchObject({ nationalClass: 'B', version: 2 });
  });

  it('deactivates a hazard with a reason; it leaves the default list but stays readable', async () => {
    const { reference, t } = await setup();
    const [salm] = await t.store.hazards.byCodes(['salmonellosis']);
    await expect(reference.deactivateHazard(admin, salm.id, 1, ' ')).rejects.toMatchObject({
      code: 'VALIDATION',
    });
    const off = await reference.deactivateHazard(admin, salm.id, 1, 'merged into salmonella-infection');
    expect(off).toMatchObject({ active: false, version: 2 });
    expect((await reference.listHazards(viewer, { limit: 50, offset: 0 })).items.map((h) => h.code)).toEqual([
      'cholera',
      'influenza',
    ]);
    expect((await reference.listHazards(viewer, { includeInactive: true, limit: 50, offset: 0 })).total).toBe(
      3,
    );
    expect((await reference.getHazard(viewer, salm.id)).active).toBe(false);
    expect((await t.store.audit.page(0, 100)).at(-1)?.action).toBe('hazard.deactivate');
  });

  it('lets every role read but only admins change it', async () => {
    const { t, reference } = await setup();
    const [cholera] = await t.store.hazards.byCodes(['cholera']);
    for (const role of ['coordinator', 'analyst', 'assessor', 'responder', 'viewer'] as const) {
      const someone = actorAt(role, 'DE');
      expect((await reference.getHazard(someone, cholera.id)).code).toBe('cholera');
      await expect(reference.createHazard(someone, newHazard)).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(reference.updateHazard(someone, cholera.id, 1, { name: 'x' })).rejects.toMatchObject({
        code: 'FORBIDDEN',
      });
      await expect(reference.deactivateHazard(someone, cholera.id, 1, 'no')).rejects.toMatchObject({
        code: 'FORBIDDEN',
      });
    }
  });

  it('filters by domain and finds hazards by synonym', async () => {
    const { reference } = await setup();
    await reference.createHazard(admin, newHazard);
    expect(
      (await reference.listHazards(viewer, { domain: 'plant', limit: 10, offset: 0 })).items.map(
        (h) => h.code,
      ),
    ).toEqual(['xylella']);
    expect(
      (await reference.listHazards(viewer, { query: '霍乱', limit: 10, offset: 0 })).items.map((h) => h.code),
    ).toEqual(['cholera']);
    await expect(reference.listHazards(viewer, { limit: 0, offset: 0 })).rejects.toMatchObject({
      code: 'VALIDATION',
    });
  });
});

describe('places and departments', () => {
  it('lets an admin add a department with a new code, audited, and refuses anyone else', async () => {
    const { t, reference } = await setup();
    const before = (await reference.listDepartments(admin)).length;
    const d = await reference.createDepartment(
      admin,
      { code: 'customs', name: 'Customs', nameZh: '海关', domain: 'food' },
      'border checks',
    );
    expect(d).toMatchObject({ code: 'customs', name: 'Customs', nameZh: '海关', domain: 'food' });
    expect(await reference.listDepartments(viewer)).toHaveLength(before + 1);
    const entries = await t.store.audit.page(0, 1000);
    expect(entries.at(-1)).toMatchObject({
      action: 'department.create',
      objectId: d.id,
      reason: 'border checks',
    });
    await expect(
      reference.createDepartment(admin, { code: 'customs', name: 'Again', nameZh: null, domain: 'food' }),
    ).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(
      reference.createDepartment(viewer, {
        code: 'navy',
        name: 'Navy',
        nameZh: null,
        domain: 'coordination',
      }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('lets an admin rename a department at the version read, audited, and names a stale version a conflict', async () => {
    const { t, reference } = await setup();
    const d = await reference.createDepartment(admin, {
      code: 'customs',
      name: 'Customs',
      nameZh: null,
      domain: 'food',
    });
    expect(d.version).toBe(1);
    const renamed = await reference.updateDepartment(
      admin,
      d.id,
      1,
      { name: 'Customs and border', nameZh: '海关' },
      'new remit',
    );
    expect(renamed).toMatchObject({
      code: 'customs',
      name: 'Customs and border',
      nameZh: '海关',
      domain: 'food',
      version: 2,
    });
    expect((await reference.listDepartments(viewer)).find((x) => x.id === d.id)?.name).toBe(
      'Customs and border',
    );
    expect((await t.store.audit.page(0, 1000)).at(-1)).toMatchObject({
      action: 'department.update',
      objectId: d.id,
      before: JSON.stringify({ domain: 'food', name: 'Customs', nameZh: null }),
      reason: 'new remit',
    });
    await expect(reference.updateDepartment(admin, d.id, 1, { name: 'Stale' })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    await expect(reference.updateDepartment(admin, d.id, 2, { name: '  ' })).rejects.toMatchObject({
      code: 'VALIDATION',
    });
    await expect(reference.updateDepartment(viewer, d.id, 2, { name: 'Navy' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(reference.updateDepartment(admin, 'nope', 1, { name: 'X' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('lists places by parent, level and a query in any of their names', async () => {
    const { reference } = await setup();
    expect(
      (await reference.listPlaces(viewer, { parentId: 'DE', limit: 10, offset: 0 })).items.map((p) => p.id),
    ).toEqual(['DE-BW', 'DE-BY']);
    expect((await reference.listPlaces(viewer, { level: 'country', limit: 10, offset: 0 })).total).toBe(2);
    expect(
      (await reference.listPlaces(viewer, { query: 'Bayern', limit: 10, offset: 0 })).items.map((p) => p.id),
    ).toEqual(['DE-BY']);
    expect(
      (await reference.listPlaces(viewer, { query: '北京', limit: 10, offset: 0 })).items.map((p) => p.id),
    ).toEqual(['CN-BJ']);
  });

  it('looks a place up by code first, then by alias, optionally within a subtree', async () => {
    const { reference } = await setup();
    expect((await reference.lookupPlaces(viewer, 'DE-BW')).map((p) => p.id)).toEqual(['DE-BW']);
    expect((await reference.lookupPlaces(viewer, 'baden wuerttemberg')).map((p) => p.id)).toEqual(['DE-BW']);
    expect((await reference.lookupPlaces(viewer, '8336', 'DE')).map((p) => p.id)).toEqual(['DE-08336']);
    expect(await reference.lookupPlaces(viewer, '8336', 'CN')).toEqual([]);
    expect(await reference.lookupPlaces(viewer, 'Atlantis')).toEqual([]);
  });

  it('shows a place with its aliases', async () => {
    const { reference } = await setup();
    const p = await reference.getPlace(viewer, 'CN-BJ');
    expect(p).toMatchObject({ path: '/world/CN/CN-BJ/', parentId: 'CN' });
    expect(p.aliases).toEqual(expect.arrayContaining(['110000', '北京市', 'Beijing']));
    await expect(reference.getPlace(viewer, 'XX')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
