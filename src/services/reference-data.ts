import { type Actor, requirePermission } from '../domain/actor.ts';
import type { AuditWriter } from '../domain/audit-entry.ts';
import {
  DEPARTMENT_DOMAINS,
  type Department,
  type DepartmentChanges,
  type DepartmentRepository,
  type DepartmentSeed,
} from '../domain/department.ts';
import { conflict, invalid, notFound } from '../domain/errors.ts';
import {
  applyHazardChanges,
  type Hazard,
  type HazardFilter,
  type HazardRepository,
  hazardSnapshot,
  validateHazardDraft,
} from '../domain/hazard.ts';
import { MAX_PAGE_SIZE, type Page } from '../domain/page.ts';
import { aliasKey, type Place, type PlaceFilter, type PlaceRepository } from '../domain/place.ts';
import type { Clock, IdGenerator, Transactor } from '../domain/ports.ts';

export interface ReferenceDataStore {
  readonly hazards: HazardRepository;
  readonly places: PlaceRepository;
  readonly departments: DepartmentRepository;
  readonly audit: AuditWriter;
}

export interface PlaceDetail extends Place {
  readonly aliases: ReadonlyArray<string>;
}

function checkPaging(limit: number, offset: number): void {
  const problems = [];
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE)
    problems.push({ field: 'limit', message: `a whole number from 1 to ${MAX_PAGE_SIZE}` });
  if (!Number.isInteger(offset) || offset < 0)
    problems.push({ field: 'offset', message: 'a whole number ≥ 0' });
  if (problems.length > 0) throw invalid(problems);
}

/**
 * Reading the reference data (permission reference:read) and keeping the hazard catalogue (permission
 * reference:admin: create, update, deactivate; versioned, each change audited). Places and departments are
 * shared by all jurisdictions, so reads are not narrowed to the actor's jurisdiction.
 */
