import type { Kysely, Selectable } from 'kysely';
import { conflict } from '../domain/errors.ts';
import type { Source, SourceChanges, SourceKind, SourceRepository } from '../domain/source.ts';
import type { ReportSourceTable, Schema } from './schema.ts';

function sourceFromRow(r: Selectable<ReportSourceTable>): Source {
  return { ...r, kind: r.kind as SourceKind, active: r.active === 1 };
}

/** The registry of report sources and their health, on either dialect. */
export function sourceRepository(db: Kysely<Schema>): SourceRepository {
  async function getSource(id: string): Promise<Source | undefined> {
    const r = await db.selectFrom('reportSources').selectAll().where('id', '=', id).executeTakeFirst();
    return r === undefined ? undefined : sourceFromRow(r);
  }
  return {
    getSource,
    async sourceByName(name) {
      const r = await db.selectFrom('reportSources').selectAll().where('name', '=', name).executeTakeFirst();
      return r === undefined ? undefined : sourceFromRow(r);
    },
    async listSources() {
      const rows = await db.selectFrom('reportSources').selectAll().orderBy('name').orderBy('id').execute();
      return rows.map(sourceFromRow);
    },
    async insertSource(s) {
      await db
        .insertInto('reportSources')
        .values({ ...s, active: s.active ? 1 : 0 })
        .execute();
    },
    async updateSource(id, expectedVersion, changes: SourceChanges, at) {
      const { active, ...rest } = changes;
      const r = await db
        .updateTable('reportSources')
        .set({
          ...rest,
          ...(active === undefined ? {} : { active: active ? 1 : 0 }),
          updatedAt: at,
          version: expectedVersion + 1,
        })
        .where('id', '=', id)
        .where('version', '=', expectedVersion)
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) !== 1) {
        const now = await getSource(id);
        throw conflict('source', id, expectedVersion, now?.version);
      }
      const stored = await getSource(id);
      if (stored === undefined) throw conflict('source', id, expectedVersion, undefined);
      return stored;
    },
  };
}
