/**
 * Scheduled job: start the deadlines of newly verified signals and mark breached deadlines (calls one
 * service, returns its per-item result).
 */
import type { DeadlineWatchResult, TrackDeadlinesService } from '../services/track-deadlines.ts';

export const DEADLINE_WATCH_JOB = 'deadline-watch';
/** Every minute: the shortest legal deadline is two hours, so a breach shows within a minute. */
export const DEADLINE_WATCH_SCHEDULE = '* * * * *';

export function deadlineWatchJob(service: Pick<TrackDeadlinesService, 'watch'>) {
  return {
    name: DEADLINE_WATCH_JOB,
    schedule: DEADLINE_WATCH_SCHEDULE,
    run: (): Promise<DeadlineWatchResult> => service.watch(),
  };
}
