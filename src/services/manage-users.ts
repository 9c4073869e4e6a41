import { type Actor, can, requireJurisdiction, requirePermission } from '../domain/actor.ts';
import type { AuditWriter } from '../domain/audit-entry.ts';
import { conflict, forbidden, invalid, notFound } from '../domain/errors.ts';
import type { Clock, IdGenerator, Transactor } from '../domain/ports.ts';
import { isRole, type Permission, type Role } from '../domain/role.ts';
import {
  type NewUser,
  type User,
  type UserRepository,
  type UserWithJurisdiction,
  validateNewUser,
} from '../domain/user.ts';
import { hashPassword } from './password-hashing.ts';

export interface ManageUsersStore {
  readonly users: UserRepository;
  readonly audit: AuditWriter;
}

export interface UserChanges {
  readonly displayName?: string;
  readonly role?: string;
  readonly departmentId?: string | null;
  readonly jurisdictionPlaceId?: string;
  readonly active?: boolean;
  readonly password?: string;
}

const publicView = (u: User): Record<string, unknown> => ({ ...u });

/** Who may read the directory of colleagues: whoever assigns work to people or works on tasks. */
const DIRECTORY_PERMISSIONS: ReadonlyArray<Permission> = [
  'signal:triage',
  'task:assign',
  'task:update',
  'event:manage',
];

/** A colleague as the directory shows them: enough to choose an assignee, nothing an admin alone sees. */
export interface Colleague {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
  readonly departmentId: string | null;
  readonly jurisdictionPath: string;
}

/**
 * Users, roles, departments and jurisdictions; admins only (permission user:admin), and only for users
 * whose jurisdiction lies inside the admin's own (an admin never grants more than they hold).
 */
export function createManageUsers(deps: {
  readonly tx: Transactor<ManageUsersStore>;
  readonly clock: Clock;
  readonly ids: IdGenerator;
}) {
  const { tx, clock, ids } = deps;
  async function checkRefs(
    actor: Actor,
    users: UserRepository,
    departmentId: string | null | undefined,
    placeId: string | undefined,
  ): Promise<void> {
    const problems = [];
    if (
      departmentId !== undefined &&
      departmentId !== null &&
      !(await users.departmentExists(departmentId))
    ) {
      problems.push({ field: 'departmentId', message: `no department ${departmentId}` });
    }
    const placePath = placeId === undefined ? undefined : await users.placePath(placeId);
    if (placeId !== undefined && placePath === undefined)
      problems.push({ field: 'jurisdictionPlaceId', message: `no place ${placeId}` });
    if (problems.length > 0) throw invalid(problems);
    if (placePath !== undefined) requireJurisdiction(actor, placePath, `jurisdiction ${placeId}`);
  }
  return {
    async add(actor: Actor, input: NewUser): Promise<UserWithJurisdiction> {
      requirePermission(actor, 'user:admin');
      validateNewUser(input);
      const passwordHash = await hashPassword(input.password);
      const at = clock.now().toISOString();
      return tx.transaction(async ({ users, audit }) => {
        await checkRefs(actor, users, input.departmentId, input.jurisdictionPlaceId);
        if ((await users.byUsername(input.username)) !== undefined)
          throw invalid([{ field: 'username', message: `${input.username} is taken` }]);
        const user: User = {
          id: ids.next(),
          username: input.username,
          displayName: input.displayName,
          role: input.role as Role,
          departmentId: input.departmentId,
          jurisdictionPlaceId: input.jurisdictionPlaceId,
          active: true,
          createdAt: at,
          version: 1,
        };
        await users.insert(user, passwordHash);
        await audit.append(
          {
            actorId: actor.userId,
            action: 'user.create',
            objectType: 'user',
            objectId: user.id,
            before: null,
            after: publicView(user),
          },
          at,
        );
        const stored = await users.byId(user.id);
        if (stored === undefined) throw notFound('user', user.id);
        return stored;
      });
    },

    async update(
      actor: Actor,
      id: string,
      version: number,
      changes: UserChanges,
      reason?: string,
    ): Promise<UserWithJurisdiction> {
      requirePermission(actor, 'user:admin');
      if (changes.role !== undefined && !isRole(changes.role))
        throw invalid([{ field: 'role', message: 'unknown role' }]);
      if (changes.password !== undefined)
        validateNewUser({
          username: 'placeholder',
          displayName: 'x',
          password: changes.password,
          role: 'viewer',
          departmentId: null,
          jurisdictionPlaceId: '',
        });
      const passwordHash = changes.password === undefined ? undefined : await hashPassword(changes.password);
      const at = clock.now().toISOString();
      return tx.transaction(async ({ users, audit }) => {
        const before = await users.byId(id);
        if (before === undefined) throw notFound('user', id);
        requireJurisdiction(actor, before.jurisdictionPath, `user ${id}`);
        await checkRefs(actor, users, changes.departmentId, changes.jurisdictionPlaceId);
        const { password: _p, ...fields } = changes;
        const ok = await users.update(
          id,
          version,
          { ...fields, role: changes.role as Role | undefined },
          passwordHash,
        );
        if (!ok) throw conflict('user', id, version, before.version);
        const after = await users.byId(id);
        if (after === undefined) throw notFound('user', id);
        await audit.append(
          {
            actorId: actor.userId,
            action: 'user.update',
            objectType: 'user',
            objectId: id,
            before: publicView(before),
            after: { ...publicView(after), passwordChanged: passwordHash !== undefined },
            reason: reason ?? null,
          },
          at,
        );
        return after;
      });
    },

    async list(actor: Actor, limit: number, offset: number) {
      requirePermission(actor, 'user:admin');
      return tx.transaction(({ users }) => users.list({ limit, offset, withinPath: actor.jurisdictionPath }));
    },

    /**
     * The active users inside the caller's jurisdiction, for choosing whom to assign a signal, task or
     * event to and for naming who did what (permission signal:triage, task:assign, task:update or
     * event:manage; no user administration needed).
     */
    async directory(actor: Actor): Promise<ReadonlyArray<Colleague>> {
      if (!DIRECTORY_PERMISSIONS.some((p) => can(actor, p)))
        throw forbidden(`role ${actor.role} assigns nothing to anyone`);
      const all: Colleague[] = [];
      for (let offset = 0; ; offset += 500) {
        const page = await tx.transaction(({ users }) =>
          users.list({ limit: 500, offset, withinPath: actor.jurisdictionPath }),
        );
        for (const u of page.items)
          if (u.active)
            all.push({
              id: u.id,
              username: u.username,
              displayName: u.displayName,
              role: u.role,
              departmentId: u.departmentId,
              jurisdictionPath: u.jurisdictionPath,
            });
        if (page.items.length < 500 || offset + 500 >= page.total) return all;
      }
    },

    async get(actor: Actor, id: string): Promise<UserWithJurisdiction> {
      if (actor.userId !== id) requirePermission(actor, 'user:admin');
      const u = await tx.transaction(({ users }) => users.byId(id));
      if (u === undefined) throw notFound('user', id);
      if (actor.userId !== id) requireJurisdiction(actor, u.jurisdictionPath, `user ${id}`);
      return u;
    },
  };
}

export type ManageUsers = ReturnType<typeof createManageUsers>;
