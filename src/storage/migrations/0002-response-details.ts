import type { Kysely, Migration } from 'kysely';

/**
 * What assessments, deadlines and the response need beyond 0001: how a rule's deadlines are met, a
 * deadline's place path (jurisdiction), who met it and with what reference, and lookup indexes.
 */
export function responseDetailsMigration(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .alterTable('legal_rules')
        .addColumn('met_by', 'text', (c) => c.notNull().defaultTo('manual'))
        .execute();
      await db.schema
        .alterTable('deadlines')
        .addColumn('place_path', 'text', (c) => c.notNull().defaultTo('/'))
        .execute();
      await db.schema.alterTable('deadlines').addColumn('met_by', 'text').execute();
      await db.schema.alterTable('deadlines').addColumn('met_reference', 'text').execute();
      await db.schema.createIndex('deadlines_event').on('deadlines').column('event_id').execute();
      await db.schema
        .createIndex('deadlines_path_status')
        .on('deadlines')
        .columns(['place_path', 'status', 'due_at'])
        .execute();
      await db.schema.createIndex('events_path').on('events').columns(['place_path', 'created_at']).execute();
      await db.schema.createIndex('event_signals_signal').on('event_signals').column('signal_id').execute();
      await db.schema
        .createIndex('task_evidence_task')
        .on('task_evidence')
        .columns(['task_id', 'at'])
        .execute();
      await db.schema
        .createIndex('notifications_user_unread')
        .on('notifications')
        .columns(['user_id', 'read_at'])
        .execute();
    },
  };
}
