import type { Kysely, Migration } from 'kysely';

/**
 * Event timeline entries written in one transaction share their time; `seq` keeps them in the order
 * they were written (per event).
 */
export function timelineOrderMigration(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .alterTable('event_timeline')
        .addColumn('seq', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema
        .createIndex('event_timeline_seq')
        .on('event_timeline')
        .columns(['event_id', 'seq'])
        .execute();
    },
  };
}
