import PgBoss from 'pg-boss';
import {
  createDetectionScheduler,
  type DetectionDispatch,
  inProcessDetectionDispatch,
  pgBossDetectionDispatch,
  startDetectionWorkers,
} from '../jobs/detection-scheduler.ts';
import { startFeedPullJob } from '../jobs/feed-pull.ts';
import { startResponseJobs } from '../jobs/response-jobs.ts';
import type { AppContext } from './context.ts';

export interface JobLog {
  info(message: string): void;
  error(message: string): void;
}

/**
 * Scheduled work of a server process: detection on each configuration's cron schedule (in process on
 * SQLite; through pg-boss queues on PostgreSQL, so every worker process shares the runs), the deadline
 * watch and the overdue-task escalation.
 */
export async function startJobs(ctx: AppContext, log: JobLog): Promise<{ stop(): Promise<void> }> {
  const s = ctx.services;
  let boss: PgBoss | undefined;
  let dispatch: DetectionDispatch;
  if (ctx.config.databaseUrl !== undefined) {
    boss = new PgBoss({ connectionString: ctx.config.databaseUrl, schema: 'pgboss' });
    boss.on('error', (err: Error) => log.error(`job queue: ${err.message}`));
    await boss.start();
    await startDetectionWorkers(boss, s.detection, log);
    dispatch = pgBossDetectionDispatch(boss);
  } else {
    dispatch = inProcessDetectionDispatch(s.detection, log);
  }
  const scheduler = createDetectionScheduler({ detection: s.detection, dispatch, log });
  await scheduler.start();
  const response = startResponseJobs({ deadlines: s.deadlines, overdue: s.overdue, log });
  const feeds = startFeedPullJob({ pull: s.pullSources, log, volume: s.reportVolume });
  return {
    async stop() {
      scheduler.stop();
      response.stop();
      feeds.stop();
      await boss?.stop({ graceful: true });
    },
  };
}
