/**
 * Observation import benchmark: 1,000,000 weekly observations (2,000 series × 500 weeks) as one CSV,
 * imported into a fresh file-backed SQLite store (target < 15 s), then the same file again (idempotent:
 * every row unchanged). With TOCSIN_BENCH_PG_URL=postgres://… also into a fresh PostgreSQL database.
 *
 *   npx tsx bench/store/import-bench.ts [--series=2000] [--weeks=500]
 *
 * Times the import service end to end (read + check the file, create the series, compare with stored
 * values, write, audit) — not the reference-data seed, which is timed separately. Prints wall-clock time
 * and this process's CPU time: on a busy machine the CPU time is the better guide to an idle one.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { SYSTEM_ACTOR } from '../../src/domain/actor.ts';
import type { Transactor } from '../../src/domain/ports.ts';
import { importObservations } from '../../src/services/import-observations.ts';
import { seedReferenceData } from '../../src/services/seed-reference-data.ts';
import { sha256Hex } from '../../src/storage/audit-repository.ts';
import { readBundledReferenceData } from '../../src/storage/bundled-reference-data.ts';
import { type Database, openDatabase } from '../../src/storage/database.ts';
import { kyselyTransactor } from '../../src/storage/kysely-transactor.ts';
import { createStore, type Store } from '../../src/storage/store.ts';

const { values: args } = parseArgs({
  options: { series: { type: 'string', default: '2000' }, weeks: { type: 'string', default: '500' } },
});
const SERIES = Number(args.series);
const WEEKS = Number(args.weeks);
const referenceDir = resolve(fileURLToPath(new URL('../../datasets/reference', import.meta.url)));

/** A CSV of SERIES × WEEKS rows over 4 hazards and the counties of China (deterministic counts). */
function writeCsv(file: string): number {
  const reference = readBundledReferenceData(referenceDir);
  const hazards = ['influenza', 'salmonellosis', 'campylobacteriosis', 'measles'];
  const places = reference.places.filter((p) => p.level === 'admin3').map((p) => p.code);
  const perHazard = Math.ceil(SERIES / hazards.length);
  if (perHazard > places.length) throw new Error(`at most ${hazards.length * places.length} series`);
  const start = Date.UTC(2015, 0, 5) / 86_400_000; // a Monday
  const dates = Array.from({ length: WEEKS }, (_, w) =>
    new Date((start + 7 * w) * 86_400_000).toISOString().slice(0, 10),
  );
  let state = 12345;
  const parts: string[] = ['hazard,place,stratum,source,frequency,date,count\n'];
  let rows = 0;
  for (let s = 0; s < SERIES; s++) {
    const prefix = `${hazards[s % hazards.length]},${places[Math.floor(s / hazards.length)]},,sentinel,weekly,`;
    const lines: string[] = new Array(WEEKS);
    for (let w = 0; w < WEEKS; w++) {
      state = (state * 1103515245 + 12345) & 0x7fffffff;
      lines[w] = `${prefix}${dates[w]},${state % 50}`;
      rows++;
    }
    parts.push(`${lines.join('\n')}\n`);
  }
  writeFileSync(file, parts.join(''));
  return rows;
}

async function run(label: string, database: Database, csvFile: string, rows: number): Promise<void> {
  const tx: Transactor<Store> = kyselyTransactor(database, createStore);
  const clock = { now: () => new Date() };
  const ids = { next: () => randomUUID() };
  let t0 = performance.now();
  const seeded = await seedReferenceData({ tx, clock, ids })(
    SYSTEM_ACTOR,
    readBundledReferenceData(referenceDir),
  );
  const seedSeconds = (performance.now() - t0) / 1000;
  process.stdout.write(
    `${label}: seeded reference data (${seeded.places.inserted} places, ${seeded.hazards.inserted} hazards) in ${seedSeconds.toFixed(2)} s\n`,
  );
  const importer = importObservations({ tx, clock, ids, hash: sha256Hex });
  for (const pass of ['first import', 're-import (unchanged)'] as const) {
    t0 = performance.now();
    const cpu0 = process.cpuUsage();
    const content = readFileSync(csvFile, 'utf8');
    const outcome = await importer(SYSTEM_ACTOR, { fileName: 'bench.csv', format: 'csv', content });
    const seconds = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    const r = outcome.record;
    process.stdout.write(
      `${label} ${pass}: ${rows.toLocaleString('en')} rows in ${seconds.toFixed(2)} s = ${Math.round(rows / seconds).toLocaleString('en')} rows/s` +
        ` (inserted ${r.inserted}, revised ${r.revised}, unchanged ${r.unchanged}, series created ${outcome.seriesCreated};` +
        ` this process's CPU ${cpuSeconds.toFixed(2)} s${label === 'postgres' ? ', plus the server' : ''})` +
        (pass === 'first import' && label === 'sqlite'
          ? `  target < 15 s: ${seconds < 15 ? 'MET' : 'MISSED'}`
          : '') +
        '\n',
    );
  }
}

const dir = mkdtempSync(join(tmpdir(), 'tocsin-import-bench-'));
try {
  const csv = join(dir, 'observations.csv');
  let t0 = performance.now();
  const rows = writeCsv(csv);
  process.stdout.write(
    `generated ${rows.toLocaleString('en')} observations (${SERIES} series × ${WEEKS} weeks, ${(statSync(csv).size / 1e6).toFixed(1)} MB) in ${((performance.now() - t0) / 1000).toFixed(2)} s\n`,
  );
  t0 = performance.now();
  const sqlite = await openDatabase({ sqliteFile: join(dir, 'tocsin.sqlite') });
  try {
    await run('sqlite', sqlite, csv, rows);
  } finally {
    await sqlite.close();
  }
  const pgUrl = process.env.TOCSIN_BENCH_PG_URL;
  if (pgUrl !== undefined && pgUrl !== '') {
    const name = `tocsin_bench_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
    const admin = new pg.Client({ connectionString: pgUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    try {
      const url = new URL(pgUrl);
      url.pathname = `/${name}`;
      const postgres = await openDatabase({ postgresUrl: url.toString() });
      try {
        await run('postgres', postgres, csv, rows);
      } finally {
        await postgres.close();
      }
    } finally {
      await admin.query(`drop database ${name}`);
      await admin.end();
    }
  } else {
    process.stdout.write('postgres: skipped (set TOCSIN_BENCH_PG_URL=postgres://… to measure it)\n');
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
