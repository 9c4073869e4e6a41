/**
 * Runs the response jobs (deadline watch, overdue tasks) on their croner schedules in this process,
 * never overlapping themselves. Both are safe to run in several processes at once (PostgreSQL): every
 * mark is a conditional update, so a deadline is breached and a task escalated once, whoever gets there.
 */
import { Cron } from 'croner';
import type { EscalateOverdueTasksService } from '../services/escalate-overdue-tasks.ts';
import type { TrackDeadlinesService } from '../services/track-deadlines.ts';
import { deadlineWatchJob } from './deadline-watch.ts';
import { overdueTasksJob } from './overdue-tasks.ts';

export interface ResponseJobLog {
  info(message: string): void;
  error(message: string): void;
}

export interface ResponseJobs {
  /** Runs both jobs once now (e.g. at start-up), in order. */
  runNow(): Promise<void>;
  stop(): void;
}

export function startResponseJobs(deps: {
  readonly deadlines: Pick<TrackDeadlinesService, 'watch'>;
  readonly overdue: Pick<EscalateOverdueTasksService, 'run'>;
  readonly log: ResponseJobLog;
}): ResponseJobs {
  const deadline = deadlineWatchJob(deps.deadlines);
  const overdue = overdueTasksJob(deps.overdue);
  const watch = async (): Promise<void> => {
    try {
      const r = await deadline.run();
      if (r.items.length > 0)
        deps.log.info(
          `${deadline.name}: ${r.started} signals' deadlines started, ${r.breached} breached, ${r.failed} failed`,
        );
      for (const i of r.items)
        if (i.kind === 'failed') deps.log.error(`${deadline.name}: ${i.id}: ${i.message}`);
    } catch (err) {
      deps.log.error(`${deadline.name} failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  };
  const escalate = async (): Promise<void> => {
    try {
      const r = await overdue.run();
      if (r.items.length > 0)
        deps.log.info(`${overdue.name}: ${r.notified} tasks escalated, ${r.failed} failed`);
      for (const i of r.items)
        if (i.outcome === 'failed') deps.log.error(`${overdue.name}: task ${i.taskId}: ${i.message}`);
    } catch (err) {
      deps.log.error(`${overdue.name} failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  };
  const timers = [
    new Cron(deadline.schedule, { name: deadline.name, protect: true, unref: true }, watch),
    new Cron(overdue.schedule, { name: overdue.name, protect: true, unref: true }, escalate),
  ];
  return {
    async runNow() {
      await watch();
      await escalate();
    },
    stop() {
      for (const t of timers) t.stop();
    },
  };
}
