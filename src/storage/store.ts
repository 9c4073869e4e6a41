import type { Kysely } from 'kysely';
import { auditRepository } from './audit-repository.ts';
import type { Dialect } from './database.ts';
import type { Schema } from './schema.ts';
import { userRepository } from './user-repository.ts';

/**
 * Every repository, bound to one connection or transaction. Services declare the subset they need as
 * their own port type; this bundle satisfies them all structurally, and `main/` wires it in.
 */
export function createStore(db: Kysely<Schema>, dialect: Dialect) {
  return {
    audit: auditRepository(db, dialect),
    users: userRepository(db),
  };
}

export type Store = ReturnType<typeof createStore>;
