import type { Kysely, Migration } from 'kysely';

/** Departments become editable (renamed by the admin): a version for optimistic updates. */
export function departmentVersionMigration(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .alterTable('departments')
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
        .execute();
    },
  };
}