export function referenceDataService(deps: {
  readonly tx: Transactor<ReferenceDataStore>;
  readonly clock: Clock;
  readonly ids: IdGenerator;
}) {
  const { tx, clock, ids } = deps;

  async function changeHazard(
    actor: Actor,
    id: string,
    expectedVersion: number,
    changes: Readonly<Record<string, unknown>>,
    action: string,
    reason: string | null,
  ): Promise<Hazard> {
    requirePermission(actor, 'reference:admin');
    const at = clock.now().toISOString();
    return tx.transaction(async ({ hazards, audit }) => {
      const before = await hazards.byId(id);
      if (before === undefined) throw notFound('hazard', id);
      if (before.version !== expectedVersion) throw conflict('hazard', id, expectedVersion, before.version);
      const after = applyHazardChanges(before, changes, at);
      if (!(await hazards.update(after, expectedVersion))) {
        throw conflict('hazard', id, expectedVersion, (await hazards.byId(id))?.version);
      }
      await audit.append(
        {
          actorId: actor.userId,
          action,
          objectType: 'hazard',
          objectId: id,
          before: hazardSnapshot(before),
          after: hazardSnapshot(after),
          reason,
        },
        at,
      );
      return after;
    });
  }

  return {
    async listHazards(actor: Actor, filter: HazardFilter): Promise<Page<Hazard>> {
      requirePermission(actor, 'reference:read');
      checkPaging(filter.limit, filter.offset);
      return tx.transaction(({ hazards }) => hazards.list(filter));
    },

    async getHazard(actor: Actor, id: string): Promise<Hazard> {
      requirePermission(actor, 'reference:read');
      const hazard = await tx.transaction(({ hazards }) => hazards.byId(id));
      if (hazard === undefined) throw notFound('hazard', id);
      return hazard;
    },

    async createHazard(
      actor: Actor,
      input: Readonly<Record<string, unknown>>,
      reason?: string,
    ): Promise<Hazard> {
      requirePermission(actor, 'reference:admin');
      const draft = validateHazardDraft(input);
      const at = clock.now().toISOString();
      return tx.transaction(async ({ hazards, audit }) => {
        if ((await hazards.byCodes([draft.code])).length > 0)
          throw invalid([{ field: 'code', message: `${draft.code} is taken` }]);
        const hazard: Hazard = { ...draft, id: ids.next(), active: true, version: 1, updatedAt: at };
        await hazards.insertMany([hazard]);
        await audit.append(
          {
            actorId: actor.userId,
            action: 'hazard.create',
            objectType: 'hazard',
            objectId: hazard.id,
            before: null,
            after: hazardSnapshot(hazard),
            reason: reason ?? null,
          },
          at,
        );
        return hazard;
      });
    },

    /** Changes the given fields; `version` is the one the caller read (CONFLICT when it moved on). */
    async updateHazard(
      actor: Actor,
      id: string,
      version: number,
      changes: Readonly<Record<string, unknown>>,
      reason?: string,
    ): Promise<Hazard> {
      return changeHazard(actor, id, version, changes, 'hazard.update', reason ?? null);
    },

    /** Takes a hazard out of use (imports and new configurations refuse it); it stays for history. */
    async deactivateHazard(actor: Actor, id: string, version: number, reason: string): Promise<Hazard> {
      requirePermission(actor, 'reference:admin');
      if (reason.trim() === '')
        throw invalid([{ field: 'reason', message: 'say why the hazard is deactivated' }]);
      return changeHazard(actor, id, version, { active: false }, 'hazard.deactivate', reason);
    },

    async listPlaces(actor: Actor, filter: PlaceFilter): Promise<Page<Place>> {
      requirePermission(actor, 'reference:read');
      checkPaging(filter.limit, filter.offset);
      const query = filter.query === undefined ? undefined : aliasKey(filter.query);
      return tx.transaction(({ places }) =>
        places.list({ ...filter, query: query === '' ? undefined : query }),
      );
    },

    async getPlace(actor: Actor, id: string): Promise<PlaceDetail> {
      requirePermission(actor, 'reference:read');
      return tx.transaction(async ({ places }) => {
        const place = await places.byId(id);
        if (place === undefined) throw notFound('place', id);
        return { ...place, aliases: await places.aliasesOf(id) };
      });
    },

    /**
     * Places a code or alias names: the place with exactly that code when there is one, else every place
     * one of whose names normalises to the same key ("Baden.Wuerttemberg" → DE-BW), optionally only
     * below `withinPlaceId`. Several matches mean the name is ambiguous (e.g. a country and a region).
     */
    async lookupPlaces(actor: Actor, text: string, withinPlaceId?: string): Promise<ReadonlyArray<Place>> {
      requirePermission(actor, 'reference:read');
      return tx.transaction(async ({ places }) => {
        let within: Place | undefined;
        if (withinPlaceId !== undefined) {
          within = await places.byId(withinPlaceId);
          if (within === undefined) throw notFound('place', withinPlaceId);
        }
        const inside = (p: Place): boolean => within === undefined || p.path.startsWith(within.path);
        const exact = (await places.byCodes([text.trim()])).filter(inside);
        if (exact.length > 0) return exact;
        const key = aliasKey(text);
        if (key === '') return [];
        return (await places.byAliasKey(key)).filter(inside);
      });
    },

    async listDepartments(actor: Actor): Promise<ReadonlyArray<Department>> {
      requirePermission(actor, 'reference:read');
      return tx.transaction(({ departments }) => departments.list());
    },

    /** Adds a department (permission reference:admin), audited; its code must be new. */
    async createDepartment(actor: Actor, input: DepartmentSeed, reason?: string): Promise<Department> {
      requirePermission(actor, 'reference:admin');
      const code = input.code.trim();
      const name = input.name.trim();
      const nameZh = input.nameZh?.trim() || null;
      const problems = [];
      if (!/^[a-z][a-z0-9-]{1,62}$/.test(code))
        problems.push({ field: 'code', message: 'lower-case letters, digits and dashes, 2 to 63' });
      if (name === '' || name.length > 200) problems.push({ field: 'name', message: '1 to 200 characters' });
      if (!DEPARTMENT_DOMAINS.includes(input.domain))
        problems.push({ field: 'domain', message: `one of ${DEPARTMENT_DOMAINS.join(', ')}` });
      if (problems.length > 0) throw invalid(problems);
      const at = clock.now().toISOString();
      return tx.transaction(async ({ departments, audit }) => {
        if ((await departments.byCodes([code])).length > 0)
          throw invalid([{ field: 'code', message: `${code} is taken` }]);
        const department: Department = {
          id: ids.next(),
          code,
          name,
          nameZh,
          domain: input.domain,
          createdAt: at,
          version: 1,
        };
        await departments.insertMany([department]);
        await audit.append(
          {
            actorId: actor.userId,
            action: 'department.create',
            objectType: 'department',
            objectId: department.id,
            before: null,
            after: department,
            reason: reason ?? null,
          },
          at,
        );
        return department;
      });
    },

    /**
     * Renames a department or changes its Chinese name or domain, at the version the admin read (its code
     * stays: users, tasks and imports name it). Audited with before and after.
     */
    async updateDepartment(
      actor: Actor,
      id: string,
      version: number,
      input: Partial<DepartmentChanges>,
      reason?: string,
    ): Promise<Department> {
      requirePermission(actor, 'reference:admin');
      const at = clock.now().toISOString();
      return tx.transaction(async ({ departments, audit }) => {
        const before = await departments.byId(id);
        if (before === undefined) throw notFound('department', id);
        if (before.version !== version) throw conflict('department', id, version, before.version);
        const changes: DepartmentChanges = {
          name: input.name === undefined ? before.name : input.name.trim(),
          nameZh: input.nameZh === undefined ? before.nameZh : input.nameZh?.trim() || null,
          domain: input.domain ?? before.domain,
        };
        const problems = [];
        if (changes.name === '' || changes.name.length > 200)
          problems.push({ field: 'name', message: '1 to 200 characters' });
        if (!DEPARTMENT_DOMAINS.includes(changes.domain))
          problems.push({ field: 'domain', message: `one of ${DEPARTMENT_DOMAINS.join(', ')}` });
        if (problems.length > 0) throw invalid(problems);
        if (!(await departments.update(id, version, changes)))
          throw conflict('department', id, version, (await departments.byId(id))?.version);
        const after: Department = { ...before, ...changes, version: version + 1 };
        await audit.append(
          {
            actorId: actor.userId,
            action: 'department.update',
            objectType: 'department',
            objectId: id,
            before: { name: before.name, nameZh: before.nameZh, domain: before.domain },
            after: changes,
            reason: reason ?? null,
          },
          at,
        );
        return after;
      });
    },
  };
}

export type ReferenceDataService = ReturnType<typeof referenceDataService>;
