import type { Kysely } from 'kysely';
import type { ImportRecord, ImportRepository } from '../domain/observation-import.ts';
import type { ImportTable, Schema } from './schema.ts';

function toRecord(row: ImportTable): ImportRecord {
  if (row.kind !== 'observations') throw new Error(`import ${row.id} has unknown kind ${row.kind}`);
  return { ...row, kind: 'observations' };
}

/** Import records on either dialect. */
export function importRepository(db: Kysely<Schema>): ImportRepository {
  return {
    async insert(record) {
      await db.insertInto('imports').values(record).execute();
    },
    async byId(id) {
      const row = await db.selectFrom('imports').selectAll().where('id', '=', id).executeTakeFirst();
      return row === undefined ? undefined : toRecord(row);
    },
    async list(limit, offset) {
      const rows = await db
        .selectFrom('imports')
        .selectAll()
        .orderBy('createdAt', 'desc')
        .orderBy('id', 'desc')
        .limit(limit)
        .offset(offset)
        .execute();
      const { n } = await db
        .selectFrom('imports')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return { items: rows.map(toRecord), total: Number(n) };
    },
  };
}
