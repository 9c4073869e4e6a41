import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { dialectsUnderTest } from '../../test/support/databases.ts';
import { GENESIS_HASH, verifyAuditChain } from '../domain/audit-entry.ts';
import { auditRepository, sha256Hex } from './audit-repository.ts';
import type { Database } from './database.ts';

const open: Database[] = [];
afterEach(async () => {
  for (const d of open.splice(0)) await d.close();
});

describe.each(dialectsUnderTest())('audit log on $name', (dialect) => {
  async function withEntries(n: number): Promise<Database> {
    const database = await dialect.open();
    open.push(database);
    for (let i = 0; i < n; i++) {
      await database.db.transaction().execute(async (trx) => {
        await auditRepository(trx, database.dialect).append(
          {
            actorId: 'u1',
            action: 'signal.triage',
            objectType: 'signal',
            objectId: `s${i}`,
            before: { state: 'new' },
            after: { state: 'under-review', n: i },
            reason: 'looks real',
          },
          `2026-11-28T10:00:0${i}.000Z`,
        );
      });
    }
    return database;
  }

  it('chains each entry to the one before it, starting from the genesis hash', async () => {
    const database = await withEntries(3);
    const rows = await auditRepository(database.db, database.dialect).page(0, 10);
    expect(rows.map((r) => r.seq)).toEqual([1, 2, 3]);
    expect(rows[0].prevHash).toBe(GENESIS_HASH);
    expect(rows[1].prevHash).toBe(rows[0].hash);
    expect(rows[2].prevHash).toBe(rows[1].hash);
    expect(rows[0].after).toBe('{"n":0,"state":"under-review"}');
  });

  it('searches by object, actor and time span, newest first, and pages on before a sequence number', async () => {
    const database = await withEntries(6);
    const audit = auditRepository(database.db, database.dialect);
    await database.db.transaction().execute(async (trx) => {
      await auditRepository(trx, database.dialect).append(
        { actorId: 'u2', action: 'event.open', objectType: 'event', objectId: 'e1', before: null, after: {} },
        '2026-11-28T11:00:00.000Z',
      );
    });
    const seqs = (rows: ReadonlyArray<{ seq: number }>) => rows.map((r) => r.seq);
    expect(seqs(await audit.search({}, 3))).toEqual([7, 6, 5]);
    expect(seqs(await audit.search({ actorId: 'u2' }, 10))).toEqual([7]);
    expect(seqs(await audit.search({ objectType: 'signal', objectId: 's2' }, 10))).toEqual([3]);
    expect(seqs(await audit.search({ objectType: 'signal' }, 10))).toEqual([6, 5, 4, 3, 2, 1]);
    // Entries at 10:00:01 … 10:00:03 (seq 2–4): from inclusive, to exclusive.
    expect(
      seqs(await audit.search({ from: '2026-11-28T10:00:01.000Z', to: '2026-11-28T10:00:04.000Z' }, 10)),
    ).toEqual([4, 3, 2]);
    expect(seqs(await audit.search({ objectType: 'signal', beforeSeq: 4 }, 2))).toEqual([3, 2]);
    expect(await audit.search({ actorId: 'nobody' }, 10)).toEqual([]);
  });

  it('verifies an untouched chain', async () => {
    const database = await withEntries(4);
    const v = await verifyAuditChain(auditRepository(database.db, database.dialect), sha256Hex);
    expect(v).toEqual({ ok: true, entries: 4, headHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
  });

  it('finds the first altered entry when a row is edited in the database', async () => {
    const database = await withEntries(5);
    await sql`update audit_log set reason = 'nothing to see' where seq = 3`.execute(database.db);
    const v = await verifyAuditChain(auditRepository(database.db, database.dialect), sha256Hex);
    expect(v.ok).toBe(false);
    if (!v.ok) {
      expect(v.brokenAtSeq).toBe(3);
      expect(v.problem).toMatch(/altered/);
    }
  });

  it('finds a deleted entry in the middle of the chain', async () => {
    const database = await withEntries(5);
    await sql`delete from audit_log where seq = 2`.execute(database.db);
    const v = await verifyAuditChain(auditRepository(database.db, database.dialect), sha256Hex);
    expect(v.ok ? 0 : v.brokenAtSeq).toBe(3);
  });

  it('finds the newest entry deleted', async () => {
    const database = await withEntries(3);
    await sql`delete from audit_log where seq = 3`.execute(database.db);
    const v = await verifyAuditChain(auditRepository(database.db, database.dialect), sha256Hex);
    expect(v.ok).toBe(false);
  });

  it('keeps no entry of a transaction that rolled back', async () => {
    const database = await withEntries(1);
    await expect(
      database.db.transaction().execute(async (trx) => {
        await auditRepository(trx, database.dialect).append(
          { actorId: 'u1', action: 'x', objectType: 'y', objectId: 'z', before: null, after: null },
          '2026-11-28T11:00:00.000Z',
        );
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    const rows = await auditRepository(database.db, database.dialect).page(0, 10);
    expect(rows).toHaveLength(1);
    expect((await verifyAuditChain(auditRepository(database.db, database.dialect), sha256Hex)).ok).toBe(true);
  });
});
