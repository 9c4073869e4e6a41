import { CompiledQuery, type Kysely } from 'kysely';
import type { CurrentValue, ObservationRepository, ObservationRevision } from '../domain/observation.ts';
import { chunks } from './chunks.ts';
import type { Dialect } from './database.ts';
import type { Schema } from './schema.ts';

/** Rows per INSERT statement: 7 parameters each, well under SQLite's 32,766 and PostgreSQL's 65,535. */
export const ROWS_PER_STATEMENT = 1000;
const COLUMNS = 'series_id, epoch, revision, count, population, import_id, recorded_at';

/** The text of a multi-row INSERT of `rows` observations, in the dialect's placeholder style. */
function insertText(dialect: Dialect, rows: number): string {
  const tuples: string[] = new Array(rows);
  for (let r = 0; r < rows; r++) {
    if (dialect === 'sqlite') tuples[r] = '(?,?,?,?,?,?,?)';
    else {
      const b = r * 7;
      tuples[r] = `($${b + 1},$${b + 2},$${b + 3},$${b + 4},$${b + 5},$${b + 6},$${b + 7})`;
    }
  }
  return `insert into observations (${COLUMNS}) values ${tuples.join(',')}`;
}

const nullIfNaN = (v: number): number | null => (Number.isNaN(v) ? null : v);

/**
 * Observations and their revisions. Bulk writes go as prepared multi-row INSERTs (the statement text is
 * built once per size and handed to the driver without Kysely's query compiler: a million rows are a
 * thousand statements in the caller's transaction).
 */
export function observationRepository(db: Kysely<Schema>, dialect: Dialect): ObservationRepository {
  const texts = new Map<number, string>();
  const textFor = (rows: number): string => {
    let t = texts.get(rows);
    if (t === undefined) {
      t = insertText(dialect, rows);
      texts.set(rows, t);
    }
    return t;
  };
  return {
    async currentValues(seriesIds) {
      const out: CurrentValue[] = [];
      for (const part of chunks(seriesIds, 200)) {
        const rows = await db
          .selectFrom('observations')
          .select(['seriesId', 'epoch', 'revision', 'count', 'population'])
          .where('seriesId', 'in', part)
          .orderBy('seriesId')
          .orderBy('epoch')
          .orderBy('revision')
          .execute();
        for (const r of rows) {
          const last = out.at(-1);
          if (last !== undefined && last.seriesId === r.seriesId && last.epoch === r.epoch)
            out[out.length - 1] = r;
          else out.push(r);
        }
      }
      return out;
    },
    async insertRevisions(batch, importId, recordedAt) {
      for (let start = 0; start < batch.length; start += ROWS_PER_STATEMENT) {
        const end = Math.min(batch.length, start + ROWS_PER_STATEMENT);
        const params: unknown[] = new Array((end - start) * 7);
        let k = 0;
        for (let i = start; i < end; i++) {
          params[k++] = batch.seriesId[i];
          params[k++] = batch.epoch[i];
          params[k++] = batch.revision[i];
          params[k++] = nullIfNaN(batch.count[i]);
          params[k++] = nullIfNaN(batch.population[i]);
          params[k++] = importId;
          params[k++] = recordedAt;
        }
        await db.executeQuery(CompiledQuery.raw(textFor(end - start), params));
      }
    },
    async revisions(seriesId, range) {
      let q = db.selectFrom('observations').selectAll().where('seriesId', '=', seriesId);
      if (range?.from !== undefined) q = q.where('epoch', '>=', range.from);
      if (range?.to !== undefined) q = q.where('epoch', '<=', range.to);
      const rows: ReadonlyArray<ObservationRevision> = await q.orderBy('epoch').orderBy('revision').execute();
      return rows;
    },
  };
}
