import type { Kysely, Migration } from 'kysely';

/**
 * Event-based surveillance: the registry of report sources with their health, the reports (cleaned
 * text, fingerprints, duplicate links and tags), the MinHash band keys near-duplicate lookups use, and
 * stories (reports about one hazard in one affected country within a time window, each one signal).
 */
export function eventReportsMigration(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('report_sources')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull().unique())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('url', 'text')
        .addColumn('active', 'integer', (c) => c.notNull())
        .addColumn('pull_minutes', 'integer', (c) => c.notNull())
        .addColumn('etag', 'text')
        .addColumn('last_modified', 'text')
        .addColumn('last_pull_at', 'text')
        .addColumn('last_success_at', 'text')
        .addColumn('last_error_at', 'text')
        .addColumn('last_error', 'text')
        .addColumn('items_seen', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('reports')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('source_id', 'text', (c) => c.notNull().references('report_sources.id'))
        .addColumn('external_id', 'text', (c) => c.notNull())
        .addColumn('url', 'text')
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('language', 'text', (c) => c.notNull())
        .addColumn('published_at', 'text', (c) => c.notNull())
        .addColumn('fetched_at', 'text', (c) => c.notNull())
        .addColumn('content_key', 'text', (c) => c.notNull())
        .addColumn('signature', 'text', (c) => c.notNull())
        .addColumn('duplicate_of', 'text')
        .addColumn('duplicate_kind', 'text')
        .addColumn('similarity', 'real')
        .addColumn('relevance', 'real', (c) => c.notNull())
        .addColumn('tags', 'text', (c) => c.notNull())
        .addColumn('place_id', 'text', (c) => c.references('places.id'))
        .addColumn('place_path', 'text', (c) => c.notNull())
        .addUniqueConstraint('reports_source_external', ['source_id', 'external_id'])
        .execute();
      await db.schema.createIndex('reports_content_key').on('reports').column('content_key').execute();
      await db.schema
        .createIndex('reports_path_published')
        .on('reports')
        .columns(['place_path', 'published_at'])
        .execute();
      await db.schema
        .createIndex('reports_published')
        .on('reports')
        .columns(['published_at', 'id'])
        .execute();
      await db.schema
        .createTable('report_bands')
        .addColumn('band_key', 'text', (c) => c.notNull())
        .addColumn('report_id', 'text', (c) => c.notNull().references('reports.id'))
        .addPrimaryKeyConstraint('report_bands_pk', ['band_key', 'report_id'])
        .execute();
      await db.schema
        .createTable('stories')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('hazard_code', 'text', (c) => c.notNull())
        .addColumn('country', 'text', (c) => c.notNull())
        .addColumn('signal_id', 'text', (c) => c.notNull().references('signals.id'))
        .addColumn('first_date', 'text', (c) => c.notNull())
        .addColumn('last_date', 'text', (c) => c.notNull())
        .addColumn('report_count', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('stories_hazard_country_last')
        .on('stories')
        .columns(['hazard_code', 'country', 'last_date'])
        .execute();
      await db.schema.createIndex('stories_signal').on('stories').column('signal_id').execute();
      await db.schema
        .createTable('story_reports')
        .addColumn('story_id', 'text', (c) => c.notNull().references('stories.id'))
        .addColumn('report_id', 'text', (c) => c.notNull().references('reports.id'))
        .addPrimaryKeyConstraint('story_reports_pk', ['story_id', 'report_id'])
        .execute();
      await db.schema.createIndex('story_reports_report').on('story_reports').column('report_id').execute();
    },
  };
}
