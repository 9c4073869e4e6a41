import type { Database } from '../../src/storage/database.ts';

/** The smallest reference data a test needs: a world root, two countries, two departments. */
export async function seedMinimal(database: Database): Promise<void> {
  await database.db
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
        nameLocal: 'Deutschland',
        level: 'country',
        parentId: 'world',
        path: '/world/DE/',
        iso2: 'DE',
        lat: null,
        lon: null,
      },
      {
        id: 'FR',
        code: 'FR',
        name: 'France',
        nameLocal: null,
        level: 'country',
        parentId: 'world',
        path: '/world/FR/',
        iso2: 'FR',
        lat: null,
        lon: null,
      },
    ])
    .execute();
  await database.db
    .insertInto('departments')
    .values([
      {
        id: 'health',
        code: 'health',
        name: 'Public health',
        nameZh: '卫生健康',
        domain: 'human',
        createdAt: '2026-01-01T00:00:00.000Z',
      },
      {
        id: 'animal-health',
        code: 'animal-health',
        name: 'Animal health',
        nameZh: '动物卫生',
        domain: 'animal',
        createdAt: '2026-01-01T00:00:00.000Z',
      },
    ])
    .execute();
}
