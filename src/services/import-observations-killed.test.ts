import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { SMALL_REFERENCE } from '../../test/support/reference-fixtures.ts';
import { SYSTEM_ACTOR } from '../domain/actor.ts';
import { verifyAuditChain } from '../domain/audit-entry.ts';
import { auditRepository, sha256Hex } from '../storage/audit-repository.ts';
import { type Database, openDatabase } from '../storage/database.ts';
import { kyselyTransactor } from '../storage/kysely-transactor.ts';
import { createStore } from '../storage/store.ts';
import { importObservations } from './import-observations.ts';
import { seedReferenceData } from './seed-reference-data.ts';

const CHILD = fileURLToPath(new URL('../../test/support/import-child.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const HEADER = 'hazard,place,stratum,source,frequency,date,count';
const week = (k: number): string => new Date(Date.UTC(2020, 0, 6 + 7 * k)).toISOString().slice(0, 10);

/** Everything an import could touch, so "as before" can be compared exactly. */
async function snapshot(database: Database) {
  const q = async (text: string) => (await sql.raw<Record<string, unknown>>(text).execute(database.db)).rows;
  return {
    counts: await q(
      `select (select count(*) from series) as series, (select count(*) from observations) as observations,
              (select count(*) from imports) as imports, (select count(*) from audit_log) as audit,
              (select max(revision) from observations) as max_revision`,
    ),
    head: await q('select seq, hash from audit_head'),
    seriesIds: await q('select id from series order by id'),
    observationDigest: await q(
      'select series_id, count(*) as n, sum(count) as total, max(revision) as rev from observations group by series_id order by series_id',
    ),
  };
}

function runChild(
  dbFile: string,
  csvFile: string,
): Promise<{ signal: NodeJS.Signals | null; code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dbFile, csvFile], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    let killed = false;
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (!killed && output.includes('progress')) {
        killed = true;
        child.kill('SIGKILL');
      }
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve({ code, signal, output }));
  });
}

describe('an import killed midway', () => {
  it('leaves the store exactly as before the import: no rows, no series, no record, no audit entry', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tocsin-killed-import-'));
    dirs.push(dir);
    const dbFile = join(dir, 'tocsin.sqlite');

    // the store before: reference data and one earlier import
    let database = await openDatabase({ sqliteFile: dbFile });
    const deps = {
      tx: kyselyTransactor(database, createStore),
      clock: { now: () => new Date() },
      ids: { next: () => randomUUID() },
    };
    await seedReferenceData(deps)(SYSTEM_ACTOR, SMALL_REFERENCE);
    const earlier = Array.from({ length: 50 }, (_, k) => `influenza,DE-BW,,,weekly,${week(k)},${k}`);
    await importObservations({ ...deps, hash: sha256Hex })(SYSTEM_ACTOR, {
      fileName: 'earlier.csv',
      format: 'csv',
      content: `${HEADER}\n${earlier.join('\n')}\n`,
    });
    const before = await snapshot(database);
    await database.close();

    // a large file: 400 new series × 500 weeks, plus corrections of the earlier series (new revisions)
    const lines: string[] = [HEADER];
    for (let k = 0; k < 50; k++) lines.push(`influenza,DE-BW,,,weekly,${week(k)},${k + 100}`);
    for (let s = 0; s < 400; s++)
      for (let k = 0; k < 500; k++)
        lines.push(`cholera,CN-110101,ward=${s},,weekly,${week(k)},${(s * k) % 17}`);
    const csvFile = join(dir, 'big.csv');
    writeFileSync(csvFile, `${lines.join('\n')}\n`);

    const run = await runChild(dbFile, csvFile);
    expect(run.output).toContain('progress');
    expect(run.output).not.toContain('done');
    expect(run.signal).toBe('SIGKILL');

    database = await openDatabase({ sqliteFile: dbFile });
    try {
      expect(await snapshot(database)).toEqual(before);
      const integrity = await sql<{ integrityCheck: string }>`pragma integrity_check`.execute(database.db);
      expect(integrity.rows).toEqual([{ integrityCheck: 'ok' }]);
      expect((await verifyAuditChain(auditRepository(database.db, 'sqlite'), sha256Hex)).ok).toBe(true);
      // and the store still takes the same import whole
      const outcome = await importObservations({
        tx: kyselyTransactor(database, createStore),
        clock: { now: () => new Date() },
        ids: { next: () => randomUUID() },
        hash: sha256Hex,
      })(SYSTEM_ACTOR, { fileName: 'big.csv', format: 'csv', content: `${lines.join('\n')}\n` });
      expect(outcome.record).toMatchObject({ rows: 200_050, inserted: 200_000, revised: 50, unchanged: 0 });
      expect(outcome.seriesCreated).toBe(400);
    } finally {
      await database.close();
    }
  }, 120_000);
});
