import type { Actor } from './actor.ts';
import { type FieldProblem, invalid } from './errors.ts';
import { isRole, type Role } from './role.ts';

/** A person who uses Tocsin. The password hash never leaves the store layer except to be verified. */
export interface User {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
  readonly departmentId: string | null;
  readonly jurisdictionPlaceId: string;
  readonly active: boolean;
  readonly createdAt: string;
  readonly version: number;
}

/** A user together with the materialised path of their jurisdiction. */
export interface UserWithJurisdiction extends User {
  readonly jurisdictionPath: string;
}

export interface NewUser {
  readonly username: string;
  readonly displayName: string;
  readonly password: string;
  readonly role: string;
  readonly departmentId: string | null;
  readonly jurisdictionPlaceId: string;
}

const USERNAME = /^[a-z0-9][a-z0-9._-]{1,62}$/;
export const MIN_PASSWORD_LENGTH = 10;

/** Checks a new user's fields; throws VALIDATION listing every problem. */
export function validateNewUser(u: NewUser): void {
  const problems: FieldProblem[] = [];
  if (!USERNAME.test(u.username))
    problems.push({
      field: 'username',
      message: 'use 2–63 lowercase letters, digits, dots, dashes or underscores',
    });
  if (u.displayName.trim() === '') problems.push({ field: 'displayName', message: 'must not be empty' });
  if (u.password.length < MIN_PASSWORD_LENGTH)
    problems.push({ field: 'password', message: `must have at least ${MIN_PASSWORD_LENGTH} characters` });
  if (!isRole(u.role))
    problems.push({
      field: 'role',
      message: 'must be admin, coordinator, analyst, assessor, responder or viewer',
    });
  if (problems.length > 0) throw invalid(problems);
}

export function actorFromUser(u: UserWithJurisdiction): Actor {
  return {
    userId: u.id,
    username: u.username,
    role: u.role,
    departmentId: u.departmentId,
    jurisdictionPlaceId: u.jurisdictionPlaceId,
    jurisdictionPath: u.jurisdictionPath,
  };
}

export interface StoredSession {
  readonly tokenHash: string;
  readonly userId: string;
  readonly createdAt: string;
  readonly expiresAt: string;
}

export interface StoredApiToken {
  readonly id: string;
  readonly userId: string;
  readonly name: string;
  readonly tokenHash: string;
  readonly createdAt: string;
  readonly lastUsedAt: string | null;
  readonly revokedAt: string | null;
}

/** Storage port for users, sessions and API tokens. */
export interface UserRepository {
  insert(user: User, passwordHash: string): Promise<void>;
  byId(id: string): Promise<UserWithJurisdiction | undefined>;
  byUsername(
    username: string,
  ): Promise<(UserWithJurisdiction & { readonly passwordHash: string }) | undefined>;
  list(options: {
    readonly limit: number;
    readonly offset: number;
    /** Only users whose jurisdiction lies inside this place path (an admin's own jurisdiction). */
    readonly withinPath?: string;
  }): Promise<{ readonly items: ReadonlyArray<UserWithJurisdiction>; readonly total: number }>;
  /** Updates when `version` matches; returns false when it did not (a conflict). */
  update(
    id: string,
    version: number,
    changes: Partial<Pick<User, 'displayName' | 'role' | 'departmentId' | 'jurisdictionPlaceId' | 'active'>>,
    passwordHash?: string,
  ): Promise<boolean>;
  placePath(placeId: string): Promise<string | undefined>;
  departmentExists(departmentId: string): Promise<boolean>;
  insertSession(session: StoredSession): Promise<void>;
  sessionByHash(tokenHash: string): Promise<StoredSession | undefined>;
  deleteSession(tokenHash: string): Promise<void>;
  deleteExpiredSessions(nowIso: string): Promise<number>;
  insertApiToken(token: StoredApiToken): Promise<void>;
  apiTokenByHash(tokenHash: string): Promise<StoredApiToken | undefined>;
  touchApiToken(id: string, at: string): Promise<void>;
  revokeApiToken(id: string, userId: string, at: string): Promise<boolean>;
  apiTokensOf(userId: string): Promise<ReadonlyArray<StoredApiToken>>;
}
