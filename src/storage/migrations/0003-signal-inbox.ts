import { type Kysely, type Migration, sql } from 'kysely';

/**
 * Indexes for the signal inbox (1,000,000 signals, p95 < 50 ms: see bench/store/inbox-bench.ts), the
 * episode rule of detection runs and the detail view; and a unique episode start, so two runs racing
 * on the same series cannot open the same signal twice.
 */
export function signalInboxMigration(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      // Keep this expression identical to PRIORITY_RANK_SQL in signal-repository.ts: the planners use
      // the index for ORDER BY only when the expressions match.
      await sql`create index signals_priority_created on signals ((case priority when 'critical' then 4 when 'high' then 3 when 'medium' then 2 else 1 end), created_at, id)`.execute(
        db,
      );
      await db.schema.createIndex('signals_updated').on('signals').columns(['updated_at', 'id']).execute();
      await db.schema.createIndex('signals_last_epoch').on('signals').columns(['last_epoch', 'id']).execute();
      // Covering indexes for the totals of the common filters (counted without reading the rows).
      await db.schema
        .createIndex('signals_state_path')
        .on('signals')
        .columns(['state', 'place_path'])
        .execute();
      await db.schema
        .createIndex('signals_hazard_epochs')
        .on('signals')
        .columns(['hazard_id', 'last_epoch', 'first_epoch', 'place_path', 'state'])
        .execute();
      await db.schema
        .createIndex('signals_episode')
        .on('signals')
        .columns(['series_id', 'config_id', 'first_epoch'])
        .unique()
        .execute();
      await db.schema.createIndex('signals_merged_into').on('signals').column('merged_into_id').execute();
      await db.schema
        .createIndex('signal_links_other')
        .on('signal_links')
        .column('other_signal_id')
        .execute();
      await db.schema
        .createIndex('detection_runs_config')
        .on('detection_runs')
        .columns(['config_id', 'started_at'])
        .execute();
    },
  };
}
