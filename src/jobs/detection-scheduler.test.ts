import { randomUUID } from 'node:crypto';
import pg from 'pg';
import PgBoss from 'pg-boss';
import { afterEach, describe, expect, inject, it } from 'vitest';
import {
  actor,
  addWeeklySeries,
  flatThen,
  seedDetectionReference,
} from '../../test/support/detection-fixtures.ts';
import { openTestStore, type TestStore } from '../../test/support/test-store.ts';
import { DomainError } from '../domain/errors.ts';
import { createConfigureDetection } from '../services/configure-detection.ts';
import { createRunDetection, type RunReport } from '../services/run-detection.ts';
import { openDatabase } from '../storage/database.ts';
import {
  createDetectionScheduler,
  type DetectionJobLog,
  inProcessDetectionDispatch,
  pgBossDetectionDispatch,
  startDetectionWorkers,
} from './detection-scheduler.ts';

const cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

function memoryLog(): DetectionJobLog & { lines: string[] } {
  const lines: string[] = [];
  return { lines, info: (m) => lines.push(`info ${m}`), error: (m) => lines.push(`error ${m}`) };
}

async function until(
  what: string,
  check: () => boolean | Promise<boolean>,
  timeoutMs = 15_000,
): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const fakeReport = (configId: string): RunReport => ({
  configName: configId,
  series: [],
  run: {
    id: `run-${configId}`,
    configId,
    trigger: 'schedule',
    startedAt: '',
    finishedAt: '',
    status: 'succeeded',
    seriesCount: 0,
    alarmCount: 0,
    signalsOpened: 0,
    signalsUpdated: 0,
    problems: [],
  },
});

describe('the detection scheduler (croner)', () => {
  it('dispatches each scheduled configuration at its cron ticks', async () => {
    const calls: string[] = [];
    const scheduler = createDetectionScheduler({
      detection: {
        scheduled: async () => [{ id: 'c1', name: 'every second', schedule: '* * * * * *', version: 1 }],
      },
      dispatch: async (c) => {
        calls.push(c.id);
      },
      log: memoryLog(),
      refreshEveryMs: 0,
    });
    cleanup.push(() => scheduler.stop());
    await scheduler.start();
    expect(scheduler.timers().map((t) => t.configId)).toEqual(['c1']);
    await until('a tick', () => calls.length >= 1, 3000);
    expect(calls[0]).toBe('c1');
    scheduler.stop();
    expect(scheduler.timers()).toEqual([]);
  });

  it('picks up new, changed and removed schedules on refresh', async () => {
    let scheduled = [{ id: 'c1', name: 'weekly', schedule: '0 6 * * 1', version: 1 }];
    const scheduler = createDetectionScheduler({
      detection: { scheduled: async () => scheduled },
      dispatch: async () => {},
      log: memoryLog(),
      refreshEveryMs: 0,
    });
    cleanup.push(() => scheduler.stop());
    await scheduler.start();
    expect(scheduler.timers()[0].nextRun?.getDay()).toBe(1);
    scheduled = [
      { id: 'c1', name: 'daily', schedule: '0 7 * * *', version: 2 },
      { id: 'c2', name: 'monthly', schedule: '0 6 1 * *', version: 1 },
    ];
    await scheduler.refresh();
    expect(scheduler.timers().map((t) => [t.configId, t.schedule])).toEqual([
      ['c1', '0 7 * * *'],
      ['c2', '0 6 1 * *'],
    ]);
    scheduled = [];
    await scheduler.refresh();
    expect(scheduler.timers()).toEqual([]);
  });

  it('runs in process, skipping a tick while the previous run of the configuration is going', async () => {
    let release: () => void = () => {};
    const runs: string[] = [];
    const log = memoryLog();
    const dispatch = inProcessDetectionDispatch(
      {
        run: async (who, configId, trigger) => {
          runs.push(`${who.userId}:${configId}:${trigger}`);
          await new Promise<void>((r) => {
            release = r;
          });
          return fakeReport(configId);
        },
      },
      log,
    );
    const first = dispatch({ id: 'c1', name: 'slow' });
    await dispatch({ id: 'c1', name: 'slow' });
    release();
    await first;
    expect(runs).toEqual(['system:c1:schedule']);
    expect(log.lines).toEqual([
      'info detection "slow": previous run still going, tick skipped',
      'info detection "c1": succeeded, 0 series, 0 alarms, 0 signals opened, 0 extended, 0 problems',
    ]);
  });
});

