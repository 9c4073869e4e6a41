import { type Kysely, sql } from 'kysely';
import {
  HAZARD_DOMAINS,
  type Hazard,
  type HazardDomain,
  type HazardRepository,
  IHR_CATEGORIES,
  type IhrCategory,
  NATIONAL_CLASSES,
  type NationalClass,
} from '../domain/hazard.ts';
import { chunks } from './chunks.ts';
import type { HazardTable, Schema } from './schema.ts';

const oneOf = <T extends string>(list: ReadonlyArray<T>, v: string | null): T | null =>
  v !== null && (list as ReadonlyArray<string>).includes(v) ? (v as T) : null;

function toHazard(row: HazardTable): Hazard {
  const domain = oneOf<HazardDomain>(HAZARD_DOMAINS, row.domain);
  if (domain === null) throw new Error(`hazard ${row.id} has unknown domain ${row.domain}`);
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    domain,
    icd10: row.icd10,
    icd11: row.icd11,
    pathogen: row.pathogen,
    synonyms: JSON.parse(row.synonyms) as string[],
    ihrCategory: oneOf<IhrCategory>(IHR_CATEGORIES, row.ihrCategory),
    nationalClass: oneOf<NationalClass>(NATIONAL_CLASSES, row.nationalClass),
    active: row.active === 1,
    version: row.version,
    updatedAt: row.updatedAt,
  };
}

function toRow(h: Hazard): HazardTable {
  return {
    id: h.id,
    code: h.code,
    name: h.name,
    domain: h.domain,
    icd10: h.icd10,
    icd11: h.icd11,
    pathogen: h.pathogen,
    synonyms: JSON.stringify(h.synonyms),
    ihrCategory: h.ihrCategory,
    nationalClass: h.nationalClass,
    active: h.active ? 1 : 0,
    version: h.version,
    updatedAt: h.updatedAt,
  };
}

/** The hazard catalogue on either dialect. */
export function hazardRepository(db: Kysely<Schema>): HazardRepository {
  return {
    async byId(id) {
      const row = await db.selectFrom('hazards').selectAll().where('id', '=', id).executeTakeFirst();
      return row === undefined ? undefined : toHazard(row);
    },
    async byCodes(codes) {
      const out: Hazard[] = [];
      for (const part of chunks([...new Set(codes)], 500)) {
        const rows = await db.selectFrom('hazards').selectAll().where('code', 'in', part).execute();
        out.push(...rows.map(toHazard));
      }
      return out;
    },
    async list(filter) {
      let q = db.selectFrom('hazards');
      if (filter.domain !== undefined) q = q.where('domain', '=', filter.domain);
      if (filter.ihrCategory !== undefined) q = q.where('ihrCategory', '=', filter.ihrCategory);
      if (filter.includeInactive !== true) q = q.where('active', '=', 1);
      if (filter.query !== undefined && filter.query.trim() !== '') {
        const like = `%${filter.query
          .trim()
          .toLowerCase()
          .replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
        q = q.where((eb) =>
          eb.or([
            eb(sql`lower(code)`, 'like', sql`${like} escape '\\'`),
            eb(sql`lower(name)`, 'like', sql`${like} escape '\\'`),
            eb(sql`lower(synonyms)`, 'like', sql`${like} escape '\\'`),
          ]),
        );
      }
      const rows = await q.selectAll().orderBy('code').limit(filter.limit).offset(filter.offset).execute();
      const { n } = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      return { items: rows.map(toHazard), total: Number(n) };
    },
    async insertMany(hazards) {
      for (const part of chunks(hazards, 200))
        await db.insertInto('hazards').values(part.map(toRow)).execute();
    },
    async update(hazard, expectedVersion) {
      const { id, ...rest } = toRow(hazard);
      const r = await db
        .updateTable('hazards')
        .set(rest)
        .where('id', '=', id)
        .where('version', '=', expectedVersion)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },
  };
}
