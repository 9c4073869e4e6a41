import { forbidden } from './errors.ts';
import { type Permission, ROLE_PERMISSIONS, type Role } from './role.ts';

/** Who is acting: the authenticated user with role, department and jurisdiction (a place subtree). */
export interface Actor {
  readonly userId: string;
  readonly username: string;
  readonly role: Role;
  readonly departmentId: string | null;
  /** The place id at the root of the actor's jurisdiction. */
  readonly jurisdictionPlaceId: string;
  /** That place's materialised path (`/root/…/id/`): everything whose path starts with it is inside. */
  readonly jurisdictionPath: string;
}

/** The identity jobs and the CLI act under when no person is involved (recorded as such in the audit). */
export const SYSTEM_ACTOR: Actor = Object.freeze({
  userId: 'system',
  username: 'system',
  role: 'admin',
  departmentId: null,
  jurisdictionPlaceId: 'world',
  jurisdictionPath: '/',
});

export function can(actor: Actor, permission: Permission): boolean {
  return ROLE_PERMISSIONS[actor.role].has(permission);
}

export function requirePermission(actor: Actor, permission: Permission): void {
  if (!can(actor, permission)) throw forbidden(`role ${actor.role} may not ${permission.replace(':', ' ')}`);
}

/** Whether a place (by materialised path) lies inside the actor's jurisdiction. */
export function inJurisdiction(actor: Actor, placePath: string): boolean {
  return placePath.startsWith(actor.jurisdictionPath);
}

export function requireJurisdiction(actor: Actor, placePath: string, what: string): void {
  if (!inJurisdiction(actor, placePath)) throw forbidden(`${what} lies outside your jurisdiction`);
}
