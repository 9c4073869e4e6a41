import { type Kysely, type Migration, sql } from 'kysely';

/** The initial schema (see schema.ts for the meaning of each column). Portable SQL for SQLite and PostgreSQL. */
export function initialMigration(dialect: 'sqlite' | 'postgres'): Migration {
  const dbl = dialect === 'postgres' ? 'double precision' : 'real';
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('departments')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('code', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('name_zh', 'text')
        .addColumn('domain', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('places')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('code', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('name_local', 'text')
        .addColumn('level', 'text', (c) => c.notNull())
        .addColumn('parent_id', 'text', (c) => c.references('places.id'))
        .addColumn('path', 'text', (c) => c.notNull())
        .addColumn('iso2', 'text')
        .addColumn('lat', sql.raw(dbl))
        .addColumn('lon', sql.raw(dbl))
        .execute();
      await db.schema.createIndex('places_path').on('places').column('path').execute();
      await db.schema.createIndex('places_parent').on('places').column('parent_id').execute();
      await db.schema.createIndex('places_code').on('places').columns(['level', 'code']).execute();
      await db.schema
        .createTable('hazards')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('code', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('domain', 'text', (c) => c.notNull())
        .addColumn('icd10', 'text')
        .addColumn('icd11', 'text')
        .addColumn('pathogen', 'text')
        .addColumn('synonyms', 'text', (c) => c.notNull())
        .addColumn('ihr_category', 'text')
        .addColumn('national_class', 'text')
        .addColumn('active', 'integer', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('users')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('username', 'text', (c) => c.notNull().unique())
        .addColumn('display_name', 'text', (c) => c.notNull())
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('department_id', 'text', (c) => c.references('departments.id'))
        .addColumn('jurisdiction_place_id', 'text', (c) => c.notNull().references('places.id'))
        .addColumn('active', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('sessions')
        .addColumn('token_hash', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('api_tokens')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('token_hash', 'text', (c) => c.notNull().unique())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('last_used_at', 'text')
        .addColumn('revoked_at', 'text')
        .execute();
      await db.schema
        .createTable('series')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('hazard_id', 'text', (c) => c.notNull().references('hazards.id'))
        .addColumn('place_id', 'text', (c) => c.notNull().references('places.id'))
        .addColumn('place_path', 'text', (c) => c.notNull())
        .addColumn('stratum', 'text', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('frequency', 'text', (c) => c.notNull())
        .addColumn('unit', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('series_identity', ['hazard_id', 'place_id', 'stratum', 'source', 'frequency'])
        .execute();
      await db.schema.createIndex('series_place_path').on('series').column('place_path').execute();
      await db.schema
        .createTable('imports')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('file_name', 'text', (c) => c.notNull())
        .addColumn('sha256', 'text', (c) => c.notNull())
        .addColumn('rows', 'integer', (c) => c.notNull())
        .addColumn('inserted', 'integer', (c) => c.notNull())
        .addColumn('revised', 'integer', (c) => c.notNull())
        .addColumn('unchanged', 'integer', (c) => c.notNull())
        .addColumn('actor_id', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('observations')
        .addColumn('series_id', 'text', (c) => c.notNull().references('series.id'))
        .addColumn('epoch', 'text', (c) => c.notNull())
        .addColumn('revision', 'integer', (c) => c.notNull())
        .addColumn('count', 'integer')
        .addColumn('population', sql.raw(dbl))
        .addColumn('import_id', 'text', (c) => c.notNull())
        .addColumn('recorded_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('observations_pk', ['series_id', 'epoch', 'revision'])
        .execute();
      await db.schema
        .createTable('detection_configs')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull().unique())
        .addColumn('algorithm', 'text', (c) => c.notNull())
        .addColumn('control', 'text', (c) => c.notNull())
        .addColumn('selector', 'text', (c) => c.notNull())
        .addColumn('schedule', 'text')
        .addColumn('monitored_epochs', 'integer', (c) => c.notNull())
        .addColumn('enabled', 'integer', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('detection_runs')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('config_id', 'text', (c) => c.notNull().references('detection_configs.id'))
        .addColumn('trigger', 'text', (c) => c.notNull())
        .addColumn('started_at', 'text', (c) => c.notNull())
        .addColumn('finished_at', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('series_count', 'integer', (c) => c.notNull())
        .addColumn('alarm_count', 'integer', (c) => c.notNull())
        .addColumn('signals_opened', 'integer', (c) => c.notNull())
        .addColumn('signals_updated', 'integer', (c) => c.notNull())
        .addColumn('problems', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('signals')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('hazard_id', 'text', (c) => c.references('hazards.id'))
        .addColumn('place_id', 'text', (c) => c.references('places.id'))
        .addColumn('place_path', 'text', (c) => c.notNull())
        .addColumn('series_id', 'text', (c) => c.references('series.id'))
        .addColumn('config_id', 'text')
        .addColumn('first_epoch', 'text')
        .addColumn('last_epoch', 'text')
        .addColumn('explanation', 'text', (c) => c.notNull())
        .addColumn('priority', 'text', (c) => c.notNull())
        .addColumn('assignee_id', 'text', (c) => c.references('users.id'))
        .addColumn('merged_into_id', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('signals_created').on('signals').columns(['created_at', 'id']).execute();
      await db.schema
        .createIndex('signals_state_created')
        .on('signals')
        .columns(['state', 'created_at', 'id'])
        .execute();
      await db.schema
        .createIndex('signals_path_created')
        .on('signals')
        .columns(['place_path', 'created_at'])
        .execute();
      await db.schema
        .createIndex('signals_hazard_created')
        .on('signals')
        .columns(['hazard_id', 'created_at'])
        .execute();
      await db.schema
        .createIndex('signals_series_state')
        .on('signals')
        .columns(['series_id', 'state'])
        .execute();
      await db.schema
        .createIndex('signals_assignee')
        .on('signals')
        .columns(['assignee_id', 'state'])
        .execute();
      await db.schema
        .createTable('signal_alarms')
        .addColumn('signal_id', 'text', (c) => c.notNull().references('signals.id'))
        .addColumn('epoch', 'text', (c) => c.notNull())
        .addColumn('run_id', 'text', (c) => c.notNull())
        .addColumn('observed', sql.raw(dbl))
        .addColumn('expected', sql.raw(dbl))
        .addColumn('upper_bound', sql.raw(dbl))
        .addColumn('score', sql.raw(dbl))
        .addPrimaryKeyConstraint('signal_alarms_pk', ['signal_id', 'epoch'])
        .execute();
      await db.schema
        .createTable('signal_transitions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('signal_id', 'text', (c) => c.notNull().references('signals.id'))
        .addColumn('from_state', 'text')
        .addColumn('to_state', 'text', (c) => c.notNull())
        .addColumn('actor_id', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('reason', 'text')
        .execute();
      await db.schema
        .createIndex('signal_transitions_signal')
        .on('signal_transitions')
        .columns(['signal_id', 'at'])
        .execute();
      await db.schema
        .createTable('signal_comments')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('signal_id', 'text', (c) => c.notNull().references('signals.id'))
        .addColumn('author_id', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('signal_comments_signal')
        .on('signal_comments')
        .columns(['signal_id', 'at'])
        .execute();
      await db.schema
        .createTable('signal_links')
        .addColumn('signal_id', 'text', (c) => c.notNull().references('signals.id'))
        .addColumn('other_signal_id', 'text', (c) => c.notNull().references('signals.id'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('signal_links_pk', ['signal_id', 'other_signal_id'])
        .execute();
      await db.schema
        .createTable('risk_assessments')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('subject_type', 'text', (c) => c.notNull())
        .addColumn('subject_id', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('hazard_assessment', 'text', (c) => c.notNull())
        .addColumn('exposure_assessment', 'text', (c) => c.notNull())
        .addColumn('context_assessment', 'text', (c) => c.notNull())
        .addColumn('structured', 'text', (c) => c.notNull())
        .addColumn('likelihood', 'text', (c) => c.notNull())
        .addColumn('consequences', 'text', (c) => c.notNull())
        .addColumn('overall_risk', 'text', (c) => c.notNull())
        .addColumn('confidence', 'text', (c) => c.notNull())
        .addColumn('recommended_actions', 'text', (c) => c.notNull())
        .addColumn('assessed_by', 'text', (c) => c.notNull())
        .addColumn('assessed_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('risk_assessments_version', ['subject_type', 'subject_id', 'version'])
        .execute();
      await db.schema
        .createTable('ihr_assessments')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('subject_type', 'text', (c) => c.notNull())
        .addColumn('subject_id', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('hazard_id', 'text')
        .addColumn('disease_category', 'text', (c) => c.notNull())
        .addColumn('serious_impact', 'integer')
        .addColumn('unusual', 'integer')
        .addColumn('international_spread', 'integer')
        .addColumn('travel_trade_restrictions', 'integer')
        .addColumn('rationale', 'text', (c) => c.notNull())
        .addColumn('outcome', 'text', (c) => c.notNull())
        .addColumn('assessed_by', 'text', (c) => c.notNull())
        .addColumn('assessed_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('ihr_assessments_version', ['subject_type', 'subject_id', 'version'])
        .execute();
      await db.schema
        .createTable('legal_rules')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('code', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('trigger', 'text', (c) => c.notNull())
        .addColumn('conditions', 'text', (c) => c.notNull())
        .addColumn('duration_minutes', 'integer', (c) => c.notNull())
        .addColumn('legal_basis', 'text', (c) => c.notNull())
        .addColumn('active', 'integer', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('deadlines')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('rule_id', 'text', (c) => c.notNull().references('legal_rules.id'))
        .addColumn('subject_type', 'text', (c) => c.notNull())
        .addColumn('subject_id', 'text', (c) => c.notNull())
        .addColumn('event_id', 'text')
        .addColumn('started_at', 'text', (c) => c.notNull())
        .addColumn('due_at', 'text', (c) => c.notNull())
        .addColumn('met_at', 'text')
        .addColumn('breached_at', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('deadlines_status_due')
        .on('deadlines')
        .columns(['status', 'due_at'])
        .execute();
      await db.schema
        .createIndex('deadlines_subject')
        .on('deadlines')
        .columns(['subject_type', 'subject_id'])
        .execute();
      await db.schema
        .createTable('events')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('hazard_id', 'text', (c) => c.references('hazards.id'))
        .addColumn('place_id', 'text', (c) => c.notNull().references('places.id'))
        .addColumn('place_path', 'text', (c) => c.notNull())
        .addColumn('lead_department_id', 'text', (c) => c.notNull().references('departments.id'))
        .addColumn('coordinator_id', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('risk_level', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('events_status').on('events').columns(['status', 'created_at']).execute();
      await db.schema
        .createTable('event_signals')
        .addColumn('event_id', 'text', (c) => c.notNull().references('events.id'))
        .addColumn('signal_id', 'text', (c) => c.notNull().references('signals.id'))
        .addPrimaryKeyConstraint('event_signals_pk', ['event_id', 'signal_id'])
        .execute();
      await db.schema
        .createTable('event_timeline')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('event_id', 'text', (c) => c.notNull().references('events.id'))
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('actor_id', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('event_timeline_event')
        .on('event_timeline')
        .columns(['event_id', 'at'])
        .execute();
      await db.schema
        .createTable('situation_reports')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('event_id', 'text', (c) => c.notNull().references('events.id'))
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('author_id', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('published_at', 'text')
        .addUniqueConstraint('situation_reports_version', ['event_id', 'version'])
        .execute();
      await db.schema
        .createTable('tasks')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('event_id', 'text', (c) => c.notNull().references('events.id'))
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('department_id', 'text', (c) => c.notNull().references('departments.id'))
        .addColumn('assignee_id', 'text', (c) => c.references('users.id'))
        .addColumn('due_at', 'text', (c) => c.notNull())
        .addColumn('priority', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('overdue_notified_at', 'text')
        .addColumn('version', 'integer', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('tasks_event').on('tasks').column('event_id').execute();
      await db.schema
        .createIndex('tasks_department_state')
        .on('tasks')
        .columns(['department_id', 'state'])
        .execute();
      await db.schema.createIndex('tasks_state_due').on('tasks').columns(['state', 'due_at']).execute();
      await db.schema
        .createTable('task_evidence')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('task_id', 'text', (c) => c.notNull().references('tasks.id'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('author_id', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('notifications')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('subject_type', 'text', (c) => c.notNull())
        .addColumn('subject_id', 'text', (c) => c.notNull())
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('read_at', 'text')
        .execute();
      await db.schema
        .createIndex('notifications_user')
        .on('notifications')
        .columns(['user_id', 'created_at'])
        .execute();
      await db.schema
        .createTable('audit_log')
        .addColumn('seq', 'integer', (c) => c.primaryKey())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('actor_id', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('object_type', 'text', (c) => c.notNull())
        .addColumn('object_id', 'text', (c) => c.notNull())
        .addColumn('before', 'text')
        .addColumn('after', 'text')
        .addColumn('reason', 'text')
        .addColumn('legal_basis', 'text')
        .addColumn('prev_hash', 'text', (c) => c.notNull())
        .addColumn('hash', 'text', (c) => c.notNull())
        .execute();
      // One row: the chain's head. Appends lock it (PostgreSQL: FOR UPDATE), so entries are strictly
      // sequential, and verification compares it with the last entry, so deleting the newest entries shows.
      await db.schema
        .createTable('audit_head')
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('hash', 'text', (c) => c.notNull())
        .execute();
      await sql`insert into audit_head (id, seq, hash) values (1, 0, ${'0'.repeat(64)})`.execute(db);
      await db.schema
        .createIndex('audit_log_object')
        .on('audit_log')
        .columns(['object_type', 'object_id'])
        .execute();
    },
  };
}
