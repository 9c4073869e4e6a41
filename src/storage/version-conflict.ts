import type { Kysely } from 'kysely';
import { conflict } from '../domain/errors.ts';
import type { Schema } from './schema.ts';

type VersionedTable = 'events' | 'tasks' | 'signals' | 'detectionConfigs' | 'users' | 'hazards';

/**
 * Throws the optimistic-versioning conflict for a guarded update that matched no row, naming the
 * version the record has now (or that it is gone).
 */
export async function throwVersionConflict(
  db: Kysely<Schema>,
  table: VersionedTable,
  what: string,
  id: string,
  expectedVersion: number,
): Promise<never> {
  const now = await db.selectFrom(table).select('version').where('id', '=', id).executeTakeFirst();
  throw conflict(what, id, expectedVersion, now?.version);
}
