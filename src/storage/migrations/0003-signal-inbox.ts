import { type Kysely, type Migration, sql } from 'kysely';

/**
 * Indexes for the signal inbox (1,000,000 signals, p95 < 50 ms: bench/store/inbox-bench.ts), the
 * episode rule of detection runs and the detail view; and a unique episode start, so two runs racing
 * on the same series cannot open the same signal twice.
 *
 * The inbox proper lists the open signals; partial indexes over just those keep its pages and totals
 * independent of the (much larger) history. Their predicate must stay identical to OPEN_STATES_SQL in
 * signal-repository.ts, and the priority expression to PRIORITY_RANK_SQL: the planners use such an
 * index only when the query's terms match.
 */
export function signalInboxMigration(): Migration {
  // Written as a CASE so that only these partial indexes can serve it: SQLite would otherwise probe a
  // state index per value and sort, even where walking a partial index in order is far cheaper.
  const open = "(case when state in ('new', 'under-review', 'monitoring') then 1 else 0 end) = 1";
  const rank = "(case priority when 'critical' then 4 when 'high' then 3 when 'medium' then 2 else 1 end)";
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      const raw = (text: string) => sql.raw(text).execute(db);
      await raw(
        `create index signals_open_created on signals (created_at, id, place_path, state) where ${open}`,
      );
      await raw(
        `create index signals_open_priority on signals (${rank}, created_at, id, place_path, state) where ${open}`,
      );
      await raw(
        `create index signals_open_path on signals (place_path, created_at, id, state) where ${open}`,
      );
      // Any other state filter: per state in priority order (SQLite stops each state after a page).
      await raw(`create index signals_state_priority on signals (state, ${rank}, created_at, id)`);
      await db.schema.createIndex('signals_updated').on('signals').columns(['updated_at', 'id']).execute();
      // Date ranges (on the last epoch), the creation sort key and the usual filters, without reading rows.
      await db.schema
        .createIndex('signals_last_epoch')
        .on('signals')
        .columns(['last_epoch', 'created_at', 'id', 'state', 'place_path'])
        .execute();
      // Covering indexes: totals and filters answered from the index alone.
      await db.schema
        .createIndex('signals_state_path')
        .on('signals')
        .columns(['state', 'place_path'])
        .execute();
      // A hazard's signals newest first, or by date range, with state and place checked from the index.
      await db.schema
        .createIndex('signals_hazard_cover')
        .on('signals')
        .columns(['hazard_id', 'created_at', 'id', 'state', 'place_path'])
        .execute();
      await db.schema
        .createIndex('signals_hazard_last')
        .on('signals')
        .columns(['hazard_id', 'last_epoch', 'created_at', 'id', 'state', 'place_path'])
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
