import type { Actor } from '../../src/domain/actor.ts';
import type { Signal } from '../../src/domain/signal.ts';
import type { Database } from '../../src/storage/database.ts';

/**
 * Reference rows for the detection and signal tests: a small place tree (world › Germany › Bavaria,
 * North Rhine-Westphalia; France), two hazards, users with jurisdictions, and helpers to add weekly
 * series with their counts and signals.
 */
export const PLACES = {
  world: '/world/',
  DE: '/world/DE/',
  'DE-BY': '/world/DE/DE-BY/',
  'DE-NW': '/world/DE/DE-NW/',
  FR: '/world/FR/',
} as const;
export type PlaceId = keyof typeof PLACES;

/** Monday of the first test week. */
export const FIRST_WEEK = '2023-01-02';

export function weekDate(k: number): string {
  return new Date(Date.parse(`${FIRST_WEEK}T00:00:00Z`) + k * 7 * 86_400_000).toISOString().slice(0, 10);
}

export function actor(role: Actor['role'], place: PlaceId, userId = `${role}-${place}`): Actor {
  return {
    userId,
    username: userId,
    role,
    departmentId: null,
    jurisdictionPlaceId: place,
    jurisdictionPath: PLACES[place],
  };
}

export async function seedDetectionReference(database: Database): Promise<void> {
  const parents: Record<PlaceId, PlaceId | null> = {
    world: null,
    DE: 'world',
    'DE-BY': 'DE',
    'DE-NW': 'DE',
    FR: 'world',
  };
  await database.db
    .insertInto('places')
    .values(
      (Object.keys(PLACES) as PlaceId[]).map((id) => ({
        id,
        code: id,
        name: {
          world: 'World',
          DE: 'Germany',
          'DE-BY': 'Bavaria',
          'DE-NW': 'North Rhine-Westphalia',
          FR: 'France',
        }[id],
        nameLocal: null,
        level: id === 'world' ? 'world' : id.length === 2 ? 'country' : 'region',
        parentId: parents[id],
        path: PLACES[id],
        iso2: null,
        lat: null,
        lon: null,
      })),
    )
    .execute();
  await database.db
    .insertInto('hazards')
    .values([
      {
        id: 'salmonellosis',
        code: 'salmonellosis',
        name: 'Salmonellosis',
        domain: 'human',
        icd10: 'A02',
        icd11: '1A09',
        pathogen: 'Salmonella',
        synonyms: '[]',
        ihrCategory: null,
        nationalClass: null,
        active: 1,
        version: 1,
        updatedAt: '2026-01-01T00:00:00.000Z',
      },
      {
        id: 'cholera',
        code: 'cholera',
        name: 'Cholera',
        domain: 'human',
        icd10: 'A00',
        icd11: '1A00',
        pathogen: 'Vibrio cholerae',
        synonyms: '[]',
        ihrCategory: 'always-algorithm',
        nationalClass: 'A',
        active: 1,
        version: 1,
        updatedAt: '2026-01-01T00:00:00.000Z',
      },
    ])
    .execute();
  const users: Array<[string, string, PlaceId, number]> = [
    ['analyst-DE-BY', 'analyst', 'DE-BY', 1],
    ['analyst-DE', 'analyst', 'DE', 1],
    ['analyst-FR', 'analyst', 'FR', 1],
    ['viewer-DE', 'viewer', 'DE', 1],
    ['retired-DE', 'analyst', 'DE', 0],
  ];
  await database.db
    .insertInto('users')
    .values(
      users.map(([id, role, place, active]) => ({
        id,
        username: id.toLowerCase(),
        displayName: id,
        passwordHash: 'x',
        role,
        departmentId: null,
        jurisdictionPlaceId: place,
        active,
        createdAt: '2026-01-01T00:00:00.000Z',
        version: 1,
      })),
    )
    .execute();
}

/** Adds a weekly series whose week k (from FIRST_WEEK) has `counts[k]` (undefined: no row at all). */
export async function addWeeklySeries(
  database: Database,
  id: string,
  place: PlaceId,
  counts: ReadonlyArray<number | null | undefined>,
  hazardId = 'salmonellosis',
  source = 'notifications',
): Promise<void> {
  await database.db
    .insertInto('series')
    .values({
      id,
      hazardId,
      placeId: place,
      placePath: PLACES[place],
      stratum: '',
      source,
      frequency: 'weekly',
      unit: 'cases',
      createdAt: '2026-01-01T00:00:00.000Z',
    })
    .execute();
  await addCounts(
    database,
    id,
    counts.map((c, k) => [k, c] as const),
  );
}

/** Adds observations (revision 1, or the next revision when the epoch has one). */
export async function addCounts(
  database: Database,
  seriesId: string,
  counts: ReadonlyArray<readonly [number, number | null | undefined]>,
): Promise<void> {
  const rows = [];
  for (const [k, count] of counts) {
    if (count === undefined) continue;
    const epoch = weekDate(k);
    const prev = await database.db
      .selectFrom('observations')
      .select((eb) => eb.fn.max('revision').as('r'))
      .where('seriesId', '=', seriesId)
      .where('epoch', '=', epoch)
      .executeTakeFirst();
    rows.push({
      seriesId,
      epoch,
      revision: Number(prev?.r ?? 0) + 1,
      count,
      population: null,
      importId: 'test-import',
      recordedAt: '2026-01-01T00:00:00.000Z',
    });
  }
  for (let i = 0; i < rows.length; i += 500) {
    await database.db
      .insertInto('observations')
      .values(rows.slice(i, i + 500))
      .execute();
  }
}

/** Two years of 5 cases a week, then `last` for the following weeks (index 104 on). */
export function flatThen(last: ReadonlyArray<number | null | undefined>): Array<number | null | undefined> {
  return [...new Array<number>(104).fill(5), ...last];
}

/** A stored signal with sensible defaults. */
export function signalFixture(over: Partial<Signal> & Pick<Signal, 'id'>): Signal {
  return {
    source: 'event-based',
    state: 'new',
    title: `Signal ${over.id}`,
    hazardId: 'salmonellosis',
    placeId: 'DE-BY',
    placePath: PLACES['DE-BY'],
    seriesId: null,
    configId: null,
    firstEpoch: '2026-11-02',
    lastEpoch: '2026-11-09',
    explanation: { kind: 'event-based', summary: 'reports of a cluster' },
    priority: 'medium',
    assigneeId: null,
    mergedIntoId: null,
    createdAt: '2026-11-10T08:00:00.000Z',
    updatedAt: '2026-11-10T08:00:00.000Z',
    version: 1,
    ...over,
  };
}
