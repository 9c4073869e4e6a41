/**
 * The overdue escalation the overdue-tasks job runs: every open task past its due time that was not
 * yet marked is marked overdue and its event's coordinator is notified — once per task (and due time:
 * rescheduling clears the mark). Each task runs in its own transaction and is reported on its own.
 */
import { SYSTEM_ACTOR } from '../domain/actor.ts';
import type { AuditWriter } from '../domain/audit-entry.ts';
import type { EventRepository } from '../domain/event.ts';
import type { NotificationRepository } from '../domain/notification.ts';
import { type Clock, type IdGenerator, isoNow, type Transactor } from '../domain/ports.ts';
import type { TaskRepository } from '../domain/response-task.ts';
import { notifyUser } from './notify.ts';

export interface OverdueStore {
  readonly tasks: Pick<TaskRepository, 'overdueUnmarked' | 'markOverdue'>;
  readonly events: Pick<EventRepository, 'getEvent' | 'appendTimeline'>;
  readonly notifications: Pick<NotificationRepository, 'insertNotification'>;
  readonly audit: AuditWriter;
}

export interface OverdueDeps {
  readonly tx: Transactor<OverdueStore>;
  readonly clock: Clock;
  readonly ids: IdGenerator;
}

export type OverdueItem =
  | {
      readonly taskId: string;
      readonly outcome: 'notified';
      readonly coordinatorId: string;
      readonly notificationId: string;
    }
  | { readonly taskId: string; readonly outcome: 'skipped'; readonly why: string }
  | { readonly taskId: string; readonly outcome: 'failed'; readonly message: string };

export interface OverdueRunResult {
  readonly at: string;
  readonly items: ReadonlyArray<OverdueItem>;
  readonly notified: number;
  readonly failed: number;
}

const BATCH = 500;

export function escalateOverdueTasks({ tx, clock, ids }: OverdueDeps) {
  return {
    async run(): Promise<OverdueRunResult> {
      const at = isoNow(clock);
      const items: OverdueItem[] = [];
      const tried = new Set<string>();
      for (;;) {
        const batch = (await tx.transaction((store) => store.tasks.overdueUnmarked(at, BATCH))).filter(
          (t) => !tried.has(t.id),
        );
        if (batch.length === 0) break;
        for (const task of batch) {
          tried.add(task.id);
          try {
            const item = await tx.transaction(async (store): Promise<OverdueItem> => {
              if (!(await store.tasks.markOverdue(task.id, at)))
                return {
                  taskId: task.id,
                  outcome: 'skipped',
                  why: 'no longer open and past due, or already marked',
                };
              const event = await store.events.getEvent(task.eventId);
              if (event === undefined) throw new Error(`event ${task.eventId} of task ${task.id} not found`);
              await store.audit.append(
                {
                  actorId: SYSTEM_ACTOR.userId,
                  action: 'task.overdue',
                  objectType: 'task',
                  objectId: task.id,
                  before: { overdueNotifiedAt: null, state: task.state, dueAt: task.dueAt },
                  after: { overdueNotifiedAt: at, notified: event.coordinatorId },
                  reason: `due ${task.dueAt}, still ${task.state}`,
                },
                at,
              );
              await store.events.appendTimeline({
                id: ids.next(),
                eventId: event.id,
                at,
                kind: 'task-overdue',
                text: `Task "${task.title}" (department ${task.departmentId}) is overdue: due ${task.dueAt}, still ${task.state}; coordinator notified`,
                actorId: SYSTEM_ACTOR.userId,
              });
              const n = await notifyUser(store, ids, at, {
                userId: event.coordinatorId,
                kind: 'task-overdue',
                subjectType: 'task',
                subjectId: task.id,
                text: `Overdue task on event "${event.title}": "${task.title}" (department ${task.departmentId}) was due ${task.dueAt}`,
              });
              return {
                taskId: task.id,
                outcome: 'notified',
                coordinatorId: event.coordinatorId,
                notificationId: n.id,
              };
            });
            items.push(item);
          } catch (err) {
            items.push({
              taskId: task.id,
              outcome: 'failed',
              message: err instanceof Error ? err.message : String(err),
            });
          }
        }
        if (batch.length < BATCH) break;
      }
      return {
        at,
        items,
        notified: items.filter((i) => i.outcome === 'notified').length,
        failed: items.filter((i) => i.outcome === 'failed').length,
      };
    },
  };
}

export type EscalateOverdueTasksService = ReturnType<typeof escalateOverdueTasks>;
