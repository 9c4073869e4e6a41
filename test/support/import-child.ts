/**
 * Child process of the killed-import test: imports a CSV into a file-backed SQLite store and reports
 * progress on stdout (`progress <done> <total>`), then `done`. The test kills it with SIGKILL midway.
 *
 *   node --import tsx test/support/import-child.ts <sqlite-file> <csv-file>
 */
import { randomUUID } from 'node:crypto';
import { readFileSync, writeSync } from 'node:fs';
import { SYSTEM_ACTOR } from '../../src/domain/actor.ts';
import { importObservations } from '../../src/services/import-observations.ts';
import { sha256Hex } from '../../src/storage/audit-repository.ts';
import { openDatabase } from '../../src/storage/database.ts';
import { kyselyTransactor } from '../../src/storage/kysely-transactor.ts';
import { createStore } from '../../src/storage/store.ts';

const [dbFile, csvFile] = process.argv.slice(2);
const database = await openDatabase({ sqliteFile: dbFile });
const importer = importObservations({
  tx: kyselyTransactor(database, createStore),
  clock: { now: () => new Date() },
  ids: { next: () => randomUUID() },
  hash: sha256Hex,
});
// fd 1 written synchronously, so the parent sees each report before the next batch is written
const say = (text: string): void => {
  writeSync(1, `${text}\n`);
};
await importer(
  SYSTEM_ACTOR,
  { fileName: 'big.csv', format: 'csv', content: readFileSync(csvFile, 'utf8') },
  {
    progressEvery: 2000,
    onProgress: (p) => {
      if (p.phase === 'writing' && p.done > 0) say(`progress ${p.done} ${p.total}`);
    },
  },
);
say('done');
await database.close();
