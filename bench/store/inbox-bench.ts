/**
 * Signal inbox benchmark: 1,000,000 signals spread like a real inbox after five years (most old
 * signals closed, the open ones recent; skewed over 754 hazards and the bundled places; both sources)
 * in a fresh file-backed SQLite store, then the common inbox queries through the inbox service (the
 * code path of GET /api/signals: jurisdiction, filters, sort, first page of 50 and the total), many
 * times each; prints p50/p95/p99 per query. Target: p95 < 50 ms. With TOCSIN_BENCH_PG_URL=postgres://…
 * the same on PostgreSQL (into that database, which should be empty).
 *
 *   npx tsx bench/store/inbox-bench.ts [--signals=1000000] [--iterations=200] [--file=PATH] [--reuse] [--explain]
 *
 * `--file` with `--reuse` keeps a built SQLite file between runs (building takes a minute or two).
 */
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';
import { type Actor, SYSTEM_ACTOR } from '../../src/domain/actor.ts';
import type { Transactor } from '../../src/domain/ports.ts';
import { seedReferenceData } from '../../src/services/seed-reference-data.ts';
import { createSignalInbox, type InboxFilters } from '../../src/services/signal-inbox.ts';
import { readBundledReferenceData } from '../../src/storage/bundled-reference-data.ts';
import { type Database, openDatabase } from '../../src/storage/database.ts';
import { kyselyTransactor } from '../../src/storage/kysely-transactor.ts';
import { createStore, type Store } from '../../src/storage/store.ts';
import { SeededRandom } from '../national/seeded-random.ts';
import { COLUMNS, DAY, END, type Row, START, signalRows, type World, zipf } from './signal-rows.ts';

const { values: args } = parseArgs({
  options: {
    signals: { type: 'string', default: '1000000' },
    iterations: { type: 'string', default: '200' },
    file: { type: 'string' },
    reuse: { type: 'boolean', default: false },
    explain: { type: 'boolean', default: false },
  },
});
const SIGNALS = Number(args.signals);
const ITERATIONS = Number(args.iterations);
const referenceDir = resolve(fileURLToPath(new URL('../../datasets/reference', import.meta.url)));

async function seedWorld(database: Database): Promise<World> {
  const tx: Transactor<Store> = kyselyTransactor(database, createStore);
  const clock = { now: () => new Date() };
  const ids = { next: () => randomUUID() };
  await seedReferenceData({ tx, clock, ids })(SYSTEM_ACTOR, readBundledReferenceData(referenceDir));
  const users = Array.from({ length: 100 }, (_, i) => ({
    id: `bench-user-${i}`,
    username: `bench-user-${i}`,
    displayName: `Analyst ${i}`,
    passwordHash: 'x',
    role: 'analyst',
    departmentId: null,
    jurisdictionPlaceId: 'world',
    active: 1,
    createdAt: '2026-01-01T00:00:00.000Z',
    version: 1,
  }));
  await database.db.insertInto('users').values(users).execute();
  return readWorld(database);
}

async function readWorld(database: Database): Promise<World> {
  const hazards = await database.db.selectFrom('hazards').select(['id', 'name']).orderBy('code').execute();
  const places = await database.db.selectFrom('places').select(['id', 'name', 'path', 'level']).execute();
  const users = (
    await database.db.selectFrom('users').select('id').where('id', 'like', 'bench-user-%').execute()
  ).map((u) => u.id);
  return { hazards, places, users };
}

