import { type Actor, requirePermission } from '../domain/actor.ts';
import type { AuditWriter } from '../domain/audit-entry.ts';
import type { Department, DepartmentRepository } from '../domain/department.ts';
import { invalid } from '../domain/errors.ts';
import { type Hazard, type HazardRepository, validateHazardDraft } from '../domain/hazard.ts';
import {
  aliasKey,
  childPath,
  PLACE_LEVELS,
  type Place,
  type PlaceAlias,
  type PlaceRepository,
  type PlaceSeed,
} from '../domain/place.ts';
import type { Clock, IdGenerator, Transactor } from '../domain/ports.ts';
import type { ReferenceDataSet } from '../domain/reference-data-set.ts';

export interface SeedReferenceStore {
  readonly hazards: HazardRepository;
  readonly places: PlaceRepository;
  readonly departments: DepartmentRepository;
  readonly audit: AuditWriter;
}

export interface SeedCounts {
  readonly inserted: number;
  readonly existing: number;
}

export interface SeedOutcome {
  readonly hazards: SeedCounts;
  readonly places: SeedCounts;
  readonly departments: SeedCounts;
}

function checkPlaceSeed(seed: PlaceSeed): void {
  const at = `places.${seed.code}`;
  const problems = [];
  if (typeof seed.code !== 'string' || !/^[^/\s]{1,40}$/.test(seed.code))
    problems.push({ field: `${at}.code`, message: 'up to 40 characters, no slash or space' });
  if (typeof seed.name !== 'string' || seed.name.trim() === '')
    problems.push({ field: `${at}.name`, message: 'is required' });
  if (!(PLACE_LEVELS as ReadonlyArray<string>).includes(seed.level))
    problems.push({ field: `${at}.level`, message: `one of ${PLACE_LEVELS.join(', ')}` });
  if ((seed.parent === null) !== (seed.level === 'world'))
    problems.push({ field: `${at}.parent`, message: 'only the world has no parent' });
  if (problems.length > 0) throw invalid(problems);
}

/**
 * Seeds hazards, places and departments, idempotently: only records whose code is not stored yet are
 * added, and nothing stored is changed (an admin's edits of a hazard survive a re-seed). One audit entry
 * per seed that added anything; a re-run that adds nothing writes nothing.
 */
export function seedReferenceData(deps: {
  readonly tx: Transactor<SeedReferenceStore>;
  readonly clock: Clock;
  readonly ids: IdGenerator;
}) {
  const { tx, clock, ids } = deps;
  return async (actor: Actor, data: ReferenceDataSet): Promise<SeedOutcome> => {
    requirePermission(actor, 'reference:admin');
    const at = clock.now().toISOString();
    const hazardDrafts = data.hazards.map((h) => validateHazardDraft({ ...h }));
    return tx.transaction(async (store) => {
      // departments
      const knownDepartments = new Set(
        (await store.departments.byCodes(data.departments.map((d) => d.code))).map((d) => d.code),
      );
      const newDepartments: Department[] = data.departments
        .filter((d) => !knownDepartments.has(d.code))
        .map((d) => ({ ...d, id: ids.next(), createdAt: at, version: 1 }));
      await store.departments.insertMany(newDepartments);

      // places: parents first; a parent may be stored already or come earlier in the list
      const placeByCode = new Map<string, Place>(
        (
          await store.places.byCodes([
            ...data.places.map((p) => p.code),
            ...data.places.flatMap((p) => (p.parent === null ? [] : [p.parent])),
          ])
        ).map((p) => [p.code, p]),
      );
      const existingPlaces = data.places.filter((p) => placeByCode.has(p.code)).length;
      const newPlaces: Place[] = [];
      const aliases: PlaceAlias[] = [];
      for (const seed of data.places) {
        if (placeByCode.has(seed.code)) continue;
        checkPlaceSeed(seed);
        let parentPath: string | null = null;
        if (seed.parent !== null) {
          const parent = placeByCode.get(seed.parent);
          if (parent === undefined)
            throw invalid([
              {
                field: `places.${seed.code}.parent`,
                message: `no place ${seed.parent} (list parents first)`,
              },
            ]);
          parentPath = parent.path;
        }
        const place: Place = {
          id: seed.code,
          code: seed.code,
          name: seed.name,
          nameLocal: seed.nameLocal,
          level: seed.level,
          parentId: seed.parent,
          path: childPath(parentPath, seed.code),
          iso2: seed.iso2,
          lat: seed.lat,
          lon: seed.lon,
        };
        placeByCode.set(seed.code, place);
        newPlaces.push(place);
        const keys = new Set<string>();
        for (const alias of [seed.code, seed.name, seed.nameLocal, ...seed.aliases]) {
          if (alias === null) continue;
          const key = aliasKey(alias);
          if (key === '' || keys.has(key)) continue;
          keys.add(key);
          aliases.push({ placeId: place.id, alias, aliasKey: key });
        }
      }
      await store.places.insertMany(newPlaces, aliases);

      // hazards
      const knownHazards = new Set(
        (await store.hazards.byCodes(hazardDrafts.map((h) => h.code))).map((h) => h.code),
      );
      const newHazards: Hazard[] = [];
      for (const draft of hazardDrafts) {
        if (knownHazards.has(draft.code)) continue;
        knownHazards.add(draft.code);
        newHazards.push({ ...draft, id: ids.next(), active: true, version: 1, updatedAt: at });
      }
      await store.hazards.insertMany(newHazards);

      const outcome: SeedOutcome = {
        hazards: { inserted: newHazards.length, existing: hazardDrafts.length - newHazards.length },
        places: { inserted: newPlaces.length, existing: existingPlaces },
        departments: { inserted: newDepartments.length, existing: knownDepartments.size },
      };
      if (newHazards.length + newPlaces.length + newDepartments.length > 0) {
        await store.audit.append(
          {
            actorId: actor.userId,
            action: 'reference.seed',
            objectType: 'reference-data',
            objectId: 'bundled',
            before: null,
            after: outcome,
            reason: 'seed reference data',
          },
          at,
        );
      }
      return outcome;
    });
  };
}
