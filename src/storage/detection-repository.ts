import type { Kysely, Selectable } from 'kysely';
import type {
  DetectionConfig,
  DetectionConfigRepository,
  SeriesSelector,
} from '../domain/detection-config.ts';
import type {
  DetectionRun,
  DetectionRunRepository,
  DetectionRunStatus,
  DetectionTrigger,
  SeriesProblem,
} from '../domain/detection-run.ts';
import type { DetectionConfigTable, DetectionRunTable, Schema } from './schema.ts';
import { throwVersionConflict } from './version-conflict.ts';

function configFromRow(r: Selectable<DetectionConfigTable>): DetectionConfig {
  return {
    id: r.id,
    name: r.name,
    algorithm: r.algorithm,
    control: JSON.parse(r.control) as Readonly<Record<string, unknown>>,
    selector: JSON.parse(r.selector) as SeriesSelector,
    schedule: r.schedule,
    monitoredEpochs: r.monitoredEpochs,
    enabled: r.enabled === 1,
    version: r.version,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

function runFromRow(r: Selectable<DetectionRunTable>): DetectionRun {
  return {
    ...r,
    trigger: r.trigger as DetectionTrigger,
    status: r.status as DetectionRunStatus,
    problems: JSON.parse(r.problems) as SeriesProblem[],
  };
}

/** Detection configurations and their runs, on either dialect. */
export function detectionRepository(db: Kysely<Schema>): DetectionConfigRepository & DetectionRunRepository {
  const byVersion = async (id: string, expectedVersion: number): Promise<never> => {
    return throwVersionConflict(db, 'detectionConfigs', 'detection configuration', id, expectedVersion);
  };
  return {
    async listConfigs() {
      const rows = await db.selectFrom('detectionConfigs').selectAll().orderBy('name').execute();
      return rows.map(configFromRow);
    },
    async getConfig(id) {
      const r = await db.selectFrom('detectionConfigs').selectAll().where('id', '=', id).executeTakeFirst();
      return r === undefined ? undefined : configFromRow(r);
    },
    async getConfigByName(name) {
      const r = await db
        .selectFrom('detectionConfigs')
        .selectAll()
        .where('name', '=', name)
        .executeTakeFirst();
      return r === undefined ? undefined : configFromRow(r);
    },
    async insertConfig(c) {
      await db
        .insertInto('detectionConfigs')
        .values({
          ...c,
          control: JSON.stringify(c.control),
          selector: JSON.stringify(c.selector),
          enabled: c.enabled ? 1 : 0,
        })
        .execute();
    },
    async updateConfig(id, expectedVersion, f, at) {
      const r = await db
        .updateTable('detectionConfigs')
        .set({
          name: f.name,
          algorithm: f.algorithm,
          control: JSON.stringify(f.control),
          selector: JSON.stringify(f.selector),
          schedule: f.schedule,
          monitoredEpochs: f.monitoredEpochs,
          enabled: f.enabled ? 1 : 0,
          version: expectedVersion + 1,
          updatedAt: at,
        })
        .where('id', '=', id)
        .where('version', '=', expectedVersion)
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) !== 1) return byVersion(id, expectedVersion);
      const row = await db
        .selectFrom('detectionConfigs')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      return configFromRow(row);
    },
    async deleteConfig(id, expectedVersion) {
      const r = await db
        .deleteFrom('detectionConfigs')
        .where('id', '=', id)
        .where('version', '=', expectedVersion)
        .executeTakeFirst();
      if (Number(r.numDeletedRows) !== 1) await byVersion(id, expectedVersion);
    },
    async hasRuns(configId) {
      const r = await db
        .selectFrom('detectionRuns')
        .select('id')
        .where('configId', '=', configId)
        .limit(1)
        .executeTakeFirst();
      return r !== undefined;
    },
    async placePaths(ids) {
      if (ids.length === 0) return new Map();
      const rows = await db
        .selectFrom('places')
        .select(['id', 'path'])
        .where('id', 'in', [...ids])
        .execute();
      return new Map(rows.map((r) => [r.id, r.path]));
    },
    async existingHazards(ids) {
      if (ids.length === 0) return new Set();
      const rows = await db
        .selectFrom('hazards')
        .select('id')
        .where('id', 'in', [...ids])
        .execute();
      return new Set(rows.map((r) => r.id));
    },
    async insertRun(run) {
      await db
        .insertInto('detectionRuns')
        .values({ ...run, problems: JSON.stringify(run.problems) })
        .execute();
    },
    async finishRun(id, result) {
      await db
        .updateTable('detectionRuns')
        .set({ ...result, problems: JSON.stringify(result.problems) })
        .where('id', '=', id)
        .execute();
    },
    async getRun(id) {
      const r = await db.selectFrom('detectionRuns').selectAll().where('id', '=', id).executeTakeFirst();
      return r === undefined ? undefined : runFromRow(r);
    },
    async listRuns(f) {
      let q = db.selectFrom('detectionRuns');
      if (f.configIds !== null) {
        if (f.configIds.length === 0) return { items: [], total: 0 };
        q = q.where('configId', 'in', [...f.configIds]);
      }
      const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      const rows = await q
        .selectAll()
        .orderBy('startedAt', 'desc')
        .orderBy('id', 'desc')
        .limit(f.limit)
        .offset(f.offset)
        .execute();
      return { items: rows.map(runFromRow), total: Number(total.n) };
    },
  };
}
