import { CompiledQuery, type Kysely } from 'kysely';
import type { CurrentValue, ObservationRepository, ObservationRevision } from '../domain/observation.ts';
import { chunks } from './chunks.ts';
import type { Dialect } from './database.ts';
import type { Schema } from './schema.ts';

/** Rows per INSERT statement on SQLite: 7 parameters each, well under its 32,766. */
export const ROWS_PER_STATEMENT = 1000;
/** Rows per INSERT on PostgreSQL, which takes them as five arrays (`unnest`), so seven parameters in all. */
export const ROWS_PER_ARRAY_STATEMENT = 10_000;
const PG_INSERT = `insert into observations (series_id, epoch, revision, count, population, import_id, recorded_at)
  select s, e, r, c, p, $6, $7 from unnest($1::text[], $2::text[], $3::int4[], $4::int4[], $5::float8[]) as t(s, e, r, c, p)`;
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
 * Observations and their revisions. Bulk writes bypass Kysely's query compiler: on SQLite as multi-row
 * INSERTs of up to 1,000 rows (statement text built once per size; a million rows are a thousand
 * statements in the caller's transaction), on PostgreSQL as one INSERT … SELECT FROM unnest(arrays) per
 * 10,000 rows — the one real dialect difference here.
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
      if (dialect === 'postgres') {
        for (let start = 0; start < batch.length; start += ROWS_PER_ARRAY_STATEMENT) {
          const end = Math.min(batch.length, start + ROWS_PER_ARRAY_STATEMENT);
          const nulls = (a: Float64Array): Array<number | null> =>
            Array.from(a.subarray(start, end), nullIfNaN);
          const params = [
            batch.seriesId.slice(start, end),
            batch.epoch.slice(start, end),
            Array.from(batch.revision.subarray(start, end)),
            nulls(batch.count),
            nulls(batch.population),
            importId,
            recordedAt,
          ];
          await db.executeQuery(CompiledQuery.raw(PG_INSERT, params));
        }
        return;
      }
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
