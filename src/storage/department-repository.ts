import type { Kysely, Selectable } from 'kysely';
import {
  DEPARTMENT_DOMAINS,
  type Department,
  type DepartmentDomain,
  type DepartmentRepository,
} from '../domain/department.ts';
import { chunks } from './chunks.ts';
import type { DepartmentTable, Schema } from './schema.ts';

function toDepartment(row: Selectable<DepartmentTable>): Department {
  if (!(DEPARTMENT_DOMAINS as ReadonlyArray<string>).includes(row.domain))
    throw new Error(`department ${row.id} has unknown domain ${row.domain}`);
  return { ...row, domain: row.domain as DepartmentDomain };
}

export function departmentRepository(db: Kysely<Schema>): DepartmentRepository {
  return {
    async list() {
      const rows = await db.selectFrom('departments').selectAll().orderBy('code').execute();
      return rows.map(toDepartment);
    },
    async byCodes(codes) {
      const out: Department[] = [];
      for (const part of chunks([...new Set(codes)], 500)) {
        const rows = await db.selectFrom('departments').selectAll().where('code', 'in', part).execute();
        out.push(...rows.map(toDepartment));
      }
      return out;
    },
    async insertMany(departments) {
      for (const part of chunks(departments, 200)) await db.insertInto('departments').values(part).execute();
    },
    async byId(id) {
      const row = await db.selectFrom('departments').selectAll().where('id', '=', id).executeTakeFirst();
      return row === undefined ? undefined : toDepartment(row);
    },
    async update(id, version, changes) {
      const r = await db
        .updateTable('departments')
        .set({ name: changes.name, nameZh: changes.nameZh, domain: changes.domain, version: version + 1 })
        .where('id', '=', id)
        .where('version', '=', version)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },
  };
}
