import { Kysely, type KyselyPlugin, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from '../database.ts';
import type { Schema } from '../schema.ts';

// Make PostgreSQL return the same JavaScript values as SQLite: int8 (bigserial, count(*)) as number,
// DATE as its 'YYYY-MM-DD' text.
pg.types.setTypeParser(20, (v: string) => Number(v));
pg.types.setTypeParser(1082, (v: string) => v);

export function connectPostgres(url: string, plugins: KyselyPlugin[]): Database {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  const db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }), plugins });
  return {
    db,
    dialect: 'postgres',
    location: url.replace(/:[^:@/]*@/, ':***@'),
    close: () => db.destroy(),
  };
}
