/**
 * Scheduled detection. Each enabled configuration with a cron schedule gets a croner timer in this
 * process; at each tick a *dispatch* decides where the run happens:
 *
 * - embedded (SQLite, one process): `inProcessDetectionDispatch` runs it here, skipping a tick while
 *   the previous run of the same configuration is still going;
 * - PostgreSQL: `pgBossDetectionDispatch` puts a job on the pg-boss queue, and every process that
 *   called `startDetectionWorkers` takes jobs from it, so several workers share the work. Every process
 *   may run the scheduler: a tick is enqueued once per configuration and minute (pg-boss singleton
 *   slot), and the `stately` queue holds at most one waiting and one running job per configuration.
 *
 * Configuration changes take effect at the next refresh (`refresh()`, and every `refreshEveryMs`).
 */
import { Cron } from 'croner';
import type PgBoss from 'pg-boss';
import { SYSTEM_ACTOR } from '../domain/actor.ts';
import { DomainError } from '../domain/errors.ts';
import type { RunDetection, RunReport } from '../services/run-detection.ts';

export const DETECTION_QUEUE = 'tocsin-detection-run';

type Scheduled = Awaited<ReturnType<RunDetection['scheduled']>>[number];

/** Where a scheduled run goes: runs it now, or enqueues it. */
export type DetectionDispatch = (config: Pick<Scheduled, 'id' | 'name'>) => Promise<void>;

export interface DetectionJobLog {
  info(message: string): void;
  error(message: string): void;
}

function summary(report: RunReport): string {
  const r = report.run;
  return `detection "${report.configName}": ${r.status}, ${r.seriesCount} series, ${r.alarmCount} alarms, ${r.signalsOpened} signals opened, ${r.signalsUpdated} extended, ${r.problems.length} problems`;
}

