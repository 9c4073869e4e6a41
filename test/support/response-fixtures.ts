import type { Kysely } from 'kysely';
import type { Actor } from '../../src/domain/actor.ts';
import type { Role } from '../../src/domain/role.ts';
import type { Schema } from '../../src/storage/schema.ts';

/**
 * Reference rows the assessment/response tests need, written straight into the tables other parts of
 * Tocsin own: places (world › DE › DE-BY, world › FR), departments, hazards with IHR category and
 * national class, users of every role, and signals in several states.
 */
export const T0 = '2026-11-28T08:00:00.000Z';

export const PLACES = {
  world: '/world/',
  DE: '/world/DE/',
  'DE-BY': '/world/DE/DE-BY/',
  'DE-BE': '/world/DE/DE-BE/',
  FR: '/world/FR/',
} as const;

export type FixturePlace = keyof typeof PLACES;

export function actor(
  userId: string,
  role: Role,
  place: FixturePlace = 'world',
  departmentId: string | null = null,
): Actor {
  return {
    userId,
    username: userId,
    role,
    departmentId,
    jurisdictionPlaceId: place,
    jurisdictionPath: PLACES[place],
  };
}

/** The users seeded by `seedResponseFixtures`, as actors. */
export const ACTORS = {
  admin: actor('u-admin', 'admin'),
  coordinator: actor('u-coord', 'coordinator', 'DE', 'health'),
  coordinatorFR: actor('u-coord-fr', 'coordinator', 'FR', 'health'),
  assessor: actor('u-assessor', 'assessor', 'DE'),
  analyst: actor('u-analyst', 'analyst', 'DE'),
  responder: actor('u-resp', 'responder', 'DE', 'health'),
  responderVet: actor('u-resp-vet', 'responder', 'DE', 'animal-health'),
  viewer: actor('u-viewer', 'viewer', 'DE'),
} as const;

export interface SignalSeed {
  readonly id: string;
  readonly state: string;
  readonly place: FixturePlace;
  readonly hazardId: string | null;
  /** When it was verified (a transition is written), for verified signals. */
  readonly verifiedAt?: string;
  readonly title?: string;
}

export async function seedResponseFixtures(db: Kysely<Schema>): Promise<void> {
  const place = (id: string, parentId: string | null, path: string, level: string) => ({
    id,
    code: id,
    name: id,
    nameLocal: null,
    level,
    parentId,
    path,
    iso2: null,
    lat: null,
    lon: null,
  });
  await db
    .insertInto('places')
    .values([
      place('world', null, PLACES.world, 'world'),
      place('DE', 'world', PLACES.DE, 'country'),
      place('DE-BY', 'DE', PLACES['DE-BY'], 'region'),
      place('DE-BE', 'DE', PLACES['DE-BE'], 'region'),
      place('FR', 'world', PLACES.FR, 'country'),
    ])
    .execute();
  await db
    .insertInto('departments')
    .values(
      ['health', 'animal-health', 'customs'].map((id) => ({
        id,
        code: id,
        name: id,
        nameZh: null,
        domain: 'human',
        createdAt: T0,
      })),
    )
    .execute();
  const hazard = (id: string, ihrCategory: string | null, nationalClass: string | null) => ({
    id,
    code: id,
    name: id,
    domain: 'human',
    icd10: null,
    icd11: null,
    pathogen: null,
    synonyms: '[]',
    ihrCategory,
    nationalClass,
    active: 1,
    version: 1,
    updatedAt: T0,
  });
  await db
    .insertInto('hazards')
    .values([
      hazard('cholera', 'always-algorithm', 'A'),
      hazard('smallpox', 'always-notifiable', 'A'),
      hazard('campylobacter', null, 'C'),
      hazard('salmonella', null, 'B'),
    ])
    .execute();
  const user = (id: string, role: string, departmentId: string | null, place: string, active = 1) => ({
    id,
    username: id,
    displayName: id,
    passwordHash: 'x',
    role,
    departmentId,
    jurisdictionPlaceId: place,
    active,
    createdAt: T0,
    version: 1,
  });
  await db
    .insertInto('users')
    .values([
      user('u-admin', 'admin', null, 'world'),
      user('u-coord', 'coordinator', 'health', 'DE'),
      user('u-coord2', 'coordinator', 'health', 'DE'),
      user('u-coord-fr', 'coordinator', 'health', 'FR'),
      user('u-assessor', 'assessor', null, 'DE'),
      user('u-analyst', 'analyst', null, 'DE'),
      user('u-resp', 'responder', 'health', 'DE'),
      user('u-resp2', 'responder', 'health', 'DE'),
      user('u-resp-vet', 'responder', 'animal-health', 'DE'),
      user('u-viewer', 'viewer', null, 'DE'),
      user('u-gone', 'coordinator', 'health', 'DE', 0),
    ])
    .execute();
}

export async function seedSignals(db: Kysely<Schema>, signals: ReadonlyArray<SignalSeed>): Promise<void> {
  for (const s of signals) {
    await db
      .insertInto('signals')
      .values({
        id: s.id,
        source: 'indicator',
        state: s.state,
        title: s.title ?? `signal ${s.id}`,
        hazardId: s.hazardId,
        placeId: s.place,
        placePath: PLACES[s.place],
        seriesId: null,
        configId: null,
        firstEpoch: null,
        lastEpoch: null,
        explanation: '{}',
        priority: 'normal',
        assigneeId: null,
        mergedIntoId: null,
        createdAt: T0,
        updatedAt: s.verifiedAt ?? T0,
        version: 1,
      })
      .execute();
    if (s.verifiedAt !== undefined)
      await db
        .insertInto('signalTransitions')
        .values({
          id: `tr-${s.id}`,
          signalId: s.id,
          fromState: 'under-review',
          toState: 'verified',
          actorId: 'u-analyst',
          at: s.verifiedAt,
          reason: 'confirmed by the laboratory',
        })
        .execute();
  }
}
