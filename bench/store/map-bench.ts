/**
 * Map aggregate benchmark: GET /api/signals/map's code path (the map-counts service: one GROUP BY per
 * place path, folded up to a level) on a store of 1,000,000 signals built by inbox-bench.ts, many times
 * per query; prints p50/p95 per query. With TOCSIN_BENCH_PG_URL=postgres://… the same on a PostgreSQL
 * database that inbox-bench.ts filled.
 *
 *   npx tsx bench/store/inbox-bench.ts --file=/tmp/inbox.sqlite --iterations=1   # builds the store once
 *   npx tsx bench/store/map-bench.ts --file=/tmp/inbox.sqlite [--iterations=50]
 *
 * Measured 2026-11-28 on 2 shared cores (load average ~10): p50 20–210 ms on SQLite, 63–275 ms on
 * PostgreSQL, for every query below (open, every state, one state, a date range; world or one country).
 */
import { availableParallelism, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { type Actor, SYSTEM_ACTOR } from '../../src/domain/actor.ts';
import { createMapCounts, type MapCountFilters } from '../../src/services/map-counts.ts';
import { type Database, openDatabase } from '../../src/storage/database.ts';
import { kyselyTransactor } from '../../src/storage/kysely-transactor.ts';
import { createStore } from '../../src/storage/store.ts';

const { values: args } = parseArgs({
  options: { file: { type: 'string' }, iterations: { type: 'string', default: '50' } },
});
const ITERATIONS = Number(args.iterations);

const percentile = (sorted: ReadonlyArray<number>, p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

async function measure(label: string, database: Database): Promise<void> {
  const total = await database.db
    .selectFrom('signals')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  // The country with the most signals: a national analyst's jurisdiction.
  const top = await database.db
    .selectFrom('signals')
    .select(['placePath', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('placePath')
    .orderBy('n', 'desc')
    .limit(1)
    .executeTakeFirstOrThrow();
  const countryId = top.placePath.split('/')[2];
  const country = await database.db
    .selectFrom('places')
    .select(['id', 'path'])
    .where('id', '=', countryId)
    .executeTakeFirstOrThrow();
  const admin: Actor = { ...SYSTEM_ACTOR, userId: 'bench-admin', username: 'bench-admin' };
  const analyst: Actor = {
    userId: 'bench-user-0',
    username: 'bench-user-0',
    role: 'analyst',
    departmentId: null,
    jurisdictionPlaceId: country.id,
    jurisdictionPath: country.path,
  };
  const all = ['new', 'under-review', 'monitoring', 'verified', 'discarded', 'merged'];
  const cases: ReadonlyArray<readonly [string, Actor, MapCountFilters]> = [
    ['world: open signals per country', admin, { level: 'country' }],
    ['world: open signals per first-level region', admin, { level: 'admin1' }],
    ['world: all signals per country', admin, { level: 'country', states: all }],
    [
      'world: all signals per country, one year',
      admin,
      { level: 'country', states: all, from: '2025-11-28', to: '2026-11-28' },
    ],
    ['world: verified signals per country', admin, { level: 'country', states: ['verified'] }],
    [
      'world: open signals per country, last 90 days',
      admin,
      { level: 'country', from: '2026-08-30', to: '2026-11-28' },
    ],
    [`analyst of ${country.id}: open signals per region`, analyst, { level: 'admin1' }],
    [`analyst of ${country.id}: all signals per district`, analyst, { level: 'admin2', states: all }],
  ];
  const service = createMapCounts({ tx: kyselyTransactor(database, createStore) });
  process.stdout.write(
    `\n${label}: ${Number(total.n).toLocaleString('en')} signals; ${ITERATIONS} runs per query after 3 warm-up runs; ${availableParallelism()} cores, load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}\n\n| query | places | p50 ms | p95 ms |\n| --- | ---: | ---: | ---: |\n`,
  );
  for (const [name, actor, filters] of cases) {
    let places = 0;
    for (let i = 0; i < 3; i++) places = (await service.count(actor, filters)).length;
    const times: number[] = [];
    for (let i = 0; i < ITERATIONS; i++) {
      const t0 = performance.now();
      await service.count(actor, filters);
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    process.stdout.write(
      `| ${name} | ${places} | ${percentile(times, 50).toFixed(1)} | ${percentile(times, 95).toFixed(1)} |\n`,
    );
  }
}

async function main(): Promise<void> {
  if (args.file !== undefined) {
    const database = await openDatabase({ sqliteFile: args.file });
    try {
      await measure('SQLite', database);
    } finally {
      await database.close();
    }
  }
  const url = process.env.TOCSIN_BENCH_PG_URL;
  if (url !== undefined && url !== '') {
    const database = await openDatabase({ postgresUrl: url });
    try {
      await measure('PostgreSQL', database);
    } finally {
      await database.close();
    }
  }
}

await main();
