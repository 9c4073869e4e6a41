import type { Kysely, Migration } from 'kysely';

/**
 * The audit viewer searches the log by actor and by time, newest first: one index each, ending in the
 * sequence number so that a search walks it in order and stops at the page size.
 */
export function auditSearchMigration(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.createIndex('audit_log_actor').on('audit_log').columns(['actor_id', 'seq']).execute();
      await db.schema.createIndex('audit_log_at').on('audit_log').columns(['at', 'seq']).execute();
    },
  };
}