async function buildSqlite(file: string): Promise<void> {
  const t0 = performance.now();
  const database = await openDatabase({ sqliteFile: file });
  const world = await seedWorld(database);
  await database.close();
  const raw = new SqliteDatabase(file);
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = NORMAL');
  const insert = raw.prepare(
    `insert into signals (${COLUMNS.join(', ')}) values (${COLUMNS.map(() => '?').join(', ')})`,
  );
  const insertChunk = raw.transaction((rows: Row[]) => {
    for (const r of rows) insert.run(r);
  });
  let done = 0;
  for (const rows of signalRows(world, SIGNALS, 50_000)) {
    insertChunk(rows);
    done += rows.length;
    process.stdout.write(`\r  sqlite: ${done.toLocaleString('en')} signals`);
  }
  raw.exec('analyze');
  raw.close();
  process.stdout.write(`\n  sqlite: built in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
}

async function buildPostgres(url: string, database: Database): Promise<void> {
  const t0 = performance.now();
  const world = await seedWorld(database);
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  const per = 1000;
  let done = 0;
  for (const rows of signalRows(world, SIGNALS, 50_000)) {
    const client = await pool.connect();
    try {
      await client.query('begin');
      for (let i = 0; i < rows.length; i += per) {
        const batch = rows.slice(i, i + per);
        const values = batch
          .map((_, r) => `(${COLUMNS.map((__, c) => `$${r * COLUMNS.length + c + 1}`).join(', ')})`)
          .join(', ');
        await client.query(`insert into signals (${COLUMNS.join(', ')}) values ${values}`, batch.flat());
      }
      await client.query('commit');
    } finally {
      client.release();
    }
    done += rows.length;
    process.stdout.write(`\r  postgres: ${done.toLocaleString('en')} signals`);
  }
  // VACUUM as autovacuum would have by now: index-only scans need the visibility map.
  await pool.query('vacuum analyze signals');
  await pool.end();
  process.stdout.write(`\n  postgres: built in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
}

interface Query {
  readonly name: string;
  /** The i-th variant of the query (parameters vary so no single result is cached). */
  readonly make: (i: number) => { actor: Actor; filters: InboxFilters };
}

function queries(
  world: World,
  countries: ReadonlyArray<World['places'][number]>,
  regions: ReadonlyArray<World['places'][number]>,
): Query[] {
  const admin: Actor = { ...SYSTEM_ACTOR, userId: 'bench-admin', username: 'bench-admin' };
  const analystIn = (p: World['places'][number]): Actor => ({
    userId: 'bench-user-0',
    username: 'bench-user-0',
    role: 'analyst',
    departmentId: null,
    jurisdictionPlaceId: p.id,
    jurisdictionPath: p.path,
  });
  const hazardOf = zipf(Math.min(50, world.hazards.length), 1.1);
  const rnd = new SeededRandom(7);
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  const states = ['new', 'under-review', 'monitoring', 'verified', 'discarded'];
  return [
    { name: 'default list, first page (world)', make: () => ({ actor: admin, filters: {} }) },
    {
      name: 'default list, first page (a country analyst)',
      make: (i) => ({ actor: analystIn(countries[i % countries.length]), filters: {} }),
    },
    {
      name: 'filter by state',
      make: (i) => ({ actor: admin, filters: { states: [states[i % states.length]] } }),
    },
    {
      name: 'filter by place subtree',
      make: (i) => ({
        actor: admin,
        filters: {
          placeId: (i % 2 === 0 ? countries[(i / 2) % countries.length] : regions[i % regions.length]).id,
        },
      }),
    },
    {
      name: 'hazard + date range (90 days, all states)',
      make: () => {
        const from = START + rnd.uniform() * (END - START - 90 * DAY);
        return {
          actor: admin,
          filters: {
            hazardIds: [world.hazards[hazardOf(rnd.uniform())].id],
            from: day(from),
            to: day(from + 90 * DAY),
            states,
          },
        };
      },
    },
    { name: 'sorted by priority', make: () => ({ actor: admin, filters: { sort: 'priority' } }) },
    {
      name: 'sorted by priority (a country analyst)',
      make: (i) => ({ actor: analystIn(countries[i % countries.length]), filters: { sort: 'priority' } }),
    },
  ];
}

const percentile = (sorted: ReadonlyArray<number>, p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

async function measure(label: string, database: Database): Promise<void> {
  const world = await readWorld(database);
  // The places that hold the most recent signals: the jurisdictions and subtrees people actually query.
  const recent = await database.db
    .selectFrom('signals')
    .select('placePath')
    .where('createdAt', '>=', '2026-11-01')
    .execute();
  const byPath = new Map<string, number>();
  for (const { placePath } of recent) {
    for (let k = placePath.indexOf('/', 1); k > 0; k = placePath.indexOf('/', k + 1)) {
      const prefix = placePath.slice(0, k + 1);
      byPath.set(prefix, (byPath.get(prefix) ?? 0) + 1);
    }
  }
  const busiest = (level: string) =>
    world.places
      .filter((p) => p.level === level && byPath.has(p.path))
      .sort((a, b) => (byPath.get(b.path) ?? 0) - (byPath.get(a.path) ?? 0))
      .slice(0, 8);
  const countries = busiest('country');
  const regions = busiest('admin1');
  const inbox = createSignalInbox({ tx: kyselyTransactor(database, createStore) });
  process.stdout.write(
    `\n${label}: ${ITERATIONS} runs per query (after ${Math.min(20, ITERATIONS)} warm-up runs); countries ${countries.map((c) => c.id).join(', ')}; ${availableParallelism()} cores, load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}\n\n`,
  );
  process.stdout.write(
    '| query | p50 ms | p95 ms | p99 ms | mean total |\n| --- | ---: | ---: | ---: | ---: |\n',
  );
  for (const q of queries(world, countries, regions)) {
    for (let i = 0; i < Math.min(20, ITERATIONS); i++) {
      const { actor, filters } = q.make(i);
      await inbox.list(actor, filters);
    }
    const times: number[] = [];
    let totals = 0;
    for (let i = 0; i < ITERATIONS; i++) {
      const { actor, filters } = q.make(i);
      const t0 = performance.now();
      const page = await inbox.list(actor, filters);
      times.push(performance.now() - t0);
      totals += page.total;
    }
    times.sort((a, b) => a - b);
    process.stdout.write(
      `| ${q.name} | ${percentile(times, 50).toFixed(1)} | ${percentile(times, 95).toFixed(1)} | ${percentile(times, 99).toFixed(1)} | ${Math.round(totals / ITERATIONS).toLocaleString('en')} |\n`,
    );
  }
}

async function main(): Promise<void> {
  const dir = args.file === undefined ? mkdtempSync(join(tmpdir(), 'tocsin-inbox-')) : undefined;
  const file = args.file ?? join(dir ?? '.', 'inbox.sqlite');
  try {
    if (!(args.reuse && existsSync(file))) {
      rmSync(file, { force: true });
      process.stdout.write(`building ${SIGNALS.toLocaleString('en')} signals in ${file}\n`);
      await buildSqlite(file);
    }
    const database = await openDatabase({ sqliteFile: file });
    const n = await database.db
      .selectFrom('signals')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    process.stdout.write(
      `sqlite: ${Number(n.n).toLocaleString('en')} signals, file ${(statSync(file).size / 1e6).toFixed(0)} MB\n`,
    );
    if (args.explain) await explainSqlite(file);
    await measure(`SQLite (${file})`, database);
    await database.close();

    const pgUrl = process.env.TOCSIN_BENCH_PG_URL;
    if (pgUrl !== undefined && pgUrl !== '') {
      const pgDatabase = await openDatabase({ postgresUrl: pgUrl });
      const existing = await pgDatabase.db
        .selectFrom('signals')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      if (Number(existing.n) === 0) {
        process.stdout.write(`\nbuilding ${SIGNALS.toLocaleString('en')} signals in PostgreSQL\n`);
        await buildPostgres(pgUrl, pgDatabase);
      } else process.stdout.write(`\npostgres: reusing ${Number(existing.n).toLocaleString('en')} signals\n`);
      await measure(`PostgreSQL (${pgDatabase.location})`, pgDatabase);
      await pgDatabase.close();
    }
  } finally {
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  }
}

/** Prints SQLite's plan of the inbox queries (to check they walk an index rather than sort). */
async function explainSqlite(file: string): Promise<void> {
  const raw = new SqliteDatabase(file, { readonly: true });
  type Stmt = { source: string; database: SqliteDatabase.Database; all(...a: unknown[]): unknown };
  const proto = Object.getPrototypeOf(raw.prepare('select 1')) as Stmt;
  raw.close();
  const all = proto.all;
  proto.all = function (this: Stmt, ...a: unknown[]) {
    if (!this.source.startsWith('explain') && this.source.includes('"signals"')) {
      const plan = all.apply(this.database.prepare(`explain query plan ${this.source}`), a) as Array<{
        detail: string;
      }>;
      process.stdout.write(`  ${this.source.slice(0, 160)}…\n    ${plan.map((p) => p.detail).join(' | ')}\n`);
    }
    return all.apply(this, a);
  };
  const database = await openDatabase({ sqliteFile: file });
  const world = await readWorld(database);
  const inbox = createSignalInbox({ tx: kyselyTransactor(database, createStore) });
  const de = world.places.find((p) => p.id === 'DE') ?? world.places[0];
  for (const q of queries(world, [de], [de])) {
    process.stdout.write(`${q.name}\n`);
    const { actor, filters } = q.make(0);
    await inbox.list(actor, filters);
  }
  proto.all = all;
  await database.close();
}

await main();