/** Runs a scheduled detection in this process, at most one run per configuration at a time. */
export function inProcessDetectionDispatch(
  detection: Pick<RunDetection, 'run'>,
  log: DetectionJobLog,
): DetectionDispatch {
  const running = new Set<string>();
  return async (config) => {
    if (running.has(config.id)) {
      log.info(`detection "${config.name}": previous run still going, tick skipped`);
      return;
    }
    running.add(config.id);
    try {
      log.info(summary(await detection.run(SYSTEM_ACTOR, config.id, 'schedule')));
    } catch (err) {
      log.error(`detection "${config.name}" failed: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      running.delete(config.id);
    }
  };
}

/** The job a scheduled tick puts on the queue. */
export interface DetectionJobData {
  readonly configId: string;
  readonly configName: string;
}

/** Options of every detection job: one per configuration and minute, retried twice on failure. */
export const DETECTION_JOB_OPTIONS: PgBoss.SendOptions = Object.freeze({
  singletonSeconds: 60,
  retryLimit: 2,
  retryDelay: 30,
  expireInSeconds: 6 * 3600,
});

/** Creates the queue (idempotent): at most one waiting and one running job per configuration. */
export async function createDetectionQueue(boss: PgBoss): Promise<void> {
  await boss.createQueue(DETECTION_QUEUE, { name: DETECTION_QUEUE, policy: 'stately' });
}

/** Enqueues scheduled runs on pg-boss; returns whether a job was added (false: already queued). */
export function pgBossDetectionDispatch(boss: PgBoss): DetectionDispatch & {
  enqueue(config: Pick<Scheduled, 'id' | 'name'>): Promise<boolean>;
} {
  const enqueue = async (config: Pick<Scheduled, 'id' | 'name'>): Promise<boolean> => {
    const data: DetectionJobData = { configId: config.id, configName: config.name };
    const id = await boss.send(DETECTION_QUEUE, data, { ...DETECTION_JOB_OPTIONS, singletonKey: config.id });
    return id !== null;
  };
  return Object.assign(
    async (config: Pick<Scheduled, 'id' | 'name'>) => {
      await enqueue(config);
    },
    { enqueue },
  );
}

/**
 * Takes detection jobs from the queue in this process (call it in every worker process). A run that
 * is refused (configuration gone or disabled meanwhile) completes the job; an unexpected failure fails
 * it, so pg-boss retries it.
 */
export async function startDetectionWorkers(
  boss: PgBoss,
  detection: Pick<RunDetection, 'run'>,
  log: DetectionJobLog,
  options: { readonly pollingIntervalSeconds?: number } = {},
): Promise<string> {
  await createDetectionQueue(boss);
  return boss.work<DetectionJobData>(
    DETECTION_QUEUE,
    { batchSize: 1, pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2 },
    async (jobs) => {
      for (const job of jobs) {
        try {
          log.info(summary(await detection.run(SYSTEM_ACTOR, job.data.configId, 'schedule')));
        } catch (err) {
          if (err instanceof DomainError) {
            log.info(`detection "${job.data.configName}" not run: ${err.message}`);
            continue;
          }
          log.error(
            `detection "${job.data.configName}" failed: ${err instanceof Error ? err.message : String(err)}`,
          );
          throw err;
        }
      }
    },
  );
}

export interface DetectionScheduler {
  /** Loads the schedules and starts the timers. */
  start(): Promise<void>;
  /** Re-reads the schedules: new, changed and removed configurations take effect. */
  refresh(): Promise<void>;
  stop(): void;
  /** The configurations with a timer, and their next run (for status views and tests). */
  timers(): ReadonlyArray<{
    readonly configId: string;
    readonly schedule: string;
    readonly nextRun: Date | null;
  }>;
}

/** Cron timers (croner) for the enabled, scheduled detection configurations. */
export function createDetectionScheduler(deps: {
  readonly detection: Pick<RunDetection, 'scheduled'>;
  readonly dispatch: DetectionDispatch;
  readonly log: DetectionJobLog;
  /** How often to re-read the schedules (default one minute; 0: only on `refresh()`). */
  readonly refreshEveryMs?: number;
  /** IANA time zone of the cron expressions (default: the server's). */
  readonly timezone?: string;
}): DetectionScheduler {
  const timers = new Map<string, { schedule: string; version: number; cron: Cron }>();
  let refresher: NodeJS.Timeout | undefined;

  async function refresh(): Promise<void> {
    const scheduled = await deps.detection.scheduled();
    const wanted = new Map(scheduled.map((c) => [c.id, c]));
    for (const [id, t] of timers) {
      const c = wanted.get(id);
      if (c === undefined || c.schedule !== t.schedule || c.version !== t.version) {
        t.cron.stop();
        timers.delete(id);
      }
    }
    for (const c of scheduled) {
      if (timers.has(c.id) || c.schedule === null) continue;
      try {
        const cron = new Cron(
          c.schedule,
          { name: `detection:${c.id}`, protect: true, timezone: deps.timezone, unref: true },
          () => deps.dispatch({ id: c.id, name: c.name }),
        );
        timers.set(c.id, { schedule: c.schedule, version: c.version, cron });
      } catch (err) {
        deps.log.error(`detection "${c.name}": schedule "${c.schedule}" not usable: ${String(err)}`);
      }
    }
  }

  return {
    async start() {
      await refresh();
      const every = deps.refreshEveryMs ?? 60_000;
      if (every > 0) {
        refresher = setInterval(() => {
          refresh().catch((err) => deps.log.error(`detection schedules not refreshed: ${String(err)}`));
        }, every);
        refresher.unref();
      }
    },
    refresh,
    stop() {
      if (refresher !== undefined) clearInterval(refresher);
      refresher = undefined;
      for (const t of timers.values()) t.cron.stop();
      timers.clear();
    },
    timers() {
      return [...timers].map(([configId, t]) => ({
        configId,
        schedule: t.schedule,
        nextRun: t.cron.nextRun(),
      }));
    },
  };
}
