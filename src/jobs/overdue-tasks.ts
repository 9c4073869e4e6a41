/** Scheduled job: escalate overdue response tasks (calls one service, returns its per-task result). */
import type { EscalateOverdueTasksService, OverdueRunResult } from '../services/escalate-overdue-tasks.ts';

export const OVERDUE_TASKS_JOB = 'overdue-tasks';
/** Every five minutes (croner syntax). */
export const OVERDUE_TASKS_SCHEDULE = '*/5 * * * *';

export function overdueTasksJob(service: Pick<EscalateOverdueTasksService, 'run'>) {
  return {
    name: OVERDUE_TASKS_JOB,
    schedule: OVERDUE_TASKS_SCHEDULE,
    run: (): Promise<OverdueRunResult> => service.run(),
  };
}
