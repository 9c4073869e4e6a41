import type { Kysely, Migration } from 'kysely';

/**
 * Analysts' relevance feedback on reports, kept for retraining the relevance model. Append-only
 * history: each judgement is a row with a per-(report, user) version (1, 2, …); a new judgement marks
 * the user's previous one superseded (`superseded_at`), so the current judgement of a user is the row
 * whose `superseded_at` is null, and the unique key (report, user, version) refuses two concurrent
 * judgements built on the same previous one. `user_id` names the person (not a foreign key, like the
 * audit log's actor, so that feedback outlives an account's removal).
 */
export function reportFeedbackMigration(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('report_feedback')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('report_id', 'text', (c) => c.notNull().references('reports.id'))
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('relevant', 'integer', (c) => c.notNull())
        .addColumn('reason', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('superseded_at', 'text')
        .addUniqueConstraint('report_feedback_report_user_version', ['report_id', 'user_id', 'version'])
        .execute();
      await db.schema
        .createIndex('report_feedback_user_current')
        .on('report_feedback')
        .columns(['user_id', 'superseded_at', 'report_id'])
        .execute();
    },
  };
}
