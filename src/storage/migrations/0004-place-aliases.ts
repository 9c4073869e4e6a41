import type { Kysely, Migration } from 'kysely';

/**
 * Reference data and observation imports beyond 0001: other names of a place (ISO alpha-3, names in other
 * languages, the series names of the demo datasets) with a normalised key for lookups, a unique place
 * code, and the index the import list pages on.
 */
export function placeAliasesMigration(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('place_aliases')
        .addColumn('alias_key', 'text', (c) => c.notNull())
        .addColumn('place_id', 'text', (c) => c.notNull().references('places.id'))
        .addColumn('alias', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('place_aliases_pk', ['alias_key', 'place_id'])
        .execute();
      await db.schema.createIndex('place_aliases_place').on('place_aliases').column('place_id').execute();
      await db.schema.createIndex('places_code_unique').on('places').column('code').unique().execute();
      await db.schema.createIndex('imports_created').on('imports').columns(['created_at', 'id']).execute();
      await db.schema.createIndex('hazards_domain').on('hazards').columns(['domain', 'code']).execute();
    },
  };
}
