/** The roles of product.md. A user has exactly one. */
export const ROLES = ['admin', 'coordinator', 'analyst', 'assessor', 'responder', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: string): value is Role {
  return (ROLES as ReadonlyArray<string>).includes(value);
}

/** What an actor may do; each service checks the one it needs. */
export const PERMISSIONS = [
  'reference:read',
  'reference:admin',
  'user:admin',
  'observation:read',
  'observation:import',
  'detection:configure',
  'detection:run',
  'signal:read',
  'signal:triage',
  'assessment:write',
  'event:read',
  'event:escalate',
  'event:manage',
  'task:assign',
  'task:update',
  'deadline:read',
  'audit:read',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const READ: ReadonlyArray<Permission> = [
  'reference:read',
  'observation:read',
  'signal:read',
  'event:read',
  'deadline:read',
];

/** The role × permission matrix (tested route by route in the authorisation matrix). */
export const ROLE_PERMISSIONS: Readonly<Record<Role, ReadonlySet<Permission>>> = Object.freeze({
  admin: new Set<Permission>(PERMISSIONS),
  coordinator: new Set<Permission>([
    ...READ,
    'signal:triage',
    'assessment:write',
    'event:escalate',
    'event:manage',
    'task:assign',
    'task:update',
    'detection:run',
    'audit:read',
  ]),
  analyst: new Set<Permission>([
    ...READ,
    'signal:triage',
    'observation:import',
    'detection:run',
    'detection:configure',
  ]),
  assessor: new Set<Permission>([...READ, 'assessment:write', 'signal:triage']),
  responder: new Set<Permission>([...READ, 'task:update']),
  viewer: new Set<Permission>(READ),
});