/** A fresh PostgreSQL database on the test server (null when the suite runs on SQLite only). */
async function freshPostgresUrl(): Promise<string | null> {
  const admin = inject('postgresUrl');
  if (admin === null) return null;
  const name = `t_${randomUUID().replaceAll('-', '')}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  try {
    await client.query(`create database ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return url.toString();
}

async function startBoss(url: string): Promise<PgBoss> {
  const boss = new PgBoss({ connectionString: url, schedule: false, supervise: false, max: 3 });
  boss.on('error', () => {});
  await boss.start();
  cleanup.push(() => boss.stop({ graceful: false, wait: true, timeout: 2000 }));
  return boss;
}

describe.skipIf(inject('postgresUrl') === null)('scheduled detection through pg-boss on PostgreSQL', () => {
  it('enqueues a run once per configuration and tick, and a worker runs it into signals', async () => {
    const url = (await freshPostgresUrl())!;
    const database = await openDatabase({ postgresUrl: url });
    const t: TestStore = await openTestStore(database);
    cleanup.push(() => t.close());
    await seedDetectionReference(database);
    await addWeeklySeries(database, 'by', 'DE-BY', flatThen([5, 5, 30, 5]));
    const deps = { tx: t.tx, clock: t.clock, ids: t.ids };
    const config = await createConfigureDetection(deps).create(actor('admin', 'world'), {
      name: 'RKI Bavaria',
      algorithm: 'rki',
      control: { b: 1, w: 2, actY: false },
      selector: { placeIds: ['DE-BY'], frequency: 'weekly' },
      schedule: '0 6 * * 1',
      monitoredEpochs: 4,
      enabled: true,
    });
    const detection = createRunDetection({ ...deps, detectorVersion: 'tocsin-test' });
    const boss = await startBoss(url);
    const dispatch = pgBossDetectionDispatch(boss);
    const log = memoryLog();
    await startDetectionWorkers(boss, detection, log, { pollingIntervalSeconds: 0.5 });
    expect(await dispatch.enqueue(config)).toBe(true);
    // A second scheduler (another process) ticking at the same time adds nothing.
    expect(await dispatch.enqueue(config)).toBe(false);
    await until('the run', async () => {
      const runs = await database.db.selectFrom('detectionRuns').select('status').execute();
      return runs.length === 1 && runs[0].status !== 'running';
    });
    const runs = await database.db.selectFrom('detectionRuns').selectAll().execute();
    expect(runs).toMatchObject([{ trigger: 'schedule', status: 'succeeded', signalsOpened: 1 }]);
    const signals = await database.db.selectFrom('signals').select(['seriesId', 'state']).execute();
    expect(signals).toEqual([{ seriesId: 'by', state: 'new' }]);
    await until('the log line', () => log.lines.length > 0);
    expect(log.lines[0]).toMatch(
      /^info detection "RKI Bavaria": succeeded, 1 series, 1 alarms, 1 signals opened/,
    );
  });

  it('lets several workers share the queue, each job run exactly once', async () => {
    const url = (await freshPostgresUrl())!;
    const ran: Array<[string, string]> = [];
    const worker = (name: string) => ({
      run: async (_who: unknown, configId: string) => {
        ran.push([configId, name]);
        await new Promise((r) => setTimeout(r, 400));
        if (configId === 'gone') throw new DomainError('NOT_FOUND', 'detection configuration gone not found');
        return fakeReport(configId);
      },
    });
    const a = await startBoss(url);
    const b = await startBoss(url);
    const log = memoryLog();
    await startDetectionWorkers(a, worker('a'), log, { pollingIntervalSeconds: 0.5 });
    await startDetectionWorkers(b, worker('b'), log, { pollingIntervalSeconds: 0.5 });
    const configs = ['c1', 'c2', 'c3', 'c4', 'c5', 'gone'];
    for (const id of configs) expect(await pgBossDetectionDispatch(a).enqueue({ id, name: id })).toBe(true);
    await until('every job', () => ran.length >= configs.length, 20_000);
    await new Promise((r) => setTimeout(r, 1500));
    expect(ran.map(([id]) => id).sort()).toEqual([...configs].sort());
    // Jobs take 0.4 s and workers poll every 0.5 s: both workers got some.
    expect(new Set(ran.map(([, w]) => w))).toEqual(new Set(['a', 'b']));
    expect(log.lines).toContain('info detection "gone" not run: detection configuration gone not found');
  });
});
