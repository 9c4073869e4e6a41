import type { Kysely } from 'kysely';
import type { Transactor } from '../domain/ports.ts';
import type { Database, Dialect } from './database.ts';
import type { Schema } from './schema.ts';

/**
 * A `Transactor` over Kysely: `transaction(work)` opens a database transaction, builds the repository
 * bundle on it and commits when `work` resolves (rolls back when it throws).
 */
export function kyselyTransactor<S>(
  database: Database,
  makeStore: (db: Kysely<Schema>, dialect: Dialect) => S,
): Transactor<S> {
  return {
    transaction: (work) => database.db.transaction().execute((trx) => work(makeStore(trx, database.dialect))),
  };
}
