import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterEach, describe, expect, it } from 'vitest';
import { SMALL_REFERENCE } from '../../test/support/reference-fixtures.ts';
import { openTestStore, type TestStore } from '../../test/support/test-store.ts';
import { SYSTEM_ACTOR } from '../domain/actor.ts';
import { importObservations } from '../services/import-observations.ts';
import { seedReferenceData } from '../services/seed-reference-data.ts';
import { sha256Hex } from '../storage/audit-repository.ts';
import { registerImportCommand } from './import-command.ts';
import { InputFileError } from './input-error.ts';

const cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const f of cleanup.splice(0)) await f();
});

async function setup() {
  const t: TestStore = await openTestStore();
  cleanup.push(() => t.close());
  await seedReferenceData(t)(SYSTEM_ACTOR, SMALL_REFERENCE);
  const dir = mkdtempSync(join(tmpdir(), 'tocsin-import-cli-'));
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  const out: string[] = [];
  const err: string[] = [];
  let closed = 0;
  const program = new Command('tocsin').exitOverride();
  registerImportCommand(program, {
    io: { stdout: (s) => out.push(s), stderr: (s) => err.push(s), stderrIsTty: false },
    openImporter: async () => ({
      importObservations: importObservations({ ...t, hash: sha256Hex }),
      actor: SYSTEM_ACTOR,
      close: async () => {
        closed++;
      },
    }),
  });
  const file = (name: string, content: string): string => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  };
  const run = (...args: string[]) =>
    program.parseAsync(['import', 'observations', ...args], { from: 'user' });
  return { t, out, err, file, run, closedCount: () => closed };
}

const CSV =
  'hazard,place,stratum,source,frequency,date,count\ninfluenza,DE-BW,,,weekly,2024-01-01,3\ninfluenza,DE-BW,,,weekly,2024-01-08,4\n';

describe('tocsin import observations', () => {
  it('imports a CSV file and says what changed', async () => {
    const { out, file, run, closedCount } = await setup();
    const path = file('flu.csv', CSV);
    await run(path);
    expect(out.join('')).toMatch(
      new RegExp(
        `^imported ${path}: 2 rows — 2 inserted, 0 revised, 0 unchanged; 1 new series \\(import [0-9a-f-]{36}, sha256 ${sha256Hex(CSV)}\\)\\n$`,
      ),
    );
    expect(closedCount()).toBe(1);
    await run(path);
    expect(out[1]).toContain('2 rows — 0 inserted, 0 revised, 2 unchanged; 0 new series');
  });

  it('reads JSON by extension or by --format', async () => {
    const { out, file, run } = await setup();
    const rows = JSON.stringify([
      { hazard: 'cholera', place: 'CN-BJ', frequency: 'daily', date: '2024-05-01', count: 2 },
    ]);
    await run(file('cholera.json', rows));
    await run(file('cholera.txt', rows), '--format', 'json');
    expect(out[0]).toContain('1 inserted');
    expect(out[1]).toContain('1 unchanged');
  });

  it('lists every problem of a rejected file on stderr and fails with the first one located', async () => {
    const { t, err, file, run, closedCount } = await setup();
    const path = file(
      'bad.csv',
      `${CSV}influenza,DE-BW,,,weekly,2024-01-15,lots\ninfluenza,DE-BW,,,weekly,someday,1\n`,
    );
    const failure = await run(path).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(InputFileError);
    expect((failure as InputFileError).message).toBe(
      `${path}:4 column "7": rejected, nothing was imported (2 problems; first: expected a whole number ≥ 0, or nothing/NA for a missing value, found "lots")`,
    );
    expect(err).toEqual([
      `${path}: line 4, column 7 (count): expected a whole number ≥ 0, or nothing/NA for a missing value, found "lots"\n`,
      `${path}: line 5, column 6 (date): expected a date YYYY-MM-DD or an ISO week YYYY-Www, found "someday"\n`,
    ]);
    expect((await t.store.imports.list(10, 0)).total).toBe(0);
    expect(closedCount()).toBe(1);
  });

  it('names a missing file and a bad --format', async () => {
    const { run, file } = await setup();
    await expect(run('/nonexistent/obs.csv')).rejects.toThrow('/nonexistent/obs.csv: no such file');
    await expect(run(file('x.csv', CSV), '--format', 'xml')).rejects.toThrow(
      '--format expects csv or json, got "xml"',
    );
  });
});
