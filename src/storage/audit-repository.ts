import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import {
  type AuditEntry,
  type AuditEntryInput,
  type AuditReader,
  type AuditSearch,
  type AuditWriter,
  auditHashInput,
  canonicalJson,
} from '../domain/audit-entry.ts';
import type { Dialect } from './database.ts';
import type { Schema } from './schema.ts';

export const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** The hash-chained audit log on either dialect. Must be used inside the caller's transaction. */
export function auditRepository(db: Kysely<Schema>, dialect: Dialect): AuditWriter & AuditReader {
  return {
    async append(input: AuditEntryInput, at: string): Promise<AuditEntry> {
      let q = db.selectFrom('auditHead').select(['seq', 'hash']).where('id', '=', 1);
      if (dialect === 'postgres') q = q.forUpdate();
      const head = await q.executeTakeFirstOrThrow();
      const base = {
        seq: head.seq + 1,
        at,
        actorId: input.actorId,
        action: input.action,
        objectType: input.objectType,
        objectId: input.objectId,
        before: canonicalJson(input.before),
        after: canonicalJson(input.after),
        reason: input.reason ?? null,
        legalBasis: input.legalBasis ?? null,
        prevHash: head.hash,
      };
      const entry: AuditEntry = { ...base, hash: sha256Hex(auditHashInput(base)) };
      await db.insertInto('auditLog').values(entry).execute();
      await db
        .updateTable('auditHead')
        .set({ seq: entry.seq, hash: entry.hash })
        .where('id', '=', 1)
        .execute();
      return entry;
    },
    async page(afterSeq: number, limit: number): Promise<ReadonlyArray<AuditEntry>> {
      return db
        .selectFrom('auditLog')
        .selectAll()
        .where('seq', '>', afterSeq)
        .orderBy('seq')
        .limit(limit)
        .execute();
    },
    async search(search: AuditSearch, limit: number): Promise<ReadonlyArray<AuditEntry>> {
      let q = db.selectFrom('auditLog').selectAll();
      if (search.objectType !== undefined) q = q.where('objectType', '=', search.objectType);
      if (search.objectId !== undefined) q = q.where('objectId', '=', search.objectId);
      if (search.actorId !== undefined) q = q.where('actorId', '=', search.actorId);
      if (search.from !== undefined) q = q.where('at', '>=', search.from);
      if (search.to !== undefined) q = q.where('at', '<', search.to);
      if (search.beforeSeq !== undefined) q = q.where('seq', '<', search.beforeSeq);
      return q.orderBy('seq', 'desc').limit(limit).execute();
    },
    async forObject(objectType: string, objectId: string, limit: number) {
      const newest = await db
        .selectFrom('auditLog')
        .selectAll()
        .where('objectType', '=', objectType)
        .where('objectId', '=', objectId)
        .orderBy('seq', 'desc')
        .limit(limit)
        .execute();
      return newest.reverse();
    },
    async head() {
      return db.selectFrom('auditHead').select(['seq', 'hash']).where('id', '=', 1).executeTakeFirstOrThrow();
    },
  };
}
